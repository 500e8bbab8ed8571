// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Softmax.cpp - int8 softmax as TFLite's reference -------------------===//
//
// The arithmetic is the generic definitions (Generic.h) on int32_t; the LLVM
// path instantiates the same templates.
//
//===----------------------------------------------------------------------===//

#include "qat/Numerics/Softmax.h"

#include "qat/Numerics/Generic.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir::qat::numerics;

int32_t mlir::qat::numerics::expOnNegativeValues(int32_t a) {
  generic::ScalarDomain d;
  return generic::expOnNegativeValues(d, a);
}

int32_t mlir::qat::numerics::oneOverOnePlusXForXIn01(int32_t a) {
  generic::ScalarDomain d;
  return generic::oneOverOnePlusXForXIn01(d, a);
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

int32_t mlir::qat::numerics::softmaxExp(int32_t diff,
                                        const SoftmaxParams &params,
                                        Rounding rounding) {
  generic::ScalarDomain d;
  return generic::softmaxExp(d, diff, params.inputMultiplier,
                             params.inputLeftShift,
                             rounding == Rounding::Single);
}

void mlir::qat::numerics::softmaxRow(const int8_t *input, int8_t *output,
                                     int64_t size, const SoftmaxParams &params,
                                     Rounding rounding) {
  generic::ScalarDomain d;
  const bool single = rounding == Rounding::Single;
  int32_t maxInRow = -128;
  for (int64_t i = 0; i < size; ++i)
    maxInRow = std::max<int32_t>(maxInRow, input[i]);
  auto exp = [&](int32_t diff) {
    return generic::softmaxExp(d, diff, params.inputMultiplier,
                               params.inputLeftShift, single);
  };
  int32_t sum = 0;
  for (int64_t i = 0; i < size; ++i) {
    const int32_t diff = input[i] - maxInRow;
    if (diff >= params.diffMin)
      sum += generic::softmaxAccumulate(d, exp(diff));
  }
  auto [shiftedScale, exponent] = generic::softmaxReciprocal(d, sum);
  for (int64_t i = 0; i < size; ++i) {
    const int32_t diff = input[i] - maxInRow;
    output[i] = static_cast<int8_t>(
        diff < params.diffMin
            ? -128
            : generic::softmaxOutput(d, shiftedScale, exp(diff), exponent));
  }
}

namespace {
/// TFLite's LUTPopulate for int16: `f` over the int16 inputs of scale
/// `inputScale` and zero point `inputZeroPoint`, outputs of scale
/// `outputScale` and zero point 0. Float arithmetic, as TFLite's, so the
/// entries match its tables exactly.
Int16Table populateInt16Table(float inputScale, int32_t inputZeroPoint,
                              float outputScale, float (*f)(float)) {
  const float inputMin = inputScale * (-32768 - inputZeroPoint);
  const float inputMax = inputScale * (32767 - inputZeroPoint);
  const float outputMin = outputScale * -32768;
  const float outputMax = outputScale * 32767;
  constexpr int kSteps = kInt16TableSize - 1;
  const float step = (inputMax - inputMin) / kSteps;
  const float halfStep = step / 2;
  const float outputScalingInv = 65536.0f / (outputMax - outputMin);
  auto clampToTable = [](float v) {
    return static_cast<int16_t>(std::min(std::max(v, -32768.0f), 32767.0f));
  };
  Int16Table table;
  for (int i = 0; i < kSteps; ++i) {
    const float value = f(inputMin + i * step);
    const float midpoint = f(inputMin + i * step + halfStep);
    const float next = f(inputMin + (i + 1) * step);
    const float sample = std::round(value * outputScalingInv);
    const float interpolated =
        std::round((next * outputScalingInv + sample) / 2);
    const float exactMidpoint = std::round(midpoint * outputScalingInv);
    const float bias = std::round((interpolated - exactMidpoint) / 2);
    table[i] = clampToTable(sample - bias);
  }
  table[kSteps] = clampToTable(std::round(f(inputMax) * outputScalingInv));
  return table;
}

constexpr float kInt16Range = 65535.0f;
} // namespace

const Int16Table &mlir::qat::numerics::softmaxInt16ExpTable() {
  static const Int16Table table =
      populateInt16Table(10.0f / kInt16Range, 32767, 2.0f / kInt16Range,
                         [](float x) { return std::exp(x); });
  return table;
}

const Int16Table &mlir::qat::numerics::softmaxInt16ReciprocalTable() {
  static const Int16Table table =
      populateInt16Table(1.0f / kInt16Range, -32768, 2.0f / kInt16Range,
                         [](float x) { return 1.0f / (1.0f + x); });
  return table;
}

std::optional<QuantizedMultiplier>
mlir::qat::numerics::prepareSoftmaxInt16(double beta, double inputScale,
                                         Rounding rounding) {
  if (!(beta > 0) || !(inputScale > 0) || !std::isfinite(beta * inputScale))
    return std::nullopt;
  return quantizeMultiplier(inputScale * beta / (10.0 / 65535.0), rounding);
}

void mlir::qat::numerics::softmaxInt16Row(const int16_t *input, int16_t *output,
                                          int64_t size,
                                          QuantizedMultiplier inputRescale,
                                          Rounding rounding) {
  generic::ScalarDomain d;
  const bool single = rounding == Rounding::Single;
  const Int16Table &expTable = softmaxInt16ExpTable();
  const Int16Table &reciprocalTable = softmaxInt16ReciprocalTable();
  auto readExp = [&](int32_t i) -> int32_t { return expTable[i]; };
  auto readReciprocal = [&](int32_t i) -> int32_t {
    return reciprocalTable[i];
  };
  int32_t maxInRow = -32768;
  for (int64_t i = 0; i < size; ++i)
    maxInRow = std::max<int32_t>(maxInRow, input[i]);
  auto exp = [&](int64_t i) {
    return generic::softmaxInt16Exp(d, input[i] - maxInRow,
                                    inputRescale.multiplier, inputRescale.shift,
                                    single, readExp);
  };
  int32_t sum = 0;
  for (int64_t i = 0; i < size; ++i)
    sum += exp(i);
  auto [reciprocal, rightShift] =
      generic::softmaxInt16Reciprocal(d, sum, readReciprocal);
  for (int64_t i = 0; i < size; ++i)
    output[i] = static_cast<int16_t>(
        generic::softmaxInt16Output(d, exp(i), reciprocal, rightShift));
}
