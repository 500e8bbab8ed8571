//===- Requantization.cpp - fixed-point requantization --------------------===//

#include "qat/Numerics/Requantization.h"

#include "qat/Numerics/Generic.h"

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
