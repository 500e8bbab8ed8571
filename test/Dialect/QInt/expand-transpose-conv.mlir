// RUN: qat-opt %s -qint-expand-transpose-conv -split-input-file -verify-diagnostics --mlir-print-op-on-diagnostic=false | FileCheck %s

// Stride 2x1 and padding before 1x0: the 2x3 input spread to 3x3 along H
// (a zero-point row between), padded by k - 1 - pad before and what the
// 4x4 output leaves after (pad 0, 2 in H, 1, 1 in W), the 2x2 filter flipped in H and W; bias and
// output stage kept.
// CHECK-LABEL: func @strided
// CHECK: %[[B:[a-z0-9_]+]] = arith.constant dense<[7, -7]> : tensor<2xi32>
// CHECK: %[[R:.*]] = qint.reshape %{{.*}} : tensor<1x2x3x1xi8> -> tensor<1x2x1x3xi8>
// CHECK: %[[P:.*]] = qint.pad %[[R]] {padding = array<i64: 0, 0, 0, 0, 0, 1, 0, 0>, value = -3 : i64} : tensor<1x2x1x3xi8> -> tensor<1x2x2x3xi8>
// CHECK: %[[R2:.*]] = qint.reshape %[[P]] : tensor<1x2x2x3xi8> -> tensor<1x4x3x1xi8>
// CHECK: %[[S:.*]] = qint.slice %[[R2]] {begin = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1, 1, 1>} : tensor<1x4x3x1xi8> -> tensor<1x3x3x1xi8>
// CHECK: %[[W:[a-z0-9_]+]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[4], [3]], {{\[}}[2], [1]]], {{\[}}{{\[}}[8], [7]], {{\[}}[6], [5]]]]> : tensor<2x2x2x1xi8>
// CHECK: qint.conv2d %[[S]], %[[W]], %[[B]] {act_max = 127 : i64, act_min = -128 : i64, input_zp = -3 : i64, multiplier = array<i32: 1073741824>, output_zp = 2 : i64, pad = array<i64: 0, 2, 1, 1>, rounding = #qint.rounding<double>, shift = array<i32: 0>} : (tensor<1x3x3x1xi8>, tensor<2x2x2x1xi8>, tensor<2xi32>) -> tensor<1x4x4x2xi8>
// CHECK-NOT: qint.transpose_conv2d
func.func @strided(%x: tensor<1x2x3x1xi8>) -> tensor<1x4x4x2xi8> {
  %w = arith.constant dense<[[[[1], [2]], [[3], [4]]], [[[5], [6]], [[7], [8]]]]> : tensor<2x2x2x1xi8>
  %b = arith.constant dense<[7, -7]> : tensor<2xi32>
  %y = qint.transpose_conv2d %x, %w, %b {input_zp = -3, output_zp = 2, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, strides = array<i64: 2, 1>, pad = array<i64: 1, 0>, rounding = #qint.rounding<double>} : (tensor<1x2x3x1xi8>, tensor<2x2x2x1xi8>, tensor<2xi32>) -> tensor<1x4x4x2xi8>
  return %y : tensor<1x4x4x2xi8>
}

// -----

func.func @argument_filter(%x: tensor<1x2x2x1xi8>, %w: tensor<1x2x2x1xi8>) -> tensor<1x4x4x1xi8> {
  // expected-error @+1 {{'qint.transpose_conv2d' op needs a constant filter (it is flipped at compile time)}}
  %y = qint.transpose_conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, strides = array<i64: 2, 2>, pad = array<i64: 0, 0>, rounding = #qint.rounding<double>} : (tensor<1x2x2x1xi8>, tensor<1x2x2x1xi8>) -> tensor<1x4x4x1xi8>
  return %y : tensor<1x4x4x1xi8>
}
