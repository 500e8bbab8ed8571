/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* layer_norm_s8.c - qint.layer_norm: per row, an exact integer mean and
 * sum of squares, one integer square root and one long division, then
 * one 64-bit multiply per value (docs/Numerics.md, section 15). */
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

/* floor(2^62 / s) for s in [2^30, 2^31), by long division: the runtime
 * calls no library division. */
static int64_t reciprocal62(int64_t s) {
  uint64_t quotient = 0, rest = 0;
  int bit;
  for (bit = 62; bit >= 0; --bit) {
    rest = (rest << 1) | (bit == 62 ? 1u : 0u);
    quotient <<= 1;
    if (rest >= (uint64_t)s) {
      rest -= (uint64_t)s;
      quotient |= 1u;
    }
  }
  return (int64_t)quotient;
}

int qat_rt_layer_norm(const qat_rt_layer_norm_params *p, const int8_t *input,
                      const int16_t *gamma, const int32_t *beta,
                      int8_t *output) {
  int32_t row, i, n;
  if (!p || !input || !gamma || !beta || !output || p->rows < 0 ||
      p->size <= 0 || p->epsilon < 0)
    return -1;
  n = p->size;
  for (row = 0; row < p->rows; ++row) {
    const int8_t *x = input + row * n;
    int8_t *y = output + row * n;
    int32_t sum = 0, bits = 0, shift;
    int64_t squares = p->epsilon, reciprocal;
    for (i = 0; i < n; ++i)
      sum += x[i];
    for (i = 0; i < n; ++i) {
      int64_t c = (int64_t)n * x[i] - sum;
      squares += c * c;
    }
    if (squares < 1)
      squares = 1;
    while (bits < 63 && (squares >> bits) != 0)
      ++bits;
    shift = (62 - bits) >> 1;
    reciprocal = reciprocal62(isqrt62(squares << (2 * shift)));
    for (i = 0; i < n; ++i) {
      int64_t product =
          (((int64_t)n * x[i] - sum) * ((int64_t)1 << shift)) * reciprocal;
      int32_t t = product >= 0
                      ? (int32_t)((product + ((int64_t)1 << 47)) >> 48)
                      : -(int32_t)((-product + ((int64_t)1 << 47)) >> 48);
      int32_t v = qat_rt_mbqm(t * gamma[i] + beta[i], p->output_multiplier,
                              p->output_shift, p->rounding);
      y[i] = (int8_t)qat_rt_clamp(v + p->output_zp, p->act_min, p->act_max);
    }
  }
  return 0;
}
