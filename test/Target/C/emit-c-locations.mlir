// RUN: qat-translate --emit-c %s | FileCheck %s
// Each kernel call's comment names the op where the user wrote it (here an
// ONNX-style node name and a fused location of two nodes), escaped as C
// comments escape user text (qat/Support/Escape.h): "*/" cannot end the
// comment and a control character is written \xNN (hostile-text.test
// covers every class).

// CHECK:      /* 1: qint.fully_connected at /fc/Gemm*\/x\x09y */
// CHECK-NEXT: QAT_KERNEL_BEGIN(1);
// CHECK:      /* 2: qint.fully_connected at /head/Gemm, /head/Relu */
// CHECK-NEXT: QAT_KERNEL_BEGIN(2);
func.func @f(%x: tensor<1x4xi8>) -> tensor<1x4xi8> {
  %w = arith.constant dense<1> : tensor<4x4xi8>
  %a = qint.fully_connected %x, %w {input_zp = 0, output_zp = 0,
      multiplier = array<i32: 1073741824>, shift = array<i32: -4>,
      act_min = -128, act_max = 127, rounding = #qint.rounding<double>}
      : (tensor<1x4xi8>, tensor<4x4xi8>) -> tensor<1x4xi8> loc("/fc/Gemm*/x\ty")
  %b = qint.fully_connected %a, %w {input_zp = 0, output_zp = 0,
      multiplier = array<i32: 1073741824>, shift = array<i32: -4>,
      act_min = 0, act_max = 127, rounding = #qint.rounding<double>}
      : (tensor<1x4xi8>, tensor<4x4xi8>) -> tensor<1x4xi8>
      loc(fused["/head/Gemm", "/head/Relu"])
  return %b : tensor<1x4xi8>
}
