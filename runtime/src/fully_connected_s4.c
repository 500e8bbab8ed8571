/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* fully_connected_s4.c - qint.fully_connected with 4-bit weights packed
 * two per byte. */
#include "layer.h"

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
    qat_rt_weighted_outputs_s4(&p->out, row, weights, folded_bias, k4,
                               p->out_features, output + n * p->out_features,
                               unpacked);
  }
  return 0;
}
