// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Arithmetic.h - int8 add, mul and mean parameters ---------*- C++ -*-===//
//
// Parameter preparation (from scales, at compile time) and evaluation (per
// element, at run time) of TFLite's int8 Add and Mul, and the requantization
// of int8 Mean.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_NUMERICS_ARITHMETIC_H
#define QAT_NUMERICS_ARITHMETIC_H

#include "qat/Numerics/Requantization.h"

#include <cstdint>
#include <optional>

namespace mlir::qat::numerics {

/// TFLite's int8 Add shifts both inputs left by 20 bits before rescaling them
/// to a common scale, so the rescaling loses no precision.
constexpr int32_t kAddLeftShift = 20;
/// TFLite's left shift for int16 Add.
constexpr int32_t kAddLeftShiftInt16 = 15;

struct AddParams {
  int32_t input1ZeroPoint = 0, input2ZeroPoint = 0, outputZeroPoint = 0;
  int32_t leftShift = kAddLeftShift;
  QuantizedMultiplier input1, input2, output;
  int32_t actMin = -128, actMax = 127;
  /// TFLite's Sub: the rescaled operands are subtracted.
  bool subtract = false;
};

/// TFLite's int8 Add preparation: the inputs are rescaled to
/// 2 * max(s1, s2), the sum to the output scale.
std::optional<AddParams> prepareAdd(double scale1, int32_t zeroPoint1,
                                    double scale2, int32_t zeroPoint2,
                                    double outputScale, int32_t outputZeroPoint,
                                    Rounding rounding,
                                    int32_t leftShift = kAddLeftShift);

/// One element of int8 Add.
/// One element of TFLite's int8 (or int16) Add; x and y are the stored
/// values.
int32_t addElement(int32_t x, int32_t y, const AddParams &params,
                   Rounding rounding);

struct MulParams {
  int32_t input1ZeroPoint = 0, input2ZeroPoint = 0, outputZeroPoint = 0;
  QuantizedMultiplier output;
  int32_t actMin = -128, actMax = 127;
};

/// TFLite's int8 Mul preparation: M = s1 * s2 / s_out.
std::optional<MulParams> prepareMul(double scale1, int32_t zeroPoint1,
                                    double scale2, int32_t zeroPoint2,
                                    double outputScale, int32_t outputZeroPoint,
                                    Rounding rounding);

/// One element of int8 Mul.
/// One element of TFLite's int8 (or int16) Mul.
int32_t mulElement(int32_t x, int32_t y, const MulParams &params,
                   Rounding rounding);

/// TFLite's int8 Mean over `count` elements: the sum of (x - input zero
/// point), multiplied by M = s_in / s_out, divided by count rounding half
/// away from zero, plus the output zero point, clamped to int8.
int8_t meanFromSum(int32_t sumMinusZeroPoint, int32_t count,
                   QuantizedMultiplier multiplier, int32_t outputZeroPoint,
                   Rounding rounding);

} // namespace mlir::qat::numerics

#endif // QAT_NUMERICS_ARITHMETIC_H
