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

/* The hidden state (the output) of Q0.15 state s. */
static inline int8_t hidden_of(const qat_rt_gru_params *p, int32_t s) {
  return (int8_t)qat_rt_clamp(
      qat_rt_mbqm(s, p->hidden_multiplier, p->hidden_shift, p->rounding) +
          p->output_zp,
      -128, 127);
}

int qat_rt_gru_reset(const qat_rt_gru_params *p, const int16_t *initial,
                     void *state) {
  int32_t b, j, units;
  if (!valid(p) || !state)
    return -1;
  units = p->hidden_size;
  recurrent_reset(state, p->batches, units, p->output_zp, 0, initial);
  for (b = 0; initial && b < p->batches; ++b)
    for (j = 0; j < units; ++j)
      recurrent_hidden(state, units, b)[j] =
          hidden_of(p, recurrent_row16(state, units, b)[j]);
  return 0;
}

/* round(v / 2^15), ties away from zero. */
static inline int32_t shift15(int32_t v) { return qat_rt_rdbpot(v, 15); }

/* Every gate row's `count` products of v (weights in the blocked order,
 * four rows per pass), rescaled to Q3.12 and saturated into out[row]. */
static void contributions(const int8_t *v, int32_t k4, const int8_t *w,
                          const int32_t *bias, const int32_t *multiplier,
                          const int32_t *shift, qat_rt_rounding rounding,
                          int32_t units, int16_t *out) {
  const int32_t rows = 3 * units;
  int32_t r = 0, j;
  for (; r + 3 < rows; r += 4, w += 4 * k4) {
    int32_t acc[4];
    for (j = 0; j < 4; ++j)
      acc[j] = bias[r + j];
    qat_rt_dot4(v, w, k4, acc);
    for (j = 0; j < 4; ++j) {
      int32_t g = (r + j) / units;
      out[r + j] = (int16_t)lstm_saturate16(
          qat_rt_mbqm(acc[j], multiplier[g], shift[g], rounding));
    }
  }
  for (; r < rows; ++r, w += k4) {
    int32_t g = r / units;
    out[r] = (int16_t)lstm_saturate16(qat_rt_mbqm(
        qat_rt_dot(v, w, k4, bias[r]), multiplier[g], shift[g], rounding));
  }
}

int qat_rt_gru(const qat_rt_gru_params *p, const int8_t *input,
               const int8_t *input_weights, const int8_t *recurrent_weights,
               const int32_t *input_bias, const int32_t *recurrent_bias,
               const uint16_t *sigmoid_table, void *scratch, void *state,
               int8_t *output) {
  int32_t b, t, j, k, units, in4, h4;
  int8_t *row, *next;
  int16_t *a, *c;
  if (!valid(p) || !input || !input_weights || !recurrent_weights ||
      !input_bias || !recurrent_bias || !sigmoid_table || !scratch || !state ||
      !output)
    return -1;
  units = p->hidden_size;
  in4 = qat_rt_round_up4(p->input_size);
  h4 = qat_rt_round_up4(units);
  row = in4 == p->input_size ? 0 : (int8_t *)scratch;
  next = (int8_t *)scratch + (row ? in4 : 0);
  a = (int16_t *)(void *)(next + h4);
  c = a + 3 * units;
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
      contributions(x, in4, input_weights, input_bias, p->input_multiplier,
                    p->input_shift, p->rounding, units, a);
      contributions(hidden, h4, recurrent_weights, recurrent_bias,
                    p->recurrent_multiplier, p->recurrent_shift, p->rounding,
                    units, c);
      for (j = 0; j < units; ++j) {
        int32_t reset =
            lstm_sigmoid(sigmoid_table, lstm_saturate16(a[j] + c[j]));
        int32_t update = lstm_sigmoid(
            sigmoid_table, lstm_saturate16(a[units + j] + c[units + j]));
        int32_t n =
            lstm_tanh(sigmoid_table,
                      lstm_saturate16(a[2 * units + j] +
                                      shift15(reset * c[2 * units + j])),
                      3, 0);
        s[j] = (int16_t)lstm_saturate16(n + shift15(update * (s[j] - n)));
        next[j] = hidden_of(p, s[j]);
      }
      for (j = 0; j < units; ++j)
        hidden[j] = output[step * units + j] = next[j];
    }
  }
  return 0;
}
