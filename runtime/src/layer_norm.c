/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* layer_norm.c - qint.layer_norm, int8 and int16: per row, an exact
 * integer mean and sum of squares, one integer square root and one long
 * division, then one 64-bit multiply per value (docs/Numerics.md, section
 * 15). The runtime calls no library division. */
#include "int16.h"
#include "qat_rt_internal.h"

/* floor(sqrt(x)) for x in [0, 2^62), bit by bit. */
static int64_t isqrt62(int64_t x) {
  int64_t result = 0;
  int bit;
  for (bit = 60; bit >= 0; bit -= 2) {
    int64_t trial = result + ((int64_t)1 << bit);
    if (x >= trial) {
      x -= trial;
      result = (result >> 1) + ((int64_t)1 << bit);
    } else {
      result >>= 1;
    }
  }
  return result;
}

/* floor(2^62 / s) for s in [2^30, 2^31), by long division in 32 bits: the
 * dividend's bits 62 to 32 leave the remainder 2^30 (s = 2^30 divides it
 * once more), and each of its 32 low bits (zeros) one quotient bit. */
static int64_t reciprocal62(int64_t s) {
  uint32_t divisor = (uint32_t)s, rest = (uint32_t)1 << 30, quotient = 0;
  int bit;
  if (s == ((int64_t)1 << 30))
    return (int64_t)1 << 32;
  for (bit = 0; bit < 32; ++bit) {
    rest <<= 1; /* rest < s < 2^31 before the shift */
    quotient <<= 1;
    if (rest >= divisor) {
      rest -= divisor;
      quotient |= 1u;
    }
  }
  return (int64_t)quotient;
}

/* A row's normalizer: the even shift bringing its denominator to
 * [2^60, 2^62) and floor(2^62 / isqrt(denominator 4^shift)). */
typedef struct {
  int32_t shift;
  int64_t reciprocal;
} row_normalizer;

static row_normalizer normalizer(int64_t denominator) {
  row_normalizer r;
  uint32_t high, bits;
  if (denominator < 1)
    denominator = 1;
  high = (uint32_t)((uint64_t)denominator >> 32);
  bits = high ? 64 - (uint32_t)qat_rt_clz32(high)
              : 32 - (uint32_t)qat_rt_clz32((uint32_t)denominator);
  r.shift = (int32_t)(62 - bits) >> 1;
  r.reciprocal = reciprocal62(isqrt62(denominator << (2 * r.shift)));
  return r;
}

/* The centred value c (|c| 2^shift < 2^31) normalized: Q`fraction` of
 * 1 / sqrt(N), rounded half away from zero. */
static int32_t normalize(int32_t c, const row_normalizer *r, int fraction) {
  int64_t product = (int64_t)(c * ((int32_t)1 << r->shift)) * r->reciprocal;
  int drop = 62 - fraction;
  int64_t half = (int64_t)1 << (drop - 1);
  return product >= 0 ? (int32_t)((product + half) >> drop)
                      : -(int32_t)((-product + half) >> drop);
}

/* The sum and the denominator (the squared centred values plus epsilon)
 * of row x of n values read by `at`. */
#define QAT_RT_ROW_DENOMINATOR(x, n, epsilon, sum, denominator)                \
  do {                                                                         \
    int32_t i_;                                                                \
    (sum) = 0;                                                                 \
    (denominator) = (epsilon);                                                 \
    for (i_ = 0; i_ < (n); ++i_)                                               \
      (sum) += (x)[i_];                                                        \
    for (i_ = 0; i_ < (n); ++i_) {                                             \
      int32_t c_ = (n) * (x)[i_] - (sum);                                      \
      (denominator) += (int64_t)c_ * c_;                                       \
    }                                                                          \
  } while (0)

int qat_rt_layer_norm(const qat_rt_layer_norm_params *p, const int8_t *input,
                      const int16_t *gamma, const int32_t *beta,
                      int8_t *output) {
  int32_t row, i, n, multiplier, shift, zp, lo, hi;
  qat_rt_rounding rounding;
  if (!p || !input || !gamma || !beta || !output || p->rows < 0 ||
      p->size <= 0 || p->epsilon < 0)
    return -1;
  /* Locals: the stores to output could alias *p for the compiler. */
  n = p->size;
  multiplier = p->output_multiplier;
  shift = p->output_shift;
  zp = p->output_zp;
  lo = p->act_min;
  hi = p->act_max;
  rounding = p->rounding;
  for (row = 0; row < p->rows; ++row) {
    const int8_t *x = input + row * n;
    int8_t *y = output + row * n;
    int32_t sum;
    int64_t denominator;
    row_normalizer r;
    QAT_RT_ROW_DENOMINATOR(x, n, p->epsilon, sum, denominator);
    r = normalizer(denominator);
    for (i = 0; i < n; ++i) {
      int32_t t = normalize(n * x[i] - sum, &r, 14);
      int32_t v =
          qat_rt_mbqm(t * gamma[i] + beta[i], multiplier, shift, rounding);
      y[i] = (int8_t)qat_rt_clamp(v + zp, lo, hi);
    }
  }
  return 0;
}

int qat_rt_layer_norm_s16(const qat_rt_layer_norm_params *p,
                          const int16_t *input, const int16_t *gamma,
                          const int64_t *beta, int16_t *output) {
  int32_t row, i, n, multiplier, shift, zp, lo, hi;
  if (!p || !input || !gamma || !beta || !output || p->rows < 0 ||
      p->size <= 0 || p->epsilon < 0)
    return -1;
  n = p->size;
  multiplier = p->output_multiplier;
  shift = p->output_shift;
  zp = p->output_zp;
  lo = p->act_min;
  hi = p->act_max;
  for (row = 0; row < p->rows; ++row) {
    const int16_t *x = input + row * n;
    int16_t *y = output + row * n;
    int32_t sum;
    int64_t denominator;
    row_normalizer r;
    QAT_RT_ROW_DENOMINATOR(x, n, p->epsilon, sum, denominator);
    r = normalizer(denominator);
    for (i = 0; i < n; ++i) {
      int32_t t = normalize(n * x[i] - sum, &r, 30);
      int32_t v = scale64((int64_t)t * gamma[i] + beta[i], multiplier, shift);
      y[i] = (int16_t)qat_rt_clamp(v + zp, lo, hi);
    }
  }
  return 0;
}
