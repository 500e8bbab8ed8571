// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Activations.h - TFLite Micro's int8 activations as tables -*- C++
//-*-===//
//
// The 256 outputs TFLite Micro's reference kernels give for each int8
// input, for a `qint.lookup` table. Each returns nullopt when TFLite
// Micro's Prepare would refuse the scales.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_LIB_TARGET_TFLITE_ACTIVATIONS_H
#define QAT_LIB_TARGET_TFLITE_ACTIVATIONS_H

#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>

namespace mlir::qat::tflite_import {

/// LOGISTIC (output scale 1/256, zero point -128) or TANH (1/128, 0).
std::optional<llvm::SmallVector<int8_t>>
sigmoidTable(bool isTanh, float inputScale, int64_t inputZeroPoint);

/// HARD_SWISH.
std::optional<llvm::SmallVector<int8_t>>
hardSwishTable(float inputScale, int64_t inputZeroPoint, float outputScale,
               int64_t outputZeroPoint);

/// LEAKY_RELU (any alpha, negative included).
std::optional<llvm::SmallVector<int8_t>>
leakyReluTable(float inputScale, int64_t inputZeroPoint, float alpha,
               float outputScale, int64_t outputZeroPoint);

} // namespace mlir::qat::tflite_import

#endif // QAT_LIB_TARGET_TFLITE_ACTIVATIONS_H
