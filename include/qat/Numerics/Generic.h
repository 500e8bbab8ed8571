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
//   sdiv(I32, I32) (truncating), clz(I32)
//
//===----------------------------------------------------------------------===//

#ifndef QAT_NUMERICS_GENERIC_H
#define QAT_NUMERICS_GENERIC_H

#include <cstdint>
#include <limits>

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
  I32 shl(I32 a, I32 s) {
    return static_cast<I32>(static_cast<uint32_t>(a) << s);
  }
  I32 ashr(I32 a, I32 s) { return a >> s; }
  I32 and_(I32 a, I32 b) { return a & b; }
  I32 sdiv(I32 a, I32 b) { return a / b; }
  I64 add64(I64 a, I64 b) { return a + b; }
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
};

} // namespace mlir::qat::numerics::generic

#endif // QAT_NUMERICS_GENERIC_H
