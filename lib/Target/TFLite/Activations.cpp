// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Activations.cpp - TFLite Micro's int8 activations as tables --------===//
//
// TFLite Micro computes int8 LOGISTIC and TANH per element with gemmlowp's
// fixed-point exp and reciprocal, HARD_SWISH with int16 fixed-point steps
// and LEAKY_RELU with two rescales. Each is a function of one int8 input,
// so the importer evaluates TFLite Micro's own arithmetic for the 256
// inputs and the program holds a `qint.lookup` table: the same bytes, with
// no fixed-point code on the device. Every step below is the reference
// kernel's, in its integer widths (docs/TFLite.md).
//
//===----------------------------------------------------------------------===//

#include "Activations.h"

#include "qat/Numerics/Requantization.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

using namespace mlir::qat;
using namespace mlir::qat::tflite_import;
namespace nx = mlir::qat::numerics;

namespace {
constexpr int32_t kMax32 = std::numeric_limits<int32_t>::max();
constexpr int32_t kMin32 = std::numeric_limits<int32_t>::min();

int32_t wrap32(int64_t x) {
  return static_cast<int32_t>(static_cast<uint32_t>(x));
}
int16_t wrap16(int32_t x) {
  return static_cast<int16_t>(static_cast<uint16_t>(x));
}

int32_t mul(int32_t a, int32_t b) {
  return nx::saturatingRoundingDoublingHighMul(a, b);
}

/// gemmlowp's RoundingDivideByPOT for any int (ties away from zero).
int64_t divideByPOT(int64_t x, int exponent) {
  int64_t mask = (int64_t(1) << exponent) - 1;
  int64_t remainder = x & mask;
  int64_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/// gemmlowp's SaturatingRoundingMultiplyByPOT<exponent>.
int32_t multiplyByPOT(int32_t x, int exponent) {
  if (exponent == 0)
    return x;
  if (exponent < 0)
    return static_cast<int32_t>(divideByPOT(x, -exponent));
  int32_t threshold = (int32_t(1) << (31 - exponent)) - 1;
  if (x > threshold)
    return kMax32;
  if (x < -threshold)
    return kMin32;
  return wrap32(int64_t(x) * (int64_t(1) << exponent));
}

int32_t rescale(int32_t x, int fromIntegerBits, int toIntegerBits) {
  return multiplyByPOT(x, fromIntegerBits - toIntegerBits);
}

/// exp(x) for x in [-1/4, 0), Q0.31 in and out.
int32_t expOnInterval(int32_t a) {
  int32_t x = wrap32(int64_t(a) + (1 << 28));
  int32_t x2 = mul(x, x), x3 = mul(x2, x), x4 = mul(x2, x2);
  int32_t x4Over4 = static_cast<int32_t>(divideByPOT(x4, 2));
  int32_t t = static_cast<int32_t>(divideByPOT(
      wrap32(int64_t(mul(wrap32(int64_t(x4Over4) + x3), 715827883)) + x2), 1));
  return wrap32(int64_t(1895147668) + mul(1895147668, wrap32(int64_t(x) + t)));
}

/// exp(a) for a <= 0 with `integerBits` integer bits; Q0.31 out.
int32_t expOnNegativeValues(int32_t a, int integerBits) {
  int fractionalBits = 31 - integerBits;
  int32_t oneQuarter = int32_t(1) << (fractionalBits - 2);
  int32_t moduloQuarter = wrap32(int64_t(a & (oneQuarter - 1)) - oneQuarter);
  int32_t result = expOnInterval(rescale(moduloQuarter, integerBits, 0));
  int32_t remainder = wrap32(int64_t(moduloQuarter) - a);
  static const std::pair<int, int32_t> barrels[] = {
      {-2, 1672461947}, {-1, 1302514674}, {0, 790015084}, {1, 290630308},
      {2, 39332535},    {3, 720401},      {4, 242}};
  for (auto [exponent, multiplier] : barrels)
    if (integerBits > exponent &&
        (remainder & (int32_t(1) << (fractionalBits + exponent))))
      result = mul(result, multiplier);
  if (integerBits > 5 && a < -(int32_t(1) << (36 - integerBits)))
    result = 0;
  return a == 0 ? kMax32 : result;
}

/// Newton-Raphson for 1 / (1 + a) with a in Q0.31; the result in Q2.29
/// holds 1 / ((1 + a) / 2).
int32_t reciprocalOfHalfDenominator(int32_t a) {
  int64_t sum = int64_t(a) + kMax32;
  int32_t half = wrap32((sum + (sum >= 0 ? 1 : -1)) / 2);
  int32_t x = wrap32(int64_t(1515870810) + mul(half, -1010580540));
  for (int i = 0; i < 3; ++i) {
    int32_t halfTimesX = mul(half, x);
    x = wrap32(int64_t(x) +
               rescale(mul(x, wrap32(int64_t(1 << 29) - halfTimesX)), 4, 2));
  }
  return x;
}

int32_t logistic(int32_t a, int integerBits) {
  if (a == 0)
    return 1 << 30;
  int32_t magnitude = a > 0 ? a : wrap32(-int64_t(a));
  int32_t positive = rescale(reciprocalOfHalfDenominator(expOnNegativeValues(
                                 wrap32(-int64_t(magnitude)), integerBits)),
                             1, 0);
  return a > 0 ? positive : wrap32(int64_t(kMax32) - positive);
}

int32_t tanh(int32_t a, int integerBits) {
  if (a == 0)
    return 0;
  int32_t negative = a < 0 ? a : wrap32(-int64_t(a));
  int32_t t =
      rescale(wrap32(int64_t(reciprocalOfHalfDenominator(
                         expOnNegativeValues(negative, integerBits + 1))) -
                     (1 << 29)),
              2, 0);
  return a < 0 ? wrap32(-int64_t(t)) : t;
}

int8_t clamp8(int64_t v) {
  return static_cast<int8_t>(std::clamp<int64_t>(v, -128, 127));
}

/// gemmlowp's int16 SaturatingRoundingDoublingHighMul.
int16_t mul16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min())
    return std::numeric_limits<int16_t>::max();
  int32_t ab = int32_t(a) * b;
  int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return wrap16((ab + nudge) / (1 << 15));
}

