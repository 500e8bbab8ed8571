// Folders and canonicalization patterns of the qat ops.
// RUN: qat-opt %s -canonicalize -split-input-file | FileCheck %s

// A fake_quant of an identical fake_quant is the inner one.
// CHECK-LABEL: func @fake_quant_idempotent
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[Q:.*]] = qat.fake_quant %[[X]]
// CHECK-NOT: qat.fake_quant
// CHECK: return %[[Q]]
func.func @fake_quant_idempotent(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = qat.fake_quant %x {min = array<f64: -1.0>, max = array<f64: 1.0>} : tensor<4xf32>
  %1 = qat.fake_quant %0 {min = array<f64: -1.0>, max = array<f64: 1.0>, num_bits = 8, narrow_range = false} : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// Different parameters (or only a different rounding) keep both.
// CHECK-LABEL: func @fake_quant_different_params
// CHECK-COUNT-3: qat.fake_quant
func.func @fake_quant_different_params(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = qat.fake_quant %x {min = array<f64: -1.0>, max = array<f64: 1.0>} : tensor<4xf32>
  %1 = qat.fake_quant %0 {min = array<f64: -1.0>, max = array<f64: 1.0>, narrow_range = true} : tensor<4xf32>
  %2 = qat.fake_quant %1 {min = array<f64: -1.0>, max = array<f64: 1.0>, narrow_range = true, rounding = #qat.rounding<half_to_even>} : tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @relu_chains
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[R:.*]] = qat.relu %[[X]]
// CHECK: %[[R6:.*]] = qat.relu6 %[[X]]
// CHECK: return %[[R]], %[[R6]]
func.func @relu_chains(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = qat.relu %x : tensor<4xf32>
  %1 = qat.relu %0 : tensor<4xf32>
  %2 = qat.relu6 %0 : tensor<4xf32>
  %3 = qat.relu6 %2 : tensor<4xf32>
  return %1, %3 : tensor<4xf32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func @reshape_chains
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x2x4xf32>)
// CHECK: %[[R:.*]] = qat.reshape %[[X]] : tensor<1x2x2x4xf32> -> tensor<1x16xf32>
// CHECK: return %[[X]], %[[R]]
func.func @reshape_chains(%x: tensor<1x2x2x4xf32>) -> (tensor<1x2x2x4xf32>, tensor<1x16xf32>) {
  %0 = qat.reshape %x : tensor<1x2x2x4xf32> -> tensor<1x2x2x4xf32>
  %1 = qat.reshape %0 : tensor<1x2x2x4xf32> -> tensor<4x4xf32>
  %2 = qat.reshape %1 : tensor<4x4xf32> -> tensor<1x16xf32>
  return %0, %2 : tensor<1x2x2x4xf32>, tensor<1x16xf32>
}

// -----

// SAME padding becomes explicit: TensorFlow puts the odd pixel after.
// Input 8, kernel 3, stride 2: output 4, total padding (4-1)*2+3-8 = 1.
// CHECK-LABEL: func @auto_pad_same
// CHECK: qat.conv2d %{{.*}}, %{{.*}} {pad = array<i64: 0, 1, 0, 1>, strides = array<i64: 2, 2>}
// Input 7, kernel 4, dilation 2 (effective 7), stride 1: total 6, 3 + 3;
// width: input 7, kernel 2, stride 3: output 3, total (3-1)*3+2-7 = 1.
// CHECK: qat.depthwise_conv2d %{{.*}}, %{{.*}} {dilations = array<i64: 2, 1>, pad = array<i64: 3, 3, 0, 1>, strides = array<i64: 1, 3>}
// CHECK: qat.max_pool2d %{{.*}} {kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>}
// CHECK: qat.avg_pool2d %{{.*}} {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>}
// CHECK-NOT: auto_pad
func.func @auto_pad_same(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>, %d: tensor<1x7x7x2xf32>, %dw: tensor<1x4x2x2xf32>) -> (tensor<1x4x4x4xf32>, tensor<1x7x3x2xf32>, tensor<1x8x8x3xf32>, tensor<1x4x4x3xf32>) {
  %0 = qat.conv2d %x, %w {strides = array<i64: 2, 2>, auto_pad = #qat.auto_pad<same>} : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
  %1 = qat.depthwise_conv2d %d, %dw {strides = array<i64: 1, 3>, dilations = array<i64: 2, 1>, auto_pad = #qat.auto_pad<same>} : (tensor<1x7x7x2xf32>, tensor<1x4x2x2xf32>) -> tensor<1x7x3x2xf32>
  %2 = qat.max_pool2d %x {kernel = array<i64: 3, 3>, auto_pad = #qat.auto_pad<same>} : tensor<1x8x8x3xf32> -> tensor<1x8x8x3xf32>
  %3 = qat.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, auto_pad = #qat.auto_pad<valid>} : tensor<1x8x8x3xf32> -> tensor<1x4x4x3xf32>
  return %0, %1, %2, %3 : tensor<1x4x4x4xf32>, tensor<1x7x3x2xf32>, tensor<1x8x8x3xf32>, tensor<1x4x4x3xf32>
}
