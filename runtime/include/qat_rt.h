// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* qat_rt.h - the qat int8 kernel runtime (C99, no heap, no recursion).
 *
 * Implements the numerics contract of qat's integer programs (the TFLite int8
 * scheme; docs/Numerics.md in the qat repository): the kernels compute
 * exactly what qat-run computes for the matching qint ops. Tensors are NHWC,
 * conv filters OHWI, depthwise filters 1HWC, fully connected weights [O, K].
 * Every function returns 0 on success and a negative value for parameters it
 * cannot take.
 *
 * Outputs and inputs may share memory in two ways, which qat's memory plan
 * uses to keep the arena small. An element-wise kernel (add, mul,
 * requantize, lookup) reads each element before it writes the same element,
 * so its output may be one of its same-sized operands. A windowed kernel
 * (conv2d, depthwise_conv2d, max_pool2d, avg_pool2d) computes output pixels
 * in order (batch, row, column), each from its own window, so its output
 * may start below its input and overlap it, provided each pixel's output
 * ends at or before the first input byte that pixel or a later one reads.
 */
#ifndef QAT_RT_H
#define QAT_RT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The blocked weight order of conv and fully connected weights: rows padded
 * to whole words; each group of four rows interleaved in blocks of
 * QAT_RT_WEIGHT_BLOCK columns (the last block as wide as what remains: four
 * rows' block bytes in turn); then the remaining rows one by one. Blocks are
 * one int8 vector (16 columns) where the Helium (MVE) kernels run, one word
 * elsewhere; qat's generated C holds both orders where they differ and
 * keeps the one this selects. */
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) &&                   \
    !defined(QAT_RT_PORTABLE) && !defined(QAT_RT_NO_MVE) &&                    \
    !defined(__ARM_BIG_ENDIAN)
#define QAT_RT_WEIGHT_BLOCK 16
#else
#define QAT_RT_WEIGHT_BLOCK 4
#endif

/* Whether the kernels read weights widened to int16 faster than int8 ones:
 * where the DSP kernels run without Helium, the wide dot products skip the
 * weights' sign extension (SXTB16). qat's generated C holds, for the layers
 * its wide-weight flash budget covers, int16 weights for these targets and
 * int8 ones for the others, and calls the matching kernel. Define it to 0 or
 * 1 to override. */
#ifndef QAT_RT_WIDE_WEIGHTS
#if QAT_RT_WEIGHT_BLOCK == 4 && defined(__ARM_FEATURE_DSP) &&                  \
    !defined(QAT_RT_PORTABLE)
#define QAT_RT_WIDE_WEIGHTS 1
#else
#define QAT_RT_WIDE_WEIGHTS 0
#endif
#endif

/* How a fixed-point multiply rounds (qint's #qint.rounding). */
typedef enum {
  QAT_RT_DOUBLE_ROUNDING = 0, /* gemmlowp: TFLite Micro, CMSIS-NN default */
  QAT_RT_SINGLE_ROUNDING = 1  /* TFLITE_SINGLE_ROUNDING */
} qat_rt_rounding;

/* x * M rounded, M = multiplier * 2^(shift - 31)
 * (MultiplyByQuantizedMultiplier). */
int32_t qat_rt_requantize_value(int32_t x, int32_t multiplier, int32_t shift,
                                qat_rt_rounding rounding);

/* The output stage shared by the weighted kernels: one multiplier and shift
 * per output channel (the compiler repeats a per-tensor pair); multipliers
 * are in [0, 2^31 - 1], as qint guarantees. */
typedef struct {
  const int32_t *multiplier;
  const int32_t *shift;
  int32_t output_zp;
  int32_t act_min, act_max;
  qat_rt_rounding rounding;
} qat_rt_output_stage;

