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
