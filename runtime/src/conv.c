/* conv.c - qint.conv2d, qint.depthwise_conv2d, qint.fully_connected.
 *
 * Every kernel takes the bias with the input zero point folded in
 * (bias[o] - input_zp * sum of o's weights, computed by the compiler), so
 * it multiplies raw int8 inputs; a tap in the padding reads input_zp, which
 * contributes exactly what the folded bias subtracted. Conv and fully
 * connected weights come in the blocked order of qat_rt.h, so four output
 * rows stream from one pointer and every dot product runs over whole words.
 */
#include "dot.h"
#include "qat_rt_internal.h"

static int32_t round_up4(int32_t k) { return (k + 3) & ~3; }

static int conv_is_direct(const qat_rt_conv_params *p) {
  return p->kernel_h == 1 && p->kernel_w == 1 && p->pad_top == 0 &&
         p->pad_left == 0 && p->in_c % 4 == 0 &&
         (p->out_h - 1) * p->stride_h < p->in_h &&
         (p->out_w - 1) * p->stride_w < p->in_w;
}

int32_t qat_rt_conv2d_scratch_size(const qat_rt_conv_params *p) {
  return conv_is_direct(p) ? 0 : round_up4(p->kernel_h * p->kernel_w * p->in_c);
}

int32_t qat_rt_fully_connected_scratch_size(const qat_rt_fc_params *p) {
  return p->in_features % 4 == 0 ? 0 : round_up4(p->in_features);
}

/* The receptive field of one output pixel in filter order (ky, kx, c),
 * zero-padded to a whole number of words. */
static void gather(const qat_rt_conv_params *p, const int8_t *image, int32_t oy,
                   int32_t ox, int8_t *column) {
  int32_t ky, kx, c, k = p->kernel_h * p->kernel_w * p->in_c;
  for (c = k; c < round_up4(k); ++c)
    column[c] = 0;
  for (ky = 0; ky < p->kernel_h; ++ky) {
    int32_t iy = oy * p->stride_h + ky * p->dilation_h - p->pad_top;
    for (kx = 0; kx < p->kernel_w; ++kx, column += p->in_c) {
      int32_t ix = ox * p->stride_w + kx * p->dilation_w - p->pad_left;
      if (iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w) {
        for (c = 0; c < p->in_c; ++c)
          column[c] = (int8_t)p->input_zp;
        continue;
      }
      for (c = 0; c < p->in_c; ++c)
        column[c] = image[(iy * p->in_w + ix) * p->in_c + c];
    }
  }
}

/* out[o] for o in [0, count) from one column of k4 bytes against blocked
 * weight rows. The output stage is copied so that the int8 stores, which
 * may alias anything, do not force it to be reloaded; `rounding` is a
 * constant at each call, so each mode gets its own straight-line code. */
static inline void weighted_outputs_in(const qat_rt_output_stage *stage,
                                       qat_rt_rounding rounding,
                                       const int8_t *x, const int8_t *w,
                                       const int32_t *bias, int32_t k4,
                                       int32_t count, int8_t *out) {
  qat_rt_output_stage s = *stage;
  int32_t o, j;
  s.rounding = rounding;
  for (o = 0; o + 3 < count; o += 4, w += 4 * k4) {
    int32_t acc[4];
    for (j = 0; j < 4; ++j)
      acc[j] = bias[o + j];
    qat_rt_dot4(x, w, k4, acc);
    for (j = 0; j < 4; ++j)
      out[o + j] = qat_rt_output(&s, acc[j], o + j);
  }
  for (; o < count; ++o, w += k4)
    out[o] = qat_rt_output(&s, qat_rt_dot(x, w, k4, bias[o]), o);
}

static void weighted_outputs(const qat_rt_output_stage *stage, const int8_t *x,
                             const int8_t *w, const int32_t *bias, int32_t k4,
                             int32_t count, int8_t *out) {
  if (stage->rounding == QAT_RT_SINGLE_ROUNDING)
    weighted_outputs_in(stage, QAT_RT_SINGLE_ROUNDING, x, w, bias, k4, count,
                        out);
  else
    weighted_outputs_in(stage, QAT_RT_DOUBLE_ROUNDING, x, w, bias, k4, count,
                        out);
}

int qat_rt_conv2d(const qat_rt_conv_params *p, const int8_t *input,
                  const int8_t *filter, const int32_t *folded_bias,
                  int8_t *scratch, int8_t *output) {
  int32_t n, oy, ox, k4;
  int direct;
  if (!p || !input || !filter || !folded_bias || !output || p->in_c <= 0)
    return -1;
  direct = conv_is_direct(p);
  if (!direct && !scratch)
    return -1;
  k4 = round_up4(p->kernel_h * p->kernel_w * p->in_c);
  for (n = 0; n < p->batches; ++n) {
    const int8_t *image = input + n * p->in_h * p->in_w * p->in_c;
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox) {
        const int8_t *column = scratch;
        if (direct)
          column =
              image + (oy * p->stride_h * p->in_w + ox * p->stride_w) * p->in_c;
        else
          gather(p, image, oy, ox, scratch);
        weighted_outputs(&p->out, column, filter, folded_bias, k4, p->out_c,
                         output +
                             ((n * p->out_h + oy) * p->out_w + ox) * p->out_c);
      }
  }
  return 0;
}