typedef struct {
  int32_t batches, in_h, in_w, in_c;
  int32_t out_h, out_w, out_c;
  int32_t kernel_h, kernel_w;
  int32_t stride_h, stride_w, dilation_h, dilation_w;
  int32_t pad_top, pad_left;
  int32_t input_zp;
  qat_rt_output_stage out;
} qat_rt_conv_params;

/* qint.conv2d: filter [out_c, kernel_h, kernel_w, in_c], blocked (above).
 * scratch holds qat_rt_conv2d_scratch_size(p) bytes (NULL when that is 0): one
 * output pixel's receptive field, gathered once for all output channels
 * (a 1x1 convolution over whole words reads its input in place), then two
 * pixels' columns widened to int16, where the DSP kernels (without Helium)
 * run two pixels per weight load; they read both pixels' inputs before
 * writing either output, so an output over the input is exact. With a
 * NULL scratch a 1x1 convolution runs one pixel at a time. */
int qat_rt_conv2d(const qat_rt_conv_params *p, const int8_t *input,
                  const int8_t *filter, const int32_t *folded_bias,
                  int8_t *scratch, int8_t *output);
int32_t qat_rt_conv2d_scratch_size(const qat_rt_conv_params *p);

/* The wide blocked order of conv and fully connected weights: the blocked
 * order with blocks of one word, each row's four weights w0..w3 of a block
 * widened to int16 in one int64: bits 0-15 w0, 16-31 w2, 32-47 w1, 48-63
 * w3 (the even and the odd pair of SXTB16, one LDRD). */
int qat_rt_conv2d_wide(const qat_rt_conv_params *p, const int8_t *input,
                       const int64_t *filter, const int32_t *folded_bias,
                       int8_t *scratch, int8_t *output);

/* qint.depthwise_conv2d: filter [1, kernel_h, kernel_w, out_c], out_c a
 * multiple of in_c. When out_c == in_c and the kernel has at most 25 taps,
 * the filter comes in blocked depthwise order: for each group of
 * QAT_RT_WEIGHT_BLOCK channels, for each tap (ky, kx), the group's weights;
 * then the same for groups of 4 of the channels left; then each of the last
 * channels' taps in turn. scratch holds
 * qat_rt_depthwise_conv2d_scratch_size(p) bytes (a row of input_zp for taps in
 * the padding; NULL when no window reaches the padding). */
int qat_rt_depthwise_conv2d(const qat_rt_conv_params *p, const int8_t *input,
                            const int8_t *filter, const int32_t *folded_bias,
                            int8_t *scratch, int8_t *output);
int32_t qat_rt_depthwise_conv2d_scratch_size(const qat_rt_conv_params *p);

typedef struct {
  int32_t batches, in_features, out_features;
  qat_rt_output_stage out;
} qat_rt_fc_params;

/* qint.fully_connected: weights [out_features, in_features], blocked;
 * scratch holds qat_rt_fully_connected_scratch_size(p) bytes (an input row
 * padded to whole words; NULL when in_features is a multiple of 4). */
int qat_rt_fully_connected(const qat_rt_fc_params *p, const int8_t *input,
                           const int8_t *weights, const int32_t *folded_bias,
                           int8_t *scratch, int8_t *output);
int32_t qat_rt_fully_connected_scratch_size(const qat_rt_fc_params *p);
/* qint.fully_connected over weights in the wide blocked order. */
int qat_rt_fully_connected_wide(const qat_rt_fc_params *p, const int8_t *input,
                                const int64_t *weights,
                                const int32_t *folded_bias, int8_t *scratch,
                                int8_t *output);

/* 4-bit weights (values in [-8, 7]) packed two per byte, the first of a
 * pair in the low nibble (bytes as int8_t). The kernels compute exactly
 * what the int8 ones compute on the same values. Conv and fully connected
 * weights are the blocked order above, packed; scratch holds the int8
 * kernel's scratch and then four rows of up to 64 columns unpacked (the
 * *_s4_scratch_size functions), so the packed weights stay in flash and
 * are unpacked 64 columns at a time for each output pixel. Depthwise filters
 * are [1, kernel_h, kernel_w, out_c], packed, read in place (no scratch). */
