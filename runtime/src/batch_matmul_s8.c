/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* batch_matmul_s8.c - qint.batch_matmul with int8 operands: the rhs
 * matrix's columns become rows padded to whole words in the layers'
 * blocked weight order (once per rhs matrix), so four outputs at a time
 * are the layers' dot products (DSP and Helium where they run) of raw int8
 * values; the zero points enter through the row and column sums:
 *   sum (l - zl)(r - zr) = sum l r - zr sum l - zl sum r + K zl zr. */
#include "dot.h"
#include "qat_rt_scratch.h"

int32_t qat_rt_batch_matmul_scratch_size(const qat_rt_batch_matmul_params *p) {
  return qat_rt_batch_matmul_scratch(p);
}

/* Columns of rhs matrix r as rows of k4 bytes in the layers' blocked weight
 * order (four rows interleaved in blocks of QAT_RT_WEIGHT_BLOCK, then the
 * rest one by one, zeros past the depth), and their sums. Element k of
 * column j is at r[j * column_step + k * depth_step]. */
static void transpose_rhs(const qat_rt_batch_matmul_params *p, const int8_t *r,
                          int32_t k4, int32_t *sums, int8_t *columns) {
  const int32_t K = p->depth, N = p->cols;
  const int32_t column_step = p->adj_y ? K : 1, depth_step = p->adj_y ? 1 : N;
  int32_t j = 0, c, b, q, k;
  for (j = 0; j < N; ++j) {
    const int8_t *column = r + j * column_step;
    int32_t sum = 0;
    for (k = 0; k < K; ++k)
      sum += column[k * depth_step];
    sums[j] = sum;
  }
  for (j = 0; j + 3 < N; j += 4)
    for (c = 0; c < k4; c += QAT_RT_WEIGHT_BLOCK) {
      int32_t width =
          k4 - c < QAT_RT_WEIGHT_BLOCK ? k4 - c : QAT_RT_WEIGHT_BLOCK;
      int32_t real = K - c < width ? K - c : width;
      for (q = 0; q < 4; ++q) {
        const int8_t *column = r + (j + q) * column_step + c * depth_step;
        for (b = 0; b < real; ++b)
          *columns++ = column[b * depth_step];
        for (; b < width; ++b)
          *columns++ = 0;
      }
    }
  for (; j < N; ++j) {
    const int8_t *column = r + j * column_step;
    for (k = 0; k < K; ++k)
      *columns++ = column[k * depth_step];
    for (; k < k4; ++k)
      *columns++ = 0;
  }
}

/* One output from its raw dot product: the zero points' terms (the row's
 * in `row_term`, the column's from its sum) added in int64, which the
 * verifier keeps within int32 once summed. */
static int8_t output_of(const qat_rt_batch_matmul_params *p, int32_t dot,
                        int64_t row_term, int32_t column_sum) {
  int64_t acc = (int64_t)dot + row_term - (int64_t)p->lhs_zp * column_sum;
  int32_t v = qat_rt_mbqm((int32_t)acc, p->output_multiplier, p->output_shift,
                          p->rounding);
  return (int8_t)qat_rt_clamp(v + p->output_zp, p->act_min, p->act_max);
}

int qat_rt_batch_matmul(const qat_rt_batch_matmul_params *p, const int8_t *lhs,
                        const int8_t *rhs, void *scratch, int8_t *output) {
  const int32_t M = p ? p->rows : 0, N = p ? p->cols : 0, K = p ? p->depth : 0;
  int32_t b0, b1, b2, i, j, k, k4, *sums;
  int8_t *columns, *row;
  const int8_t *last_rhs = 0;
  if (!qat_rt_batch_matmul_valid(p) || !lhs || !rhs || !scratch || !output)
    return -1;
  k4 = qat_rt_round_up4(K);
  sums = (int32_t *)scratch;
  columns = (int8_t *)(sums + N);
  row = columns + N * k4;
  for (b0 = 0; b0 < p->batches[0]; ++b0)
    for (b1 = 0; b1 < p->batches[1]; ++b1)
      for (b2 = 0; b2 < p->batches[2]; ++b2) {
        const int8_t *l = lhs + (b0 * p->lhs_stride[0] + b1 * p->lhs_stride[1] +
                                 b2 * p->lhs_stride[2]) *
                                    M * K;
        const int8_t *r = rhs + (b0 * p->rhs_stride[0] + b1 * p->rhs_stride[1] +
                                 b2 * p->rhs_stride[2]) *
                                    K * N;
        if (r != last_rhs)
          transpose_rhs(p, r, k4, sums, columns);
        last_rhs = r;
        for (i = 0; i < M; ++i) {
          const int8_t *w = columns;
          int32_t row_sum = 0;
          int64_t row_term;
          const int8_t *source = l + (p->adj_x ? i : i * K);
          const int32_t step = p->adj_x ? M : 1;
          for (k = 0; k < K; ++k) {
            int8_t v = source[k * step];
            row[k] = v;
            row_sum += v;
          }
          for (; k < k4; ++k)
            row[k] = 0;
          row_term =
              (int64_t)K * p->lhs_zp * p->rhs_zp - (int64_t)p->rhs_zp * row_sum;
          for (j = 0; j + 3 < N; j += 4, w += 4 * k4) {
            int32_t acc[4] = {0, 0, 0, 0}, q;
            qat_rt_dot4(row, w, k4, acc);
            for (q = 0; q < 4; ++q)
              *output++ = output_of(p, acc[q], row_term, sums[j + q]);
          }
          for (; j < N; ++j, w += k4)
            *output++ =
                output_of(p, qat_rt_dot(row, w, k4, 0), row_term, sums[j]);
        }
      }
  return 0;
}
