/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* fully_connected_s8.c - qint.fully_connected with int8 activations and
 * weights (also widened to int16: qat_rt_fully_connected_wide). */
#include "layer.h"

int32_t qat_rt_fully_connected_scratch_size(const qat_rt_fc_params *p) {
  return qat_rt_fully_connected_scratch(p);
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
      qat_rt_weighted_outputs_wide(&p->out, mode, row, (const int64_t *)weights,
                                   folded_bias, k4, p->out_features, out);
    else
      qat_rt_weighted_outputs(&p->out, mode, row, (const int8_t *)weights,
                              folded_bias, k4, p->out_features, out);
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
