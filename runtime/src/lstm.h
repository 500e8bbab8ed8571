/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* lstm.h - internal to the runtime: what the int8 and int16 LSTM kernels
 * share: TFLite's int16 sigmoid and tanh (the table of sigmoid(i / 24) in
 * Q0.16, interpolated) and the cell and hidden state update. */
#ifndef QAT_RT_LSTM_H
#define QAT_RT_LSTM_H

#include "qat_rt_internal.h"
#include "qat_rt_scratch.h"

static inline int32_t lstm_saturate16(int32_t v) {
  return qat_rt_clamp(v, -32768, 32767);
}

/* sigmoid(x) in Q0.15 of x in Q3.12: the table read at 3x. */
static inline int32_t lstm_sigmoid(const uint16_t *table, int32_t x) {
  int32_t scaled = x * 3;
  int32_t a = scaled < 0 ? -scaled : scaled;
  int32_t high = a >> 9, r;
  if (high > 254) {
    r = 0x7FFF << 10;
  } else {
    int32_t below = table[high], above = table[high + 1];
    r = (below << 9) + (a & 0x1FF) * (above - below);
  }
  r = scaled < 0 ? (1 << 25) + (1 << 9) - 1 - r : r + (1 << 9);
  return r >> 10;
}

/* tanh(x) in Q0.15, x brought to 3x in steps of 2^-12 by multiplier and
 * right shift. */
static inline int32_t lstm_tanh(const uint16_t *table, int32_t x,
                                int32_t multiplier, int32_t shift) {
  int32_t round = shift > 0 ? 1 << (shift - 1) : 0;
  int32_t scaled = (x * multiplier + round) >> shift;
  int32_t a = scaled < 0 ? -scaled : scaled;
  int32_t high = a >> 8, r;
  if (high > 254) {
    r = 0xFFFF << 8;
  } else {
    int32_t below = table[high], above = table[high + 1];
    r = (below << 8) + (a & 0xFF) * (above - below);
  }
  r = scaled < 0 ? (1 << 23) + (1 << 7) - 1 - r : r + (1 << 7) - (1 << 23);
  return r >> 8;
}

/* A gate's pre-activation in Q3.12: its two contributions, each rescaled
 * and saturated, summed with saturation. */
static inline int32_t lstm_gate_sum(int32_t from_input, int32_t from_hidden) {
  return lstm_saturate16(lstm_saturate16(from_input) +
                         lstm_saturate16(from_hidden));
}

/* Unit j's new cell state from its four gate outputs (Q0.15, gates[g * H
 * + j]); returns tanh(cell) * output gate, the product the hidden state
 * rescales. */
static inline int32_t lstm_update_cell(const qat_rt_lstm_params *p,
                                       const uint16_t *table,
                                       const int16_t *gates, int16_t *cell,
                                       int32_t j) {
  int32_t h = p->hidden_size;
  int32_t kept =
      lstm_saturate16(qat_rt_mbqm(gates[h + j] * cell[j], p->forget_multiplier,
                                  p->forget_shift, p->rounding));
  int32_t added = lstm_saturate16(qat_rt_mbqm(gates[j] * gates[2 * h + j],
                                              p->update_multiplier,
                                              p->update_shift, p->rounding));
  int32_t c = lstm_saturate16(kept + added);
  if (p->cell_clip > 0)
    c = qat_rt_clamp(c, -p->cell_clip, p->cell_clip);
  cell[j] = (int16_t)c;
  return lstm_tanh(table, c, p->tanh_multiplier, p->tanh_shift) *
         gates[3 * h + j];
}

/* The gate's function: tanh for the cell gate (Q3.12 in), else sigmoid. */
static inline int16_t lstm_activate(const uint16_t *table, int32_t gate,
                                    int32_t x) {
  return (int16_t)(gate == 2 ? lstm_tanh(table, x, 3, 0)
                             : lstm_sigmoid(table, x));
}

static inline int lstm_valid(const qat_rt_lstm_params *p) {
  return p && p->time_steps >= 0 && p->batches >= 0 && p->input_size > 0 &&
         p->hidden_size > 0 && p->tanh_shift >= 0 && p->tanh_shift < 31;
}

/* Where step t of batch b starts, in rows of the input or output. */
static inline int32_t lstm_row(const qat_rt_lstm_params *p, int32_t b,
                               int32_t t) {
  return p->time_major ? t * p->batches + b : b * p->time_steps + t;
}

/* An int8 recurrent layer's state, per batch: its hidden state (a row of
 * whole words) and a row of int16 (the LSTM's cell state, the GRU's Q0.15
 * state); qat_rt_lstm_state and qat_rt_gru_state size it. */
static inline int8_t *recurrent_hidden(void *state, int32_t units, int32_t b) {
  return (int8_t *)state +
         b * (qat_rt_round_up4(units) + qat_rt_round_up4(2 * units));
}

static inline int16_t *recurrent_row16(void *state, int32_t units, int32_t b) {
  return (int16_t *)(void *)(recurrent_hidden(state, units, b) +
                             qat_rt_round_up4(units));
}

/* The initial state: hidden states from initial_hidden [B][H], else at
 * output_zp (their padding 0); int16 rows from initial_row [B][H], else
 * 0. */
static inline void recurrent_reset(void *state, int32_t batches, int32_t units,
                                   int32_t output_zp,
                                   const int8_t *initial_hidden,
                                   const int16_t *initial_row) {
  int32_t b, j;
  for (b = 0; b < batches; ++b) {
    int8_t *hidden = recurrent_hidden(state, units, b);
    int16_t *row = recurrent_row16(state, units, b);
    for (j = 0; j < qat_rt_round_up4(units); ++j)
      hidden[j] = (int8_t)(j >= units       ? 0
                           : initial_hidden ? initial_hidden[b * units + j]
                                            : output_zp);
    for (j = 0; j < units; ++j)
      row[j] = initial_row ? initial_row[b * units + j] : 0;
  }
}

#endif /* QAT_RT_LSTM_H */
