// RUN: qat-translate --emit-c %s | FileCheck %s
// RUN: qat-translate --emit-c --c-name=net --c-static-arena %s | FileCheck %s --check-prefix=STATIC
// RUN: qat-translate --emit-c-header %s | FileCheck %s --check-prefix=HEADER

// A 3x3 conv (scratch: one 3x3x2 receptive field), a 1x1 conv (reads its
// input in place, no scratch), a reshape (no code), a fully connected layer
// writing straight into output0, and an output that is a copy of an input.
// The input zero point 5 is folded into the biases: conv bias 100 - 5 * (1 +
// 2 + ... + 18) = -755; the 1x1 conv, no bias: -(-128) * 3 = 384; fc, no
// bias: 3 * (2 * (1 + ... + 8)) = 216 and 3 * 16 = 48.

// CHECK: #include "f.h"
// CHECK-NEXT: #include "qat_rt.h"
// CHECK: static const int8_t qat_f_k0[18] = {
// CHECK-NEXT: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
// CHECK-NEXT: 17, 18,};
// CHECK: static const int32_t qat_f_k1[1] = {
// CHECK-NEXT: -755,};
// CHECK: static const qat_rt_conv_params qat_f_p4 = {1, 4, 4, 2, 4, 4, 1, 3, 3, 1, 1, 1, 1, 1, 1, 5, {qat_f_k2, qat_f_k3, 0, -128, -128, 127, QAT_RT_DOUBLE_ROUNDING}};
// CHECK: static const int32_t qat_f_k6[1] = {
// CHECK-NEXT: 384,};
// CHECK: static const int32_t qat_f_k11[2] = {
// CHECK-NEXT: 216, 48,};
// CHECK: static const qat_rt_fc_params qat_f_p{{[0-9]+}} = {1, 16, 2, {qat_f_k{{[0-9]+}}, qat_f_k{{[0-9]+}}, 1, 0, -128, 127, QAT_RT_SINGLE_ROUNDING}};
// CHECK-LABEL: int qat_f_run(const int8_t *input0, int8_t *output0, int8_t *output1, void *arena) {
// CHECK-NEXT:   int8_t *const a = (int8_t *)arena;
// CHECK-NEXT:   if (!a)
// CHECK-NEXT:     return -1;
// CHECK-NEXT:   /* qint.conv2d */
// CHECK-NEXT:   if (qat_rt_conv2d(&qat_f_p4, input0, qat_f_k0, qat_f_k1, (a + 0), (a + 18)) != 0)
// CHECK-NEXT:     return 3;
// CHECK-NEXT:   /* qint.conv2d */
// CHECK-NEXT:   if (qat_rt_conv2d(&qat_f_p{{[0-9]+}}, (a + 18), qat_f_k{{[0-9]+}}, qat_f_k{{[0-9]+}}, 0, (a + 0)) != 0)
// CHECK-NEXT:     return 5;
// CHECK-NEXT:   /* qint.fully_connected */
// CHECK-NEXT:   if (qat_rt_fully_connected(&qat_f_p{{[0-9]+}}, (a + 0), qat_f_k{{[0-9]+}}, qat_f_k{{[0-9]+}}, output0) != 0)
// CHECK-NEXT:     return 8;
// CHECK-NEXT:   /* func.return */
// CHECK-NEXT:   if (qat_rt_copy(input0, 32, output1) != 0)
// CHECK-NEXT:     return 9;
// CHECK-NEXT:   return 0;
// CHECK-NEXT: }

// STATIC: static int32_t qat_net_arena[34 / 4 + 1];
// STATIC: int qat_net_run(const int8_t *input0, int8_t *output0, int8_t *output1, void *arena) {
// STATIC-NEXT:   int8_t *const a = (int8_t *)qat_net_arena;
// STATIC-NEXT:   (void)arena;

// The arena: the 3x3 conv's 18-byte scratch and its 16-byte output, then
// the 1x1 conv's output over the dead scratch.
// HEADER: #define QAT_F_ARENA_SIZE 34
// HEADER: #define QAT_F_INPUT0_SIZE 32
// HEADER-NEXT: #define QAT_F_INPUT0_SCALE 0.5f
// HEADER-NEXT: #define QAT_F_INPUT0_ZERO_POINT 5
// HEADER-NEXT: #define QAT_F_INPUT0_SHAPE {1, 4, 4, 2}
// HEADER: #define QAT_F_OUTPUT0_SIZE 2
// HEADER: int qat_f_run(const int8_t *input0, int8_t *output0, int8_t *output1, void *arena);
func.func @f(%x: tensor<1x4x4x2xi8> {qint.scale = 0.5 : f64, qint.zero_point = 5 : i64})
    -> (tensor<1x2xi8> {qint.scale = 0.25 : f64, qint.zero_point = 0 : i64},
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
  %w2 = arith.constant dense<[[1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]]> : tensor<2x16xi8>
  %y = qint.fully_connected %r, %w2 {input_zp = -3, output_zp = 0,
      multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: -4, -4>,
      act_min = -128, act_max = 127, rounding = #qint.rounding<single>}
      : (tensor<1x16xi8>, tensor<2x16xi8>) -> tensor<1x2xi8>
  return %y, %x : tensor<1x2xi8>, tensor<1x4x4x2xi8>
}
