// One expected-error per verifier constraint; function names are the
// constraint labels of docs/Spec.md.
// RUN: qat-opt %s -split-input-file -verify-diagnostics
func.func @fake_quant_c1_neither(%x: tensor<4xf32>) {
  // expected-error @+1 {{needs either min/max (TensorFlow form) or scale/zero_point (affine form), but has neither [fake_quant_c1]}}
  %0 = qat.fake_quant %x {num_bits = 8} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c1_both(%x: tensor<4xf32>) {
  // expected-error @+1 {{needs either min/max (TensorFlow form) or scale/zero_point (affine form), not both [fake_quant_c1]}}
  %0 = qat.fake_quant %x {min = array<f64: -1.0>, max = array<f64: 1.0>, scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c1_min_only(%x: tensor<4xf32>) {
  // expected-error @+1 {{TensorFlow form needs both min and max [fake_quant_c1]}}
  %0 = qat.fake_quant %x {min = array<f64: -1.0>} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c1_affine_incomplete(%x: tensor<4xf32>) {
  // expected-error @+1 {{affine form needs scale, zero_point, quant_min and quant_max [fake_quant_c1]}}
  %0 = qat.fake_quant %x {scale = array<f64: 0.1>, zero_point = array<i64: 0>} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c2_quant_min_in_tf_form(%x: tensor<4xf32>) {
  // expected-error @+1 {{quant_min/quant_max belong to the affine form; the TensorFlow form uses num_bits and narrow_range [fake_quant_c2]}}
  %0 = qat.fake_quant %x {min = array<f64: -1.0>, max = array<f64: 1.0>, quant_min = 0} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c2_num_bits_in_affine_form(%x: tensor<4xf32>) {
  // expected-error @+1 {{num_bits/narrow_range belong to the TensorFlow form; the affine form uses quant_min and quant_max [fake_quant_c2]}}
  %0 = qat.fake_quant %x {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127, num_bits = 8} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c3(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2 [fake_quant_c3]}}
  %0 = qat.fake_quant %x {axis = 2, min = array<f64: -1.0>, max = array<f64: 1.0>} : tensor<4x3xf32>
  return
}

// -----

func.func @fake_quant_c3_negative(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{axis -1 is out of range for rank 2 [fake_quant_c3]}}
  %0 = qat.fake_quant %x {axis = -1, min = array<f64: -1.0>, max = array<f64: 1.0>} : tensor<4x3xf32>
  return
}

// -----

func.func @fake_quant_c4_per_tensor(%x: tensor<4x2xf32>) {
  // expected-error @+1 {{min must have 1 value(s) (per tensor; set axis for per-axis parameters), but has 2 [fake_quant_c4]}}
  %0 = qat.fake_quant %x {min = array<f64: -1.0, -2.0>, max = array<f64: 1.0, 2.0>} : tensor<4x2xf32>
  return
}

// -----

func.func @fake_quant_c4_per_axis(%x: tensor<4x2xf32>) {
  // expected-error @+1 {{scale must have 4 value(s) (the size of dimension 0), but has 2 [fake_quant_c4]}}
  %0 = qat.fake_quant %x {axis = 0, scale = array<f64: 0.1, 0.2>, zero_point = array<i64: 0, 0>, quant_min = -127, quant_max = 127} : tensor<4x2xf32>
  return
}

// -----

func.func @fake_quant_c4_zero_point(%x: tensor<4x2xf32>) {
  // expected-error @+1 {{zero_point must have 2 value(s) (the size of dimension 1), but has 1 [fake_quant_c4]}}
  %0 = qat.fake_quant %x {axis = 1, scale = array<f64: 0.1, 0.2>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x2xf32>
  return
}

// -----

func.func @fake_quant_c5_low(%x: tensor<4xf32>) {
  // expected-error @+1 {{num_bits must be in [2, 16], but is 1 [fake_quant_c5]}}
  %0 = qat.fake_quant %x {min = array<f64: -1.0>, max = array<f64: 1.0>, num_bits = 1} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c5_high(%x: tensor<4xf32>) {
  // expected-error @+1 {{num_bits must be in [2, 16], but is 17 [fake_quant_c5]}}
  %0 = qat.fake_quant %x {min = array<f64: -1.0>, max = array<f64: 1.0>, num_bits = 17} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c6_empty_range(%x: tensor<2xf32>) {
  // expected-error @+1 {{needs min < max with a representable step in float32, but channel 1 has min 2.000000e+00 and max 2.000000e+00 [fake_quant_c6]}}
  %0 = qat.fake_quant %x {axis = 0, min = array<f64: -1.0, 2.0>, max = array<f64: 1.0, 2.0>} : tensor<2xf32>
  return
}

// -----

func.func @fake_quant_c6_infinite(%x: tensor<2xf32>) {
  // expected-error @+1 {{needs min < max with a representable step in float32, but channel 0 has min -INF and max 1.000000e+00 [fake_quant_c6]}}
  %0 = qat.fake_quant %x {min = array<f64: 0xFFF0000000000000>, max = array<f64: 1.0>} : tensor<2xf32>
  return
}

// -----

func.func @fake_quant_c7_zero(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale must be positive and finite in float32 (and so must its reciprocal), but channel 0 has scale 0.000000e+00 [fake_quant_c7]}}
  %0 = qat.fake_quant %x {scale = array<f64: 0.0>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c7_nan(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale must be positive and finite in float32 (and so must its reciprocal), but channel 0 has scale nan [fake_quant_c7]}}
  %0 = qat.fake_quant %x {scale = array<f64: 0x7FF8000000000000>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c7_float32_overflow(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale must be positive and finite in float32 (and so must its reciprocal), but channel 0 has scale 1.000000e+39 [fake_quant_c7]}}
  %0 = qat.fake_quant %x {scale = array<f64: 1.0e39>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c7_reciprocal(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale must be positive and finite in float32 (and so must its reciprocal), but channel 0 has scale 1.000000e-39 [fake_quant_c7]}}
  %0 = qat.fake_quant %x {scale = array<f64: 1.0e-39>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c6_float32_overflow(%x: tensor<4xf32>) {
  // expected-error @+1 {{needs min < max with a representable step in float32, but channel 0 has min -1.000000e+39 and max 1.000000e+00 [fake_quant_c6]}}
  %0 = qat.fake_quant %x {min = array<f64: -1.0e39>, max = array<f64: 1.0>} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c8_order(%x: tensor<4xf32>) {
  // expected-error @+1 {{needs quant_min < quant_max within a 16-bit signed or unsigned range, but has [5, 5] [fake_quant_c8]}}
  %0 = qat.fake_quant %x {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = 5, quant_max = 5} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c8_width(%x: tensor<4xf32>) {
  // expected-error @+1 {{needs quant_min < quant_max within a 16-bit signed or unsigned range, but has [-40000, 127] [fake_quant_c8]}}
  %0 = qat.fake_quant %x {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -40000, quant_max = 127} : tensor<4xf32>
  return
}

// -----

func.func @fake_quant_c9(%x: tensor<4xf32>) {
  // expected-error @+1 {{zero_point must lie in [quant_min, quant_max] = [-128, 127], but channel 0 has 200 [fake_quant_c9]}}
  %0 = qat.fake_quant %x {scale = array<f64: 0.1>, zero_point = array<i64: 200>, quant_min = -128, quant_max = 127} : tensor<4xf32>
  return
}

// -----

func.func @tensor_c1_dynamic(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float values of at most 2147483647 elements, but got 'tensor<?x4xf32>'}}
  %0 = qat.relu %x : tensor<?x4xf32>
  return
}

// -----

func.func @tensor_c1_element_type(%x: tensor<4xf16>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float values of at most 2147483647 elements, but got 'tensor<4xf16>'}}
  %0 = qat.relu %x : tensor<4xf16>
  return
}

// -----

func.func @tensor_c2_result_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "qat.relu"(%x) : (tensor<4xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @conv2d_c1(%x: tensor<8x8x3xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{input must have rank 4 (NHWC), but has rank 3 [conv2d_c1]}}
  %0 = qat.conv2d %x, %w : (tensor<8x8x3xf32>, tensor<16x3x3x3xf32>) -> tensor<1x6x6x16xf32>
  return
}

// -----

func.func @conv2d_c2(%x: tensor<1x8x8x3xf32>, %w: tensor<16x3x3xf32>) {
  // expected-error @+1 {{filter must have rank 4 (OHWI), but has rank 3 [conv2d_c2]}}
  %0 = qat.conv2d %x, %w : (tensor<1x8x8x3xf32>, tensor<16x3x3xf32>) -> tensor<1x6x6x16xf32>
  return
}

// -----

func.func @conv2d_c3(%x: tensor<1x8x8x3xf32>, %w: tensor<16x3x3x4xf32>) {
  // expected-error @+1 {{filter input channels (dimension 3 of OHWI) must equal the input channels 3, but are 4 [conv2d_c3]}}
  %0 = qat.conv2d %x, %w : (tensor<1x8x8x3xf32>, tensor<16x3x3x4xf32>) -> tensor<1x6x6x16xf32>
  return
}

// -----

func.func @conv2d_c4(%x: tensor<1x8x8x3xf32>, %w: tensor<16x3x3x3xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{bias must have shape [16] (one value per output channel), but has shape [8] [conv2d_c4]}}
  %0 = qat.conv2d %x, %w, %b : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>, tensor<8xf32>) -> tensor<1x6x6x16xf32>
  return
}

// -----

func.func @conv2d_c5(%x: tensor<1x8x8x3xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{result shape must be [1, 8, 8, 16], but is [1, 6, 6, 16] [conv2d_c5]}}
  %0 = qat.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>) -> tensor<1x6x6x16xf32>
  return
}

// -----

func.func @window_c1(%x: tensor<1x8x8x3xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{strides must be 2 positive values [h, w] of at most 2147483647, but are [0, 1] [window_c1]}}
  %0 = qat.conv2d %x, %w {strides = array<i64: 0, 1>} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>) -> tensor<1x6x6x16xf32>
  return
}

