// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* dot.h - the int8 dot products under the weighted kernels.
 *
 * Raw (uncentred) int8 inputs times int8 weights: the input zero point is
 * folded into the bias offline (see qat_rt.h), so the inner loops are pure
 * multiply-accumulates. Weights come in the blocked order of qat_rt.h: four
 * rows interleaved in blocks of QAT_RT_WEIGHT_BLOCK columns (16 for Helium,
 * a word otherwise), the last block a whole number of words.
 *
 * Three forms, chosen by the target:
 * - Helium (MVE, Cortex-M55): VMLADAVA multiplies 16 bytes of the input by
 *   16 bytes of a row and adds all 16 products to a scalar accumulator; a
 *   block is one input vector against four row vectors, and the last block
 *   is a tail-predicated load (lanes past the row read nothing).
 * - DSP (Cortex-M4, M7, M33, M55 without MVE): SXTB16 widens the even and
 *   odd bytes of a word to two int16 pairs and SMLAD does two MACs per
 *   instruction; the weights are permuted the same way as the inputs, so
 *   they need no reordering.
 * - Portable C (QAT_RT_PORTABLE forces it; QAT_RT_NO_MVE keeps DSP only).
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
#else
#define QAT_RT_USE_DSP 0
#endif

#if QAT_RT_WEIGHT_BLOCK == 16
#define QAT_RT_USE_MVE 1
#include <arm_mve.h>

/* acc[r] += x . row r over k4 elements (a multiple of 4), for four rows in
 * blocked order. */
QAT_RT_ALWAYS_INLINE void qat_rt_dot4(const int8_t *x, const int8_t *w,
                                      int32_t k4, int32_t *acc) {
  int32_t s0 = acc[0], s1 = acc[1], s2 = acc[2], s3 = acc[3];
  int32_t blocks = k4 / QAT_RT_WEIGHT_BLOCK;
  int32_t width = k4 & (QAT_RT_WEIGHT_BLOCK - 1);
  /* A counted loop: a low-overhead loop (DLS/LE) set up from `blocks`. */
  for (; blocks > 0;
       --blocks, x += QAT_RT_WEIGHT_BLOCK, w += 4 * QAT_RT_WEIGHT_BLOCK) {
    int8x16_t xv = vldrbq_s8(x);
    s0 = vmladavaq_s8(s0, xv, vldrbq_s8(w));
    s1 = vmladavaq_s8(s1, xv, vldrbq_s8(w + QAT_RT_WEIGHT_BLOCK));
    s2 = vmladavaq_s8(s2, xv, vldrbq_s8(w + 2 * QAT_RT_WEIGHT_BLOCK));
    s3 = vmladavaq_s8(s3, xv, vldrbq_s8(w + 3 * QAT_RT_WEIGHT_BLOCK));
  }
  if (width) {
    mve_pred16_t p = vctp8q((uint32_t)width);
    int8x16_t xv = vldrbq_z_s8(x, p);
    s0 = vmladavaq_s8(s0, xv, vldrbq_z_s8(w, p));
    s1 = vmladavaq_s8(s1, xv, vldrbq_z_s8(w + width, p));
    s2 = vmladavaq_s8(s2, xv, vldrbq_z_s8(w + 2 * width, p));
    s3 = vmladavaq_s8(s3, xv, vldrbq_z_s8(w + 3 * width, p));
  }
  acc[0] = s0;
  acc[1] = s1;
  acc[2] = s2;
  acc[3] = s3;
}

/* acc + x . w over k4 elements (a row in plain order). */
QAT_RT_ALWAYS_INLINE int32_t qat_rt_dot(const int8_t *x, const int8_t *w,
                                        int32_t k4, int32_t acc) {
  int32_t k;
  for (k = 0; k < k4; k += QAT_RT_WEIGHT_BLOCK) {
    mve_pred16_t p = vctp8q((uint32_t)(k4 - k));
    acc = vmladavaq_p_s8(acc, vldrbq_z_s8(x + k, p), vldrbq_z_s8(w + k, p), p);
  }
  return acc;
}
#else
#define QAT_RT_USE_MVE 0

/* One word of x (4 columns) against the same word of each of the four rows
 * of a block S columns wide. */
