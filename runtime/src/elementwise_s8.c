/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* elementwise_s8.c - qint.add, qint.sub, qint.mul, qint.requantize and
 * qint.lookup on int8 activations (requantize also from int32), and
 * qat_rt_requantize_value. */
#include "qat_rt_internal.h"
#include "vector.h"

int32_t qat_rt_requantize_value(int32_t x, int32_t multiplier, int32_t shift,
                                qat_rt_rounding rounding) {
  return qat_rt_mbqm(x, multiplier, shift, rounding);
}

/* The element of an operand broadcast to output index i. */
static int32_t at(const int8_t *v, int32_t size, int32_t i) {
  return v[i % size];
}

/* One output of qint.add (TFLite's int8 Add): both operands centred,
 * shifted left and rescaled to a common scale, summed, rescaled to the
 * output. `fast` (a constant where inlined) says every shift is <= 0, so
 * the double-rounding multiplies take the form that needs no left-shift
 * test (qat_rt_scale_double); `rounding` is a constant too. */
QAT_RT_ALWAYS_INLINE int8_t add_one(const qat_rt_add_params *p,
                                    qat_rt_rounding rounding, int fast,
                                    int32_t x, int32_t y) {
  int32_t a = qat_rt_shl(x - p->lhs_zp, p->left_shift);
  int32_t b = qat_rt_shl(y - p->rhs_zp, p->left_shift), sum;
  if (rounding == QAT_RT_DOUBLE_ROUNDING && fast) {
    a = qat_rt_scale_double(a, p->lhs_multiplier, p->lhs_shift, 1);
    b = qat_rt_scale_double(b, p->rhs_multiplier, p->rhs_shift, 1);
    sum = qat_rt_scale_double(a + b, p->output_multiplier, p->output_shift, 1);
  } else {
    a = qat_rt_mbqm_smaller_than_one(a, p->lhs_multiplier, p->lhs_shift,
                                     rounding);
    b = qat_rt_mbqm_smaller_than_one(b, p->rhs_multiplier, p->rhs_shift,
                                     rounding);
    sum = qat_rt_mbqm_smaller_than_one(a + b, p->output_multiplier,
                                       p->output_shift, rounding);
  }
  return (int8_t)qat_rt_clamp(sum + p->output_zp, p->act_min, p->act_max);
}

#if QAT_RT_USE_MVE
/* x * m * 2^(shift - 31) on four lanes with one multiplier and a shift <= 0,
 * rounded as the scalar code rounds it: double rounding as
 * qat_rt_scale4; single rounding, round(x * m / 2^t) with t = 31 - shift,
 * is VQRDMULH for t = 31, VRMULH for t = 32, and the truncated high word
 * (VMULH) shifted right by t - 32 with rounding (VRSHL) beyond. */
QAT_RT_ALWAYS_INLINE int32x4_t scale_n(int32x4_t x, int32_t m, int32_t shift,
                                       qat_rt_rounding rounding) {
  if (rounding == QAT_RT_DOUBLE_ROUNDING)
    return qat_rt_scale4(x, vdupq_n_s32(m), vdupq_n_s32(shift),
                         QAT_RT_MODE_DOUBLE_RIGHT_SHIFTS);
  if (shift == 0)
    return vqrdmulhq_n_s32(x, m);
  if (shift == -1)
    return vrmulhq_s32(x, vdupq_n_s32(m));
  return vrshlq_n_s32(vmulhq_s32(x, vdupq_n_s32(m)), shift + 1);
}
#endif

#if !QAT_RT_USE_MVE
/* Fast forms of qint.add for operands of the output's size on cores
 * without Helium (which has its own four-lane path). */

/* The loop of add_high_word; `full` and `near` are constants where
 * inlined. `full`: the activation range is all of int8, so the clamp is
 * one saturation. `near`: both operands' shifts are -2 or more, so after
 * the extra left shift both round at bit 33 exactly (shift -2), which
 * needs no variable shift. */
