/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* batch_matmul_s16.c - qint.batch_matmul with int16 operands (zero points
 * 0): the rhs matrix's columns become contiguous rows, so each output is a
 * dot product of two int16 rows into an int64 accumulator (SMLALD on DSP
 * cores, VMLALDAVA on Helium), rescaled as TFLite's 64-bit
 * MultiplyByQuantizedMultiplier. */
#include "int16.h"
#include "qat_rt_scratch.h"

#if QAT_RT_WEIGHT_BLOCK == 16
#include <arm_mve.h>
#define BMM_S16_MVE 1
#elif defined(__ARM_FEATURE_DSP) && !defined(QAT_RT_PORTABLE)
#include <arm_acle.h>
#include <string.h>
#define BMM_S16_DSP 1
#endif

int32_t
qat_rt_batch_matmul_s16_scratch_size(const qat_rt_batch_matmul_params *p) {
  return qat_rt_batch_matmul_s16_scratch(p);
}

/* sum x[k] * w[k] for k < n. */
static int64_t dot16(const int16_t *x, const int16_t *w, int32_t n) {
  int64_t acc = 0;
  int32_t k = 0;
#if defined(BMM_S16_MVE)
  for (; k < n; k += 8) {
    mve_pred16_t p = vctp16q((uint32_t)(n - k));
    acc = vmlaldavaq_p_s16(acc, vldrhq_z_s16(x + k, p), vldrhq_z_s16(w + k, p),
                           p);
  }
#elif defined(BMM_S16_DSP)
  for (; k + 1 < n; k += 2) {
    int32_t a, b;
    memcpy(&a, x + k, 4);
    memcpy(&b, w + k, 4);
    acc = (int64_t)__smlald(a, b, (uint64_t)acc);
  }
#endif
  for (; k < n; ++k)
    acc += (int32_t)x[k] * w[k];
  return acc;
}

int qat_rt_batch_matmul_s16(const qat_rt_batch_matmul_params *p,
                            const int16_t *lhs, const int16_t *rhs,
                            void *scratch, int16_t *output) {
  const int32_t M = p ? p->rows : 0, N = p ? p->cols : 0, K = p ? p->depth : 0;
  int32_t b0, b1, b2, i, j, k;
  int16_t *columns, *row;
  const int16_t *last_rhs = 0;
  if (!qat_rt_batch_matmul_valid(p) || !lhs || !rhs || !scratch || !output ||
      p->lhs_zp != 0 || p->rhs_zp != 0)
    return -1;
  columns = (int16_t *)scratch;
  row = columns + N * K;
  for (b0 = 0; b0 < p->batches[0]; ++b0)
    for (b1 = 0; b1 < p->batches[1]; ++b1)
      for (b2 = 0; b2 < p->batches[2]; ++b2) {
        const int16_t *l =
            lhs + (b0 * p->lhs_stride[0] + b1 * p->lhs_stride[1] +
                   b2 * p->lhs_stride[2]) *
                      M * K;
        const int16_t *r =
            rhs + (b0 * p->rhs_stride[0] + b1 * p->rhs_stride[1] +
                   b2 * p->rhs_stride[2]) *
                      K * N;
        if (r != last_rhs)
          for (j = 0; j < N; ++j)
            for (k = 0; k < K; ++k)
              columns[j * K + k] = p->adj_y ? r[j * K + k] : r[k * N + j];
        last_rhs = r;
        for (i = 0; i < M; ++i) {
          const int16_t *x = l + i * K;
          if (p->adj_x) {
            for (k = 0; k < K; ++k)
              row[k] = l[k * M + i];
            x = row;
          }
          for (j = 0; j < N; ++j) {
            int32_t v = scale64(dot16(x, columns + j * K, K),
                                p->output_multiplier, p->output_shift);
            *output++ =
                (int16_t)qat_rt_clamp(v + p->output_zp, p->act_min, p->act_max);
          }
        }
      }
  return 0;
}