int qat_rt_conv2d_s4(const qat_rt_conv_params *p, const int8_t *input,
                     const int8_t *filter, const int32_t *folded_bias,
                     int8_t *scratch, int8_t *output);
int32_t qat_rt_conv2d_s4_scratch_size(const qat_rt_conv_params *p);
int qat_rt_depthwise_conv2d_s4(const qat_rt_conv_params *p, const int8_t *input,
                               const int8_t *filter, const int32_t *folded_bias,
                               int8_t *output);
int qat_rt_fully_connected_s4(const qat_rt_fc_params *p, const int8_t *input,
                              const int8_t *weights, const int32_t *folded_bias,
                              int8_t *scratch, int8_t *output);
int32_t qat_rt_fully_connected_s4_scratch_size(const qat_rt_fc_params *p);

typedef struct {
  int32_t size;               /* output elements */
  int32_t lhs_size, rhs_size; /* size, or the channel count broadcast */
  int32_t lhs_zp, rhs_zp, left_shift;
  int32_t lhs_multiplier, lhs_shift, rhs_multiplier, rhs_shift;
  int32_t output_multiplier, output_shift, output_zp;
  int32_t act_min, act_max;
  qat_rt_rounding rounding;
} qat_rt_add_params;

/* qint.add (TFLite int8 Add). */
int qat_rt_add(const qat_rt_add_params *p, const int8_t *lhs, const int8_t *rhs,
               int8_t *output);

/* qint.sub (TFLite int8 Sub): qint.add's parameters, the rescaled
 * operands subtracted. */
int qat_rt_sub(const qat_rt_add_params *p, const int8_t *lhs, const int8_t *rhs,
               int8_t *output);

typedef struct {
  int32_t size, lhs_size, rhs_size;
  int32_t lhs_zp, rhs_zp;
  int32_t output_multiplier, output_shift, output_zp;
  int32_t act_min, act_max;
  qat_rt_rounding rounding;
} qat_rt_mul_params;

/* qint.mul (TFLite int8 Mul). */
int qat_rt_mul(const qat_rt_mul_params *p, const int8_t *lhs, const int8_t *rhs,
               int8_t *output);

typedef struct {
  int32_t batches, in_h, in_w, channels;
  int32_t out_h, out_w;
  int32_t kernel_h, kernel_w, stride_h, stride_w, pad_top, pad_left;
  int32_t act_min, act_max;
} qat_rt_pool_params;

/* qint.max_pool2d and qint.avg_pool2d (padding excluded from the count). */
int qat_rt_max_pool2d(const qat_rt_pool_params *p, const int8_t *input,
                      int8_t *output);
int qat_rt_avg_pool2d(const qat_rt_pool_params *p, const int8_t *input,
                      int8_t *output);

typedef struct {
  int32_t batches, h, w, channels;
  int32_t input_zp, output_zp, multiplier, shift;
  qat_rt_rounding rounding;
} qat_rt_mean_params;

/* qint.mean over H and W. */
int qat_rt_mean(const qat_rt_mean_params *p, const int8_t *input,
                int8_t *output);

typedef struct {
  int32_t rows, depth;
  int32_t input_multiplier, input_left_shift, diff_min;
  qat_rt_rounding rounding;
} qat_rt_softmax_params;

/* qint.softmax over the last dimension (output scale 1/256, zero point
 * -128). */
int qat_rt_softmax(const qat_rt_softmax_params *p, const int8_t *input,
                   int8_t *output);
/* The same with the exponential of every input difference read from
 * exp_table (Q0.31, entry k for x - max = -k, k from 0 to min(255,
 * -diff_min)), which the compiler emits for softmaxes over 64 scores
 * or more (attention's): the same results. */
