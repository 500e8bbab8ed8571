/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* fixed_point.c - the runtime's fast fixed-point forms against the plain
 * ones of qat_rt_internal.h (which the golden vectors pin to TFLite), on
 * random operands and on every rounding tie near them: the high-word
 * single rounding, the saturating double-rounding output stage (after the
 * zero point and the clamp), and the add's rounded high word and small
 * rounding shift. Prints the checks made and the mismatches found. */
#include "io.h"
#include "qat_rt_internal.h"

static uint32_t state = 2463534242u;

static uint32_t next(void) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}

/* A value spread over every magnitude: a random word shifted right by a
 * random amount, so that small, large and extreme values all occur. */
static int32_t spread(void) { return (int32_t)next() >> (next() % 32); }

static uint32_t checks, mismatches;

static void expect(int32_t got, int32_t want) {
  ++checks;
  if (got != want) {
    if (mismatches < 5) {
      io_print_uint("got ", (uint32_t)got);
      io_print_uint("want ", (uint32_t)want);
    }
    ++mismatches;
  }
}

int main(void) {
  int32_t i;
  for (i = 0; i < 200000; ++i) {
    int32_t x = spread(), m = (int32_t)(next() >> 1), zp, lo, hi, e, h;
    int32_t shift = -2 - (int32_t)(next() % 30);
    /* Single rounding, shift < -1: the product's high word. */
    expect(qat_rt_scale_high_word(x, m, shift),
           qat_rt_mbqm(x, m, shift, QAT_RT_SINGLE_ROUNDING));
    /* Double rounding, shift in [-23, -1], then the zero point and an
     * activation range: the saturating add against the remainder test;
     * and, for accumulators in [-2^30, 2^30) (qat_rt_layer_mode), the
     * doubled high word too. */
    shift = -1 - (int32_t)(next() % 23);
    zp = (int32_t)(next() % 256) - 128;
    lo = (int32_t)(next() % 256) - 128;
    hi = lo + (int32_t)(next() % (uint32_t)(128 - lo));
    expect(
        qat_rt_clamp(qat_rt_scale_double_saturating(x, m, shift) + zp, lo, hi),
        qat_rt_clamp(qat_rt_scale_double(x, m, shift, 1) + zp, lo, hi));
    expect(qat_rt_clamp(qat_rt_scale_double_saturating_small(x >> 1, m, shift) +
                            zp,
                        lo, hi),
           qat_rt_clamp(qat_rt_scale_double(x >> 1, m, shift, 1) + zp, lo, hi));
    /* The add's forms, for |a| < 2^29 and h on and beside each tie. */
    x >>= 3;
    expect(qat_rt_srdhm_doubled(x * 2, m), qat_rt_srdhm(x, m));
    e = (int32_t)(next() % 32);
    h = (spread() >> 3) & ~((int32_t)(1u << e >> 1) * 2 - 1);
    h += (int32_t)((1u << e) >> 1) + (int32_t)(next() % 3) - 1;
    if (h >= (1 << 29) || h <= -(1 << 29))
      h >>= 2;
    expect(qat_rt_rdbpot_small(h, e, (int32_t)((1u << e) >> 1), e > 0),
           qat_rt_rdbpot(h, e));
  }
  io_print_uint("checks ", checks);
  io_print_uint("mismatches ", mismatches);
  return mismatches != 0;
}