#if QAT_RT_USE_DSP
#define QAT_RT_DOT4_WORD(X, W, S)                                              \
  do {                                                                         \
    int32_t xv = qat_rt_load4(X), v;                                           \
    int32_t xe = qat_rt_even(xv), xo = qat_rt_odd(xv);                         \
    v = qat_rt_load4(W);                                                       \
    s0 = __smlad(xe, qat_rt_even(v), s0);                                      \
    s0 = __smlad(xo, qat_rt_odd(v), s0);                                       \
    v = qat_rt_load4((W) + (S));                                               \
    s1 = __smlad(xe, qat_rt_even(v), s1);                                      \
    s1 = __smlad(xo, qat_rt_odd(v), s1);                                       \
    v = qat_rt_load4((W) + 2 * (S));                                           \
    s2 = __smlad(xe, qat_rt_even(v), s2);                                      \
    s2 = __smlad(xo, qat_rt_odd(v), s2);                                       \
    v = qat_rt_load4((W) + 3 * (S));                                           \
    s3 = __smlad(xe, qat_rt_even(v), s3);                                      \
    s3 = __smlad(xo, qat_rt_odd(v), s3);                                       \
  } while (0)
#else
/* One multiply-accumulate per product into its row's accumulator (a sum
 * of products added at once costs an extra add per row), so the compiler
 * keeps the four accumulators in registers. */
#define QAT_RT_DOT4_WORD(X, W, S)                                              \
  do {                                                                         \
    const int8_t *w0_ = (W), *w1_ = w0_ + (S), *w2_ = w1_ + (S),               \
                 *w3_ = w2_ + (S);                                             \
    int32_t x0 = (X)[0], x1 = (X)[1], x2 = (X)[2], x3 = (X)[3];                \
    s0 += x0 * w0_[0];                                                         \
    s1 += x0 * w1_[0];                                                         \
    s2 += x0 * w2_[0];                                                         \
    s3 += x0 * w3_[0];                                                         \
    s0 += x1 * w0_[1];                                                         \
    s1 += x1 * w1_[1];                                                         \
    s2 += x1 * w2_[1];                                                         \
    s3 += x1 * w3_[1];                                                         \
    s0 += x2 * w0_[2];                                                         \
    s1 += x2 * w1_[2];                                                         \
    s2 += x2 * w2_[2];                                                         \
    s3 += x2 * w3_[2];                                                         \
    s0 += x3 * w0_[3];                                                         \
    s1 += x3 * w1_[3];                                                         \
    s2 += x3 * w2_[3];                                                         \
    s3 += x3 * w3_[3];                                                         \
  } while (0)
#endif

/* acc[r] += x . row r over k4 elements (a multiple of 4), for four rows in
 * blocked order (blocks of one word). */
QAT_RT_ALWAYS_INLINE void qat_rt_dot4(const int8_t *x, const int8_t *w,
                                      int32_t k4, int32_t *acc) {
  int32_t s0 = acc[0], s1 = acc[1], s2 = acc[2], s3 = acc[3];
  const int8_t *end = x + k4;
  for (; x < end; x += 4, w += 16)
    QAT_RT_DOT4_WORD(x, w, 4);
  acc[0] = s0;
  acc[1] = s1;
  acc[2] = s2;
  acc[3] = s3;
}
#undef QAT_RT_DOT4_WORD

/* acc + x . w over k4 elements (a multiple of 4; a row in plain order). */
QAT_RT_ALWAYS_INLINE int32_t qat_rt_dot(const int8_t *x, const int8_t *w,
                                        int32_t k4, int32_t acc) {
  const int8_t *end = x + k4;
  for (; x < end; x += 4, w += 4) {
#if QAT_RT_USE_DSP
    int32_t xv = qat_rt_load4(x), v = qat_rt_load4(w);
    acc = __smlad(qat_rt_even(xv), qat_rt_even(v), acc);
    acc = __smlad(qat_rt_odd(xv), qat_rt_odd(v), acc);
#else
    acc += x[0] * w[0];
    acc += x[1] * w[1];
    acc += x[2] * w[2];
    acc += x[3] * w[3];
#endif
  }
  return acc;
}
#endif

/* The same over weights widened to int16 at compile time (qat_rt.h's wide
 * blocked order: one int64 per row and 4 columns, holding the int16 pairs
 * (w0, w2) and (w1, w3) in its low and high words), so only the input is
 * sign-extended and each row's block is one LDRD. */
