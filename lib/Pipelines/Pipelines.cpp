// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Pipelines.cpp - registered pass pipelines --------------------------===//

#include "qat/Pipelines/Pipelines.h"

#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "qat/Conversion/Passes.h"
#include "qat/Dialect/QAT/Transforms/Passes.h"
#include "qat/Dialect/QInt/Transforms/Passes.h"

using namespace mlir;

void mlir::qat::buildQATPreparePipeline(OpPassManager &pm,
                                        const QATToInt8Options &options) {
  pm.addPass(createQATImportQuantCastsPass());
  pm.addPass(createCanonicalizerPass());
  OpPassManager &fn = pm.nest<func::FuncOp>();
  fn.addPass(createQATFoldBatchNormPass());
  if (!options.int16Activations.empty()) {
    QATInt16ActivationsPassOptions int16;
    int16.layers.assign(options.int16Activations.begin(),
                        options.int16Activations.end());
    fn.addPass(createQATInt16ActivationsPass(int16));
  }
  QATPropagateScalesPassOptions propagate;
  propagate.defaultRange.assign(options.defaultRange.begin(),
                                options.defaultRange.end());
  fn.addPass(createQATPropagateScalesPass(propagate));
}

void mlir::qat::buildQATLowerPipeline(OpPassManager &pm,
                                      const QATToInt8Options &options) {
  OpPassManager &fn = pm.nest<func::FuncOp>();
  QATLowerToIntPassOptions lower;
  lower.rounding = options.rounding;
  lower.int8IO = options.int8IO;
  fn.addPass(createQATLowerToIntPass(lower));
  fn.addPass(qint::createQIntCheckAccumulatorsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void mlir::qat::buildQATToInt8Pipeline(OpPassManager &pm,
                                       const QATToInt8Options &options) {
  buildQATPreparePipeline(pm, options);
  buildQATLowerPipeline(pm, options);
}

void mlir::qat::buildQATToLLVMPipeline(OpPassManager &pm,
                                       const QATToLLVMOptions &options) {
  QATToInt8Options int8;
  int8.rounding = options.rounding;
  int8.int8IO = true;
  buildQATToInt8Pipeline(pm, int8);
  // Intermediate tensors go to their planned places in the caller's arena.
  pm.nest<func::FuncOp>().addPass(qint::createQIntPlanMemoryPass());
  buildQIntToLLVMPipeline(pm, options.name);
}

void mlir::qat::buildQIntToLLVMPipeline(OpPassManager &pm, StringRef name) {
  pm.nest<func::FuncOp>().addPass(qint::createQIntExpandTransposeConvPass());
  QIntToLoopsPassOptions loops;
  loops.modelName = name.str();
  pm.addPass(createQIntToLoopsPass(loops));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  ConvertFuncToLLVMPassOptions func;
  func.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(func));
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void mlir::qat::registerQATPipelines() {
  PassPipelineRegistration<QATToLLVMOptions>(
      "qat-to-llvm",
      "Compile a fake-quant training graph to the LLVM dialect with a "
      "C-callable entry point qat_<name>_run",
      buildQATToLLVMPipeline);
  PassPipelineRegistration<QATToInt8Options>(
      "qat-to-int8",
      "Compile a fake-quant training graph to the qint integer program",
      buildQATToInt8Pipeline);
  // A qint program as written (no accumulator proof, no memory plan: its
  // tensors live on the stack), for running hand-written kernels natively.
  PassPipelineRegistration<QIntToLLVMOptions>(
      "qint-to-llvm",
      "Lower a module of qint functions with int8 or int16 I/O to the LLVM "
      "dialect with C-callable entry points qat_<name>_run",
      [](OpPassManager &pm, const QIntToLLVMOptions &options) {
        buildQIntToLLVMPipeline(pm, options.name);
      });
}
