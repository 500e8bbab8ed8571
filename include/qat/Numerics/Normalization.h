// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Normalization.h - integer layer norm ---------------------*- C++ -*-===//
//
// qat's integer layer norm (int8 or int16 in and out; docs/Numerics.md,
// section 15):
// an exact integer mean and variance, an integer inverse square root, the
// affine part as a per-channel scale and bias in one output stage. The row
// arithmetic is generic (qat/Numerics/Generic.h), so the LLVM loops compute
// the same bits.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_NUMERICS_NORMALIZATION_H
#define QAT_NUMERICS_NORMALIZATION_H

#include "qat/Numerics/Requantization.h"

#include <cstdint>

namespace mlir::qat::numerics {

/// The normalized values' fixed point: Q14 of 1 / sqrt(N) for int8, Q30
/// for int16 (whose output stage is TFLite's 64-bit rescale).
constexpr int kLayerNormFractionBits = 14;
constexpr int kLayerNormFractionBits16 = 30;
/// The longest normalized axis: the sum of squared centred values (below
/// N^3 2^14 for int8, N^3 2^30 for int16) stays below 2^62 with room for
/// the epsilon.
constexpr int64_t kLayerNormMaxSize = 4096;
constexpr int64_t kLayerNormMaxSize16 = 1024;

struct LayerNormParams {
  /// Rows of `size` values, each normalized on its own.
  int64_t rows = 0, size = 0;
  /// eps * N^3 / s_x^2, rounded: the variance's epsilon in the units of
  /// the sum of squared centred values.
  int64_t epsilon = 0;
  QuantizedMultiplier output{};
  int32_t outputZp = 0, actMin = -128, actMax = 127;
  Rounding rounding = Rounding::Double;
  /// int16 values: Q30 normalized values, an int64 beta and TFLite's 64-bit
  /// rescale (the rounding mode does not apply).
  bool int16 = false;

  int fractionBits() const {
    return int16 ? kLayerNormFractionBits16 : kLayerNormFractionBits;
  }
};

/// Every row: `gamma` (int16) and `beta` (int32 for int8, int64 for int16)
/// per position of the row.
void layerNorm(const LayerNormParams &p, const int32_t *input,
               const int32_t *gamma, const int64_t *beta, int32_t *output);

} // namespace mlir::qat::numerics

#endif // QAT_NUMERICS_NORMALIZATION_H
