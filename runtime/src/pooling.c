/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* pooling.c - qint.max_pool2d, qint.avg_pool2d, qint.mean. */
#include "dot.h"
#include "qat_rt_internal.h"

/* The reference pooling loop over int8 or int16 elements (T): the max or
   the rounded average of each window, clamped. */
#define QAT_RT_DEFINE_POOL(NAME, T)                                            \
  static int NAME(const qat_rt_pool_params *p, const T *input, T *output,      \
                  int is_max) {                                                \
    int32_t n, oy, ox, c, ky, kx;                                              \
    if (!p || !input || !output)                                               \
      return -1;                                                               \
    for (n = 0; n < p->batches; ++n)                                           \
      for (oy = 0; oy < p->out_h; ++oy)                                        \
        for (ox = 0; ox < p->out_w; ++ox)                                      \
          for (c = 0; c < p->channels; ++c) {                                  \
            int32_t acc = is_max ? QAT_RT_INT32_MIN : 0, count = 0;            \
            for (ky = 0; ky < p->kernel_h; ++ky) {                             \
              int32_t iy = oy * p->stride_h + ky - p->pad_top;                 \
              if (iy < 0 || iy >= p->in_h)                                     \
                continue;                                                      \
              for (kx = 0; kx < p->kernel_w; ++kx) {                           \
                int32_t ix = ox * p->stride_w + kx - p->pad_left, v;           \
                if (ix < 0 || ix >= p->in_w)                                   \
                  continue;                                                    \
                v = input[((n * p->in_h + iy) * p->in_w + ix) * p->channels +  \
                          c];                                                  \
                acc = is_max ? (v > acc ? v : acc) : acc + v;                  \
                ++count;                                                       \
              }                                                                \
            }                                                                  \
            if (count == 0)                                                    \
              return -1; /* a window entirely in padding (qint forbids it) */  \
            if (!is_max)                                                       \
              acc = qat_rt_rounded_divide(acc, count);                         \
            output[((n * p->out_h + oy) * p->out_w + ox) * p->channels + c] =  \
                (T)qat_rt_clamp(acc, p->act_min, p->act_max);                  \
          }                                                                    \
    return 0;                                                                  \
  }

QAT_RT_DEFINE_POOL(pool, int8_t)
QAT_RT_DEFINE_POOL(pool_s16, int16_t)

int qat_rt_max_pool2d_s16(const qat_rt_pool_params *p, const int16_t *input,
                          int16_t *output) {
  return pool_s16(p, input, output, 1);
}

int qat_rt_avg_pool2d_s16(const qat_rt_pool_params *p, const int16_t *input,
                          int16_t *output) {
  return pool_s16(p, input, output, 0);
}

int qat_rt_max_pool2d(const qat_rt_pool_params *p, const int8_t *input,
                      int8_t *output) {
  return pool(p, input, output, 1);
}

/* Adds a window's rows of `channels`-strided pixels into acc[0..3] for four
   neighbouring channels: the one inner loop of average pooling. */
