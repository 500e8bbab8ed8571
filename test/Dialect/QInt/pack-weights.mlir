// RUN: qat-opt %s -qint-pack-weights=report=true -split-input-file -verify-diagnostics --mlir-print-op-on-diagnostic=false | FileCheck %s

// Weights in [-8, 7] become the same values as i4; weights with one value
// outside stay i8; an i8 constant another op still reads is kept for it.
// CHECK-LABEL: func @layers
// CHECK: %[[W8:[a-z0-9_]+]] = arith.constant dense<{{\[}}[-9, 7, 0], [1, -1, 3]]> : tensor<2x3xi8>
// CHECK: %[[D8:[a-z0-9_]+]] = arith.constant dense<{{\[}}[{{\[}}[2, -3, 5]]]]> : tensor<1x1x1x3xi8>
// CHECK: %[[W4:[a-z0-9_]+]] = arith.constant dense<{{\[}}[-8, 7, 0], [1, -1, 3]]> : tensor<2x3xi4>
// CHECK: qint.fully_connected %{{.*}}, %[[W4]]
// CHECK: qint.fully_connected %{{.*}}, %[[W8]]
// CHECK: %[[D4:[a-z0-9_]+]] = arith.constant dense<{{\[}}[{{\[}}[2, -3, 5]]]]> : tensor<1x1x1x3xi4>
// CHECK: qint.depthwise_conv2d %{{.*}}, %[[D4]]
// CHECK: qint.add %{{.*}}, %[[D8]]
// expected-remark @+1 {{packed the weights of 2 layer(s) into 4 bits: 9 weights, 9 bytes as int8, 5 packed}}
func.func @layers(%x: tensor<1x3xi8>, %y: tensor<1x1x1x3xi8>) -> (tensor<1x2xi8>, tensor<1x2xi8>, tensor<1x1x1x3xi8>) {
  %w4 = arith.constant dense<[[-8, 7, 0], [1, -1, 3]]> : tensor<2x3xi8>
  %w8 = arith.constant dense<[[-9, 7, 0], [1, -1, 3]]> : tensor<2x3xi8>
  %d = arith.constant dense<[[[[2, -3, 5]]]]> : tensor<1x1x1x3xi8>
  %a = qint.fully_connected %x, %w4 {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x3xi8>, tensor<2x3xi8>) -> tensor<1x2xi8>
  %b = qint.fully_connected %x, %w8 {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x3xi8>, tensor<2x3xi8>) -> tensor<1x2xi8>
  %c = qint.depthwise_conv2d %y, %d {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x1x1x3xi8>, tensor<1x1x1x3xi8>) -> tensor<1x1x1x3xi8>
  %e = qint.add %c, %d {lhs_zp = 0, rhs_zp = 0, left_shift = 20, lhs_multiplier = 1073741824, lhs_shift = 0, rhs_multiplier = 1073741824, rhs_shift = 0, output_multiplier = 1073741824, output_shift = -19, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x1x1x3xi8>, tensor<1x1x1x3xi8>) -> tensor<1x1x1x3xi8>
  return %a, %b, %e : tensor<1x2xi8>, tensor<1x2xi8>, tensor<1x1x1x3xi8>
}