static inline int32_t qat_rt_low_pair(int64_t w) { return (int32_t)w; }
static inline int32_t qat_rt_high_pair(int64_t w) {
  return (int32_t)(uint32_t)((uint64_t)w >> 32);
}

#if QAT_RT_USE_DSP
#define QAT_RT_WIDE_X(X)                                                       \
  int32_t xv_ = qat_rt_load4(X), xe = qat_rt_even(xv_), xo = qat_rt_odd(xv_)
#define QAT_RT_WIDE_ROW(S, W)                                                  \
  do {                                                                         \
    int64_t w_ = (W);                                                          \
    S = __smlad(xe, qat_rt_low_pair(w_), S);                                   \
    S = __smlad(xo, qat_rt_high_pair(w_), S);                                  \
  } while (0)
#else
static inline int32_t qat_rt_half(int32_t pair, int high) {
  return high ? (int16_t)((uint32_t)pair >> 16) : (int16_t)(pair & 0xFFFF);
}
#define QAT_RT_WIDE_X(X) const int8_t *x_ = (X)
#define QAT_RT_WIDE_ROW(S, W)                                                  \
  do {                                                                         \
    int64_t w_ = (W);                                                          \
    int32_t even_ = qat_rt_low_pair(w_), odd_ = qat_rt_high_pair(w_);          \
    S += x_[0] * qat_rt_half(even_, 0) + x_[2] * qat_rt_half(even_, 1);        \
    S += x_[1] * qat_rt_half(odd_, 0) + x_[3] * qat_rt_half(odd_, 1);          \
  } while (0)
#endif

QAT_RT_ALWAYS_INLINE void qat_rt_dot4_wide(const int8_t *x, const int64_t *w,
                                           int32_t k4, int32_t *acc) {
  int32_t s0 = acc[0], s1 = acc[1], s2 = acc[2], s3 = acc[3];
  const int8_t *end = x + k4;
  for (; x < end; x += 4, w += 4) {
    QAT_RT_WIDE_X(x);
    QAT_RT_WIDE_ROW(s0, w[0]);
    QAT_RT_WIDE_ROW(s1, w[1]);
    QAT_RT_WIDE_ROW(s2, w[2]);
    QAT_RT_WIDE_ROW(s3, w[3]);
  }
  acc[0] = s0;
  acc[1] = s1;
  acc[2] = s2;
  acc[3] = s3;
}

QAT_RT_ALWAYS_INLINE int32_t qat_rt_dot_wide(const int8_t *x, const int64_t *w,
                                             int32_t k4, int32_t acc) {
  const int8_t *end = x + k4;
  for (; x < end; x += 4, ++w) {
    QAT_RT_WIDE_X(x);
    QAT_RT_WIDE_ROW(acc, *w);
  }
  return acc;
}
#undef QAT_RT_WIDE_ROW
#undef QAT_RT_WIDE_X

/* Two output pixels at a time (DSP without Helium, optimized builds): each
 * weight word is loaded once for both pixels. The two pixels' columns are
 * first widened into one buffer of int16 pairs, four words per four
 * columns: pixel 0's even pair, pixel 1's even pair, pixel 0's odd pair,
 * pixel 1's odd pair (qat_rt_expand_pair), so one LDRD brings both
 * pixels' pairs for a column pair and the weights need no reordering.
 * Four rows by two pixels keep eight accumulators, the two pixels' pairs,
 * a weight and two pointers live: thirteen registers, which GCC's
 * allocator does not reach from C (it spills in the inner loop), hence the
 * assembly, in functions of their own (inlined, the caller's values leave
 * no register free and GCC rejects the asm). Unoptimized builds, and
 * builds that define QAT_RT_NO_ASM (clang keeping a frame pointer has too
 * few registers left for it), take the one-pixel C kernels. */
#if QAT_RT_USE_DSP && !QAT_RT_USE_MVE && defined(__OPTIMIZE__) &&              \
    !defined(__ARM_BIG_ENDIAN) && !defined(QAT_RT_NO_ASM)
#define QAT_RT_PIXEL_PAIRS 1
#define QAT_RT_NOINLINE static __attribute__((noinline, unused))

/* Widens the k4 columns at x (a multiple of 4) into lane `pixel` (0 or 1)
 * of the pair buffer. */