QAT_RT_ALWAYS_INLINE void add_high_word_in(const qat_rt_add_params *params,
                                           int full, int near,
                                           const int8_t *lhs, const int8_t *rhs,
                                           int8_t *output, int32_t kl,
                                           int32_t kr) {
  const qat_rt_add_params p = *params;
  const int32_t sl = p.left_shift + kl, sr = p.left_shift + kr;
  const int32_t el = near ? -2 : p.lhs_shift - kl;
  const int32_t er = near ? -2 : p.rhs_shift - kr;
  const int8_t *end = lhs + p.size;
  for (; lhs < end; ++lhs, ++rhs, ++output) {
    int32_t a = qat_rt_shl(*lhs - p.lhs_zp, sl);
    int32_t b = qat_rt_shl(*rhs - p.rhs_zp, sr);
    int32_t sum = qat_rt_scale_high_word(a, p.lhs_multiplier, el) +
                  qat_rt_scale_high_word(b, p.rhs_multiplier, er);
    sum = qat_rt_scale_high_word(sum, p.output_multiplier, p.output_shift) +
          p.output_zp;
    *output = (int8_t)(full ? qat_rt_saturate8(sum)
                            : qat_rt_clamp(sum, p.act_min, p.act_max));
  }
}

/* Single rounding without 64-bit shifts: round(a m / 2^t) is unchanged
 * when a is shifted left by k more bits and t grows by k, so each
 * operand's left shift takes the k that brings its t to 33 or more, where
 * the rounding bit lies in the high word of the product
 * (qat_rt_scale_high_word). |x - zp| <= 255, so a left shift of up to 22
 * bits keeps a within int32. Returns 0 when some scale does not fit (the
 * caller takes the general path). */
static int add_high_word(const qat_rt_add_params *p, const int8_t *lhs,
                         const int8_t *rhs, int8_t *output) {
  int32_t kl = p->lhs_shift + 2 > 0 ? p->lhs_shift + 2 : 0;
  int32_t kr = p->rhs_shift + 2 > 0 ? p->rhs_shift + 2 : 0;
  if (p->rounding != QAT_RT_SINGLE_ROUNDING || p->lhs_size != p->size ||
      p->rhs_size != p->size || p->lhs_shift > 0 || p->rhs_shift > 0 ||
      p->output_shift > -2 || p->left_shift < 0 || p->left_shift + kl > 22 ||
      p->left_shift + kr > 22)
    return 0;
  int full = p->act_min == -128 && p->act_max == 127;
  int near = p->lhs_shift >= -2 && p->rhs_shift >= -2;
  if (full && near)
    add_high_word_in(p, 1, 1, lhs, rhs, output, kl, kr);
  else if (full)
    add_high_word_in(p, 1, 0, lhs, rhs, output, kl, kr);
  else if (near)
    add_high_word_in(p, 0, 1, lhs, rhs, output, kl, kr);
  else
    add_high_word_in(p, 0, 0, lhs, rhs, output, kl, kr);
  return 1;
}

/* The loop of add_double_small; `full` is a constant where inlined. */
QAT_RT_ALWAYS_INLINE void add_double_small_in(const qat_rt_add_params *params,
                                              int full, const int8_t *lhs,
                                              const int8_t *rhs,
                                              int8_t *output) {
  const qat_rt_add_params p = *params;
  const int32_t el = -p.lhs_shift, er = -p.rhs_shift, eo = -p.output_shift;
  const int32_t hl = (int32_t)((1u << el) >> 1),
                hr = (int32_t)((1u << er) >> 1);
  const int32_t ho = (int32_t)((1u << eo) >> 1);
  const int32_t al = el > 0, ar = er > 0;
  const int8_t *end = lhs + p.size;
  const int32_t doubled = p.left_shift + 1;
  for (; lhs < end; ++lhs, ++rhs, ++output) {
    /* Each operand centred, shifted left and doubled (srdhm_doubled). */
    int32_t a2 = qat_rt_shl(*lhs - p.lhs_zp, doubled);
    int32_t b2 = qat_rt_shl(*rhs - p.rhs_zp, doubled);
    int32_t sum = qat_rt_rdbpot_small(
                      qat_rt_srdhm_doubled(a2, p.lhs_multiplier), el, hl, al) +
                  qat_rt_rdbpot_small(
                      qat_rt_srdhm_doubled(b2, p.rhs_multiplier), er, hr, ar);
    sum = qat_rt_rdbpot_small(
              qat_rt_srdhm_doubled(qat_rt_shl(sum, 1), p.output_multiplier), eo,
              ho, 1) +
          p.output_zp;
    *output = (int8_t)(full ? qat_rt_saturate8(sum)
                            : qat_rt_clamp(sum, p.act_min, p.act_max));
  }
}

