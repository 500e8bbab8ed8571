/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* conv_s4.c - qint.conv2d with 4-bit weights packed two per byte. */
#include "layer.h"

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
    qat_rt_weighted_outputs_s4(
        &p->out, qat_rt_column_of(p, direct, input, i, scratch), filter,
        folded_bias, k4, p->out_c, output + i * p->out_c,
        scratch + qat_rt_conv2d_column_scratch(p));
  return 0;
}