static inline void qat_rt_expand_pair(const int8_t *x, int32_t k4,
                                      int32_t pixel, int32_t *pairs) {
  const int8_t *end = x + k4;
  for (pairs += pixel; x < end; x += 4, pairs += 4) {
    int32_t v = qat_rt_load4(x);
    pairs[0] = qat_rt_even(v);
    pairs[2] = qat_rt_odd(v);
  }
}

/* One pass of a row-group over a column pair: the pixels' pairs, then the
 * four rows' weights at ROW0..ROW3 (post-indexed loads walking the block),
 * each into both pixels' accumulators. */
#define QAT_RT_PAIR_PASS(LOAD0, LOAD1, LOAD2, LOAD3)                           \
  "ldrd %[p], %[q], [%[x]], #8\n\t" LOAD0 "smlad %[a0], %[p], %[t], %[a0]\n\t" \
  "smlad %[b0], %[q], %[t], %[b0]\n\t" LOAD1                                   \
  "smlad %[a1], %[p], %[t], %[a1]\n\t"                                         \
  "smlad %[b1], %[q], %[t], %[b1]\n\t" LOAD2                                   \
  "smlad %[a2], %[p], %[t], %[a2]\n\t"                                         \
  "smlad %[b2], %[q], %[t], %[b2]\n\t" LOAD3                                   \
  "smlad %[a3], %[p], %[t], %[a3]\n\t"                                         \
  "smlad %[b3], %[q], %[t], %[b3]\n\t"

/* The asm statement's operands and clobbers, from its first colon on. */
#define QAT_RT_PAIR_OPERANDS                                                   \
  :[a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [b0] "+r"(b0),  \
      [b1] "+r"(b1), [b2] "+r"(b2), [b3] "+r"(b3), [x] "+r"(pairs),            \
      [w] "+r"(w), [p] "=&r"(p), [q] "=&r"(q), [t] "=&r"(t)                    \
      : [end] "m"(end), [odd] "m"(odd)                                         \
      : "memory", "cc"

/* The loop: two column groups per end test, entered at the second when
 * the count of groups is odd. The end of the pair buffer and that parity
 * are read from memory, so that the loop needs thirteen registers and
 * builds that keep a frame pointer (r7) still have one for it. */
#define QAT_RT_PAIR_UNROLLED(GROUP)                                            \
  "ldr %[t], %[odd]\n\t"                                                       \
  "cmp %[t], #0\n\t"                                                           \
  "bne 2f\n\t"                                                                 \
  "1:\n\t" GROUP "2:\n\t" GROUP "ldr %[t], %[end]\n\t"                         \
  "cmp %[x], %[t]\n\t"                                                         \
  "bne 1b\n\t"

/* One column group over int8 weights in blocked order: each row's word is
 * loaded and widened (SXTB16) once per pass, even bytes then odd; the odd
 * pass steps the weights on with its first load. */
#define QAT_RT_PAIR_GROUP                                                      \
  QAT_RT_PAIR_PASS("ldr %[t], [%[w]]\n\tsxtb16 %[t], %[t]\n\t",                \
                   "ldr %[t], [%[w], #4]\n\tsxtb16 %[t], %[t]\n\t",            \
                   "ldr %[t], [%[w], #8]\n\tsxtb16 %[t], %[t]\n\t",            \
                   "ldr %[t], [%[w], #12]\n\tsxtb16 %[t], %[t]\n\t")           \
  QAT_RT_PAIR_PASS("ldr %[t], [%[w]], #16\n\tsxtb16 %[t], %[t], ror #8\n\t",   \
                   "ldr %[t], [%[w], #-12]\n\tsxtb16 %[t], %[t], ror #8\n\t",  \
                   "ldr %[t], [%[w], #-8]\n\tsxtb16 %[t], %[t], ror #8\n\t",   \
                   "ldr %[t], [%[w], #-4]\n\tsxtb16 %[t], %[t], ror #8\n\t")
#define QAT_RT_PAIR_LOOP QAT_RT_PAIR_UNROLLED(QAT_RT_PAIR_GROUP)

/* One column group over weights in the wide blocked order: per row and
 * column group an int64 whose low word is the even pair and high word the
 * odd pair, so a pass reads the words 0, 8, 16, 24 (even) or 4, 12, 20, 28
 * (odd) bytes into the group. */
#define QAT_RT_PAIR_GROUP_WIDE                                                 \
  QAT_RT_PAIR_PASS("ldr %[t], [%[w]], #8\n\t", "ldr %[t], [%[w]], #8\n\t",     \
                   "ldr %[t], [%[w]], #8\n\t", "ldr %[t], [%[w]], #-20\n\t")   \
  QAT_RT_PAIR_PASS("ldr %[t], [%[w]], #8\n\t", "ldr %[t], [%[w]], #8\n\t",     \
                   "ldr %[t], [%[w]], #8\n\t", "ldr %[t], [%[w]], #4\n\t")
#define QAT_RT_PAIR_LOOP_WIDE QAT_RT_PAIR_UNROLLED(QAT_RT_PAIR_GROUP_WIDE)

/* The accumulators in registers for the loop, and back. */
#define QAT_RT_PAIR_BEGIN                                                      \
  int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3], b0 = acc[4],     \
          b1 = acc[5], b2 = acc[6], b3 = acc[7], p, q, t;                      \
  const int32_t *end = pairs + k4;                                             \
  const int32_t odd = k4 & 4
