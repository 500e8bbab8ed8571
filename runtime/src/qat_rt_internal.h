// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* qat_rt_internal.h - the fixed-point core of the runtime.
 *
 * The C implementation of the numerics contract (docs/Numerics.md); the C++
 * one is include/qat/Numerics/Generic.h. Both are tested against the same
 * TFLite vectors. Shifts of negative values are arithmetic and i32 overflow
 * wraps, as on every target qat supports; the arithmetic is done in
 * unsigned or 64-bit form where C would otherwise leave it undefined.
 */
#ifndef QAT_RT_INTERNAL_H
#define QAT_RT_INTERNAL_H

#include "qat_rt.h"

#if defined(__ARM_FEATURE_DSP)
#include <arm_acle.h>
#endif

#define QAT_RT_INT32_MIN (-2147483647 - 1)

/* Inlining that specialises a kernel for constant arguments. */
#if defined(__GNUC__)
#define QAT_RT_ALWAYS_INLINE static inline __attribute__((always_inline))
#else
#define QAT_RT_ALWAYS_INLINE static inline
#endif
#define QAT_RT_INT32_MAX 2147483647

static inline int32_t qat_rt_shl(int32_t x, int32_t s) {
  return (int32_t)((uint32_t)x << s);
}

/* round(a * b / 2^31), ties toward +inf; INT32_MIN^2 saturates. gemmlowp
 * writes it as (ab + nudge) / 2^31 with a sign-dependent nudge and a
 * truncating division; for ab < 0 that is ceil((ab + 1 - 2^30) / 2^31) =
 * floor((ab + 2^30) / 2^31), so one arithmetic shift serves both signs
 * (and compiles to SMULL and two more instructions on Cortex-M4). */
static inline int32_t qat_rt_srdhm(int32_t a, int32_t b) {
  if (a == b && a == QAT_RT_INT32_MIN)
    return QAT_RT_INT32_MAX;
  return (int32_t)(((int64_t)a * (int64_t)b + ((int64_t)1 << 30)) >> 31);
}

/* round(x / 2^e), ties away from zero; e in [0, 31]. */
static inline int32_t qat_rt_rdbpot(int32_t x, int32_t e) {
  int32_t mask = (int32_t)((1u << e) - 1u);
  int32_t remainder = x & mask;
  int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> e) + (remainder > threshold ? 1 : 0);
}

static inline int32_t qat_rt_mbqm(int32_t x, int32_t m, int32_t shift,
                                  qat_rt_rounding rounding) {
  if (rounding == QAT_RT_SINGLE_ROUNDING) {
    int64_t total = 31 - shift;
    int64_t round = (int64_t)1 << (total - 1);
    return (int32_t)(((int64_t)x * m + round) >> total);
  }
  return qat_rt_rdbpot(qat_rt_srdhm(qat_rt_shl(x, shift > 0 ? shift : 0), m),
                       shift > 0 ? 0 : -shift);
}

static inline int32_t qat_rt_mbqm_smaller_than_one(int32_t x, int32_t m,
                                                   int32_t shift,
                                                   qat_rt_rounding rounding) {
  if (rounding == QAT_RT_SINGLE_ROUNDING)
    return qat_rt_mbqm(x, m, shift, rounding);
  return qat_rt_rdbpot(qat_rt_srdhm(x, m), -shift);
}

static inline int32_t qat_rt_mbqm_greater_than_one(int32_t x, int32_t m,
                                                   int32_t shift,
                                                   qat_rt_rounding rounding) {
  if (rounding == QAT_RT_SINGLE_ROUNDING)
    return qat_rt_mbqm(x, m, shift, rounding);
  return qat_rt_srdhm(qat_rt_shl(x, shift), m);
}

/* Leading zeros of a 32-bit word (32 for 0). */
static inline int32_t qat_rt_clz32(uint32_t v) {
  int32_t n = 0;
  if (v == 0)
    return 32;
  while (!(v & 0x80000000u)) {
    v <<= 1;
    ++n;
  }
  return n;
}

/* round(acc / count), ties away from zero, truncating division. */
static inline int32_t qat_rt_rounded_divide(int32_t acc, int32_t count) {
  return acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
}

