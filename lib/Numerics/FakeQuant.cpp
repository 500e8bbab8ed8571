// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- FakeQuant.cpp - fake quantization and boundary quantization --------===//

#include "qat/Numerics/FakeQuant.h"

#include <algorithm>
#include <cmath>

using namespace mlir::qat::numerics;

float mlir::qat::numerics::roundFloat(float x, TieBreaking ties) {
  switch (ties) {
  case TieBreaking::HalfToEven:
    return std::nearbyint(x); // the default FE_TONEAREST mode
  case TieBreaking::HalfAwayFromZero:
    return std::round(x);
  case TieBreaking::HalfUp:
    return std::floor(x + 0.5f);
  }
  return x;
}

NudgedRange mlir::qat::numerics::nudge(float min, float max, int numBits,
                                       bool narrowRange) {
  NudgedRange r;
  r.quantMin = narrowRange ? 1.0f : 0.0f;
  r.quantMax = static_cast<float>((1 << numBits) - 1);
  r.scale = (max - min) / (r.quantMax - r.quantMin);
  const float zeroPointFromMin = r.quantMin - min / r.scale;
  if (zeroPointFromMin < r.quantMin)
    r.zeroPoint = r.quantMin;
  else if (zeroPointFromMin > r.quantMax)
    r.zeroPoint = r.quantMax;
  else
    r.zeroPoint = std::round(zeroPointFromMin);
  r.min = (r.quantMin - r.zeroPoint) * r.scale;
  r.max = (r.quantMax - r.zeroPoint) * r.scale;
  return r;
}

int64_t mlir::qat::numerics::fakeQuantLevelMinMax(float x, const NudgedRange &r,
                                                  TieBreaking ties) {
  // NaN has no level; it takes the lowest, as quantize does.
  if (std::isnan(x))
    return static_cast<int64_t>(r.quantMin);
  const float inverseScale = 1.0f / r.scale;
  const float clamped = std::min(std::max(x, r.min), r.max);
  return static_cast<int64_t>(
             roundFloat((clamped - r.min) * inverseScale, ties)) +
         static_cast<int64_t>(r.quantMin);
}

float mlir::qat::numerics::levelValueMinMax(int64_t level,
                                            const NudgedRange &r) {
  const float steps = static_cast<float>(level) - r.quantMin;
  return steps * r.scale + r.min;
}

float mlir::qat::numerics::fakeQuantMinMax(float x, const NudgedRange &r,
                                           TieBreaking ties) {
  return levelValueMinMax(fakeQuantLevelMinMax(x, r, ties), r);
}

int64_t mlir::qat::numerics::fakeQuantLevelAffine(float x, float scale,
                                                  int64_t zeroPoint,
                                                  int64_t quantMin,
                                                  int64_t quantMax,
                                                  TieBreaking ties) {
  if (std::isnan(x))
    return quantMin;
  const float inverseScale = 1.0f / scale;
  const float level =
      roundFloat(x * inverseScale, ties) + static_cast<float>(zeroPoint);
  return static_cast<int64_t>(
      std::min(std::max(level, static_cast<float>(quantMin)),
               static_cast<float>(quantMax)));
}

float mlir::qat::numerics::fakeQuantAffine(float x, float scale,
                                           int64_t zeroPoint, int64_t quantMin,
                                           int64_t quantMax, TieBreaking ties) {
  return levelValueAffine(
      fakeQuantLevelAffine(x, scale, zeroPoint, quantMin, quantMax, ties),
      scale, zeroPoint);
}

float mlir::qat::numerics::levelValueAffine(int64_t level, float scale,
                                            int64_t zeroPoint) {
  return static_cast<float>(level - zeroPoint) * scale;
}

int32_t mlir::qat::numerics::quantize(float x, double scale, int32_t zeroPoint,
                                      int32_t quantMin, int32_t quantMax) {
  // NaN has no level; it takes the lower bound (as qat_rt_quantize does).
  if (std::isnan(x))
    return quantMin;
  const double level = std::round(static_cast<double>(x) / scale);
  // Clamp in double first: an out-of-range float must not overflow int32.
  const double clamped =
      std::min(std::max(level + zeroPoint, static_cast<double>(quantMin)),
               static_cast<double>(quantMax));
  return static_cast<int32_t>(clamped);
}

float mlir::qat::numerics::dequantize(int32_t q, double scale,
                                      int32_t zeroPoint) {
  return static_cast<float>(scale * (q - zeroPoint));
}
