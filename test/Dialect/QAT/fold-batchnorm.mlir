// RUN: qat-opt %s -qat-fold-batchnorm -split-input-file -verify-diagnostics | FileCheck %s

// Shared numbers: gamma [4, -1], variance [3, 0], epsilon 1 give
// g = gamma / sqrt(variance + epsilon) = [2, -1]; mean [1, 2], beta [0.5, 0.25].

// PyTorch's fused form: conv(x, fq(W g)) * (1/g) -> batch_norm. k = s g = 1,
// so the fake-quantized weights stay exactly as trained; only the bias
// changes: (0 - mean) g + beta = [-1.5, 2.25].
// CHECK-LABEL: func @pytorch_form
// CHECK-DAG: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}5.000000e-01]]], {{\[\[\[}}2.500000e-01]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[-1.500000e+00, 2.250000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[WQ:.*]] = qat.fake_quant %[[W]] {axis = 0 : i64, quant_max = 127 : i64, quant_min = -127 : i64, scale = array<f64: 1.000000e-02, 2.000000e-02>, zero_point = array<i64: 0, 0>}
// CHECK: %[[Y:.*]] = qat.conv2d %{{.*}}, %[[WQ]], %[[B]]
// CHECK-NOT: qat.mul
// CHECK-NOT: qat.batch_norm
// CHECK: return %[[Y]]
func.func @pytorch_form(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32> {
  %w = arith.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32>
  %inv_g = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %gamma = arith.constant dense<[4.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %wq = qat.fake_quant %w {axis = 0, scale = array<f64: 0.01, 0.02>, zero_point = array<i64: 0, 0>, quant_min = -127, quant_max = 127} : tensor<2x1x1x1xf32>
  %c = qat.conv2d %x, %wq : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  %s = qat.mul %c, %inv_g : (tensor<1x4x4x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  %y = qat.batch_norm %s, %gamma, %beta, %mean, %var {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

// PyTorch's form with the conv's own bias added after the division:
// (b - mean) g + beta = [(1 - 1) 2 + 0.5, (1 - 2)(-1) + 0.25] = [0.5, 1.25].
// CHECK-LABEL: func @pytorch_form_with_bias
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[5.000000e-01, 1.250000e+00]> : tensor<2xf32>
// CHECK: qat.conv2d %{{.*}}, %{{.*}}, %[[B]]
// CHECK-NOT: qat.add
func.func @pytorch_form_with_bias(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32> {
  %w = arith.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32>
  %inv_g = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %b = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %gamma = arith.constant dense<[4.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %wq = qat.fake_quant %w {axis = 0, scale = array<f64: 0.01, 0.02>, zero_point = array<i64: 0, 0>, quant_min = -127, quant_max = 127} : tensor<2x1x1x1xf32>
  %c = qat.conv2d %x, %wq : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  %s = qat.mul %c, %inv_g : (tensor<1x4x4x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  %a = qat.add %s, %b : (tensor<1x4x4x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  %y = qat.batch_norm %a, %gamma, %beta, %mean, %var {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

// TensorFlow's form, per-axis min/max: weights scale by k = g = [2, -1];
// channel 0's range doubles, channel 1's flips: [-1, 1] -> [-2, 2],
// [-0.5, 1.5] -> [-1.5, 0.5]. The conv bias [1, 1] folds too:
// (1 - mean) g + beta = [0.5, 1.25].
// CHECK-LABEL: func @tf_form_per_axis_min_max
// CHECK-DAG: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}1.000000e+00]]], {{\[\[\[}}-2.500000e-01]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[5.000000e-01, 1.250000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[WQ:.*]] = qat.fake_quant %[[W]] {axis = 0 : i64, max = array<f64: 2.000000e+00, 5.000000e-01>, min = array<f64: -2.000000e+00, -1.500000e+00>}
// CHECK: qat.conv2d %{{.*}}, %[[WQ]], %[[B]]
func.func @tf_form_per_axis_min_max(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32> {
  %w = arith.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32>
  %b = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %gamma = arith.constant dense<[4.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %wq = qat.fake_quant %w {axis = 0, min = array<f64: -1.0, -0.5>, max = array<f64: 1.0, 1.5>} : tensor<2x1x1x1xf32>
  %c = qat.conv2d %x, %wq, %b : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  %y = qat.batch_norm %c, %gamma, %beta, %mean, %var {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

// Per-axis affine: scales multiply by |k| = [2, 1]; the negative factor of
// channel 1 mirrors its zero point: -128 + 127 - 3 = -4.
// CHECK-LABEL: func @tf_form_per_axis_affine
// CHECK: qat.fake_quant %{{.*}} {axis = 0 : i64, quant_max = 127 : i64, quant_min = -128 : i64, scale = array<f64: 2.000000e-01, 2.000000e-01>, zero_point = array<i64: 0, -4>}
func.func @tf_form_per_axis_affine(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32> {
  %w = arith.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32>
  %gamma = arith.constant dense<[4.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %wq = qat.fake_quant %w {axis = 0, scale = array<f64: 0.1, 0.2>, zero_point = array<i64: 0, 3>, quant_min = -128, quant_max = 127} : tensor<2x1x1x1xf32>
  %c = qat.conv2d %x, %wq : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  %y = qat.batch_norm %c, %gamma, %beta, %mean, %var {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

// Per tensor: the range is re-derived from the folded weights [1, -0.25],
// with a warning.
// CHECK-LABEL: func @tf_form_per_tensor
// CHECK: qat.fake_quant %{{.*}} {max = array<f64: 1.000000e+00>, min = array<f64: -2.500000e-01>}
// CHECK: qat.fake_quant %{{.*}} {quant_max = 127 : i64, quant_min = -127 : i64, scale = array<f64: 0.0078740157480314959>, zero_point = array<i64: 0>}
func.func @tf_form_per_tensor(%x: tensor<1x4x4x1xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) {
  %w = arith.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32>
  %w2 = arith.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32>
  %gamma = arith.constant dense<[4.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %wq = qat.fake_quant %w {min = array<f64: -1.0>, max = array<f64: 1.0>} : tensor<2x1x1x1xf32>
  %c = qat.conv2d %x, %wq : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  // expected-warning @+1 {{folded into per-tensor fake-quantized weights: their range was re-derived from the folded weights, so the deployed weights differ from the ones training saw}}
  %y = qat.batch_norm %c, %gamma, %beta, %mean, %var {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  // Symmetric affine: scale = max |w| / 127 = 1 / 127.
  %wq2 = qat.fake_quant %w2 {scale = array<f64: 0.01>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x1x1x1xf32>
  %c2 = qat.conv2d %x, %wq2 : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  // expected-warning @+1 {{re-derived}}
  %y2 = qat.batch_norm %c2, %gamma, %beta, %mean, %var {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y, %y2 : tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>
}

// -----

// Float weights (no fake-quant), a depthwise filter (axis 3), and a fully
// connected layer (rank-2 batch_norm).
// CHECK-LABEL: func @depthwise_and_fully_connected
// CHECK-DAG: arith.constant dense<{{\[\[\[\[}}1.000000e+00, -2.500000e-01]]]]> : tensor<1x1x1x2xf32>
// CHECK-DAG: arith.constant dense<{{\[\[}}2.000000e+00, 4.000000e+00], [-1.000000e+00, -5.000000e-01]]> : tensor<2x2xf32>
// CHECK: qat.depthwise_conv2d
// CHECK: qat.fully_connected
// CHECK-NOT: qat.batch_norm
func.func @depthwise_and_fully_connected(%x: tensor<1x4x4x2xf32>, %v: tensor<3x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<3x2xf32>) {
  %w = arith.constant dense<[[[[0.5, 0.25]]]]> : tensor<1x1x1x2xf32>
  %f = arith.constant dense<[[1.0, 2.0], [1.0, 0.5]]> : tensor<2x2xf32>
  %gamma = arith.constant dense<[4.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %c = qat.depthwise_conv2d %x, %w : (tensor<1x4x4x2xf32>, tensor<1x1x1x2xf32>) -> tensor<1x4x4x2xf32>
  %y = qat.batch_norm %c, %gamma, %beta, %mean, %var {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  %d = qat.fully_connected %v, %f : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  %z = qat.batch_norm %d, %gamma, %beta, %mean, %var {epsilon = 1.0} : tensor<3x2xf32>, tensor<2xf32>
  return %y, %z : tensor<1x4x4x2xf32>, tensor<3x2xf32>
}

// -----

func.func @not_after_a_layer(%x: tensor<1x4x4x2xf32>, %p: tensor<2xf32>) -> tensor<1x4x4x2xf32> {
  %r = qat.relu %x : tensor<1x4x4x2xf32>
  // expected-error @+1 {{'qat.batch_norm' op cannot be folded: its input comes from 'qat.relu', not from a conv2d, depthwise_conv2d or fully_connected}}
  %y = qat.batch_norm %r, %p, %p, %p, %p {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

func.func @function_argument(%x: tensor<1x4x4x2xf32>, %p: tensor<2xf32>) -> tensor<1x4x4x2xf32> {
  // expected-error @+1 {{cannot be folded: its input comes from a function argument, not from a conv2d, depthwise_conv2d or fully_connected}}
  %y = qat.batch_norm %x, %p, %p, %p, %p {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

func.func @layer_with_other_users(%x: tensor<1x4x4x1xf32>, %p: tensor<2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) {
  %w = arith.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32>
  %c = qat.conv2d %x, %w : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  // expected-error @+1 {{cannot be folded: the producing 'qat.conv2d' has other users, which folding would change}}
  %y = qat.batch_norm %c, %p, %p, %p, %p {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y, %c : tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>
}

// -----

func.func @non_constant_parameters(%x: tensor<1x4x4x1xf32>, %p: tensor<2xf32>) -> tensor<1x4x4x2xf32> {
  %w = arith.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32>
  %c = qat.conv2d %x, %w : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  // expected-error @+1 {{cannot be folded: gamma, beta, mean and variance must be constants}}
  %y = qat.batch_norm %c, %p, %p, %p, %p {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

func.func @weights_quantized_on_another_axis(%x: tensor<1x4x4x1xf32>) -> tensor<1x3x4x2xf32> {
  %w = arith.constant dense<[[[[0.5]], [[0.5]]], [[[0.25]], [[0.25]]]]> : tensor<2x2x1x1xf32>
  %gamma = arith.constant dense<[4.0, -1.0]> : tensor<2xf32>
  %p = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %wq = qat.fake_quant %w {axis = 1, min = array<f64: -1.0, -1.0>, max = array<f64: 1.0, 1.0>} : tensor<2x2x1x1xf32>
  %c = qat.conv2d %x, %wq : (tensor<1x4x4x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x3x4x2xf32>
  // expected-error @+1 {{cannot be folded: the weights are fake-quantized along axis 1, not along the output channels (axis 0)}}
  %y = qat.batch_norm %c, %gamma, %p, %p, %p {epsilon = 1.0} : tensor<1x3x4x2xf32>, tensor<2xf32>
  return %y : tensor<1x3x4x2xf32>
}

// -----

func.func @mul_by_a_variable(%x: tensor<1x4x4x1xf32>, %s: tensor<2xf32>) -> tensor<1x4x4x2xf32> {
  %w = arith.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32>
  %p = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %c = qat.conv2d %x, %w : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  %m = qat.mul %c, %s : (tensor<1x4x4x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  // expected-error @+1 {{cannot be folded: the 'qat.mul' before it does not scale by a per-channel constant}}
  %y = qat.batch_norm %m, %p, %p, %p, %p {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

func.func @shared_weights(%x: tensor<1x4x4x1xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) {
  %w = arith.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32>
  %gamma = arith.constant dense<[4.0, -1.0]> : tensor<2xf32>
  %p = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %c = qat.conv2d %x, %w : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  %d = qat.conv2d %x, %w : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  // expected-error @+1 {{cannot be folded: the layer's weights are shared with other ops, which folding would change}}
  %y = qat.batch_norm %c, %gamma, %p, %p, %p {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y, %d : tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>
}

// -----

func.func @weights_not_constant(%x: tensor<1x4x4x1xf32>, %w: tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32> {
  %gamma = arith.constant dense<[4.0, -1.0]> : tensor<2xf32>
  %p = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %c = qat.conv2d %x, %w : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  // expected-error @+1 {{cannot be folded: the layer's weights are not a constant (or a fake_quant of one)}}
  %y = qat.batch_norm %c, %gamma, %p, %p, %p {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

func.func @bias_not_constant(%x: tensor<1x4x4x1xf32>, %b: tensor<2xf32>) -> tensor<1x4x4x2xf32> {
  %w = arith.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32>
  %p = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %c = qat.conv2d %x, %w, %b : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  // expected-error @+1 {{cannot be folded: the layer's bias is not a constant}}
  %y = qat.batch_norm %c, %p, %p, %p, %p {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

func.func @add_without_mul(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32> {
  %w = arith.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32>
  %p = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %c = qat.conv2d %x, %w : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  %a = qat.add %c, %p : (tensor<1x4x4x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  // expected-error @+1 {{cannot be folded: its input comes from a 'qat.add', not from a conv2d, depthwise_conv2d or fully_connected}}
  %y = qat.batch_norm %a, %p, %p, %p, %p {epsilon = 1.0} : tensor<1x4x4x2xf32>, tensor<2xf32>
  return %y : tensor<1x4x4x2xf32>
}