/* Double rounding over operands of the output's size, when every value
 * stays below 2^30 in magnitude: |x - zp| <= 255 shifted left by at most
 * 21 bits, each operand rescaled by a multiplier below one, their sum below
 * 2^29. Returns 0 when the parameters do not allow it. */
static int add_double_small(const qat_rt_add_params *p, const int8_t *lhs,
                            const int8_t *rhs, int8_t *output) {
  if (p->rounding != QAT_RT_DOUBLE_ROUNDING || p->lhs_size != p->size ||
      p->rhs_size != p->size || p->left_shift < 0 || p->left_shift > 21 ||
      p->lhs_shift > 0 || p->lhs_shift < -31 || p->rhs_shift > 0 ||
      p->rhs_shift < -31 || p->output_shift > -1 || p->output_shift < -31)
    return 0;
  if (p->act_min == -128 && p->act_max == 127)
    add_double_small_in(p, 1, lhs, rhs, output);
  else
    add_double_small_in(p, 0, lhs, rhs, output);
  return 1;
}
#endif

/* qint.add in one rounding; the parameters are copied so that the int8
 * stores, which may alias anything, do not force them to be reloaded. */
QAT_RT_ALWAYS_INLINE void add_in(const qat_rt_add_params *params,
                                 qat_rt_rounding rounding, int fast,
                                 const int8_t *lhs, const int8_t *rhs,
                                 int8_t *output) {
  const qat_rt_add_params p = *params;
  int32_t i = 0;
  if (p.lhs_size != p.size || p.rhs_size != p.size) {
    for (; i < p.size; ++i)
      output[i] = add_one(&p, rounding, fast, at(lhs, p.lhs_size, i),
                          at(rhs, p.rhs_size, i));
    return;
  }
#if QAT_RT_USE_MVE
  if (fast && (rounding == QAT_RT_DOUBLE_ROUNDING ||
               (p.lhs_shift <= 0 && p.rhs_shift <= 0 && p.output_shift <= 0))) {
    /* Four outputs at a time, in the scalar code's arithmetic. */
    const int32x4_t low = vdupq_n_s32(p.act_min), high = vdupq_n_s32(p.act_max);
    for (; i + 3 < p.size; i += 4) {
      int32x4_t a = vshlq_r_s32(vaddq_n_s32(vldrbq_s32(lhs + i), -p.lhs_zp),
                                p.left_shift);
      int32x4_t b = vshlq_r_s32(vaddq_n_s32(vldrbq_s32(rhs + i), -p.rhs_zp),
                                p.left_shift);
      int32x4_t sum =
          vaddq_s32(scale_n(a, p.lhs_multiplier, p.lhs_shift, rounding),
                    scale_n(b, p.rhs_multiplier, p.rhs_shift, rounding));
      sum = vaddq_n_s32(
          scale_n(sum, p.output_multiplier, p.output_shift, rounding),
          p.output_zp);
      vstrbq_s32(output + i, vminq_s32(vmaxq_s32(sum, low), high));
    }
  }
#endif
  for (; i < p.size; ++i)
    output[i] = add_one(&p, rounding, fast, lhs[i], rhs[i]);
}

/* qint.sub: the portable loop (one operand is rarely subtracted from
 * another in the models qat meets, so no vector form). */
