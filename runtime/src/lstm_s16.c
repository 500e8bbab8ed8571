/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* lstm_s16.c - qint.lstm with int16 activations (16x8): int64 gate
 * accumulators with TFLite's 64-bit rescale, zero points 0. */
#include "int16.h"
#include "lstm.h"
#include "qat_rt_scratch.h"

int32_t qat_rt_lstm_s16_scratch_size(const qat_rt_lstm_params *p) {
  return qat_rt_lstm_s16_scratch(p);
}

int32_t qat_rt_lstm_s16_state_size(const qat_rt_lstm_params *p) {
  return qat_rt_lstm_s16_state(p);
}

/* Batch b's hidden state, then its cell state. */
static int16_t *state_of(const qat_rt_lstm_params *p, void *state, int32_t b) {
  return (int16_t *)state + b * (qat_rt_round_up4(4 * p->hidden_size) / 2);
}

int qat_rt_lstm_s16_reset(const qat_rt_lstm_params *p, const int16_t *hidden,
                          const int16_t *cell, void *state) {
  int32_t b, j, units;
  if (!lstm_valid(p) || !state)
    return -1;
  units = p->hidden_size;
  for (b = 0; b < p->batches; ++b)
    for (j = 0; j < units; ++j) {
      state_of(p, state, b)[j] = hidden ? hidden[b * units + j] : 0;
      state_of(p, state, b)[units + j] = cell ? cell[b * units + j] : 0;
    }
  return 0;
}

int qat_rt_lstm_s16(const qat_rt_lstm_params *p, const int16_t *input,
                    const int8_t *input_weights,
                    const int8_t *recurrent_weights, const int64_t *bias,
                    const uint16_t *sigmoid_table, void *scratch, void *state,
                    int16_t *output) {
  int32_t b, t, g, j, units;
  int16_t *gates;
  if (!lstm_valid(p) || p->input_zp != 0 || p->output_zp != 0 || !input ||
      !input_weights || !recurrent_weights || !bias || !sigmoid_table ||
      !scratch || !state || !output)
    return -1;
  units = p->hidden_size;
  gates = (int16_t *)scratch;
  for (b = 0; b < p->batches; ++b) {
    int16_t *hidden = state_of(p, state, b), *cell = hidden + units;
    for (t = 0; t < p->time_steps; ++t) {
      int32_t step = lstm_row(p, b, t);
      int16_t *out = output + step * units;
      for (g = 0; g < 4; ++g)
        for (j = 0; j < units; ++j) {
          int32_t r = g * units + j;
          int64_t from_input =
              bias[r] + dot_s16(input, 2, step * p->input_size,
                                input_weights + r * p->input_size,
                                p->input_size, 0);
          int64_t from_hidden =
              dot_s16(hidden, 2, 0, recurrent_weights + r * units, units, 0);
          gates[r] = lstm_activate(
              sigmoid_table, g,
              lstm_gate_sum(scale64(from_input, p->input_multiplier[g],
                                    p->input_shift[g]),
                            scale64(from_hidden, p->recurrent_multiplier[g],
                                    p->recurrent_shift[g])));
        }
      for (j = 0; j < units; ++j) {
        int32_t product = lstm_update_cell(p, sigmoid_table, gates, cell, j);
        hidden[j] =
            (int16_t)qat_rt_clamp(qat_rt_mbqm(product, p->hidden_multiplier,
                                              p->hidden_shift, p->rounding),
                                  -32768, 32767);
      }
      for (j = 0; j < units; ++j)
        out[j] = hidden[j];
    }
  }
  return 0;
}
