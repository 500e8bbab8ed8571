// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Requantization.h - fixed-point requantization ------------*- C++ -*-===//
//
// The one C++ implementation of qat's requantization arithmetic (the TFLite
// int8 scheme), used by the compiler's passes and by the interpreter; the C
// runtime implements the same functions and both are tested against the same
// vectors. docs/Numerics.md states the formulas with worked examples.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_NUMERICS_REQUANTIZATION_H
#define QAT_NUMERICS_REQUANTIZATION_H

#include <cstdint>
#include <optional>

namespace mlir::qat::numerics {

/// How a fixed-point multiply rounds.
enum class Rounding {
  /// gemmlowp's two roundings: SaturatingRoundingDoublingHighMul, then
  /// RoundingDivideByPOT. TFLite Micro's and CMSIS-NN's default.
  Double,
  /// One 64-bit multiply and one rounding shift (TFLITE_SINGLE_ROUNDING,
  /// CMSIS_NN_USE_SINGLE_ROUNDING).
  Single,
};

/// A real multiplier M encoded as M = multiplier * 2^(shift - 31), with
/// multiplier in [2^30, 2^31) (or 0 for M = 0). A positive shift is a left
/// shift.
struct QuantizedMultiplier {
  int32_t multiplier = 0;
  int32_t shift = 0;
  bool operator==(const QuantizedMultiplier &o) const {
    return multiplier == o.multiplier && shift == o.shift;
  }
};

/// TFLite's QuantizeMultiplier: frexp, round the mantissa half away from zero
/// to 31 bits, renormalise 2^31. Multipliers below 2^-32 flush to zero; with
/// single rounding, shifts above 30 clamp to 30 with multiplier 2^31 - 1, as
/// TFLite does. Returns nullopt for a negative, NaN or infinite multiplier,
/// and (double rounding) for a shift above 31, which no kernel can apply.
std::optional<QuantizedMultiplier> quantizeMultiplier(double real,
                                                      Rounding rounding);

/// round(a * b / 2^31), ties toward +infinity, saturating the single
/// overflow case INT32_MIN * INT32_MIN to INT32_MAX (ARM's VQRDMULH).
int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b);

/// round(x / 2^exponent) for exponent in [0, 31], ties away from zero.
int32_t roundingDivideByPOT(int32_t x, int exponent);

/// x * 2^exponent for exponent in [0, 31], computed modulo 2^32 like the
/// reference kernels on two's-complement hardware (the compiler proves the
/// cases it emits do not overflow).
int32_t shiftLeftWrapping(int32_t x, int exponent);

/// TFLite's MultiplyByQuantizedMultiplier: x * M rounded to an integer.
/// Double: RoundingDivideByPOT(SRDHM(x << max(shift, 0), m), max(-shift, 0)),
/// shift in [-31, 31]. Single: (x * m + 2^(30 - shift)) >> (31 - shift),
/// shift in [-31, 30].
int32_t multiplyByQuantizedMultiplier(int32_t x, int32_t multiplier,
                                      int32_t shift, Rounding rounding);

/// The largest |multiplyByQuantizedMultiplier(x, multiplier, shift,
/// rounding)| over every x with |x| <= bound (bound in [0, 2^31 - 1]), or
/// nullopt when some such x makes the rescale leave int32: with double
/// rounding, x shifted left by a positive shift; with single rounding, the
/// rounded product itself. Every kernel computes the rescale exactly within
/// these limits (docs/Numerics.md, section 3); the verifiers and
/// qint-check-accumulators prove them, and qat-run checks them per element.
std::optional<int64_t> requantizedBound(int64_t bound, int32_t multiplier,
                                        int32_t shift, Rounding rounding);

/// TFLite's MultiplyByQuantizedMultiplierSmallerThanOneExp (shift <= 0), used
/// by int8 Add: RoundingDivideByPOT(SRDHM(x, m), -shift) with double
/// rounding, multiplyByQuantizedMultiplier with single.
/// TFLite's 64-bit MultiplyByQuantizedMultiplier (int16 layers with an
/// int64 accumulator): needs shift in [-31, 7], |x| < 2^47, and a result
/// within int32 (qint-check-accumulators proves both).
int32_t multiplyByQuantizedMultiplier64(int64_t x, int32_t multiplier,
                                        int32_t shift);

int32_t multiplyByQuantizedMultiplierSmallerThanOneExp(int32_t x,
                                                       int32_t multiplier,
                                                       int32_t shift,
                                                       Rounding rounding);

/// TFLite's MultiplyByQuantizedMultiplierGreaterThanOne (shift >= 0), used by
/// int8 Softmax: SRDHM(x << shift, m) with double rounding,
/// multiplyByQuantizedMultiplier with single.
int32_t multiplyByQuantizedMultiplierGreaterThanOne(int32_t x,
                                                    int32_t multiplier,
                                                    int32_t shift,
                                                    Rounding rounding);

/// round(acc / count), ties away from zero, with C's truncating division, as
/// TFLite's int8 average pool and mean do. count > 0.
int32_t roundedDivide(int32_t acc, int32_t count);

/// Clamps to [lo, hi].
inline int32_t clampTo(int32_t v, int32_t lo, int32_t hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

} // namespace mlir::qat::numerics

#endif // QAT_NUMERICS_REQUANTIZATION_H
