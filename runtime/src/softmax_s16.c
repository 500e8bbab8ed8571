/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* softmax_s16.c - qint.softmax on int16 activations: TFLite's exp and
 * reciprocal tables (written into the model's C file by the compiler),
 * interpolated in Q0.15. */
#include "int16.h"

/* TFLite's int16 table lookup: 512 segments of 128 inputs, linear between
 * entries (Q0.15), rounding half up. */
static int32_t lookup_s16(int32_t value, const int16_t *table) {
  int32_t index = 256 + (value >> 7), offset = value & 0x7F;
  int32_t base = table[index], slope = table[index + 1] - base;
  return base + ((slope * offset + 64) >> 7);
}

int qat_rt_softmax_s16(const qat_rt_softmax_params *p, const int16_t *exp_table,
                       const int16_t *reciprocal_table, const int16_t *input,
                       int16_t *output) {
  int32_t r, i;
  if (!p || !exp_table || !reciprocal_table || !input || !output)
    return -1;
  for (r = 0; r < p->rows; ++r) {
    const int16_t *row = input + r * p->depth;
    int16_t *out = output + r * p->depth;
    int32_t max = -32768, sum = 0, headroom, normalised, reciprocal, shift;
    int64_t round;
    for (i = 0; i < p->depth; ++i)
      max = row[i] > max ? row[i] : max;
    /* The exponentials go to the output first (the input may be the same
     * memory only when qint plans it so, and it reads each row before). */
    for (i = 0; i < p->depth; ++i) {
      int32_t scaled = qat_rt_mbqm(row[i] - max, p->input_multiplier,
                                   p->input_left_shift, p->rounding);
      int32_t e =
          lookup_s16(qat_rt_clamp(scaled + 32767, -32768, 32767), exp_table);
      sum += e;
      out[i] = (int16_t)e;
    }
    /* The row maximum contributes about 2^15: sum > 0. */
    headroom = qat_rt_clz32((uint32_t)sum);
    normalised =
        (int32_t)((((int64_t)sum << (headroom - 1)) + (1 << 13)) >> 14);
    reciprocal = lookup_s16(
        qat_rt_clamp(normalised - ((1 << 15) + (1 << 16)), -32768, 32767),
        reciprocal_table);
    shift = 31 - headroom;
    round = (int64_t)1 << (shift - 1);
    for (i = 0; i < p->depth; ++i) {
      int32_t v = (int32_t)(((int64_t)out[i] * reciprocal + round) >> shift);
      out[i] = (int16_t)qat_rt_clamp(v, 0, 32767);
    }
  }
  return 0;
}
