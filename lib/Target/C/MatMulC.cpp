// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- MatMulC.cpp - batch matmul runtime calls ---------------------------===//

#include "CSourceWriter.h"

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::c_runtime;

namespace {
/// "{v0, v1, v2}".
std::string triple(const int32_t (&v)[3]) {
  return "{" + cLiteral(v[0]) + ", " + cLiteral(v[1]) + ", " + cLiteral(v[2]) +
         "}";
}

LogicalResult batchMatMul(qint::BatchMatMulOp op, CSourceWriter &w) {
  FailureOr<std::string> lhs = w.operand(op, op.getLhs());
  FailureOr<std::string> rhs = w.operand(op, op.getRhs());
  FailureOr<std::string> work = w.scratch(op);
  if (failed(lhs) || failed(rhs) || failed(work))
    return failure();
  qat_rt_batch_matmul_params p = batchMatMulParams(op);
  std::string params = w.params(
      "qat_rt_batch_matmul_params",
      {triple(p.batches), triple(p.lhs_stride), triple(p.rhs_stride),
       cLiteral(p.rows), cLiteral(p.cols), cLiteral(p.depth), cLiteral(p.adj_x),
       cLiteral(p.adj_y), cLiteral(p.lhs_zp), cLiteral(p.rhs_zp),
       cLiteral(p.output_zp), cLiteral(p.output_multiplier),
       cLiteral(p.output_shift), cLiteral(p.act_min), cLiteral(p.act_max),
       roundingName(op.getRounding())});
  const bool int16 = cast<RankedTensorType>(op.getLhs().getType())
                         .getElementType()
                         .isInteger(16);
  w.call(op, std::string(int16 ? "qat_rt_batch_matmul_s16("
                               : "qat_rt_batch_matmul(") +
                 params + ", " + *lhs + ", " + *rhs + ", " + *work + ", " +
                 w.result(op) + ")");
  return success();
}
} // namespace

void mlir::qat::registerMatMulC(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachCKernel<qint::BatchMatMulOp, batchMatMul>(ctx);
  });
}