int qat_rt_softmax_table(const qat_rt_softmax_params *p,
                         const int32_t *exp_table, const int8_t *input,
                         int8_t *output);

typedef struct {
  int32_t rank; /* at most 4 */
  int32_t in_shape[4];
  int32_t before[4], after[4];
  int32_t value; /* an int8 (qat_rt_pad) or int16 (qat_rt_pad_s16) */
} qat_rt_pad_params;

/* qint.pad. */
int qat_rt_pad(const qat_rt_pad_params *p, const int8_t *input, int8_t *output);
int qat_rt_pad_s16(const qat_rt_pad_params *p, const int16_t *input,
                   int16_t *output);

typedef struct {
  int32_t rank; /* at most 4 */
  int32_t in_shape[4];
  int32_t permutation[4]; /* output dimension d is input dimension perm[d] */
} qat_rt_transpose_params;

/* qint.transpose. */
int qat_rt_transpose(const qat_rt_transpose_params *p, const int8_t *input,
                     int8_t *output);

typedef struct {
  int32_t rank;          /* at most 4 */
  int32_t element_bytes; /* 1 (int8) or 2 (int16) */
  int32_t in_shape[4], out_shape[4];
  int32_t begin[4], strides[4]; /* out[i] = in[begin + i * strides] */
} qat_rt_slice_params;

/* qint.slice, int8 or int16 elements. */
int qat_rt_slice(const qat_rt_slice_params *p, const void *input, void *output);

typedef struct {
  int32_t size, channels,
      inner; /* channel of element i: (i / inner) % channels */
  int32_t input_zp;
  qat_rt_output_stage out;
} qat_rt_requantize_params;

/* qint.requantize of an int8 or int32 input. */
int qat_rt_requantize_i8(const qat_rt_requantize_params *p, const int8_t *input,
                         int8_t *output);
int qat_rt_requantize_i32(const qat_rt_requantize_params *p,
                          const int32_t *input, int8_t *output);

typedef struct {
  int32_t size, element_bytes; /* 1 (int8) or 2 (int16) */
  int32_t input_zp, output_zp;
  int32_t identity_multiplier, identity_shift; /* x >= 0 */
  int32_t alpha_multiplier, alpha_shift;       /* x < 0 */
  qat_rt_rounding rounding;
} qat_rt_leaky_relu_params;

/* qint.leaky_relu (TFLite's LeakyRelu), int8 or int16 elements. */
int qat_rt_leaky_relu(const qat_rt_leaky_relu_params *p, const void *input,
                      void *output);

/* qint.requantize between any of int8, int16 and int32 (input_bytes 1, 2
 * or 4) and int8 or int16 (output_bytes 1 or 2): mixed precision. */
int qat_rt_requantize_mixed(const qat_rt_requantize_params *p,
                            const void *input, int32_t input_bytes,
                            void *output, int32_t output_bytes);

/* int16 activations (TFLite's 16x8 scheme: zero point 0, int8 weights).
 * A layer with an int16 input accumulates in int64 over an int64 bias and
 * rescales with TFLite's 64-bit MultiplyByQuantizedMultiplier (the
 * multiplier rounded to 16 bits, one rounding), or - TFLite's
 * int16xint8xint32 variant, and every int8 input - accumulates in int32
 * (its bias given widened to int64) with the int8 output stage. The input
 * and output are int8 or int16 each (input_bytes, output_bytes: mixed
 * precision changes type in the output stage). Filters and weights are in
 * qint's order, not blocked: conv [out_c, kernel_h, kernel_w, in_c],
 * depthwise [1, kernel_h, kernel_w, out_c], fully connected [out_features,
 * in_features]; bias may be NULL. The fully connected kernel reads raw
 * inputs: its bias holds bias - input_zp * sum(weights). */
typedef enum {
  QAT_RT_ACCUMULATOR_INT64 = 0,
  QAT_RT_ACCUMULATOR_INT32 = 1
} qat_rt_accumulator;