// -----

func.func @window_c1_count(%x: tensor<1x8x8x3xf32>) {
  // expected-error @+1 {{strides must be 2 positive values [h, w] of at most 2147483647, but are [2] [window_c1]}}
  %0 = qat.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2>} : tensor<1x8x8x3xf32> -> tensor<1x4x4x3xf32>
  return
}

// -----

func.func @window_c2(%x: tensor<1x8x8x3xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{dilations must be 2 positive values [h, w] of at most 2147483647, but are [1, -2] [window_c2]}}
  %0 = qat.conv2d %x, %w {dilations = array<i64: 1, -2>} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>) -> tensor<1x6x6x16xf32>
  return
}

// -----

func.func @window_c3_both(%x: tensor<1x8x8x3xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{takes either pad or auto_pad, not both [window_c3]}}
  %0 = qat.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, auto_pad = #qat.auto_pad<same>} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>) -> tensor<1x8x8x16xf32>
  return
}

// -----

func.func @window_c3_values(%x: tensor<1x8x8x3xf32>, %w: tensor<1x3x3x3xf32>) {
  // expected-error @+1 {{pad must be 4 non-negative values [top, bottom, left, right] of at most 2147483647, but is [1, -1, 1, 1] [window_c3]}}
  %0 = qat.depthwise_conv2d %x, %w {pad = array<i64: 1, -1, 1, 1>} : (tensor<1x8x8x3xf32>, tensor<1x3x3x3xf32>) -> tensor<1x8x8x3xf32>
  return
}

