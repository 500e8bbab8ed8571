// The wide-weight budget: conv and fully connected layers whose weights the
// C also holds widened to int16 (one int64 per row and four columns: w0,
// w2, w1, w3 from the low bits up), taken by the output pixels each weight
// serves, most first, while they fit. On emit-c.mlir's program: the 3x3
// conv (20 extra bytes, 16 pixels), the 1x1 conv (4 bytes, 16 pixels), the
// fully connected layer (64 bytes, one row of outputs).
// RUN: qat-translate --emit-c --c-wide-weights=20 %S/emit-c.mlir | FileCheck %s --check-prefix=FIRST
// RUN: qat-translate --emit-c --c-wide-weights=24 %S/emit-c.mlir | FileCheck %s --check-prefix=CONVS
// RUN: qat-translate --emit-c --c-wide-weights=1000 %S/emit-c.mlir | FileCheck %s --check-prefix=ALL
// RUN: qat-translate --emit-c %S/emit-c.mlir | FileCheck %s --check-prefix=NONE
// RUN: not qat-translate --emit-c --c-wide-weights=-1 %S/emit-c.mlir 2>&1 | FileCheck %s --check-prefix=NEGATIVE

// 1 | 3 << 16 | 2 << 32 | 4 << 48, then the 18 weights' other blocks, the
// last padded with zeros (17, 0, 18, 0).
// FIRST:      #if QAT_RT_WIDE_WEIGHTS
// FIRST-NEXT: static const int64_t qat_f_k1[5] = {
// FIRST-NEXT: 1125908496973825, 2251825583947781, 3377742670921737, 4503659757895693, 77309411345,};
// FIRST-NEXT: #else
// FIRST-NEXT: static const int8_t qat_f_k1[20] = {
// FIRST:      #endif
// FIRST:      QAT_KERNEL_BEGIN(1);
// FIRST-NEXT: #if QAT_RT_WIDE_WEIGHTS
// FIRST-NEXT:   if (qat_rt_conv2d_wide(&qat_f_p4, input0, qat_f_k1, qat_f_k0, (a + 0), (a + 100)) != 0)
// FIRST-NEXT: #else
// FIRST-NEXT:   if (qat_rt_conv2d(&qat_f_p4, input0, qat_f_k1, qat_f_k0, (a + 0), (a + 100)) != 0)
// FIRST-NEXT: #endif
// FIRST-NEXT:     return 1;
// FIRST:      QAT_KERNEL_BEGIN(2);
// FIRST-NEXT:   if (qat_rt_conv2d(
// FIRST:      QAT_KERNEL_BEGIN(3);
// FIRST-NEXT:   if (qat_rt_fully_connected(

// CONVS: qat_rt_conv2d_wide(&qat_f_p4
// CONVS: qat_rt_conv2d_wide(&qat_f_p9
// CONVS-NOT: qat_rt_fully_connected_wide

// ALL: qat_rt_conv2d_wide(&qat_f_p4
// ALL: qat_rt_conv2d_wide(&qat_f_p9
// ALL: qat_rt_fully_connected_wide(&qat_f_p14

// NONE-NOT: WIDE
// NONE-NOT: _wide(

// NEGATIVE: error: --c-wide-weights must be at least 0, not -1
