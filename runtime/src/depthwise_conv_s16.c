/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* depthwise_conv_s16.c - qint.depthwise_conv2d with an int16 input or
 * output. */
#include "layer.h"

int qat_rt_depthwise_conv2d_s16(const qat_rt_conv_params *p,
                                qat_rt_precision precision, const void *input,
                                const int8_t *filter, const int64_t *bias,
                                void *output) {
  return qat_rt_convolve_s16(p, precision, input, filter, bias, output, 1);
}
