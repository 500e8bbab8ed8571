/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* elementwise_s16.c - qint.add, qint.sub and qint.mul on int16 activations,
 * qint.requantize between precisions (int8, int16, int32), and
 * qint.leaky_relu (int8 or int16). */
#include "int16.h"

static int32_t at16(const int16_t *v, int32_t size, int32_t i) {
  return v[i % size];
}

/* qint.add and qint.sub on int16: TFLite's general path (left shift 15). */
static int add_or_sub_s16(const qat_rt_add_params *p, const int16_t *lhs,
                          const int16_t *rhs, int16_t *output, int subtract) {
  int32_t i;
  if (!p || !lhs || !rhs || !output || p->lhs_size <= 0 || p->rhs_size <= 0)
    return -1;
  for (i = 0; i < p->size; ++i) {
    int32_t a = qat_rt_mbqm_smaller_than_one(
        qat_rt_shl(at16(lhs, p->lhs_size, i) - p->lhs_zp, p->left_shift),
        p->lhs_multiplier, p->lhs_shift, p->rounding);
    int32_t b = qat_rt_mbqm_smaller_than_one(
        qat_rt_shl(at16(rhs, p->rhs_size, i) - p->rhs_zp, p->left_shift),
        p->rhs_multiplier, p->rhs_shift, p->rounding);
    int32_t v = qat_rt_mbqm_smaller_than_one(subtract ? a - b : a + b,
                                             p->output_multiplier,
                                             p->output_shift, p->rounding);
    output[i] = (int16_t)qat_rt_clamp(v + p->output_zp, p->act_min, p->act_max);
  }
  return 0;
}

int qat_rt_add_s16(const qat_rt_add_params *p, const int16_t *lhs,
                   const int16_t *rhs, int16_t *output) {
  return add_or_sub_s16(p, lhs, rhs, output, 0);
}

int qat_rt_sub_s16(const qat_rt_add_params *p, const int16_t *lhs,
                   const int16_t *rhs, int16_t *output) {
  return add_or_sub_s16(p, lhs, rhs, output, 1);
}

int qat_rt_mul_s16(const qat_rt_mul_params *p, const int16_t *lhs,
                   const int16_t *rhs, int16_t *output) {
  int32_t i;
  if (!p || !lhs || !rhs || !output || p->lhs_size <= 0 || p->rhs_size <= 0)
    return -1;
  for (i = 0; i < p->size; ++i) {
    int32_t product = (at16(lhs, p->lhs_size, i) - p->lhs_zp) *
                      (at16(rhs, p->rhs_size, i) - p->rhs_zp);
    int32_t v = qat_rt_mbqm(product, p->output_multiplier, p->output_shift,
                            p->rounding);
    output[i] = (int16_t)qat_rt_clamp(v + p->output_zp, p->act_min, p->act_max);
  }
  return 0;
}

int qat_rt_leaky_relu(const qat_rt_leaky_relu_params *p, const void *input,
                      void *output) {
  int32_t i, lo, hi;
  if (!p || !input || !output ||
      (p->element_bytes != 1 && p->element_bytes != 2))
    return -1;
  lo = p->element_bytes == 2 ? -32768 : -128;
  hi = -lo - 1;
  for (i = 0; i < p->size; ++i) {
    int32_t x = read_element(input, p->element_bytes, i) - p->input_zp;
    int32_t v = x >= 0 ? qat_rt_mbqm(x, p->identity_multiplier,
                                     p->identity_shift, p->rounding)
                       : qat_rt_mbqm(x, p->alpha_multiplier, p->alpha_shift,
                                     p->rounding);
    write_element(output, p->element_bytes, i,
                  qat_rt_clamp(v + p->output_zp, lo, hi));
  }
  return 0;
}

int qat_rt_requantize_mixed(const qat_rt_requantize_params *p,
                            const void *input, int32_t input_bytes,
                            void *output, int32_t output_bytes) {
  int32_t i;
  if (!p || !input || !output || p->inner <= 0 || p->channels <= 0 ||
      (input_bytes != 1 && input_bytes != 2 && input_bytes != 4) ||
      (output_bytes != 1 && output_bytes != 2))
    return -1;
  for (i = 0; i < p->size; ++i) {
    int32_t c = (i / p->inner) % p->channels;
    int32_t v =
        qat_rt_mbqm(read_element(input, input_bytes, i) - p->input_zp,
                    p->out.multiplier[c], p->out.shift[c], p->out.rounding);
    write_element(
        output, output_bytes, i,
        qat_rt_clamp(v + p->out.output_zp, p->out.act_min, p->out.act_max));
  }
  return 0;
}