typedef struct {
  qat_rt_accumulator accumulator;
  int32_t input_bytes, output_bytes; /* 1 (int8) or 2 (int16) */
} qat_rt_precision;

int qat_rt_conv2d_s16(const qat_rt_conv_params *p, qat_rt_precision precision,
                      const void *input, const int8_t *filter,
                      const int64_t *bias, void *output);
int qat_rt_depthwise_conv2d_s16(const qat_rt_conv_params *p,
                                qat_rt_precision precision, const void *input,
                                const int8_t *filter, const int64_t *bias,
                                void *output);
int qat_rt_fully_connected_s16(const qat_rt_fc_params *p,
                               qat_rt_precision precision, const void *input,
                               const int8_t *weights, const int64_t *bias,
                               void *output);
/* qint.add, qint.mul, the pools on int16 (the int8 formulas). */
int qat_rt_add_s16(const qat_rt_add_params *p, const int16_t *lhs,
                   const int16_t *rhs, int16_t *output);
int qat_rt_sub_s16(const qat_rt_add_params *p, const int16_t *lhs,
                   const int16_t *rhs, int16_t *output);
int qat_rt_mul_s16(const qat_rt_mul_params *p, const int16_t *lhs,
                   const int16_t *rhs, int16_t *output);
int qat_rt_max_pool2d_s16(const qat_rt_pool_params *p, const int16_t *input,
                          int16_t *output);
int qat_rt_avg_pool2d_s16(const qat_rt_pool_params *p, const int16_t *input,
                          int16_t *output);
/* qint.softmax on int16 (TFLite's int16 Softmax, output scale 1/32768):
 * exp_table and reciprocal_table are its two 513-entry tables, exp over
 * [-10, 0] and 1/(1 + x) over [0, 1] in Q0.15, which the compiler emits.
 * diff_min is unused. */
int qat_rt_softmax_s16(const qat_rt_softmax_params *p, const int16_t *exp_table,
                       const int16_t *reciprocal_table, const int16_t *input,
                       int16_t *output);

typedef struct {
  int32_t outer;        /* product of the dimensions before the axis */
  int32_t count;        /* inputs */
  const int32_t *inner; /* per input: its axis size times the trailing ones */
} qat_rt_concat_params;

/* qint.concat. */
int qat_rt_concat(const qat_rt_concat_params *p, const int8_t *const *inputs,
                  int8_t *output);

/* qint.lookup: output[i] = table[input[i] + 128], table of 256 entries. */
int qat_rt_lookup(const int8_t *table, const int8_t *input, int32_t size,
                  int8_t *output);

/* Copies size bytes (a model output that is an input or another output). */
int qat_rt_copy(const int8_t *input, int32_t size, int8_t *output);

/* qint.quantize and qint.dequantize: the graph boundary, in float, for
 * callers converting their data (the compiled models take int8). */
int qat_rt_quantize(const float *input, int32_t size, double scale,
                    int32_t zero_point, int8_t *output);
int qat_rt_dequantize(const int8_t *input, int32_t size, double scale,
                      int32_t zero_point, float *output);

/* qint.layer_norm: qat's integer layer norm of each row of `size` int8
 * values (docs/Numerics.md, section 15), gamma (int16) and beta (int32)
 * per position of the row; qat_rt_layer_norm_s16 for int16 values, its
 * beta int64 and TFLite's 64-bit rescale (rounding is not read). */
typedef struct {
  int32_t rows, size;
  int64_t epsilon; /* in the units of the centred values' squares */
  int32_t output_multiplier, output_shift, output_zp;
  int32_t act_min, act_max;
  qat_rt_rounding rounding;
} qat_rt_layer_norm_params;

int qat_rt_layer_norm(const qat_rt_layer_norm_params *p, const int8_t *input,
                      const int16_t *gamma, const int32_t *beta,
                      int8_t *output);
