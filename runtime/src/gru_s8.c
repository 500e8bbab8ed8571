/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* gru_s8.c - qint.gru: the gate products are the layers' dot products
 * (DSP and Helium where they run) over rows padded to whole words, from
 * biases with the zero points folded in; the gates are lstm.h's table
 * functions. */
#include "dot.h"
#include "lstm.h"
#include "qat_rt_scratch.h"

int32_t qat_rt_gru_scratch_size(const qat_rt_gru_params *p) {
  return qat_rt_gru_scratch(p);
}

int32_t qat_rt_gru_state_size(const qat_rt_gru_params *p) {
  return qat_rt_gru_state(p);
}

static int valid(const qat_rt_gru_params *p) {
  return p && p->time_steps >= 0 && p->batches >= 0 && p->input_size > 0 &&
         p->hidden_size > 0;
}

int qat_rt_gru_reset(const qat_rt_gru_params *p, void *state) {
  if (!valid(p) || !state)
    return -1;
  recurrent_reset(state, p->batches, p->hidden_size, p->output_zp);
  return 0;
}

/* round(v / 2^15), ties away from zero. */
static inline int32_t shift15(int32_t v) { return qat_rt_rdbpot(v, 15); }

int qat_rt_gru(const qat_rt_gru_params *p, const int8_t *input,
               const int8_t *input_weights, const int8_t *recurrent_weights,
               const int32_t *input_bias, const int32_t *recurrent_bias,
               const uint16_t *sigmoid_table, void *scratch, void *state,
               int8_t *output) {
  int32_t b, t, g, j, k, units, in4, h4;
  int8_t *row, *next;
  if (!valid(p) || !input || !input_weights || !recurrent_weights ||
      !input_bias || !recurrent_bias || !sigmoid_table || !scratch || !state ||
      !output)
    return -1;
  units = p->hidden_size;
  in4 = qat_rt_round_up4(p->input_size);
  h4 = qat_rt_round_up4(units);
  row = in4 == p->input_size ? 0 : (int8_t *)scratch;
  next = (int8_t *)scratch + (row ? in4 : 0);
  for (b = 0; b < p->batches; ++b) {
    int8_t *hidden = recurrent_hidden(state, units, b);
    int16_t *s = recurrent_row16(state, units, b);
    for (t = 0; t < p->time_steps; ++t) {
      int32_t step = p->time_major ? t * p->batches + b : b * p->time_steps + t;
      const int8_t *x = input + step * p->input_size;
      if (row) {
        for (k = 0; k < in4; ++k)
          row[k] = k < p->input_size ? x[k] : 0;
        x = row;
      }
      for (j = 0; j < units; ++j) {
        int32_t a[3], h[3], reset, update, n;
        for (g = 0; g < 3; ++g) {
          int32_t r = g * units + j;
          a[g] = lstm_saturate16(qat_rt_mbqm(
              qat_rt_dot(x, input_weights + r * in4, in4, input_bias[r]),
              p->input_multiplier[g], p->input_shift[g], p->rounding));
          h[g] = lstm_saturate16(qat_rt_mbqm(
              qat_rt_dot(hidden, recurrent_weights + r * h4, h4,
                         recurrent_bias[r]),
              p->recurrent_multiplier[g], p->recurrent_shift[g], p->rounding));
        }
        reset = lstm_sigmoid(sigmoid_table, lstm_saturate16(a[0] + h[0]));
        update = lstm_sigmoid(sigmoid_table, lstm_saturate16(a[1] + h[1]));
        n = lstm_tanh(sigmoid_table,
                      lstm_saturate16(a[2] + shift15(reset * h[2])), 3, 0);
        s[j] = (int16_t)lstm_saturate16(n + shift15(update * (s[j] - n)));
        next[j] =
            (int8_t)qat_rt_clamp(qat_rt_mbqm(s[j], p->hidden_multiplier,
                                             p->hidden_shift, p->rounding) +
                                     p->output_zp,
                                 -128, 127);
      }
      for (j = 0; j < units; ++j)
        hidden[j] = output[step * units + j] = next[j];
    }
  }
  return 0;
}
