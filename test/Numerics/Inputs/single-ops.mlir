// One layer per function, between fake-quants as training leaves it; the
// lowered integer program must agree with it within one output step per
// element (single-ops.test).
// Input quantization: int8, scale 1/64, zero point 5 (inputs in [-2, 2]).

// Conv + batchnorm (PyTorch's fused form) + relu, per-channel weights.
func.func @conv_bn_relu(%x: tensor<1x5x5x2xf32>) -> tensor<1x5x5x3xf32> {
  %w = arith.constant dense<[[[[0.31, -0.2], [0.12, 0.5], [-0.4, 0.22]], [[0.6, 0.13], [-0.3, -0.1], [0.25, 0.41]], [[0.1, 0.12], [0.2, -0.6], [0.52, 0.3]]], [[[-0.2, 0.4], [0.33, 0.3], [0.1, -0.5]], [[0.21, 0.2], [0.4, -0.33], [-0.1, 0.6]], [[0.3, -0.4], [0.11, 0.2], [-0.2, 0.15]]], [[[0.05, 0.07], [-0.03, 0.02], [0.04, -0.06]], [[0.01, 0.08], [-0.07, 0.03], [0.02, 0.05]], [[-0.04, 0.06], [0.03, -0.02], [0.07, 0.01]]]]> : tensor<3x3x3x2xf32>
  %inv_g = arith.constant dense<[0.8, 1.25, 2.0]> : tensor<3xf32>
  %gamma = arith.constant dense<[1.25, 0.8, 0.5]> : tensor<3xf32>
  %beta = arith.constant dense<[0.1, -0.2, 0.05]> : tensor<3xf32>
  %mean = arith.constant dense<[0.3, -0.1, 0.0]> : tensor<3xf32>
  %var = arith.constant dense<[0.99999, 0.99999, 0.99999]> : tensor<3xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x5x5x2xf32>
  %wq = qat.fake_quant %w {axis = 0, scale = array<f64: 0.0047, 0.0048, 0.00063>, zero_point = array<i64: 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<3x3x3x2xf32>
  %c = qat.conv2d %xq, %wq {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x5x5x2xf32>, tensor<3x3x3x2xf32>) -> tensor<1x5x5x3xf32>
  %s = qat.mul %c, %inv_g : (tensor<1x5x5x3xf32>, tensor<3xf32>) -> tensor<1x5x5x3xf32>
  %b = qat.batch_norm %s, %gamma, %beta, %mean, %var {epsilon = 1.0e-05} : tensor<1x5x5x3xf32>, tensor<3xf32>
  %r = qat.relu %b : tensor<1x5x5x3xf32>
  %y = qat.fake_quant %r {scale = array<f64: 0.0123>, zero_point = array<i64: 0>, quant_min = 0, quant_max = 255} : tensor<1x5x5x3xf32>
  return %y : tensor<1x5x5x3xf32>
}

// Depthwise + batchnorm (TensorFlow form, per-axis min/max weights) + relu6.
func.func @depthwise_bn_relu6(%x: tensor<1x5x5x2xf32>) -> tensor<1x3x3x2xf32> {
  %w = arith.constant dense<[[[[0.5, -0.3], [0.2, 0.4], [-0.1, 0.6]], [[0.3, 0.2], [-0.6, 0.1], [0.4, -0.2]], [[0.1, 0.5], [0.2, -0.4], [0.3, 0.3]]]]> : tensor<1x3x3x2xf32>
  %gamma = arith.constant dense<[2.0, -1.5]> : tensor<2xf32>
  %beta = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %mean = arith.constant dense<[0.1, -0.2]> : tensor<2xf32>
  %var = arith.constant dense<[0.5, 1.5]> : tensor<2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x5x5x2xf32>
  %wq = qat.fake_quant %w {axis = 3, min = array<f64: -0.6, -0.6>, max = array<f64: 0.6, 0.6>, narrow_range = true} : tensor<1x3x3x2xf32>
  %c = qat.depthwise_conv2d %xq, %wq {strides = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>} : (tensor<1x5x5x2xf32>, tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %b = qat.batch_norm %c, %gamma, %beta, %mean, %var {epsilon = 1.0e-03} : tensor<1x3x3x2xf32>, tensor<2xf32>
  %r = qat.relu6 %b : tensor<1x3x3x2xf32>
  %y = qat.fake_quant %r {min = array<f64: 0.0>, max = array<f64: 6.0>} : tensor<1x3x3x2xf32>
  return %y : tensor<1x3x3x2xf32>
}

// Residual add of two differently scaled tensors.
func.func @add_different_scales(%x: tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32> {
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x4x4x3xf32>
  %r = qat.relu %xq : tensor<1x4x4x3xf32>
  %rq = qat.fake_quant %r {scale = array<f64: 0.0091>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x4x4x3xf32>
  %a = qat.add %xq, %rq : (tensor<1x4x4x3xf32>, tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  %y = qat.fake_quant %a {scale = array<f64: 0.0217>, zero_point = array<i64: -30>, quant_min = -128, quant_max = 127} : tensor<1x4x4x3xf32>
  return %y : tensor<1x4x4x3xf32>
}

// Concat of two differently scaled tensors (one is re-quantized).
func.func @concat_different_scales(%x: tensor<1x4x4x3xf32>) -> tensor<1x4x4x6xf32> {
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x4x4x3xf32>
  %r = qat.relu6 %xq : tensor<1x4x4x3xf32>
  %rq = qat.fake_quant %r {scale = array<f64: 0.0079>, zero_point = array<i64: 0>, quant_min = 0, quant_max = 255} : tensor<1x4x4x3xf32>
  %c = qat.concat %xq, %rq {axis = 3} : (tensor<1x4x4x3xf32>, tensor<1x4x4x3xf32>) -> tensor<1x4x4x6xf32>
  %y = qat.fake_quant %c {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x4x4x6xf32>
  return %y : tensor<1x4x4x6xf32>
}

// Average and max pooling, then the global mean.
func.func @pools_and_mean(%x: tensor<1x6x6x3xf32>) -> (tensor<1x3x3x3xf32>, tensor<1x3x3x3xf32>, tensor<1x3xf32>) {
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x6x6x3xf32>
  %a = qat.avg_pool2d %xq {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pad = array<i64: 1, 0, 1, 0>} : tensor<1x6x6x3xf32> -> tensor<1x3x3x3xf32>
  %aq = qat.fake_quant %a {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x3x3x3xf32>
  %m = qat.max_pool2d %xq {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x6x6x3xf32> -> tensor<1x3x3x3xf32>
  %mq = qat.fake_quant %m {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x3x3x3xf32>
  %g = qat.mean %xq : tensor<1x6x6x3xf32> -> tensor<1x3xf32>
  %gq = qat.fake_quant %g {scale = array<f64: 0.0043>, zero_point = array<i64: 2>, quant_min = -128, quant_max = 127} : tensor<1x3xf32>
  return %aq, %mq, %gq : tensor<1x3x3x3xf32>, tensor<1x3x3x3xf32>, tensor<1x3xf32>
}

// Average pools over six channels (a block of four and two left over) with
// padding, and over 289 taps (more than an int16 lane of the DSP path holds).
func.func @avg_pools_wide(%x: tensor<1x17x17x6xf32>) -> (tensor<1x9x9x6xf32>, tensor<1x1x1x6xf32>) {
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x17x17x6xf32>
  %a = qat.avg_pool2d %xq {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>} : tensor<1x17x17x6xf32> -> tensor<1x9x9x6xf32>
  %aq = qat.fake_quant %a {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x9x9x6xf32>
  %g = qat.avg_pool2d %xq {kernel = array<i64: 17, 17>, strides = array<i64: 1, 1>} : tensor<1x17x17x6xf32> -> tensor<1x1x1x6xf32>
  %gq = qat.fake_quant %g {scale = array<f64: 0.0078125>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x1x1x6xf32>
  return %aq, %gq : tensor<1x9x9x6xf32>, tensor<1x1x1x6xf32>
}

// Fully connected with per-tensor weights, then softmax.
func.func @fc_per_tensor_softmax(%x: tensor<1x8xf32>) -> (tensor<1x4xf32>, tensor<1x4xf32>) {
  %w = arith.constant dense<[[0.3, -0.5, 0.2, 0.1, -0.4, 0.6, 0.2, -0.1], [0.1, 0.2, -0.3, 0.4, 0.5, -0.2, 0.1, 0.3], [-0.6, 0.1, 0.4, -0.2, 0.3, 0.2, -0.5, 0.4], [0.2, 0.3, 0.1, -0.6, 0.2, 0.4, 0.3, -0.3]]> : tensor<4x8xf32>
  %b = arith.constant dense<[0.05, -0.1, 0.2, 0.0]> : tensor<4xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x8xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.0048>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x8xf32>
  %f = qat.fully_connected %xq, %wq, %b : (tensor<1x8xf32>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<1x4xf32>
  %fq = qat.fake_quant %f {scale = array<f64: 0.0127>, zero_point = array<i64: -3>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  %s = qat.softmax %fq : tensor<1x4xf32>
  %sq = qat.fake_quant %s {scale = array<f64: 0.00390625>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  return %fq, %sq : tensor<1x4xf32>, tensor<1x4xf32>
}

// 4-bit weights (TensorFlow form, narrow range: levels 1..15, zero point 8),
// stored in int8 as -7..7.
func.func @conv_4bit_weights(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %w = arith.constant dense<[[[[0.5, -0.3]]], [[[0.2, 0.45]]]]> : tensor<2x1x1x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  %wq = qat.fake_quant %w {axis = 0, min = array<f64: -0.5, -0.45>, max = array<f64: 0.5, 0.45>, num_bits = 4, narrow_range = true} : tensor<2x1x1x2xf32>
  %c = qat.conv2d %xq, %wq : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>) -> tensor<1x4x4x2xf32>
  %y = qat.fake_quant %c {scale = array<f64: 0.0071>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// Adds whose operand scales differ by more than 8x (the smaller operand's
// multiplier has a shift of -3 or less), and by less; each with a ReLU in
// its activation range, which is then not all of int8.
func.func @add_far_scales_relu(%x: tensor<1x4x4x3xf32>, %y: tensor<1x4x4x3xf32>) -> (tensor<1x4x4x3xf32>, tensor<1x4x4x3xf32>) {
  %xq = qat.fake_quant %x {scale = array<f64: 0.05>, zero_point = array<i64: 3>, quant_min = -128, quant_max = 127} : tensor<1x4x4x3xf32>
  %yq = qat.fake_quant %y {scale = array<f64: 0.004>, zero_point = array<i64: -10>, quant_min = -128, quant_max = 127} : tensor<1x4x4x3xf32>
  %a = qat.add %xq, %yq : (tensor<1x4x4x3xf32>, tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  %r = qat.relu %a : tensor<1x4x4x3xf32>
  %rq = qat.fake_quant %r {scale = array<f64: 0.03>, zero_point = array<i64: -100>, quant_min = -128, quant_max = 127} : tensor<1x4x4x3xf32>
  %b = qat.add %xq, %xq : (tensor<1x4x4x3xf32>, tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  %s = qat.relu %b : tensor<1x4x4x3xf32>
  %sq = qat.fake_quant %s {scale = array<f64: 0.07>, zero_point = array<i64: -90>, quant_min = -128, quant_max = 127} : tensor<1x4x4x3xf32>
  return %rq, %sq : tensor<1x4x4x3xf32>, tensor<1x4x4x3xf32>
}

// Elementwise mul.
func.func @mul(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  %r = qat.relu %xq : tensor<1x4x4x2xf32>
  %rq = qat.fake_quant %r {scale = array<f64: 0.0087>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  %m = qat.mul %xq, %rq : (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %y = qat.fake_quant %m {scale = array<f64: 0.0161>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// The pointwise functions, each between fake-quants (one in TensorFlow's
// min/max form, one with an unsigned range): their int8 tables reproduce the
// fake-quant graph exactly.
func.func @pointwise_functions(%x: tensor<1x4x4x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) {
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  %l = qat.pointwise leaky_relu %xq {alpha = 0.1} : tensor<1x4x4x2xf32>
  %lq = qat.fake_quant %l {scale = array<f64: 0.0093>, zero_point = array<i64: -106>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  %h = qat.pointwise hard_swish %lq : tensor<1x4x4x2xf32>
  %hq = qat.fake_quant %h {min = array<f64: -0.375>, max = array<f64: 1.8>} : tensor<1x4x4x2xf32>
  %t = qat.pointwise tanh %hq : tensor<1x4x4x2xf32>
  %tq = qat.fake_quant %t {scale = array<f64: 0.0078125>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  %g = qat.pointwise hard_sigmoid %tq {alpha = 0.2, beta = 0.5} : tensor<1x4x4x2xf32>
  %gq = qat.fake_quant %g {scale = array<f64: 0.0039215686>, zero_point = array<i64: 0>, quant_min = 0, quant_max = 255} : tensor<1x4x4x2xf32>
  %s = qat.pointwise sigmoid %xq : tensor<1x4x4x2xf32>
  %sq = qat.fake_quant %s {scale = array<f64: 0.00390625>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  return %gq, %sq : tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>
}

// Channel counts that take every path of the vector kernels: a depthwise
// over 22 channels (a group of 16, one of 4, two single channels) and a
// 1x1 conv from 22 to 7 channels (a 16-column block and an 8-column tail;
// a group of 4 rows and three single rows), per-channel weights whose
// scales make shifts from -7 to -1 (depthwise) and -7 to 1 (the 1x1 conv:
// a left shift takes the other output stages).
func.func @vector_blocks(%x: tensor<1x6x5x22xf32>) -> (tensor<1x6x5x22xf32>, tensor<1x6x5x7xf32>) {
  %dw = arith.constant dense<[[[[0.19, 0.32, -0.16, -0.46, 0.07, -0.35, 0.22, -0.15, -0.04, 0.48, 0.28, 0.34, 0.06, 0.44, -0.48, 0.39, -0.11, -0.27, 0.03, 0.44, -0.17, 0.41],   [-0.03, 0.47, 0.26, 0.28, -0.14, 0.09, -0.25, 0.30, -0.24, 0.17, -0.42, -0.25, -0.14, -0.33, -0.24, -0.30, -0.46, -0.16, -0.03, -0.08, 0.40, -0.41],   [0.12, -0.15, -0.47, 0.27, -0.08, 0.48, 0.27, 0.37, 0.07, -0.16, 0.35, -0.09, 0.37, 0.41, -0.15, 0.23, 0.31, 0.50, -0.04, -0.30, -0.24, -0.12]],  [[-0.43, 0.19, -0.44, -0.04, 0.50, -0.10, -0.29, -0.09, -0.24, -0.30, -0.24, -0.19, -0.04, -0.22, 0.14, 0.36, -0.48, -0.03, 0.12, -0.03, 0.16, -0.29],   [0.44, 0.50, 0.33, 0.08, 0.33, 0.17, 0.37, -0.00, -0.22, 0.06, -0.00, -0.29, 0.17, 0.23, -0.24, -0.34, 0.08, -0.04, 0.22, 0.24, -0.48, -0.29],   [0.37, 0.17, 0.29, 0.24, 0.09, -0.18, -0.21, 0.12, 0.12, 0.42, 0.13, 0.07, -0.48, 0.16, 0.38, 0.14, 0.02, -0.16, 0.49, -0.21, 0.28, -0.01]],  [[0.07, -0.47, 0.30, -0.05, 0.44, 0.46, 0.40, 0.19, -0.32, -0.30, -0.12, -0.32, 0.45, -0.06, 0.21, -0.34, 0.07, -0.41, -0.25, 0.32, -0.07, 0.31],   [0.02, -0.00, -0.05, -0.13, 0.04, -0.21, 0.34, -0.26, 0.23, -0.13, 0.04, -0.35, 0.43, -0.17, 0.46, -0.34, -0.18, 0.13, 0.06, 0.36, -0.43, -0.06],   [0.05, 0.03, 0.06, -0.10, 0.49, -0.31, -0.18, -0.05, 0.46, -0.25, -0.27, 0.03, 0.03, -0.02, 0.03, 0.29, 0.29, 0.38, -0.13, 0.17, 0.12, -0.28]]]]> : tensor<1x3x3x22xf32>
  %pw = arith.constant dense<[[[[0.00, -0.07, 0.47, 0.09, 0.31, -0.04, 0.34, 0.41, -0.35, 0.11, 0.13, 0.03, 0.35, -0.08, 0.37, 0.31, 0.17, -0.30, -0.17, -0.14, 0.45, 0.38]]], [[[-0.49, 0.45, 0.12, 0.43, -0.15, -0.31, 0.02, 0.39, -0.01, 0.04, -0.44, -0.14, 0.12, -0.04, 0.06, 0.30, 0.32, -0.38, -0.20, -0.37, 0.20, 0.09]]], [[[-0.07, 0.36, 0.48, -0.02, 0.18, 0.25, 0.22, -0.18, 0.49, -0.31, -0.12, 0.44, -0.13, 0.30, -0.07, -0.04, 0.32, -0.20, -0.09, 0.25, -0.49, -0.16]]], [[[0.09, -0.26, 0.12, 0.13, 0.24, 0.19, 0.12, -0.25, -0.10, -0.34, -0.22, 0.45, -0.47, 0.13, -0.07, 0.44, -0.11, -0.20, -0.12, 0.14, 0.48, -0.35]]], [[[-0.21, 0.22, 0.42, 0.25, 0.12, -0.39, -0.49, 0.26, -0.01, -0.32, 0.44, -0.25, 0.43, 0.10, -0.04, 0.09, 0.43, -0.15, 0.34, 0.29, 0.12, -0.23]]], [[[0.09, 0.05, -0.35, 0.30, -0.01, -0.48, 0.04, -0.29, -0.34, 0.44, -0.30, -0.39, -0.09, -0.38, -0.18, -0.32, 0.26, -0.11, -0.30, -0.40, 0.20, 0.50]]], [[[0.07, -0.29, 0.11, 0.46, -0.34, -0.07, -0.23, -0.35, 0.14, 0.14, -0.49, 0.40, 0.33, -0.03, 0.10, 0.05, -0.06, -0.33, 0.37, 0.06, -0.47, -0.45]]]]> : tensor<7x1x1x22xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x6x5x22xf32>
  %dwq = qat.fake_quant %dw {axis = 3, scale = array<f64: 0.06, 0.04361, 0.03169, 0.02303, 0.01674, 0.01216, 0.00884, 0.00642, 0.00467, 0.00339, 0.00247, 0.00179, 0.0013, 0.00095, 0.00069, 0.0005, 0.06, 0.02, 0.004, 0.0005, 0.05, 0.001>, zero_point = array<i64: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<1x3x3x22xf32>
  %d = qat.depthwise_conv2d %xq, %dwq {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x6x5x22xf32>, tensor<1x3x3x22xf32>) -> tensor<1x6x5x22xf32>
  %dq = qat.fake_quant %d {scale = array<f64: 0.002>, zero_point = array<i64: -3>, quant_min = -128, quant_max = 127} : tensor<1x6x5x22xf32>
  %pwq = qat.fake_quant %pw {axis = 0, scale = array<f64: 0.3, 0.11172, 0.0416, 0.01549, 0.00577, 0.00215, 0.0008>, zero_point = array<i64: 0, 0, 0, 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<7x1x1x22xf32>
  %p = qat.conv2d %dq, %pwq : (tensor<1x6x5x22xf32>, tensor<7x1x1x22xf32>) -> tensor<1x6x5x7xf32>
  %r = qat.relu %p : tensor<1x6x5x7xf32>
  %y = qat.fake_quant %r {scale = array<f64: 0.0004>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x6x5x7xf32>
  return %dq, %y : tensor<1x6x5x22xf32>, tensor<1x6x5x7xf32>
}

// A fully connected layer over 40 features (two 16-column blocks and an
// 8-column tail) to 7 outputs, per-channel weights (right shifts of 1 to
// 6).
func.func @vector_fc(%x: tensor<1x40xf32>) -> tensor<1x7xf32> {
  %w = arith.constant dense<[[0.13, -0.11, 0.12, -0.24, -0.22, -0.41, 0.33, -0.40, 0.21, -0.38, -0.27, -0.45, -0.24, -0.49, -0.46, 0.17, 0.08, -0.28, 0.12, 0.37, 0.07, 0.11, 0.11, 0.07, 0.14, 0.28, 0.22, 0.25, 0.45, 0.40, -0.03, -0.10, 0.43, 0.01, 0.07, -0.11, 0.28, -0.03, -0.45, -0.40], [-0.24, 0.50, -0.25, -0.17, 0.41, -0.07, -0.23, 0.09, -0.09, -0.47, -0.37, -0.01, 0.13, 0.11, 0.23, 0.06, -0.43, -0.29, 0.25, -0.15, 0.41, 0.10, -0.14, -0.24, 0.03, -0.41, -0.36, -0.02, -0.14, -0.33, -0.16, -0.40, 0.20, 0.09, 0.32, 0.18, -0.07, 0.38, 0.25, -0.02], [0.08, 0.22, 0.27, -0.31, 0.11, -0.34, 0.46, 0.41, 0.21, -0.47, 0.31, -0.33, -0.05, -0.08, -0.45, 0.10, 0.32, -0.35, 0.47, 0.38, 0.18, -0.37, 0.14, -0.09, 0.03, 0.41, 0.14, -0.39, -0.33, -0.20, -0.36, 0.20, -0.31, 0.16, 0.36, -0.43, 0.14, -0.02, 0.46, -0.07], [-0.25, 0.18, -0.46, 0.29, 0.14, -0.25, 0.17, 0.00, 0.40, 0.33, 0.25, 0.29, 0.29, 0.27, 0.25, 0.05, 0.13, 0.33, -0.28, 0.42, 0.42, 0.11, -0.39, -0.14, -0.01, 0.09, 0.25, 0.40, -0.43, 0.06, -0.27, 0.34, 0.40, 0.46, 0.39, -0.44, -0.28, -0.35, -0.09, -0.13], [-0.22, 0.17, 0.30, 0.48, -0.45, -0.05, -0.18, 0.40, -0.45, 0.37, -0.46, -0.40, -0.26, 0.03, -0.19, 0.28, -0.46, 0.04, 0.06, 0.12, -0.22, -0.04, 0.03, -0.41, -0.03, -0.08, -0.41, -0.06, 0.08, -0.34, -0.33, -0.29, 0.20, -0.24, -0.00, -0.49, -0.12, -0.15, 0.19, 0.36], [0.24, -0.26, -0.34, -0.25, -0.43, 0.30, -0.50, 0.10, -0.40, -0.42, -0.09, 0.28, -0.11, 0.23, -0.17, 0.25, -0.21, 0.20, 0.49, -0.09, -0.43, 0.19, 0.41, -0.50, 0.44, -0.28, 0.07, 0.43, -0.29, 0.01, -0.09, -0.16, -0.06, -0.08, 0.28, 0.14, 0.40, -0.19, 0.01, 0.06], [-0.09, 0.32, 0.24, -0.46, 0.14, -0.36, -0.37, 0.24, -0.00, -0.23, 0.49, 0.38, 0.29, -0.13, -0.39, -0.09, 0.38, -0.22, 0.00, -0.49, -0.37, -0.04, -0.28, 0.45, -0.16, -0.41, -0.38, -0.44, -0.28, 0.46, 0.38, -0.50, 0.07, -0.06, -0.27, 0.25, 0.34, 0.24, 0.14, -0.39]]> : tensor<7x40xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x40xf32>
  %wq = qat.fake_quant %w {axis = 0, scale = array<f64: 0.06, 0.02922, 0.01423, 0.00693, 0.00337, 0.00164, 0.0008>, zero_point = array<i64: 0, 0, 0, 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<7x40xf32>
  %f = qat.fully_connected %xq, %wq : (tensor<1x40xf32>, tensor<7x40xf32>) -> tensor<1x7xf32>
  %y = qat.fake_quant %f {scale = array<f64: 0.0021>, zero_point = array<i64: 2>, quant_min = -128, quant_max = 127} : tensor<1x7xf32>
  return %y : tensor<1x7xf32>
}

// The two-pixel DSP convolutions keep their pair buffer in the last bytes
// of the output, so they run where the output is larger than two widened
// columns: a padded 3x3 conv over 9x9 pixels (81, an odd count) to 12
// channels, and a 1x1 conv to 5 channels (a group of four and one more).
func.func @conv_pixel_pairs(%x: tensor<1x9x9x4xf32>) -> (tensor<1x9x9x12xf32>, tensor<1x9x9x5xf32>) {
  %w1 = arith.constant dense<[[[[0.19, 0.32, -0.16, -0.46], [0.07, -0.35, 0.22, -0.15], [-0.04, 0.48, 0.28, 0.34]], [[0.06, 0.44, -0.48, 0.39], [-0.11, -0.27, 0.03, 0.44], [-0.17, 0.41, -0.03, 0.47]], [[0.26, 0.28, -0.14, 0.09], [-0.25, 0.30, -0.24, 0.17], [-0.42, -0.25, -0.14, -0.33]]], [[[-0.24, -0.30, -0.46, -0.16], [-0.03, -0.08, 0.40, -0.41], [0.12, -0.15, -0.47, 0.27]], [[-0.08, 0.48, 0.27, 0.37], [0.07, -0.16, 0.35, -0.09], [0.37, 0.41, -0.15, 0.23]], [[0.31, 0.50, -0.04, -0.30], [-0.24, -0.12, -0.43, 0.19], [-0.44, -0.04, 0.50, -0.10]]], [[[-0.29, -0.09, -0.24, -0.30], [-0.24, -0.19, -0.04, -0.22], [0.14, 0.36, -0.48, -0.03]], [[0.12, -0.03, 0.16, -0.29], [0.44, 0.50, 0.33, 0.08], [0.33, 0.17, 0.37, -0.00]], [[-0.22, 0.06, -0.00, -0.29], [0.17, 0.23, -0.24, -0.34], [0.08, -0.04, 0.22, 0.24]]], [[[-0.48, -0.29, 0.37, 0.17], [0.29, 0.24, 0.09, -0.18], [-0.21, 0.12, 0.12, 0.42]], [[0.13, 0.07, -0.48, 0.16], [0.38, 0.14, 0.02, -0.16], [0.49, -0.21, 0.28, -0.01]], [[0.07, -0.47, 0.30, -0.05], [0.44, 0.46, 0.40, 0.19], [-0.32, -0.30, -0.12, -0.32]]], [[[0.45, -0.06, 0.21, -0.34], [0.07, -0.41, -0.25, 0.32], [-0.07, 0.31, 0.02, -0.00]], [[-0.05, -0.13, 0.04, -0.21], [0.34, -0.26, 0.23, -0.13], [0.04, -0.35, 0.43, -0.17]], [[0.46, -0.34, -0.18, 0.13], [0.06, 0.36, -0.43, -0.06], [0.05, 0.03, 0.06, -0.10]]], [[[0.49, -0.31, -0.18, -0.05], [0.46, -0.25, -0.27, 0.03], [0.03, -0.02, 0.03, 0.29]], [[0.29, 0.38, -0.13, 0.17], [0.12, -0.28, 0.00, -0.07], [0.47, 0.09, 0.31, -0.04]], [[0.34, 0.41, -0.35, 0.11], [0.13, 0.03, 0.35, -0.08], [0.37, 0.31, 0.17, -0.30]]], [[[-0.17, -0.14, 0.45, 0.38], [-0.49, 0.45, 0.12, 0.43], [-0.15, -0.31, 0.02, 0.39]], [[-0.01, 0.04, -0.44, -0.14], [0.12, -0.04, 0.06, 0.30], [0.32, -0.38, -0.20, -0.37]], [[0.20, 0.09, -0.07, 0.36], [0.48, -0.02, 0.18, 0.25], [0.22, -0.18, 0.49, -0.31]]], [[[-0.12, 0.44, -0.13, 0.30], [-0.07, -0.04, 0.32, -0.20], [-0.09, 0.25, -0.49, -0.16]], [[0.09, -0.26, 0.12, 0.13], [0.24, 0.19, 0.12, -0.25], [-0.10, -0.34, -0.22, 0.45]], [[-0.47, 0.13, -0.07, 0.44], [-0.11, -0.20, -0.12, 0.14], [0.48, -0.35, -0.21, 0.22]]], [[[0.42, 0.25, 0.12, -0.39], [-0.49, 0.26, -0.01, -0.32], [0.44, -0.25, 0.43, 0.10]], [[-0.04, 0.09, 0.43, -0.15], [0.34, 0.29, 0.12, -0.23], [0.09, 0.05, -0.35, 0.30]], [[-0.01, -0.48, 0.04, -0.29], [-0.34, 0.44, -0.30, -0.39], [-0.09, -0.38, -0.18, -0.32]]], [[[0.26, -0.11, -0.30, -0.40], [0.20, 0.50, 0.07, -0.29], [0.11, 0.46, -0.34, -0.07]], [[-0.23, -0.35, 0.14, 0.14], [-0.49, 0.40, 0.33, -0.03], [0.10, 0.05, -0.06, -0.33]], [[0.37, 0.06, -0.47, -0.45], [0.13, -0.11, 0.12, -0.24], [-0.22, -0.41, 0.33, -0.40]]], [[[0.21, -0.38, -0.27, -0.45], [-0.24, -0.49, -0.46, 0.17], [0.08, -0.28, 0.12, 0.37]], [[0.07, 0.11, 0.11, 0.07], [0.14, 0.28, 0.22, 0.25], [0.45, 0.40, -0.03, -0.10]], [[0.43, 0.01, 0.07, -0.11], [0.28, -0.03, -0.45, -0.40], [-0.24, 0.50, -0.25, -0.17]]], [[[0.41, -0.07, -0.23, 0.09], [-0.09, -0.47, -0.37, -0.01], [0.13, 0.11, 0.23, 0.06]], [[-0.43, -0.29, 0.25, -0.15], [0.41, 0.10, -0.14, -0.24], [0.03, -0.41, -0.36, -0.02]], [[-0.14, -0.33, -0.16, -0.40], [0.20, 0.09, 0.32, 0.18], [-0.07, 0.38, 0.25, -0.02]]]]> : tensor<12x3x3x4xf32>
  %w2 = arith.constant dense<[[[[0.08, 0.22, 0.27, -0.31, 0.11, -0.34, 0.46, 0.41, 0.21, -0.47, 0.31, -0.33]]], [[[-0.05, -0.08, -0.45, 0.10, 0.32, -0.35, 0.47, 0.38, 0.18, -0.37, 0.14, -0.09]]], [[[0.03, 0.41, 0.14, -0.39, -0.33, -0.20, -0.36, 0.20, -0.31, 0.16, 0.36, -0.43]]], [[[0.14, -0.02, 0.46, -0.07, -0.25, 0.18, -0.46, 0.29, 0.14, -0.25, 0.17, 0.00]]], [[[0.40, 0.33, 0.25, 0.29, 0.29, 0.27, 0.25, 0.05, 0.13, 0.33, -0.28, 0.42]]]]> : tensor<5x1x1x12xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: -7>, quant_min = -128, quant_max = 127} : tensor<1x9x9x4xf32>
  %w1q = qat.fake_quant %w1 {axis = 0, scale = array<f64: 0.00400, 0.00331, 0.00274, 0.00227, 0.00188, 0.00155, 0.00129, 0.00107, 0.00088, 0.00073, 0.00060, 0.00050>, zero_point = array<i64: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<12x3x3x4xf32>
  %c = qat.conv2d %xq, %w1q {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x9x9x4xf32>, tensor<12x3x3x4xf32>) -> tensor<1x9x9x12xf32>
  %cq = qat.fake_quant %c {scale = array<f64: 0.01>, zero_point = array<i64: 4>, quant_min = -128, quant_max = 127} : tensor<1x9x9x12xf32>
  %w2q = qat.fake_quant %w2 {axis = 0, scale = array<f64: 0.00400, 0.00283, 0.00200, 0.00141, 0.00100>, zero_point = array<i64: 0, 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<5x1x1x12xf32>
  %p = qat.conv2d %cq, %w2q : (tensor<1x9x9x12xf32>, tensor<5x1x1x12xf32>) -> tensor<1x9x9x5xf32>
  %pq = qat.fake_quant %p {scale = array<f64: 0.002>, zero_point = array<i64: -20>, quant_min = -128, quant_max = 127} : tensor<1x9x9x5xf32>
  return %cq, %pq : tensor<1x9x9x12xf32>, tensor<1x9x9x5xf32>
}
// Windowed kernels writing over their input (qint-plan-memory puts every
// one but the first and the returned one in place: all are at the peak).
func.func @windows_in_place(%x: tensor<1x6x6x8xf32>) -> tensor<1x3x3x8xf32> {
  %wd = arith.constant dense<[[[[0.19, 0.32, -0.16, -0.46, 0.07, -0.35, 0.22, -0.15], [-0.04, 0.48, 0.28, 0.34, 0.06, 0.44, -0.48, 0.39], [-0.11, -0.27, 0.03, 0.44, -0.17, 0.41, -0.03, 0.47]], [[0.26, 0.28, -0.14, 0.09, -0.25, 0.30, -0.24, 0.17], [-0.42, -0.25, -0.14, -0.33, -0.24, -0.30, -0.46, -0.16], [-0.03, -0.08, 0.40, -0.41, 0.12, -0.15, -0.47, 0.27]], [[-0.08, 0.48, 0.27, 0.37, 0.07, -0.16, 0.35, -0.09], [0.37, 0.41, -0.15, 0.23, 0.31, 0.50, -0.04, -0.30], [-0.24, -0.12, -0.43, 0.19, -0.44, -0.04, 0.50, -0.10]]]]> : tensor<1x3x3x8xf32>
  %wc = arith.constant dense<[[[[-0.29, -0.09, -0.24, -0.30, -0.24, -0.19, -0.04, -0.22], [0.14, 0.36, -0.48, -0.03, 0.12, -0.03, 0.16, -0.29], [0.44, 0.50, 0.33, 0.08, 0.33, 0.17, 0.37, -0.00]], [[-0.22, 0.06, -0.00, -0.29, 0.17, 0.23, -0.24, -0.34], [0.08, -0.04, 0.22, 0.24, -0.48, -0.29, 0.37, 0.17], [0.29, 0.24, 0.09, -0.18, -0.21, 0.12, 0.12, 0.42]], [[0.13, 0.07, -0.48, 0.16, 0.38, 0.14, 0.02, -0.16], [0.49, -0.21, 0.28, -0.01, 0.07, -0.47, 0.30, -0.05], [0.44, 0.46, 0.40, 0.19, -0.32, -0.30, -0.12, -0.32]]], [[[0.45, -0.06, 0.21, -0.34, 0.07, -0.41, -0.25, 0.32], [-0.07, 0.31, 0.02, -0.00, -0.05, -0.13, 0.04, -0.21], [0.34, -0.26, 0.23, -0.13, 0.04, -0.35, 0.43, -0.17]], [[0.46, -0.34, -0.18, 0.13, 0.06, 0.36, -0.43, -0.06], [0.05, 0.03, 0.06, -0.10, 0.49, -0.31, -0.18, -0.05], [0.46, -0.25, -0.27, 0.03, 0.03, -0.02, 0.03, 0.29]], [[0.29, 0.38, -0.13, 0.17, 0.12, -0.28, 0.00, -0.07], [0.47, 0.09, 0.31, -0.04, 0.34, 0.41, -0.35, 0.11], [0.13, 0.03, 0.35, -0.08, 0.37, 0.31, 0.17, -0.30]]], [[[-0.17, -0.14, 0.45, 0.38, -0.49, 0.45, 0.12, 0.43], [-0.15, -0.31, 0.02, 0.39, -0.01, 0.04, -0.44, -0.14], [0.12, -0.04, 0.06, 0.30, 0.32, -0.38, -0.20, -0.37]], [[0.20, 0.09, -0.07, 0.36, 0.48, -0.02, 0.18, 0.25], [0.22, -0.18, 0.49, -0.31, -0.12, 0.44, -0.13, 0.30], [-0.07, -0.04, 0.32, -0.20, -0.09, 0.25, -0.49, -0.16]], [[0.09, -0.26, 0.12, 0.13, 0.24, 0.19, 0.12, -0.25], [-0.10, -0.34, -0.22, 0.45, -0.47, 0.13, -0.07, 0.44], [-0.11, -0.20, -0.12, 0.14, 0.48, -0.35, -0.21, 0.22]]], [[[0.42, 0.25, 0.12, -0.39, -0.49, 0.26, -0.01, -0.32], [0.44, -0.25, 0.43, 0.10, -0.04, 0.09, 0.43, -0.15], [0.34, 0.29, 0.12, -0.23, 0.09, 0.05, -0.35, 0.30]], [[-0.01, -0.48, 0.04, -0.29, -0.34, 0.44, -0.30, -0.39], [-0.09, -0.38, -0.18, -0.32, 0.26, -0.11, -0.30, -0.40], [0.20, 0.50, 0.07, -0.29, 0.11, 0.46, -0.34, -0.07]], [[-0.23, -0.35, 0.14, 0.14, -0.49, 0.40, 0.33, -0.03], [0.10, 0.05, -0.06, -0.33, 0.37, 0.06, -0.47, -0.45], [0.13, -0.11, 0.12, -0.24, -0.22, -0.41, 0.33, -0.40]]], [[[0.21, -0.38, -0.27, -0.45, -0.24, -0.49, -0.46, 0.17], [0.08, -0.28, 0.12, 0.37, 0.07, 0.11, 0.11, 0.07], [0.14, 0.28, 0.22, 0.25, 0.45, 0.40, -0.03, -0.10]], [[0.43, 0.01, 0.07, -0.11, 0.28, -0.03, -0.45, -0.40], [-0.24, 0.50, -0.25, -0.17, 0.41, -0.07, -0.23, 0.09], [-0.09, -0.47, -0.37, -0.01, 0.13, 0.11, 0.23, 0.06]], [[-0.43, -0.29, 0.25, -0.15, 0.41, 0.10, -0.14, -0.24], [0.03, -0.41, -0.36, -0.02, -0.14, -0.33, -0.16, -0.40], [0.20, 0.09, 0.32, 0.18, -0.07, 0.38, 0.25, -0.02]]], [[[0.08, 0.22, 0.27, -0.31, 0.11, -0.34, 0.46, 0.41], [0.21, -0.47, 0.31, -0.33, -0.05, -0.08, -0.45, 0.10], [0.32, -0.35, 0.47, 0.38, 0.18, -0.37, 0.14, -0.09]], [[0.03, 0.41, 0.14, -0.39, -0.33, -0.20, -0.36, 0.20], [-0.31, 0.16, 0.36, -0.43, 0.14, -0.02, 0.46, -0.07], [-0.25, 0.18, -0.46, 0.29, 0.14, -0.25, 0.17, 0.00]], [[0.40, 0.33, 0.25, 0.29, 0.29, 0.27, 0.25, 0.05], [0.13, 0.33, -0.28, 0.42, 0.42, 0.11, -0.39, -0.14], [-0.01, 0.09, 0.25, 0.40, -0.43, 0.06, -0.27, 0.34]]], [[[0.40, 0.46, 0.39, -0.44, -0.28, -0.35, -0.09, -0.13], [-0.22, 0.17, 0.30, 0.48, -0.45, -0.05, -0.18, 0.40], [-0.45, 0.37, -0.46, -0.40, -0.26, 0.03, -0.19, 0.28]], [[-0.46, 0.04, 0.06, 0.12, -0.22, -0.04, 0.03, -0.41], [-0.03, -0.08, -0.41, -0.06, 0.08, -0.34, -0.33, -0.29], [0.20, -0.24, -0.00, -0.49, -0.12, -0.15, 0.19, 0.36]], [[0.24, -0.26, -0.34, -0.25, -0.43, 0.30, -0.50, 0.10], [-0.40, -0.42, -0.09, 0.28, -0.11, 0.23, -0.17, 0.25], [-0.21, 0.20, 0.49, -0.09, -0.43, 0.19, 0.41, -0.50]]], [[[0.44, -0.28, 0.07, 0.43, -0.29, 0.01, -0.09, -0.16], [-0.06, -0.08, 0.28, 0.14, 0.40, -0.19, 0.01, 0.06], [-0.09, 0.32, 0.24, -0.46, 0.14, -0.36, -0.37, 0.24]], [[-0.00, -0.23, 0.49, 0.38, 0.29, -0.13, -0.39, -0.09], [0.38, -0.22, 0.00, -0.49, -0.37, -0.04, -0.28, 0.45], [-0.16, -0.41, -0.38, -0.44, -0.28, 0.46, 0.38, -0.50]], [[0.07, -0.06, -0.27, 0.25, 0.34, 0.24, 0.14, -0.39], [-0.17, -0.26, 0.35, -0.03, 0.19, 0.34, -0.45, 0.27], [0.11, 0.04, 0.30, -0.18, -0.28, -0.24, -0.23, 0.22]]]]> : tensor<8x3x3x8xf32>
  %wp = arith.constant dense<[[[[0.18, -0.38, -0.23, 0.48, -0.02, -0.10, -0.09, 0.48]]], [[[-0.37, 0.34, -0.23, 0.41, -0.14, -0.05, 0.09, -0.01]]], [[[-0.29, 0.18, 0.13, -0.47, 0.34, -0.34, -0.14, 0.08]]], [[[0.18, -0.02, 0.33, 0.18, -0.22, 0.44, -0.47, 0.27]]], [[[0.24, 0.23, -0.03, -0.37, 0.38, 0.19, 0.16, -0.03]]], [[[-0.09, 0.17, -0.46, -0.32, 0.15, 0.15, 0.22, 0.27]]], [[[0.06, -0.48, 0.47, 0.19, -0.42, 0.42, 0.40, -0.33]]], [[[-0.37, 0.28, -0.24, -0.41, 0.22, 0.43, -0.45, -0.39]]]]> : tensor<8x1x1x8xf32>
  %we = arith.constant dense<[[[[0.42, 0.31, -0.36, -0.25, 0.23, -0.08, -0.19, -0.49], [0.21, -0.42, -0.32, -0.47, -0.43, -0.31, 0.44, -0.11], [0.10, -0.42, -0.49, -0.26, -0.26, -0.48, 0.06, -0.20]], [[0.14, 0.19, -0.36, 0.39, -0.03, 0.17, -0.04, -0.00], [-0.31, -0.50, 0.06, -0.35, -0.50, 0.21, 0.14, 0.13], [0.38, 0.45, -0.00, -0.33, -0.30, -0.01, 0.11, -0.40]], [[0.14, -0.14, 0.24, 0.44, -0.45, -0.07, 0.50, 0.20], [0.41, 0.23, 0.49, 0.04, 0.15, 0.07, -0.05, -0.21], [0.04, -0.30, 0.08, 0.06, -0.45, 0.21, -0.14, -0.44]]]]> : tensor<1x3x3x8xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: -7>, quant_min = -128, quant_max = 127} : tensor<1x6x6x8xf32>
  %wdq = qat.fake_quant %wd {axis = 3, scale = array<f64: 0.00400, 0.00340, 0.00289, 0.00246, 0.00209, 0.00177, 0.00151, 0.00128>, zero_point = array<i64: 0, 0, 0, 0, 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<1x3x3x8xf32>
  %d = qat.depthwise_conv2d %xq, %wdq {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x6x6x8xf32>, tensor<1x3x3x8xf32>) -> tensor<1x6x6x8xf32>
  %dq = qat.fake_quant %d {scale = array<f64: 0.01>, zero_point = array<i64: 3>, quant_min = -128, quant_max = 127} : tensor<1x6x6x8xf32>
  %wcq = qat.fake_quant %wc {axis = 0, scale = array<f64: 0.00400, 0.00340, 0.00289, 0.00246, 0.00209, 0.00177, 0.00151, 0.00128>, zero_point = array<i64: 0, 0, 0, 0, 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<8x3x3x8xf32>
  %c = qat.conv2d %dq, %wcq {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x6x6x8xf32>, tensor<8x3x3x8xf32>) -> tensor<1x6x6x8xf32>
  %cq = qat.fake_quant %c {scale = array<f64: 0.01>, zero_point = array<i64: -4>, quant_min = -128, quant_max = 127} : tensor<1x6x6x8xf32>
  %m = qat.max_pool2d %cq {kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>} : tensor<1x6x6x8xf32> -> tensor<1x6x6x8xf32>
  %mq = qat.fake_quant %m {scale = array<f64: 0.01>, zero_point = array<i64: -4>, quant_min = -128, quant_max = 127} : tensor<1x6x6x8xf32>
  %a = qat.avg_pool2d %mq {kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>} : tensor<1x6x6x8xf32> -> tensor<1x6x6x8xf32>
  %aq = qat.fake_quant %a {scale = array<f64: 0.01>, zero_point = array<i64: -4>, quant_min = -128, quant_max = 127} : tensor<1x6x6x8xf32>
  %wpq = qat.fake_quant %wp {axis = 0, scale = array<f64: 0.00400, 0.00340, 0.00289, 0.00246, 0.00209, 0.00177, 0.00151, 0.00128>, zero_point = array<i64: 0, 0, 0, 0, 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<8x1x1x8xf32>
  %p = qat.conv2d %aq, %wpq : (tensor<1x6x6x8xf32>, tensor<8x1x1x8xf32>) -> tensor<1x6x6x8xf32>
  %pq = qat.fake_quant %p {scale = array<f64: 0.005>, zero_point = array<i64: 2>, quant_min = -128, quant_max = 127} : tensor<1x6x6x8xf32>
  %weq = qat.fake_quant %we {axis = 3, scale = array<f64: 0.00400, 0.00340, 0.00289, 0.00246, 0.00209, 0.00177, 0.00151, 0.00128>, zero_point = array<i64: 0, 0, 0, 0, 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<1x3x3x8xf32>
  %e = qat.depthwise_conv2d %pq, %weq {strides = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>} : (tensor<1x6x6x8xf32>, tensor<1x3x3x8xf32>) -> tensor<1x3x3x8xf32>
  %eq = qat.fake_quant %e {scale = array<f64: 0.004>, zero_point = array<i64: -1>, quant_min = -128, quant_max = 127} : tensor<1x3x3x8xf32>
  return %eq : tensor<1x3x3x8xf32>
}

// In place with batches, strides, a dilation and more output than input
// channels.
func.func @windows_strided(%x: tensor<2x7x7x4xf32>) -> tensor<2x2x2x12xf32> {
  %w1 = arith.constant dense<[[[[0.08, 0.07, 0.41, -0.03], [-0.38, -0.10, 0.21, 0.25], [-0.36, 0.41, 0.45, 0.32]], [[-0.28, -0.46, -0.26, 0.32], [-0.25, 0.37, -0.18, 0.02], [-0.14, -0.37, 0.30, -0.35]], [[0.46, -0.29, -0.08, 0.30], [0.30, 0.24, 0.39, -0.50], [-0.45, -0.28, -0.46, 0.14]]], [[[0.33, -0.10, 0.44, 0.22], [0.03, -0.34, -0.03, 0.14], [-0.45, 0.22, -0.03, 0.12]], [[-0.29, 0.12, 0.06, 0.13], [0.05, -0.25, -0.15, -0.41], [-0.31, 0.07, -0.35, 0.31]], [[0.22, 0.06, -0.44, 0.33], [0.16, 0.03, -0.22, -0.10], [-0.24, -0.28, 0.37, 0.43]]], [[[-0.27, 0.01, -0.42, -0.31], [-0.03, 0.46, 0.15, 0.14], [0.37, -0.02, -0.21, -0.25]], [[0.09, 0.40, -0.21, 0.47], [0.05, 0.15, -0.37, -0.30], [-0.22, 0.27, -0.41, 0.03]], [[0.20, 0.40, -0.05, -0.47], [-0.13, -0.13, -0.20, 0.23], [-0.14, 0.26, 0.04, -0.35]]], [[[0.16, -0.03, -0.29, 0.07], [0.18, -0.34, 0.06, -0.37], [0.02, -0.10, -0.28, -0.27]], [[-0.13, 0.17, 0.45, -0.08], [-0.33, -0.28, 0.34, -0.31], [-0.48, -0.16, 0.12, -0.28]], [[0.43, -0.02, 0.09, -0.35], [-0.14, 0.35, -0.27, -0.44], [-0.08, -0.34, 0.33, -0.29]]]]> : tensor<4x3x3x4xf32>
  %w2 = arith.constant dense<[[[[-0.03, -0.48, -0.44, -0.02], [-0.40, -0.23, 0.21, -0.29], [0.37, 0.28, 0.43, -0.22]], [[-0.17, 0.06, -0.42, 0.26], [0.25, -0.44, -0.03, 0.06], [-0.20, -0.21, 0.06, -0.37]], [[-0.17, -0.25, -0.03, 0.39], [0.20, -0.34, -0.18, -0.39], [0.12, 0.44, 0.41, 0.26]]], [[[0.18, 0.28, 0.42, -0.27], [0.40, 0.36, 0.18, 0.26], [0.42, 0.03, -0.33, 0.46]], [[0.50, -0.34, -0.17, 0.06], [-0.32, -0.09, 0.46, 0.40], [-0.05, 0.25, 0.38, 0.44]], [[0.22, 0.48, -0.12, -0.21], [-0.01, -0.03, 0.14, 0.18], [-0.35, 0.42, 0.19, 0.46]]], [[[-0.21, 0.29, -0.25, -0.43], [0.16, -0.28, 0.16, 0.00], [0.28, 0.43, -0.49, 0.23]], [[-0.07, -0.48, 0.14, 0.42], [0.17, 0.42, 0.17, 0.16], [0.38, -0.05, -0.24, 0.15]], [[0.47, 0.40, -0.22, 0.25], [-0.47, 0.12, -0.29, 0.34], [0.19, -0.44, -0.15, 0.50]]], [[[-0.35, 0.39, -0.44, -0.01], [-0.08, 0.23, 0.31, 0.33], [-0.44, 0.34, 0.19, -0.07]], [[0.21, -0.24, 0.39, 0.48], [0.24, -0.36, 0.18, 0.33], [0.11, -0.09, -0.46, -0.49]], [[-0.07, -0.34, -0.40, 0.44], [0.40, 0.13, -0.09, 0.22], [0.01, 0.07, -0.21, -0.18]]], [[[-0.13, 0.10, 0.46, -0.09], [0.09, 0.21, -0.06, -0.17], [0.35, 0.39, 0.18, 0.06]], [[0.41, 0.06, 0.30, -0.04], [-0.41, 0.07, 0.31, 0.20], [0.30, 0.49, 0.30, -0.03]], [[-0.39, 0.39, -0.15, -0.35], [0.05, 0.33, -0.18, -0.45], [-0.06, 0.24, 0.19, 0.05]]], [[[-0.41, 0.27, -0.38, -0.45], [-0.09, 0.46, 0.15, 0.43], [0.14, -0.07, 0.26, 0.13]], [[0.10, -0.24, 0.18, 0.31], [0.17, -0.21, 0.39, -0.28], [-0.15, 0.20, 0.02, -0.20]], [[0.31, 0.34, 0.00, 0.31], [-0.38, -0.48, -0.32, -0.43], [-0.03, -0.36, 0.43, 0.00]]], [[[-0.03, 0.29, -0.39, -0.23], [0.04, 0.04, 0.14, -0.19], [-0.41, 0.43, 0.38, -0.25]], [[0.38, -0.50, 0.32, 0.27], [0.13, 0.05, 0.09, 0.27], [0.37, -0.20, -0.29, -0.16]], [[-0.25, -0.07, 0.40, 0.33], [0.32, -0.04, -0.12, 0.37], [-0.44, -0.15, 0.44, -0.12]]], [[[0.25, -0.10, -0.34, 0.39], [0.16, 0.31, -0.20, 0.45], [-0.05, -0.48, -0.01, 0.13]], [[0.49, 0.34, -0.11, 0.06], [-0.06, 0.34, -0.09, -0.49], [0.45, 0.13, 0.27, -0.30]], [[0.15, 0.26, 0.04, -0.37], [-0.17, -0.28, 0.13, -0.28], [0.49, -0.37, 0.27, 0.49]]], [[[-0.21, 0.18, -0.40, -0.19], [-0.10, 0.45, 0.11, 0.18], [0.09, -0.27, 0.49, -0.26]], [[-0.20, 0.26, 0.41, 0.32], [-0.45, -0.13, 0.14, 0.21], [0.45, -0.34, -0.03, 0.23]], [[0.01, 0.45, 0.36, 0.47], [-0.38, 0.28, 0.38, -0.31], [0.07, -0.25, -0.36, 0.30]]], [[[-0.26, 0.25, -0.48, 0.16], [-0.44, 0.06, -0.41, 0.36], [-0.30, 0.45, 0.02, -0.37]], [[0.15, 0.22, -0.39, 0.07], [-0.24, -0.43, -0.12, -0.20], [0.18, 0.47, -0.32, 0.26]], [[0.08, 0.12, 0.16, -0.43], [0.44, -0.04, -0.17, -0.37], [-0.30, 0.28, -0.02, -0.01]]], [[[-0.27, -0.09, 0.15, 0.23], [0.19, -0.04, 0.37, 0.46], [0.38, -0.06, 0.28, 0.43]], [[0.28, -0.18, 0.03, 0.13], [-0.29, -0.04, 0.49, 0.02], [0.01, -0.04, 0.09, -0.48]], [[-0.18, 0.21, -0.02, -0.40], [-0.26, -0.35, 0.38, -0.49], [-0.17, 0.05, 0.42, 0.06]]], [[[-0.06, -0.07, 0.11, 0.43], [-0.26, -0.22, -0.17, 0.22], [-0.09, 0.27, -0.31, 0.39]], [[0.12, -0.17, 0.41, 0.28], [0.25, -0.22, -0.32, 0.29], [-0.31, 0.18, -0.27, 0.45]], [[0.25, 0.49, 0.06, 0.16], [0.26, 0.45, 0.02, 0.22], [0.29, 0.26, 0.25, -0.46]]]]> : tensor<12x3x3x4xf32>
  %w3 = arith.constant dense<[[[[0.13, -0.40, -0.34, 0.05, 0.40, -0.00, 0.31, -0.43, -0.03, 0.15, -0.16, 0.13], [0.38, -0.00, -0.05, -0.14, 0.01, 0.13, -0.44, 0.35, -0.43, -0.20, 0.15, -0.40], [0.25, -0.42, -0.11, 0.41, 0.30, -0.38, 0.13, -0.48, -0.42, -0.34, 0.31, -0.28]], [[-0.38, 0.49, 0.30, -0.08, 0.38, -0.05, -0.18, 0.41, -0.48, 0.26, -0.10, 0.02], [0.23, 0.38, -0.22, 0.37, 0.24, 0.06, 0.13, -0.25, -0.32, -0.40, 0.10, 0.49], [0.45, 0.16, 0.48, 0.32, -0.37, -0.21, 0.45, -0.05, -0.09, -0.06, -0.26, 0.21]], [[0.43, -0.24, -0.41, -0.28, 0.29, -0.35, 0.50, -0.39, 0.10, -0.02, -0.32, 0.05], [-0.02, -0.09, 0.05, 0.19, -0.44, -0.45, -0.18, 0.35, -0.06, -0.30, -0.36, 0.48], [-0.07, 0.50, 0.10, 0.20, 0.31, 0.04, 0.44, -0.29, 0.33, 0.29, 0.49, -0.07]]]]> : tensor<1x3x3x12xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 9>, quant_min = -128, quant_max = 127} : tensor<2x7x7x4xf32>
  %w1q = qat.fake_quant %w1 {axis = 0, scale = array<f64: 0.00400, 0.00340, 0.00289, 0.00246>, zero_point = array<i64: 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<4x3x3x4xf32>
  %c1 = qat.conv2d %xq, %w1q {pad = array<i64: 1, 1, 1, 1>} : (tensor<2x7x7x4xf32>, tensor<4x3x3x4xf32>) -> tensor<2x7x7x4xf32>
  %c1q = qat.fake_quant %c1 {scale = array<f64: 0.01>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<2x7x7x4xf32>
  %w2q = qat.fake_quant %w2 {axis = 0, scale = array<f64: 0.00400, 0.00340, 0.00289, 0.00246, 0.00209, 0.00177, 0.00151, 0.00128, 0.00109, 0.00093, 0.00079, 0.00067>, zero_point = array<i64: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<12x3x3x4xf32>
  %c2 = qat.conv2d %c1q, %w2q {strides = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>} : (tensor<2x7x7x4xf32>, tensor<12x3x3x4xf32>) -> tensor<2x4x4x12xf32>
  %c2q = qat.fake_quant %c2 {scale = array<f64: 0.01>, zero_point = array<i64: -3>, quant_min = -128, quant_max = 127} : tensor<2x4x4x12xf32>
  %w3q = qat.fake_quant %w3 {axis = 3, scale = array<f64: 0.00400, 0.00340, 0.00289, 0.00246, 0.00209, 0.00177, 0.00151, 0.00128, 0.00109, 0.00093, 0.00079, 0.00067>, zero_point = array<i64: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<1x3x3x12xf32>
  %d = qat.depthwise_conv2d %c2q, %w3q {dilations = array<i64: 2, 2>, pad = array<i64: 2, 2, 2, 2>} : (tensor<2x4x4x12xf32>, tensor<1x3x3x12xf32>) -> tensor<2x4x4x12xf32>
  %dq = qat.fake_quant %d {scale = array<f64: 0.005>, zero_point = array<i64: 1>, quant_min = -128, quant_max = 127} : tensor<2x4x4x12xf32>
  %p = qat.avg_pool2d %dq {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x4x4x12xf32> -> tensor<2x2x2x12xf32>
  %pq = qat.fake_quant %p {scale = array<f64: 0.005>, zero_point = array<i64: 1>, quant_min = -128, quant_max = 127} : tensor<2x2x2x12xf32>
  return %pq : tensor<2x2x2x12xf32>
}

// Mixed precision: an int8 input, a conv + relu writing int16 (scale 2^-12,
// zero point 0), an int16 max pool, depthwise and add, then a fully
// connected layer back to int8 and another to int16 feeding the int16
// softmax (output scale 1/32768), its result requantized to int8.
func.func @mixed_precision_int16(%x: tensor<1x4x4x2xf32>) -> (tensor<1x4xf32>, tensor<1x4xf32>) {
  %w = arith.constant dense<[[[[0.31, -0.2], [0.12, 0.5], [-0.4, 0.22]], [[0.6, 0.13], [-0.3, -0.1], [0.25, 0.41]], [[0.1, 0.12], [0.2, -0.6], [0.52, 0.3]]], [[[-0.2, 0.4], [0.33, 0.3], [0.1, -0.5]], [[0.21, 0.2], [0.4, -0.33], [-0.1, 0.6]], [[0.3, -0.4], [0.11, 0.2], [-0.2, 0.15]]]]> : tensor<2x3x3x2xf32>
  %b = arith.constant dense<[0.1, -0.05]> : tensor<2xf32>
  %dw = arith.constant dense<[[[[0.5, -0.3]]]]> : tensor<1x1x1x2xf32>
  %w2 = arith.constant dense<[[0.3, -0.5, 0.2, 0.1, -0.4, 0.6, 0.2, -0.1], [0.1, 0.2, -0.3, 0.4, 0.5, -0.2, 0.1, 0.3], [-0.6, 0.1, 0.4, -0.2, 0.3, 0.2, -0.5, 0.4], [0.2, 0.3, 0.1, -0.6, 0.2, 0.4, 0.3, -0.3]]> : tensor<4x8xf32>
  %b2 = arith.constant dense<[0.05, -0.1, 0.2, 0.0]> : tensor<4xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  %wq = qat.fake_quant %w {axis = 0, scale = array<f64: 0.0047, 0.0048>, zero_point = array<i64: 0, 0>, quant_min = -127, quant_max = 127} : tensor<2x3x3x2xf32>
  %c = qat.conv2d %xq, %wq, %b {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x3x3x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  %r = qat.relu %c : tensor<1x4x4x2xf32>
  %rq = qat.fake_quant %r {scale = array<f64: 0.000244140625>, zero_point = array<i64: 0>, quant_min = -32768, quant_max = 32767} : tensor<1x4x4x2xf32>
  %p = qat.max_pool2d %rq {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x4x4x2xf32> -> tensor<1x2x2x2xf32>
  %dwq = qat.fake_quant %dw {axis = 3, scale = array<f64: 0.004, 0.003>, zero_point = array<i64: 0, 0>, quant_min = -127, quant_max = 127} : tensor<1x1x1x2xf32>
  %d = qat.depthwise_conv2d %p, %dwq : (tensor<1x2x2x2xf32>, tensor<1x1x1x2xf32>) -> tensor<1x2x2x2xf32>
  %dq = qat.fake_quant %d {scale = array<f64: 0.0001>, zero_point = array<i64: 0>, quant_min = -32768, quant_max = 32767} : tensor<1x2x2x2xf32>
  %a = qat.add %p, %dq : (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %aq = qat.fake_quant %a {scale = array<f64: 0.0003>, zero_point = array<i64: 0>, quant_min = -32768, quant_max = 32767} : tensor<1x2x2x2xf32>
  %flat = qat.reshape %aq : tensor<1x2x2x2xf32> -> tensor<1x8xf32>
  %w2q = qat.fake_quant %w2 {scale = array<f64: 0.0048>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x8xf32>
  %f8 = qat.fully_connected %flat, %w2q, %b2 : (tensor<1x8xf32>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<1x4xf32>
  %f8q = qat.fake_quant %f8 {scale = array<f64: 0.0127>, zero_point = array<i64: -3>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  %f16 = qat.fully_connected %flat, %w2q, %b2 : (tensor<1x8xf32>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<1x4xf32>
  %f16q = qat.fake_quant %f16 {scale = array<f64: 0.0002>, zero_point = array<i64: 0>, quant_min = -32768, quant_max = 32767} : tensor<1x4xf32>
  %s = qat.softmax %f16q : tensor<1x4xf32>
  %sq = qat.fake_quant %s {scale = array<f64: 0.00390625>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  return %f8q, %sq : tensor<1x4xf32>, tensor<1x4xf32>
}

// An LSTM over 6 steps (batch-major), per-tensor input weights, per-gate
// recurrent weights, a clipped cell state at 2^-12; the hidden state int8.
func.func @lstm_sequence(%x: tensor<1x6x2xf32>) -> tensor<1x6x5xf32> {
  %cwx = arith.constant dense<[[[ 1.225, -1.533],  [ 0.251, -0.341],  [-0.272, -0.129],  [-1.212, -0.139],  [-0.519,  1.994]], [[ 0.135, -0.212],  [-0.169, -0.401],  [-0.633, -0.234],  [ 0.289, -0.143],  [ 0.575, -0.12 ]], [[ 0.015,  0.927],  [ 0.327, -0.303],  [-0.11 ,  0.324],  [ 1.161, -0.162],  [-0.146,  0.601]], [[-0.532, -0.175],  [ 0.53 ,  0.348],  [ 0.055,  0.402],  [-1.697,  0.613],  [-0.576, -1.001]]]> : tensor<4x5x2xf32>
  %cwh = arith.constant dense<[[[ 0.111,  0.28 , -0.178, -0.431,  0.01 ],  [-0.021,  0.562,  0.299,  0.078,  0.445],  [-0.082, -0.37 ,  0.234,  0.233, -0.086],  [-0.313,  0.092, -0.998,  0.276,  0.197],  [-0.656,  0.025, -0.386,  0.303, -0.814]], [[-0.366,  0.284,  0.463, -0.863, -0.199],  [ 0.131, -0.244,  0.636, -0.476,  0.142],  [-0.419,  0.562, -0.009, -0.149, -0.687],  [ 0.673,  0.301,  0.301,  0.455,  0.14 ],  [-0.256, -0.32 , -0.32 ,  0.548, -0.584]], [[-0.239, -0.128,  0.09 ,  0.23 , -0.5  ],  [-0.692, -0.002,  0.485,  0.303,  0.086],  [-0.127,  0.117, -0.097,  0.327, -0.318],  [ 0.054, -0.044,  0.217,  0.09 ,  1.02 ],  [ 0.599,  0.599, -0.816, -0.136, -0.243]], [[ 0.213, -0.912,  0.47 ,  0.427, -0.521],  [-0.391, -0.32 ,  0.017,  0.256,  0.819],  [-0.079,  0.307,  0.062,  0.704,  0.297],  [ 0.547, -0.431, -0.077, -0.326,  0.602],  [ 0.263, -0.122, -0.181,  0.194, -0.281]]]> : tensor<4x5x5xf32>
  %b = arith.constant dense<[[-0.279,  0.144,  0.739, -0.074, -0.167], [-0.351, -0.401,  0.157,  0.255,  0.003], [ 0.1  ,  0.035,  0.042, -0.458, -0.137], [ 0.033, -0.235, -0.143, -0.246, -0.1  ]]> : tensor<4x5xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x6x2xf32>
  %wx = qat.fake_quant %cwx {scale = array<f64: 0.015701>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x5x2xf32>
  %wh = qat.fake_quant %cwh {axis = 0, scale = array<f64: 0.007858, 0.006795, 0.008031, 0.007181>, zero_point = array<i64: 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<4x5x5xf32>
  %h = qat.lstm %xq, %wx, %wh, %b {cell_scale_power = -12, cell_clip = 3.0} : (tensor<1x6x2xf32>, tensor<4x5x2xf32>, tensor<4x5x5xf32>, tensor<4x5xf32>) -> tensor<1x6x5xf32>
  %y = qat.fake_quant %h {scale = array<f64: 0.0078125>, zero_point = array<i64: -3>, quant_min = -128, quant_max = 127} : tensor<1x6x5xf32>
  return %y : tensor<1x6x5xf32>
}

// A GRU over 6 steps (batch-major), per-tensor weights, both biases; the
// hidden state int8.
func.func @gru_sequence(%x: tensor<1x6x2xf32>) -> tensor<1x6x5xf32> {
  %cwx = arith.constant dense<[[[-0.481, -0.795],  [-0.149,  0.252],  [ 0.682,  0.066],  [-0.332, -0.471],  [ 0.449,  0.981]], [[ 0.164, -0.74 ],  [-0.575,  0.96 ],  [ 0.122, -1.039],  [-0.05 , -0.698],  [-0.378, -0.293]], [[-0.428,  0.332],  [-0.038, -0.354],  [ 0.246,  0.498],  [-0.986, -0.154],  [-0.588, -0.104]]]> : tensor<3x5x2xf32>
  %cwh = arith.constant dense<[[[-0.516,  0.008, -0.015, -0.122, -0.419],  [-0.158, -0.437, -0.542,  0.09 , -0.444],  [ 0.468,  0.287, -0.799,  0.109, -0.441],  [ 0.013,  0.017, -0.795, -0.093, -0.102],  [ 0.385, -0.473,  0.295, -0.44 , -0.133]], [[-0.336,  0.579,  0.227,  0.973,  0.257],  [ 0.338,  0.336, -0.243, -0.028,  0.54 ],  [-0.159,  0.076, -0.008,  0.244, -0.146],  [-0.061,  0.097,  0.041, -0.346,  0.358],  [-0.519, -0.48 , -0.513,  0.387, -0.144]], [[-0.388, -0.454,  0.168, -0.422, -0.509],  [ 0.246, -0.479, -0.129, -0.003, -0.178],  [-0.022,  0.536, -0.207, -0.504, -0.735],  [-0.082, -0.141,  0.106, -0.186, -0.191],  [-0.289, -0.208,  0.064, -0.152,  0.04 ]]]> : tensor<3x5x5xf32>
  %bx = arith.constant dense<[[ 0.57 ,  0.144, -0.473,  0.52 ,  0.104], [-0.282,  0.272,  0.005, -0.185, -0.19 ], [-0.298,  0.014,  0.321, -0.098,  0.126]]> : tensor<3x5xf32>
  %bh = arith.constant dense<[[ 0.563, -0.364,  0.077, -0.092, -0.318], [-0.308, -0.005,  0.13 , -0.159,  0.016], [ 0.217,  0.089,  0.261,  0.138,  0.146]]> : tensor<3x5xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x6x2xf32>
  %wx = qat.fake_quant %cwx {scale = array<f64: 0.008181>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<3x5x2xf32>
  %wh = qat.fake_quant %cwh {scale = array<f64: 0.007661>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<3x5x5xf32>
  %h = qat.gru %xq, %wx, %wh, %bx, %bh : (tensor<1x6x2xf32>, tensor<3x5x2xf32>, tensor<3x5x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<1x6x5xf32>
  %y = qat.fake_quant %h {scale = array<f64: 0.0078125>, zero_point = array<i64: 2>, quant_min = -128, quant_max = 127} : tensor<1x6x5xf32>
  return %y : tensor<1x6x5xf32>
}

// An LSTM from an initial state: the hidden state an activation of the
// input's first step on a grid of its own (requantized onto the output's),
// the cell state a constant (quantized onto the cell's grid).
func.func @lstm_initial_state(%x: tensor<1x6x2xf32>) -> tensor<1x6x5xf32> {
  %cwx = arith.constant dense<[[[ 1.225, -1.533],  [ 0.251, -0.341],  [-0.272, -0.129],  [-1.212, -0.139],  [-0.519,  1.994]], [[ 0.135, -0.212],  [-0.169, -0.401],  [-0.633, -0.234],  [ 0.289, -0.143],  [ 0.575, -0.12 ]], [[ 0.015,  0.927],  [ 0.327, -0.303],  [-0.11 ,  0.324],  [ 1.161, -0.162],  [-0.146,  0.601]], [[-0.532, -0.175],  [ 0.53 ,  0.348],  [ 0.055,  0.402],  [-1.697,  0.613],  [-0.576, -1.001]]]> : tensor<4x5x2xf32>
  %cwh = arith.constant dense<[[[ 0.111,  0.28 , -0.178, -0.431,  0.01 ],  [-0.021,  0.562,  0.299,  0.078,  0.445],  [-0.082, -0.37 ,  0.234,  0.233, -0.086],  [-0.313,  0.092, -0.998,  0.276,  0.197],  [-0.656,  0.025, -0.386,  0.303, -0.814]], [[-0.366,  0.284,  0.463, -0.863, -0.199],  [ 0.131, -0.244,  0.636, -0.476,  0.142],  [-0.419,  0.562, -0.009, -0.149, -0.687],  [ 0.673,  0.301,  0.301,  0.455,  0.14 ],  [-0.256, -0.32 , -0.32 ,  0.548, -0.584]], [[-0.239, -0.128,  0.09 ,  0.23 , -0.5  ],  [-0.692, -0.002,  0.485,  0.303,  0.086],  [-0.127,  0.117, -0.097,  0.327, -0.318],  [ 0.054, -0.044,  0.217,  0.09 ,  1.02 ],  [ 0.599,  0.599, -0.816, -0.136, -0.243]], [[ 0.213, -0.912,  0.47 ,  0.427, -0.521],  [-0.391, -0.32 ,  0.017,  0.256,  0.819],  [-0.079,  0.307,  0.062,  0.704,  0.297],  [ 0.547, -0.431, -0.077, -0.326,  0.602],  [ 0.263, -0.122, -0.181,  0.194, -0.281]]]> : tensor<4x5x5xf32>
  %b = arith.constant dense<[[-0.279,  0.144,  0.739, -0.074, -0.167], [-0.351, -0.401,  0.157,  0.255,  0.003], [ 0.1  ,  0.035,  0.042, -0.458, -0.137], [ 0.033, -0.235, -0.143, -0.246, -0.1  ]]> : tensor<4x5xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x6x2xf32>
  %wx = qat.fake_quant %cwx {scale = array<f64: 0.015701>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x5x2xf32>
  %wh = qat.fake_quant %cwh {axis = 0, scale = array<f64: 0.007858, 0.006795, 0.008031, 0.007181>, zero_point = array<i64: 0, 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<4x5x5xf32>
  %x0 = qat.slice %xq {begin = array<i64: 0, 0, 0>, strides = array<i64: 1, 1, 1>} : tensor<1x6x2xf32> -> tensor<1x1x2xf32>
  %x0r = qat.reshape %x0 : tensor<1x1x2xf32> -> tensor<1x2xf32>
  %cwi = arith.constant dense<[[0.9, -0.4], [-0.7, 0.2], [0.5, 0.8], [-0.3, -0.9], [0.6, 0.1]]> : tensor<5x2xf32>
  %wi = qat.fake_quant %cwi {scale = array<f64: 0.0078125>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<5x2xf32>
  %hf = qat.fully_connected %x0r, %wi : (tensor<1x2xf32>, tensor<5x2xf32>) -> tensor<1x5xf32>
  %h0 = qat.fake_quant %hf {scale = array<f64: 0.0123>, zero_point = array<i64: 4>, quant_min = -128, quant_max = 127} : tensor<1x5xf32>
  %c0 = arith.constant dense<[[0.75, -1.5, 0.031, 2.9, -0.4]]> : tensor<1x5xf32>
  %h = qat.lstm %xq, %wx, %wh, %b initial(%h0, %c0) {cell_scale_power = -12, cell_clip = 3.0} : (tensor<1x6x2xf32>, tensor<4x5x2xf32>, tensor<4x5x5xf32>, tensor<4x5xf32>, tensor<1x5xf32>, tensor<1x5xf32>) -> tensor<1x6x5xf32>
  %y = qat.fake_quant %h {scale = array<f64: 0.0078125>, zero_point = array<i64: -3>, quant_min = -128, quant_max = 127} : tensor<1x6x5xf32>
  return %y : tensor<1x6x5xf32>
}

// A GRU from an initial state, an activation of the input's first step
// (requantized onto the Q0.15 state).
func.func @gru_initial_state(%x: tensor<1x6x2xf32>) -> tensor<1x6x5xf32> {
  %cwx = arith.constant dense<[[[-0.481, -0.795],  [-0.149,  0.252],  [ 0.682,  0.066],  [-0.332, -0.471],  [ 0.449,  0.981]], [[ 0.164, -0.74 ],  [-0.575,  0.96 ],  [ 0.122, -1.039],  [-0.05 , -0.698],  [-0.378, -0.293]], [[-0.428,  0.332],  [-0.038, -0.354],  [ 0.246,  0.498],  [-0.986, -0.154],  [-0.588, -0.104]]]> : tensor<3x5x2xf32>
  %cwh = arith.constant dense<[[[-0.516,  0.008, -0.015, -0.122, -0.419],  [-0.158, -0.437, -0.542,  0.09 , -0.444],  [ 0.468,  0.287, -0.799,  0.109, -0.441],  [ 0.013,  0.017, -0.795, -0.093, -0.102],  [ 0.385, -0.473,  0.295, -0.44 , -0.133]], [[-0.336,  0.579,  0.227,  0.973,  0.257],  [ 0.338,  0.336, -0.243, -0.028,  0.54 ],  [-0.159,  0.076, -0.008,  0.244, -0.146],  [-0.061,  0.097,  0.041, -0.346,  0.358],  [-0.519, -0.48 , -0.513,  0.387, -0.144]], [[-0.388, -0.454,  0.168, -0.422, -0.509],  [ 0.246, -0.479, -0.129, -0.003, -0.178],  [-0.022,  0.536, -0.207, -0.504, -0.735],  [-0.082, -0.141,  0.106, -0.186, -0.191],  [-0.289, -0.208,  0.064, -0.152,  0.04 ]]]> : tensor<3x5x5xf32>
  %bx = arith.constant dense<[[ 0.57 ,  0.144, -0.473,  0.52 ,  0.104], [-0.282,  0.272,  0.005, -0.185, -0.19 ], [-0.298,  0.014,  0.321, -0.098,  0.126]]> : tensor<3x5xf32>
  %bh = arith.constant dense<[[ 0.563, -0.364,  0.077, -0.092, -0.318], [-0.308, -0.005,  0.13 , -0.159,  0.016], [ 0.217,  0.089,  0.261,  0.138,  0.146]]> : tensor<3x5xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x6x2xf32>
  %wx = qat.fake_quant %cwx {scale = array<f64: 0.008181>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<3x5x2xf32>
  %wh = qat.fake_quant %cwh {scale = array<f64: 0.007661>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<3x5x5xf32>
  %x0 = qat.slice %xq {begin = array<i64: 0, 0, 0>, strides = array<i64: 1, 1, 1>} : tensor<1x6x2xf32> -> tensor<1x1x2xf32>
  %x0r = qat.reshape %x0 : tensor<1x1x2xf32> -> tensor<1x2xf32>
  %cwi = arith.constant dense<[[0.9, -0.4], [-0.7, 0.2], [0.5, 0.8], [-0.3, -0.9], [0.6, 0.1]]> : tensor<5x2xf32>
  %wi = qat.fake_quant %cwi {scale = array<f64: 0.0078125>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<5x2xf32>
  %hf = qat.fully_connected %x0r, %wi : (tensor<1x2xf32>, tensor<5x2xf32>) -> tensor<1x5xf32>
  %h0 = qat.fake_quant %hf {scale = array<f64: 0.0123>, zero_point = array<i64: 4>, quant_min = -128, quant_max = 127} : tensor<1x5xf32>
  %h = qat.gru %xq, %wx, %wh, %bx, %bh initial(%h0) : (tensor<1x6x2xf32>, tensor<3x5x2xf32>, tensor<3x5x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>, tensor<1x5xf32>) -> tensor<1x6x5xf32>
  %y = qat.fake_quant %h {scale = array<f64: 0.0078125>, zero_point = array<i64: 2>, quant_min = -128, quant_max = 127} : tensor<1x6x5xf32>
  return %y : tensor<1x6x5xf32>
}

// The attention scores alone: Q K^T (qat.matmul with adj_y) of two fully
// connected layers' outputs, int8 x int8 into int32.
func.func @attention_scores(%x: tensor<1x8x6xf32>) -> tensor<1x8x8xf32> {
  %cwq = arith.constant dense<[[-0.320, -0.481, -0.037, 0.225, -0.080, -0.015], [-0.487, -0.013, 0.442, 0.351, 0.230, -0.391], [0.394, 0.357, -0.335, 0.132, -0.480, -0.383], [-0.184, -0.342, 0.259, 0.318, -0.155, -0.181]]> : tensor<4x6xf32>
  %cwk = arith.constant dense<[[-0.388, -0.416, 0.213, 0.100, -0.444, -0.020], [-0.098, 0.348, 0.218, 0.102, 0.052, 0.449], [0.487, -0.162, -0.260, 0.296, -0.436, -0.135], [-0.430, -0.181, -0.430, -0.210, 0.290, 0.405]]> : tensor<4x6xf32>
  %cwv = arith.constant dense<[[0.293, 0.062, 0.116, -0.139, -0.331, -0.064], [0.233, -0.437, -0.479, 0.271, -0.200, 0.201], [0.235, 0.433, -0.100, -0.142, 0.307, 0.264], [0.153, 0.311, 0.142, 0.457, -0.166, 0.238]]> : tensor<4x6xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x8x6xf32>
  %wq = qat.fake_quant %cwq {scale = array<f64: 0.004>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x6xf32>
  %qf = qat.fully_connected %xq, %wq : (tensor<1x8x6xf32>, tensor<4x6xf32>) -> tensor<1x8x4xf32>
  %qq = qat.fake_quant %qf {scale = array<f64: 0.0118>, zero_point = array<i64: -2>, quant_min = -128, quant_max = 127} : tensor<1x8x4xf32>
  %wk = qat.fake_quant %cwk {scale = array<f64: 0.004>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x6xf32>
  %kf = qat.fully_connected %xq, %wk : (tensor<1x8x6xf32>, tensor<4x6xf32>) -> tensor<1x8x4xf32>
  %kq = qat.fake_quant %kf {scale = array<f64: 0.0131>, zero_point = array<i64: 3>, quant_min = -128, quant_max = 127} : tensor<1x8x4xf32>
  %wv = qat.fake_quant %cwv {scale = array<f64: 0.004>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x6xf32>
  %vf = qat.fully_connected %xq, %wv : (tensor<1x8x6xf32>, tensor<4x6xf32>) -> tensor<1x8x4xf32>
  %vq = qat.fake_quant %vf {scale = array<f64: 0.0097>, zero_point = array<i64: 1>, quant_min = -128, quant_max = 127} : tensor<1x8x4xf32>
  %s = qat.matmul %qq, %kq {adj_y = true} : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x8xf32>
  %sq = qat.fake_quant %s {scale = array<f64: 0.0213>, zero_point = array<i64: -7>, quant_min = -128, quant_max = 127} : tensor<1x8x8xf32>
  return %sq : tensor<1x8x8xf32>
}

// Single-head self-attention over 8 tokens of 6 features: queries, keys
// and values from fully connected layers, the scores Q K^T (qat.matmul
// with adj_y), their softmax, and its product with the values.
func.func @attention_head(%x: tensor<1x8x6xf32>) -> tensor<1x8x4xf32> {
  %cwq = arith.constant dense<[[-0.320, -0.481, -0.037, 0.225, -0.080, -0.015], [-0.487, -0.013, 0.442, 0.351, 0.230, -0.391], [0.394, 0.357, -0.335, 0.132, -0.480, -0.383], [-0.184, -0.342, 0.259, 0.318, -0.155, -0.181]]> : tensor<4x6xf32>
  %cwk = arith.constant dense<[[-0.388, -0.416, 0.213, 0.100, -0.444, -0.020], [-0.098, 0.348, 0.218, 0.102, 0.052, 0.449], [0.487, -0.162, -0.260, 0.296, -0.436, -0.135], [-0.430, -0.181, -0.430, -0.210, 0.290, 0.405]]> : tensor<4x6xf32>
  %cwv = arith.constant dense<[[0.293, 0.062, 0.116, -0.139, -0.331, -0.064], [0.233, -0.437, -0.479, 0.271, -0.200, 0.201], [0.235, 0.433, -0.100, -0.142, 0.307, 0.264], [0.153, 0.311, 0.142, 0.457, -0.166, 0.238]]> : tensor<4x6xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x8x6xf32>
  %wq = qat.fake_quant %cwq {scale = array<f64: 0.004>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x6xf32>
  %qf = qat.fully_connected %xq, %wq : (tensor<1x8x6xf32>, tensor<4x6xf32>) -> tensor<1x8x4xf32>
  %qq = qat.fake_quant %qf {scale = array<f64: 0.0118>, zero_point = array<i64: -2>, quant_min = -128, quant_max = 127} : tensor<1x8x4xf32>
  %wk = qat.fake_quant %cwk {scale = array<f64: 0.004>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x6xf32>
  %kf = qat.fully_connected %xq, %wk : (tensor<1x8x6xf32>, tensor<4x6xf32>) -> tensor<1x8x4xf32>
  %kq = qat.fake_quant %kf {scale = array<f64: 0.0131>, zero_point = array<i64: 3>, quant_min = -128, quant_max = 127} : tensor<1x8x4xf32>
  %wv = qat.fake_quant %cwv {scale = array<f64: 0.004>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x6xf32>
  %vf = qat.fully_connected %xq, %wv : (tensor<1x8x6xf32>, tensor<4x6xf32>) -> tensor<1x8x4xf32>
  %vq = qat.fake_quant %vf {scale = array<f64: 0.0097>, zero_point = array<i64: 1>, quant_min = -128, quant_max = 127} : tensor<1x8x4xf32>
  %s = qat.matmul %qq, %kq {adj_y = true} : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x8xf32>
  %sq = qat.fake_quant %s {scale = array<f64: 0.0213>, zero_point = array<i64: -7>, quant_min = -128, quant_max = 127} : tensor<1x8x8xf32>
  %a = qat.softmax %sq : tensor<1x8x8xf32>
  %aq = qat.fake_quant %a {scale = array<f64: 0.00390625>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x8x8xf32>
  %o = qat.matmul %aq, %vq : (tensor<1x8x8xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
  %oq = qat.fake_quant %o {scale = array<f64: 0.0061>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x8x4xf32>
  return %oq : tensor<1x8x4xf32>
}

// The element-wise functions of transformers, by table: GELU (exact and
// tanh forms) and SiLU.
func.func @transformer_functions(%x: tensor<1x4x4x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) {
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  %g = qat.pointwise gelu %xq : tensor<1x4x4x2xf32>
  %gq = qat.fake_quant %g {scale = array<f64: 0.0085>, zero_point = array<i64: -108>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  %t = qat.pointwise gelu_tanh %xq : tensor<1x4x4x2xf32>
  %tq = qat.fake_quant %t {scale = array<f64: 0.0085>, zero_point = array<i64: -108>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  %s = qat.pointwise silu %xq : tensor<1x4x4x2xf32>
  %sq = qat.fake_quant %s {scale = array<f64: 0.0081>, zero_point = array<i64: -93>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  return %gq, %tq, %sq : tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>
}

// Layer norm over 16 features of 8 tokens, affine, then GELU as a
// transformer's MLP starts.
func.func @layer_norm_tokens(%x: tensor<1x8x16xf32>) -> tensor<1x8x16xf32> {
  %g = arith.constant dense<[0.722, 1.371, 0.707, 1.419, 0.988, 1.112, 1.266, 1.018, 0.797, 0.688, 0.581, 1.238, 0.941, 0.658, 1.380, 0.774]> : tensor<16xf32>
  %b = arith.constant dense<[-0.051, -0.122, 0.077, 0.048, 0.060, -0.141, -0.129, -0.148, -0.103, -0.214, -0.201, 0.278, 0.276, -0.187, -0.285, -0.177]> : tensor<16xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x8x16xf32>
  %n = qat.layer_norm %xq, %g, %b {epsilon = 1.0e-05} : (tensor<1x8x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x8x16xf32>
  %nq = qat.fake_quant %n {scale = array<f64: 0.0234>, zero_point = array<i64: -2>, quant_min = -128, quant_max = 127} : tensor<1x8x16xf32>
  return %nq : tensor<1x8x16xf32>
}

// A learned position embedding added to the tokens: a fake-quantized
// constant read as an activation (its own grid), one add.
func.func @position_embedding(%x: tensor<1x4x8xf32>) -> tensor<1x4x8xf32> {
  %p = arith.constant dense<[[[0.323, -0.346, 0.138, -0.022, 0.142, -0.368, -0.359, -0.259], [0.383, -0.158, 0.072, 0.387, 0.164, -0.232, -0.06, -0.317], [-0.172, -0.158, -0.385, 0.274, 0.318, 0.014, 0.108, 0.076], [0.129, 0.396, 0.062, -0.286, 0.154, 0.152, 0.283, 0.144]]]> : tensor<1x4x8xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.0157>, zero_point = array<i64: 3>, quant_min = -128, quant_max = 127} : tensor<1x4x8xf32>
  %pq = qat.fake_quant %p {scale = array<f64: 0.0031>, zero_point = array<i64: 128>, quant_min = 0, quant_max = 255} : tensor<1x4x8xf32>
  %a = qat.add %xq, %pq : (tensor<1x4x8xf32>, tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %aq = qat.fake_quant %a {scale = array<f64: 0.0185>, zero_point = array<i64: -4>, quant_min = -128, quant_max = 127} : tensor<1x4x8xf32>
  return %aq : tensor<1x4x8xf32>
}

// Layer norm on int16 values (Q30 normalized values, TFLite's 64-bit
// rescale), and from int8 values widened exactly to an int16 output.
func.func @layer_norm_int16(%x: tensor<1x8x16xf32>) -> (tensor<1x8x16xf32>, tensor<1x8x16xf32>) {
  %g = arith.constant dense<[0.722, 1.371, 0.707, 1.419, 0.988, 1.112, 1.266, 1.018, 0.797, 0.688, 0.581, 1.238, 0.941, 0.658, 1.380, 0.774]> : tensor<16xf32>
  %b = arith.constant dense<[-0.051, -0.122, 0.077, 0.048, 0.060, -0.141, -0.129, -0.148, -0.103, -0.214, -0.201, 0.278, 0.276, -0.187, -0.285, -0.177]> : tensor<16xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.0001220703125>, zero_point = array<i64: 0>, quant_min = -32768, quant_max = 32767} : tensor<1x8x16xf32>
  %n = qat.layer_norm %xq, %g, %b {epsilon = 1.0e-05} : (tensor<1x8x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x8x16xf32>
  %nq = qat.fake_quant %n {scale = array<f64: 0.0001>, zero_point = array<i64: 0>, quant_min = -32768, quant_max = 32767} : tensor<1x8x16xf32>
  %x8 = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: 5>, quant_min = -128, quant_max = 127} : tensor<1x8x16xf32>
  %w = qat.layer_norm %x8, %g, %b {epsilon = 1.0e-05} : (tensor<1x8x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x8x16xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.0001>, zero_point = array<i64: 0>, quant_min = -32768, quant_max = 32767} : tensor<1x8x16xf32>
  return %nq, %wq : tensor<1x8x16xf32>, tensor<1x8x16xf32>
}