int qat_rt_layer_norm_s16(const qat_rt_layer_norm_params *p,
                          const int16_t *input, const int16_t *gamma,
                          const int64_t *beta, int16_t *output);

/* qint.batch_matmul: TFLite's BATCH_MATMUL between two activations. The
 * output is batches[0] x batches[1] x batches[2] matrices of [rows, cols]
 * (row-major); output matrix (b0, b1, b2) reads lhs matrix b0 *
 * lhs_stride[0] + b1 * lhs_stride[1] + b2 * lhs_stride[2] (a stride 0
 * broadcasts) and rhs likewise. lhs matrices are [rows, depth] ([depth,
 * rows] when adj_x), rhs matrices [depth, cols] ([cols, depth] when
 * adj_y). */
typedef struct {
  int32_t batches[3];
  int32_t lhs_stride[3], rhs_stride[3];
  int32_t rows, cols, depth;
  int32_t adj_x, adj_y;
  int32_t lhs_zp, rhs_zp, output_zp;
  int32_t output_multiplier, output_shift;
  int32_t act_min, act_max;
  qat_rt_rounding rounding;
} qat_rt_batch_matmul_params;

/* int8 operands (int32 accumulator). scratch holds
 * qat_rt_batch_matmul_scratch_size(p) bytes, 4-byte aligned: the rhs
 * matrix transposed into rows of whole words with their sums, and one lhs
 * row. */
int qat_rt_batch_matmul(const qat_rt_batch_matmul_params *p, const int8_t *lhs,
                        const int8_t *rhs, void *scratch, int8_t *output);
int32_t qat_rt_batch_matmul_scratch_size(const qat_rt_batch_matmul_params *p);

/* int16 operands (zero points 0, int64 accumulator, TFLite's 64-bit
 * rescale); scratch qat_rt_batch_matmul_s16_scratch_size(p) bytes. */
int qat_rt_batch_matmul_s16(const qat_rt_batch_matmul_params *p,
                            const int16_t *lhs, const int16_t *rhs,
                            void *scratch, int16_t *output);
int32_t
qat_rt_batch_matmul_s16_scratch_size(const qat_rt_batch_matmul_params *p);

/* qint.lstm: TFLite's integer LSTM over a sequence (no peepholes,
 * projection or layer norm). Gates are stacked input, forget, cell, output
 * in every per-gate array. */
typedef struct {
  int32_t time_steps, batches, input_size, hidden_size;
  int32_t time_major; /* input [T, B, I] when nonzero, else [B, T, I] */
  int32_t input_zp, output_zp;
  int32_t input_multiplier[4], input_shift[4];
  int32_t recurrent_multiplier[4], recurrent_shift[4];
  int32_t forget_multiplier, forget_shift; /* forget gate x cell state */
  int32_t update_multiplier, update_shift; /* input gate x cell gate */
  int32_t hidden_multiplier, hidden_shift; /* output gate x tanh(cell) */
  /* tanh of the cell state: (c * tanh_multiplier + round) >> tanh_shift */
  int32_t tanh_multiplier, tanh_shift;
  int32_t cell_clip; /* 0: none */
  qat_rt_rounding rounding;
} qat_rt_lstm_params;

/* int8 activations. input_weights [4 * H][round_up4(I)] and
 * recurrent_weights [4 * H][round_up4(H)], rows zero-padded to whole words,
 * in the blocked order of the fully connected weights (QAT_RT_WEIGHT_BLOCK);
 * input_bias = bias - input_zp * (row sum of input_weights) and
 * recurrent_bias = -output_zp * (row sum of recurrent_weights), [4 * H]
 * each; sigmoid_table is TFLite's 256-entry table of sigmoid(i / 24) in
 * Q0.16, which the compiler emits. scratch holds
 * qat_rt_lstm_scratch_size(p) bytes, 4-byte aligned (the gates of one
 * step). state holds qat_rt_lstm_state_size(p) bytes, 4-byte aligned: each
 * batch's hidden and cell state, which the call continues from and leaves
 * for the next call. qat_rt_lstm_reset sets the initial state: the hidden
 * state from hidden [B][H] (output's grid) and the cell state from cell
 * [B][H] (the cell's grid), or where either is null the zero state (hidden
 * state output_zp, cell state 0). */
