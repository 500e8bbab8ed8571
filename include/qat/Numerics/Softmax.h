// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Softmax.h - int8 softmax as TFLite's reference -----------*- C++ -*-===//
//
// TFLite's int8 softmax: the input differences to the row maximum are scaled
// to Q5.26 fixed point, exponentiated with gemmlowp's exp_on_negative_values,
// summed in Q12.19, and divided by the sum with gemmlowp's Newton-Raphson
// reciprocal. The output scale is 1/256 and the zero point -128.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_NUMERICS_SOFTMAX_H
#define QAT_NUMERICS_SOFTMAX_H

#include "qat/Numerics/Requantization.h"

#include <array>
#include <cstdint>
#include <optional>

namespace mlir::qat::numerics {

/// Integer bits of the scaled input differences (Q5.26).
constexpr int kSoftmaxScaledDiffIntegerBits = 5;
/// Integer bits of the sum of exponentials (Q12.19).
constexpr int kSoftmaxAccumulationIntegerBits = 12;

struct SoftmaxParams {
  int32_t inputMultiplier = 0;
  int32_t inputLeftShift = 0;
  /// Differences below this (negative) value contribute exp(...) = 0.
  int32_t diffMin = 0;
};

/// TFLite's PreprocessSoftmaxScaling and CalculateInputRadius for int8.
std::optional<SoftmaxParams> prepareSoftmax(double beta, double inputScale,
                                            Rounding rounding);

/// gemmlowp's exp(x) for x <= 0: `x` in Q5.26, the result in Q0.31.
int32_t expOnNegativeValues(int32_t x);

/// gemmlowp's 1 / (1 + x) for x in [0, 1): both in Q0.31 (the result is in
/// Q0.31 as the value / 2, i.e. 1 / (1 + x) in [0.5, 1]).
int32_t oneOverOnePlusXForXIn01(int32_t x);

/// exp(diff) in Q0.31 of one input difference `diff` (x - row max, in
/// [diff_min, 0]) as softmaxRow computes it.
int32_t softmaxExp(int32_t diff, const SoftmaxParams &params,
                   Rounding rounding);

/// Softmax of one row of `size` int8 values.
void softmaxRow(const int8_t *input, int8_t *output, int64_t size,
                const SoftmaxParams &params, Rounding rounding);

/// The entries of TFLite's int16 softmax tables: 512 segments and the end.
constexpr int kInt16TableSize = 513;
using Int16Table = std::array<int16_t, kInt16TableSize>;

/// exp(x) for x in [-10, 0], Q0.15, as TFLite fills it (float arithmetic,
/// each entry corrected by half the interpolation error at its midpoint).
const Int16Table &softmaxInt16ExpTable();

/// 1 / (1 + x) for x in [0, 1], Q0.15, filled the same way.
const Int16Table &softmaxInt16ReciprocalTable();

/// int16 softmax: the multiplier and (signed) shift mapping input steps onto
/// steps of 10/65535, TFLite's preparation.
std::optional<QuantizedMultiplier>
prepareSoftmaxInt16(double beta, double inputScale, Rounding rounding);

void softmaxInt16Row(const int16_t *input, int16_t *output, int64_t size,
                     QuantizedMultiplier inputRescale, Rounding rounding);

} // namespace mlir::qat::numerics

#endif // QAT_NUMERICS_SOFTMAX_H
