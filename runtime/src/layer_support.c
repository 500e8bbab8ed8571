/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* layer_support.c - the loops more than one layer kernel calls: the
 * gathered input column, the blocked dot products with their output stage
 * (conv and fully connected, int8, wide and 4-bit weights), the generic
 * depthwise loop (int8 and 4-bit filters) and the int16 convolution.
 *
 * Every int8 kernel takes the bias with the input zero point folded in
 * (bias[o] - input_zp * sum of o's weights, computed by the compiler), so
 * it multiplies raw int8 inputs; a tap in the padding reads input_zp, which
 * contributes exactly what the folded bias subtracted. Conv and fully
 * connected weights come in the blocked order of qat_rt.h, so four output
 * rows stream from one pointer and every dot product runs over whole words.
 */
#include "int16.h"
#include "layer.h"

/* The gathers' runs are a kernel row of channels: sixteen bytes a step
 * with Helium (tail-predicated), a word a step elsewhere (an unaligned LDR
 * and STR on the Cortex-M4), where a byte loop took three instructions a
 * byte. */
static void fill(int8_t *dst, int32_t n, int8_t value) {
#if QAT_RT_USE_MVE
  int8x16_t v = vdupq_n_s8(value);
  for (; n > 0; n -= 16, dst += 16)
    vstrbq_p_s8(dst, v, vctp8q((uint32_t)n));
#else
  int32_t word = (int32_t)((uint32_t)(uint8_t)value * 0x01010101u), i;
  for (; n >= 4; n -= 4, dst += 4)
    __builtin_memcpy(dst, &word, 4);
  for (i = 0; i < n; ++i)
    dst[i] = value;
#endif
}

static void copy(int8_t *dst, const int8_t *src, int32_t n) {
#if QAT_RT_USE_MVE
  for (; n > 0; n -= 16, dst += 16, src += 16) {
    mve_pred16_t lanes = vctp8q((uint32_t)n);
    vstrbq_p_s8(dst, vldrbq_z_s8(src, lanes), lanes);
  }
#else
  int32_t i;
  for (; n >= 4; n -= 4, dst += 4, src += 4)
    __builtin_memcpy(dst, src, 4);
  for (i = 0; i < n; ++i)
    dst[i] = src[i];
#endif
}

/* The receptive field of one output pixel in filter order (ky, kx, c),
 * zero-padded to a whole number of words. With no horizontal dilation the
 * taps of one kernel row that fall inside the image are one run of
 * memory: each row is input_zp for the taps left of the image, one copy,
 * and input_zp for those right of it, so no tap is bounds-checked. */
static void gather(const qat_rt_conv_params *p, const int8_t *image, int32_t oy,
                   int32_t ox, int8_t *column) {
  const int32_t in_c = p->in_c, kw = p->kernel_w, row_bytes = kw * in_c;
  const int32_t iy0 = oy * p->stride_h - p->pad_top;
  const int32_t ix0 = ox * p->stride_w - p->pad_left;
  const int8_t zp = (int8_t)p->input_zp;
  int32_t ky, kx, k = p->kernel_h * row_bytes;
  int32_t first = ix0 < 0 ? -ix0 : 0, last = p->in_w - ix0;
  /* Taps [first, last) of each kernel row lie inside the image. */
  first = first < kw ? first : kw;
  last = last < first ? first : (last > kw ? kw : last);
  fill(column + k, qat_rt_round_up4(k) - k, 0);
  for (ky = 0; ky < p->kernel_h; ++ky, column += row_bytes) {
    int32_t iy = iy0 + ky * p->dilation_h;
    if (iy < 0 || iy >= p->in_h) {
      fill(column, row_bytes, zp);
      continue;
    }
    if (p->dilation_w == 1) {
      fill(column, first * in_c, zp);
      if (last > first)
        copy(column + first * in_c, image + (iy * p->in_w + ix0 + first) * in_c,
             (last - first) * in_c);
      fill(column + last * in_c, (kw - last) * in_c, zp);
      continue;
    }
    for (kx = 0; kx < kw; ++kx) {
      int32_t ix = ix0 + kx * p->dilation_w;
      if (ix < 0 || ix >= p->in_w)
        fill(column + kx * in_c, in_c, zp);
      else
        copy(column + kx * in_c, image + (iy * p->in_w + ix) * in_c, in_c);
    }
  }
}

const int8_t *qat_rt_column_of(const qat_rt_conv_params *p, int direct,
                               const int8_t *input, int32_t i, int8_t *column) {
  int32_t per_image = p->out_h * p->out_w, n = i / per_image;
  int32_t oy = (i - n * per_image) / p->out_w,
          ox = i - n * per_image - oy * p->out_w;
  const int8_t *image = input + n * p->in_h * p->in_w * p->in_c;
  if (direct)
    return image + (oy * p->stride_h * p->in_w + ox * p->stride_w) * p->in_c;
  gather(p, image, oy, ox, column);
  return column;
}

void qat_rt_weighted_outputs(const qat_rt_output_stage *stage,
                             qat_rt_output_mode mode, const int8_t *x,
                             const int8_t *w, const int32_t *bias, int32_t k4,
                             int32_t count, int8_t *out) {
  weighted_outputs_any(stage, mode, 0, 0, x, 0, w, bias, k4, count, out, 0);
}

void qat_rt_weighted_outputs_wide(const qat_rt_output_stage *stage,
                                  qat_rt_output_mode mode, const int8_t *x,
                                  const int64_t *w, const int32_t *bias,
                                  int32_t k4, int32_t count, int8_t *out) {
  weighted_outputs_any(stage, mode, 1, 0, x, 0, w, bias, k4, count, out, 0);
}

/* The signed value of the 4-bit two's complement in v's low bits. */
static int32_t sign4(int32_t v) { return ((v & 15) ^ 8) - 8; }

/* Weight i of 4-bit weights packed two per byte, low nibble first. */
static int32_t nibble(const int8_t *packed, int32_t i) {
  int32_t b = (uint8_t)packed[i >> 1];
  return sign4((i & 1) ? b >> 4 : b);
}

void qat_rt_depthwise_generic(const qat_rt_conv_params *p, const int8_t *input,
                              const int8_t *filter, int s4, const int32_t *bias,
                              int8_t *output) {
  int32_t n, oy, ox, oc, ky, kx, multiplier = p->out_c / p->in_c;
  for (n = 0; n < p->batches; ++n) {
    const int8_t *image = input + n * p->in_h * p->in_w * p->in_c;
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox)
        for (oc = 0; oc < p->out_c; ++oc) {
          int32_t acc = bias[oc];
          for (ky = 0; ky < p->kernel_h; ++ky) {
            int32_t iy = oy * p->stride_h + ky * p->dilation_h - p->pad_top;
            for (kx = 0; kx < p->kernel_w; ++kx) {
              int32_t ix = ox * p->stride_w + kx * p->dilation_w - p->pad_left;
              int32_t x =
                  iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w
                      ? p->input_zp
                      : image[(iy * p->in_w + ix) * p->in_c + oc / multiplier];
              int32_t at = (ky * p->kernel_w + kx) * p->out_c + oc;
              acc += x * (s4 ? nibble(filter, at) : filter[at]);
            }
          }
          output[((n * p->out_h + oy) * p->out_w + ox) * p->out_c + oc] =
              qat_rt_output(&p->out, acc, oc);
        }
  }
}

