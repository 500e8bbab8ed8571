//===- Pipelines.cpp - registered pass pipelines --------------------------===//

#include "qat/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "qat/Conversion/Passes.h"
#include "qat/Dialect/QAT/Transforms/Passes.h"
#include "qat/Dialect/QInt/Transforms/Passes.h"

using namespace mlir;

void mlir::qat::buildQATToInt8Pipeline(OpPassManager &pm,
                                       const QATToInt8Options &options) {
  pm.addPass(createQATImportQuantCastsPass());
  pm.addPass(createCanonicalizerPass());
  OpPassManager &fn = pm.nest<func::FuncOp>();
  fn.addPass(createQATFoldBatchNormPass());
  QATPropagateScalesPassOptions propagate;
  propagate.defaultRange.assign(options.defaultRange.begin(),
                                options.defaultRange.end());
  fn.addPass(createQATPropagateScalesPass(propagate));
  QATLowerToIntPassOptions lower;
  lower.rounding = options.rounding;
  lower.int8IO = options.int8IO;
  fn.addPass(createQATLowerToIntPass(lower));
  fn.addPass(qint::createQIntCheckAccumulatorsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void mlir::qat::registerQATPipelines() {
  PassPipelineRegistration<QATToInt8Options>(
      "qat-to-int8",
      "Compile a fake-quant training graph to the qint integer program",
      buildQATToInt8Pipeline);
}
