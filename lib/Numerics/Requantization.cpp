// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Requantization.cpp - fixed-point requantization --------------------===//

#include "qat/Numerics/Requantization.h"

#include "qat/Numerics/Generic.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdlib>
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

// The fixed-point functions are the generic definitions (Generic.h)
// instantiated on int32_t; the LLVM path instantiates the same templates.

int32_t mlir::qat::numerics::saturatingRoundingDoublingHighMul(int32_t a,
                                                               int32_t b) {
  generic::ScalarDomain d;
  return generic::srdhm(d, a, b);
}

int32_t mlir::qat::numerics::roundingDivideByPOT(int32_t x, int exponent) {
  assert(exponent >= 0 && exponent <= 31 && "exponent out of range");
  generic::ScalarDomain d;
  return generic::rdbpot(d, x, exponent);
}

int32_t mlir::qat::numerics::shiftLeftWrapping(int32_t x, int exponent) {
  assert(exponent >= 0 && exponent <= 31 && "exponent out of range");
  generic::ScalarDomain d;
  return d.shl(x, exponent);
}

int32_t mlir::qat::numerics::multiplyByQuantizedMultiplier(int32_t x,
                                                           int32_t multiplier,
                                                           int32_t shift,
                                                           Rounding rounding) {
  assert(shift >= -31 && shift <= (rounding == Rounding::Single ? 30 : 31) &&
         "shift out of range");
  generic::ScalarDomain d;
  return generic::mbqm(d, x, multiplier, shift, rounding == Rounding::Single);
}

std::optional<int64_t>
mlir::qat::numerics::requantizedBound(int64_t bound, int32_t multiplier,
                                      int32_t shift, Rounding rounding) {
  constexpr int64_t kMax = std::numeric_limits<int32_t>::max();
  assert(bound >= 0 && bound <= kMax && "bound out of range");
  if (rounding == Rounding::Double) {
    // The rescale is monotonic in x, so its extremes are at -bound and
    // bound, once the left shift is known not to wrap.
    if (shift > 0 && (bound << shift) > kMax)
      return std::nullopt;
    const auto x = static_cast<int32_t>(bound);
    return std::max<int64_t>(std::abs(int64_t(multiplyByQuantizedMultiplier(
                                 x, multiplier, shift, rounding))),
                             std::abs(int64_t(multiplyByQuantizedMultiplier(
                                 -x, multiplier, shift, rounding))));
  }
  // Single rounding: floor((x m + 2^(t-1)) / 2^t), t = 31 - shift, in 64
  // bits (|x m| < 2^62); the extremes are again at -bound and bound.
  const int64_t total = 31 - shift;
  const int64_t round = int64_t(1) << (total - 1);
  const int64_t product = bound * multiplier;
  const int64_t high = (product + round) >> total;
  const int64_t low = (round - product) >> total;
  if (high > kMax || low < std::numeric_limits<int32_t>::min())
    return std::nullopt;
  return std::max(high, -low);
}

int32_t mlir::qat::numerics::multiplyByQuantizedMultiplier64(int64_t x,
                                                             int32_t multiplier,
                                                             int32_t shift) {
  assert(shift >= -31 && shift <= 7 && "shift out of range");
  generic::ScalarDomain d;
  return generic::mbqm64(d, x, multiplier, shift);
}

int32_t mlir::qat::numerics::multiplyByQuantizedMultiplierSmallerThanOneExp(
    int32_t x, int32_t multiplier, int32_t shift, Rounding rounding) {
  assert(shift <= 0 && shift >= -31 && "shift must be in [-31, 0]");
  generic::ScalarDomain d;
  return generic::mbqmSmallerThanOne(d, x, multiplier, shift,
                                     rounding == Rounding::Single);
}

int32_t mlir::qat::numerics::multiplyByQuantizedMultiplierGreaterThanOne(
    int32_t x, int32_t multiplier, int32_t shift, Rounding rounding) {
  assert(shift >= 0 && shift <= 31 && "shift must be in [0, 31]");
  generic::ScalarDomain d;
  return generic::mbqmGreaterThanOne(d, x, multiplier, shift,
                                     rounding == Rounding::Single);
}

int32_t mlir::qat::numerics::roundedDivide(int32_t acc, int32_t count) {
  assert(count > 0 && "count must be positive");
  generic::ScalarDomain d;
  return generic::roundedDivide(d, acc, count);
}
