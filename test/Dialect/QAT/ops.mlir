// Round-trip of every qat op and attribute form: custom form, and generic
// form parsed back.
// RUN: qat-opt %s | qat-opt | FileCheck %s
// RUN: qat-opt %s --mlir-print-op-generic | qat-opt | FileCheck %s

// CHECK-LABEL: func @fake_quant_tf_per_tensor
func.func @fake_quant_tf_per_tensor(%x: tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32> {
  // CHECK: qat.fake_quant %{{.*}} {max = array<f64: 6.000000e+00>, min = array<f64: 0.000000e+00>, narrow_range = false, num_bits = 8 : i64} : tensor<1x4x4x3xf32>
  %0 = qat.fake_quant %x {min = array<f64: 0.0>, max = array<f64: 6.0>, num_bits = 8, narrow_range = false} : tensor<1x4x4x3xf32>
  return %0 : tensor<1x4x4x3xf32>
}

// CHECK-LABEL: func @fake_quant_tf_defaults
func.func @fake_quant_tf_defaults(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: qat.fake_quant %{{.*}} {max = array<f64: 1.000000e+00>, min = array<f64: -1.000000e+00>} : tensor<4xf32>
  %0 = qat.fake_quant %x {min = array<f64: -1.0>, max = array<f64: 1.0>} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func @fake_quant_tf_per_axis_4bit_narrow
func.func @fake_quant_tf_per_axis_4bit_narrow(%w: tensor<2x3x3x1xf32>) -> tensor<2x3x3x1xf32> {
  // CHECK: qat.fake_quant %{{.*}} {axis = 0 : i64, max = array<f64: 1.000000e+00, 5.000000e-01>, min = array<f64: -1.000000e+00, -5.000000e-01>, narrow_range = true, num_bits = 4 : i64} : tensor<2x3x3x1xf32>
  %0 = qat.fake_quant %w {axis = 0, min = array<f64: -1.0, -0.5>, max = array<f64: 1.0, 0.5>, num_bits = 4, narrow_range = true} : tensor<2x3x3x1xf32>
  return %0 : tensor<2x3x3x1xf32>
}

// CHECK-LABEL: func @fake_quant_affine_per_tensor_unsigned
func.func @fake_quant_affine_per_tensor_unsigned(%x: tensor<1x10xf32>) -> tensor<1x10xf32> {
  // CHECK: qat.fake_quant %{{.*}} {quant_max = 255 : i64, quant_min = 0 : i64, scale = array<f64: 2.500000e-02>, zero_point = array<i64: 128>} : tensor<1x10xf32>
  %0 = qat.fake_quant %x {scale = array<f64: 0.025>, zero_point = array<i64: 128>, quant_min = 0, quant_max = 255} : tensor<1x10xf32>
  return %0 : tensor<1x10xf32>
}

// CHECK-LABEL: func @fake_quant_affine_per_axis_rounding
func.func @fake_quant_affine_per_axis_rounding(%w: tensor<3x2xf32>) -> tensor<3x2xf32> {
  // CHECK: qat.fake_quant %{{.*}} {axis = 0 : i64, quant_max = 127 : i64, quant_min = -127 : i64, rounding = #qat.rounding<half_away_from_zero>, scale = array<f64: 1.000000e-02, 2.000000e-02, 3.000000e-02>, zero_point = array<i64: 0, 0, 0>} : tensor<3x2xf32>
  %0 = qat.fake_quant %w {axis = 0, scale = array<f64: 0.01, 0.02, 0.03>, zero_point = array<i64: 0, 0, 0>, quant_min = -127, quant_max = 127, rounding = #qat.rounding<half_away_from_zero>} : tensor<3x2xf32>
  // CHECK: rounding = #qat.rounding<half_to_even>
  %1 = qat.fake_quant %0 {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -8, quant_max = 7, rounding = #qat.rounding<half_to_even>} : tensor<3x2xf32>
  // CHECK: rounding = #qat.rounding<half_up>
  %2 = qat.fake_quant %1 {min = array<f64: -2.0>, max = array<f64: 2.0>, rounding = #qat.rounding<half_up>} : tensor<3x2xf32>
  return %2 : tensor<3x2xf32>
}

// CHECK-LABEL: func @conv2d_forms
func.func @conv2d_forms(%x: tensor<1x8x8x3xf32>, %w: tensor<16x3x3x3xf32>, %b: tensor<16xf32>) -> (tensor<1x8x8x16xf32>, tensor<1x6x6x16xf32>, tensor<1x4x4x16xf32>, tensor<1x4x4x16xf32>, tensor<1x3x3x16xf32>) {
  // CHECK: qat.conv2d %{{.*}}, %{{.*}}, %{{.*}} {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  %0 = qat.conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  // No bias, no padding.
  // CHECK: qat.conv2d %{{.*}}, %{{.*}} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>) -> tensor<1x6x6x16xf32>
  %1 = qat.conv2d %x, %w : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>) -> tensor<1x6x6x16xf32>
  // CHECK: qat.conv2d %{{.*}}, %{{.*}}, %{{.*}} {auto_pad = #qat.auto_pad<same>, strides = array<i64: 2, 2>}
  %2 = qat.conv2d %x, %w, %b {strides = array<i64: 2, 2>, auto_pad = #qat.auto_pad<same>} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x4x4x16xf32>
  // CHECK: qat.conv2d %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>}
  %3 = qat.conv2d %x, %w {dilations = array<i64: 2, 2>} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>) -> tensor<1x4x4x16xf32>
  // CHECK: qat.conv2d %{{.*}}, %{{.*}} {auto_pad = #qat.auto_pad<valid>, strides = array<i64: 2, 2>}
  %4 = qat.conv2d %x, %w {strides = array<i64: 2, 2>, auto_pad = #qat.auto_pad<valid>} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>) -> tensor<1x3x3x16xf32>
  return %0, %1, %2, %3, %4 : tensor<1x8x8x16xf32>, tensor<1x6x6x16xf32>, tensor<1x4x4x16xf32>, tensor<1x4x4x16xf32>, tensor<1x3x3x16xf32>
}

// CHECK-LABEL: func @depthwise_conv2d_forms
func.func @depthwise_conv2d_forms(%x: tensor<2x8x8x4xf32>, %w: tensor<1x3x3x4xf32>, %b: tensor<4xf32>, %wm: tensor<1x3x3x8xf32>) -> (tensor<2x8x8x4xf32>, tensor<2x3x3x8xf32>) {
  // CHECK: qat.depthwise_conv2d %{{.*}}, %{{.*}}, %{{.*}} {pad = array<i64: 1, 1, 1, 1>} : (tensor<2x8x8x4xf32>, tensor<1x3x3x4xf32>, tensor<4xf32>) -> tensor<2x8x8x4xf32>
  %0 = qat.depthwise_conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>} : (tensor<2x8x8x4xf32>, tensor<1x3x3x4xf32>, tensor<4xf32>) -> tensor<2x8x8x4xf32>
  // Channel multiplier 2, stride 2, no bias.
  // CHECK: qat.depthwise_conv2d %{{.*}}, %{{.*}} {strides = array<i64: 2, 2>} : (tensor<2x8x8x4xf32>, tensor<1x3x3x8xf32>) -> tensor<2x3x3x8xf32>
  %1 = qat.depthwise_conv2d %x, %wm {strides = array<i64: 2, 2>} : (tensor<2x8x8x4xf32>, tensor<1x3x3x8xf32>) -> tensor<2x3x3x8xf32>
  return %0, %1 : tensor<2x8x8x4xf32>, tensor<2x3x3x8xf32>
}

// CHECK-LABEL: func @fully_connected_forms
func.func @fully_connected_forms(%x: tensor<2x64xf32>, %w: tensor<10x64xf32>, %b: tensor<10xf32>) -> (tensor<2x10xf32>, tensor<2x10xf32>) {
  // CHECK: qat.fully_connected %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x64xf32>, tensor<10x64xf32>, tensor<10xf32>) -> tensor<2x10xf32>
  %0 = qat.fully_connected %x, %w, %b : (tensor<2x64xf32>, tensor<10x64xf32>, tensor<10xf32>) -> tensor<2x10xf32>
  // CHECK: qat.fully_connected %{{.*}}, %{{.*}} : (tensor<2x64xf32>, tensor<10x64xf32>) -> tensor<2x10xf32>
  %1 = qat.fully_connected %x, %w : (tensor<2x64xf32>, tensor<10x64xf32>) -> tensor<2x10xf32>
  return %0, %1 : tensor<2x10xf32>, tensor<2x10xf32>
}

// CHECK-LABEL: func @batch_norm
func.func @batch_norm(%x: tensor<1x4x4x8xf32>, %p: tensor<8xf32>, %y: tensor<3x8xf32>) -> (tensor<1x4x4x8xf32>, tensor<3x8xf32>) {
  // CHECK: qat.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 1.000000e-05 : f64} : tensor<1x4x4x8xf32>, tensor<8xf32>
  %0 = qat.batch_norm %x, %p, %p, %p, %p {epsilon = 1.0e-5} : tensor<1x4x4x8xf32>, tensor<8xf32>
  // CHECK: qat.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 1.000000e-03 : f64} : tensor<3x8xf32>, tensor<8xf32>
  %1 = qat.batch_norm %y, %p, %p, %p, %p {epsilon = 1.0e-3} : tensor<3x8xf32>, tensor<8xf32>
  return %0, %1 : tensor<1x4x4x8xf32>, tensor<3x8xf32>
}

// CHECK-LABEL: func @elementwise
func.func @elementwise(%a: tensor<1x4x4x8xf32>, %b: tensor<1x4x4x8xf32>, %c: tensor<8xf32>) -> (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) {
  // CHECK: qat.add %{{.*}}, %{{.*}} : (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %0 = qat.add %a, %b : (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  // CHECK: qat.add %{{.*}}, %{{.*}} : (tensor<8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %1 = qat.add %c, %a : (tensor<8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  // CHECK: qat.mul %{{.*}}, %{{.*}} : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
  %2 = qat.mul %a, %c : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
  // CHECK: qat.mul %{{.*}}, %{{.*}} : (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %3 = qat.mul %a, %b : (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %0, %1, %2, %3 : tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>
}

// CHECK-LABEL: func @activations
func.func @activations(%x: tensor<1x4x4x8xf32>, %l: tensor<2x10xf32>) -> (tensor<1x4x4x8xf32>, tensor<2x10xf32>, tensor<2x10xf32>) {
  // CHECK: %[[R:.*]] = qat.relu %{{.*}} : tensor<1x4x4x8xf32>
  %0 = qat.relu %x : tensor<1x4x4x8xf32>
  // CHECK: %[[R6:.*]] = qat.relu6 %[[R]] : tensor<1x4x4x8xf32>
  %1 = qat.relu6 %0 : tensor<1x4x4x8xf32>
  // CHECK: qat.clamp %[[R6]] {max = 1.000000e+00 : f64, min = -1.000000e+00 : f64} : tensor<1x4x4x8xf32>
  %2 = qat.clamp %1 {min = -1.0, max = 1.0} : tensor<1x4x4x8xf32>
  // CHECK: qat.softmax %{{.*}} : tensor<2x10xf32>
  %3 = qat.softmax %l : tensor<2x10xf32>
  // CHECK: qat.softmax %{{.*}} {beta = 5.000000e-01 : f64} : tensor<2x10xf32>
  %4 = qat.softmax %l {beta = 0.5} : tensor<2x10xf32>
  return %2, %3, %4 : tensor<1x4x4x8xf32>, tensor<2x10xf32>, tensor<2x10xf32>
}

// CHECK-LABEL: func @pointwise
func.func @pointwise(%x: tensor<1x4x4x8xf32>) -> (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) {
  // CHECK: %[[S:.*]] = qat.pointwise sigmoid %{{.*}} : tensor<1x4x4x8xf32>
  %0 = qat.pointwise sigmoid %x : tensor<1x4x4x8xf32>
  // CHECK: %[[T:.*]] = qat.pointwise tanh %[[S]] : tensor<1x4x4x8xf32>
  %1 = qat.pointwise tanh %0 : tensor<1x4x4x8xf32>
  // CHECK: %[[H:.*]] = qat.pointwise hard_swish %[[T]] : tensor<1x4x4x8xf32>
  %2 = qat.pointwise hard_swish %1 : tensor<1x4x4x8xf32>
  // CHECK: qat.pointwise hard_sigmoid %[[H]] {alpha = 2.000000e-01 : f64, beta = 5.000000e-01 : f64} : tensor<1x4x4x8xf32>
  %3 = qat.pointwise hard_sigmoid %2 {alpha = 0.2, beta = 0.5} : tensor<1x4x4x8xf32>
  // CHECK: qat.pointwise leaky_relu %{{.*}} {alpha = 1.000000e-02 : f64} : tensor<1x4x4x8xf32>
  %4 = qat.pointwise leaky_relu %x {alpha = 0.01} : tensor<1x4x4x8xf32>
  return %3, %4 : tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>
}

// CHECK-LABEL: func @pooling
func.func @pooling(%x: tensor<1x8x8x4xf32>) -> (tensor<1x4x4x4xf32>, tensor<1x4x4x4xf32>, tensor<1x3x3x4xf32>, tensor<1x1x1x4xf32>, tensor<1x4xf32>) {
  // CHECK: qat.max_pool2d %{{.*}} {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
  %0 = qat.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
  // CHECK: qat.avg_pool2d %{{.*}} {auto_pad = #qat.auto_pad<same>, kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
  %1 = qat.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, auto_pad = #qat.auto_pad<same>} : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
  // CHECK: qat.avg_pool2d %{{.*}} {count_include_pad = true, kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>, strides = array<i64: 3, 3>} : tensor<1x8x8x4xf32> -> tensor<1x3x3x4xf32>
  %2 = qat.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>, count_include_pad = true} : tensor<1x8x8x4xf32> -> tensor<1x3x3x4xf32>
  // CHECK: qat.mean %{{.*}} : tensor<1x8x8x4xf32> -> tensor<1x1x1x4xf32>
  %3 = qat.mean %x : tensor<1x8x8x4xf32> -> tensor<1x1x1x4xf32>
  // CHECK: qat.mean %{{.*}} : tensor<1x8x8x4xf32> -> tensor<1x4xf32>
  %4 = qat.mean %x : tensor<1x8x8x4xf32> -> tensor<1x4xf32>
  return %0, %1, %2, %3, %4 : tensor<1x4x4x4xf32>, tensor<1x4x4x4xf32>, tensor<1x3x3x4xf32>, tensor<1x1x1x4xf32>, tensor<1x4xf32>
}

// CHECK-LABEL: func @data_movement
func.func @data_movement(%x: tensor<1x4x4x8xf32>, %y: tensor<1x4x4x2xf32>) -> (tensor<1x128xf32>, tensor<1x4x4x10xf32>, tensor<1x6x6x8xf32>, tensor<1x5x4x8xf32>) {
  // CHECK: qat.reshape %{{.*}} : tensor<1x4x4x8xf32> -> tensor<1x128xf32>
  %0 = qat.reshape %x : tensor<1x4x4x8xf32> -> tensor<1x128xf32>
  // CHECK: qat.concat %{{.*}}, %{{.*}} {axis = 3 : i64} : (tensor<1x4x4x8xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x10xf32>
  %1 = qat.concat %x, %y {axis = 3} : (tensor<1x4x4x8xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x10xf32>
  // CHECK: qat.pad %{{.*}} {padding = array<i64: 0, 0, 1, 1, 1, 1, 0, 0>} : tensor<1x4x4x8xf32> -> tensor<1x6x6x8xf32>
  %2 = qat.pad %x {padding = array<i64: 0, 0, 1, 1, 1, 1, 0, 0>} : tensor<1x4x4x8xf32> -> tensor<1x6x6x8xf32>
  // CHECK: qat.pad %{{.*}} {padding = array<i64: 0, 0, 0, 1, 0, 0, 0, 0>, value = -1.000000e+00 : f64} : tensor<1x4x4x8xf32> -> tensor<1x5x4x8xf32>
  %3 = qat.pad %x {padding = array<i64: 0, 0, 0, 1, 0, 0, 0, 0>, value = -1.0} : tensor<1x4x4x8xf32> -> tensor<1x5x4x8xf32>
  return %0, %1, %2, %3 : tensor<1x128xf32>, tensor<1x4x4x10xf32>, tensor<1x6x6x8xf32>, tensor<1x5x4x8xf32>
}

// CHECK-LABEL: func @transpose
func.func @transpose(%x: tensor<1x3x4x5xf32>) -> tensor<1x4x5x3xf32> {
  // CHECK: qat.transpose %{{.*}} {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x3x4x5xf32> -> tensor<1x4x5x3xf32>
  %0 = qat.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x3x4x5xf32> -> tensor<1x4x5x3xf32>
  return %0 : tensor<1x4x5x3xf32>
}

// CHECK-LABEL: func @slice
func.func @slice(%x: tensor<1x8x8x48xf32>) -> tensor<1x8x4x24xf32> {
  // CHECK: qat.slice %{{.*}} {begin = array<i64: 0, 0, 7, 24>, strides = array<i64: 1, 1, -2, 1>} : tensor<1x8x8x48xf32> -> tensor<1x8x4x24xf32>
  %0 = qat.slice %x {begin = array<i64: 0, 0, 7, 24>, strides = array<i64: 1, 1, -2, 1>} : tensor<1x8x8x48xf32> -> tensor<1x8x4x24xf32>
  return %0 : tensor<1x8x4x24xf32>
}

// A linear layer at every position of a sequence.
// CHECK-LABEL: func @fully_connected_sequence
func.func @fully_connected_sequence(%x: tensor<1x5x6xf32>, %w: tensor<8x6xf32>) -> tensor<1x5x8xf32> {
  // CHECK: qat.fully_connected %{{.*}}, %{{.*}} : (tensor<1x5x6xf32>, tensor<8x6xf32>) -> tensor<1x5x8xf32>
  %0 = qat.fully_connected %x, %w : (tensor<1x5x6xf32>, tensor<8x6xf32>) -> tensor<1x5x8xf32>
  return %0 : tensor<1x5x8xf32>
}

// CHECK-LABEL: func @lstm
func.func @lstm(%x: tensor<1x8x8xf32>, %wx: tensor<4x16x8xf32>, %wh: tensor<4x16x16xf32>, %b: tensor<4x16xf32>) -> tensor<1x8x16xf32> {
  // CHECK: qat.lstm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {cell_clip = 2.500000e+00 : f64, cell_scale_power = -11 : i64} : (tensor<1x8x8xf32>, tensor<4x16x8xf32>, tensor<4x16x16xf32>, tensor<4x16xf32>) -> tensor<1x8x16xf32>
  %0 = qat.lstm %x, %wx, %wh, %b {cell_scale_power = -11, cell_clip = 2.5, time_major = false} : (tensor<1x8x8xf32>, tensor<4x16x8xf32>, tensor<4x16x16xf32>, tensor<4x16xf32>) -> tensor<1x8x16xf32>
  return %0 : tensor<1x8x16xf32>
}

// CHECK-LABEL: func @recurrent_initial_state
func.func @recurrent_initial_state(%x: tensor<1x8x8xf32>, %wx: tensor<4x16x8xf32>, %wh: tensor<4x16x16xf32>, %b: tensor<4x16xf32>, %h0: tensor<1x16xf32>, %c0: tensor<1x16xf32>, %gx: tensor<3x16x8xf32>, %gh: tensor<3x16x16xf32>, %gb: tensor<3x16xf32>) -> (tensor<1x8x16xf32>, tensor<1x8x16xf32>) {
  // CHECK: qat.lstm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} initial(%{{.*}}, %{{.*}}) {cell_scale_power = -11 : i64} : (tensor<1x8x8xf32>, tensor<4x16x8xf32>, tensor<4x16x16xf32>, tensor<4x16xf32>, tensor<1x16xf32>, tensor<1x16xf32>) -> tensor<1x8x16xf32>
  %0 = qat.lstm %x, %wx, %wh, %b initial(%h0, %c0) {cell_scale_power = -11} : (tensor<1x8x8xf32>, tensor<4x16x8xf32>, tensor<4x16x16xf32>, tensor<4x16xf32>, tensor<1x16xf32>, tensor<1x16xf32>) -> tensor<1x8x16xf32>
  // CHECK: qat.gru %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} initial(%{{.*}}) : (tensor<1x8x8xf32>, tensor<3x16x8xf32>, tensor<3x16x16xf32>, tensor<3x16xf32>, tensor<3x16xf32>, tensor<1x16xf32>) -> tensor<1x8x16xf32>
  %1 = qat.gru %x, %gx, %gh, %gb, %gb initial(%h0) : (tensor<1x8x8xf32>, tensor<3x16x8xf32>, tensor<3x16x16xf32>, tensor<3x16xf32>, tensor<3x16xf32>, tensor<1x16xf32>) -> tensor<1x8x16xf32>
  return %0, %1 : tensor<1x8x16xf32>, tensor<1x8x16xf32>
}

// CHECK-LABEL: func @matmul
func.func @matmul(%q: tensor<1x4x8x16xf32>, %k: tensor<1x4x8x16xf32>, %v: tensor<1x1x8x16xf32>) -> (tensor<1x4x8x8xf32>, tensor<1x4x8x16xf32>) {
  // CHECK: qat.matmul %{{.*}}, %{{.*}} {adj_y = true} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x8xf32>
  %s = qat.matmul %q, %k {adj_y = true} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: qat.matmul %{{.*}}, %{{.*}} : (tensor<1x4x8x8xf32>, tensor<1x1x8x16xf32>) -> tensor<1x4x8x16xf32>
  %o = qat.matmul %s, %v : (tensor<1x4x8x8xf32>, tensor<1x1x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %s, %o : tensor<1x4x8x8xf32>, tensor<1x4x8x16xf32>
}

// CHECK-LABEL: func @layer_norm
func.func @layer_norm(%x: tensor<1x8x16xf32>, %g: tensor<16xf32>, %b: tensor<16xf32>) -> tensor<1x8x16xf32> {
  // CHECK: qat.layer_norm %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 2.500000e-01 : f64} : (tensor<1x8x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x8x16xf32>
  %y = qat.layer_norm %x, %g, %b {epsilon = 0.25} : (tensor<1x8x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x8x16xf32>
  return %y : tensor<1x8x16xf32>
}
