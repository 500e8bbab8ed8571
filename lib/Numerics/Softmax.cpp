//===- Softmax.cpp - int8 softmax as TFLite's reference -------------------===//
//
// The gemmlowp fixed-point helpers are written out for the few formats the
// int8 softmax uses. A raw int32 value v in format Qi.f (i integer bits,
// f = 31 - i) stands for v / 2^f. Products of two raw values use
// SaturatingRoundingDoublingHighMul and land in Q(i1 + i2).
//
//===----------------------------------------------------------------------===//

#include "qat/Numerics/Softmax.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir::qat::numerics;

namespace {
constexpr int32_t kInt32Max = std::numeric_limits<int32_t>::max();
constexpr int32_t kInt32Min = std::numeric_limits<int32_t>::min();

int32_t mul(int32_t a, int32_t b) {
  return saturatingRoundingDoublingHighMul(a, b);
}

/// gemmlowp's SaturatingRoundingMultiplyByPOT<exponent>.
int32_t multiplyByPOT(int32_t x, int exponent) {
  if (exponent == 0)
    return x;
  if (exponent < 0)
    return roundingDivideByPOT(x, -exponent);
  const int32_t threshold = (1 << (31 - exponent)) - 1;
  if (x > threshold)
    return kInt32Max;
  if (x < -threshold)
    return kInt32Min;
  return shiftLeftWrapping(x, exponent);
}

/// gemmlowp's RoundingHalfSum for int32.
int32_t roundingHalfSum(int32_t a, int32_t b) {
  int64_t sum = static_cast<int64_t>(a) + b;
  int64_t sign = sum >= 0 ? 1 : -1;
  return static_cast<int32_t>((sum + sign) / 2);
}

/// exp(a) for a in [-1/4, 0), Q0.31 in and out: a Taylor expansion around
/// -1/8.
int32_t expOnIntervalNegativeQuarterTo0(int32_t a) {
  const int32_t expMinusOneEighth = 1895147668; // exp(-1/8) in Q0.31
  const int32_t oneThird = 715827883;           // 1/3 in Q0.31
  const int32_t x = a + (1 << 28);              // a + 1/8
  const int32_t x2 = mul(x, x);
  const int32_t x3 = mul(x2, x);
  const int32_t x4 = mul(x2, x2);
  const int32_t x4Over4 = multiplyByPOT(x4, -2);
  const int32_t x4Over24PlusX3Over6PlusX2Over2 =
      multiplyByPOT(mul(x4Over4 + x3, oneThird) + x2, -1);
  return expMinusOneEighth +
         mul(expMinusOneEighth, x + x4Over24PlusX3Over6PlusX2Over2);
}
} // namespace

int32_t mlir::qat::numerics::expOnNegativeValues(int32_t a) {
  constexpr int kIntegerBits = kSoftmaxScaledDiffIntegerBits;
  constexpr int kFractionalBits = 31 - kIntegerBits;
  const int32_t oneQuarter = 1 << (kFractionalBits - 2);
  const int32_t mask = oneQuarter - 1;
  const int32_t aModQuarterMinusOneQuarter = (a & mask) - oneQuarter;
  int32_t result = expOnIntervalNegativeQuarterTo0(
      multiplyByPOT(aModQuarterMinusOneQuarter, kIntegerBits));
  const int32_t remainder = aModQuarterMinusOneQuarter - a;

  // exp(-2^k) for the bits of the remainder, k = -2 .. 4, in Q0.31.
  static constexpr struct {
    int exponent;
    int32_t multiplier;
  } kBarrel[] = {{-2, 1672461947}, {-1, 1302514674}, {0, 790015084},
                 {1, 290630308},   {2, 39332535},    {3, 720401},
                 {4, 242}};
  for (const auto &step : kBarrel) {
    if (kIntegerBits <= step.exponent)
      continue;
    const int shiftAmount = kFractionalBits + step.exponent;
    if (remainder & (1 << shiftAmount))
      result = mul(result, step.multiplier);
  }
  // With 5 integer bits no input is below -32, so gemmlowp's clamp for
  // wider formats never applies.
  return a == 0 ? kInt32Max : result;
}

