/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* softmax_s8.c - qint.softmax on int8 activations: TFLite's int8 softmax in
 * gemmlowp fixed point. A raw int32 v in Qi.f (f = 31 - i) stands for v / 2^f.
 */
#include "qat_rt_internal.h"

/* gemmlowp's SaturatingRoundingMultiplyByPOT for a constant exponent. */
static int32_t multiply_by_pot(int32_t x, int exponent) {
  int32_t threshold;
  if (exponent == 0)
    return x;
  if (exponent < 0)
    return qat_rt_rdbpot(x, -exponent);
  threshold = (int32_t)(((int64_t)1 << (31 - exponent)) - 1);
  if (x > threshold)
    return QAT_RT_INT32_MAX;
  if (x < -threshold)
    return QAT_RT_INT32_MIN;
  return qat_rt_shl(x, exponent);
}

static int32_t rounding_half_sum(int32_t a, int32_t b) {
  int64_t sum = (int64_t)a + b;
  return (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
}

/* exp(a) for a in [-1/4, 0), Q0.31: Taylor expansion around -1/8. */
static int32_t exp_quarter(int32_t a) {
  const int32_t exp_minus_one_eighth = 1895147668;
  int32_t x = a + (1 << 28);
  int32_t x2 = qat_rt_srdhm(x, x), x3 = qat_rt_srdhm(x2, x);
  int32_t x4 = qat_rt_srdhm(x2, x2);
  int32_t poly = multiply_by_pot(
      qat_rt_srdhm(multiply_by_pot(x4, -2) + x3, 715827883) + x2, -1);
  return exp_minus_one_eighth + qat_rt_srdhm(exp_minus_one_eighth, x + poly);
}

/* exp(a) for a <= 0 in Q5.26, result in Q0.31. */
static int32_t exp_on_negative_values(int32_t a) {
  static const int32_t barrel[7] = {
      1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  const int32_t one_quarter = 1 << 24;
  int32_t a_mod = (a & (one_quarter - 1)) - one_quarter;
  int32_t result = exp_quarter(multiply_by_pot(a_mod, 5));
  int32_t remainder = a_mod - a;
  int k;
  for (k = -2; k <= 4; ++k)
    if (remainder & (int32_t)((int64_t)1 << (26 + k)))
      result = qat_rt_srdhm(result, barrel[k + 2]);
  return a == 0 ? QAT_RT_INT32_MAX : result;
}

/* 1 / (1 + a) for a in [0, 1), Q0.31 (Newton-Raphson in Q2.29). */
static int32_t one_over_one_plus_x(int32_t a) {
  int32_t half_denominator = rounding_half_sum(a, QAT_RT_INT32_MAX);
  int32_t x = 1515870810 + qat_rt_srdhm(half_denominator, -1010580540);
  int i;
  for (i = 0; i < 3; ++i) {
    int32_t one_minus = (1 << 29) - qat_rt_srdhm(half_denominator, x);
    x = x + multiply_by_pot(qat_rt_srdhm(x, one_minus), 2);
  }
  return multiply_by_pot(x, 1);
}

/* exp(x - max) in Q0.31 for diff = x - max >= diff_min: from the table of
 * every difference when there is one (table[k] is exp of -k), else
 * computed. */
static int32_t row_exp(const qat_rt_softmax_params *p, const int32_t *table,
                       int32_t diff) {
  if (table)
    return table[-diff];
  return exp_on_negative_values(qat_rt_mbqm_greater_than_one(
      diff, p->input_multiplier, p->input_left_shift, p->rounding));
}

static int softmax_rows(const qat_rt_softmax_params *p, const int32_t *table,
                        const int8_t *input, int8_t *output) {
  int32_t r, i;
  if (!p || !input || !output || p->depth <= 0)
    return -1;
  for (r = 0; r < p->rows; ++r) {
    const int8_t *x = input + r * p->depth;
    int8_t *y = output + r * p->depth;
    int32_t max = -128, sum = 0, headroom, shifted_scale, exponent;
    for (i = 0; i < p->depth; ++i)
      max = x[i] > max ? x[i] : max;
    for (i = 0; i < p->depth; ++i) {
      int32_t diff = x[i] - max;
      if (diff >= p->diff_min)
        sum += multiply_by_pot(row_exp(p, table, diff), -12);
    }
    /* The row maximum contributes exp(0) = 1: sum >= 2^19. */
    headroom = qat_rt_clz32((uint32_t)sum);
    shifted_scale = one_over_one_plus_x(
        (int32_t)(((uint32_t)sum << headroom) - ((uint32_t)1 << 31)));
    exponent = 12 - headroom + 31 - 8;
    for (i = 0; i < p->depth; ++i) {
      int32_t diff = x[i] - max, v;
      if (diff < p->diff_min) {
        y[i] = -128;
        continue;
      }
      /* Beyond 31 the exact quotient rounds to 0 (qat's definition where
         TFLite's reference shifts past the width). */
      v = exponent > 31 ? 0
                        : qat_rt_rdbpot(qat_rt_srdhm(shifted_scale,
                                                     row_exp(p, table, diff)),
                                        exponent);
      y[i] = (int8_t)qat_rt_clamp(v - 128, -128, 127);
    }
  }
  return 0;
}

int qat_rt_softmax(const qat_rt_softmax_params *p, const int8_t *input,
                   int8_t *output) {
  return softmax_rows(p, 0, input, output);
}

int qat_rt_softmax_table(const qat_rt_softmax_params *p,
                         const int32_t *exp_table, const int8_t *input,
                         int8_t *output) {
  if (!exp_table)
    return -1;
  return softmax_rows(p, exp_table, input, output);
}
