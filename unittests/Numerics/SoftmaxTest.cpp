// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- SoftmaxTest.cpp - int8 softmax and its fixed-point helpers ---------===//

#include "qat/Numerics/Softmax.h"

#include "gtest/gtest.h"

#include <cmath>
#include <vector>

using namespace mlir::qat::numerics;

namespace {
TEST(ExpOnNegativeValues, MatchesExpWithinFixedPointError) {
  // Inputs in Q5.26, results in Q0.31.
  EXPECT_EQ(expOnNegativeValues(0), 2147483647); // exp(0) = 1, saturated
  for (double x :
       {-0.001, -0.125, -0.25, -0.5, -1.0, -2.5, -7.0, -16.0, -31.9}) {
    int32_t raw = static_cast<int32_t>(std::lround(x * (1 << 26)));
    double got = expOnNegativeValues(raw) / 2147483648.0;
    // gemmlowp's series for exp on [-1/4, 0) stops at x^4 around -1/8: an
    // absolute error of at most e^(-1/8) (1/8)^5 / 5! = 2.25e-7, relative
    // to a result of at least e^(-1/4): 2.9e-7, which the barrel-shifter
    // multiplications carry along; each of the up to 8 fixed-point products
    // adds a rounding of 2^-31 absolute.
    double bound = 2.9e-7 * std::exp(x) + 8 * std::ldexp(1.0, -31);
    EXPECT_NEAR(got, std::exp(x), bound) << "x = " << x;
  }
}

TEST(OneOverOnePlusX, MatchesReciprocal) {
  // x and the result in Q0.31; 1 / (1 + x) lies in (0.5, 1].
  for (double x : {0.0, 0.25, 0.5, 0.75, 0.999}) {
    int32_t raw = static_cast<int32_t>(std::lround(x * 2147483648.0));
    double got = oneOverOnePlusXForXIn01(raw) / 2147483648.0;
    EXPECT_NEAR(got, 1.0 / (1.0 + x), 1e-8) << "x = " << x;
  }
}

TEST(PrepareSoftmax, TFLiteGoldenParameters) {
  // The golden softmax case: INPUT_MULT 1077952640, INPUT_LEFT_SHIFT 19,
  // DIFF_MIN -3968, from beta = 1 and an input scale of
  // 1077952640 * 2^(19 - 31) / 2^26... i.e. the scale whose
  // beta * scale * 2^26 quantizes to (1077952640, 19).
  double scale = 1077952640.0 * std::ldexp(1.0, 19 - 31) / (1 << 26);
  SoftmaxParams p = *prepareSoftmax(1.0, scale, Rounding::Double);
  EXPECT_EQ(p.inputMultiplier, 1077952640);
  EXPECT_EQ(p.inputLeftShift, 19);
  // floor(31 * 2^26 / 2^19) = 3968.
  EXPECT_EQ(p.diffMin, -3968);
}

TEST(SoftmaxRow, EqualInputsShareTheUnitEvenly) {
  SoftmaxParams p = *prepareSoftmax(1.0, 0.1, Rounding::Double);
  // Four equal values: 1/4 at scale 1/256 is 64, minus 128.
  std::vector<int8_t> in = {7, 7, 7, 7}, out(4);
  softmaxRow(in.data(), out.data(), 4, p, Rounding::Double);
  for (int8_t v : out)
    EXPECT_EQ(v, -64);
  // One value: probability 1, i.e. 256 - 128 = 128, clamped to 127.
  softmaxRow(in.data(), out.data(), 1, p, Rounding::Double);
  EXPECT_EQ(out[0], 127);
}

TEST(SoftmaxRow, DifferencesBelowDiffMinGiveZeroProbability) {
  // Scale 1: a difference of 255 is far below any representable exp.
  SoftmaxParams p = *prepareSoftmax(1.0, 1.0, Rounding::Double);
  std::vector<int8_t> in = {127, -128, -128}, out(3);
  softmaxRow(in.data(), out.data(), 3, p, Rounding::Double);
  EXPECT_EQ(out[0], 127);
  EXPECT_EQ(out[1], -128);
  EXPECT_EQ(out[2], -128);
}

TEST(SoftmaxRow, LongRowsOfEqualValuesRoundToZero) {
  // 1024 equal values: the sum of exponentials exceeds 2^28, the final
  // exponent exceeds 31; 1/1024 * 256 = 0.25 rounds to 0 -> -128.
  SoftmaxParams p = *prepareSoftmax(1.0, 0.1, Rounding::Double);
  std::vector<int8_t> in(1024, 3), out(1024);
  softmaxRow(in.data(), out.data(), 1024, p, Rounding::Double);
  EXPECT_EQ(out[0], -128);
  EXPECT_EQ(out[1023], -128);
}
// TFLite's int16 softmax tables, Q0.15 over 512 segments: exp(x) on
// [-10, 0] rises to exp(0) = 1, which saturates at 32767; 1/(1 + x) on
// [0, 1] falls from 1 (saturated) to 1/2 = 16384.
TEST(SoftmaxInt16Tables, EndsAndShape) {
  const Int16Table &exp = softmaxInt16ExpTable();
  const Int16Table &reciprocal = softmaxInt16ReciprocalTable();
  EXPECT_EQ(exp[512], 32767);
  // exp(-10) * 32768 = 1.49, lifted by the midpoint correction.
  EXPECT_EQ(exp[0], 2);
  EXPECT_EQ(reciprocal[0], 32767);
  EXPECT_EQ(reciprocal[512], 16384);
  for (int i = 0; i < 512; ++i) {
    EXPECT_LE(exp[i], exp[i + 1]) << i;
    EXPECT_GE(reciprocal[i], reciprocal[i + 1]) << i;
  }
}

// A row of equal inputs: each output is 1/n of 32768 (scale 1/32768).
TEST(SoftmaxInt16Row, EqualInputsShareOne) {
  std::vector<int16_t> in(4, 1000), out(4);
  softmaxInt16Row(in.data(), out.data(), 4, {1718013132, -2}, Rounding::Double);
  for (int16_t v : out)
    EXPECT_EQ(v, 8192);
}
} // namespace
