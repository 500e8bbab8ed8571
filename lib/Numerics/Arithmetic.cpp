// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Arithmetic.cpp - int8 add, mul and mean ----------------------------===//

#include "qat/Numerics/Arithmetic.h"

#include <algorithm>

using namespace mlir::qat::numerics;

std::optional<AddParams>
mlir::qat::numerics::prepareAdd(double scale1, int32_t zeroPoint1,
                                double scale2, int32_t zeroPoint2,
                                double outputScale, int32_t outputZeroPoint,
                                Rounding rounding, int32_t leftShift) {
  if (!(scale1 > 0) || !(scale2 > 0) || !(outputScale > 0))
    return std::nullopt;
  const double twiceMaxInputScale = 2 * std::max(scale1, scale2);
  auto in1 = quantizeMultiplier(scale1 / twiceMaxInputScale, rounding);
  auto in2 = quantizeMultiplier(scale2 / twiceMaxInputScale, rounding);
  auto out = quantizeMultiplier(
      twiceMaxInputScale / ((1 << leftShift) * outputScale), rounding);
  if (!in1 || !in2 || !out || in1->shift > 0 || in2->shift > 0 ||
      out->shift > 0)
    return std::nullopt;
  AddParams p;
  p.leftShift = leftShift;
  p.input1ZeroPoint = zeroPoint1;
  p.input2ZeroPoint = zeroPoint2;
  p.outputZeroPoint = outputZeroPoint;
  p.input1 = *in1;
  p.input2 = *in2;
  p.output = *out;
  return p;
}

int32_t mlir::qat::numerics::addElement(int32_t x, int32_t y,
                                        const AddParams &p, Rounding rounding) {
  const int32_t shifted1 = (x - p.input1ZeroPoint) * (1 << p.leftShift);
  const int32_t shifted2 = (y - p.input2ZeroPoint) * (1 << p.leftShift);
  const int32_t scaled1 = multiplyByQuantizedMultiplierSmallerThanOneExp(
      shifted1, p.input1.multiplier, p.input1.shift, rounding);
  const int32_t scaled2 = multiplyByQuantizedMultiplierSmallerThanOneExp(
      shifted2, p.input2.multiplier, p.input2.shift, rounding);
  const int32_t raw = multiplyByQuantizedMultiplierSmallerThanOneExp(
                          p.subtract ? scaled1 - scaled2 : scaled1 + scaled2,
                          p.output.multiplier, p.output.shift, rounding) +
                      p.outputZeroPoint;
  return clampTo(raw, p.actMin, p.actMax);
}

std::optional<MulParams> mlir::qat::numerics::prepareMul(
    double scale1, int32_t zeroPoint1, double scale2, int32_t zeroPoint2,
    double outputScale, int32_t outputZeroPoint, Rounding rounding) {
  if (!(scale1 > 0) || !(scale2 > 0) || !(outputScale > 0))
    return std::nullopt;
  auto out = quantizeMultiplier(scale1 * scale2 / outputScale, rounding);
  if (!out)
    return std::nullopt;
  MulParams p;
  p.input1ZeroPoint = zeroPoint1;
  p.input2ZeroPoint = zeroPoint2;
  p.outputZeroPoint = outputZeroPoint;
  p.output = *out;
  return p;
}

int32_t mlir::qat::numerics::mulElement(int32_t x, int32_t y,
                                        const MulParams &p, Rounding rounding) {
  const int32_t product = (x - p.input1ZeroPoint) * (y - p.input2ZeroPoint);
  const int32_t raw =
      multiplyByQuantizedMultiplier(product, p.output.multiplier,
                                    p.output.shift, rounding) +
      p.outputZeroPoint;
  return clampTo(raw, p.actMin, p.actMax);
}

int8_t mlir::qat::numerics::meanFromSum(int32_t sumMinusZeroPoint,
                                        int32_t count,
                                        QuantizedMultiplier multiplier,
                                        int32_t outputZeroPoint,
                                        Rounding rounding) {
  const int32_t scaled = multiplyByQuantizedMultiplier(
      sumMinusZeroPoint, multiplier.multiplier, multiplier.shift, rounding);
  const int32_t raw = roundedDivide(scaled, count) + outputZeroPoint;
  return static_cast<int8_t>(clampTo(raw, -128, 127));
}