int qat_rt_sub(const qat_rt_add_params *p, const int8_t *lhs, const int8_t *rhs,
               int8_t *output) {
  int32_t i;
  if (!p || !lhs || !rhs || !output || p->lhs_size <= 0 || p->rhs_size <= 0)
    return -1;
  for (i = 0; i < p->size; ++i) {
    int32_t a = qat_rt_mbqm_smaller_than_one(
        qat_rt_shl(at(lhs, p->lhs_size, i) - p->lhs_zp, p->left_shift),
        p->lhs_multiplier, p->lhs_shift, p->rounding);
    int32_t b = qat_rt_mbqm_smaller_than_one(
        qat_rt_shl(at(rhs, p->rhs_size, i) - p->rhs_zp, p->left_shift),
        p->rhs_multiplier, p->rhs_shift, p->rounding);
    int32_t v = qat_rt_mbqm_smaller_than_one(a - b, p->output_multiplier,
                                             p->output_shift, p->rounding);
    output[i] = (int8_t)qat_rt_clamp(v + p->output_zp, p->act_min, p->act_max);
  }
  return 0;
}

int qat_rt_add(const qat_rt_add_params *p, const int8_t *lhs, const int8_t *rhs,
               int8_t *output) {
  int fast;
  if (!p || !lhs || !rhs || !output || p->lhs_size <= 0 || p->rhs_size <= 0)
    return -1;
  fast = p->lhs_shift <= 0 && p->rhs_shift <= 0 && p->output_shift <= 0;
  if (p->rounding == QAT_RT_SINGLE_ROUNDING) {
#if !QAT_RT_USE_MVE
    if (add_high_word(p, lhs, rhs, output))
      return 0;
#endif
    add_in(p, QAT_RT_SINGLE_ROUNDING, 1, lhs, rhs, output);
  } else {
#if !QAT_RT_USE_MVE
    if (add_double_small(p, lhs, rhs, output))
      return 0;
#endif
    if (fast)
      add_in(p, QAT_RT_DOUBLE_ROUNDING, 1, lhs, rhs, output);
    else
      add_in(p, QAT_RT_DOUBLE_ROUNDING, 0, lhs, rhs, output);
  }
  return 0;
}

int qat_rt_mul(const qat_rt_mul_params *p, const int8_t *lhs, const int8_t *rhs,
               int8_t *output) {
  int32_t i;
  if (!p || !lhs || !rhs || !output || p->lhs_size <= 0 || p->rhs_size <= 0)
    return -1;
  for (i = 0; i < p->size; ++i) {
    int32_t product = (at(lhs, p->lhs_size, i) - p->lhs_zp) *
                      (at(rhs, p->rhs_size, i) - p->rhs_zp);
    int32_t v = qat_rt_mbqm(product, p->output_multiplier, p->output_shift,
                            p->rounding);
    output[i] = (int8_t)qat_rt_clamp(v + p->output_zp, p->act_min, p->act_max);
  }
  return 0;
}

int qat_rt_requantize_i8(const qat_rt_requantize_params *p, const int8_t *input,
                         int8_t *output) {
  int32_t i;
  if (!p || !input || !output || p->inner <= 0 || p->channels <= 0)
    return -1;
  for (i = 0; i < p->size; ++i)
    output[i] = qat_rt_output(&p->out, input[i] - p->input_zp,
                              (i / p->inner) % p->channels);
  return 0;
}

int qat_rt_requantize_i32(const qat_rt_requantize_params *p,
                          const int32_t *input, int8_t *output) {
  int32_t i;
  if (!p || !input || !output || p->inner <= 0 || p->channels <= 0)
    return -1;
  for (i = 0; i < p->size; ++i) {
    /* The compiler keeps input - zero point within int32 (qat-run reports a
       program that does not); the difference is taken in 64 bits. */
    int32_t centred = (int32_t)((int64_t)input[i] - p->input_zp);
    output[i] = qat_rt_output(&p->out, centred, (i / p->inner) % p->channels);
  }
  return 0;
}

int qat_rt_lookup(const int8_t *table, const int8_t *input, int32_t size,
                  int8_t *output) {
  int32_t i;
  if (!table || !input || !output || size < 0)
    return -1;
  for (i = 0; i < size; ++i)
    output[i] = table[input[i] + 128];
  return 0;
}
