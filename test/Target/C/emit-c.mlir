// RUN: qat-translate --emit-c %s | FileCheck %s
// A plan made without the runtime's scratch is replaced, not trusted:
// RUN: qat-opt %s --qint-plan-memory | qat-translate --emit-c | FileCheck %s
// RUN: qat-translate --emit-c --c-name=net --c-static-arena %s | FileCheck %s --check-prefix=STATIC
// RUN: qat-translate --emit-c-header %s | FileCheck %s --check-prefix=HEADER

// A 3x3 conv (gathers each 3x3x2 receptive field into 20 bytes of scratch,
// a whole number of words), a 1x1 conv over one channel (not whole words:
// gathered too, into 4 bytes), a reshape (no code), a fully connected layer
// writing straight into output0, and an output that is a copy of an input.
//
// Folded biases (bias - input_zp * sum of the row's weights): conv 100 - 5 *
// (1 + ... + 18) = -755; 1x1 conv, no bias: 128 * 3 = 384; fc, input_zp -3:
// 3 * 72, 3 * 16, 3 * 32, 3 * 120. Weights in the runtime's blocked order:
// rows padded to whole words (the conv's 18 weights + 2 zeros); four rows
// interleaved a word at a time (the fc's first 16 bytes are row 0's 1, 2, 3,
// 4, row 1's 1, 1, 1, 1, row 2's 2s and row 3's 0, 1, 2, 3), or 16 columns
// at a time for the Helium kernels (row 0's 16 bytes, then row 1's, ...):
// the source holds both where they differ. A per-tensor multiplier is
// repeated per channel. Each call sits between the profiling hooks, its
// comment naming the kernel index, the op and its location.

// CHECK: #include "f.h"
// CHECK-NEXT: #include "qat_rt.h"
// CHECK: #ifndef QAT_KERNEL_BEGIN
// CHECK-NEXT: #define QAT_KERNEL_BEGIN(index)
// CHECK-NEXT: #endif
// CHECK-NEXT: #ifndef QAT_KERNEL_END
// CHECK-NEXT: #define QAT_KERNEL_END(index)
// CHECK-NEXT: #endif
// CHECK: static const int32_t qat_f_k0[1] = {
// CHECK-NEXT: -755,};
// CHECK-NEXT: static const int8_t qat_f_k1[20] = {
// CHECK-NEXT: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
// CHECK-NEXT: 17, 18, 0, 0,};
// CHECK: static const qat_rt_conv_params qat_f_p4 = {1, 4, 4, 2, 4, 4, 1, 3, 3, 1, 1, 1, 1, 1, 1, 5, {qat_f_k2, qat_f_k3, -128, -128, 127, QAT_RT_DOUBLE_ROUNDING}};
// CHECK-NEXT: static const int32_t qat_f_k5[1] = {
// CHECK-NEXT: 384,};
// CHECK-NEXT: static const int8_t qat_f_k6[4] = {
// CHECK-NEXT: 3, 0, 0, 0,};
// CHECK: static const int32_t qat_f_k10[4] = {
// CHECK-NEXT: 216, 48, 96, 360,};
// CHECK-NEXT: #if QAT_RT_WEIGHT_BLOCK == 16
// CHECK-NEXT: static const int8_t qat_f_k11[64] = {
// CHECK-NEXT: 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8,
// CHECK-NEXT: 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
// CHECK-NEXT: 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
// CHECK-NEXT: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,};
// CHECK-NEXT: #else
// CHECK-NEXT: static const int8_t qat_f_k11[64] = {
// CHECK-NEXT: 1, 2, 3, 4, 1, 1, 1, 1, 2, 2, 2, 2, 0, 1, 2, 3,
// CHECK-NEXT: 5, 6, 7, 8, 1, 1, 1, 1, 2, 2, 2, 2, 4, 5, 6, 7,
// CHECK-NEXT: 1, 2, 3, 4, 1, 1, 1, 1, 2, 2, 2, 2, 8, 9, 10, 11,
// CHECK-NEXT: 5, 6, 7, 8, 1, 1, 1, 1, 2, 2, 2, 2, 12, 13, 14, 15,};
// CHECK-NEXT: #endif
// CHECK: static const int32_t qat_f_k12[4] = {
// CHECK-NEXT: 1073741824, 1073741824, 1073741824, 1073741824,};
// CHECK: static const qat_rt_fc_params qat_f_p14 = {1, 16, 4, {qat_f_k12, qat_f_k13, 0, -128, 127, QAT_RT_SINGLE_ROUNDING}};
// CHECK-LABEL: int qat_f_run(const int8_t *input0, int8_t *output0, int8_t *output1, void *arena) {
// CHECK-NEXT:   int8_t *const a = (int8_t *)arena;
// CHECK-NEXT:   if (!a)
// CHECK-NEXT:     return -1;
// CHECK-NEXT:   /* 1: qint.conv2d at {{.+}}:{{[0-9]+}}:{{[0-9]+}} */
// CHECK-NEXT:   QAT_KERNEL_BEGIN(1);
// CHECK-NEXT:   if (qat_rt_conv2d(&qat_f_p4, input0, qat_f_k1, qat_f_k0, (a + 0), (a + 100)) != 0)
// CHECK-NEXT:     return 1;
// CHECK-NEXT:   QAT_KERNEL_END(1);
// CHECK-NEXT:   /* 2: qint.conv2d at {{.+}}:{{[0-9]+}}:{{[0-9]+}} */
// CHECK-NEXT:   QAT_KERNEL_BEGIN(2);
// CHECK-NEXT:   if (qat_rt_conv2d(&qat_f_p9, (a + 100), qat_f_k6, qat_f_k5, (a + 0), (a + 20)) != 0)
// CHECK-NEXT:     return 2;
// CHECK-NEXT:   QAT_KERNEL_END(2);
// CHECK-NEXT:   /* 3: qint.fully_connected at {{.+}}:{{[0-9]+}}:{{[0-9]+}} */
// CHECK-NEXT:   QAT_KERNEL_BEGIN(3);
// CHECK-NEXT:   if (qat_rt_fully_connected(&qat_f_p14, (a + 20), qat_f_k11, qat_f_k10, 0, output0) != 0)
// CHECK-NEXT:     return 3;
// CHECK-NEXT:   QAT_KERNEL_END(3);
// CHECK-NEXT:   /* 4: func.return at {{.+}}:{{[0-9]+}}:{{[0-9]+}} */
// CHECK-NEXT:   QAT_KERNEL_BEGIN(4);
// CHECK-NEXT:   if (qat_rt_copy(input0, 32, output1) != 0)
// CHECK-NEXT:     return 4;
// CHECK-NEXT:   QAT_KERNEL_END(4);
// CHECK-NEXT:   return 0;
// CHECK-NEXT: }

