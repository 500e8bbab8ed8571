// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Pipelines.h - registered pass pipelines ------------------*- C++ -*-===//

#ifndef QAT_PIPELINES_PIPELINES_H
#define QAT_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::qat {

/// Options of the qat-to-int8 pipeline.
struct QATToInt8Options : public PassPipelineOptions<QATToInt8Options> {
  Option<std::string> rounding{
      *this, "rounding",
      llvm::cl::desc("Requantization rounding: double (gemmlowp, TFLite "
                     "Micro, CMSIS-NN) or single"),
      llvm::cl::init("double")};
  Option<bool> int8IO{*this, "int8-io",
                      llvm::cl::desc("Take and return int8 tensors instead "
                                     "of quantizing and dequantizing float "
                                     "ones"),
                      llvm::cl::init(false)};
  ListOption<double> defaultRange{
      *this, "default-range",
      llvm::cl::desc("Quantize tensors that training left without "
                     "parameters to [min, max] instead of failing")};
  ListOption<std::string> int16Activations{
      *this, "int16-activations",
      llvm::cl::desc("Layers (by name, or 'all') whose activations become "
                     "int16 (qat-int16-activations)")};
};

/// Adds the passes that turn a fake-quant training module into a qint
/// program: import quant casts, canonicalize, fold batchnorm, propagate
/// scales, lower to int, check accumulators, clean up.
void buildQATToInt8Pipeline(OpPassManager &pm, const QATToInt8Options &options);

/// The two halves of qat-to-int8: the training graph made ready to lower
/// (batchnorm folded, every tensor's parameters known), and its lowering
/// to the checked qint program.
void buildQATPreparePipeline(OpPassManager &pm,
                             const QATToInt8Options &options);
void buildQATLowerPipeline(OpPassManager &pm, const QATToInt8Options &options);

/// Options of the qat-to-llvm pipeline.
struct QATToLLVMOptions : public PassPipelineOptions<QATToLLVMOptions> {
  Option<std::string> rounding{
      *this, "rounding",
      llvm::cl::desc("Requantization rounding: double or single"),
      llvm::cl::init("double")};
  Option<std::string> name{
      *this, "name",
      llvm::cl::desc("Entry point qat_<name>_run (default: the function's "
                     "name)"),
      llvm::cl::init("")};
};

/// qat-to-int8 with int8 I/O, then qint-to-loops and the upstream
/// conversions to the LLVM dialect, memrefs passed as bare pointers: the
/// module translates to LLVM IR with a C-callable qat_<name>_run.
void buildQATToLLVMPipeline(OpPassManager &pm, const QATToLLVMOptions &options);

/// qint-to-loops and the upstream conversions to the LLVM dialect (the
/// second half of qat-to-llvm), for a module of int8-io qint functions.
void buildQIntToLLVMPipeline(OpPassManager &pm, StringRef name);

/// Options of the qint-to-llvm pipeline.
struct QIntToLLVMOptions : public PassPipelineOptions<QIntToLLVMOptions> {
  Option<std::string> name{
      *this, "name",
      llvm::cl::desc("Entry point qat_<name>_run (default: the function's "
                     "name)"),
      llvm::cl::init("")};
};

/// Registers `qat-to-int8`, `qat-to-llvm` and `qint-to-llvm`.
void registerQATPipelines();

} // namespace mlir::qat

#endif // QAT_PIPELINES_PIPELINES_H
