// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Generic.h - the numerics contract over any arithmetic ----*- C++ -*-===//
//
// The fixed-point requantization functions written once, as templates over
// an arithmetic domain D. ScalarDomain (below) computes them on int32_t: that
// is the numerics library the passes and the interpreter use. The LLVM path
// instantiates the same templates with a domain that emits `arith` ops, so
// the generated code cannot drift from the library. A domain provides
//
//   I32, I64, Bool               value types
//   c32(int64_t), c64(int64_t)   constants
//   add/sub/mul/shl/ashr/and_/or_ on I32 and add64/mul64/sdiv64/ashr64 on I64
//     (i32 arithmetic wraps modulo 2^32, like two's-complement hardware)
//   ext(I32) -> I64, trunc(I64) -> I32
//   eq/slt/sgt/sge on I32, sge64 on I64, band(Bool, Bool)
//   select(Bool, I32, I32), select64(Bool, I64, I64)
//   sdiv(I32, I32) (truncating), clz(I32) (32 for 0)
//
//===----------------------------------------------------------------------===//

#ifndef QAT_NUMERICS_GENERIC_H
#define QAT_NUMERICS_GENERIC_H

#include <cstdint>
#include <limits>
#include <utility>

namespace mlir::qat::numerics::generic {

constexpr int64_t kInt32Min = std::numeric_limits<int32_t>::min();
constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();

/// round(a * b / 2^31), ties toward +infinity; INT32_MIN * INT32_MIN
/// saturates to INT32_MAX.
template <typename D>
typename D::I32 srdhm(D &d, typename D::I32 a, typename D::I32 b) {
  auto ab = d.mul64(d.ext(a), d.ext(b));
  auto nudge = d.select64(d.sge64(ab, d.c64(0)), d.c64(1LL << 30),
                          d.c64(1 - (1LL << 30)));
  // Division truncates toward zero, as gemmlowp relies on.
  auto high = d.trunc(d.sdiv64(d.add64(ab, nudge), d.c64(1LL << 31)));
  auto overflow = d.band(d.eq(a, b), d.eq(a, d.c32(kInt32Min)));
  return d.select(overflow, d.c32(kInt32Max), high);
}

/// round(x / 2^exponent), ties away from zero; exponent in [0, 31].
template <typename D>
typename D::I32 rdbpot(D &d, typename D::I32 x, typename D::I32 exponent) {
  // mask = 2^exponent - 1, computed in 64 bits so that exponent 31 works.
  auto mask = d.trunc(d.add64(d.shl64(d.c64(1), d.ext(exponent)), d.c64(-1)));
  auto remainder = d.and_(x, mask);
  auto threshold = d.add(d.ashr(mask, d.c32(1)),
                         d.select(d.slt(x, d.c32(0)), d.c32(1), d.c32(0)));
  return d.add(d.ashr(x, exponent),
               d.select(d.sgt(remainder, threshold), d.c32(1), d.c32(0)));
}

/// TFLite's MultiplyByQuantizedMultiplier, double rounding: shift in
/// [-31, 31], x << max(shift, 0) wrapping modulo 2^32.
template <typename D>
typename D::I32 mbqmDouble(D &d, typename D::I32 x, typename D::I32 m,
                           typename D::I32 shift) {
  auto positive = d.sgt(shift, d.c32(0));
  auto left = d.select(positive, shift, d.c32(0));
  auto right = d.select(positive, d.c32(0), d.sub(d.c32(0), shift));
  return rdbpot(d, srdhm(d, d.shl(x, left), m), right);
}

/// TFLite's MultiplyByQuantizedMultiplier, single rounding: shift in
/// [-31, 30]; (x * m + 2^(30 - shift)) >> (31 - shift) in 64 bits.
template <typename D>
typename D::I32 mbqmSingle(D &d, typename D::I32 x, typename D::I32 m,
                           typename D::I32 shift) {
  auto total = d.ext(d.sub(d.c32(31), shift));
  auto round = d.shl64(d.c64(1), d.add64(total, d.c64(-1)));
  return d.trunc(d.ashr64(d.add64(d.mul64(d.ext(x), d.ext(m)), round), total));
}

template <typename D>
typename D::I32 mbqm(D &d, typename D::I32 x, typename D::I32 m,
                     typename D::I32 shift, bool single) {
  return single ? mbqmSingle(d, x, m, shift) : mbqmDouble(d, x, m, shift);
}

/// TFLite's MultiplyByQuantizedMultiplierSmallerThanOneExp (shift <= 0).
template <typename D>
typename D::I32 mbqmSmallerThanOne(D &d, typename D::I32 x, typename D::I32 m,
                                   typename D::I32 shift, bool single) {
  if (single)
    return mbqmSingle(d, x, m, shift);
  return rdbpot(d, srdhm(d, x, m), d.sub(d.c32(0), shift));
}

/// TFLite's MultiplyByQuantizedMultiplierGreaterThanOne (shift >= 0).
template <typename D>
typename D::I32 mbqmGreaterThanOne(D &d, typename D::I32 x, typename D::I32 m,
                                   typename D::I32 shift, bool single) {
  if (single)
    return mbqmSingle(d, x, m, shift);
  return srdhm(d, d.shl(x, shift), m);
}

/// round(acc / count), ties away from zero, with truncating division.
template <typename D>
typename D::I32 roundedDivide(D &d, typename D::I32 acc,
                              typename D::I32 count) {
  auto half = d.sdiv(count, d.c32(2));
  auto positive = d.sgt(acc, d.c32(0));
  return d.select(positive, d.sdiv(d.add(acc, half), count),
                  d.sdiv(d.sub(acc, half), count));
}

/// min(max(v, lo), hi).
template <typename D>
typename D::I32 clamp(D &d, typename D::I32 v, typename D::I32 lo,
                      typename D::I32 hi) {
  auto low = d.select(d.slt(v, lo), lo, v);
  return d.select(d.sgt(low, hi), hi, low);
}

//===----------------------------------------------------------------------===//
// int8 softmax (TFLite's reference, gemmlowp's fixed point). A raw int32 v
// in format Qi.f (f = 31 - i) stands for v / 2^f; products of raw values use
// srdhm and land in Q(i1 + i2).
//===----------------------------------------------------------------------===//

/// gemmlowp's SaturatingRoundingMultiplyByPOT<exponent>, exponent constant.
template <typename D>
typename D::I32 multiplyByPOT(D &d, typename D::I32 x, int exponent) {
  if (exponent == 0)
    return x;
  if (exponent < 0)
    return rdbpot(d, x, d.c32(-exponent));
  const int64_t threshold = (int64_t(1) << (31 - exponent)) - 1;
  auto shifted = d.shl(x, d.c32(exponent));
  auto high = d.select(d.sgt(x, d.c32(threshold)), d.c32(kInt32Max), shifted);
  return d.select(d.slt(x, d.c32(-threshold)), d.c32(kInt32Min), high);
}

/// gemmlowp's RoundingHalfSum for int32: (a + b + sign) / 2 in 64 bits.
template <typename D>
typename D::I32 roundingHalfSum(D &d, typename D::I32 a, typename D::I32 b) {
  auto sum = d.add64(d.ext(a), d.ext(b));
  auto sign = d.select64(d.sge64(sum, d.c64(0)), d.c64(1), d.c64(-1));
  return d.trunc(d.sdiv64(d.add64(sum, sign), d.c64(2)));
}

/// exp(a) for a in [-1/4, 0) (Q0.31 in and out): Taylor around -1/8.
template <typename D>
typename D::I32 expOnIntervalNegativeQuarterTo0(D &d, typename D::I32 a) {
  auto expMinusOneEighth = d.c32(1895147668);
  auto x = d.add(a, d.c32(1 << 28));
  auto x2 = srdhm(d, x, x);
  auto x3 = srdhm(d, x2, x);
  auto x4 = srdhm(d, x2, x2);
  auto x4Over4 = multiplyByPOT(d, x4, -2);
  auto poly = multiplyByPOT(
      d, d.add(srdhm(d, d.add(x4Over4, x3), d.c32(715827883)), x2), -1);
  return d.add(expMinusOneEighth, srdhm(d, expMinusOneEighth, d.add(x, poly)));
}

/// exp(a) for a <= 0 in Q5.26, result in Q0.31 (gemmlowp's
/// exp_on_negative_values with 5 integer bits).
template <typename D>
typename D::I32 expOnNegativeValues(D &d, typename D::I32 a) {
  constexpr int kIntegerBits = 5, kFractionalBits = 31 - kIntegerBits;
  const int32_t oneQuarter = 1 << (kFractionalBits - 2);
  auto aModQuarterMinusOneQuarter =
      d.sub(d.and_(a, d.c32(oneQuarter - 1)), d.c32(oneQuarter));
  auto result = expOnIntervalNegativeQuarterTo0(
      d, multiplyByPOT(d, aModQuarterMinusOneQuarter, kIntegerBits));
  auto remainder = d.sub(aModQuarterMinusOneQuarter, a);
  // exp(-2^k) for the bits of the remainder, k = -2 .. 4, in Q0.31.
  static constexpr int32_t kBarrel[] = {
      1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  for (int k = -2; k <= 4; ++k) {
    auto bit = d.and_(remainder, d.c32(int64_t(1) << (kFractionalBits + k)));
    result = d.select(d.eq(bit, d.c32(0)), result,
                      srdhm(d, result, d.c32(kBarrel[k + 2])));
  }
  return d.select(d.eq(a, d.c32(0)), d.c32(kInt32Max), result);
}

/// 1 / (1 + a) for a in [0, 1), Q0.31 in and out (Newton-Raphson in Q2.29).
template <typename D>
typename D::I32 oneOverOnePlusXForXIn01(D &d, typename D::I32 a) {
  auto halfDenominator = roundingHalfSum(d, a, d.c32(kInt32Max));
  auto x =
      d.add(d.c32(1515870810), srdhm(d, halfDenominator, d.c32(-1010580540)));
  for (int i = 0; i < 3; ++i) {
    auto oneMinus = d.sub(d.c32(1 << 29), srdhm(d, halfDenominator, x));
    x = d.add(x, multiplyByPOT(d, srdhm(d, x, oneMinus), 2));
  }
  return multiplyByPOT(d, x, 1);
}

/// exp of one input difference (x - row max) in Q0.31.
template <typename D>
typename D::I32 softmaxExp(D &d, typename D::I32 diff,
                           typename D::I32 multiplier,
                           typename D::I32 leftShift, bool single) {
  return expOnNegativeValues(
      d, mbqmGreaterThanOne(d, diff, multiplier, leftShift, single));
}

/// One exponential's contribution to the Q12.19 sum.
template <typename D>
typename D::I32 softmaxAccumulate(D &d, typename D::I32 exp) {
  return multiplyByPOT(d, exp, -12);
}

/// The reciprocal of a row's sum of exponentials (TFLite's GetReciprocal) and
/// the exponent that scales outputs to 1/256 steps: {shiftedScale, exponent}.
template <typename D>
std::pair<typename D::I32, typename D::I32>
softmaxReciprocal(D &d, typename D::I32 sum) {
  // The row maximum contributes exp(0) = 1, so sum >= 2^19 > 0.
  auto headroomPlusOne = d.clz(sum);
  auto numBitsOverUnit = d.sub(d.c32(12), headroomPlusOne);
  auto shiftedSumMinusOne =
      d.sub(d.shl(sum, headroomPlusOne), d.c32(kInt32Min));
  return {oneOverOnePlusXForXIn01(d, shiftedSumMinusOne),
          d.add(numBitsOverUnit, d.c32(31 - 8))};
}

/// One output in [-128, 127]. Where the exponent exceeds 31 (TFLite's
/// reference shifts past the width) the exact quotient rounds to 0.
template <typename D>
typename D::I32 softmaxOutput(D &d, typename D::I32 shiftedScale,
                              typename D::I32 exp, typename D::I32 exponent) {
  auto big = d.sgt(exponent, d.c32(31));
  auto safe = d.select(big, d.c32(31), exponent);
  auto scaled = rdbpot(d, srdhm(d, shiftedScale, exp), safe);
  auto value = d.select(big, d.c32(0), scaled);
  return clamp(d, d.sub(value, d.c32(128)), d.c32(-128), d.c32(127));
}

//===----------------------------------------------------------------------===//
// int16 activations (TFLite's 16x8 scheme)
//===----------------------------------------------------------------------===//

/// TFLite's 64-bit MultiplyByQuantizedMultiplier, for int16 layers with an
/// int64 accumulator: the multiplier rounded to 16 bits, then one rounding
/// shift, `(x * m16 + 2^(14 - shift)) >> (15 - shift)`. Needs shift in
/// [-31, 7], |x| < 2^47 and a result that fits in int32.
template <typename D>
typename D::I32 mbqm64(D &d, typename D::I64 x, typename D::I32 m,
                       typename D::I32 shift) {
  auto reduced =
      d.select(d.slt(m, d.c32(0x7FFF0000)),
               d.ashr(d.add(m, d.c32(1 << 15)), d.c32(16)), d.c32(0x7FFF));
  auto total = d.ext(d.sub(d.c32(15), shift));
  auto round = d.shl64(d.c64(1), d.add64(total, d.c64(-1)));
  return d.trunc(d.ashr64(d.add64(d.mul64(x, d.ext(reduced)), round), total));
}

//===----------------------------------------------------------------------===//
// Layer norm (docs/Numerics.md, section 15)
//===----------------------------------------------------------------------===//

/// floor(sqrt(x)) of x in [0, 2^62), bit by bit: 31 steps of a compare and
/// a subtract, the same on every backend.
template <typename D>
typename D::I64 isqrt62(D &d, typename D::I64 x) {
  auto result = d.c64(0);
  for (int bit = 60; bit >= 0; bit -= 2) {
    auto trial = d.add64(result, d.c64(int64_t(1) << bit));
    auto fits = d.sge64(x, trial);
    x = d.select64(fits, d.sub64(x, trial), x);
    auto halved = d.ashr64(result, d.c64(1));
    result =
        d.select64(fits, d.add64(halved, d.c64(int64_t(1) << bit)), halved);
  }
  return result;
}

/// A row's normalizer from its denominator D (the sum of squared centred
/// values plus the epsilon term, in [0, 2^62)): the even shift `a` that
/// brings D to [2^60, 2^62) and r = floor(2^62 / floor(sqrt(D 4^a))).
template <typename D>
std::pair<typename D::I64, typename D::I64>
layerNormInverse(D &d, typename D::I64 denominator) {
  auto one = d.c64(1);
  auto positive =
      d.select64(d.sge64(denominator, one), denominator, one); // 0 -> 1
  auto bits = d.sub64(d.c64(64), d.clz64(positive));
  auto shift = d.ashr64(d.sub64(d.c64(62), bits), one);
  auto root = isqrt62(d, d.shl64(positive, d.add64(shift, shift)));
  return {shift, d.sdiv64(d.c64(int64_t(1) << 62), root)};
}

/// The normalized value of centred value `centred` in Q`fractionBits` of
/// 1 / sqrt(N) (14 for int8, 30 for int16): round((centred << a) * r /
/// 2^(62 - fractionBits)), ties away from zero.
template <typename D>
typename D::I32
layerNormNormalize(D &d, typename D::I32 centred, typename D::I64 shift,
                   typename D::I64 reciprocal, int fractionBits) {
  auto product = d.mul64(d.shl64(d.ext(centred), shift), reciprocal);
  auto half = d.c64(int64_t(1) << (61 - fractionBits));
  auto bits = d.c64(62 - fractionBits);
  auto up = d.ashr64(d.add64(product, half), bits);
  auto down = d.sub64(
      d.c64(0), d.ashr64(d.add64(d.sub64(d.c64(0), product), half), bits));
  return d.trunc(d.select64(d.sge64(product, d.c64(0)), up, down));
}

/// TFLite's int16 table lookup: 512 segments of 128 inputs each, linear
/// between table[i] and table[i + 1] (Q0.15), rounding half up. `load(i)`
/// reads entry i of the 513-entry table.
template <typename D, typename Load>
typename D::I32 lookupInt16(D &d, typename D::I32 value, Load load) {
  auto index = d.add(d.c32(256), d.ashr(value, d.c32(7)));
  auto offset = d.and_(value, d.c32(0x7F));
  auto base = load(index);
  auto slope = d.sub(load(d.add(index, d.c32(1))), base);
  return d.add(base, d.ashr(d.add(d.mul(slope, offset), d.c32(64)), d.c32(7)));
}

/// int16 softmax: exp(x - row max) in Q0.15 from the exp table, the
/// difference first mapped onto steps of 10/65535 and centred.
template <typename D, typename Load>
typename D::I32
softmaxInt16Exp(D &d, typename D::I32 diff, typename D::I32 multiplier,
                typename D::I32 shift, bool single, Load expTable) {
  auto scaled = mbqm(d, diff, multiplier, shift, single);
  auto centred =
      clamp(d, d.add(scaled, d.c32(32767)), d.c32(-32768), d.c32(32767));
  return lookupInt16(d, centred, expTable);
}

/// int16 softmax: 1 / (sum of exps) as {reciprocal in Q0.15, right shift}:
/// the sum normalised to [1, 2) by its leading zeros, 1 / (1 + x) from the
/// table.
template <typename D, typename Load>
std::pair<typename D::I32, typename D::I32>
softmaxInt16Reciprocal(D &d, typename D::I32 sum, Load reciprocalTable) {
  // The row maximum contributes about 2^15, so sum >= 2^14 and the shifts
  // below are in range.
  auto headroomPlusOne = d.clz(sum);
  auto normalised = d.trunc(d.ashr64(
      d.add64(d.shl64(d.ext(sum), d.ext(d.sub(headroomPlusOne, d.c32(1)))),
              d.c64(1 << 13)),
      d.c64(14)));
  auto centred = clamp(d, d.sub(normalised, d.c32((1 << 15) + (1 << 16))),
                       d.c32(-32768), d.c32(32767));
  return {lookupInt16(d, centred, reciprocalTable),
          d.sub(d.c32(31), headroomPlusOne)};
}

/// int16 softmax: one output in [0, 32767] (scale 1/32768).
template <typename D>
typename D::I32 softmaxInt16Output(D &d, typename D::I32 exp,
                                   typename D::I32 reciprocal,
                                   typename D::I32 rightShift) {
  auto shift = d.ext(rightShift);
  auto round = d.shl64(d.c64(1), d.add64(shift, d.c64(-1)));
  auto value = d.trunc(
      d.ashr64(d.add64(d.mul64(d.ext(exp), d.ext(reciprocal)), round), shift));
  return clamp(d, value, d.c32(0), d.c32(32767));
}

/// |x| for x > INT32_MIN.
template <typename D>
typename D::I32 absolute(D &d, typename D::I32 x) {
  return d.select(d.slt(x, d.c32(0)), d.sub(d.c32(0), x), x);
}

/// TFLite's int16 logistic of x in Q3.12 (the LSTM's gate scale 2^-12),
/// in Q0.15: the table of sigmoid(i / 24) in Q0.16 read at 3x (in steps of
/// 2^-12, so 9 fractional bits of an index), interpolated, and mirrored
/// for negative x (1 - sigmoid(|x|)).
/// `load(i)` reads entry i of the 256-entry table.
template <typename D, typename Load>
typename D::I32 sigmoidInt16(D &d, typename D::I32 x, Load load) {
  auto scaled = d.mul(x, d.c32(3));
  auto a = absolute(d, scaled);
  auto high = d.ashr(a, d.c32(9));
  auto saturated = d.sgt(high, d.c32(254));
  auto index = d.select(saturated, d.c32(0), high);
  auto below = load(index);
  auto above = load(d.add(index, d.c32(1)));
  auto interpolated =
      d.add(d.shl(below, d.c32(9)),
            d.mul(d.and_(a, d.c32(0x1FF)), d.sub(above, below)));
  auto r = d.select(saturated, d.c32(0x7FFF << 10), interpolated);
  auto positive = d.add(r, d.c32(1 << 9));
  auto negative = d.sub(d.c32((1 << 25) + (1 << 9) - 1), r);
  return d.ashr(d.select(d.slt(scaled, d.c32(0)), negative, positive),
                d.c32(10));
}

/// TFLite's int16 tanh of x at a power-of-two scale (the LSTM's cell gate at
/// 2^-12, its cell state at 2^cell_scale_power), in Q0.15: 3x in steps of
/// 2^-12 by `(x * inputMultiplier + round) >> inputShift`
/// (tanhInputRescale), then, as tanh(x) = 2 sigmoid(2x) - 1, the sigmoid
/// table read there with 8 fractional bits of an index.
template <typename D, typename Load>
typename D::I32 tanhInt16(D &d, typename D::I32 x, int32_t inputMultiplier,
                          int32_t inputShift, Load load) {
  auto round = d.c32(inputShift > 0 ? int64_t(1) << (inputShift - 1) : 0);
  auto scaled =
      d.ashr(d.add(d.mul(x, d.c32(inputMultiplier)), round), d.c32(inputShift));
  auto a = absolute(d, scaled);
  auto high = d.ashr(a, d.c32(8));
  auto saturated = d.sgt(high, d.c32(254));
  auto index = d.select(saturated, d.c32(0), high);
  auto below = load(index);
  auto above = load(d.add(index, d.c32(1)));
  auto interpolated = d.add(d.shl(below, d.c32(8)),
                            d.mul(d.and_(a, d.c32(0xFF)), d.sub(above, below)));
  auto r = d.select(saturated, d.c32(0xFFFF << 8), interpolated);
  auto positive = d.add(r, d.c32((1 << 7) - (1 << 23)));
  auto negative = d.sub(d.c32((1 << 23) + (1 << 7) - 1), r);
  return d.ashr(d.select(d.slt(scaled, d.c32(0)), negative, positive),
                d.c32(8));
}

/// min(max(a + b, -32768), 32767): TFLite's saturating int16 sum of two
/// gate contributions or two cell terms.
template <typename D>
typename D::I32 addInt16Saturating(D &d, typename D::I32 a, typename D::I32 b) {
  return clamp(d, d.add(a, b), d.c32(-32768), d.c32(32767));
}

/// The GRU's new gate input `a + r * b` in Q3.12: r (Q0.15) times the
/// recurrent contribution b (Q3.12), rounded half away from zero, added to
/// the input contribution a, saturated.
template <typename D>
typename D::I32 gruNewGateInput(D &d, typename D::I32 a, typename D::I32 r,
                                typename D::I32 b) {
  return addInt16Saturating(d, a, rdbpot(d, d.mul(r, b), d.c32(15)));
}

/// The GRU's next state in Q0.15: `n + z * (s - n)`, the product rounded
/// half away from zero (|z (s - n)| < 2^31), saturated.
template <typename D>
typename D::I32 gruState(D &d, typename D::I32 n, typename D::I32 z,
                         typename D::I32 s) {
  return addInt16Saturating(d, n, rdbpot(d, d.mul(z, d.sub(s, n)), d.c32(15)));
}

/// The int32_t domain: ordinary C++ arithmetic, with wrapping i32 shifts
/// and products done in unsigned/64-bit form to avoid undefined behaviour.
struct ScalarDomain {
  using I32 = int32_t;
  using I64 = int64_t;
  using Bool = bool;
  I32 c32(int64_t v) { return static_cast<I32>(v); }
  I64 c64(int64_t v) { return v; }
  I32 add(I32 a, I32 b) {
    return static_cast<I32>(static_cast<uint32_t>(a) +
                            static_cast<uint32_t>(b));
  }
  I32 sub(I32 a, I32 b) {
    return static_cast<I32>(static_cast<uint32_t>(a) -
                            static_cast<uint32_t>(b));
  }
  I32 mul(I32 a, I32 b) {
    return static_cast<I32>(static_cast<uint32_t>(a) *
                            static_cast<uint32_t>(b));
  }
  I32 shl(I32 a, I32 s) {
    return static_cast<I32>(static_cast<uint32_t>(a) << s);
  }
  I32 ashr(I32 a, I32 s) { return a >> s; }
  I32 and_(I32 a, I32 b) { return a & b; }
  I32 sdiv(I32 a, I32 b) { return a / b; }
  I64 add64(I64 a, I64 b) { return a + b; }
  I64 sub64(I64 a, I64 b) { return a - b; }
  I64 mul64(I64 a, I64 b) { return a * b; }
  I64 sdiv64(I64 a, I64 b) { return a / b; }
  I64 shl64(I64 a, I64 s) {
    return static_cast<I64>(static_cast<uint64_t>(a) << s);
  }
  I64 ashr64(I64 a, I64 s) { return a >> s; }
  I64 ext(I32 a) { return a; }
  I32 trunc(I64 a) { return static_cast<I32>(a); }
  Bool eq(I32 a, I32 b) { return a == b; }
  Bool slt(I32 a, I32 b) { return a < b; }
  Bool sgt(I32 a, I32 b) { return a > b; }
  Bool sge64(I64 a, I64 b) { return a >= b; }
  Bool band(Bool a, Bool b) { return a && b; }
  I32 select(Bool c, I32 a, I32 b) { return c ? a : b; }
  I64 select64(Bool c, I64 a, I64 b) { return c ? a : b; }
  I32 clz(I32 a) {
    return a == 0 ? 32 : __builtin_clz(static_cast<uint32_t>(a));
  }
  I64 clz64(I64 a) {
    return a == 0 ? 64 : __builtin_clzll(static_cast<uint64_t>(a));
  }
};

} // namespace mlir::qat::numerics::generic

#endif // QAT_NUMERICS_GENERIC_H
