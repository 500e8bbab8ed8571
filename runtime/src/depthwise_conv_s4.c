/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* depthwise_conv_s4.c - qint.depthwise_conv2d with 4-bit weights packed
 * two per byte (the generic loop reads them in place). */
#include "layer.h"

int qat_rt_depthwise_conv2d_s4(const qat_rt_conv_params *p, const int8_t *input,
                               const int8_t *filter, const int32_t *folded_bias,
                               int8_t *output) {
  if (!p || !input || !filter || !folded_bias || !output || p->in_c <= 0 ||
      p->out_c % p->in_c != 0)
    return -1;
  qat_rt_depthwise_generic(p, input, filter, 1, folded_bias, output);
  return 0;
}
