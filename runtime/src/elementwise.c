/* elementwise.c - qint.add, qint.mul, qint.requantize, qint.lookup,
 * requantize_value. */
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

int qat_rt_add(const qat_rt_add_params *p, const int8_t *lhs, const int8_t *rhs,
               int8_t *output) {
  int fast;
  if (!p || !lhs || !rhs || !output || p->lhs_size <= 0 || p->rhs_size <= 0)
    return -1;
  fast = p->lhs_shift <= 0 && p->rhs_shift <= 0 && p->output_shift <= 0;
  if (p->rounding == QAT_RT_SINGLE_ROUNDING)
    add_in(p, QAT_RT_SINGLE_ROUNDING, 1, lhs, rhs, output);
  else if (fast)
    add_in(p, QAT_RT_DOUBLE_ROUNDING, 1, lhs, rhs, output);
  else
    add_in(p, QAT_RT_DOUBLE_ROUNDING, 0, lhs, rhs, output);
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
