// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- SoftmaxC.cpp - softmax runtime calls -------------------------------===//
//
// The int16 softmax reads TFLite's exp and reciprocal tables, written into
// the model's C file from the one definition the other backends use.
//
//===----------------------------------------------------------------------===//

#include "CSourceWriter.h"

#include "qat/Numerics/Softmax.h"

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::c_runtime;

namespace {
/// The fewest scores whose softmax reads a table of exponentials.
constexpr int64_t kSoftmaxTableMinScores = 64;

LogicalResult softmax(qint::SoftmaxOp softmax, CSourceWriter &w) {
  FailureOr<std::string> in = w.operand(softmax, softmax.getInput());
  if (failed(in))
    return failure();
  int64_t depth = shapeOf(softmax.getInput()).back();
  std::string p = w.params(
      "qat_rt_softmax_params",
      {cLiteral(numElements(softmax.getInput()) / depth), cLiteral(depth),
       cLiteral(softmax.getInputMultiplier()),
       cLiteral(softmax.getInputLeftShift()), cLiteral(softmax.getDiffMin()),
       roundingName(softmax.getRounding())});
  if (!isInt16(softmax.getInput())) {
    // Each score's exponential is a function of its difference from the row
    // maximum, one of at most 256. Attention's softmaxes (64 scores or more)
    // read the table of all of them, computed here by the numerics the
    // other backends run: up to 1 KB of flash instead of two fixed-point
    // exponentials per score. A classifier's few scores compute them.
    const int64_t entries = std::min<int64_t>(256, 1 - softmax.getDiffMin());
    if (numElements(softmax.getInput()) < kSoftmaxTableMinScores) {
      w.call(softmax, "qat_rt_softmax(" + p + ", " + *in + ", " +
                          w.result(softmax) + ")");
      return success();
    }
    numerics::SoftmaxParams params{
        static_cast<int32_t>(softmax.getInputMultiplier()),
        static_cast<int32_t>(softmax.getInputLeftShift()),
        static_cast<int32_t>(softmax.getDiffMin())};
    SmallVector<int64_t> exps;
    for (int64_t k = 0; k < entries; ++k)
      exps.push_back(
          numerics::softmaxExp(static_cast<int32_t>(-k), params,
                               qint::toNumerics(softmax.getRounding())));
    w.call(softmax, "qat_rt_softmax_table(" + p + ", " +
                        w.table("int32_t", exps) + ", " + *in + ", " +
                        w.result(softmax) + ")");
    return success();
  }
  auto table = [&](const numerics::Int16Table &t) {
    return w.table("int16_t", SmallVector<int64_t>(t.begin(), t.end()));
  };
  w.call(softmax, "qat_rt_softmax_s16(" + p + ", " +
                      table(numerics::softmaxInt16ExpTable()) + ", " +
                      table(numerics::softmaxInt16ReciprocalTable()) + ", " +
                      *in + ", " + w.result(softmax) + ")");
  return success();
}
} // namespace

void mlir::qat::registerSoftmaxC(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachCKernel<qint::SoftmaxOp, softmax>(ctx);
  });
}
