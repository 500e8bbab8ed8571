/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* int16.c - kernels for int16 activations (TFLite's 16x8 scheme): conv,
 * depthwise and fully connected with an int16 input or output (mixed
 * precision), add, mul, softmax, and requantize between precisions (the
 * pools are in pooling.c).
 * Portable C on every target: the arithmetic is TFLite's reference, so it
 * is bit-exact wherever it runs. */
#include "qat_rt_internal.h"

/* TFLite's 64-bit MultiplyByQuantizedMultiplier: the multiplier rounded to
 * 16 bits, one rounding shift (shift in [-31, 7], |acc| < 2^47). */
static int32_t scale64(int64_t acc, int32_t m, int32_t shift) {
  int64_t reduced = m < 0x7FFF0000 ? ((int64_t)m + (1 << 15)) >> 16 : 0x7FFF;
  int32_t total = 15 - shift;
  return (int32_t)((acc * reduced + ((int64_t)1 << (total - 1))) >> total);
}

/* One output: an int64 accumulator with the 64-bit rescale, or (TFLite's
 * int16xint8xint32 variant) an int32 one with the int8 output stage. */
static int32_t output_s16(const qat_rt_output_stage *s,
                          qat_rt_accumulator accumulator, int64_t acc,
                          int32_t channel) {
  int32_t m = s->multiplier[channel], shift = s->shift[channel], v;
  if (accumulator == QAT_RT_ACCUMULATOR_INT64)
    v = scale64(acc, m, shift);
  else
    v = qat_rt_mbqm((int32_t)acc, m, shift, s->rounding);
  return qat_rt_clamp(v + s->output_zp, s->act_min, s->act_max);
}

static int32_t read_element(const void *data, int32_t bytes, int32_t i) {
  if (bytes == 1)
    return ((const int8_t *)data)[i];
  if (bytes == 2)
    return ((const int16_t *)data)[i];
  return ((const int32_t *)data)[i];
}

static void write_element(void *data, int32_t bytes, int32_t i, int32_t v) {
  if (bytes == 1)
    ((int8_t *)data)[i] = (int8_t)v;
  else
    ((int16_t *)data)[i] = (int16_t)v;
}

/* sum((input[start + k] - zp) * w[k]) for k < n, the input int8 or int16:
 * the type is tested once per row, not per element. Partial sums of at most
 * 256 products (each within 2^23) are exact in int32. */
static int64_t dot_s16(const void *input, int32_t bytes, int32_t start,
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

static int valid_precision(qat_rt_precision precision) {
  return (precision.input_bytes == 1 || precision.input_bytes == 2) &&
         (precision.output_bytes == 1 || precision.output_bytes == 2);
}

static int convolve_s16(const qat_rt_conv_params *p, qat_rt_precision precision,
                        const void *input, const int8_t *filter,
                        const int64_t *bias, void *output, int depthwise) {
  int32_t n, oy, ox, oc, ky, kx;
  int32_t multiplier;
  const int32_t bytes = precision.input_bytes;
  if (!p || !input || !filter || !output || p->in_c <= 0 ||
      !valid_precision(precision))
    return -1;
  multiplier = depthwise ? p->out_c / p->in_c : 1;
  for (n = 0; n < p->batches; ++n)
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox)
        for (oc = 0; oc < p->out_c; ++oc) {
          int64_t acc = bias ? bias[oc] : 0;
          for (ky = 0; ky < p->kernel_h; ++ky) {
            int32_t iy = oy * p->stride_h + ky * p->dilation_h - p->pad_top;
            if (iy < 0 || iy >= p->in_h)
              continue;
            for (kx = 0; kx < p->kernel_w; ++kx) {
              int32_t ix = ox * p->stride_w + kx * p->dilation_w - p->pad_left;
              int32_t pixel;
              if (ix < 0 || ix >= p->in_w)
                continue;
              pixel = ((n * p->in_h + iy) * p->in_w + ix) * p->in_c;
              if (depthwise) {
                acc += (read_element(input, bytes, pixel + oc / multiplier) -
                        p->input_zp) *
                       filter[(ky * p->kernel_w + kx) * p->out_c + oc];
                continue;
              }
              acc += dot_s16(input, bytes, pixel,
                             filter +
                                 ((oc * p->kernel_h + ky) * p->kernel_w + kx) *
                                     p->in_c,
                             p->in_c, p->input_zp);
            }
          }
          write_element(output, precision.output_bytes,
                        ((n * p->out_h + oy) * p->out_w + ox) * p->out_c + oc,
                        output_s16(&p->out, precision.accumulator, acc, oc));
        }
  return 0;
}

int qat_rt_conv2d_s16(const qat_rt_conv_params *p, qat_rt_precision precision,
                      const void *input, const int8_t *filter,
                      const int64_t *bias, void *output) {
  return convolve_s16(p, precision, input, filter, bias, output, 0);
}

int qat_rt_depthwise_conv2d_s16(const qat_rt_conv_params *p,
                                qat_rt_precision precision, const void *input,
                                const int8_t *filter, const int64_t *bias,
                                void *output) {
  return convolve_s16(p, precision, input, filter, bias, output, 1);
}

int qat_rt_fully_connected_s16(const qat_rt_fc_params *p,
                               qat_rt_precision precision, const void *input,
                               const int8_t *weights, const int64_t *bias,
                               void *output) {
  int32_t n, o;
  if (!p || !input || !weights || !output || !valid_precision(precision))
    return -1;
  for (n = 0; n < p->batches; ++n)
    for (o = 0; o < p->out_features; ++o) {
      const int8_t *w = weights + o * p->in_features;
      int64_t acc = bias ? bias[o] : 0;
      acc += dot_s16(input, precision.input_bytes, n * p->in_features, w,
                     p->in_features, 0);
      write_element(output, precision.output_bytes, n * p->out_features + o,
                    output_s16(&p->out, precision.accumulator, acc, o));
    }
  return 0;
}

static int32_t at16(const int16_t *v, int32_t size, int32_t i) {
  return v[i % size];
}

int qat_rt_add_s16(const qat_rt_add_params *p, const int16_t *lhs,
                   const int16_t *rhs, int16_t *output) {
  int32_t i;
  if (!p || !lhs || !rhs || !output || p->lhs_size <= 0 || p->rhs_size <= 0)
    return -1;
  for (i = 0; i < p->size; ++i) {
    int32_t a = qat_rt_mbqm_smaller_than_one(
        qat_rt_shl(at16(lhs, p->lhs_size, i) - p->lhs_zp, p->left_shift),
        p->lhs_multiplier, p->lhs_shift, p->rounding);
    int32_t b = qat_rt_mbqm_smaller_than_one(
        qat_rt_shl(at16(rhs, p->rhs_size, i) - p->rhs_zp, p->left_shift),
        p->rhs_multiplier, p->rhs_shift, p->rounding);
    int32_t v = qat_rt_mbqm_smaller_than_one(a + b, p->output_multiplier,
                                             p->output_shift, p->rounding);
    output[i] = (int16_t)qat_rt_clamp(v + p->output_zp, p->act_min, p->act_max);
  }
  return 0;
}

int qat_rt_mul_s16(const qat_rt_mul_params *p, const int16_t *lhs,
                   const int16_t *rhs, int16_t *output) {
  int32_t i;
  if (!p || !lhs || !rhs || !output || p->lhs_size <= 0 || p->rhs_size <= 0)
    return -1;
  for (i = 0; i < p->size; ++i) {
    int32_t product = (at16(lhs, p->lhs_size, i) - p->lhs_zp) *
                      (at16(rhs, p->rhs_size, i) - p->rhs_zp);
    int32_t v = qat_rt_mbqm(product, p->output_multiplier, p->output_shift,
                            p->rounding);
    output[i] = (int16_t)qat_rt_clamp(v + p->output_zp, p->act_min, p->act_max);
  }
  return 0;
}

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

int qat_rt_requantize_mixed(const qat_rt_requantize_params *p,
                            const void *input, int32_t input_bytes,
                            void *output, int32_t output_bytes) {
  int32_t i;
  if (!p || !input || !output || p->inner <= 0 || p->channels <= 0 ||
      (input_bytes != 1 && input_bytes != 2 && input_bytes != 4) ||
      (output_bytes != 1 && output_bytes != 2))
    return -1;
  for (i = 0; i < p->size; ++i) {
    int32_t c = (i / p->inner) % p->channels;
    int32_t v =
        qat_rt_mbqm(read_element(input, input_bytes, i) - p->input_zp,
                    p->out.multiplier[c], p->out.shift[c], p->out.rounding);
    write_element(
        output, output_bytes, i,
        qat_rt_clamp(v + p->out.output_zp, p->out.act_min, p->out.act_max));
  }
  return 0;
}
