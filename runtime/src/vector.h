// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* vector.h - Helium (MVE) helpers shared by the kernels: the fixed-point
 * multiply of qat's numerics contract on four int32 lanes, exactly as the
 * scalar code computes it (docs/Numerics.md). Only with QAT_RT_USE_MVE. */
#ifndef QAT_RT_VECTOR_H
#define QAT_RT_VECTOR_H

#include "dot.h"

#if QAT_RT_USE_MVE
/* Four scalars as one vector. */
QAT_RT_ALWAYS_INLINE int32x4_t qat_rt_vec4(int32_t a, int32_t b, int32_t c,
                                           int32_t d) {
  int32x4_t v = vdupq_n_s32(a);
  v = vsetq_lane_s32(b, v, 1);
  v = vsetq_lane_s32(c, v, 2);
  return vsetq_lane_s32(d, v, 3);
}

/* Whether qat_rt_scale4 computes this mode (single rounding with a shift
 * of 0 or more needs 64-bit products per lane, which Helium lacks). */
#define QAT_RT_VECTOR_MODE(mode) ((mode) != QAT_RT_MODE_SINGLE)

/* x * m * 2^(shift - 31), rounded as the mode says, lane by lane.
 *
 * Double rounding: VQRDMULH is SaturatingRoundingDoublingHighMul (it
 * saturates only for INT32_MIN * INT32_MIN, and multipliers are
 * non-negative); VRSHL rounds halves up, so negative values first lose 1
 * when the shift is non-zero, which makes ties round away from zero as
 * RoundingDivideByPOT does.
 *
 * Single rounding with shift < 0: round(x * m / 2^t) with t = 31 - shift
 * >= 32. For t > 32 the rounding bit lies in the high word, so it is the
 * truncated high word (VMULH) shifted right by t - 32 with rounding (VRSHL);
 * for t = 32 it is the high word plus bit 31 of the low word (VMUL). The
 * lanes are told apart arithmetically (32 - t is 0 or negative), not with
 * a predicate: GCC 12 miscompiles VPSEL in these kernels (an internal
 * compiler error). With every t > 32 the fix-up is left out. */
QAT_RT_ALWAYS_INLINE int32x4_t qat_rt_scale4(int32x4_t x, int32x4_t m,
                                             int32x4_t shift,
                                             qat_rt_output_mode mode) {
  if (mode == QAT_RT_MODE_SINGLE_HIGH_WORD)
    return vrshlq_s32(vmulhq_s32(x, m), vaddq_n_s32(shift, 1));
  if (mode == QAT_RT_MODE_SINGLE_RIGHT_SHIFTS) {
    int32x4_t e = vaddq_n_s32(shift, 1); /* 32 - t */
    int32x4_t half = vreinterpretq_s32_u32(
        vshrq_n_u32(vreinterpretq_u32_s32(vmulq_s32(x, m)), 31));
    return vaddq_s32(vrshlq_s32(vmulhq_s32(x, m), e),
                     vbicq_s32(half, vshrq_n_s32(e, 31)));
  }
  if (mode == QAT_RT_MODE_DOUBLE) {
    x = vshlq_s32(x, vmaxq_s32(shift, vdupq_n_s32(0)));
    shift = vminq_s32(shift, vdupq_n_s32(0));
  }
  x = vqrdmulhq_s32(x, m);
  x = vqaddq_s32(x, vshrq_n_s32(vandq_s32(x, shift), 31));
  return vrshlq_s32(x, shift);
}
#endif

#endif /* QAT_RT_VECTOR_H */
