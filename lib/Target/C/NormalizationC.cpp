// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- NormalizationC.cpp - layer norm runtime calls ----------------------===//

#include "CSourceWriter.h"

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::c_runtime;

namespace {
LogicalResult layerNorm(qint::LayerNormOp op, CSourceWriter &w) {
  FailureOr<SmallVector<std::string>> operands = w.operands(op);
  if (failed(operands))
    return failure();
  numerics::LayerNormParams p = op.getLayerNormParams();
  std::string params =
      w.params("qat_rt_layer_norm_params",
               {cLiteral(p.rows), cLiteral(p.size), cLiteral(p.epsilon) + "LL",
                cLiteral(p.output.multiplier), cLiteral(p.output.shift),
                cLiteral(p.outputZp), cLiteral(p.actMin), cLiteral(p.actMax),
                roundingName(op.getRounding())});
  w.call(op, std::string(p.int16 ? "qat_rt_layer_norm_s16("
                                 : "qat_rt_layer_norm(") +
                 params + ", " + (*operands)[0] + ", " + (*operands)[1] + ", " +
                 (*operands)[2] + ", " + w.result(op) + ")");
  return success();
}
} // namespace

void mlir::qat::registerNormalizationC(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachCKernel<qint::LayerNormOp, layerNorm>(ctx);
  });
}
