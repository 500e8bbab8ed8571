/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* lstm_s8.c - qint.lstm with int8 activations: the gate products are the
 * layers' dot products (DSP and Helium where they run) over rows padded to
 * whole words, from biases with the zero points folded in. */
#include "dot.h"
#include "lstm.h"
#include "qat_rt_scratch.h"

int32_t qat_rt_lstm_scratch_size(const qat_rt_lstm_params *p) {
  return qat_rt_lstm_scratch(p);
}

int32_t qat_rt_lstm_state_size(const qat_rt_lstm_params *p) {
  return qat_rt_lstm_state(p);
}

int qat_rt_lstm_reset(const qat_rt_lstm_params *p, const int8_t *hidden,
                      const int16_t *cell, void *state) {
  if (!lstm_valid(p) || !state)
    return -1;
  recurrent_reset(state, p->batches, p->hidden_size, p->output_zp, hidden,
                  cell);
  return 0;
}

/* Every gate row's two products, four rows per pass over the input and
 * the hidden state (the weights in the blocked order), each rescaled to
 * Q3.12, summed and activated into gates[row]. */
static void gate_rows(const qat_rt_lstm_params *p, const uint16_t *table,
                      const int8_t *x, int32_t in4, const int8_t *wx,
                      const int32_t *bx, const int8_t *h, int32_t h4,
                      const int8_t *wh, const int32_t *bh, int16_t *gates) {
  const int32_t units = p->hidden_size, rows = 4 * units;
  int32_t r = 0, j;
  for (; r + 3 < rows; r += 4, wx += 4 * in4, wh += 4 * h4) {
    int32_t ax[4], ah[4];
    for (j = 0; j < 4; ++j) {
      ax[j] = bx[r + j];
      ah[j] = bh[r + j];
    }
    qat_rt_dot4(x, wx, in4, ax);
    qat_rt_dot4(h, wh, h4, ah);
    for (j = 0; j < 4; ++j) {
      int32_t g = (r + j) / units;
      gates[r + j] = lstm_activate(
          table, g,
          lstm_gate_sum(qat_rt_mbqm(ax[j], p->input_multiplier[g],
                                    p->input_shift[g], p->rounding),
                        qat_rt_mbqm(ah[j], p->recurrent_multiplier[g],
                                    p->recurrent_shift[g], p->rounding)));
    }
  }
  for (; r < rows; ++r, wx += in4, wh += h4) {
    int32_t g = r / units;
    gates[r] = lstm_activate(
        table, g,
        lstm_gate_sum(qat_rt_mbqm(qat_rt_dot(x, wx, in4, bx[r]),
                                  p->input_multiplier[g], p->input_shift[g],
                                  p->rounding),
                      qat_rt_mbqm(qat_rt_dot(h, wh, h4, bh[r]),
                                  p->recurrent_multiplier[g],
                                  p->recurrent_shift[g], p->rounding)));
  }
}

int qat_rt_lstm(const qat_rt_lstm_params *p, const int8_t *input,
                const int8_t *input_weights, const int8_t *recurrent_weights,
                const int32_t *input_bias, const int32_t *recurrent_bias,
                const uint16_t *sigmoid_table, void *scratch, void *state,
                int8_t *output) {
  int32_t b, t, j, k;
  int32_t units, in4, h4;
  int8_t *row;
  int16_t *gates;
  if (!lstm_valid(p) || !input || !input_weights || !recurrent_weights ||
      !input_bias || !recurrent_bias || !sigmoid_table || !scratch || !state ||
      !output)
    return -1;
  units = p->hidden_size;
  in4 = qat_rt_round_up4(p->input_size);
  h4 = qat_rt_round_up4(units);
  row = in4 == p->input_size ? 0 : (int8_t *)scratch;
  gates = (int16_t *)(void *)((int8_t *)scratch + (row ? in4 : 0));
  for (b = 0; b < p->batches; ++b) {
    int8_t *hidden = recurrent_hidden(state, units, b);
    int16_t *cell = recurrent_row16(state, units, b);
    for (t = 0; t < p->time_steps; ++t) {
      int32_t step = lstm_row(p, b, t);
      const int8_t *x = input + step * p->input_size;
      int8_t *out = output + step * units;
      if (row) {
        for (k = 0; k < in4; ++k)
          row[k] = k < p->input_size ? x[k] : 0;
        x = row;
      }
      gate_rows(p, sigmoid_table, x, in4, input_weights, input_bias, hidden, h4,
                recurrent_weights, recurrent_bias, gates);
      for (j = 0; j < units; ++j) {
        int32_t product = lstm_update_cell(p, sigmoid_table, gates, cell, j);
        int32_t h = qat_rt_mbqm(product, p->hidden_multiplier, p->hidden_shift,
                                p->rounding) +
                    p->output_zp;
        hidden[j] = (int8_t)qat_rt_clamp(h, -128, 127);
        out[j] = hidden[j];
      }
    }
  }
  return 0;
}
