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
