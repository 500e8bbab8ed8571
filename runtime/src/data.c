/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* data.c - qint.pad, qint.transpose, qint.slice, qint.concat, copies,
 * qint.quantize/dequantize. */
#include "qat_rt_internal.h"

/* An element of an int8 (bytes 1) or int16 (bytes 2) tensor. */
static int32_t get_element(const void *data, int32_t bytes, int32_t i) {
  return bytes == 2 ? ((const int16_t *)data)[i] : ((const int8_t *)data)[i];
}

static void put_element(void *data, int32_t bytes, int32_t i, int32_t v) {
  if (bytes == 2)
    ((int16_t *)data)[i] = (int16_t)v;
  else
    ((int8_t *)data)[i] = (int8_t)v;
}

/* qint.pad for int8 or int16 elements. */
static int pad_elements(const qat_rt_pad_params *p, const void *input,
                        void *output, int32_t bytes) {
  int32_t in[4] = {1, 1, 1, 1}, before[4] = {0, 0, 0, 0}, out[4];
  int32_t d, a, b, c, e, total = 1;
  if (!p || !input || !output || p->rank < 1 || p->rank > 4)
    return -1;
  /* Right-align the shape in 4 dimensions. */
  for (d = 0; d < p->rank; ++d) {
    in[4 - p->rank + d] = p->in_shape[d];
    before[4 - p->rank + d] = p->before[d];
  }
  for (d = 0; d < 4; ++d) {
    int32_t after = d >= 4 - p->rank ? p->after[d - (4 - p->rank)] : 0;
    out[d] = in[d] + before[d] + after;
    total *= out[d];
  }
  for (d = 0; d < total; ++d)
    put_element(output, bytes, d, p->value);
  for (a = 0; a < in[0]; ++a)
    for (b = 0; b < in[1]; ++b)
      for (c = 0; c < in[2]; ++c)
        for (e = 0; e < in[3]; ++e)
          put_element(output, bytes,
                      (((a + before[0]) * out[1] + b + before[1]) * out[2] + c +
                       before[2]) *
                              out[3] +
                          e + before[3],
                      get_element(input, bytes,
                                  ((a * in[1] + b) * in[2] + c) * in[3] + e));
  return 0;
}

int qat_rt_pad(const qat_rt_pad_params *p, const int8_t *input,
               int8_t *output) {
  return pad_elements(p, input, output, 1);
}

int qat_rt_pad_s16(const qat_rt_pad_params *p, const int16_t *input,
                   int16_t *output) {
  return pad_elements(p, input, output, 2);
}

int qat_rt_concat(const qat_rt_concat_params *p, const int8_t *const *inputs,
                  int8_t *output) {
  int32_t o, i, k;
  if (!p || !inputs || !output || !p->inner)
    return -1;
  for (o = 0; o < p->outer; ++o)
    for (i = 0; i < p->count; ++i) {
      const int8_t *from = inputs[i] + o * p->inner[i];
      for (k = 0; k < p->inner[i]; ++k)
        *output++ = from[k];
    }
  return 0;
}

int qat_rt_transpose(const qat_rt_transpose_params *p, const int8_t *input,
                     int8_t *output) {
  /* In four dimensions, the missing leading ones of size 1 staying put. */
  int32_t in[4] = {1, 1, 1, 1}, perm[4] = {0, 1, 2, 3}, stride[4], out[4];
  int32_t d, a, b, c, e, lead;
  if (!p || !input || !output || p->rank < 1 || p->rank > 4)
    return -1;
  lead = 4 - p->rank;
  for (d = 0; d < p->rank; ++d) {
    if (p->permutation[d] < 0 || p->permutation[d] >= p->rank)
      return -1;
    in[lead + d] = p->in_shape[d];
    perm[lead + d] = lead + p->permutation[d];
  }
  stride[3] = 1;
  for (d = 2; d >= 0; --d)
    stride[d] = stride[d + 1] * in[d + 1];
  for (d = 0; d < 4; ++d)
    out[d] = in[perm[d]];
  for (a = 0; a < out[0]; ++a)
    for (b = 0; b < out[1]; ++b)
      for (c = 0; c < out[2]; ++c)
        for (e = 0; e < out[3]; ++e)
          *output++ = input[a * stride[perm[0]] + b * stride[perm[1]] +
                            c * stride[perm[2]] + e * stride[perm[3]]];
  return 0;
}

int qat_rt_slice(const qat_rt_slice_params *p, const void *input,
                 void *output) {
  /* In four dimensions, missing leading ones of size 1 taken at 0. */
  int32_t in[4] = {1, 1, 1, 1}, out[4] = {1, 1, 1, 1};
  int32_t begin[4] = {0, 0, 0, 0}, step[4] = {1, 1, 1, 1}, stride[4];
  int32_t d, a, b, c, e, lead, size;
  const uint8_t *from = (const uint8_t *)input;
  uint8_t *to = (uint8_t *)output;
  if (!p || !input || !output || p->rank < 1 || p->rank > 4 ||
      (p->element_bytes != 1 && p->element_bytes != 2))
    return -1;
  lead = 4 - p->rank;
  for (d = 0; d < p->rank; ++d) {
    in[lead + d] = p->in_shape[d];
    out[lead + d] = p->out_shape[d];
    begin[lead + d] = p->begin[d];
    step[lead + d] = p->strides[d];
  }
  stride[3] = 1;
  for (d = 2; d >= 0; --d)
    stride[d] = stride[d + 1] * in[d + 1];
  size = p->element_bytes;
  for (a = 0; a < out[0]; ++a)
    for (b = 0; b < out[1]; ++b)
      for (c = 0; c < out[2]; ++c)
        for (e = 0; e < out[3]; ++e) {
          const uint8_t *src =
              from + size * ((begin[0] + a * step[0]) * stride[0] +
                             (begin[1] + b * step[1]) * stride[1] +
                             (begin[2] + c * step[2]) * stride[2] +
                             (begin[3] + e * step[3]) * stride[3]);
          to[0] = src[0];
          if (size == 2)
            to[1] = src[1];
          to += size;
        }
  return 0;
}

int qat_rt_copy(const int8_t *input, int32_t size, int8_t *output) {
  int32_t i;
  if (!input || !output)
    return -1;
  if (input != output)
    for (i = 0; i < size; ++i)
      output[i] = input[i];
  return 0;
}

int qat_rt_quantize(const float *input, int32_t size, double scale,
                    int32_t zero_point, int8_t *output) {
  int32_t i;
  if (!input || !output || !(scale > 0))
    return -1;
  for (i = 0; i < size; ++i) {
    double v = (double)input[i] / scale, level;
    /* Clamp before converting (out-of-range floats, infinities); NaN ends
       at the lower bound. */
    if (!(v > -1e9))
      v = -1e9;
    if (v > 1e9)
      v = 1e9;
    /* Round half away from zero without libm: truncate, then compare the
       (exact) fraction. */
    level = (double)(int64_t)v;
    if (v - level >= 0.5)
      level += 1;
    else if (level - v >= 0.5)
      level -= 1;
    level += zero_point;
    output[i] = (int8_t)(level < -128 ? -128 : level > 127 ? 127 : level);
  }
  return 0;
}

int qat_rt_dequantize(const int8_t *input, int32_t size, double scale,
                      int32_t zero_point, float *output) {
  int32_t i;
  if (!input || !output)
    return -1;
  for (i = 0; i < size; ++i)
    output[i] = (float)(scale * (input[i] - zero_point));
  return 0;
}
