/* pooling.c - qint.max_pool2d, qint.avg_pool2d, qint.mean. */
#include "qat_rt_internal.h"

static int pool(const qat_rt_pool_params *p, const int8_t *input,
                int8_t *output, int is_max) {
  int32_t n, oy, ox, c, ky, kx;
  if (!p || !input || !output)
    return -1;
  for (n = 0; n < p->batches; ++n)
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox)
        for (c = 0; c < p->channels; ++c) {
          int32_t acc = is_max ? QAT_RT_INT32_MIN : 0, count = 0;
          for (ky = 0; ky < p->kernel_h; ++ky) {
            int32_t iy = oy * p->stride_h + ky - p->pad_top;
            if (iy < 0 || iy >= p->in_h)
              continue;
            for (kx = 0; kx < p->kernel_w; ++kx) {
              int32_t ix = ox * p->stride_w + kx - p->pad_left, v;
              if (ix < 0 || ix >= p->in_w)
                continue;
              v = input[((n * p->in_h + iy) * p->in_w + ix) * p->channels + c];
              acc = is_max ? (v > acc ? v : acc) : acc + v;
              ++count;
            }
          }
          if (count == 0)
            return -1; /* a window entirely in padding (qint forbids it) */
          if (!is_max)
            acc = qat_rt_rounded_divide(acc, count);
          output[((n * p->out_h + oy) * p->out_w + ox) * p->channels + c] =
              (int8_t)qat_rt_clamp(acc, p->act_min, p->act_max);
        }
  return 0;
}

int qat_rt_max_pool2d(const qat_rt_pool_params *p, const int8_t *input,
                      int8_t *output) {
  return pool(p, input, output, 1);
}

int qat_rt_avg_pool2d(const qat_rt_pool_params *p, const int8_t *input,
                      int8_t *output) {
  return pool(p, input, output, 0);
}

int qat_rt_mean(const qat_rt_mean_params *p, const int8_t *input,
                int8_t *output) {
  int32_t n, c, i;
  const int32_t area = p ? p->h * p->w : 0;
  if (!p || !input || !output || area <= 0)
    return -1;
  for (n = 0; n < p->batches; ++n)
    for (c = 0; c < p->channels; ++c) {
      int32_t sum = 0, v;
      for (i = 0; i < area; ++i)
        sum += input[(n * area + i) * p->channels + c] - p->input_zp;
      v = qat_rt_rounded_divide(
              qat_rt_mbqm(sum, p->multiplier, p->shift, p->rounding), area) +
          p->output_zp;
      output[n * p->channels + c] = (int8_t)qat_rt_clamp(v, -128, 127);
    }
  return 0;
}
