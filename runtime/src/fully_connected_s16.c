/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* fully_connected_s16.c - qint.fully_connected with an int16 input or
 * output. */
#include "int16.h"

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
