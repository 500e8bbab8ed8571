// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- FakeQuantTest.cpp - fake quantization forms ------------------------===//

#include "qat/Numerics/FakeQuant.h"

#include "gtest/gtest.h"

#include <limits>

using namespace mlir::qat::numerics;

namespace {
TEST(Nudge, SymmetricRangeMovesZeroOntoALevel) {
  // min -1, max 1, 8 bits: scale = 2/255 rounds up in float32, so
  // zp_from_min = 1 / scale = 127.4999924 (not 127.5) and rounds to 127;
  // exact arithmetic would give 128. TensorFlow computes in float32.
  NudgedRange r = nudge(-1.0f, 1.0f, 8, false);
  EXPECT_EQ(r.scale, 2.0f / 255.0f);
  EXPECT_EQ(r.zeroPoint, 127.0f);
  EXPECT_EQ(r.min, -127.0f * (2.0f / 255.0f));
  EXPECT_EQ(r.max, 128.0f * (2.0f / 255.0f));
  // Zero is exactly representable.
  EXPECT_EQ(fakeQuantMinMax(0.0f, r, TieBreaking::HalfUp), 0.0f);
  // 0.5: level floor(190.75 + 0.5) = 191, i.e. 64 steps above zero.
  EXPECT_FLOAT_EQ(fakeQuantMinMax(0.5f, r, TieBreaking::HalfUp),
                  64.0f * (2.0f / 255.0f));
  // Clamped to the nudged range.
  EXPECT_FLOAT_EQ(fakeQuantMinMax(5.0f, r, TieBreaking::HalfUp), r.max);
}

TEST(Nudge, RangeNotContainingZeroIsShifted) {
  // [0.1, 1.0]: zp_from_min < 0, so zp = 0 and the range starts at 0.
  NudgedRange r = nudge(0.1f, 1.0f, 8, false);
  EXPECT_EQ(r.zeroPoint, 0.0f);
  EXPECT_EQ(r.min, 0.0f);
  // Narrow range: levels 1..255, scale 2/254, zp_from_min = 1 + 127 = 128.
  NudgedRange n = nudge(-1.0f, 1.0f, 8, true);
  EXPECT_EQ(n.quantMin, 1.0f);
  EXPECT_EQ(n.zeroPoint, 128.0f);
  EXPECT_EQ(n.min, -1.0f);
}

TEST(FakeQuantAffine, TiesFollowTheRequestedRule) {
  // x * (1 / 0.1f) = 2.5 exactly: half to even 2, away 3, up 3.
  EXPECT_FLOAT_EQ(
      fakeQuantAffine(0.25f, 0.1f, 0, -128, 127, TieBreaking::HalfToEven),
      2 * 0.1f);
  EXPECT_FLOAT_EQ(
      fakeQuantAffine(0.25f, 0.1f, 0, -128, 127, TieBreaking::HalfAwayFromZero),
      3 * 0.1f);
  EXPECT_FLOAT_EQ(fakeQuantAffine(-0.25f, 0.1f, 0, -128, 127,
                                  TieBreaking::HalfAwayFromZero),
                  -3 * 0.1f);
  EXPECT_FLOAT_EQ(
      fakeQuantAffine(-0.25f, 0.1f, 0, -128, 127, TieBreaking::HalfUp),
      -2 * 0.1f);
}

TEST(FakeQuantAffine, ClampsToTheIntegerRange) {
  // quint8 with zero point 128: levels -128..127 around zero.
  EXPECT_FLOAT_EQ(
      fakeQuantAffine(100.0f, 0.5f, 128, 0, 255, TieBreaking::HalfToEven),
      127 * 0.5f);
  EXPECT_FLOAT_EQ(
      fakeQuantAffine(-100.0f, 0.5f, 128, 0, 255, TieBreaking::HalfToEven),
      -128 * 0.5f);
}

TEST(Quantize, RoundsHalfAwayAndClamps) {
  EXPECT_EQ(quantize(0.25f, 0.1, 0, -128, 127), 3); // 2.5 -> 3
  EXPECT_EQ(quantize(-0.25f, 0.1, 0, -128, 127), -3);
  EXPECT_EQ(quantize(1e30f, 0.1, 5, -128, 127), 127);
  EXPECT_EQ(quantize(-1e30f, 0.1, 5, -128, 127), -128);
  EXPECT_EQ(quantize(0.0f, 0.1, -7, -128, 127), -7);
  EXPECT_EQ(
      quantize(std::numeric_limits<float>::quiet_NaN(), 0.1, 5, -128, 127),
      -128);
  EXPECT_FLOAT_EQ(dequantize(-7, 0.1, -7), 0.0f);
  EXPECT_FLOAT_EQ(dequantize(3, 0.5, 1), 1.0f);
}
} // namespace

TEST(FakeQuant, NaNTakesTheLowestLevel) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(
      fakeQuantLevelAffine(nan, 0.5f, 3, -128, 127, TieBreaking::HalfToEven),
      -128);
  EXPECT_EQ(fakeQuantAffine(nan, 0.5f, 3, -128, 127, TieBreaking::HalfToEven),
            (-128 - 3) * 0.5f);
  NudgedRange r = nudge(-1.0f, 1.0f, 8, false);
  EXPECT_EQ(fakeQuantLevelMinMax(nan, r, TieBreaking::HalfUp), 0);
  EXPECT_EQ(fakeQuantMinMax(nan, r, TieBreaking::HalfUp), r.min);
}
