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
};

/// Adds the passes that turn a fake-quant training module into a qint
/// program: import quant casts, canonicalize, fold batchnorm, propagate
/// scales, lower to int, check accumulators, clean up.
void buildQATToInt8Pipeline(OpPassManager &pm, const QATToInt8Options &options);

/// Registers `qat-to-int8`.
void registerQATPipelines();

} // namespace mlir::qat

#endif // QAT_PIPELINES_PIPELINES_H
