// One expected-error per verifier constraint; function names are the
// constraint labels of docs/QIntSpec.md.
// RUN: qat-opt %s -split-input-file -verify-diagnostics
func.func @quant_c1(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{input_zp must be in [-128, 127] (int8), but is 128 [quant_c1]}}
  %0 = qint.conv2d %x, %w {input_zp = 128, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @quant_c1_output(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{output_zp must be in [-128, 127] (int8), but is -129 [quant_c1]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = -129, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @quant_c1_i32_input(%x: tensor<4xi32>) {
  // expected-error @+1 {{input_zp of an i32 input must fit in int32, but is 3000000000 [quant_c1]}}
  %0 = qint.requantize %x {input_zp = 3000000000, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<4xi32> -> tensor<4xi8>
  return
}

// -----

func.func @quant_c2(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{output multiplier must be in [0, 2^31 - 1], but is -5 [quant_c2]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: -5, 1>, shift = array<i32: -8, -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @quant_c2_scalar(%x: tensor<4xi8>) {
  // expected-error @+1 {{output multiplier must be in [0, 2^31 - 1], but is 2147483648 [quant_c2]}}
  %0 = qint.mul %x, %x {lhs_zp = 0, rhs_zp = 0, output_multiplier = 2147483648, output_shift = 0, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  return
}

// -----

func.func @quant_c3_double(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{output shift must be in [-31, 31] with double rounding, but is 32 [quant_c3]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 32>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @quant_c3_single(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{output shift must be in [-31, 30] with single rounding, but is 31 [quant_c3]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 31>, act_min = -128, act_max = 127, rounding = #qint.rounding<single>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @quant_c3_low(%x: tensor<1x4x4x2xi8>) {
  // expected-error @+1 {{mean shift must be in [-31, 31] with double rounding, but is -32 [quant_c3]}}
  %0 = qint.mean %x {input_zp = 0, output_zp = 0, multiplier = 1073741824, shift = -32, rounding = #qint.rounding<double>} : tensor<1x4x4x2xi8> -> tensor<1x2xi8>
  return
}

// -----

func.func @quant_c4(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{multiplier and shift must both have 1 value (per tensor) or 2 (per channel), but have 3 and 3 [quant_c4]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1, 2, 3>, shift = array<i32: 0, 0, 0>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @quant_c4_lengths(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{multiplier and shift must both have 1 value (per tensor) or 2 (per channel), but have 2 and 1 [quant_c4]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1, 2>, shift = array<i32: 0>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @quant_c5(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{needs -128 <= act_min <= act_max <= 127, but has act_min 10 and act_max 5 [quant_c5]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1>, shift = array<i32: 0>, act_min = 10, act_max = 5, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @quant_c5_range(%x: tensor<1x4x4x2xi8>) {
  // expected-error @+1 {{needs -128 <= act_min <= act_max <= 127, but has act_min -128 and act_max 128 [quant_c5]}}
  %0 = qint.max_pool2d %x {kernel = array<i64: 2, 2>, act_min = -128, act_max = 128} : tensor<1x4x4x2xi8> -> tensor<1x3x3x2xi8>
  return
}

// -----

func.func @qint_tensor_c1(%x: tensor<1x8x8x3xf32>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 8-bit signless integer or 16-bit signless integer values of at most 2147483647 elements, but got 'tensor<1x8x8x3xf32>'}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xf32>, tensor<2x3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @qint_tensor_c1_weights(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi2>) {
  // expected-error @+1 {{operand #1 must be statically shaped tensor of 8-bit signless integer or 4-bit signless integer values of at most 2147483647 elements, but got 'tensor<2x3x3x3xi2>'}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi2>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @qint_tensor_c1_bias(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>, %b: tensor<2xi8>) {
  // expected-error @+1 {{operand #2 must be statically shaped tensor of 32-bit signless integer or 64-bit signless integer values of at most 2147483647 elements, but got 'tensor<2xi8>'}}
  %0 = qint.conv2d %x, %w, %b {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>, tensor<2xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @qint_tensor_c2(%x: tensor<4x2xi32>) {
  // expected-error @+1 {{failed to verify that all of {input, output} have same element type}}
  %0 = "qint.reshape"(%x) : (tensor<4x2xi32>) -> tensor<8xi8>
  return
}

// -----

func.func @qint_conv2d_c1(%x: tensor<8x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{input must have rank 4 (NHWC), but has rank 3 [qint_conv2d_c1]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @qint_conv2d_c2(%x: tensor<1x8x8x3xi8>, %w: tensor<3x3x3xi8>) {
  // expected-error @+1 {{filter must have rank 4 (OHWI), but has rank 3 [qint_conv2d_c2]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @qint_conv2d_c3(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x4xi8>) {
  // expected-error @+1 {{filter input channels (dimension 3 of OHWI) must equal the input channels 3, but are 4 [qint_conv2d_c3]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x4xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @qint_conv2d_c4(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>, %b: tensor<3xi32>) {
  // expected-error @+1 {{bias must have shape [2] (one value per output channel), but has shape [3] [qint_conv2d_c4]}}
  %0 = qint.conv2d %x, %w, %b {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>, tensor<3xi32>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @qint_conv2d_c5(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{result shape must be [1, 6, 6, 2], but is [1, 8, 8, 2] [qint_conv2d_c5]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x8x8x2xi8>
  return
}

// -----

func.func @window_c1(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{strides must be 2 positive values [h, w] of at most 2147483647, but are [1, 0] [window_c1]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>, strides = array<i64: 1, 0>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @window_c2(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{dilations must be 2 positive values [h, w] of at most 2147483647, but are [1, 1, 1] [window_c2]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>, dilations = array<i64: 1, 1, 1>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @window_c3(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{pad must be 4 non-negative values [top, bottom, left, right] of at most 2147483647, but is [1, 1] [window_c3]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>, pad = array<i64: 1, 1>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x6x6x2xi8>
  return
}

// -----

func.func @window_c4(%x: tensor<1x2x8x3xi8>, %w: tensor<2x3x3x3xi8>) {
  // expected-error @+1 {{padded input height 2 is smaller than the (dilated) window height 3 [window_c4]}}
  %0 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x2x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x1x6x2xi8>
  return
}

// -----

func.func @window_c5(%x: tensor<1x4x4x2xi8>) {
  // expected-error @+1 {{padding [0, 0, 2, 0] must be smaller than the window [2, 2] in each dimension, or a window would see only padding [window_c5]}}
  %0 = qint.avg_pool2d %x {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 2, 0>, act_min = -128, act_max = 127} : tensor<1x4x4x2xi8> -> tensor<1x3x5x2xi8>
  return
}

// -----

func.func @qint_depthwise_conv2d_c1(%x: tensor<8x3xi8>, %w: tensor<1x3x3x6xi8>) {
  // expected-error @+1 {{input must have rank 4 (NHWC), but has rank 2 [qint_depthwise_conv2d_c1]}}
  %0 = qint.depthwise_conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<8x3xi8>, tensor<1x3x3x6xi8>) -> tensor<1x6x6x6xi8>
  return
}

// -----

func.func @qint_depthwise_conv2d_c2(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x6xi8>) {
  // expected-error @+1 {{filter dimension 0 must be 1 (1HWC), but is 2 [qint_depthwise_conv2d_c2]}}
  %0 = qint.depthwise_conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x6xi8>) -> tensor<1x6x6x6xi8>
  return
}

// -----

func.func @qint_depthwise_conv2d_c3(%x: tensor<1x8x8x3xi8>, %w: tensor<1x3x3x5xi8>) {
  // expected-error @+1 {{filter channels 5 must be a multiple of the input channels 3 (input channels x channel multiplier) [qint_depthwise_conv2d_c3]}}
  %0 = qint.depthwise_conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<1x3x3x5xi8>) -> tensor<1x6x6x5xi8>
  return
}

// -----

func.func @qint_depthwise_conv2d_c4(%x: tensor<1x8x8x3xi8>, %w: tensor<1x3x3x6xi8>, %b: tensor<3xi32>) {
  // expected-error @+1 {{bias must have shape [6] (one value per output channel), but has shape [3] [qint_depthwise_conv2d_c4]}}
  %0 = qint.depthwise_conv2d %x, %w, %b {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<1x3x3x6xi8>, tensor<3xi32>) -> tensor<1x6x6x6xi8>
  return
}

// -----

func.func @qint_depthwise_conv2d_c5(%x: tensor<1x8x8x3xi8>, %w: tensor<1x3x3x6xi8>) {
  // expected-error @+1 {{result shape must be [1, 6, 6, 6], but is [1, 6, 6, 3] [qint_depthwise_conv2d_c5]}}
  %0 = qint.depthwise_conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<1x3x3x6xi8>) -> tensor<1x6x6x3xi8>
  return
}

// -----

func.func @qint_fully_connected_c1(%x: tensor<16xi8>, %w: tensor<4x16xi8>) {
  // expected-error @+1 {{input must have rank 2 ([N, K]), but has rank 1 [qint_fully_connected_c1]}}
  %0 = qint.fully_connected %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<16xi8>, tensor<4x16xi8>) -> tensor<1x4xi8>
  return
}

// -----

func.func @qint_fully_connected_c2(%x: tensor<1x16xi8>, %w: tensor<4x16x1xi8>) {
  // expected-error @+1 {{weights must have rank 2 ([O, K]), but has rank 3 [qint_fully_connected_c2]}}
  %0 = qint.fully_connected %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x16xi8>, tensor<4x16x1xi8>) -> tensor<1x4xi8>
  return
}

// -----

func.func @qint_fully_connected_c3(%x: tensor<1x16xi8>, %w: tensor<4x15xi8>) {
  // expected-error @+1 {{weights must have 16 columns (the input's K), but have 15 [qint_fully_connected_c3]}}
  %0 = qint.fully_connected %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x16xi8>, tensor<4x15xi8>) -> tensor<1x4xi8>
  return
}

// -----

func.func @qint_fully_connected_c4(%x: tensor<1x16xi8>, %w: tensor<4x16xi8>, %b: tensor<5xi32>) {
  // expected-error @+1 {{bias must have shape [4] (one value per output channel), but has shape [5] [qint_fully_connected_c4]}}
  %0 = qint.fully_connected %x, %w, %b {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x16xi8>, tensor<4x16xi8>, tensor<5xi32>) -> tensor<1x4xi8>
  return
}

// -----

func.func @qint_fully_connected_c5(%x: tensor<1x16xi8>, %w: tensor<4x16xi8>) {
  // expected-error @+1 {{result shape must be [1, 4], but is [4] [qint_fully_connected_c5]}}
  %0 = qint.fully_connected %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x16xi8>, tensor<4x16xi8>) -> tensor<4xi8>
  return
}

// -----

func.func @qint_add_c1(%a: tensor<4xi8>, %b: tensor<5xi8>) {
  // expected-error @+1 {{operands must have the same shape, or one must be 1-D with the size of the other's last dimension, but have shapes [4] and [5] [qint_add_c1]}}
  %0 = qint.add %a, %b {left_shift = 20, lhs_shift = 0, lhs_zp = 0, rhs_zp = 0, lhs_multiplier = 1073741824, rhs_multiplier = 1073741824, rhs_shift = 0, output_multiplier = 1073741824, output_shift = -19, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<4xi8>, tensor<5xi8>) -> tensor<4xi8>
  return
}

// -----

func.func @qint_add_c2(%a: tensor<4xi8>) {
  // expected-error @+1 {{left_shift must be in [0, 22] so that (x - zp) << left_shift fits in int32, but is -1 [qint_add_c2]}}
  %0 = qint.add %a, %a {left_shift = -1, lhs_shift = 0, lhs_zp = 0, rhs_zp = 0, lhs_multiplier = 1073741824, rhs_multiplier = 1073741824, rhs_shift = 0, output_multiplier = 1073741824, output_shift = -19, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  return
}

// -----

func.func @qint_add_c3(%a: tensor<4xi8>) {
  // expected-error @+1 {{lhs_shift must be <= 0 (a multiplier below one), but is 1 [qint_add_c3]}}
  %0 = qint.add %a, %a {left_shift = 20, lhs_shift = 1, lhs_zp = 0, rhs_zp = 0, lhs_multiplier = 1073741824, rhs_multiplier = 1073741824, rhs_shift = 0, output_multiplier = 1073741824, output_shift = -19, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  return
}

// -----

func.func @qint_mul_c1(%a: tensor<2x4xi8>, %b: tensor<2xi8>) {
  // expected-error @+1 {{operands must have the same shape, or one must be 1-D with the size of the other's last dimension, but have shapes [2, 4] and [2] [qint_mul_c1]}}
  %0 = qint.mul %a, %b {lhs_zp = 0, rhs_zp = 0, output_multiplier = 1, output_shift = 0, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<2x4xi8>, tensor<2xi8>) -> tensor<2x4xi8>
  return
}

// -----

func.func @qint_lookup_c1(%x: tensor<4xi8>) {
  // expected-error @+1 {{table must hold 256 entries (one per int8 input), but holds 3 [qint_lookup_c1]}}
  %0 = qint.lookup %x {table = array<i8: 1, 2, 3>} : tensor<4xi8>
  return
}

// -----

func.func @qint_requantize_c1(%x: tensor<4xi8>) {
  // expected-error @+1 {{result shape must be [4], but is [5] [qint_requantize_c1]}}
  %0 = qint.requantize %x {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<4xi8> -> tensor<5xi8>
  return
}

// -----

func.func @qint_requantize_c2(%x: tensor<4xi8>) {
  // expected-error @+1 {{axis 1 is out of range for rank 1 [qint_requantize_c2]}}
  %0 = qint.requantize %x {input_zp = 0, axis = 1, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<4xi8> -> tensor<4xi8>
  return
}

// -----

func.func @qint_requantize_c2_negative(%x: tensor<4xi8>) {
  // expected-error @+1 {{axis -1 is out of range for rank 1 [qint_requantize_c2]}}
  %0 = qint.requantize %x {input_zp = 0, axis = -1, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<4xi8> -> tensor<4xi8>
  return
}

// -----

func.func @qint_pool_c1(%x: tensor<4x4x2xi8>) {
  // expected-error @+1 {{input must have rank 4 (NHWC), but has rank 3 [qint_pool_c1]}}
  %0 = qint.max_pool2d %x {kernel = array<i64: 2, 2>, act_min = -128, act_max = 127} : tensor<4x4x2xi8> -> tensor<3x3x2xi8>
  return
}

// -----

func.func @qint_pool_c2(%x: tensor<1x4x4x2xi8>) {
  // expected-error @+1 {{kernel must be 2 positive values [h, w] of at most 2147483647, but is [2] [qint_pool_c2]}}
  %0 = qint.max_pool2d %x {kernel = array<i64: 2>, act_min = -128, act_max = 127} : tensor<1x4x4x2xi8> -> tensor<1x3x3x2xi8>
  return
}

// -----

func.func @qint_pool_c3(%x: tensor<1x4x4x2xi8>) {
  // expected-error @+1 {{result shape must be [1, 2, 2, 2], but is [1, 3, 3, 2] [qint_pool_c3]}}
  %0 = qint.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, act_min = -128, act_max = 127} : tensor<1x4x4x2xi8> -> tensor<1x3x3x2xi8>
  return
}

// -----

func.func @qint_mean_c1(%x: tensor<4x2xi8>) {
  // expected-error @+1 {{input must have rank 4 (NHWC), but has rank 2 [qint_mean_c1]}}
  %0 = qint.mean %x {input_zp = 0, output_zp = 0, multiplier = 1, shift = 0, rounding = #qint.rounding<double>} : tensor<4x2xi8> -> tensor<2xi8>
  return
}

// -----

func.func @qint_mean_c2(%x: tensor<1x4x4x2xi8>) {
  // expected-error @+1 {{result shape must be [1, 1, 1, 2] or [1, 2], but is [1, 4, 2] [qint_mean_c2]}}
  %0 = qint.mean %x {input_zp = 0, output_zp = 0, multiplier = 1, shift = 0, rounding = #qint.rounding<double>} : tensor<1x4x4x2xi8> -> tensor<1x4x2xi8>
  return
}

// -----

func.func @qint_softmax_c1(%x: tensor<i8>) {
  // expected-error @+1 {{input must have rank >= 1 [qint_softmax_c1]}}
  %0 = qint.softmax %x {input_multiplier = 1, input_left_shift = 0, diff_min = -1, rounding = #qint.rounding<double>} : tensor<i8>
  return
}

// -----

func.func @qint_softmax_c2(%x: tensor<4xi8>) {
  // expected-error @+1 {{input_left_shift must be in [0, 31], but is -1 [qint_softmax_c2]}}
  %0 = qint.softmax %x {input_multiplier = 1, input_left_shift = -1, diff_min = -1, rounding = #qint.rounding<double>} : tensor<4xi8>
  return
}

// -----

func.func @qint_softmax_c3(%x: tensor<4xi8>) {
  // expected-error @+1 {{diff_min must be a non-positive int32, but is 5 [qint_softmax_c3]}}
  %0 = qint.softmax %x {input_multiplier = 1, input_left_shift = 1, diff_min = 5, rounding = #qint.rounding<double>} : tensor<4xi8>
  return
}

// -----

func.func @qint_pad_c1(%x: tensor<4xi8>) {
  // expected-error @+1 {{padding must be 2 non-negative values (before and after each dimension) of at most 2147483647, but is [1, -1] [qint_pad_c1]}}
  %0 = qint.pad %x {padding = array<i64: 1, -1>, value = 0} : tensor<4xi8> -> tensor<4xi8>
  return
}

// -----

func.func @qint_pad_c2(%x: tensor<4xi8>) {
  // expected-error @+1 {{value must be in [-128, 127] (the element type), but is 200 [qint_pad_c2]}}
  %0 = qint.pad %x {padding = array<i64: 1, 1>, value = 200} : tensor<4xi8> -> tensor<6xi8>
  return
}

// -----

func.func @qint_pad_c3(%x: tensor<4xi8>) {
  // expected-error @+1 {{result shape must be [6], but is [5] [qint_pad_c3]}}
  %0 = qint.pad %x {padding = array<i64: 1, 1>, value = 0} : tensor<4xi8> -> tensor<5xi8>
  return
}

// -----

func.func @qint_concat_c1() {
  // expected-error @+1 {{needs at least one input [qint_concat_c1]}}
  %0 = "qint.concat"() <{axis = 0 : i64}> : () -> tensor<4xi8>
  return
}

// -----

func.func @qint_concat_c2(%a: tensor<4xi8>) {
  // expected-error @+1 {{axis 1 is out of range for rank 1 [qint_concat_c2]}}
  %0 = qint.concat %a, %a {axis = 1} : (tensor<4xi8>, tensor<4xi8>) -> tensor<8xi8>
  return
}

// -----

func.func @qint_concat_c3(%a: tensor<2x4xi8>, %b: tensor<3x4xi8>) {
  // expected-error @+1 {{input 1 has shape [3, 4], which differs from input 0 [2, 4] outside axis 1 [qint_concat_c3]}}
  %0 = qint.concat %a, %b {axis = 1} : (tensor<2x4xi8>, tensor<3x4xi8>) -> tensor<2x8xi8>
  return
}

// -----

func.func @qint_concat_c4(%a: tensor<2x4xi8>) {
  // expected-error @+1 {{result shape must be [4, 4], but is [4, 8] [qint_concat_c4]}}
  %0 = qint.concat %a, %a {axis = 0} : (tensor<2x4xi8>, tensor<2x4xi8>) -> tensor<4x8xi8>
  return
}

// -----

func.func @qint_transpose_c1_repeated(%x: tensor<1x3x4x5xi8>) {
  // expected-error @+1 {{permutation [0, 2, 2, 1] must order the input's 4 dimensions [qint_transpose_c1]}}
  %0 = qint.transpose %x {permutation = array<i64: 0, 2, 2, 1>} : tensor<1x3x4x5xi8> -> tensor<1x4x4x3xi8>
  return
}

// -----

func.func @qint_transpose_c1_rank(%x: tensor<1x3x4x5xi8>) {
  // expected-error @+1 {{permutation [0, 2, 1] must order the input's 4 dimensions [qint_transpose_c1]}}
  %0 = qint.transpose %x {permutation = array<i64: 0, 2, 1>} : tensor<1x3x4x5xi8> -> tensor<1x4x3xi8>
  return
}

// -----

func.func @qint_transpose_c2(%x: tensor<1x3x4x5xi8>) {
  // expected-error @+1 {{result shape must be [1, 4, 5, 3], but is [1, 5, 4, 3] [qint_transpose_c2]}}
  %0 = qint.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x3x4x5xi8> -> tensor<1x5x4x3xi8>
  return
}

// -----

func.func @qint_reshape_c1(%x: tensor<2x4xi8>) {
  // expected-error @+1 {{result must have as many elements as the input (8), but has 9 [qint_reshape_c1]}}
  %0 = qint.reshape %x : tensor<2x4xi8> -> tensor<9xi8>
  return
}

// -----

func.func @qint_quantize_c1(%x: tensor<4xf32>) {
  // expected-error @+1 {{result shape must be [4], but is [2, 2] [qint_quantize_c1]}}
  %0 = qint.quantize %x {scale = 0.5, zero_point = 0} : tensor<4xf32> -> tensor<2x2xi8>
  return
}

// -----

func.func @qint_quantize_c2(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale must be finite and positive, but is 0.000000e+00 [qint_quantize_c2]}}
  %0 = qint.quantize %x {scale = 0.0, zero_point = 0} : tensor<4xf32> -> tensor<4xi8>
  return
}

// -----

func.func @qint_dequantize_c1(%x: tensor<4xi8>) {
  // expected-error @+1 {{result shape must be [4], but is [5] [qint_dequantize_c1]}}
  %0 = qint.dequantize %x {scale = 0.5, zero_point = 0} : tensor<4xi8> -> tensor<5xf32>
  return
}

// -----

func.func @qint_dequantize_c2(%x: tensor<4xi8>) {
  // expected-error @+1 {{scale must be finite and positive, but is -5.000000e-01 [qint_dequantize_c2]}}
  %0 = qint.dequantize %x {scale = -0.5, zero_point = 0} : tensor<4xi8> -> tensor<4xf32>
  return
}

// -----

func.func @quant_c1_boundary(%x: tensor<4xi8>) {
  // expected-error @+1 {{zero_point must be in [-128, 127] (int8), but is 300 [quant_c1]}}
  %0 = qint.dequantize %x {scale = 0.5, zero_point = 300} : tensor<4xi8> -> tensor<4xf32>
  return
}

// -----

// int16 activations are symmetric.
func.func @quant_c1_int16(%x: tensor<1x4x4x2xi16>, %w: tensor<2x1x1x2xi8>) {
  // expected-error @+1 {{input_zp of an int16 tensor must be 0 (int16 activations are symmetric), but is 3 [quant_c1]}}
  %y = qint.conv2d %x, %w {input_zp = 3, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -3>, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<1x4x4x2xi16>, tensor<2x1x1x2xi8>) -> tensor<1x4x4x2xi16>
  return
}

// -----

func.func @quant_c3_int64_accumulator(%x: tensor<1x8xi16>, %w: tensor<2x8xi8>, %b: tensor<2xi64>) {
  // expected-error @+1 {{output shift must be in [-31, 7] with an int64 accumulator, but is 8 [quant_c3]}}
  %y = qint.fully_connected %x, %w, %b {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 8>, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<1x8xi16>, tensor<2x8xi8>, tensor<2xi64>) -> tensor<1x2xi16>
  return
}

// -----

func.func @quant_c5_int16(%x: tensor<1x4x4x2xi16>) {
  // expected-error @+1 {{needs -32768 <= act_min <= act_max <= 32767, but has act_min -40000 and act_max 32767 [quant_c5]}}
  %y = qint.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, act_min = -40000, act_max = 32767} : tensor<1x4x4x2xi16> -> tensor<1x2x2x2xi16>
  return
}

// -----

func.func @quant_c6(%x: tensor<1x8xi8>, %w: tensor<2x8xi4>) {
  // expected-error @+1 {{with int16 activations needs int8 weights, but has 'i4' [quant_c6]}}
  %y = qint.fully_connected %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -3>, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<1x8xi8>, tensor<2x8xi4>) -> tensor<1x2xi16>
  return
}

// -----

func.func @quant_c6_weights(%x: tensor<1x8xi16>, %w: tensor<2x8xi4>) {
  // expected-error @+1 {{with int16 activations needs int8 weights, but has 'i4' [quant_c6]}}
  %y = qint.fully_connected %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -3>, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<1x8xi16>, tensor<2x8xi4>) -> tensor<1x2xi16>
  return
}

// -----

func.func @quant_c6_bias(%x: tensor<1x8xi8>, %w: tensor<2x8xi8>, %b: tensor<2xi64>) {
  // expected-error @+1 {{with int8 activations needs an i32 bias, but has 'i64' [quant_c6]}}
  %y = qint.fully_connected %x, %w, %b {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -3>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8xi8>, tensor<2x8xi8>, tensor<2xi64>) -> tensor<1x2xi8>
  return
}

// -----

func.func @quant_c6_elementwise(%x: tensor<8xi16>, %y: tensor<8xi8>) {
  // expected-error @+1 {{reads 'i8' and writes 'i16'; operands and result share one activation type [quant_c6]}}
  %z = qint.mul %x, %y {lhs_zp = 0, rhs_zp = 0, output_multiplier = 1073741824, output_shift = -14, output_zp = 0, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<8xi16>, tensor<8xi8>) -> tensor<8xi16>
  return
}

// -----

func.func @qint_add_c2_int16(%x: tensor<8xi16>) {
  // expected-error @+1 {{left_shift must be in [0, 15] so that (x - zp) << left_shift fits in int32, but is 16 [qint_add_c2]}}
  %z = qint.add %x, %x {lhs_zp = 0, rhs_zp = 0, left_shift = 16, lhs_multiplier = 1073741824, lhs_shift = 0, rhs_multiplier = 1073741824, rhs_shift = 0, output_multiplier = 1073741824, output_shift = -14, output_zp = 0, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<8xi16>, tensor<8xi16>) -> tensor<8xi16>
  return
}

// -----

func.func @qint_softmax_c3_int16(%x: tensor<4xi16>) {
  // expected-error @+1 {{diff_min applies to int8 softmax and must be 0 for int16, but is -5 [qint_softmax_c3]}}
  %y = qint.softmax %x {input_multiplier = 1718013132, input_left_shift = -2, diff_min = -5, rounding = #qint.rounding<double>} : tensor<4xi16>
  return
}

// -----

// expected-error @+1 {{'func.func' op argument 0 has qint.layout "*/ #define X 1 /*"; a layout is "NHWC", "NCHW" or "NCL" [qint_port_c1]}}
func.func @qint_port_c1(%x: tensor<1x4xi8> {qint.layout = "*/ #define X 1 /*"}) -> tensor<1x4xi8> {
  return %x : tensor<1x4xi8>
}

// -----

// expected-error @+1 {{'func.func' op result 0 has qint.source_layout 1 : i64; a layout is "NHWC", "NCHW" or "NCL" [qint_port_c1]}}
func.func @qint_port_c1_source(%x: tensor<1x4xi8>) -> (tensor<1x4xi8> {qint.source_layout = 1}) {
  return %x : tensor<1x4xi8>
}

// -----

// expected-error @+1 {{'func.func' op result 0 has qint.scale 0.000000e+00 : f32; a scale is a finite positive float [qint_port_c2]}}
func.func @qint_port_c2(%x: tensor<1x4xi8>) -> (tensor<1x4xi8> {qint.scale = 0.0 : f32, qint.zero_point = 0 : i64}) {
  return %x : tensor<1x4xi8>
}

// -----

// expected-error @+1 {{'func.func' op argument 0 has qint.zero_point 70000 : i64; a zero point is an integer of an int8 or int16 port [qint_port_c3]}}
func.func @qint_port_c3(%x: tensor<1x4xi8> {qint.scale = 1.0 : f32, qint.zero_point = 70000 : i64}) -> tensor<1x4xi8> {
  return %x : tensor<1x4xi8>
}

// -----

func.func @quant_c7_mul_shift(%x: tensor<8xi8>) {
  // expected-error @+1 {{the product of the centred operands can reach 65025, and shifted left by 16 it leaves int32 (its multiplier is too large for the values it rescales) [quant_c7]}}
  %z = qint.mul %x, %x {lhs_zp = 127, rhs_zp = 127, output_multiplier = 1073741824, output_shift = 16, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<8xi8>, tensor<8xi8>) -> tensor<8xi8>
  return
}

// -----

func.func @quant_c7_mul_single(%x: tensor<8xi8>) {
  // expected-error @+1 {{the product of the centred operands can reach 65025, and rescaled by multiplier 2147483647 and shift 16 it leaves int32 (its multiplier is too large for the values it rescales) [quant_c7]}}
  %z = qint.mul %x, %x {lhs_zp = -128, rhs_zp = 127, output_multiplier = 2147483647, output_shift = 16, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<single>} : (tensor<8xi8>, tensor<8xi8>) -> tensor<8xi8>
  return
}

// -----

func.func @quant_c7_output_zp(%x: tensor<8xi8>) {
  // expected-error @+1 {{the centred input can reach 255; rescaled (up to 2147483548) plus output_zp 100 it leaves int32 [quant_c7]}}
  %z = qint.requantize %x {input_zp = 127, output_zp = 100, multiplier = array<i32: 1077952526>, shift = array<i32: 24>, act_min = -128, act_max = 127, rounding = #qint.rounding<single>} : tensor<8xi8> -> tensor<8xi8>
  return
}

// -----

func.func @qint_pool_c4(%x: tensor<1x256x256x1xi16>) {
  // expected-error @+1 {{sums windows of 65536 inputs of up to 32768, which can leave int32 [qint_pool_c4]}}
  %y = qint.avg_pool2d %x {kernel = array<i64: 256, 256>, act_min = -32768, act_max = 32767} : tensor<1x256x256x1xi16> -> tensor<1x1x1x1xi16>
  return
}

// -----

func.func @qint_mean_c3(%x: tensor<1x4096x4096x1xi8>) {
  // expected-error @+1 {{sums 16777216 centred inputs of up to 255 per channel, which can leave int32 [qint_mean_c3]}}
  %y = qint.mean %x {input_zp = 127, output_zp = 0, multiplier = 1073741824, shift = -20, rounding = #qint.rounding<double>} : tensor<1x4096x4096x1xi8> -> tensor<1x1x1x1xi8>
  return
}

// -----

func.func @qint_softmax_c4(%x: tensor<1x4096xi8>) {
  // expected-error @+1 {{rows of 4096 elements: the sum of their exponentials can leave int32 beyond 4095 [qint_softmax_c4]}}
  %y = qint.softmax %x {input_multiplier = 1073741824, input_left_shift = 20, diff_min = -248, rounding = #qint.rounding<double>} : tensor<1x4096xi8>
  return
}

// -----

func.func @quant_c7_softmax(%x: tensor<1x10xi8>) {
  // expected-error @+1 {{a difference from the row maximum can reach 255, and shifted left by 24 it leaves int32 (its multiplier is too large for the values it rescales) [quant_c7]}}
  %y = qint.softmax %x {input_multiplier = 1073741824, input_left_shift = 24, diff_min = -1000, rounding = #qint.rounding<double>} : tensor<1x10xi8>
  return
}

// -----

func.func @qint_slice_c1(%x: tensor<1x3x8x4xi8>) {
  // expected-error @+1 {{begin, strides and the result must have the input's rank 4 [qint_slice_c1]}}
  %y = qint.slice %x {begin = array<i64: 0, 0, 0>, strides = array<i64: 1, 1, 1, 1>} : tensor<1x3x8x4xi8> -> tensor<1x3x8x4xi8>
  return
}

// -----

func.func @qint_slice_c2(%x: tensor<1x3x8x4xi8>) {
  // expected-error @+1 {{stride of dimension 2 must not be 0 [qint_slice_c2]}}
  %y = qint.slice %x {begin = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1, 0, 1>} : tensor<1x3x8x4xi8> -> tensor<1x3x8x4xi8>
  return
}

// -----

func.func @qint_slice_c3(%x: tensor<1x3x8x4xi8>) {
  // expected-error @+1 {{dimension 2 reads elements 1 to 9, outside the input's 8 [qint_slice_c3]}}
  %y = qint.slice %x {begin = array<i64: 0, 0, 1, 0>, strides = array<i64: 1, 1, 2, 1>} : tensor<1x3x8x4xi8> -> tensor<1x3x5x4xi8>
  return
}

// -----

func.func @qint_slice_c3_backwards(%x: tensor<1x3x8x4xi8>) {
  // expected-error @+1 {{dimension 2 reads elements 2 to -2, outside the input's 8 [qint_slice_c3]}}
  %y = qint.slice %x {begin = array<i64: 0, 0, 2, 0>, strides = array<i64: 1, 1, -1, 1>} : tensor<1x3x8x4xi8> -> tensor<1x3x5x4xi8>
  return
}

// -----

func.func @leaky_relu_input_zp(%x: tensor<1x8xi16>) {
  // expected-error @+1 {{input_zp of an int16 tensor must be 0 (int16 activations are symmetric), but is 3 [quant_c1]}}
  %y = qint.leaky_relu %x {input_zp = 3, output_zp = 0, identity_multiplier = 1073741824, identity_shift = 1, alpha_multiplier = 1717986918, alpha_shift = -2, rounding = #qint.rounding<double>} : tensor<1x8xi16>
  return
}

// -----

func.func @leaky_relu_negative_multiplier(%x: tensor<1x8xi8>) {
  // expected-error @+1 {{alpha multiplier must be in [0, 2^31 - 1], but is -1717986918 [quant_c2]}}
  %y = qint.leaky_relu %x {input_zp = 0, output_zp = 0, identity_multiplier = 1073741824, identity_shift = 1, alpha_multiplier = -1717986918, alpha_shift = -2, rounding = #qint.rounding<double>} : tensor<1x8xi8>
  return
}

// -----

func.func @leaky_relu_rescale_overflow(%x: tensor<1x8xi16>) {
  // expected-error @+1 {{the centred input can reach 32768, and shifted left by 20 it leaves int32 (its multiplier is too large for the values it rescales) [quant_c7]}}
  %y = qint.leaky_relu %x {input_zp = 0, output_zp = 0, identity_multiplier = 1073741824, identity_shift = 20, alpha_multiplier = 1717986918, alpha_shift = -2, rounding = #qint.rounding<double>} : tensor<1x8xi16>
  return
}

// -----

func.func @qint_sub_c1(%a: tensor<1x4x4x3xi8>, %b: tensor<1x4x4x2xi8>) {
  // expected-error @+1 {{[qint_sub_c1]}}
  %y = qint.sub %a, %b {lhs_zp = 0, rhs_zp = 0, left_shift = 20, lhs_multiplier = 1073741824, lhs_shift = 0, rhs_multiplier = 1073741824, rhs_shift = 0, output_multiplier = 1073741824, output_shift = -19, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x4x4x3xi8>, tensor<1x4x4x2xi8>) -> tensor<1x4x4x3xi8>
  return
}

// -----

func.func @qint_sub_c2(%a: tensor<8xi16>, %b: tensor<8xi16>) {
  // expected-error @+1 {{left_shift must be in [0, 15] so that (x - zp) << left_shift fits in int32, but is 20 [qint_sub_c2]}}
  %y = qint.sub %a, %b {lhs_zp = 0, rhs_zp = 0, left_shift = 20, lhs_multiplier = 1073741824, lhs_shift = 0, rhs_multiplier = 1073741824, rhs_shift = 0, output_multiplier = 1073741824, output_shift = -19, output_zp = 0, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<8xi16>, tensor<8xi16>) -> tensor<8xi16>
  return
}

// -----

func.func @qint_sub_c3(%a: tensor<8xi8>, %b: tensor<8xi8>) {
  // expected-error @+1 {{rhs_shift must be <= 0 (a multiplier below one), but is 1 [qint_sub_c3]}}
  %y = qint.sub %a, %b {lhs_zp = 0, rhs_zp = 0, left_shift = 20, lhs_multiplier = 1073741824, lhs_shift = 0, rhs_multiplier = 1073741824, rhs_shift = 1, output_multiplier = 1073741824, output_shift = -19, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<8xi8>, tensor<8xi8>) -> tensor<8xi8>
  return
}

// -----

func.func @qint_transpose_conv2d_c1(%x: tensor<1x4x4xi8>) {
  %w = arith.constant dense<1> : tensor<3x2x2x4xi8>
  // expected-error @+1 {{input must have rank 4 (NHWC), but has rank 3 [qint_transpose_conv2d_c1]}}
  %y = qint.transpose_conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, strides = array<i64: 2, 2>, pad = array<i64: 0, 0>, rounding = #qint.rounding<double>} : (tensor<1x4x4xi8>, tensor<3x2x2x4xi8>) -> tensor<1x8x8x3xi8>
  return
}

// -----

func.func @qint_transpose_conv2d_c2(%x: tensor<1x4x4x4xi8>) {
  %w = arith.constant dense<1> : tensor<3x2x2x4xi8>
  // expected-error @+1 {{maps input [1, 4, 4, 4] through filter [3, 2, 2, 4] (OHWI) to [1, 8, 8, 4]; the filter must read the input's channels and the result keep the batch and have the filter's output channels [qint_transpose_conv2d_c2]}}
  %y = qint.transpose_conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, strides = array<i64: 2, 2>, pad = array<i64: 0, 0>, rounding = #qint.rounding<double>} : (tensor<1x4x4x4xi8>, tensor<3x2x2x4xi8>) -> tensor<1x8x8x4xi8>
  return
}

// -----

func.func @qint_transpose_conv2d_c3(%x: tensor<1x4x4x4xi8>) {
  %w = arith.constant dense<1> : tensor<3x2x2x4xi8>
  %b = arith.constant dense<0> : tensor<4xi32>
  // expected-error @+1 {{bias must have shape [3] (one value per output channel), but has shape [4] [qint_transpose_conv2d_c3]}}
  %y = qint.transpose_conv2d %x, %w, %b {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, strides = array<i64: 2, 2>, pad = array<i64: 0, 0>, rounding = #qint.rounding<double>} : (tensor<1x4x4x4xi8>, tensor<3x2x2x4xi8>, tensor<4xi32>) -> tensor<1x8x8x3xi8>
  return
}

// -----

func.func @qint_transpose_conv2d_c4(%x: tensor<1x4x4x4xi8>) {
  %w = arith.constant dense<1> : tensor<3x2x2x4xi8>
  // expected-error @+1 {{strides must be 2 values of at least 1 and pad 2 values (top, left), but are [0, 2] and [0, 0] [qint_transpose_conv2d_c4]}}
  %y = qint.transpose_conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, strides = array<i64: 0, 2>, pad = array<i64: 0, 0>, rounding = #qint.rounding<double>} : (tensor<1x4x4x4xi8>, tensor<3x2x2x4xi8>) -> tensor<1x8x8x3xi8>
  return
}

// -----

func.func @qint_transpose_conv2d_c5(%x: tensor<1x4x4x4xi8>) {
  %w = arith.constant dense<1> : tensor<3x2x2x4xi8>
  // expected-error @+1 {{width: the input's 4 positions at stride 2 span 7; pad 0 must be in [0, 1] and the output (6) at least the span less the pad, 7 [qint_transpose_conv2d_c5]}}
  %y = qint.transpose_conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, strides = array<i64: 2, 2>, pad = array<i64: 0, 0>, rounding = #qint.rounding<double>} : (tensor<1x4x4x4xi8>, tensor<3x2x2x4xi8>) -> tensor<1x8x6x3xi8>
  return
}

// -----

func.func @qint_transpose_conv2d_c5_pad(%x: tensor<1x4x4x4xi8>) {
  %w = arith.constant dense<1> : tensor<3x2x2x4xi8>
  // expected-error @+1 {{height: the input's 4 positions at stride 2 span 7; pad 2 must be in [0, 1] and the output (8) at least the span less the pad, 5 [qint_transpose_conv2d_c5]}}
  %y = qint.transpose_conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, strides = array<i64: 2, 2>, pad = array<i64: 2, 0>, rounding = #qint.rounding<double>} : (tensor<1x4x4x4xi8>, tensor<3x2x2x4xi8>) -> tensor<1x8x8x3xi8>
  return
}

// -----

func.func @transpose_conv2d_int16_zero_point(%x: tensor<1x4x4x4xi16>) {
  %w = arith.constant dense<1> : tensor<3x2x2x4xi8>
  // expected-error @+1 {{input_zp of an int16 tensor must be 0 (int16 activations are symmetric), but is 5 [quant_c1]}}
  %y = qint.transpose_conv2d %x, %w {input_zp = 5, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -32768, act_max = 32767, strides = array<i64: 2, 2>, pad = array<i64: 0, 0>, rounding = #qint.rounding<double>} : (tensor<1x4x4x4xi16>, tensor<3x2x2x4xi8>) -> tensor<1x8x8x3xi16>
  return
}

// -----

func.func @qint_lstm_c1(%x: tensor<2x1x3xi8>, %wx: tensor<4x5x3xi8>, %wh: tensor<4x5x5xi8>, %b: tensor<4x5xi32>) {
  // expected-error @+1 {{output must be [2, 1, 5], but is [2, 1, 4] [qint_lstm_c1]}}
  %y = qint.lstm %x, %wx, %wh, %b {input_zp = 0, output_zp = 0, input_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, input_shift = array<i32: -2, -2, -2, -2>, recurrent_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, recurrent_shift = array<i32: -2, -2, -2, -2>, forget_multiplier = 1073741824, forget_shift = -14, update_multiplier = 1073741824, update_shift = -15, hidden_multiplier = 1073741824, hidden_shift = -22, cell_scale_power = -14, cell_clip = 0, time_major = true, rounding = #qint.rounding<double>} : (tensor<2x1x3xi8>, tensor<4x5x3xi8>, tensor<4x5x5xi8>, tensor<4x5xi32>) -> tensor<2x1x4xi8>
  return
}

// -----

func.func @qint_lstm_c1_gates(%x: tensor<2x1x3xi8>, %wx: tensor<3x5x3xi8>, %wh: tensor<4x5x5xi8>, %b: tensor<4x5xi32>) {
  // expected-error @+1 {{weights and bias must stack 4 gates (input, forget, cell, output) in their first dimension [qint_lstm_c1]}}
  %y = qint.lstm %x, %wx, %wh, %b {input_zp = 0, output_zp = 0, input_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, input_shift = array<i32: -2, -2, -2, -2>, recurrent_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, recurrent_shift = array<i32: -2, -2, -2, -2>, forget_multiplier = 1073741824, forget_shift = -14, update_multiplier = 1073741824, update_shift = -15, hidden_multiplier = 1073741824, hidden_shift = -22, cell_scale_power = -14, cell_clip = 0, time_major = true, rounding = #qint.rounding<double>} : (tensor<2x1x3xi8>, tensor<3x5x3xi8>, tensor<4x5x5xi8>, tensor<4x5xi32>) -> tensor<2x1x5xi8>
  return
}

// -----

func.func @qint_lstm_c2(%x: tensor<2x1x3xi16>, %wx: tensor<4x5x3xi8>, %wh: tensor<4x5x5xi8>, %b: tensor<4x5xi32>) {
  // expected-error @+1 {{with 'i16' activations needs an i64 bias, but has 'i32' [qint_lstm_c2]}}
  %y = qint.lstm %x, %wx, %wh, %b {input_zp = 0, output_zp = 0, input_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, input_shift = array<i32: -2, -2, -2, -2>, recurrent_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, recurrent_shift = array<i32: -2, -2, -2, -2>, forget_multiplier = 1073741824, forget_shift = -14, update_multiplier = 1073741824, update_shift = -15, hidden_multiplier = 1073741824, hidden_shift = -22, cell_scale_power = -14, cell_clip = 0, time_major = true, rounding = #qint.rounding<double>} : (tensor<2x1x3xi16>, tensor<4x5x3xi8>, tensor<4x5x5xi8>, tensor<4x5xi32>) -> tensor<2x1x5xi16>
  return
}

// -----

func.func @qint_lstm_c3(%x: tensor<2x1x3xi8>, %wx: tensor<4x5x3xi8>, %wh: tensor<4x5x5xi8>, %b: tensor<4x5xi32>) {
  // expected-error @+1 {{input_multiplier, input_shift, recurrent_multiplier and recurrent_shift need one value per gate (4), but one has 3 [qint_lstm_c3]}}
  %y = qint.lstm %x, %wx, %wh, %b {input_zp = 0, output_zp = 0, input_multiplier = array<i32: 1073741824, 1073741824, 1073741824>, input_shift = array<i32: -2, -2, -2, -2>, recurrent_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, recurrent_shift = array<i32: -2, -2, -2, -2>, forget_multiplier = 1073741824, forget_shift = -14, update_multiplier = 1073741824, update_shift = -15, hidden_multiplier = 1073741824, hidden_shift = -22, cell_scale_power = -14, cell_clip = 0, time_major = true, rounding = #qint.rounding<double>} : (tensor<2x1x3xi8>, tensor<4x5x3xi8>, tensor<4x5x5xi8>, tensor<4x5xi32>) -> tensor<2x1x5xi8>
  return
}

// -----

func.func @qint_lstm_c4(%x: tensor<2x1x3xi8>, %wx: tensor<4x5x3xi8>, %wh: tensor<4x5x5xi8>, %b: tensor<4x5xi32>) {
  // expected-error @+1 {{cell_scale_power must be in [-31, 2], but is 3 [qint_lstm_c4]}}
  %y = qint.lstm %x, %wx, %wh, %b {input_zp = 0, output_zp = 0, input_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, input_shift = array<i32: -2, -2, -2, -2>, recurrent_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, recurrent_shift = array<i32: -2, -2, -2, -2>, forget_multiplier = 1073741824, forget_shift = -14, update_multiplier = 1073741824, update_shift = -15, hidden_multiplier = 1073741824, hidden_shift = -22, cell_scale_power = 3, cell_clip = 0, time_major = true, rounding = #qint.rounding<double>} : (tensor<2x1x3xi8>, tensor<4x5x3xi8>, tensor<4x5x5xi8>, tensor<4x5xi32>) -> tensor<2x1x5xi8>
  return
}

// -----

func.func @qint_lstm_c5(%x: tensor<2x1x3xi8>, %wx: tensor<4x5x3xi8>, %wh: tensor<4x5x5xi8>, %b: tensor<4x5xi32>) {
  // expected-error @+1 {{cell_clip must be in [0, 32767], but is -1 [qint_lstm_c5]}}
  %y = qint.lstm %x, %wx, %wh, %b {input_zp = 0, output_zp = 0, input_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, input_shift = array<i32: -2, -2, -2, -2>, recurrent_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, recurrent_shift = array<i32: -2, -2, -2, -2>, forget_multiplier = 1073741824, forget_shift = -14, update_multiplier = 1073741824, update_shift = -15, hidden_multiplier = 1073741824, hidden_shift = -22, cell_scale_power = -14, cell_clip = -1, time_major = true, rounding = #qint.rounding<double>} : (tensor<2x1x3xi8>, tensor<4x5x3xi8>, tensor<4x5x5xi8>, tensor<4x5xi32>) -> tensor<2x1x5xi8>
  return
}

// -----

func.func @quant_c7_lstm(%x: tensor<2x1x3xi8>, %wx: tensor<4x5x3xi8>, %wh: tensor<4x5x5xi8>, %b: tensor<4x5xi32>) {
  // expected-error @+1 {{the product rescaled by hidden can reach 1073741824, and shifted left by 2 it leaves int32 (its multiplier is too large for the values it rescales) [quant_c7]}}
  %y = qint.lstm %x, %wx, %wh, %b {input_zp = 0, output_zp = 0, input_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, input_shift = array<i32: -2, -2, -2, -2>, recurrent_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, recurrent_shift = array<i32: -2, -2, -2, -2>, forget_multiplier = 1073741824, forget_shift = -14, update_multiplier = 1073741824, update_shift = -15, hidden_multiplier = 1073741824, hidden_shift = 2, cell_scale_power = -14, cell_clip = 0, time_major = true, rounding = #qint.rounding<double>} : (tensor<2x1x3xi8>, tensor<4x5x3xi8>, tensor<4x5x5xi8>, tensor<4x5xi32>) -> tensor<2x1x5xi8>
  return
}

// -----

func.func @qint_gru_c1(%x: tensor<2x1x3xi8>, %wx: tensor<3x5x3xi8>, %wh: tensor<3x5x5xi8>, %b: tensor<3x5xi32>) {
  // expected-error @+1 {{output must be [2, 1, 5], but is [2, 1, 4] [qint_gru_c1]}}
  %y = qint.gru %x, %wx, %wh, %b, %b {input_zp = 0, output_zp = 0, input_multiplier = array<i32: 1073741824, 1073741824, 1073741824>, input_shift = array<i32: -2, -2, -2>, recurrent_multiplier = array<i32: 1073741824, 1073741824, 1073741824>, recurrent_shift = array<i32: -2, -2, -2>, hidden_multiplier = 1073741824, hidden_shift = -7, time_major = true, rounding = #qint.rounding<double>} : (tensor<2x1x3xi8>, tensor<3x5x3xi8>, tensor<3x5x5xi8>, tensor<3x5xi32>, tensor<3x5xi32>) -> tensor<2x1x4xi8>
  return
}

// -----

func.func @qint_gru_c2(%x: tensor<2x1x3xi8>, %wx: tensor<3x5x3xi8>, %wh: tensor<3x5x5xi8>, %b: tensor<3x5xi32>) {
  // expected-error @+1 {{input_multiplier, input_shift, recurrent_multiplier and recurrent_shift need one value per gate (3), but one has 4 [qint_gru_c2]}}
  %y = qint.gru %x, %wx, %wh, %b, %b {input_zp = 0, output_zp = 0, input_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, input_shift = array<i32: -2, -2, -2>, recurrent_multiplier = array<i32: 1073741824, 1073741824, 1073741824>, recurrent_shift = array<i32: -2, -2, -2>, hidden_multiplier = 1073741824, hidden_shift = -7, time_major = true, rounding = #qint.rounding<double>} : (tensor<2x1x3xi8>, tensor<3x5x3xi8>, tensor<3x5x5xi8>, tensor<3x5xi32>, tensor<3x5xi32>) -> tensor<2x1x5xi8>
  return
}

// -----

func.func @qint_lstm_c6(%x: tensor<2x1x3xi8>, %wx: tensor<4x5x3xi8>, %wh: tensor<4x5x5xi8>, %b: tensor<4x5xi32>, %h0: tensor<1x5xi8>) {
  // expected-error @+1 {{initial state must be [1, 5] (batches, units) of 'i16', but one is [1, 5] of 'i8' [qint_lstm_c6]}}
  %y = qint.lstm %x, %wx, %wh, %b initial(%h0, %h0) {input_zp = 0, output_zp = 0, input_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, input_shift = array<i32: -2, -2, -2, -2>, recurrent_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, recurrent_shift = array<i32: -2, -2, -2, -2>, forget_multiplier = 1073741824, forget_shift = -14, update_multiplier = 1073741824, update_shift = -15, hidden_multiplier = 1073741824, hidden_shift = -22, cell_scale_power = -14, cell_clip = 0, time_major = true, rounding = #qint.rounding<double>} : (tensor<2x1x3xi8>, tensor<4x5x3xi8>, tensor<4x5x5xi8>, tensor<4x5xi32>, tensor<1x5xi8>, tensor<1x5xi8>) -> tensor<2x1x5xi8>
  return
}

// -----

func.func @qint_gru_c3(%x: tensor<2x1x3xi8>, %wx: tensor<3x5x3xi8>, %wh: tensor<3x5x5xi8>, %b: tensor<3x5xi32>, %s0: tensor<2x5xi16>) {
  // expected-error @+1 {{initial state must be [1, 5] (batches, units) of 'i16', but one is [2, 5] of 'i16' [qint_gru_c3]}}
  %y = qint.gru %x, %wx, %wh, %b, %b initial(%s0) {input_zp = 0, output_zp = 0, input_multiplier = array<i32: 1073741824, 1073741824, 1073741824>, input_shift = array<i32: -2, -2, -2>, recurrent_multiplier = array<i32: 1073741824, 1073741824, 1073741824>, recurrent_shift = array<i32: -2, -2, -2>, hidden_multiplier = 1073741824, hidden_shift = -7, time_major = true, rounding = #qint.rounding<double>} : (tensor<2x1x3xi8>, tensor<3x5x3xi8>, tensor<3x5x5xi8>, tensor<3x5xi32>, tensor<3x5xi32>, tensor<2x5xi16>) -> tensor<2x1x5xi8>
  return
}

// -----

func.func @qint_batch_matmul_c1(%a: tensor<8xi8>, %b: tensor<8xi8>) {
  // expected-error @+1 {{needs operands and result of one rank in [2, 5], but has ranks 1, 1 and 1 [qint_batch_matmul_c1]}}
  %y = qint.batch_matmul %a, %b {lhs_zp = 0, rhs_zp = 0, output_multiplier = 1073741824, output_shift = -10, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<8xi8>, tensor<8xi8>) -> tensor<8xi8>
  return
}

// -----

func.func @qint_batch_matmul_c2(%a: tensor<2x4x8xi8>, %b: tensor<3x8x5xi8>) {
  // expected-error @+1 {{batch dimension 0 is 2 in lhs and 3 in rhs; they must agree or one be 1 [qint_batch_matmul_c2]}}
  %y = qint.batch_matmul %a, %b {lhs_zp = 0, rhs_zp = 0, output_multiplier = 1073741824, output_shift = -10, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<2x4x8xi8>, tensor<3x8x5xi8>) -> tensor<2x4x5xi8>
  return
}

// -----

func.func @qint_batch_matmul_c2_inner(%a: tensor<2x4x8xi8>, %b: tensor<2x8x5xi8>) {
  // expected-error @+1 {{lhs matrices are 4x8 and rhs matrices 5x8 (after adj_x and adj_y); their inner dimensions must agree [qint_batch_matmul_c2]}}
  %y = qint.batch_matmul %a, %b {adj_y = true, lhs_zp = 0, rhs_zp = 0, output_multiplier = 1073741824, output_shift = -10, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<2x4x8xi8>, tensor<2x8x5xi8>) -> tensor<2x4x8xi8>
  return
}

// -----

func.func @qint_batch_matmul_c3(%a: tensor<4x8xi8>, %b: tensor<8x5xi16>) {
  // expected-error @+1 {{operands and output must have one element type (i8 or i16), but have 'i8', 'i16' and 'i8' [qint_batch_matmul_c3]}}
  %y = qint.batch_matmul %a, %b {lhs_zp = 0, rhs_zp = 0, output_multiplier = 1073741824, output_shift = -10, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<4x8xi8>, tensor<8x5xi16>) -> tensor<4x5xi8>
  return
}

// -----

func.func @qint_batch_matmul_c4(%a: tensor<1x140000xi8>, %b: tensor<140000x1xi8>) {
  // expected-error @+1 {{a sum of 140000 products of up to 16384 can leave the int32 accumulator [qint_batch_matmul_c4]}}
  %y = qint.batch_matmul %a, %b {lhs_zp = 0, rhs_zp = 0, output_multiplier = 1073741824, output_shift = -10, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x140000xi8>, tensor<140000x1xi8>) -> tensor<1x1xi8>
  return
}

// -----

func.func @qint_layer_norm_c1(%x: tensor<2x8xi8>, %g: tensor<4xi16>, %b: tensor<8xi32>) {
  // expected-error @+1 {{gamma and beta must be [8] (the last dimension), but one is [4] [qint_layer_norm_c1]}}
  %y = qint.layer_norm %x, %g, %b {epsilon = 0, output_multiplier = 1073741824, output_shift = -12, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<2x8xi8>, tensor<4xi16>, tensor<8xi32>) -> tensor<2x8xi8>
  return
}

// -----

func.func @qint_layer_norm_c2(%x: tensor<2x8xi8>, %g: tensor<8xi16>, %b: tensor<8xi32>) {
  // expected-error @+1 {{epsilon must be in [0, 2^62 - 1 - 8388608], but is -1 [qint_layer_norm_c2]}}
  %y = qint.layer_norm %x, %g, %b {epsilon = -1, output_multiplier = 1073741824, output_shift = -12, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<2x8xi8>, tensor<8xi16>, tensor<8xi32>) -> tensor<2x8xi8>
  return
}

// -----

func.func @qint_layer_norm_c3(%x: tensor<2x2xi8>, %g: tensor<2xi16>) {
  %b = arith.constant dense<[0, 1073741825]> : tensor<2xi32>
  // expected-error @+1 {{beta must be within 2^30 in magnitude, but holds 1073741825 [qint_layer_norm_c3]}}
  %y = qint.layer_norm %x, %g, %b {epsilon = 0, output_multiplier = 1073741824, output_shift = -12, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<2x2xi8>, tensor<2xi16>, tensor<2xi32>) -> tensor<2x2xi8>
  return
}

// -----

func.func @qint_layer_norm_c1_int16(%x: tensor<1x1025xi16>, %g: tensor<1025xi16>, %b: tensor<1025xi64>) {
  // expected-error @+1 {{normalizes a last dimension of 1 to 1024 int16 values, but the input is [1, 1025] [qint_layer_norm_c1]}}
  %y = qint.layer_norm %x, %g, %b {epsilon = 0, output_multiplier = 1073741824, output_shift = -29, output_zp = 0, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<1x1025xi16>, tensor<1025xi16>, tensor<1025xi64>) -> tensor<1x1025xi16>
  return
}

// -----

func.func @qint_layer_norm_c3_beta_type(%x: tensor<2x8xi16>, %g: tensor<8xi16>, %b: tensor<8xi32>) {
  // expected-error @+1 {{beta must be i64 for int16 values, but is i32 [qint_layer_norm_c3]}}
  %y = qint.layer_norm %x, %g, %b {epsilon = 0, output_multiplier = 1073741824, output_shift = -29, output_zp = 0, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<2x8xi16>, tensor<8xi16>, tensor<8xi32>) -> tensor<2x8xi16>
  return
}

// -----

func.func @qint_layer_norm_c3_int16(%x: tensor<2x2xi16>, %g: tensor<2xi16>) {
  %b = arith.constant dense<[0, 70368744177665]> : tensor<2xi64>
  // expected-error @+1 {{beta must be within 2^46 in magnitude, but holds 70368744177665 [qint_layer_norm_c3]}}
  %y = qint.layer_norm %x, %g, %b {epsilon = 0, output_multiplier = 1073741824, output_shift = -29, output_zp = 0, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<2x2xi16>, tensor<2xi16>, tensor<2xi64>) -> tensor<2x2xi16>
  return
}

// -----

func.func @qint_layer_norm_int16_rescale(%x: tensor<2x2xi16>) {
  %g = arith.constant dense<[32767, 1]> : tensor<2xi16>
  %b = arith.constant dense<[0, 0]> : tensor<2xi64>
  // expected-error @+1 {{rescaled it leaves int32 [quant_c7]}}
  %y = qint.layer_norm %x, %g, %b {epsilon = 0, output_multiplier = 1073741824, output_shift = 7, output_zp = 0, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<2x2xi16>, tensor<2xi16>, tensor<2xi64>) -> tensor<2x2xi16>
  return
}