#define QAT_RT_PAIR_END                                                        \
  do {                                                                         \
    acc[0] = a0, acc[1] = a1, acc[2] = a2, acc[3] = a3;                        \
    acc[4] = b0, acc[5] = b1, acc[6] = b2, acc[7] = b3;                        \
  } while (0)

/* acc[r] += pixel 0 . row r and acc[4 + r] += pixel 1 . row r over k4
 * columns, for four rows of int8 weights in blocked order. */
QAT_RT_NOINLINE void qat_rt_dot4x2(const int32_t *pairs, const int8_t *w,
                                   int32_t k4, int32_t *acc) {
  QAT_RT_PAIR_BEGIN;
  if (k4 <= 0)
    return;
  __asm volatile(QAT_RT_PAIR_LOOP QAT_RT_PAIR_OPERANDS);
  QAT_RT_PAIR_END;
}

/* The same over weights in the wide blocked order. */
QAT_RT_NOINLINE void qat_rt_dot4x2_wide(const int32_t *pairs, const int64_t *w,
                                        int32_t k4, int32_t *acc) {
  QAT_RT_PAIR_BEGIN;
  if (k4 <= 0)
    return;
  __asm volatile(QAT_RT_PAIR_LOOP_WIDE QAT_RT_PAIR_OPERANDS);
  QAT_RT_PAIR_END;
}
#undef QAT_RT_PAIR_END
#undef QAT_RT_PAIR_BEGIN
#undef QAT_RT_PAIR_LOOP_WIDE
#undef QAT_RT_PAIR_GROUP_WIDE
#undef QAT_RT_PAIR_LOOP
#undef QAT_RT_PAIR_GROUP
#undef QAT_RT_PAIR_UNROLLED
#undef QAT_RT_PAIR_OPERANDS
#undef QAT_RT_PAIR_PASS

/* One row (plain order, int8 or wide) against both pixels. */
QAT_RT_ALWAYS_INLINE void qat_rt_dot1x2(const int32_t *pairs, const int8_t *w,
                                        int32_t k4, int32_t *a, int32_t *b) {
  int32_t s = *a, u = *b;
  const int8_t *end = w + k4;
  for (; w < end; w += 4, pairs += 4) {
    int32_t v = qat_rt_load4(w), even = qat_rt_even(v), odd = qat_rt_odd(v);
    s = __smlad(pairs[0], even, s);
    u = __smlad(pairs[1], even, u);
    s = __smlad(pairs[2], odd, s);
    u = __smlad(pairs[3], odd, u);
  }
  *a = s;
  *b = u;
}

QAT_RT_ALWAYS_INLINE void qat_rt_dot1x2_wide(const int32_t *pairs,
                                             const int64_t *w, int32_t k4,
                                             int32_t *a, int32_t *b) {
  int32_t s = *a, u = *b, g;
  for (g = 0; g < k4 / 4; ++g, pairs += 4) {
    int32_t even = qat_rt_low_pair(w[g]), odd = qat_rt_high_pair(w[g]);
    s = __smlad(pairs[0], even, s);
    u = __smlad(pairs[1], even, u);
    s = __smlad(pairs[2], odd, s);
    u = __smlad(pairs[3], odd, u);
  }
  *a = s;
  *b = u;
}
#else
#define QAT_RT_PIXEL_PAIRS 0
#endif

#endif /* QAT_RT_DOT_H */
