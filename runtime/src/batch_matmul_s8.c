/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* batch_matmul_s8.c - qint.batch_matmul with int8 operands: the rhs
 * matrix's columns become rows padded to whole words (once per rhs
 * matrix), so each output is one of the layers' dot products (DSP and
 * Helium where they run) of raw int8 values; the zero points enter
 * through the row and column sums:
 *   sum (l - zl)(r - zr) = sum l r - zr sum l - zl sum r + K zl zr. */
#include "dot.h"
#include "qat_rt_scratch.h"

int32_t qat_rt_batch_matmul_scratch_size(const qat_rt_batch_matmul_params *p) {
  return qat_rt_batch_matmul_scratch(p);
}

/* Columns of rhs matrix r as rows of k4 bytes (zero padded), and their
 * sums. */
static void transpose_rhs(const qat_rt_batch_matmul_params *p, const int8_t *r,
                          int32_t k4, int32_t *sums, int8_t *columns) {
  int32_t j, k;
  for (j = 0; j < p->cols; ++j) {
    int8_t *c = columns + j * k4;
    int32_t sum = 0;
    for (k = 0; k < k4; ++k) {
      int32_t v = k >= p->depth ? 0
                  : p->adj_y    ? r[j * p->depth + k]
                                : r[k * p->cols + j];
      c[k] = (int8_t)v;
      sum += v;
    }
    sums[j] = sum;
  }
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
          int32_t row_sum = 0;
          for (k = 0; k < k4; ++k) {
            int32_t v = k >= K ? 0 : p->adj_x ? l[k * M + i] : l[i * K + k];
            row[k] = (int8_t)v;
            row_sum += v;
          }
          for (j = 0; j < N; ++j) {
            /* The verifier keeps the exact sum within int32; the terms
             * are combined in int64 so no partial sum overflows. */
            int64_t acc = (int64_t)qat_rt_dot(row, columns + j * k4, k4, 0) -
                          (int64_t)p->rhs_zp * row_sum -
                          (int64_t)p->lhs_zp * sums[j] +
                          (int64_t)K * p->lhs_zp * p->rhs_zp;
            int32_t v = qat_rt_mbqm((int32_t)acc, p->output_multiplier,
                                    p->output_shift, p->rounding);
            *output++ =
                (int8_t)qat_rt_clamp(v + p->output_zp, p->act_min, p->act_max);
          }
        }
      }
  return 0;
}