/* n (even) 4-bit weights from packed to int8. */
static void unpack_s4(const int8_t *packed, int32_t n, int8_t *out) {
  int32_t i;
  for (i = 0; i < n; i += 2) {
    int32_t b = (uint8_t)packed[i >> 1];
    out[i] = (int8_t)sign4(b);
    out[i + 1] = (int8_t)sign4(b >> 4);
  }
}

/* The outputs of packed 4-bit blocked weights: for each group of four rows
 * (and each row after them), QAT_RT_S4_CHUNK columns at a time unpacked
 * into `unpacked` and accumulated by the int8 dot products. Row o's group
 * starts at weight o * k4 of the blocked order and its columns from c on
 * at weight o * k4 + rows * c (k4 and c are multiples of 4: whole bytes). */
void qat_rt_weighted_outputs_s4(const qat_rt_output_stage *s, const int8_t *x,
                                const int8_t *packed, const int32_t *bias,
                                int32_t k4, int32_t count, int8_t *out,
                                int8_t *unpacked) {
  int32_t o, rows, c, j;
  for (o = 0; o < count; o += rows) {
    const int8_t *group = packed + o * k4 / 2;
    int32_t acc[4];
    rows = count - o >= 4 ? 4 : 1;
    for (j = 0; j < rows; ++j)
      acc[j] = bias[o + j];
    for (c = 0; c < k4; c += QAT_RT_S4_CHUNK) {
      int32_t n = k4 - c < QAT_RT_S4_CHUNK ? k4 - c : QAT_RT_S4_CHUNK;
      unpack_s4(group + rows * c / 2, rows * n, unpacked);
      if (rows == 4)
        qat_rt_dot4(x + c, unpacked, n, acc);
      else
        acc[0] = qat_rt_dot(x + c, unpacked, n, acc[0]);
    }
    for (j = 0; j < rows; ++j)
      out[o + j] = qat_rt_output(s, acc[j], o + j);
  }
}

int qat_rt_convolve_s16(const qat_rt_conv_params *p, qat_rt_precision precision,
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
