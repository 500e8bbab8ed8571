// Splat weights (one value, any size) lower in constant work to the same
// int8 program as the same weights written out: a per-tensor splat stays a
// splat, per-axis levels that differ are written per channel.
// RUN: qat-opt %s --qat-to-int8 -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @splat
// CHECK: arith.constant dense<5> : tensor<3x4xi8>
// CHECK: qint.fully_connected
func.func @splat(%x: tensor<1x4xf32>) -> tensor<1x3xf32> {
  %w = arith.constant dense<0.5> : tensor<3x4xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<3x4xf32>
  %y = qat.fully_connected %xq, %wq : (tensor<1x4xf32>, tensor<3x4xf32>) -> tensor<1x3xf32>
  %yq = qat.fake_quant %y {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x3xf32>
  return %yq : tensor<1x3xf32>
}

// -----

// CHECK-LABEL: func.func @written_out
// CHECK: arith.constant dense<5> : tensor<3x4xi8>
// CHECK: qint.fully_connected
func.func @written_out(%x: tensor<1x4xf32>) -> tensor<1x3xf32> {
  %w = arith.constant dense<[[0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5]]> : tensor<3x4xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<3x4xf32>
  %y = qat.fully_connected %xq, %wq : (tensor<1x4xf32>, tensor<3x4xf32>) -> tensor<1x3xf32>
  %yq = qat.fake_quant %y {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x3xf32>
  return %yq : tensor<1x3xf32>
}

// -----

// CHECK-LABEL: func.func @splat_per_axis
// CHECK: arith.constant dense<{{\[}}[5, 5], [10, 10], [2, 2]]> : tensor<3x2xi8>
func.func @splat_per_axis(%x: tensor<1x2xf32>) -> tensor<1x3xf32> {
  %w = arith.constant dense<0.5> : tensor<3x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {axis = 0, scale = array<f64: 0.1, 0.05, 0.25>, zero_point = array<i64: 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<3x2xf32>
  %y = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<3x2xf32>) -> tensor<1x3xf32>
  %yq = qat.fake_quant %y {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x3xf32>
  return %yq : tensor<1x3xf32>
}