static void sum4(const int8_t *first, int32_t rows, int32_t cols,
                 int32_t row_stride, int32_t channels, int32_t acc[4]) {
  int32_t y, x;
#if QAT_RT_USE_DSP && !defined(__ARM_BIG_ENDIAN)
  /* Up to 255 taps of int8 fit an int16 lane: one word load and two
     SXTAB16 add four channels (0 and 2 in one register, 1 and 3 in the
     other) in three instructions. */
  if (rows * cols <= 255) {
    int32_t even = 0, odd = 0;
    for (y = 0; y < rows; ++y) {
      const int8_t *px = first + y * row_stride, *end = px + cols * channels;
      for (; px != end; px += channels) {
        int32_t w = qat_rt_load4(px);
        __asm("sxtab16 %0, %0, %1" : "+r"(even) : "r"(w));
        __asm("sxtab16 %0, %0, %1, ror #8" : "+r"(odd) : "r"(w));
      }
    }
    acc[0] = (int16_t)even;
    acc[1] = (int16_t)odd;
    acc[2] = even >> 16;
    acc[3] = odd >> 16;
    return;
  }
#endif
  {
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (y = 0; y < rows; ++y) {
      const int8_t *px = first + y * row_stride;
      for (x = 0; x < cols; ++x, px += channels) {
        a0 += px[0];
        a1 += px[1];
        a2 += px[2];
        a3 += px[3];
      }
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
  }
}

#if QAT_RT_USE_MVE
/* Sixteen neighbouring channels over up to 255 taps, in two vectors of
   int16 lanes: two widening loads and two adds per pixel. */
static void sum16(const int8_t *first, int32_t rows, int32_t cols,
                  int32_t row_stride, int32_t channels, int32_t acc[16]) {
  int16x8_t low = vdupq_n_s16(0), high = vdupq_n_s16(0);
  int16_t sums[16];
  int32_t y, k;
  for (y = 0; y < rows; ++y) {
    const int8_t *px = first + y * row_stride, *end = px + cols * channels;
    for (; px != end; px += channels) {
      low = vaddq_s16(low, vldrbq_s16(px));
      high = vaddq_s16(high, vldrbq_s16(px + 8));
    }
  }
  vst1q_s16(sums, low);
  vst1q_s16(sums + 8, high);
  for (k = 0; k < 16; ++k)
    acc[k] = sums[k];
}
#endif

/* out[k], k < n: the rounded averages of acc[k] over `count` taps, in the
   activation range. */
QAT_RT_ALWAYS_INLINE void store_averages(const qat_rt_pool_params *p,
                                         const int32_t *acc, int32_t n,
                                         int32_t count, int8_t *out) {
  int32_t k;
  for (k = 0; k < n; ++k)
    out[k] = (int8_t)qat_rt_clamp(qat_rt_rounded_divide(acc[k], count),
                                  p->act_min, p->act_max);
}

int qat_rt_avg_pool2d(const qat_rt_pool_params *p, const int8_t *input,
                      int8_t *output) {
  int32_t n, oy, ox, c;
  if (!p || !input || !output)
    return -1;
  for (n = 0; n < p->batches; ++n)
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox) {
        /* The window clipped to the input once per output pixel (padding is
           excluded from the count), instead of a bounds check per tap. */
        int32_t y0 = oy * p->stride_h - p->pad_top,
                x0 = ox * p->stride_w - p->pad_left;
        int32_t y1 = y0 + p->kernel_h, x1 = x0 + p->kernel_w, rows, cols;
        int32_t row_stride = p->in_w * p->channels, count;
        const int8_t *first;
        int8_t *out =
            output + ((n * p->out_h + oy) * p->out_w + ox) * p->channels;
        y0 = y0 < 0 ? 0 : y0;
        x0 = x0 < 0 ? 0 : x0;
        y1 = y1 > p->in_h ? p->in_h : y1;
        x1 = x1 > p->in_w ? p->in_w : x1;
        rows = y1 - y0;
        cols = x1 - x0;
        count = rows * cols;
        if (rows <= 0 || cols <= 0)
          return -1; /* a window entirely in padding (qint forbids it) */
        first = input + ((n * p->in_h + y0) * p->in_w + x0) * p->channels;
        /* Full-width rows are contiguous: one run of pixels (the global
           pools that end keyword-spotting and image networks). */
        if (cols == p->in_w) {
          cols *= rows;
          rows = 1;
        }
        c = 0;
#if QAT_RT_USE_MVE
        if (count <= 255)
          for (; c + 16 <= p->channels; c += 16) {
            int32_t acc[16];
            sum16(first + c, rows, cols, row_stride, p->channels, acc);
            store_averages(p, acc, 16, count, out + c);
          }
#endif
        for (; c + 4 <= p->channels; c += 4) {
          int32_t acc[4];
          sum4(first + c, rows, cols, row_stride, p->channels, acc);
          store_averages(p, acc, 4, count, out + c);
        }
        for (; c < p->channels; ++c) {
          int32_t acc = 0, y, x;
          for (y = 0; y < rows; ++y)
            for (x = 0; x < cols; ++x)
              acc += first[y * row_stride + x * p->channels + c];
          out[c] = (int8_t)qat_rt_clamp(qat_rt_rounded_divide(acc, count),
                                        p->act_min, p->act_max);
        }
      }
  return 0;
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
