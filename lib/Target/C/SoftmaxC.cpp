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
    w.call(softmax,
           "qat_rt_softmax(" + p + ", " + *in + ", " + w.result(softmax) + ")");
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
