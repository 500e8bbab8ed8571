// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- ElementwiseC.cpp - add, mul, requantize and lookup runtime calls ---===//

#include "CSourceWriter.h"

#include <type_traits>

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::c_runtime;

namespace {
/// qint.add, and qint.sub (its own runtime kernels, the same parameters).
template <typename Op>
LogicalResult add(Op add, CSourceWriter &w) {
  constexpr bool subtract = std::is_same_v<Op, qint::SubOp>;
  auto ops = w.operands(add);
  if (failed(ops))
    return failure();
  std::string p = w.params(
      "qat_rt_add_params",
      {cLiteral(numElements(add.getOutput())),
       cLiteral(broadcastSize(add.getLhs(), add.getOutput())),
       cLiteral(broadcastSize(add.getRhs(), add.getOutput())),
       cLiteral(add.getLhsZp()), cLiteral(add.getRhsZp()),
       cLiteral(add.getLeftShift()), cLiteral(add.getLhsMultiplier()),
       cLiteral(add.getLhsShift()), cLiteral(add.getRhsMultiplier()),
       cLiteral(add.getRhsShift()), cLiteral(add.getOutputMultiplier()),
       cLiteral(add.getOutputShift()), cLiteral(add.getOutputZp()),
       cLiteral(add.getActMin()), cLiteral(add.getActMax()),
       roundingName(add.getRounding())});
  std::string kernel = subtract ? "qat_rt_sub" : "qat_rt_add";
  w.call(add, kernel + (isInt16(add.getOutput()) ? "_s16(" : "(") + p + ", " +
                  (*ops)[0] + ", " + (*ops)[1] + ", " + w.result(add) + ")");
  return success();
}

LogicalResult mul(qint::MulOp mul, CSourceWriter &w) {
  auto ops = w.operands(mul);
  if (failed(ops))
    return failure();
  std::string p = w.params(
      "qat_rt_mul_params",
      {cLiteral(numElements(mul.getOutput())),
       cLiteral(broadcastSize(mul.getLhs(), mul.getOutput())),
       cLiteral(broadcastSize(mul.getRhs(), mul.getOutput())),
       cLiteral(mul.getLhsZp()), cLiteral(mul.getRhsZp()),
       cLiteral(mul.getOutputMultiplier()), cLiteral(mul.getOutputShift()),
       cLiteral(mul.getOutputZp()), cLiteral(mul.getActMin()),
       cLiteral(mul.getActMax()), roundingName(mul.getRounding())});
  w.call(mul, std::string(isInt16(mul.getOutput()) ? "qat_rt_mul_s16("
                                                   : "qat_rt_mul(") +
                  p + ", " + (*ops)[0] + ", " + (*ops)[1] + ", " +
                  w.result(mul) + ")");
  return success();
}

LogicalResult requantize(qint::RequantizeOp rq, CSourceWriter &w) {
  FailureOr<std::string> in = w.operand(rq, rq.getInput());
  if (failed(in))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(rq.getInput());
  int64_t channels = 1, inner = 1;
  if (std::optional<int64_t> axis = rq.getAxis()) {
    channels = shape[*axis];
    for (int64_t d = *axis + 1; d < static_cast<int64_t>(shape.size()); ++d)
      inner *= shape[d];
  }
  std::string p =
      w.params("qat_rt_requantize_params",
               {cLiteral(numElements(rq.getInput())), cLiteral(channels),
                cLiteral(inner), cLiteral(rq.getInputZp()),
                w.outputStage(rq.getMultiplier(), rq.getShift(), channels,
                              rq.getOutputZp(), rq.getActMin(), rq.getActMax(),
                              rq.getRounding())});
  auto bytesOf = [](Value v) {
    return cast<RankedTensorType>(v.getType()).getElementTypeBitWidth() / 8;
  };
  int64_t inBytes = bytesOf(rq.getInput()), outBytes = bytesOf(rq.getOutput());
  if (outBytes == 2 || inBytes == 2)
    w.call(rq, "qat_rt_requantize_mixed(" + p + ", " + *in + ", " +
                   cLiteral(inBytes) + ", " + w.result(rq) + ", " +
                   cLiteral(outBytes) + ")");
  else
    w.call(rq, std::string(inBytes == 4 ? "qat_rt_requantize_i32("
                                        : "qat_rt_requantize_i8(") +
                   p + ", " + *in + ", " + w.result(rq) + ")");
  return success();
}

LogicalResult leakyRelu(qint::LeakyReluOp op, CSourceWriter &w) {
  FailureOr<std::string> in = w.operand(op, op.getInput());
  if (failed(in))
    return failure();
  std::string p = w.params(
      "qat_rt_leaky_relu_params",
      {cLiteral(numElements(op.getInput())),
       cLiteral(isInt16(op.getOutput()) ? 2 : 1), cLiteral(op.getInputZp()),
       cLiteral(op.getOutputZp()), cLiteral(op.getIdentityMultiplier()),
       cLiteral(op.getIdentityShift()), cLiteral(op.getAlphaMultiplier()),
       cLiteral(op.getAlphaShift()), roundingName(op.getRounding())});
  w.call(op, "qat_rt_leaky_relu(" + p + ", " + *in + ", " + w.result(op) + ")");
  return success();
}

LogicalResult lookup(qint::LookupOp lookup, CSourceWriter &w) {
  FailureOr<std::string> in = w.operand(lookup, lookup.getInput());
  if (failed(in))
    return failure();
  SmallVector<int64_t> table(lookup.getTable().begin(),
                             lookup.getTable().end());
  w.call(lookup, "qat_rt_lookup(" + w.array("int8_t", table) + ", " + *in +
                     ", " + cLiteral(numElements(lookup.getInput())) + ", " +
                     w.result(lookup) + ")");
  return success();
}

/// Quantize and dequantize convert float at the program's boundary, which
/// the C entry point does not have.
template <typename Op>
LogicalResult floatBoundary(Op op, CSourceWriter &) {
  return op.emitError("the C backend takes int8 inputs and outputs; "
                      "lower the model with int8-io");
}
} // namespace

void mlir::qat::registerElementwiseC(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachCKernel<qint::AddOp, add<qint::AddOp>>(ctx);
    attachCKernel<qint::SubOp, add<qint::SubOp>>(ctx);
    attachCKernel<qint::LeakyReluOp, leakyRelu>(ctx);
    attachCKernel<qint::MulOp, mul>(ctx);
    attachCKernel<qint::RequantizeOp, requantize>(ctx);
    attachCKernel<qint::LookupOp, lookup>(ctx);
    attachCKernel<qint::QuantizeOp, floatBoundary<qint::QuantizeOp>>(ctx);
    attachCKernel<qint::DequantizeOp, floatBoundary<qint::DequantizeOp>>(ctx);
  });
}