int16_t saturate16(int64_t v) {
  return static_cast<int16_t>(std::clamp<int64_t>(v, -32768, 32767));
}

/// TFLite's DownScaleInt32ToInt16Multiplier.
int16_t downScale(int32_t m) {
  return m >= kMax32 - (1 << 15) ? 32767
                                 : static_cast<int16_t>((m + (1 << 15)) >> 16);
}
} // namespace

std::optional<llvm::SmallVector<int8_t>>
mlir::qat::tflite_import::sigmoidTable(bool isTanh, float inputScale,
                                       int64_t inputZeroPoint) {
  // The input's scale onto Q4.27 (kInputIntegerBits = 4), as TFLite
  // Micro's Prepare: frexp of scale * 2^27, the mantissa rounded to 31 bits.
  int leftShift;
  double mantissa =
      std::frexp(static_cast<double>(inputScale) * static_cast<double>(1 << 27),
                 &leftShift);
  int64_t multiplier = static_cast<int64_t>(std::round(mantissa * (1ll << 31)));
  if (multiplier >= (1ll << 31) || leftShift > 31 || leftShift < -31)
    return std::nullopt;
  int64_t radius = static_cast<int64_t>(std::floor(
      15.0 * static_cast<double>(1ll << 27) / std::ldexp(1.0, leftShift)));
  llvm::SmallVector<int8_t> table;
  for (int32_t stored = -128; stored <= 127; ++stored) {
    int32_t x = stored - static_cast<int32_t>(inputZeroPoint);
    if (x <= -radius) {
      table.push_back(-128);
    } else if (x >= radius) {
      table.push_back(127);
    } else {
      int32_t q4 = nx::multiplyByQuantizedMultiplier(
          x, static_cast<int32_t>(multiplier), leftShift, nx::Rounding::Double);
      table.push_back(isTanh ? clamp8(divideByPOT(tanh(q4, 4), 24))
                             : clamp8(divideByPOT(logistic(q4, 4), 23) - 128));
    }
  }
  return table;
}