static inline int32_t qat_rt_clamp(int32_t v, int32_t lo, int32_t hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

/* v clamped to an activation range [lo, hi]: on the Cortex-M4 class two
 * conditional moves (CMP, IT, MOV each), where GCC branches, and most
 * outputs lie inside the range, so a branch would be taken twice. */
static inline int32_t qat_rt_clamp_activation(int32_t v, int32_t lo,
                                              int32_t hi) {
#if defined(__ARM_ARCH_7EM__) && defined(__thumb2__) && defined(__OPTIMIZE__)
  __asm("cmp %0, %1\n\tit lt\n\tmovlt %0, %1\n\t"
        "cmp %0, %2\n\tit gt\n\tmovgt %0, %2"
        : "+r"(v)
        : "r"(lo), "r"(hi)
        : "cc");
  return v;
#else
  return qat_rt_clamp(v, lo, hi);
#endif
}

/* v clamped to int8: one SSAT where the core has it. */
static inline int32_t qat_rt_saturate8(int32_t v) {
#if defined(__ARM_FEATURE_SAT)
  return __builtin_arm_ssat(v, 8);
#else
  return qat_rt_clamp(v, -128, 127);
#endif
}

/* MultiplyByQuantizedMultiplier, double rounding, for the multipliers qint
 * allows, [0, 2^31 - 1]: SRDHM cannot saturate, so it is one SMLAL and a
 * shift; the rounding right shift uses the remainder test of
 * RoundingDivideByPOT. */
QAT_RT_ALWAYS_INLINE int32_t qat_rt_scale_double(int32_t x, int32_t m,
                                                 int32_t shift,
                                                 int right_only) {
  int32_t hi, right = 0;
  uint32_t mask;
  if (!right_only && shift > 0)
    x = qat_rt_shl(x, shift);
  else
    right = -shift;
  hi = (int32_t)(((int64_t)x * m + ((int64_t)1 << 30)) >> 31);
  mask = (1u << right) - 1u;
  return (hi >> right) +
         ((int32_t)((uint32_t)hi & mask) > (int32_t)(mask >> 1) + (hi < 0));
}

/* How a kernel's output stage runs, chosen once per call so that the
 * per-output code is straight-line. Double rounding with every shift in
 * [-23, -1] (the usual case: multipliers below one half) skips the
 * left-shift test and rounds with a saturating add
 * (qat_rt_scale_double_saturating); DOUBLE_RIGHT_SHIFTS (every shift <= 0)
 * is the form the Helium add uses. Single rounding with every shift < 0 is
 * a form the Helium kernels vectorize, and with every shift < -1 (the
 * rounding bit in the high word of the product) one every kernel computes
 * without a 64-bit shift. */
typedef enum {
  QAT_RT_MODE_DOUBLE = QAT_RT_DOUBLE_ROUNDING,
  QAT_RT_MODE_SINGLE = QAT_RT_SINGLE_ROUNDING,
  QAT_RT_MODE_DOUBLE_RIGHT_SHIFTS = 2,
  QAT_RT_MODE_SINGLE_RIGHT_SHIFTS = 3,
  QAT_RT_MODE_SINGLE_HIGH_WORD = 4,
  QAT_RT_MODE_DOUBLE_SATURATING = 5,
  QAT_RT_MODE_DOUBLE_SATURATING_SMALL = 6
} qat_rt_output_mode;

static inline qat_rt_output_mode qat_rt_mode_of(const qat_rt_output_stage *s,
                                                int32_t channels) {
  int32_t c;
  if (s->rounding == QAT_RT_SINGLE_ROUNDING) {
    int32_t highest = -32;
    for (c = 0; c < channels; ++c)
      highest = s->shift[c] > highest ? s->shift[c] : highest;
    return highest >= 0    ? QAT_RT_MODE_SINGLE
           : highest == -1 ? QAT_RT_MODE_SINGLE_RIGHT_SHIFTS
                           : QAT_RT_MODE_SINGLE_HIGH_WORD;
  }
  for (c = 0; c < channels; ++c)
    if (s->shift[c] > -1 || s->shift[c] < -23)
      return QAT_RT_MODE_DOUBLE;
  return QAT_RT_MODE_DOUBLE_SATURATING;
}

/* Cores whose scalar output stage gains from small accumulators: DSP
 * without Helium (the Helium kernels' output stage is vectorized). */
#if defined(__ARM_FEATURE_DSP) && QAT_RT_WEIGHT_BLOCK != 16 &&                 \
    !defined(QAT_RT_PORTABLE)
#define QAT_RT_SMALL_ACCUMULATORS 1
#else
#define QAT_RT_SMALL_ACCUMULATORS 0
#endif

/* qat_rt_mode_of for a layer of int8 (or widened int8) weights that
 * computes many outputs per channel, whose accumulators are a folded bias
 * plus `taps` products of int8 values: DOUBLE_SATURATING_SMALL where every
 * accumulator lies in [-2^30, 2^30), which holds when the largest |bias|
 * plus taps * 2^14 stays below 2^30 (every layer of the MLPerf Tiny
 * models). The check reads every bias once per call, which a layer with
 * one output per channel (fully connected, batch 1) would not earn back. */
static inline qat_rt_output_mode qat_rt_layer_mode(const qat_rt_output_stage *s,
                                                   int32_t channels,
                                                   const int32_t *bias,
                                                   int32_t taps) {
  qat_rt_output_mode mode = qat_rt_mode_of(s, channels);
#if QAT_RT_SMALL_ACCUMULATORS
  int64_t largest = 0;
  int32_t c;
  if (mode != QAT_RT_MODE_DOUBLE_SATURATING)
    return mode;
  for (c = 0; c < channels; ++c) {
    int64_t b = bias[c] < 0 ? -(int64_t)bias[c] : (int64_t)bias[c];
    largest = b > largest ? b : largest;
  }
  if (largest + ((int64_t)taps << 14) < ((int64_t)1 << 30))
    return QAT_RT_MODE_DOUBLE_SATURATING_SMALL;
#else
  (void)bias;
  (void)taps;
#endif
  return mode;
}

/* Single rounding with shift < -1: round(x * m / 2^t), t = 31 - shift >=
 * 33. The rounding bit lies in the high word of the product, so it is the
 * truncated high word h (one SMMUL) shifted right by e = t - 32 with
 * rounding: floor((floor(p / 2^32) + 2^(e-1)) / 2^e) = floor((p +
 * 2^(t-1)) / 2^t). That is computed as ((h >> (e - 1)) + 1) >> 1: with
 * h = q 2^(e-1) + r, 0 <= r < 2^(e-1), both are floor((q + 1) / 2), and
 * the shift amount e - 1 = -shift - 2 needs no rounding constant. */
static inline int32_t qat_rt_scale_high_word(int32_t x, int32_t m,
                                             int32_t shift) {
  int32_t high = (int32_t)(((int64_t)x * m) >> 32);
  return ((high >> (-shift - 2)) + 1) >> 1;
}

/* SaturatingRoundingDoublingHighMul of a = a2 / 2 for |a2| < 2^31 and
 * m >= 0, which cannot saturate: floor((a m + 2^30) / 2^31) = floor((a2 m
 * + 2^31) / 2^32), the rounded high word of a2 times m (one SMMULR). */
static inline int32_t qat_rt_srdhm_doubled(int32_t a2, int32_t m) {
#if defined(__ARM_FEATURE_DSP)
  int32_t r;
  __asm("smmulr %0, %1, %2" : "=r"(r) : "r"(a2), "r"(m));
  return r;
#else
  return (int32_t)(((int64_t)a2 * m + ((int64_t)1 << 31)) >> 32);
#endif
}

/* Double rounding with a shift e = -shift in [1, 23] (mode
 * DOUBLE_SATURATING), before the output zero point and the clamp: the
 * rounding right shift of the SRDHM result h, ties away from zero, is
 * (h + 2^(e-1) - (h < 0)) >> e, with the addition saturating (QADD). It
 * saturates only for h >= 2^31 - 2^(e-1), where the exact result is at
 * least 2^(31-e) >= 256 and the saturated one 2^(31-e) - 1 >= 255: after
 * any zero point in [-128, 127] both clamp to the same act_max. */
#if defined(__ARM_FEATURE_DSP)
static inline int32_t qat_rt_rdbpot_saturating(int32_t h, int32_t shift) {
  int32_t e = -shift;
  return __qadd(h, (1 << (e - 1)) + (h >> 31)) >> e;
}
#endif

static inline int32_t qat_rt_scale_double_saturating(int32_t x, int32_t m,
                                                     int32_t shift) {
#if defined(__ARM_FEATURE_DSP)
  return qat_rt_rdbpot_saturating(
      (int32_t)(((int64_t)x * m + ((int64_t)1 << 30)) >> 31), shift);
#else
  return qat_rt_scale_double(x, m, shift, 1);
#endif
}

/* The same for x in [-2^30, 2^30) (mode DOUBLE_SATURATING_SMALL): the
 * SRDHM of x is the rounded high word of 2x times m, one SMMULR
 * (qat_rt_srdhm_doubled). */
static inline int32_t qat_rt_scale_double_saturating_small(int32_t x, int32_t m,
                                                           int32_t shift) {
#if defined(__ARM_FEATURE_DSP)
  return qat_rt_rdbpot_saturating(qat_rt_srdhm_doubled(x * 2, m), shift);
#else
  return qat_rt_scale_double_saturating(x, m, shift);
#endif
}

/* RoundingDivideByPOT for |h| < 2^30 (no overflow): ties away from zero
 * is h + 2^(e-1), less one for a negative h, shifted right by e; `adjust`
 * is 1 for e > 0 and 0 for e = 0. */
static inline int32_t qat_rt_rdbpot_small(int32_t h, int32_t e, int32_t half,
                                          int32_t adjust) {
  return (h + half - (int32_t)(((uint32_t)h >> 31) & (uint32_t)adjust)) >> e;
}

/* The output stage in a mode that is a constant where it is inlined. */
QAT_RT_ALWAYS_INLINE int8_t qat_rt_output_in(const qat_rt_output_stage *s,
                                             qat_rt_output_mode mode,
                                             int32_t acc, int32_t channel) {
  int32_t m = s->multiplier[channel], shift = s->shift[channel];
  int32_t v =
      mode == QAT_RT_MODE_SINGLE_HIGH_WORD
          ? qat_rt_scale_high_word(acc, m, shift)
      : mode == QAT_RT_MODE_DOUBLE_SATURATING
          ? qat_rt_scale_double_saturating(acc, m, shift)
      : mode == QAT_RT_MODE_DOUBLE_SATURATING_SMALL
          ? qat_rt_scale_double_saturating_small(acc, m, shift)
      : mode == QAT_RT_MODE_SINGLE || mode == QAT_RT_MODE_SINGLE_RIGHT_SHIFTS
          ? qat_rt_mbqm(acc, m, shift, QAT_RT_SINGLE_ROUNDING)
          : qat_rt_scale_double(acc, m, shift,
                                mode == QAT_RT_MODE_DOUBLE_RIGHT_SHIFTS);
  return (int8_t)qat_rt_clamp_activation(v + s->output_zp, s->act_min,
                                         s->act_max);
}

QAT_RT_ALWAYS_INLINE int8_t qat_rt_output(const qat_rt_output_stage *s,
                                          int32_t acc, int32_t channel) {
  return qat_rt_output_in(s, (qat_rt_output_mode)s->rounding, acc, channel);
}

/* The shapes of a batch_matmul: positive sizes, non-negative strides. */
static inline int
qat_rt_batch_matmul_valid(const qat_rt_batch_matmul_params *p) {
  int32_t d;
  if (!p || p->rows <= 0 || p->cols <= 0 || p->depth <= 0)
    return 0;
  for (d = 0; d < 3; ++d)
    if (p->batches[d] <= 0 || p->lhs_stride[d] < 0 || p->rhs_stride[d] < 0)
      return 0;
  return 1;
}

#endif /* QAT_RT_INTERNAL_H */
