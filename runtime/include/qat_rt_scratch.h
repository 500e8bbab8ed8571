/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* qat_rt_scratch.h - the working memory each kernel needs.
 *
 * One definition for both sides: the runtime's kernels and their
 * qat_rt_*_scratch_size functions use these, and qat's compiler includes
 * this header to plan the same bytes in the arena (lib/Target/C). A kernel
 * not listed needs none.
 */
#ifndef QAT_RT_SCRATCH_H
#define QAT_RT_SCRATCH_H

#include "qat_rt.h"

/* Columns of 4-bit weights unpacked at a time: a multiple of every
 * QAT_RT_WEIGHT_BLOCK, so that a chunk of a group of four blocked rows is
 * itself four blocked rows. */
#define QAT_RT_S4_CHUNK 64

static inline int32_t qat_rt_round_up4(int32_t k) { return (k + 3) & ~3; }

/* Whether a convolution reads its input in place: a 1x1 window over whole
 * words of channels, no padding, every window inside the image. */
static inline int qat_rt_conv_is_direct(const qat_rt_conv_params *p) {
  return p->kernel_h == 1 && p->kernel_w == 1 && p->pad_top == 0 &&
         p->pad_left == 0 && p->in_c % 4 == 0 &&
         (p->out_h - 1) * p->stride_h < p->in_h &&
         (p->out_w - 1) * p->stride_w < p->in_w;
}

/* Whether some depthwise window reaches into the padding (so taps read a
 * row of input_zp kept in scratch). */
static inline int qat_rt_depthwise_pads(const qat_rt_conv_params *p) {
  return p->pad_top > 0 || p->pad_left > 0 ||
         (p->out_h - 1) * p->stride_h + (p->kernel_h - 1) * p->dilation_h -
                 p->pad_top >=
             p->in_h ||
         (p->out_w - 1) * p->stride_w + (p->kernel_w - 1) * p->dilation_w -
                 p->pad_left >=
             p->in_w;
}

/* Four rows of up to QAT_RT_S4_CHUNK unpacked 4-bit columns. */
static inline int32_t qat_rt_s4_unpacked_bytes(int32_t k4) {
  return 4 * (k4 < QAT_RT_S4_CHUNK ? k4 : QAT_RT_S4_CHUNK);
}

/* conv2d: one output pixel's receptive field, padded to whole words,
 * unless the input is read in place. */
static inline int32_t
qat_rt_conv2d_column_scratch(const qat_rt_conv_params *p) {
  return qat_rt_conv_is_direct(p)
             ? 0
             : qat_rt_round_up4(p->kernel_h * p->kernel_w * p->in_c);
}

/* conv2d: the column, then, when there are two output pixels or more, two
 * pixels' columns widened to int16 (4 bytes a column), where the cores
 * that compute two output pixels per weight load keep them (DSP without
 * Helium; the other kernels leave these bytes unused). Their own bytes,
 * not the output's: a convolution that writes over its input runs two
 * pixels at a time too. */
static inline int32_t qat_rt_conv2d_scratch(const qat_rt_conv_params *p) {
  int32_t pixels = p->batches * p->out_h * p->out_w;
  return qat_rt_conv2d_column_scratch(p) +
         (pixels >= 2
              ? 4 * qat_rt_round_up4(p->kernel_h * p->kernel_w * p->in_c)
              : 0);
}

/* conv2d with 4-bit weights: the column, then the unpacked rows. */
static inline int32_t qat_rt_conv2d_s4_scratch(const qat_rt_conv_params *p) {
  return qat_rt_conv2d_column_scratch(p) +
         qat_rt_s4_unpacked_bytes(
             qat_rt_round_up4(p->kernel_h * p->kernel_w * p->in_c));
}

/* depthwise_conv2d (int8 weights): a row of input_zp when a window reaches
 * the padding. The 4-bit kernel needs none. */
static inline int32_t
qat_rt_depthwise_conv2d_scratch(const qat_rt_conv_params *p) {
  return qat_rt_depthwise_pads(p) ? qat_rt_round_up4(p->in_c) : 0;
}

/* fully_connected: an input row padded to whole words, unless it is one. */
static inline int32_t
qat_rt_fully_connected_scratch(const qat_rt_fc_params *p) {
  return p->in_features % 4 == 0 ? 0 : qat_rt_round_up4(p->in_features);
}

/* fully_connected with 4-bit weights: that, then the unpacked rows. */
static inline int32_t
qat_rt_fully_connected_s4_scratch(const qat_rt_fc_params *p) {
  return qat_rt_fully_connected_scratch(p) +
         qat_rt_s4_unpacked_bytes(qat_rt_round_up4(p->in_features));
}

/* batch_matmul (int8): the rhs matrix's column sums, its columns as rows
 * padded to whole words, and one lhs row so padded. */
static inline int32_t
qat_rt_batch_matmul_scratch(const qat_rt_batch_matmul_params *p) {
  return 4 * p->cols + (p->cols + 1) * qat_rt_round_up4(p->depth);
}

/* batch_matmul (int16): the rhs matrix's columns as rows, and one lhs
 * row, in int16. */
static inline int32_t
qat_rt_batch_matmul_s16_scratch(const qat_rt_batch_matmul_params *p) {
  return qat_rt_round_up4(2 * (p->cols + 1) * p->depth);
}

/* lstm (int8): the input row padded to whole words (unless it is one),
 * then the four gates of a step in int16. */
static inline int32_t qat_rt_lstm_scratch(const qat_rt_lstm_params *p) {
  return (p->input_size % 4 == 0 ? 0 : qat_rt_round_up4(p->input_size)) +
         qat_rt_round_up4(8 * p->hidden_size);
}

/* lstm (int8): per batch, the hidden state (a row of whole words) and the
 * cell state in int16. */
static inline int32_t qat_rt_lstm_state(const qat_rt_lstm_params *p) {
  return p->batches * (qat_rt_round_up4(p->hidden_size) +
                       qat_rt_round_up4(2 * p->hidden_size));
}

/* lstm (int16): the four gates of a step. */
static inline int32_t qat_rt_lstm_s16_scratch(const qat_rt_lstm_params *p) {
  return qat_rt_round_up4(8 * p->hidden_size);
}

/* lstm (int16): per batch, the hidden and cell state in int16. */
static inline int32_t qat_rt_lstm_s16_state(const qat_rt_lstm_params *p) {
  return p->batches * qat_rt_round_up4(4 * p->hidden_size);
}

/* gru: the input row padded to whole words (unless it is one), the
 * step's new hidden state (a row of whole words), then the gates' input
 * and recurrent contributions in int16. */
static inline int32_t qat_rt_gru_scratch(const qat_rt_gru_params *p) {
  return (p->input_size % 4 == 0 ? 0 : qat_rt_round_up4(p->input_size)) +
         qat_rt_round_up4(p->hidden_size) + 12 * p->hidden_size;
}

/* gru: per batch, the hidden state (a row of whole words) and the Q0.15
 * state in int16. */
static inline int32_t qat_rt_gru_state(const qat_rt_gru_params *p) {
  return p->batches * (qat_rt_round_up4(p->hidden_size) +
                       qat_rt_round_up4(2 * p->hidden_size));
}

#endif /* QAT_RT_SCRATCH_H */
