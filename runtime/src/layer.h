/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* layer.h - internal to the runtime: what the conv, depthwise and fully
 * connected kernels share. The output stages and the blocked dot-product
 * core are always inlined into each kernel; the loops that more than one
 * kernel calls are compiled once, in layer_support.c. */
#ifndef QAT_RT_LAYER_H
#define QAT_RT_LAYER_H

#include "dot.h"
#include "qat_rt_internal.h"
#include "qat_rt_scratch.h"
#include "vector.h"

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
#if QAT_RT_SMALL_ACCUMULATORS
  else if (mode == QAT_RT_MODE_DOUBLE_SATURATING_SMALL)
    weighted_outputs_in(stage, QAT_RT_MODE_DOUBLE_SATURATING_SMALL, wide, pair,
                        x, pairs, w, bias, k4, count, out, out1);
#endif
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

/* The column of output pixel i (counted over batches, rows and columns):
 * the input itself for a direct convolution, else gathered into column. */
const int8_t *qat_rt_column_of(const qat_rt_conv_params *p, int direct,
                               const int8_t *input, int32_t i, int8_t *column);

/* weighted_outputs_in for one pixel, int8 weights or wide ones. One
 * function per weight width, so that a program without wide weights links
 * no wide code (and the reverse). */
void qat_rt_weighted_outputs(const qat_rt_output_stage *stage,
                             qat_rt_output_mode mode, const int8_t *x,
                             const int8_t *w, const int32_t *bias, int32_t k4,
                             int32_t count, int8_t *out);
void qat_rt_weighted_outputs_wide(const qat_rt_output_stage *stage,
                                  qat_rt_output_mode mode, const int8_t *x,
                                  const int64_t *w, const int32_t *bias,
                                  int32_t k4, int32_t count, int8_t *out);

/* The outputs of packed 4-bit blocked weights (conv and fully connected). */
void qat_rt_weighted_outputs_s4(const qat_rt_output_stage *s, const int8_t *x,
                                const int8_t *packed, const int32_t *bias,
                                int32_t k4, int32_t count, int8_t *out,
                                int8_t *unpacked);

/* Any channel multiplier or kernel size, tap by tap; `s4`: the filter is
 * 4-bit, packed. */
void qat_rt_depthwise_generic(const qat_rt_conv_params *p, const int8_t *input,
                              const int8_t *filter, int s4, const int32_t *bias,
                              int8_t *output);

/* Conv (depthwise when `depthwise`) with an int16 input or output. */
int qat_rt_convolve_s16(const qat_rt_conv_params *p, qat_rt_precision precision,
                        const void *input, const int8_t *filter,
                        const int64_t *bias, void *output, int depthwise);

#endif /* QAT_RT_LAYER_H */
