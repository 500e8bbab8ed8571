/* elementwise.c - qint.add, qint.mul, qint.requantize, qint.lookup,
 * requantize_value. */
#include "qat_rt_internal.h"

int32_t qat_rt_requantize_value(int32_t x, int32_t multiplier, int32_t shift,
                                qat_rt_rounding rounding) {
  return qat_rt_mbqm(x, multiplier, shift, rounding);
}

/* The element of an operand broadcast to output index i. */
static int32_t at(const int8_t *v, int32_t size, int32_t i) {
  return v[i % size];
}

int qat_rt_add(const qat_rt_add_params *p, const int8_t *lhs, const int8_t *rhs,
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
    int32_t sum = qat_rt_mbqm_smaller_than_one(a + b, p->output_multiplier,
                                               p->output_shift, p->rounding);
    output[i] =
        (int8_t)qat_rt_clamp(sum + p->output_zp, p->act_min, p->act_max);
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
