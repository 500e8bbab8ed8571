/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* depthwise_conv_s8.c - qint.depthwise_conv2d with int8 activations and
 * weights: channel multiplier 1 and up to 5x5 taps run four (sixteen with
 * Helium) channels at a time over blocked weights; anything else runs the
 * generic loop. */
#include "layer.h"

int32_t qat_rt_depthwise_conv2d_scratch_size(const qat_rt_conv_params *p) {
  return qat_rt_depthwise_conv2d_scratch(p);
}

/* Four channels c..c+3 of one output pixel over its taps. */
#if QAT_RT_USE_DSP
#define QAT_RT_DEPTHWISE_TAP(X, W)                                             \
  do {                                                                         \
    int32_t xv = qat_rt_load4(X), wv = qat_rt_load4(W);                        \
    int32_t xe = qat_rt_even(xv), xo = qat_rt_odd(xv);                         \
    int32_t we = qat_rt_even(wv), wo = qat_rt_odd(wv);                         \
    s0 = __smlabb(xe, we, s0);                                                 \
    s2 = __smlatt(xe, we, s2);                                                 \
    s1 = __smlabb(xo, wo, s1);                                                 \
    s3 = __smlatt(xo, wo, s3);                                                 \
  } while (0)
#else
#define QAT_RT_DEPTHWISE_TAP(X, W)                                             \
  do {                                                                         \
    const int8_t *x_ = (X), *w_ = (W);                                         \
    s0 += x_[0] * w_[0];                                                       \
    s1 += x_[1] * w_[1];                                                       \
    s2 += x_[2] * w_[2];                                                       \
    s3 += x_[3] * w_[3];                                                       \
  } while (0)
#endif

QAT_RT_ALWAYS_INLINE void depthwise4(const int8_t *const *taps, int32_t count,
                                     const int8_t *w, int32_t c, int32_t *acc) {
  int32_t s0 = acc[0], s1 = acc[1], s2 = acc[2], s3 = acc[3], t;
  for (t = 0; t < count; ++t, w += 4)
    QAT_RT_DEPTHWISE_TAP(taps[t] + c, w);
  acc[0] = s0;
  acc[1] = s1;
  acc[2] = s2;
  acc[3] = s3;
}
#undef QAT_RT_DEPTHWISE_TAP

/* Channel multiplier 1: every tap of a pixel is a pointer to a whole row
 * of channels (the input pixel, or the row of input_zp for a tap in the
 * padding), and channels go four at a time over all taps. The filter is in
 * the blocked depthwise order of qat_rt.h. */
QAT_RT_ALWAYS_INLINE void
depthwise_pixel(const qat_rt_output_stage *s, qat_rt_output_mode mode,
                const int8_t *const *taps, int32_t count, const int8_t *filter,
                const int32_t *bias, int32_t channels, int8_t *out) {
  int32_t c, t;
#if QAT_RT_USE_MVE
  if (QAT_RT_VECTOR_MODE(mode)) {
    /* Sixteen channels per tap: VMULLB and VMULLT multiply the even and the
     * odd bytes into int16 products, widened into four int32 accumulators
     * that hold channels {r, r + 4, r + 8, r + 12} (r = 0, 1, 2, 3); VST4
     * interleaves them back into channel order. */
    for (c = 0; c + 15 < channels; c += 16, filter += 16 * count) {
      int32x4x4_t acc;
      int32_t sums[16], j;
      acc.val[0] = acc.val[1] = acc.val[2] = acc.val[3] = vdupq_n_s32(0);
      for (t = 0; t < count; ++t) {
        int8x16_t x = vldrbq_s8(taps[t] + c), w = vldrbq_s8(filter + 16 * t);
        int16x8_t even = vmullbq_int_s8(x, w), odd = vmulltq_int_s8(x, w);
        acc.val[0] = vaddq_s32(acc.val[0], vmovlbq_s16(even));
        acc.val[2] = vaddq_s32(acc.val[2], vmovltq_s16(even));
        acc.val[1] = vaddq_s32(acc.val[1], vmovlbq_s16(odd));
        acc.val[3] = vaddq_s32(acc.val[3], vmovltq_s16(odd));
      }
      vst4q_s32(sums, acc);
      for (j = 0; j < 16; j += 4)
        output4(s, mode,
                vaddq_s32(vldrwq_s32(sums + j), vldrwq_s32(bias + c + j)),
                c + j, out);
    }
    /* Four channels per tap in int32 lanes. */
    for (; c + 3 < channels; c += 4, filter += 4 * count) {
      int32x4_t acc = vldrwq_s32(bias + c);
      for (t = 0; t < count; ++t)
        acc = vaddq_s32(acc, vmulq_s32(vldrbq_s32(taps[t] + c),
                                       vldrbq_s32(filter + 4 * t)));
      output4(s, mode, acc, c, out);
    }
    for (; c < channels; ++c, filter += count) {
      int32_t acc = bias[c];
      for (t = 0; t < count; ++t)
        acc += taps[t][c] * filter[t];
      out[c] = qat_rt_output_in(s, mode, acc, c);
    }
    return;
  }
#endif
  for (c = 0; c + 3 < channels; c += 4, filter += 4 * count) {
    int32_t acc[4];
    acc[0] = bias[c];
    acc[1] = bias[c + 1];
    acc[2] = bias[c + 2];
    acc[3] = bias[c + 3];
    depthwise4(taps, count, filter, c, acc);
    out[c] = qat_rt_output_in(s, mode, acc[0], c);
    out[c + 1] = qat_rt_output_in(s, mode, acc[1], c + 1);
    out[c + 2] = qat_rt_output_in(s, mode, acc[2], c + 2);
    out[c + 3] = qat_rt_output_in(s, mode, acc[3], c + 3);
  }
  for (; c < channels; ++c, filter += count) {
    int32_t acc = bias[c];
    for (t = 0; t < count; ++t)
      acc += taps[t][c] * filter[t];
    out[c] = qat_rt_output_in(s, mode, acc, c);
  }
}

