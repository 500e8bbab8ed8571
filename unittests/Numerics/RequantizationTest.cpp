// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- RequantizationTest.cpp - fixed-point requantization edge cases -----===//
//
// Every expected value is computed by hand in the comment beside it.
//
//===----------------------------------------------------------------------===//

#include "qat/Numerics/Requantization.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>

using namespace mlir::qat::numerics;

namespace {
constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
constexpr int32_t kMax = std::numeric_limits<int32_t>::max();

TEST(SaturatingRoundingDoublingHighMul, SaturatesTheOnlyOverflow) {
  // (-1) * (-1) = +1 is not representable in Q0.31.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(kMin, kMin), kMax);
  // Every other extreme fits: (-1) * (1 - 2^-31) = -1 + 2^-31.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(kMin, kMax), kMin + 1);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(kMax, kMax), kMax - 1);
}

TEST(SaturatingRoundingDoublingHighMul, ExactProducts) {
  // 2^30 * 2^30 / 2^31 = 2^29.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(1 << 30, 1 << 30), 1 << 29);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-(1 << 30), 1 << 30), -(1 << 29));
  EXPECT_EQ(saturatingRoundingDoublingHighMul(0, kMin), 0);
}

TEST(SaturatingRoundingDoublingHighMul, TiesRoundTowardPlusInfinity) {
  // a * b / 2^31 = 0.5 -> 1; -0.5 -> 0; 1.5 -> 2; -1.5 -> -1.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(1, 1 << 30), 1);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-1, 1 << 30), 0);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(3, 1 << 30), 2);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-3, 1 << 30), -1);
  // Just below and above a tie: 0.25 -> 0, 0.75 -> 1, -0.75 -> -1.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(1, 1 << 29), 0);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(3, 1 << 29), 1);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-3, 1 << 29), -1);
}

TEST(RoundingDivideByPOT, TiesRoundAwayFromZero) {
  EXPECT_EQ(roundingDivideByPOT(5, 1), 3);   // 2.5
  EXPECT_EQ(roundingDivideByPOT(-5, 1), -3); // -2.5
  EXPECT_EQ(roundingDivideByPOT(6, 2), 2);   // 1.5
  EXPECT_EQ(roundingDivideByPOT(-6, 2), -2); // -1.5
  EXPECT_EQ(roundingDivideByPOT(-2, 2), -1); // -0.5
  EXPECT_EQ(roundingDivideByPOT(2, 2), 1);   // 0.5
}

TEST(RoundingDivideByPOT, NonTies) {
  EXPECT_EQ(roundingDivideByPOT(7, 2), 2);   // 1.75
  EXPECT_EQ(roundingDivideByPOT(-7, 2), -2); // -1.75
  EXPECT_EQ(roundingDivideByPOT(5, 2), 1);   // 1.25
  EXPECT_EQ(roundingDivideByPOT(-5, 2), -1); // -1.25
  EXPECT_EQ(roundingDivideByPOT(-4, 1), -2);
  EXPECT_EQ(roundingDivideByPOT(123, 0), 123);
}

TEST(RoundingDivideByPOT, ExtremeExponents) {
  EXPECT_EQ(roundingDivideByPOT(kMax, 31), 1);        // 0.99999... -> 1
  EXPECT_EQ(roundingDivideByPOT(kMin, 31), -1);       // exactly -1
  EXPECT_EQ(roundingDivideByPOT(1 << 30, 31), 1);     // 0.5 -> 1
  EXPECT_EQ(roundingDivideByPOT(-(1 << 30), 31), -1); // -0.5 -> -1
  EXPECT_EQ(roundingDivideByPOT((1 << 30) - 1, 31), 0);
}

TEST(MultiplyByQuantizedMultiplier, ShiftsFromMinus31ToPlus30) {
  // M = 0.5 * 2^shift; x = 1000.
  const int32_t half = 1 << 30;
  EXPECT_EQ(multiplyByQuantizedMultiplier(1000, half, 0, Rounding::Double),
            500);
  EXPECT_EQ(multiplyByQuantizedMultiplier(1000, half, 1, Rounding::Double),
            1000);
  EXPECT_EQ(multiplyByQuantizedMultiplier(1000, half, 10, Rounding::Double),
            512000);
  EXPECT_EQ(multiplyByQuantizedMultiplier(1, half, 30, Rounding::Double),
            1 << 29);
  EXPECT_EQ(multiplyByQuantizedMultiplier(1000, half, -1, Rounding::Double),
            250);
  EXPECT_EQ(multiplyByQuantizedMultiplier(1000, half, -3, Rounding::Double),
            63); // 62.5 -> 63
  EXPECT_EQ(multiplyByQuantizedMultiplier(1000, half, -9, Rounding::Double),
            1); // 0.977 -> 1
  EXPECT_EQ(multiplyByQuantizedMultiplier(1000, half, -31, Rounding::Double),
            0);
}

TEST(MultiplyByQuantizedMultiplier, DoubleRoundingOfAHalfAtShiftMinus31) {
  // SRDHM(2^31 - 1, 2^30) = round((2^31 - 1) / 2) = 2^30 (ties up), then
  // 2^30 / 2^31 = 0.5 rounds away from zero to 1. The single product
  // (2^31 - 1) * 2^30 / 2^62 is just below 0.5 and rounds to 0: the two
  // modes differ here.
  const int32_t half = 1 << 30;
  EXPECT_EQ(
      roundingDivideByPOT(saturatingRoundingDoublingHighMul(kMax, half), 31),
      1);
  EXPECT_EQ(multiplyByQuantizedMultiplier(kMax, half, -31, Rounding::Single),
            0);
}

TEST(MultiplyByQuantizedMultiplier, NegativeTiesDifferBetweenModes) {
  // -1000 * 0.5 / 8 = -62.5: double rounds away (-63), single rounds up (-62).
  const int32_t half = 1 << 30;
  EXPECT_EQ(multiplyByQuantizedMultiplier(-1000, half, -3, Rounding::Double),
            -63);
  EXPECT_EQ(multiplyByQuantizedMultiplier(-1000, half, -3, Rounding::Single),
            -62);
  EXPECT_EQ(multiplyByQuantizedMultiplier(1000, half, -3, Rounding::Single),
            63);
}

TEST(MultiplyByQuantizedMultiplier, ZeroMultiplier) {
  EXPECT_EQ(multiplyByQuantizedMultiplier(kMax, 0, 0, Rounding::Double), 0);
  EXPECT_EQ(multiplyByQuantizedMultiplier(kMin, 0, 30, Rounding::Single), 0);
}

TEST(MultiplyByQuantizedMultiplier, TFLiteFullyConnectedVector) {
  // From golden fully_connected_out_activation: m = 1526191224 (0.71069...),
  // shift -8; acc 10000 -> 10000 * 0.710693 / 256 = 27.76 -> 28.
  EXPECT_EQ(
      multiplyByQuantizedMultiplier(10000, 1526191224, -8, Rounding::Double),
      28);
  EXPECT_EQ(
      multiplyByQuantizedMultiplier(-10000, 1526191224, -8, Rounding::Double),
      -28);
}

TEST(QuantizeMultiplier, ExactPowersAndMantissas) {
  EXPECT_EQ(*quantizeMultiplier(0.0, Rounding::Double),
            (QuantizedMultiplier{0, 0}));
  EXPECT_EQ(*quantizeMultiplier(0.5, Rounding::Double),
            (QuantizedMultiplier{1 << 30, 0}));
  EXPECT_EQ(*quantizeMultiplier(1.0, Rounding::Double),
            (QuantizedMultiplier{1 << 30, 1}));
  EXPECT_EQ(*quantizeMultiplier(0.75, Rounding::Double),
            (QuantizedMultiplier{1610612736, 0}));
  EXPECT_EQ(*quantizeMultiplier(0.75 / 1024, Rounding::Double),
            (QuantizedMultiplier{1610612736, -10}));
}

TEST(QuantizeMultiplier, MantissaRoundingUpTo2Pow31Renormalises) {
  // 1 - 2^-40: the mantissa rounds to 2^31, which becomes 2^30, shift + 1.
  EXPECT_EQ(*quantizeMultiplier(1.0 - std::ldexp(1.0, -40), Rounding::Double),
            (QuantizedMultiplier{1 << 30, 1}));
}

TEST(QuantizeMultiplier, TinyScalesFlushToZero) {
  // 1e-12 = 0.5498 * 2^-39: the shift is below -31.
  EXPECT_EQ(*quantizeMultiplier(1e-12, Rounding::Double),
            (QuantizedMultiplier{0, 0}));
  // 2^-32 = 0.5 * 2^-31 is the smallest that survives.
  EXPECT_EQ(*quantizeMultiplier(std::ldexp(1.0, -32), Rounding::Double),
            (QuantizedMultiplier{1 << 30, -31}));
}

TEST(QuantizeMultiplier, HugeScales) {
  // 2^40 = 0.5 * 2^41: no kernel shifts left by 41 with double rounding;
  // single rounding clamps to the largest multiplier, as TFLite does.
  EXPECT_FALSE(quantizeMultiplier(std::ldexp(1.0, 40), Rounding::Double));
  EXPECT_EQ(*quantizeMultiplier(std::ldexp(1.0, 40), Rounding::Single),
            (QuantizedMultiplier{kMax, 30}));
  EXPECT_EQ(*quantizeMultiplier(std::ldexp(1.0, 30), Rounding::Double),
            (QuantizedMultiplier{1 << 30, 31}));
}

TEST(QuantizeMultiplier, RejectsNegativeAndNonFinite) {
  EXPECT_FALSE(quantizeMultiplier(-0.5, Rounding::Double));
  EXPECT_FALSE(quantizeMultiplier(NAN, Rounding::Double));
  EXPECT_FALSE(quantizeMultiplier(INFINITY, Rounding::Single));
}

TEST(RoundedDivide, TiesAwayFromZero) {
  EXPECT_EQ(roundedDivide(5, 2), 3);   // 2.5
  EXPECT_EQ(roundedDivide(-5, 2), -3); // -2.5
  EXPECT_EQ(roundedDivide(4, 3), 1);   // 1.33
  EXPECT_EQ(roundedDivide(5, 3), 2);   // 1.67
  EXPECT_EQ(roundedDivide(-5, 3), -2);
  EXPECT_EQ(roundedDivide(0, 9), 0);
}
// TFLite's 64-bit rescale (int16 layers): the multiplier 2^30 (one half)
// rounds to 2^14 in 16 bits; shift -3 divides by 8 more, one rounding of
// (acc * 2^14 + 2^17) >> 18.
TEST(MultiplyByQuantizedMultiplier64, SixteenBitMultiplierOneRounding) {
  EXPECT_EQ(multiplyByQuantizedMultiplier64(100000, 1073741824, -3), 6250);
  EXPECT_EQ(multiplyByQuantizedMultiplier64(100004, 1073741824, -3), 6250);
  EXPECT_EQ(multiplyByQuantizedMultiplier64(100008, 1073741824, -3), 6251);
  EXPECT_EQ(multiplyByQuantizedMultiplier64(-100008, 1073741824, -3), -6250);
  // An accumulator beyond int32 (int16 x int8 sums reach it).
  EXPECT_EQ(multiplyByQuantizedMultiplier64(int64_t(1) << 40, 1073741824, -20),
            int64_t(1) << 19);
  // 0x7FFF0000 and above round to 0x7FFF, not 2^15 (which would overflow).
  EXPECT_EQ(multiplyByQuantizedMultiplier64(1 << 16, 2147483647, 0), 65534);
}

// quant_c7: the largest rescaled magnitude, or none when the rescale leaves
// int32 (docs/Numerics.md, section 3).
TEST(RequantizedBound, DoubleRoundingLeftShift) {
  // M = 2^24: 254 << 25 would wrap (to -2^26); 256 << 25 is the bound.
  EXPECT_FALSE(requantizedBound(256, 1 << 30, 25, Rounding::Double));
  EXPECT_FALSE(requantizedBound(254, 1 << 30, 25, Rounding::Double));
  // 63 << 25 fits: SRDHM halves it.
  EXPECT_EQ(requantizedBound(63, 1 << 30, 25, Rounding::Double), int64_t(63)
                                                                     << 24);
  // Right shifts never leave int32: the bound only shrinks (M < 1).
  EXPECT_EQ(requantizedBound(2147483647, 2147483647, 0, Rounding::Double),
            2147483646);
  EXPECT_EQ(requantizedBound(1000, 1 << 30, -3, Rounding::Double), 63);
}

TEST(RequantizedBound, SingleRoundingProduct) {
  // 65770 * (2^31 - 1) / 2^16 = 2155150335 > 2^31 - 1.
  EXPECT_FALSE(requantizedBound(65770, 2147483647, 15, Rounding::Single));
  EXPECT_EQ(requantizedBound(65535, 1 << 30, 15, Rounding::Single),
            int64_t(65535) << 14);
  // Ties toward +infinity: -1000 * 2^-4 = -62.5 rounds to -62, so +1000's
  // 63 (62.5 up) is the larger magnitude.
  EXPECT_EQ(requantizedBound(1000, 1 << 30, -3, Rounding::Single), 63);
}
} // namespace
