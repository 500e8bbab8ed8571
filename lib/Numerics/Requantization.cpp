//===- Requantization.cpp - fixed-point requantization --------------------===//

#include "qat/Numerics/Requantization.h"

#include <cassert>
#include <cmath>
#include <limits>

using namespace mlir::qat::numerics;

std::optional<QuantizedMultiplier>
mlir::qat::numerics::quantizeMultiplier(double real, Rounding rounding) {
  if (!std::isfinite(real) || real < 0)
    return std::nullopt;
  if (real == 0)
    return QuantizedMultiplier{0, 0};
  int shift = 0;
  double mantissa = std::frexp(real, &shift);
  auto fixed = static_cast<int64_t>(std::round(mantissa * (1LL << 31)));
  if (fixed == (1LL << 31)) {
    fixed /= 2;
    ++shift;
  }
  if (shift < -31) {
    shift = 0;
    fixed = 0;
  }
  if (rounding == Rounding::Single && shift > 30) {
    shift = 30;
    fixed = (1LL << 31) - 1;
  }
  if (shift > 31)
    return std::nullopt;
  return QuantizedMultiplier{static_cast<int32_t>(fixed), shift};
}

int32_t mlir::qat::numerics::saturatingRoundingDoublingHighMul(int32_t a,
                                                               int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min())
    return std::numeric_limits<int32_t>::max();
  int64_t ab = static_cast<int64_t>(a) * b;
  int64_t nudge = ab >= 0 ? (1LL << 30) : (1 - (1LL << 30));
  // C++ division truncates toward zero, as gemmlowp relies on.
  return static_cast<int32_t>((ab + nudge) / (1LL << 31));
}

int32_t mlir::qat::numerics::roundingDivideByPOT(int32_t x, int exponent) {
  assert(exponent >= 0 && exponent <= 31 && "exponent out of range");
  const int32_t mask = static_cast<int32_t>((1LL << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

int32_t mlir::qat::numerics::shiftLeftWrapping(int32_t x, int exponent) {
  assert(exponent >= 0 && exponent <= 31 && "exponent out of range");
  return static_cast<int32_t>(static_cast<uint32_t>(x) << exponent);
}

int32_t mlir::qat::numerics::multiplyByQuantizedMultiplier(int32_t x,
                                                           int32_t multiplier,
                                                           int32_t shift,
                                                           Rounding rounding) {
  if (rounding == Rounding::Single) {
    assert(shift >= -31 && shift <= 30 && "single-rounding shift range");
    const int totalShift = 31 - shift;
    const int64_t round = 1LL << (totalShift - 1);
    return static_cast<int32_t>(
        (static_cast<int64_t>(x) * multiplier + round) >> totalShift);
  }
  assert(shift >= -31 && shift <= 31 && "double-rounding shift range");
  const int leftShift = shift > 0 ? shift : 0;
  const int rightShift = shift > 0 ? 0 : -shift;
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(
                                 shiftLeftWrapping(x, leftShift), multiplier),
                             rightShift);
}

int32_t mlir::qat::numerics::multiplyByQuantizedMultiplierSmallerThanOneExp(
    int32_t x, int32_t multiplier, int32_t shift, Rounding rounding) {
  if (rounding == Rounding::Single)
    return multiplyByQuantizedMultiplier(x, multiplier, shift, rounding);
  assert(shift <= 0 && shift >= -31 && "shift must be in [-31, 0]");
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, multiplier),
                             -shift);
}

int32_t mlir::qat::numerics::multiplyByQuantizedMultiplierGreaterThanOne(
    int32_t x, int32_t multiplier, int32_t shift, Rounding rounding) {
  if (rounding == Rounding::Single)
    return multiplyByQuantizedMultiplier(x, multiplier, shift, rounding);
  assert(shift >= 0 && shift <= 31 && "shift must be in [0, 31]");
  return saturatingRoundingDoublingHighMul(shiftLeftWrapping(x, shift),
                                           multiplier);
}

int32_t mlir::qat::numerics::roundedDivide(int32_t acc, int32_t count) {
  assert(count > 0 && "count must be positive");
  return acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
}
