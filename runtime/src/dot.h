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

#include "qat_rt_internal.h"

#if defined(__ARM_FEATURE_DSP) && !defined(QAT_RT_PORTABLE)
#define QAT_RT_USE_DSP 1
#include <arm_acle.h>

static inline int32_t qat_rt_load4(const int8_t *p) {
  int32_t v;
  __builtin_memcpy(&v, p, 4); /* an unaligned LDR on Cortex-M4 */
  return v;
}

/* The even bytes of v, and the odd bytes (SXTB16 with its ROR #8 operand,
 * which the intrinsics cannot express), as int16 pairs. */
static inline int32_t qat_rt_even(int32_t v) { return (int32_t)__sxtb16(v); }

static inline int32_t qat_rt_odd(int32_t v) {
  int32_t r;
  __asm("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(v));
  return r;
}

/* acc[r] += x . row r over k4 elements (a multiple of 4), for four rows in
 * blocked order: for each 4 columns, 4 bytes of row 0, then rows 1, 2, 3. */
QAT_RT_ALWAYS_INLINE void qat_rt_dot4(const int8_t *x, const int8_t *w,
                                      int32_t k4, int32_t *acc) {
  int32_t s0 = acc[0], s1 = acc[1], s2 = acc[2], s3 = acc[3];
  const int8_t *end = x + k4;
/* One word of x against one word of each of the four rows. */
#define QAT_RT_DOT4_WORD(X, W)                                                 \
  do {                                                                         \
    int32_t xv = qat_rt_load4(X), v;                                           \
    int32_t xe = qat_rt_even(xv), xo = qat_rt_odd(xv);                         \
    v = qat_rt_load4(W);                                                       \
    s0 = __smlad(xe, qat_rt_even(v), s0);                                      \
    s0 = __smlad(xo, qat_rt_odd(v), s0);                                       \
    v = qat_rt_load4((W) + 4);                                                 \
    s1 = __smlad(xe, qat_rt_even(v), s1);                                      \
    s1 = __smlad(xo, qat_rt_odd(v), s1);                                       \
    v = qat_rt_load4((W) + 8);                                                 \
    s2 = __smlad(xe, qat_rt_even(v), s2);                                      \
    s2 = __smlad(xo, qat_rt_odd(v), s2);                                       \
    v = qat_rt_load4((W) + 12);                                                \
    s3 = __smlad(xe, qat_rt_even(v), s3);                                      \
    s3 = __smlad(xo, qat_rt_odd(v), s3);                                       \
  } while (0)
  for (; x < end; x += 4, w += 16)
    QAT_RT_DOT4_WORD(x, w);
#undef QAT_RT_DOT4_WORD
  acc[0] = s0;
  acc[1] = s1;
  acc[2] = s2;
  acc[3] = s3;
}

/* acc + x . w over k4 elements (a multiple of 4). */
QAT_RT_ALWAYS_INLINE int32_t qat_rt_dot(const int8_t *x, const int8_t *w,
                                        int32_t k4, int32_t acc) {
  const int8_t *end = x + k4;
  for (; x < end; x += 4, w += 4) {
    int32_t xv = qat_rt_load4(x), v = qat_rt_load4(w);
    acc = __smlad(qat_rt_even(xv), qat_rt_even(v), acc);
    acc = __smlad(qat_rt_odd(xv), qat_rt_odd(v), acc);
  }
  return acc;
}
#else
#define QAT_RT_USE_DSP 0

/* The portable forms, written out a word at a time so that the compiler
 * keeps the four accumulators in registers and the loop runs once per
 * 16 products. */
QAT_RT_ALWAYS_INLINE void qat_rt_dot4(const int8_t *x, const int8_t *w,
                                      int32_t k4, int32_t *acc) {
  int32_t s0 = acc[0], s1 = acc[1], s2 = acc[2], s3 = acc[3];
  const int8_t *end = x + k4;
/* One multiply-accumulate per product into its row's accumulator (a sum
 * of products added at once costs an extra add per row). */
#define QAT_RT_DOT4_WORD(X, W)                                                 \
  do {                                                                         \
    int32_t x0 = (X)[0], x1 = (X)[1], x2 = (X)[2], x3 = (X)[3];                \
    s0 += x0 * (W)[0];                                                         \
    s1 += x0 * (W)[4];                                                         \
    s2 += x0 * (W)[8];                                                         \
    s3 += x0 * (W)[12];                                                        \
    s0 += x1 * (W)[1];                                                         \
    s1 += x1 * (W)[5];                                                         \
    s2 += x1 * (W)[9];                                                         \
    s3 += x1 * (W)[13];                                                        \
    s0 += x2 * (W)[2];                                                         \
    s1 += x2 * (W)[6];                                                         \
    s2 += x2 * (W)[10];                                                        \
    s3 += x2 * (W)[14];                                                        \
    s0 += x3 * (W)[3];                                                         \
    s1 += x3 * (W)[7];                                                         \
    s2 += x3 * (W)[11];                                                        \
    s3 += x3 * (W)[15];                                                        \
  } while (0)
  for (; x < end; x += 4, w += 16)
    QAT_RT_DOT4_WORD(x, w);
#undef QAT_RT_DOT4_WORD
  acc[0] = s0;
  acc[1] = s1;
  acc[2] = s2;
  acc[3] = s3;
}

QAT_RT_ALWAYS_INLINE int32_t qat_rt_dot(const int8_t *x, const int8_t *w,
                                        int32_t k4, int32_t acc) {
  const int8_t *end = x + k4;
  for (; x < end; x += 4, w += 4) {
    acc += x[0] * w[0];
    acc += x[1] * w[1];
    acc += x[2] * w[2];
    acc += x[3] * w[3];
  }
  return acc;
}
#endif

#endif /* QAT_RT_DOT_H */