// -----

func.func @window_c4(%x: tensor<1x8x8x3xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{padded input height 8 is smaller than the (dilated) window height 9 [window_c4]}}
  %0 = qat.conv2d %x, %w {dilations = array<i64: 4, 1>} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>) -> tensor<1x1x6x16xf32>
  return
}

// -----

func.func @window_c5(%x: tensor<1x8x8x3xf32>) {
  // expected-error @+1 {{padding [0, 2, 0, 0] must be smaller than the window [2, 2] in each dimension, or a window would see only padding [window_c5]}}
  %0 = qat.avg_pool2d %x {kernel = array<i64: 2, 2>, pad = array<i64: 0, 2, 0, 0>} : tensor<1x8x8x3xf32> -> tensor<1x9x7x3xf32>
  return
}

// -----

func.func @depthwise_conv2d_c1(%x: tensor<8x3xf32>, %w: tensor<1x3x3x3xf32>) {
  // expected-error @+1 {{input must have rank 4 (NHWC), but has rank 2 [depthwise_conv2d_c1]}}
  %0 = qat.depthwise_conv2d %x, %w : (tensor<8x3xf32>, tensor<1x3x3x3xf32>) -> tensor<1x6x6x3xf32>
  return
}

// -----

func.func @depthwise_conv2d_c2_rank(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3xf32>) {
  // expected-error @+1 {{filter must have rank 4 (1HWC), but has rank 3 [depthwise_conv2d_c2]}}
  %0 = qat.depthwise_conv2d %x, %w : (tensor<1x8x8x3xf32>, tensor<3x3x3xf32>) -> tensor<1x6x6x3xf32>
  return
}

// -----

func.func @depthwise_conv2d_c2_leading(%x: tensor<1x8x8x3xf32>, %w: tensor<2x3x3x3xf32>) {
  // expected-error @+1 {{filter dimension 0 must be 1 (1HWC), but is 2 [depthwise_conv2d_c2]}}
  %0 = qat.depthwise_conv2d %x, %w : (tensor<1x8x8x3xf32>, tensor<2x3x3x3xf32>) -> tensor<1x6x6x3xf32>
  return
}