/* A 3x3 window inside the image, channel multiplier 1: nine taps per
 * channel, unrolled, no bounds checks. */
static void depthwise_3x3_interior(const qat_rt_conv_params *p,
                                   const int8_t *at, const int8_t *filter,
                                   const int32_t *bias, int8_t *out) {
  const int32_t c_count = p->out_c;
  const int32_t dx = p->dilation_w * p->in_c;
  const int32_t dy = p->dilation_h * p->in_w * p->in_c;
  const int8_t *r0 = at, *r1 = at + dy, *r2 = at + 2 * dy;
  const int8_t *w0 = filter, *w1 = filter + 3 * c_count,
               *w2 = filter + 6 * c_count;
  int32_t c;
  for (c = 0; c < c_count; ++c) {
    int32_t acc = bias[c];
    acc += r0[c] * w0[c] + r0[c + dx] * w0[c + c_count] +
           r0[c + 2 * dx] * w0[c + 2 * c_count];
    acc += r1[c] * w1[c] + r1[c + dx] * w1[c + c_count] +
           r1[c + 2 * dx] * w1[c + 2 * c_count];
    acc += r2[c] * w2[c] + r2[c + dx] * w2[c + c_count] +
           r2[c + 2 * dx] * w2[c + 2 * c_count];
    out[c] = qat_rt_output(&p->out, acc, c);
  }
}

int qat_rt_depthwise_conv2d(const qat_rt_conv_params *p, const int8_t *input,
                            const int8_t *filter, const int32_t *folded_bias,
                            int8_t *output) {
  int32_t n, oy, ox, oc, ky, kx, multiplier;
  if (!p || !input || !filter || !folded_bias || !output || p->in_c <= 0 ||
      p->out_c % p->in_c != 0)
    return -1;
  multiplier = p->out_c / p->in_c;
  for (n = 0; n < p->batches; ++n) {
    const int8_t *image = input + n * p->in_h * p->in_w * p->in_c;
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox) {
        int32_t iy0 = oy * p->stride_h - p->pad_top;
        int32_t ix0 = ox * p->stride_w - p->pad_left;
        int8_t *out = output + ((n * p->out_h + oy) * p->out_w + ox) * p->out_c;
        if (multiplier == 1 && p->kernel_h == 3 && p->kernel_w == 3 &&
            iy0 >= 0 && ix0 >= 0 && iy0 + 2 * p->dilation_h < p->in_h &&
            ix0 + 2 * p->dilation_w < p->in_w) {
          depthwise_3x3_interior(p, image + (iy0 * p->in_w + ix0) * p->in_c,
                                 filter, folded_bias, out);
          continue;
        }
        for (oc = 0; oc < p->out_c; ++oc) {
          int32_t acc = folded_bias[oc];
          for (ky = 0; ky < p->kernel_h; ++ky) {
            int32_t iy = iy0 + ky * p->dilation_h;
            for (kx = 0; kx < p->kernel_w; ++kx) {
              int32_t ix = ix0 + kx * p->dilation_w;
              int32_t x =
                  iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w
                      ? p->input_zp
                      : image[(iy * p->in_w + ix) * p->in_c + oc / multiplier];
              acc += x * filter[(ky * p->kernel_w + kx) * p->out_c + oc];
            }
          }
          out[oc] = qat_rt_output(&p->out, acc, oc);
        }
      }
  }
  return 0;
}

int qat_rt_fully_connected(const qat_rt_fc_params *p, const int8_t *input,
                           const int8_t *weights, const int32_t *folded_bias,
                           int8_t *scratch, int8_t *output) {
  int32_t n, k, k4 = round_up4(p ? p->in_features : 0);
  if (!p || !input || !weights || !folded_bias || !output ||
      (k4 != p->in_features && !scratch))
    return -1;
  for (n = 0; n < p->batches; ++n) {
    const int8_t *row = input + n * p->in_features;
    if (k4 != p->in_features) {
      /* A whole number of words, zero-padded. */
      for (k = 0; k < k4; ++k)
        scratch[k] = k < p->in_features ? row[k] : 0;
      row = scratch;
    }
    weighted_outputs(&p->out, row, weights, folded_bias, k4, p->out_features,
                     output + n * p->out_features);
  }
  return 0;
}