int32_t mlir::qat::numerics::oneOverOnePlusXForXIn01(int32_t a) {
  // Newton-Raphson division in Q2.29 (constants 48/17 and -32/17).
  const int32_t halfDenominator = roundingHalfSum(a, kInt32Max); // Q0.31
  const int32_t constant48Over17 = 1515870810;                   // Q2.29
  const int32_t constantNeg32Over17 = -1010580540;               // Q2.29
  const int32_t oneQ2 = 1 << 29;
  int32_t x = constant48Over17 + mul(halfDenominator, constantNeg32Over17);
  for (int i = 0; i < 3; ++i) {
    const int32_t halfDenominatorTimesX = mul(halfDenominator, x); // Q2.29
    const int32_t oneMinus = oneQ2 - halfDenominatorTimesX;        // Q2.29
    // Q2.29 * Q2.29 is Q4.27; back to Q2.29 by a saturating shift by 2.
    x = x + multiplyByPOT(mul(x, oneMinus), 2);
  }
  // x / 2 in Q1.30 has the raw bits of x; rescale Q1.30 to Q0.31.
  return multiplyByPOT(x, 1);
}

std::optional<SoftmaxParams>
mlir::qat::numerics::prepareSoftmax(double beta, double inputScale,
                                    Rounding rounding) {
  if (!(beta > 0) || !(inputScale > 0) || !std::isfinite(beta * inputScale))
    return std::nullopt;
  const double maxRealMultiplier =
      rounding == Rounding::Single ? (1LL << 30) - 1.0 : (1LL << 31) - 1.0;
  const double real = std::min<double>(
      beta * inputScale * (1LL << (31 - kSoftmaxScaledDiffIntegerBits)),
      maxRealMultiplier);
  std::optional<QuantizedMultiplier> q = quantizeMultiplier(real, rounding);
  if (!q || q->shift < 0)
    return std::nullopt;
  // CalculateInputRadius: the largest difference whose rescaled value stays
  // representable in Q5.26.
  const double maxInputRescaled =
      1.0 * ((1 << kSoftmaxScaledDiffIntegerBits) - 1) *
      (1LL << (31 - kSoftmaxScaledDiffIntegerBits)) / (1LL << q->shift);
  SoftmaxParams params;
  params.inputMultiplier = q->multiplier;
  params.inputLeftShift = q->shift;
  params.diffMin = -static_cast<int32_t>(std::floor(maxInputRescaled));
  return params;
}

void mlir::qat::numerics::softmaxRow(const int8_t *input, int8_t *output,
                                     int64_t size, const SoftmaxParams &params,
                                     Rounding rounding) {
  int32_t maxInRow = -128;
  for (int64_t i = 0; i < size; ++i)
    maxInRow = std::max<int32_t>(maxInRow, input[i]);

  auto scaledExp = [&](int32_t diff) {
    return expOnNegativeValues(multiplyByQuantizedMultiplierGreaterThanOne(
        diff, params.inputMultiplier, params.inputLeftShift, rounding));
  };
  // Sum in Q12.19: each Q0.31 exponential rescaled by 2^-12.
  int32_t sumOfExps = 0;
  for (int64_t i = 0; i < size; ++i) {
    const int32_t diff = input[i] - maxInRow;
    if (diff >= params.diffMin)
      sumOfExps +=
          multiplyByPOT(scaledExp(diff), -kSoftmaxAccumulationIntegerBits);
  }

  // GetReciprocal: normalise the sum to [1, 2) and invert it. The row
  // maximum contributes exp(0) = 1, so the sum is at least 2^19.
  const int headroomPlusOne = __builtin_clz(static_cast<uint32_t>(sumOfExps));
  const int numBitsOverUnit = kSoftmaxAccumulationIntegerBits - headroomPlusOne;
  const int32_t shiftedSumMinusOne = static_cast<int32_t>(
      (static_cast<uint32_t>(sumOfExps) << headroomPlusOne) -
      (static_cast<uint32_t>(1) << 31));
  const int32_t shiftedScale = oneOverOnePlusXForXIn01(shiftedSumMinusOne);
  // Above 31 the reference shifts past the width (undefined behaviour, a
  // TODO in TFLite); the exact quotient of an int32 by 2^32 or more rounds
  // to 0, which qat defines as the result.
  const int outputExponent = numBitsOverUnit + 31 - 8;
  for (int64_t i = 0; i < size; ++i) {
    const int32_t diff = input[i] - maxInRow;
    if (diff < params.diffMin) {
      output[i] = -128;
      continue;
    }
    const int32_t unsaturated =
        outputExponent > 31
            ? 0
            : roundingDivideByPOT(mul(shiftedScale, scaledExp(diff)),
                                  outputExponent);
    output[i] = static_cast<int8_t>(clampTo(unsaturated - 128, -128, 127));
  }
}
