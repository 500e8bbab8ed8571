/* dot.h - the int8 dot products under the weighted kernels.
 *
 * Raw (uncentred) int8 inputs times int8 weights: the input zero point is
 * folded into the bias offline (see qat_rt.h), so the inner loops are pure
 * multiply-accumulates. With the Cortex-M DSP extension, SXTB16 widens the
 * even and odd bytes of a word to two int16 pairs and SMLAD does two MACs
 * per instruction; the weights are permuted the same way as the inputs, so
 * they need no reordering. Define QAT_RT_PORTABLE to force the C path.
 */
#ifndef QAT_RT_DOT_H
#define QAT_RT_DOT_H

#include <stdint.h>

#if defined(__ARM_FEATURE_DSP) && !defined(QAT_RT_PORTABLE)
#define QAT_RT_USE_DSP 1
#include <arm_acle.h>

static inline int32_t qat_rt_load4(const int8_t *p) {
  int32_t v;
  __builtin_memcpy(&v, p, 4); /* an unaligned LDR on Cortex-M4 */
  return v;
}

static inline int32_t qat_rt_ror8(int32_t v) {
  return (int32_t)(((uint32_t)v >> 8) | ((uint32_t)v << 24));
}

/* acc0 += x . w0, acc1 += x . w1 over k elements. */
static inline void qat_rt_dot2(const int8_t *x, const int8_t *w0,
                               const int8_t *w1, int32_t k, int32_t *acc0,
                               int32_t *acc1) {
  int32_t s0 = *acc0, s1 = *acc1;
  for (; k >= 4; k -= 4, x += 4, w0 += 4, w1 += 4) {
    int32_t xv = qat_rt_load4(x), a = qat_rt_load4(w0), b = qat_rt_load4(w1);
    int32_t x02 = (int32_t)__sxtb16(xv),
            x13 = (int32_t)__sxtb16(qat_rt_ror8(xv));
    s0 = __smlad(x02, (int32_t)__sxtb16(a), s0);
    s0 = __smlad(x13, (int32_t)__sxtb16(qat_rt_ror8(a)), s0);
    s1 = __smlad(x02, (int32_t)__sxtb16(b), s1);
    s1 = __smlad(x13, (int32_t)__sxtb16(qat_rt_ror8(b)), s1);
  }
  for (; k > 0; --k, ++x, ++w0, ++w1) {
    s0 += *x * *w0;
    s1 += *x * *w1;
  }
  *acc0 = s0;
  *acc1 = s1;
}

static inline int32_t qat_rt_dot(const int8_t *x, const int8_t *w, int32_t k,
                                 int32_t acc) {
  for (; k >= 4; k -= 4, x += 4, w += 4) {
    int32_t xv = qat_rt_load4(x), a = qat_rt_load4(w);
    acc = __smlad((int32_t)__sxtb16(xv), (int32_t)__sxtb16(a), acc);
    acc = __smlad((int32_t)__sxtb16(qat_rt_ror8(xv)),
                  (int32_t)__sxtb16(qat_rt_ror8(a)), acc);
  }
  for (; k > 0; --k)
    acc += *x++ * *w++;
  return acc;
}
#else
#define QAT_RT_USE_DSP 0

static inline void qat_rt_dot2(const int8_t *x, const int8_t *w0,
                               const int8_t *w1, int32_t k, int32_t *acc0,
                               int32_t *acc1) {
  int32_t s0 = *acc0, s1 = *acc1, i;
  for (i = 0; i < k; ++i) {
    int32_t v = x[i];
    s0 += v * w0[i];
    s1 += v * w1[i];
  }
  *acc0 = s0;
  *acc1 = s1;
}

static inline int32_t qat_rt_dot(const int8_t *x, const int8_t *w, int32_t k,
                                 int32_t acc) {
  int32_t i;
  for (i = 0; i < k; ++i)
    acc += x[i] * w[i];
  return acc;
}
#endif

#endif /* QAT_RT_DOT_H */
