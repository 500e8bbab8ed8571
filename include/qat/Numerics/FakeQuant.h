// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- FakeQuant.h - fake quantization and boundary quantization -*- C++
//-*-===//
//
// The float semantics of qat.fake_quant (both forms) and of the graph
// boundary ops qint.quantize/qint.dequantize, as docs/Spec.md states them.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_NUMERICS_FAKEQUANT_H
#define QAT_NUMERICS_FAKEQUANT_H

#include <cstdint>

namespace mlir::qat::numerics {

/// How a value exactly halfway between two integers rounds.
enum class TieBreaking { HalfToEven, HalfAwayFromZero, HalfUp };

/// Rounds a float to an integral float with the given tie-breaking.
float roundFloat(float x, TieBreaking ties);

/// TensorFlow's nudged range, computed in float32 as its kernel does.
struct NudgedRange {
  float min = 0, max = 0, scale = 0;
  /// The zero point in the unsigned range [quantMin, quantMax].
  float zeroPoint = 0;
  float quantMin = 0, quantMax = 0;
};

/// TensorFlow's Nudge: quantMin = narrowRange ? 1 : 0, quantMax =
/// 2^numBits - 1, zero point rounded half away from zero and clamped.
NudgedRange nudge(float min, float max, int numBits, bool narrowRange);

/// TensorFlow form: the level in [quantMin, quantMax] that x rounds to
/// (NaN: quantMin, as quantize).
int64_t fakeQuantLevelMinMax(float x, const NudgedRange &range,
                             TieBreaking ties);

/// TensorFlow form: the float value of a level, steps * scale + min.
float levelValueMinMax(int64_t level, const NudgedRange &range);

/// TensorFlow form: clamp to the nudged range, round to a level.
float fakeQuantMinMax(float x, const NudgedRange &range, TieBreaking ties);

/// Affine form: the level clamp(round(x * (1 / scale)) + zp, quantMin,
/// quantMax) (NaN: quantMin, as quantize).
int64_t fakeQuantLevelAffine(float x, float scale, int64_t zeroPoint,
                             int64_t quantMin, int64_t quantMax,
                             TieBreaking ties);

/// Affine form: the float value of a level, (level - zp) * scale.
float levelValueAffine(int64_t level, float scale, int64_t zeroPoint);

/// Affine form, float32 as PyTorch: q = clamp(round(x * (1 / scale)) + zp,
/// quantMin, quantMax), result (q - zp) * scale.
float fakeQuantAffine(float x, float scale, int64_t zeroPoint, int64_t quantMin,
                      int64_t quantMax, TieBreaking ties);

/// TFLite's AffineQuantize: clamp(round_half_away(x / scale) + zp), in
/// double as TFLite's QuantizationParams.
int32_t quantize(float x, double scale, int32_t zeroPoint, int32_t quantMin,
                 int32_t quantMax);

/// TFLite's Dequantize: float(scale * (q - zp)), in double.
float dequantize(int32_t q, double scale, int32_t zeroPoint);

} // namespace mlir::qat::numerics

#endif // QAT_NUMERICS_FAKEQUANT_H