// STATIC: static int32_t qat_net_arena[116 / 4 + 1];
// STATIC: int qat_net_run(const int8_t *input0, int8_t *output0, int8_t *output1, void *arena) {
// STATIC-NEXT:   int8_t *const a = (int8_t *)qat_net_arena;
// STATIC-NEXT:   (void)arena;

// The arena: the 3x3 conv's scratch (its 20-byte column and two pixels'
// columns widened, 80) and output (16); the 1x1 conv's scratch (4 + 16) and
// output (16) reuse the dead scratch: 116, the bound.
// HEADER: #define QAT_F_ARENA_SIZE 116
// HEADER: #define QAT_F_INPUT0_SIZE 32
// HEADER-NEXT: #define QAT_F_INPUT0_SCALE 0.5f
// HEADER-NEXT: #define QAT_F_INPUT0_ZERO_POINT 5
// HEADER-NEXT: #define QAT_F_INPUT0_SHAPE {1, 4, 4, 2}
// HEADER: #define QAT_F_OUTPUT0_SIZE 4
// HEADER: int qat_f_run(const int8_t *input0, int8_t *output0, int8_t *output1, void *arena);
func.func @f(%x: tensor<1x4x4x2xi8> {qint.scale = 0.5 : f64, qint.zero_point = 5 : i64})
    -> (tensor<1x4xi8> {qint.scale = 0.25 : f64, qint.zero_point = 0 : i64},
        tensor<1x4x4x2xi8> {qint.scale = 0.5 : f64, qint.zero_point = 5 : i64}) {
  %w = arith.constant dense<[[[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]], [[13, 14], [15, 16], [17, 18]]]]> : tensor<1x3x3x2xi8>
  %b = arith.constant dense<100> : tensor<1xi32>
  %c = qint.conv2d %x, %w, %b {input_zp = 5, output_zp = -128,
      multiplier = array<i32: 1073741824>, shift = array<i32: -2>,
      act_min = -128, act_max = 127, rounding = #qint.rounding<double>,
      pad = array<i64: 1, 1, 1, 1>}
      : (tensor<1x4x4x2xi8>, tensor<1x3x3x2xi8>, tensor<1xi32>) -> tensor<1x4x4x1xi8>
  %w1 = arith.constant dense<3> : tensor<1x1x1x1xi8>
  %d = qint.conv2d %c, %w1 {input_zp = -128, output_zp = 0,
      multiplier = array<i32: 1073741824>, shift = array<i32: 0>,
      act_min = -128, act_max = 127, rounding = #qint.rounding<double>}
      : (tensor<1x4x4x1xi8>, tensor<1x1x1x1xi8>) -> tensor<1x4x4x1xi8>
  %r = qint.reshape %d : tensor<1x4x4x1xi8> -> tensor<1x16xi8>
  %w2 = arith.constant dense<[[1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]]> : tensor<4x16xi8>
  %y = qint.fully_connected %r, %w2 {input_zp = -3, output_zp = 0,
      multiplier = array<i32: 1073741824>, shift = array<i32: -4>,
      act_min = -128, act_max = 127, rounding = #qint.rounding<single>}
      : (tensor<1x16xi8>, tensor<4x16xi8>) -> tensor<1x4xi8>
  return %y, %x : tensor<1x4xi8>, tensor<1x4x4x2xi8>
}