std::optional<llvm::SmallVector<int8_t>>
mlir::qat::tflite_import::hardSwishTable(float inputScale,
                                         int64_t inputZeroPoint,
                                         float outputScale,
                                         int64_t outputZeroPoint) {
  // TFLite Micro's Prepare computes the ratios in float.
  float hires = (1.0f / 128.0f) * inputScale;
  auto output = nx::quantizeMultiplier(static_cast<double>(hires / outputScale),
                                       nx::Rounding::Double);
  auto reluish = nx::quantizeMultiplier(
      static_cast<double>(hires / (3.0f / 32768.0f)), nx::Rounding::Double);
  if (!output || !reluish || output->shift > 0 || reluish->shift < -15 ||
      reluish->shift > 15 || -output->shift > 15)
    return std::nullopt;
  int16_t output16 = downScale(output->multiplier);
  int16_t reluish16 = downScale(reluish->multiplier);
  llvm::SmallVector<int8_t> table;
  for (int32_t stored = -128; stored <= 127; ++stored) {
    int16_t value = wrap16(stored - static_cast<int32_t>(inputZeroPoint));
    int16_t onHires = wrap16(int32_t(value) * 128);
    int16_t preshift = mul16(onHires, output16);
    int16_t r = onHires;
    if (reluish->shift > 0)
      r = saturate16(int64_t(r) * (int64_t(1) << (reluish->shift - 1)));
    r = mul16(r, reluish16);
    if (reluish->shift > 0)
      r = saturate16(int64_t(r) * 2);
    if (reluish->shift < 0)
      r = static_cast<int16_t>(divideByPOT(r, -reluish->shift));
    r = static_cast<int16_t>((int32_t(r) + (1 << 15)) >> 1);
    // SaturatingDoublingHighMul: truncating, no rounding.
    int16_t product = r == preshift && r == std::numeric_limits<int16_t>::min()
                          ? std::numeric_limits<int16_t>::max()
                          : wrap16((int32_t(r) * preshift) / (1 << 15));
    int16_t out =
        wrap16(static_cast<int32_t>(divideByPOT(product, -output->shift)) +
               static_cast<int32_t>(outputZeroPoint));
    table.push_back(clamp8(out));
  }
  return table;
}

std::optional<llvm::SmallVector<int8_t>>
mlir::qat::tflite_import::leakyReluTable(float inputScale,
                                         int64_t inputZeroPoint, float alpha,
                                         float outputScale,
                                         int64_t outputZeroPoint) {
  // Both ratios in float, as TFLite Micro's Prepare; a negative alpha
  // rescales by |alpha| and negates.
  auto identity = nx::quantizeMultiplier(
      static_cast<double>(inputScale / outputScale), nx::Rounding::Double);
  float ratio = inputScale * alpha / outputScale;
  auto scaled = nx::quantizeMultiplier(static_cast<double>(std::fabs(ratio)),
                                       nx::Rounding::Double);
  if (!identity || !scaled || !std::isfinite(ratio))
    return std::nullopt;
  llvm::SmallVector<int8_t> table;
  for (int32_t stored = -128; stored <= 127; ++stored) {
    int32_t x = stored - static_cast<int32_t>(inputZeroPoint);
    int64_t y = outputZeroPoint;
    if (x >= 0) {
      y += nx::multiplyByQuantizedMultiplier(
          x, identity->multiplier, identity->shift, nx::Rounding::Double);
    } else {
      int32_t v = nx::multiplyByQuantizedMultiplier(
          x, scaled->multiplier, scaled->shift, nx::Rounding::Double);
      y += ratio < 0 ? -int64_t(v) : int64_t(v);
    }
    table.push_back(clamp8(y));
  }
  return table;
}
