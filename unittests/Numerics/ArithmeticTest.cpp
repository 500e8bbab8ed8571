// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- ArithmeticTest.cpp - int8 add, mul, mean ---------------------------===//

#include "qat/Numerics/Arithmetic.h"

#include "gtest/gtest.h"

using namespace mlir::qat::numerics;

namespace {
TEST(PrepareAdd, EqualScalesHalveEachInput) {
  // s1 = s2 = 0.5, s_out = 1: inputs scale by 0.5 / (2 * 0.5) = 0.5
  // (2^30, shift 0); the output by 1 / (2^20 * 1) = 2^-20 (2^30, shift -19).
  AddParams p = *prepareAdd(0.5, 0, 0.5, 0, 1.0, 0, Rounding::Double);
  EXPECT_EQ(p.input1, (QuantizedMultiplier{1 << 30, 0}));
  EXPECT_EQ(p.input2, (QuantizedMultiplier{1 << 30, 0}));
  EXPECT_EQ(p.output, (QuantizedMultiplier{1 << 30, -19}));
  EXPECT_EQ(p.leftShift, 20);
  // 10 * 0.5 + 20 * 0.5 = 15.
  EXPECT_EQ(addElement(10, 20, p, Rounding::Double), 15);
  // 3 * 0.5 + 0 = 1.5 -> 2 (away from zero), -1.5 -> -2.
  EXPECT_EQ(addElement(3, 0, p, Rounding::Double), 2);
  EXPECT_EQ(addElement(-3, 0, p, Rounding::Double), -2);
  // Saturates at the activation range.
  EXPECT_EQ(addElement(127, 127, p, Rounding::Double), 127);
}

TEST(PrepareAdd, ZeroPointsAndDifferentScales) {
  // s1 = 0.1 (zp 10), s2 = 0.2 (zp -5), s_out = 0.2 (zp 3).
  AddParams p = *prepareAdd(0.1, 10, 0.2, -5, 0.2, 3, Rounding::Double);
  // x = 30: 2.0; y = 5: 2.0; sum 4.0 / 0.2 = 20, + 3 = 23.
  EXPECT_EQ(addElement(30, 5, p, Rounding::Double), 23);
}

TEST(PrepareMul, Multiplier) {
  // s1 * s2 / s_out = 0.5 * 0.25 / 0.125 = 1.0.
  MulParams p = *prepareMul(0.5, 0, 0.25, 0, 0.125, 0, Rounding::Double);
  EXPECT_EQ(p.output, (QuantizedMultiplier{1 << 30, 1}));
  EXPECT_EQ(mulElement(6, 7, p, Rounding::Double), 42);
  EXPECT_EQ(mulElement(-16, 16, p, Rounding::Double), -128);
  EXPECT_EQ(mulElement(16, 16, p, Rounding::Double), 127);
}

TEST(Mean, RequantizeThenDivide) {
  // Sum of (x - zp) = 10 over 4 elements, M = 1: 10 / 4 = 2.5 -> 3, + 1.
  EXPECT_EQ(meanFromSum(10, 4, {1 << 30, 1}, 1, Rounding::Double), 4);
  EXPECT_EQ(meanFromSum(-10, 4, {1 << 30, 1}, 0, Rounding::Double), -3);
}
} // namespace