#define QAT_RT_DEPTHWISE_MAX_TAPS 25 /* up to 5x5 */

QAT_RT_ALWAYS_INLINE void
depthwise_taps(const qat_rt_conv_params *p, qat_rt_output_mode mode,
               const int8_t *input, const int8_t *filter, const int32_t *bias,
               const int8_t *zp_row, int8_t *output) {
  const qat_rt_output_stage s = p->out;
  const int8_t *taps[QAT_RT_DEPTHWISE_MAX_TAPS];
  int32_t offsets[QAT_RT_DEPTHWISE_MAX_TAPS];
  int32_t n, oy, ox, ky, kx, t, count = p->kernel_h * p->kernel_w;
  /* A window inside the image takes its taps at fixed offsets from its
   * first pixel; only windows that reach the padding check each tap. */
  const int32_t span_h = (p->kernel_h - 1) * p->dilation_h;
  const int32_t span_w = (p->kernel_w - 1) * p->dilation_w;
  for (ky = 0, t = 0; ky < p->kernel_h; ++ky)
    for (kx = 0; kx < p->kernel_w; ++kx, ++t)
      offsets[t] =
          (ky * p->dilation_h * p->in_w + kx * p->dilation_w) * p->in_c;
  for (n = 0; n < p->batches; ++n) {
    const int8_t *image = input + n * p->in_h * p->in_w * p->in_c;
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox) {
        const int32_t iy0 = oy * p->stride_h - p->pad_top;
        const int32_t ix0 = ox * p->stride_w - p->pad_left;
        if (iy0 >= 0 && iy0 + span_h < p->in_h && ix0 >= 0 &&
            ix0 + span_w < p->in_w) {
          const int8_t *first = image + (iy0 * p->in_w + ix0) * p->in_c;
          for (t = 0; t < count; ++t)
            taps[t] = first + offsets[t];
        } else {
          const int8_t **tap = taps;
          for (ky = 0; ky < p->kernel_h; ++ky) {
            int32_t iy = iy0 + ky * p->dilation_h;
            for (kx = 0; kx < p->kernel_w; ++kx) {
              int32_t ix = ix0 + kx * p->dilation_w;
              *tap++ = iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w
                           ? zp_row
                           : image + (iy * p->in_w + ix) * p->in_c;
            }
          }
        }
        /* 3x3, the common kernel, with its tap loop unrolled. */
        if (count == 9)
          depthwise_pixel(&s, mode, taps, 9, filter, bias, p->out_c,
                          output +
                              ((n * p->out_h + oy) * p->out_w + ox) * p->out_c);
        else
          depthwise_pixel(&s, mode, taps, count, filter, bias, p->out_c,
                          output +
                              ((n * p->out_h + oy) * p->out_w + ox) * p->out_c);
      }
  }
}

int qat_rt_depthwise_conv2d(const qat_rt_conv_params *p, const int8_t *input,
                            const int8_t *filter, const int32_t *folded_bias,
                            int8_t *scratch, int8_t *output) {
  int32_t c;
  if (!p || !input || !filter || !folded_bias || !output || p->in_c <= 0 ||
      p->out_c % p->in_c != 0 || (qat_rt_depthwise_pads(p) && !scratch))
    return -1;
  if (p->out_c != p->in_c ||
      p->kernel_h * p->kernel_w > QAT_RT_DEPTHWISE_MAX_TAPS) {
    qat_rt_depthwise_generic(p, input, filter, 0, folded_bias, output);
    return 0;
  }
  if (qat_rt_depthwise_pads(
          p)) /* else scratch holds no bytes (NULL, or 0 of them) */
    for (c = 0; c < p->in_c; ++c)
      scratch[c] = (int8_t)p->input_zp;
  switch (qat_rt_layer_mode(&p->out, p->out_c, folded_bias,
                            p->kernel_h * p->kernel_w)) {
  case QAT_RT_MODE_DOUBLE_SATURATING:
    depthwise_taps(p, QAT_RT_MODE_DOUBLE_SATURATING, input, filter, folded_bias,
                   scratch, output);
    return 0;
#if QAT_RT_SMALL_ACCUMULATORS
  case QAT_RT_MODE_DOUBLE_SATURATING_SMALL:
    depthwise_taps(p, QAT_RT_MODE_DOUBLE_SATURATING_SMALL, input, filter,
                   folded_bias, scratch, output);
    return 0;
#endif
#if QAT_RT_USE_MVE
  case QAT_RT_MODE_SINGLE_RIGHT_SHIFTS:
    depthwise_taps(p, QAT_RT_MODE_SINGLE_RIGHT_SHIFTS, input, filter,
                   folded_bias, scratch, output);
    return 0;
#endif
  case QAT_RT_MODE_SINGLE_HIGH_WORD:
    depthwise_taps(p, QAT_RT_MODE_SINGLE_HIGH_WORD, input, filter, folded_bias,
                   scratch, output);
    return 0;
  default:
    break;
  }
  if (p->out.rounding == QAT_RT_SINGLE_ROUNDING)
    depthwise_taps(p, QAT_RT_MODE_SINGLE, input, filter, folded_bias, scratch,
                   output);
  else
    depthwise_taps(p, QAT_RT_MODE_DOUBLE, input, filter, folded_bias, scratch,
                   output);
  return 0;
}
