/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* conv_s8.c - qint.conv2d with int8 activations and weights (also widened
 * to int16 for the DSP kernels: qat_rt_conv2d_wide). On cores with pixel
 * pairs, two output pixels share each weight load. */
#include "layer.h"

int32_t qat_rt_conv2d_scratch_size(const qat_rt_conv_params *p) {
  return qat_rt_conv2d_scratch(p);
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
  mode = qat_rt_layer_mode(&p->out, p->out_c, folded_bias, k4);
  pixels = p->batches * p->out_h * p->out_w;
#if QAT_RT_PIXEL_PAIRS
  {
    /* Pixel pairs: both columns are widened into the pair buffer before
     * either output is written, so an output that overwrites input the
     * next pixels no longer read is as exact as in the one-pixel loop. */
    int8_t *column = scratch;
    int32_t *pairs =
        (int32_t *)(void *)(scratch + qat_rt_conv2d_column_scratch(p));
    if (scratch && ((uintptr_t)pairs & 3u) == 0)
      for (; i + 1 < pixels; i += 2) {
        int8_t *out = output + i * p->out_c;
        qat_rt_expand_pair(qat_rt_column_of(p, direct, input, i, column), k4, 0,
                           pairs);
        qat_rt_expand_pair(qat_rt_column_of(p, direct, input, i + 1, column),
                           k4, 1, pairs);
        if (wide)
          weighted_pair_wide(&p->out, mode, pairs, (const int64_t *)filter,
                             folded_bias, k4, p->out_c, out, out + p->out_c);
        else
          weighted_pair(&p->out, mode, pairs, (const int8_t *)filter,
                        folded_bias, k4, p->out_c, out, out + p->out_c);
      }
  }
#endif
  for (; i < pixels; ++i) {
    const int8_t *column = qat_rt_column_of(p, direct, input, i, scratch);
    if (wide)
      qat_rt_weighted_outputs_wide(&p->out, mode, column,
                                   (const int64_t *)filter, folded_bias, k4,
                                   p->out_c, output + i * p->out_c);
    else
      qat_rt_weighted_outputs(&p->out, mode, column, (const int8_t *)filter,
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