// -----

func.func @depthwise_conv2d_c3(%x: tensor<1x8x8x3xf32>, %w: tensor<1x3x3x4xf32>) {
  // expected-error @+1 {{filter channels 4 must be a multiple of the input channels 3 (input channels x channel multiplier) [depthwise_conv2d_c3]}}
  %0 = qat.depthwise_conv2d %x, %w : (tensor<1x8x8x3xf32>, tensor<1x3x3x4xf32>) -> tensor<1x6x6x4xf32>
  return
}

// -----

func.func @depthwise_conv2d_c4(%x: tensor<1x8x8x3xf32>, %w: tensor<1x3x3x6xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{bias must have shape [6] (one value per output channel), but has shape [3] [depthwise_conv2d_c4]}}
  %0 = qat.depthwise_conv2d %x, %w, %b : (tensor<1x8x8x3xf32>, tensor<1x3x3x6xf32>, tensor<3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @depthwise_conv2d_c5(%x: tensor<1x8x8x3xf32>, %w: tensor<1x3x3x6xf32>) {
  // expected-error @+1 {{result shape must be [1, 6, 6, 6], but is [1, 6, 6, 3] [depthwise_conv2d_c5]}}
  %0 = qat.depthwise_conv2d %x, %w : (tensor<1x8x8x3xf32>, tensor<1x3x3x6xf32>) -> tensor<1x6x6x3xf32>
  return
}

// -----

func.func @fully_connected_c1(%x: tensor<16xf32>, %w: tensor<10x16xf32>) {
  // expected-error @+1 {{input must have rank 2 or more ([..., K]), but has rank 1 [fully_connected_c1]}}
  %0 = qat.fully_connected %x, %w : (tensor<16xf32>, tensor<10x16xf32>) -> tensor<10xf32>
  return
}

// -----

func.func @fully_connected_c2(%x: tensor<1x16xf32>, %w: tensor<16xf32>) {
  // expected-error @+1 {{weights must have rank 2 ([O, K]), but has rank 1 [fully_connected_c2]}}
  %0 = qat.fully_connected %x, %w : (tensor<1x16xf32>, tensor<16xf32>) -> tensor<1x10xf32>
  return
}

// -----

func.func @fully_connected_c3(%x: tensor<1x16xf32>, %w: tensor<10x15xf32>) {
  // expected-error @+1 {{weights must have 16 columns (the input's K), but have 15 [fully_connected_c3]}}
  %0 = qat.fully_connected %x, %w : (tensor<1x16xf32>, tensor<10x15xf32>) -> tensor<1x10xf32>
  return
}

// -----

func.func @fully_connected_c4(%x: tensor<1x16xf32>, %w: tensor<10x16xf32>, %b: tensor<1x10xf32>) {
  // expected-error @+1 {{bias must have shape [10] (one value per output channel), but has shape [1, 10] [fully_connected_c4]}}
  %0 = qat.fully_connected %x, %w, %b : (tensor<1x16xf32>, tensor<10x16xf32>, tensor<1x10xf32>) -> tensor<1x10xf32>
  return
}

// -----

func.func @fully_connected_c5(%x: tensor<2x16xf32>, %w: tensor<10x16xf32>) {
  // expected-error @+1 {{result shape must be [2, 10], but is [1, 10] [fully_connected_c5]}}
  %0 = qat.fully_connected %x, %w : (tensor<2x16xf32>, tensor<10x16xf32>) -> tensor<1x10xf32>
  return
}

// -----

func.func @batch_norm_c1(%x: tensor<f32>, %p: tensor<1xf32>) {
  // expected-error @+1 {{input must have a channel dimension (rank >= 1) [batch_norm_c1]}}
  %0 = qat.batch_norm %x, %p, %p, %p, %p {epsilon = 1.0e-5} : tensor<f32>, tensor<1xf32>
  return
}

// -----

func.func @batch_norm_c2(%x: tensor<1x4x4x8xf32>, %p: tensor<4xf32>) {
  // expected-error @+1 {{gamma, beta, mean and variance must have shape [8] (the last input dimension), but have shape [4] [batch_norm_c2]}}
  %0 = qat.batch_norm %x, %p, %p, %p, %p {epsilon = 1.0e-5} : tensor<1x4x4x8xf32>, tensor<4xf32>
  return
}

// -----

func.func @batch_norm_c2_same_types(%x: tensor<2x8xf32>, %p: tensor<8xf32>, %q: tensor<1x8xf32>) {
  // expected-error @+1 {{failed to verify that all of {gamma, beta, mean, variance} have same type}}
  %0 = "qat.batch_norm"(%x, %p, %q, %p, %p) <{epsilon = 1.0e-5 : f64}> : (tensor<2x8xf32>, tensor<8xf32>, tensor<1x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @batch_norm_c3(%x: tensor<2x8xf32>, %p: tensor<8xf32>) {
  // expected-error @+1 {{epsilon must be finite and non-negative, but is -1.000000e+00 [batch_norm_c3]}}
  %0 = qat.batch_norm %x, %p, %p, %p, %p {epsilon = -1.0} : tensor<2x8xf32>, tensor<8xf32>
  return
}

// -----

func.func @add_c1_shapes(%a: tensor<1x4x4x8xf32>, %b: tensor<1x4x4x4xf32>) {
  // expected-error @+1 {{operands must have the same shape, or one must be 1-D with the size of the other's last dimension, but have shapes [1, 4, 4, 8] and [1, 4, 4, 4] [add_c1]}}
  %0 = qat.add %a, %b : (tensor<1x4x4x8xf32>, tensor<1x4x4x4xf32>) -> tensor<1x4x4x8xf32>
  return
}

// -----

func.func @add_c1_result(%a: tensor<1x4x4x8xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{result shape must be [1, 4, 4, 8], but is [8] [add_c1]}}
  %0 = qat.add %a, %b : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @mul_c1(%a: tensor<1x4x4x8xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{operands must have the same shape, or one must be 1-D with the size of the other's last dimension, but have shapes [1, 4, 4, 8] and [4] [mul_c1]}}
  %0 = qat.mul %a, %b : (tensor<1x4x4x8xf32>, tensor<4xf32>) -> tensor<1x4x4x8xf32>
  return
}

// -----

func.func @clamp_c1(%x: tensor<4xf32>) {
  // expected-error @+1 {{needs min <= max, but has min 1.000000e+00 and max -1.000000e+00 [clamp_c1]}}
  %0 = qat.clamp %x {min = 1.0, max = -1.0} : tensor<4xf32>
  return
}

// -----

func.func @pointwise_c1_missing(%x: tensor<4xf32>) {
  // expected-error @+1 {{leaky_relu needs 'alpha' [pointwise_c1]}}
  %0 = qat.pointwise leaky_relu %x : tensor<4xf32>
  return
}

// -----

func.func @pointwise_c1_unexpected(%x: tensor<4xf32>) {
  // expected-error @+1 {{sigmoid takes no 'alpha' [pointwise_c1]}}
  %0 = qat.pointwise sigmoid %x {alpha = 0.5} : tensor<4xf32>
  return
}

// -----

func.func @pointwise_c1_not_finite(%x: tensor<4xf32>) {
  // expected-error @+1 {{'alpha' must be finite [pointwise_c1]}}
  %0 = qat.pointwise leaky_relu %x {alpha = 0x7FF0000000000000 : f64} : tensor<4xf32>
  return
}

// -----

func.func @pointwise_c2(%x: tensor<4xf32>) {
  // expected-error @+1 {{hard_sigmoid needs 'beta' [pointwise_c2]}}
  %0 = qat.pointwise hard_sigmoid %x {alpha = 0.2} : tensor<4xf32>
  return
}

// -----

func.func @softmax_c1(%x: tensor<f32>) {
  // expected-error @+1 {{input must have rank >= 1 [softmax_c1]}}
  %0 = qat.softmax %x : tensor<f32>
  return
}

// -----

func.func @softmax_c2(%x: tensor<4xf32>) {
  // expected-error @+1 {{beta must be finite and positive, but is 0.000000e+00 [softmax_c2]}}
  %0 = qat.softmax %x {beta = 0.0} : tensor<4xf32>
  return
}

// -----

func.func @pool_c1(%x: tensor<8x8x3xf32>) {
  // expected-error @+1 {{input must have rank 4 (NHWC), but has rank 3 [pool_c1]}}
  %0 = qat.max_pool2d %x {kernel = array<i64: 2, 2>} : tensor<8x8x3xf32> -> tensor<7x7x3xf32>
  return
}

// -----

func.func @pool_c2(%x: tensor<1x8x8x3xf32>) {
  // expected-error @+1 {{kernel must be 2 positive values [h, w] of at most 2147483647, but is [2, 0] [pool_c2]}}
  %0 = qat.avg_pool2d %x {kernel = array<i64: 2, 0>} : tensor<1x8x8x3xf32> -> tensor<1x7x7x3xf32>
  return
}

// -----

func.func @pool_c3(%x: tensor<1x8x8x3xf32>) {
  // expected-error @+1 {{result shape must be [1, 4, 4, 3], but is [1, 4, 4, 8] [pool_c3]}}
  %0 = qat.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x8x8x3xf32> -> tensor<1x4x4x8xf32>
  return
}

// -----

func.func @mean_c1(%x: tensor<8x3xf32>) {
  // expected-error @+1 {{input must have rank 4 (NHWC), but has rank 2 [mean_c1]}}
  %0 = qat.mean %x : tensor<8x3xf32> -> tensor<3xf32>
  return
}

// -----

func.func @mean_c2(%x: tensor<1x8x8x3xf32>) {
  // expected-error @+1 {{result shape must be [1, 1, 1, 3] or [1, 3], but is [1, 8, 3] [mean_c2]}}
  %0 = qat.mean %x : tensor<1x8x8x3xf32> -> tensor<1x8x3xf32>
  return
}

// -----

func.func @transpose_c1_repeated(%x: tensor<1x3x4x5xf32>) {
  // expected-error @+1 {{permutation [0, 2, 2, 1] must order the input's 4 dimensions [transpose_c1]}}
  %0 = qat.transpose %x {permutation = array<i64: 0, 2, 2, 1>} : tensor<1x3x4x5xf32> -> tensor<1x4x4x3xf32>
  return
}

// -----

func.func @transpose_c1_rank(%x: tensor<1x3x4x5xf32>) {
  // expected-error @+1 {{permutation [0, 2, 1] must order the input's 4 dimensions [transpose_c1]}}
  %0 = qat.transpose %x {permutation = array<i64: 0, 2, 1>} : tensor<1x3x4x5xf32> -> tensor<1x4x3xf32>
  return
}

// -----

func.func @transpose_c2(%x: tensor<1x3x4x5xf32>) {
  // expected-error @+1 {{result shape must be [1, 4, 5, 3], but is [1, 5, 4, 3] [transpose_c2]}}
  %0 = qat.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x3x4x5xf32> -> tensor<1x5x4x3xf32>
  return
}

// -----

func.func @reshape_c1(%x: tensor<1x4x4x8xf32>) {
  // expected-error @+1 {{result must have as many elements as the input (128), but has 100 [reshape_c1]}}
  %0 = qat.reshape %x : tensor<1x4x4x8xf32> -> tensor<1x100xf32>
  return
}

// -----

func.func @concat_c1() {
  // expected-error @+1 {{needs at least one input [concat_c1]}}
  %0 = "qat.concat"() <{axis = 0 : i64}> : () -> tensor<4xf32>
  return
}

// -----

func.func @concat_c2(%a: tensor<1x4x4x8xf32>, %b: tensor<1x4x4x8xf32>) {
  // expected-error @+1 {{axis 4 is out of range for rank 4 [concat_c2]}}
  %0 = qat.concat %a, %b {axis = 4} : (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x16xf32>
  return
}

// -----

func.func @concat_c3(%a: tensor<1x4x4x8xf32>, %b: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{input 1 has shape [1, 2, 4, 8], which differs from input 0 [1, 4, 4, 8] outside axis 3 [concat_c3]}}
  %0 = qat.concat %a, %b {axis = 3} : (tensor<1x4x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x4x4x16xf32>
  return
}

// -----

func.func @concat_c4(%a: tensor<1x4x4x8xf32>, %b: tensor<1x4x4x2xf32>) {
  // expected-error @+1 {{result shape must be [1, 4, 4, 10], but is [1, 4, 4, 16] [concat_c4]}}
  %0 = qat.concat %a, %b {axis = 3} : (tensor<1x4x4x8xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x16xf32>
  return
}

// -----

func.func @pad_c1(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{padding must be 4 non-negative values (before and after each dimension) of at most 2147483647, but is [1, 1] [pad_c1]}}
  %0 = qat.pad %x {padding = array<i64: 1, 1>} : tensor<4x4xf32> -> tensor<6x6xf32>
  return
}

// -----

func.func @pad_c2(%x: tensor<4xf32>) {
  // expected-error @+1 {{value must be finite [pad_c2]}}
  %0 = qat.pad %x {padding = array<i64: 1, 1>, value = 0x7FF0000000000000 : f64} : tensor<4xf32> -> tensor<6xf32>
  return
}

// -----

func.func @pad_c3(%x: tensor<4xf32>) {
  // expected-error @+1 {{result shape must be [7], but is [6] [pad_c3]}}
  %0 = qat.pad %x {padding = array<i64: 1, 2>} : tensor<4xf32> -> tensor<6xf32>
  return
}

// -----

// expected-error @+1 {{'func.func' op result 0 has qat.layout "NWHC"; a layout is "NHWC", "NCHW" or "NCL" [port_c1]}}
func.func @port_c1(%x: tensor<1x2x2x1xf32>) -> (tensor<1x2x2x1xf32> {qat.layout = "NWHC"}) {
  return %x : tensor<1x2x2x1xf32>
}

// -----

// expected-error @+1 {{'func.func' op argument 0 has qat.source_layout "CHW"; a layout is "NHWC", "NCHW" or "NCL" [port_c1]}}
func.func @port_c1_source(%x: tensor<1x2x2x1xf32> {qat.layout = "NHWC", qat.source_layout = "CHW"}) -> tensor<1x2x2x1xf32> {
  return %x : tensor<1x2x2x1xf32>
}

// -----

func.func @slice_c1(%x: tensor<1x8x8x48xf32>) {
  // expected-error @+1 {{begin, strides and the result must have the input's rank 4 [slice_c1]}}
  %y = qat.slice %x {begin = array<i64: 0, 0, 0>, strides = array<i64: 1, 1, 1, 1>} : tensor<1x8x8x48xf32> -> tensor<1x8x8x24xf32>
  return
}

// -----

func.func @slice_c2(%x: tensor<1x8x8x48xf32>) {
  // expected-error @+1 {{stride of dimension 3 must not be 0 [slice_c2]}}
  %y = qat.slice %x {begin = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1, 1, 0>} : tensor<1x8x8x48xf32> -> tensor<1x8x8x24xf32>
  return
}

// -----

func.func @slice_c3(%x: tensor<1x8x8x48xf32>) {
  // expected-error @+1 {{dimension 3 reads elements 25 to 48, outside the input's 48 [slice_c3]}}
  %y = qat.slice %x {begin = array<i64: 0, 0, 0, 25>, strides = array<i64: 1, 1, 1, 1>} : tensor<1x8x8x48xf32> -> tensor<1x8x8x24xf32>
  return
}

// -----

func.func @lstm_c1(%x: tensor<2x3xf32>, %wx: tensor<4x5x3xf32>, %wh: tensor<4x5x5xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{needs an input and output of rank 3, weights of rank 3 and a bias of rank 2 [lstm_c1]}}
  %0 = qat.lstm %x, %wx, %wh, %b {cell_scale_power = -11} : (tensor<2x3xf32>, tensor<4x5x3xf32>, tensor<4x5x5xf32>, tensor<4x5xf32>) -> tensor<2x1x5xf32>
  return
}

// -----

func.func @lstm_c2(%x: tensor<2x1x3xf32>, %wx: tensor<4x5x3xf32>, %wh: tensor<4x5x4xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{input_weights must be [4, H, 3], recurrent_weights [4, H, H] and bias [4, H] (gates input, forget, cell, output), but are [4, 5, 3], [4, 5, 4] and [4, 5] [lstm_c2]}}
  %0 = qat.lstm %x, %wx, %wh, %b {cell_scale_power = -11} : (tensor<2x1x3xf32>, tensor<4x5x3xf32>, tensor<4x5x4xf32>, tensor<4x5xf32>) -> tensor<2x1x5xf32>
  return
}

// -----

func.func @lstm_c3(%x: tensor<2x1x3xf32>, %wx: tensor<4x5x3xf32>, %wh: tensor<4x5x5xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{cell_scale_power must be in [-31, 2], but is -40 [lstm_c3]}}
  %0 = qat.lstm %x, %wx, %wh, %b {cell_scale_power = -40} : (tensor<2x1x3xf32>, tensor<4x5x3xf32>, tensor<4x5x5xf32>, tensor<4x5xf32>) -> tensor<2x1x5xf32>
  return
}

// -----

func.func @lstm_c4(%x: tensor<2x1x3xf32>, %wx: tensor<4x5x3xf32>, %wh: tensor<4x5x5xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{cell_clip must be finite and non-negative, but is -1.000000e+00 [lstm_c4]}}
  %0 = qat.lstm %x, %wx, %wh, %b {cell_scale_power = -11, cell_clip = -1.0} : (tensor<2x1x3xf32>, tensor<4x5x3xf32>, tensor<4x5x5xf32>, tensor<4x5xf32>) -> tensor<2x1x5xf32>
  return
}

// -----

func.func @gru_c1(%x: tensor<2x3xf32>, %wx: tensor<3x5x3xf32>, %wh: tensor<3x5x5xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{needs an input and output of rank 3, weights of rank 3 and biases of rank 2 [gru_c1]}}
  %0 = qat.gru %x, %wx, %wh, %b, %b : (tensor<2x3xf32>, tensor<3x5x3xf32>, tensor<3x5x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<2x1x5xf32>
  return
}

// -----

func.func @gru_c2(%x: tensor<2x1x3xf32>, %wx: tensor<4x5x3xf32>, %wh: tensor<3x5x5xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{input_weights must be [3, H, 3], recurrent_weights [3, H, H] and the biases [3, H] (gates reset, update, new), but are [4, 5, 3], [3, 5, 5], [3, 5] and [3, 5] [gru_c2]}}
  %0 = qat.gru %x, %wx, %wh, %b, %b : (tensor<2x1x3xf32>, tensor<4x5x3xf32>, tensor<3x5x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<2x1x5xf32>
  return
}

// -----

func.func @lstm_c5(%x: tensor<2x1x3xf32>, %wx: tensor<4x5x3xf32>, %wh: tensor<4x5x5xf32>, %b: tensor<4x5xf32>, %h0: tensor<1x5xf32>) {
  // expected-error @+1 {{initial hidden and cell states must be [2, 5] (batches, units), but one is [1, 5] [lstm_c5]}}
  %0 = qat.lstm %x, %wx, %wh, %b initial(%h0, %h0) {cell_scale_power = -11} : (tensor<2x1x3xf32>, tensor<4x5x3xf32>, tensor<4x5x5xf32>, tensor<4x5xf32>, tensor<1x5xf32>, tensor<1x5xf32>) -> tensor<2x1x5xf32>
  return
}

// -----

func.func @lstm_c5_count(%x: tensor<2x1x3xf32>, %wx: tensor<4x5x3xf32>, %wh: tensor<4x5x5xf32>, %b: tensor<4x5xf32>, %h0: tensor<1x5xf32>) {
  // expected-error @+1 {{initial state must be (hidden, cell), but has 1 values [lstm_c5]}}
  %0 = qat.lstm %x, %wx, %wh, %b initial(%h0) {cell_scale_power = -11} : (tensor<2x1x3xf32>, tensor<4x5x3xf32>, tensor<4x5x5xf32>, tensor<4x5xf32>, tensor<1x5xf32>) -> tensor<2x1x5xf32>
  return
}

// -----

func.func @gru_c3(%x: tensor<2x1x3xf32>, %wx: tensor<3x5x3xf32>, %wh: tensor<3x5x5xf32>, %b: tensor<3x5xf32>, %s0: tensor<1x4xf32>) {
  // expected-error @+1 {{initial state must be [2, 5] (batches, units), but one is [1, 4] [gru_c3]}}
  %0 = qat.gru %x, %wx, %wh, %b, %b initial(%s0) {time_major = false} : (tensor<2x1x3xf32>, tensor<3x5x3xf32>, tensor<3x5x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>, tensor<1x4xf32>) -> tensor<2x1x5xf32>
  return
}

// -----

func.func @matmul_c1(%a: tensor<8xf32>, %b: tensor<8x4xf32>) {
  // expected-error @+1 {{needs operands and result of one rank in [2, 5], but has ranks 1, 2 and 2 [matmul_c1]}}
  %0 = qat.matmul %a, %b : (tensor<8xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
  return
}

// -----

func.func @matmul_c2(%a: tensor<2x4x8xf32>, %b: tensor<2x8x5xf32>) {
  // expected-error @+1 {{result must be [2, 4, 5], but is [2, 4, 4] [matmul_c2]}}
  %0 = qat.matmul %a, %b : (tensor<2x4x8xf32>, tensor<2x8x5xf32>) -> tensor<2x4x4xf32>
  return
}

// -----

func.func @matmul_c3(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) {
  // expected-error @+1 {{alpha must be finite and positive, but is -1.000000e+00 [matmul_c3]}}
  %0 = qat.matmul %a, %b {alpha = -1.0} : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @layer_norm_c1(%x: tensor<2x8xf32>, %g: tensor<4xf32>) {
  // expected-error @+1 {{gamma and beta must be [8] (the last dimension), but one is [4] [layer_norm_c1]}}
  %0 = qat.layer_norm %x, %g, %g : (tensor<2x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @layer_norm_c2(%x: tensor<2x8xf32>, %g: tensor<8xf32>) {
  // expected-error @+1 {{epsilon must be finite and non-negative, but is -1.000000e+00 [layer_norm_c2]}}
  %0 = qat.layer_norm %x, %g, %g {epsilon = -1.0} : (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return
}
