// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Calibrate.h - post-training quantization in qat's own path -*- C++
//-*-===//
//
// Turns a float graph (qat ops without fake_quant: an ONNX float model, a
// float .mlir) into a fake-quant graph from calibration samples, so PTQ
// models reach the device through the same compiler, and the same per-layer
// report, as QAT models.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_COMPILER_CALIBRATE_H
#define QAT_COMPILER_CALIBRATE_H

#include "mlir/IR/BuiltinOps.h"
#include "qat/Interpreter/Tensor.h"

#include <string>
#include <vector>

namespace mlir::qat {

enum class CalibrationMethod {
  /// The observed minimum and maximum.
  MinMax,
  /// The `percentile` and 100 - `percentile` percentiles (outliers clip).
  Percentile,
  /// The range, among the min/max range scaled by 0.85^k (k = 0 to 30),
  /// whose 8-bit fake-quant has the least squared error on the samples.
  MSE,
};

struct CalibrationOptions {
  CalibrationMethod method = CalibrationMethod::MinMax;
  /// One weight range per output channel (else one per tensor).
  bool perChannel = true;
  /// Weight bits, 2 to 8 (symmetric, narrow range).
  int weightBits = 8;
  double percentile = 99.99;
};

/// Parses "minmax", "percentile" or "mse".
std::optional<CalibrationMethod> parseCalibrationMethod(llvm::StringRef name);

/// Folds batchnorm into the float graph's layers, runs `samples` (one
/// vector of input tensors each) through it, and inserts qat.fake_quant on
/// its inputs, weights and layer outputs (8-bit activations in TensorFlow's
/// min/max form; symmetric weights). The other tensors take their
/// parameters from qat-propagate-scales when the graph is compiled.
LogicalResult calibrate(ModuleOp graph,
                        const std::vector<std::vector<Tensor>> &samples,
                        const CalibrationOptions &options);

} // namespace mlir::qat

#endif // QAT_COMPILER_CALIBRATE_H
