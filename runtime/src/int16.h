/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* int16.h - internal to the runtime: the arithmetic and element access
 * the int16-activation kernels share (TFLite's 16x8 scheme). Portable C on
 * every target: the arithmetic is TFLite's reference, so it is bit-exact
 * wherever it runs. */
#ifndef QAT_RT_INT16_H
#define QAT_RT_INT16_H

#include "qat_rt_internal.h"

/* TFLite's 64-bit MultiplyByQuantizedMultiplier: the multiplier rounded to
 * 16 bits, one rounding shift (shift in [-31, 7], |acc| < 2^47). */
static inline int32_t scale64(int64_t acc, int32_t m, int32_t shift) {
  int64_t reduced = m < 0x7FFF0000 ? ((int64_t)m + (1 << 15)) >> 16 : 0x7FFF;
  int32_t total = 15 - shift;
  return (int32_t)((acc * reduced + ((int64_t)1 << (total - 1))) >> total);
}

/* One output: an int64 accumulator with the 64-bit rescale, or (TFLite's
 * int16xint8xint32 variant) an int32 one with the int8 output stage. */
static inline int32_t output_s16(const qat_rt_output_stage *s,
                                 qat_rt_accumulator accumulator, int64_t acc,
                                 int32_t channel) {
  int32_t m = s->multiplier[channel], shift = s->shift[channel], v;
  if (accumulator == QAT_RT_ACCUMULATOR_INT64)
    v = scale64(acc, m, shift);
  else
    v = qat_rt_mbqm((int32_t)acc, m, shift, s->rounding);
  return qat_rt_clamp(v + s->output_zp, s->act_min, s->act_max);
}

static inline int32_t read_element(const void *data, int32_t bytes, int32_t i) {
  if (bytes == 1)
    return ((const int8_t *)data)[i];
  if (bytes == 2)
    return ((const int16_t *)data)[i];
  return ((const int32_t *)data)[i];
}

static inline void write_element(void *data, int32_t bytes, int32_t i,
                                 int32_t v) {
  if (bytes == 1)
    ((int8_t *)data)[i] = (int8_t)v;
  else
    ((int16_t *)data)[i] = (int16_t)v;
}

/* sum((input[start + k] - zp) * w[k]) for k < n, the input int8 or int16:
 * the type is tested once per row, not per element. Partial sums of at most
 * 256 products (each within 2^23) are exact in int32. */
static inline int64_t dot_s16(const void *input, int32_t bytes, int32_t start,
                              const int8_t *w, int32_t n, int32_t zp) {
  int64_t sum = 0;
  int32_t k = 0;
  while (k < n) {
    int32_t end = n - k > 256 ? k + 256 : n, partial = 0;
    if (bytes == 2) {
      const int16_t *x = (const int16_t *)input + start;
      for (; k < end; ++k)
        partial += (x[k] - zp) * w[k];
    } else {
      const int8_t *x = (const int8_t *)input + start;
      for (; k < end; ++k)
        partial += (x[k] - zp) * w[k];
    }
    sum += partial;
  }
  return sum;
}

static inline int valid_precision(qat_rt_precision precision) {
  return (precision.input_bytes == 1 || precision.input_bytes == 2) &&
         (precision.output_bytes == 1 || precision.output_bytes == 2);
}

#endif /* QAT_RT_INT16_H */