int qat_rt_lstm(const qat_rt_lstm_params *p, const int8_t *input,
                const int8_t *input_weights, const int8_t *recurrent_weights,
                const int32_t *input_bias, const int32_t *recurrent_bias,
                const uint16_t *sigmoid_table, void *scratch, void *state,
                int8_t *output);
int32_t qat_rt_lstm_scratch_size(const qat_rt_lstm_params *p);
int32_t qat_rt_lstm_state_size(const qat_rt_lstm_params *p);
int qat_rt_lstm_reset(const qat_rt_lstm_params *p, const int8_t *hidden,
                      const int16_t *cell, void *state);

/* int16 activations (16x8, zero points 0): weights [4 * H][I] and
 * [4 * H][H] unpadded, bias [4 * H] in int64, scratch and state as above
 * (qat_rt_lstm_s16_scratch_size, qat_rt_lstm_s16_state_size). */
int qat_rt_lstm_s16(const qat_rt_lstm_params *p, const int16_t *input,
                    const int8_t *input_weights,
                    const int8_t *recurrent_weights, const int64_t *bias,
                    const uint16_t *sigmoid_table, void *scratch, void *state,
                    int16_t *output);
int32_t qat_rt_lstm_s16_scratch_size(const qat_rt_lstm_params *p);
int32_t qat_rt_lstm_s16_state_size(const qat_rt_lstm_params *p);
int qat_rt_lstm_s16_reset(const qat_rt_lstm_params *p, const int16_t *hidden,
                          const int16_t *cell, void *state);

/* qint.gru: qat's integer GRU (int8 activations, int16 gates, a Q0.15
 * state). Gates are stacked reset, update, new. */
typedef struct {
  int32_t time_steps, batches, input_size, hidden_size;
  int32_t time_major; /* input [T, B, I] when nonzero, else [B, T, I] */
  int32_t input_zp, output_zp;
  int32_t input_multiplier[3], input_shift[3];
  int32_t recurrent_multiplier[3], recurrent_shift[3];
  int32_t hidden_multiplier, hidden_shift; /* the Q0.15 state to the output */
  qat_rt_rounding rounding;
} qat_rt_gru_params;

/* Weights as for qat_rt_lstm ([3 * H] rows, padded, blocked); the
 * biases with the zero points folded in: input_bias = bias - input_zp *
 * (row sum of input_weights), recurrent_bias = bias - output_zp * (row sum
 * of recurrent_weights). scratch holds qat_rt_gru_scratch_size(p) bytes,
 * state qat_rt_gru_state_size(p) (each batch's int8 hidden state and
 * Q0.15 state, continued from; qat_rt_gru_reset sets the Q0.15 state from
 * initial [B][H], the hidden state from it, or where initial is null the
 * zero state). */
int qat_rt_gru(const qat_rt_gru_params *p, const int8_t *input,
               const int8_t *input_weights, const int8_t *recurrent_weights,
               const int32_t *input_bias, const int32_t *recurrent_bias,
               const uint16_t *sigmoid_table, void *scratch, void *state,
               int8_t *output);
int32_t qat_rt_gru_scratch_size(const qat_rt_gru_params *p);
int32_t qat_rt_gru_state_size(const qat_rt_gru_params *p);
int qat_rt_gru_reset(const qat_rt_gru_params *p, const int16_t *initial,
                     void *state);

#ifdef __cplusplus
}
#endif

#endif /* QAT_RT_H */
