/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* conv.c - qint.conv2d, qint.depthwise_conv2d, qint.fully_connected.
 *
 * Every kernel takes the bias with the input zero point folded in
 * (bias[o] - input_zp * sum of o's weights, computed by the compiler), so
 * it multiplies raw int8 inputs; a tap in the padding reads input_zp, which
 * contributes exactly what the folded bias subtracted. Conv and fully
 * connected weights come in the blocked order of qat_rt.h, so four output
 * rows stream from one pointer and every dot product runs over whole words.
 */
#include "dot.h"
#include "qat_rt_internal.h"
#include "qat_rt_scratch.h"
#include "vector.h"

int32_t qat_rt_conv2d_scratch_size(const qat_rt_conv_params *p) {
  return qat_rt_conv2d_scratch(p);
}

int32_t qat_rt_fully_connected_scratch_size(const qat_rt_fc_params *p) {
  return qat_rt_fully_connected_scratch(p);
}

static void fill(int8_t *dst, int32_t n, int8_t value) {
  int32_t i;
  for (i = 0; i < n; ++i)
    dst[i] = value;
}

static void copy(int8_t *dst, const int8_t *src, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i)
    dst[i] = src[i];
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

#if QAT_RT_USE_MVE
/* The output stage of channels c..c+3 at once, exactly as the scalar one. */
QAT_RT_ALWAYS_INLINE void output4(const qat_rt_output_stage *s,
                                  qat_rt_output_mode mode, int32x4_t acc,
                                  int32_t c, int8_t *out) {
  acc = qat_rt_scale4(acc, vldrwq_s32(s->multiplier + c),
                      vldrwq_s32(s->shift + c), mode);
  acc = vaddq_n_s32(acc, s->output_zp);
  acc = vmaxq_s32(acc, vdupq_n_s32(s->act_min));
  acc = vminq_s32(acc, vdupq_n_s32(s->act_max));
  vstrbq_s32(out + c, acc);
}
#endif

/* out[o] for o in [0, count) from one column of k4 bytes against blocked
 * weight rows (int8, or widened to int16 when `wide`); with `pair`, also
 * out1[o] from a second pixel, both read from the pair buffer `pairs`
 * (qat_rt_expand_pair) instead of x. The output stage is copied so that
 * the int8 stores, which may alias anything, do not force it to be
 * reloaded; `mode`, `wide` and `pair` are constants at each call, so each
 * gets its own straight-line code. */
QAT_RT_ALWAYS_INLINE void
weighted_outputs_in(const qat_rt_output_stage *stage, qat_rt_output_mode mode,
                    int wide, int pair, const int8_t *x, const int32_t *pairs,
                    const void *weights, const int32_t *bias, int32_t k4,
                    int32_t count, int8_t *out, int8_t *out1) {
  const qat_rt_output_stage s = *stage;
  const int8_t *w = (const int8_t *)weights;
  const int64_t *ww = (const int64_t *)weights;
  int32_t o;
#if QAT_RT_PIXEL_PAIRS
  if (pair) {
    for (o = 0; o + 3 < count; o += 4, w += 4 * k4, ww += k4) {
      int32_t acc[8], j;
      for (j = 0; j < 4; ++j)
        acc[j] = acc[4 + j] = bias[o + j];
      if (wide)
        qat_rt_dot4x2_wide(pairs, ww, k4, acc);
      else
        qat_rt_dot4x2(pairs, w, k4, acc);
      for (j = 0; j < 4; ++j) {
        /* Both outputs before either store, so that the channel's
         * parameters are loaded once. */
        int8_t y0 = qat_rt_output_in(&s, mode, acc[j], o + j);
        int8_t y1 = qat_rt_output_in(&s, mode, acc[4 + j], o + j);
        out[o + j] = y0;
        out1[o + j] = y1;
      }
    }
    for (; o < count; ++o, w += k4, ww += k4 / 4) {
      int32_t a = bias[o], b = bias[o];
      if (wide)
        qat_rt_dot1x2_wide(pairs, ww, k4, &a, &b);
      else
        qat_rt_dot1x2(pairs, w, k4, &a, &b);
      out[o] = qat_rt_output_in(&s, mode, a, o);
      out1[o] = qat_rt_output_in(&s, mode, b, o);
    }
    return;
  }
#else
  (void)pair;
  (void)pairs;
  (void)out1;
#endif
  for (o = 0; o + 3 < count; o += 4, w += 4 * k4, ww += k4) {
    int32_t acc[4];
    acc[0] = bias[o];
    acc[1] = bias[o + 1];
    acc[2] = bias[o + 2];
    acc[3] = bias[o + 3];
    if (wide)
      qat_rt_dot4_wide(x, ww, k4, acc);
    else
      qat_rt_dot4(x, w, k4, acc);
#if QAT_RT_USE_MVE
    if (QAT_RT_VECTOR_MODE(mode)) {
      output4(&s, mode, qat_rt_vec4(acc[0], acc[1], acc[2], acc[3]), o, out);
      continue;
    }
#endif
    out[o] = qat_rt_output_in(&s, mode, acc[0], o);
    out[o + 1] = qat_rt_output_in(&s, mode, acc[1], o + 1);
    out[o + 2] = qat_rt_output_in(&s, mode, acc[2], o + 2);
    out[o + 3] = qat_rt_output_in(&s, mode, acc[3], o + 3);
  }
  for (; o < count; ++o, w += k4, ww += k4 / 4)
    out[o] = qat_rt_output_in(&s, mode,
                              wide ? qat_rt_dot_wide(x, ww, k4, bias[o])
                                   : qat_rt_dot(x, w, k4, bias[o]),
                              o);
}

/* weighted_outputs_in in the call's mode. */
QAT_RT_ALWAYS_INLINE void
weighted_outputs_any(const qat_rt_output_stage *stage, qat_rt_output_mode mode,
                     int wide, int pair, const int8_t *x, const int32_t *pairs,
                     const void *w, const int32_t *bias, int32_t k4,
                     int32_t count, int8_t *out, int8_t *out1) {
  if (mode == QAT_RT_MODE_DOUBLE_SATURATING)
    weighted_outputs_in(stage, QAT_RT_MODE_DOUBLE_SATURATING, wide, pair, x,
                        pairs, w, bias, k4, count, out, out1);
  else if (mode == QAT_RT_MODE_DOUBLE)
    weighted_outputs_in(stage, QAT_RT_MODE_DOUBLE, wide, pair, x, pairs, w,
                        bias, k4, count, out, out1);
  else if (mode == QAT_RT_MODE_SINGLE_HIGH_WORD)
    weighted_outputs_in(stage, QAT_RT_MODE_SINGLE_HIGH_WORD, wide, pair, x,
                        pairs, w, bias, k4, count, out, out1);
#if QAT_RT_USE_MVE
  else if (mode == QAT_RT_MODE_SINGLE_RIGHT_SHIFTS)
    weighted_outputs_in(stage, QAT_RT_MODE_SINGLE_RIGHT_SHIFTS, wide, pair, x,
                        pairs, w, bias, k4, count, out, out1);
#endif
  else
    weighted_outputs_in(stage, QAT_RT_MODE_SINGLE, wide, pair, x, pairs, w,
                        bias, k4, count, out, out1);
}

/* One function per weight width and pixel count, so that a program without
 * wide weights links no wide code (and the reverse). */
static void weighted_outputs(const qat_rt_output_stage *stage,
                             qat_rt_output_mode mode, const int8_t *x,
                             const int8_t *w, const int32_t *bias, int32_t k4,
                             int32_t count, int8_t *out) {
  weighted_outputs_any(stage, mode, 0, 0, x, 0, w, bias, k4, count, out, 0);
}

static void weighted_outputs_wide(const qat_rt_output_stage *stage,
                                  qat_rt_output_mode mode, const int8_t *x,
                                  const int64_t *w, const int32_t *bias,
                                  int32_t k4, int32_t count, int8_t *out) {
  weighted_outputs_any(stage, mode, 1, 0, x, 0, w, bias, k4, count, out, 0);
}

#if QAT_RT_PIXEL_PAIRS
static void weighted_pair(const qat_rt_output_stage *stage,
                          qat_rt_output_mode mode, const int32_t *pairs,
                          const int8_t *w, const int32_t *bias, int32_t k4,
                          int32_t count, int8_t *out, int8_t *out1) {
  weighted_outputs_any(stage, mode, 0, 1, 0, pairs, w, bias, k4, count, out,
                       out1);
}

static void weighted_pair_wide(const qat_rt_output_stage *stage,
                               qat_rt_output_mode mode, const int32_t *pairs,
                               const int64_t *w, const int32_t *bias,
                               int32_t k4, int32_t count, int8_t *out,
                               int8_t *out1) {
  weighted_outputs_any(stage, mode, 1, 1, 0, pairs, w, bias, k4, count, out,
                       out1);
}
#endif

#if QAT_RT_PIXEL_PAIRS
/* Whether [a, a + a_bytes) and [b, b + b_bytes) share a byte: the memory
 * plan may have a kernel write its output over its input (qat_rt.h). */
static int overlaps(const int8_t *a, int32_t a_bytes, const int8_t *b,
                    int32_t b_bytes) {
  uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
  return x < y + (uintptr_t)b_bytes && y < x + (uintptr_t)a_bytes;
}
#endif

/* The column of output pixel i (counted over batches, rows and columns):
 * the input itself for a direct convolution, else gathered into column. */
static const int8_t *column_of(const qat_rt_conv_params *p, int direct,
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

/* qat_rt_conv2d over int8 or wide weights. */
QAT_RT_ALWAYS_INLINE int conv2d_with(const qat_rt_conv_params *p,
                                     const int8_t *input, const void *filter,
                                     int wide, const int32_t *folded_bias,
                                     int8_t *scratch, int8_t *output) {
  int32_t i = 0, pixels, k4;
  int direct;
  qat_rt_output_mode mode;
  if (!p || !input || !filter || !folded_bias || !output || p->in_c <= 0)
    return -1;
  direct = qat_rt_conv_is_direct(p);
  if (!direct && !scratch)
    return -1;
  k4 = qat_rt_round_up4(p->kernel_h * p->kernel_w * p->in_c);
  mode = qat_rt_mode_of(&p->out, p->out_c);
  pixels = p->batches * p->out_h * p->out_w;
#if QAT_RT_PIXEL_PAIRS
  {
    /* Pixels [0, paired) run two at a time. Their pair buffer (two
     * columns widened to int16, 4 * k4 bytes) is the last word-aligned
     * bytes of the output, which only the later pixels' outputs overwrite,
     * after the pairs are done: no memory of its own. */
    int32_t at = pixels * p->out_c - 4 * k4;
    if (overlaps(input, p->batches * p->in_h * p->in_w * p->in_c, output,
                 pixels * p->out_c))
      at = -1; /* those bytes may be input still to be read */
    if (at >= 0)
      at -= (int32_t)((uintptr_t)(output + at) & 3u);
    if (at >= 0) {
      int32_t paired = at / p->out_c;
      int8_t *column = scratch;
      int32_t *pairs = (int32_t *)(void *)(output + at);
      for (; i + 1 < paired; i += 2) {
        int8_t *out = output + i * p->out_c;
        qat_rt_expand_pair(column_of(p, direct, input, i, column), k4, 0,
                           pairs);
        qat_rt_expand_pair(column_of(p, direct, input, i + 1, column), k4, 1,
                           pairs);
        if (wide)
          weighted_pair_wide(&p->out, mode, pairs, (const int64_t *)filter,
                             folded_bias, k4, p->out_c, out, out + p->out_c);
        else
          weighted_pair(&p->out, mode, pairs, (const int8_t *)filter,
                        folded_bias, k4, p->out_c, out, out + p->out_c);
      }
    }
  }
#endif
  for (; i < pixels; ++i) {
    const int8_t *column = column_of(p, direct, input, i, scratch);
    if (wide)
      weighted_outputs_wide(&p->out, mode, column, (const int64_t *)filter,
                            folded_bias, k4, p->out_c, output + i * p->out_c);
    else
      weighted_outputs(&p->out, mode, column, (const int8_t *)filter,
                       folded_bias, k4, p->out_c, output + i * p->out_c);
  }
  return 0;
}

int qat_rt_conv2d(const qat_rt_conv_params *p, const int8_t *input,
                  const int8_t *filter, const int32_t *folded_bias,
                  int8_t *scratch, int8_t *output) {
  return conv2d_with(p, input, filter, 0, folded_bias, scratch, output);
}

int qat_rt_conv2d_wide(const qat_rt_conv_params *p, const int8_t *input,
                       const int64_t *filter, const int32_t *folded_bias,
                       int8_t *scratch, int8_t *output) {
  return conv2d_with(p, input, filter, 1, folded_bias, scratch, output);
}

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
  int32_t n, oy, ox, ky, kx, count = p->kernel_h * p->kernel_w;
  for (n = 0; n < p->batches; ++n) {
    const int8_t *image = input + n * p->in_h * p->in_w * p->in_c;
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox) {
        const int8_t **tap = taps;
        for (ky = 0; ky < p->kernel_h; ++ky) {
          int32_t iy = oy * p->stride_h + ky * p->dilation_h - p->pad_top;
          for (kx = 0; kx < p->kernel_w; ++kx) {
            int32_t ix = ox * p->stride_w + kx * p->dilation_w - p->pad_left;
            *tap++ = iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w
                         ? zp_row
                         : image + (iy * p->in_w + ix) * p->in_c;
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

/* The signed value of the 4-bit two's complement in v's low bits. */
static int32_t sign4(int32_t v) { return ((v & 15) ^ 8) - 8; }

/* Weight i of 4-bit weights packed two per byte, low nibble first. */
static int32_t nibble(const int8_t *packed, int32_t i) {
  int32_t b = (uint8_t)packed[i >> 1];
  return sign4((i & 1) ? b >> 4 : b);
}

/* Any channel multiplier or kernel size, tap by tap; `s4`: the filter is
 * 4-bit, packed. */
static void depthwise_generic(const qat_rt_conv_params *p, const int8_t *input,
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

int qat_rt_depthwise_conv2d(const qat_rt_conv_params *p, const int8_t *input,
                            const int8_t *filter, const int32_t *folded_bias,
                            int8_t *scratch, int8_t *output) {
  int32_t c;
  if (!p || !input || !filter || !folded_bias || !output || p->in_c <= 0 ||
      p->out_c % p->in_c != 0 || (qat_rt_depthwise_pads(p) && !scratch))
    return -1;
  if (p->out_c != p->in_c ||
      p->kernel_h * p->kernel_w > QAT_RT_DEPTHWISE_MAX_TAPS) {
    depthwise_generic(p, input, filter, 0, folded_bias, output);
    return 0;
  }
  if (qat_rt_depthwise_pads(
          p)) /* else scratch holds no bytes (NULL, or 0 of them) */
    for (c = 0; c < p->in_c; ++c)
      scratch[c] = (int8_t)p->input_zp;
  switch (qat_rt_mode_of(&p->out, p->out_c)) {
  case QAT_RT_MODE_DOUBLE_SATURATING:
    depthwise_taps(p, QAT_RT_MODE_DOUBLE_SATURATING, input, filter, folded_bias,
                   scratch, output);
    return 0;
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

/* qat_rt_fully_connected over int8 or wide weights. */
QAT_RT_ALWAYS_INLINE int fully_connected_with(const qat_rt_fc_params *p,
                                              const int8_t *input,
                                              const void *weights, int wide,
                                              const int32_t *folded_bias,
                                              int8_t *scratch, int8_t *output) {
  int32_t n, k, k4 = qat_rt_round_up4(p ? p->in_features : 0);
  qat_rt_output_mode mode;
  if (!p || !input || !weights || !folded_bias || !output ||
      (k4 != p->in_features && !scratch))
    return -1;
  mode = qat_rt_mode_of(&p->out, p->out_features);
  for (n = 0; n < p->batches; ++n) {
    const int8_t *row = input + n * p->in_features;
    int8_t *out = output + n * p->out_features;
    if (k4 != p->in_features) {
      /* A whole number of words, zero-padded. */
      for (k = 0; k < k4; ++k)
        scratch[k] = k < p->in_features ? row[k] : 0;
      row = scratch;
    }
    if (wide)
      weighted_outputs_wide(&p->out, mode, row, (const int64_t *)weights,
                            folded_bias, k4, p->out_features, out);
    else
      weighted_outputs(&p->out, mode, row, (const int8_t *)weights, folded_bias,
                       k4, p->out_features, out);
  }
  return 0;
}

int qat_rt_fully_connected(const qat_rt_fc_params *p, const int8_t *input,
                           const int8_t *weights, const int32_t *folded_bias,
                           int8_t *scratch, int8_t *output) {
  return fully_connected_with(p, input, weights, 0, folded_bias, scratch,
                              output);
}

int qat_rt_fully_connected_wide(const qat_rt_fc_params *p, const int8_t *input,
                                const int64_t *weights,
                                const int32_t *folded_bias, int8_t *scratch,
                                int8_t *output) {
  return fully_connected_with(p, input, weights, 1, folded_bias, scratch,
                              output);
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
static void weighted_outputs_s4(const qat_rt_output_stage *s, const int8_t *x,
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

int32_t qat_rt_conv2d_s4_scratch_size(const qat_rt_conv_params *p) {
  return qat_rt_conv2d_s4_scratch(p);
}

int qat_rt_conv2d_s4(const qat_rt_conv_params *p, const int8_t *input,
                     const int8_t *filter, const int32_t *folded_bias,
                     int8_t *scratch, int8_t *output) {
  int32_t i, pixels, k4;
  int direct;
  if (!p || !input || !filter || !folded_bias || !output || !scratch ||
      p->in_c <= 0)
    return -1;
  direct = qat_rt_conv_is_direct(p);
  k4 = qat_rt_round_up4(p->kernel_h * p->kernel_w * p->in_c);
  pixels = p->batches * p->out_h * p->out_w;
  for (i = 0; i < pixels; ++i)
    weighted_outputs_s4(&p->out, column_of(p, direct, input, i, scratch),
                        filter, folded_bias, k4, p->out_c,
                        output + i * p->out_c,
                        scratch + qat_rt_conv2d_scratch_size(p));
  return 0;
}

int qat_rt_depthwise_conv2d_s4(const qat_rt_conv_params *p, const int8_t *input,
                               const int8_t *filter, const int32_t *folded_bias,
                               int8_t *output) {
  if (!p || !input || !filter || !folded_bias || !output || p->in_c <= 0 ||
      p->out_c % p->in_c != 0)
    return -1;
  depthwise_generic(p, input, filter, 1, folded_bias, output);
  return 0;
}

int32_t qat_rt_fully_connected_s4_scratch_size(const qat_rt_fc_params *p) {
  return qat_rt_fully_connected_s4_scratch(p);
}

int qat_rt_fully_connected_s4(const qat_rt_fc_params *p, const int8_t *input,
                              const int8_t *weights, const int32_t *folded_bias,
                              int8_t *scratch, int8_t *output) {
  int32_t n, k, k4 = qat_rt_round_up4(p ? p->in_features : 0);
  int8_t *unpacked;
  if (!p || !input || !weights || !folded_bias || !output || !scratch)
    return -1;
  unpacked = scratch + qat_rt_fully_connected_scratch_size(p);
  for (n = 0; n < p->batches; ++n) {
    const int8_t *row = input + n * p->in_features;
    if (k4 != p->in_features) {
      for (k = 0; k < k4; ++k)
        scratch[k] = k < p->in_features ? row[k] : 0;
      row = scratch;
    }
    weighted_outputs_s4(&p->out, row, weights, folded_bias, k4, p->out_features,
                        output + n * p->out_features, unpacked);
  }
  return 0;
}
