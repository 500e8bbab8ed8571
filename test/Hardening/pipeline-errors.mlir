// Hostile graphs the qat-to-int8 pipeline refuses, each with the exact
// diagnostic at the op at fault (never a crash, never silently wrong code).
// RUN: qat-opt %s --qat-to-int8 -split-input-file -verify-diagnostics

func.func @nan_weight(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[0x7FC00000, 1.0], [2.0, 3.0]]> : tensor<2x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  // expected-error @+1 {{'qat.fully_connected' op weight 0 is nan; weights must be finite}}
  %y = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %yq = qat.fake_quant %y {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %yq : tensor<1x2xf32>
}

// -----

func.func @infinite_weight(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 1.0], [0x7F800000, 3.0]]> : tensor<2x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  // expected-error @+1 {{'qat.fully_connected' op weight 2 is INF; weights must be finite}}
  %y = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %yq = qat.fake_quant %y {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %yq : tensor<1x2xf32>
}

// -----

func.func @nan_bias(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 1.0], [2.0, 3.0]]> : tensor<2x2xf32>
  %b = arith.constant dense<[0.0, 0x7FC00000]> : tensor<2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  // expected-error @+1 {{'qat.fully_connected' op bias of channel 1 is nan; biases must be finite}}
  %y = qat.fully_connected %xq, %wq, %b : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %yq = qat.fake_quant %y {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %yq : tensor<1x2xf32>
}

// -----

func.func @unsupported_op(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  // expected-error @+1 {{'arith.addf' op is not supported in a qat training graph (it holds qat ops, arith.constant and func.return)}}
  %y = arith.addf %xq, %xq : tensor<1x2xf32>
  %yq = qat.fake_quant %y {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %yq : tensor<1x2xf32>
}

// -----

func.func @negative_variance(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 1.0], [2.0, 3.0]]> : tensor<2x2xf32>
  %g = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %z = arith.constant dense<[0.0, 0.0]> : tensor<2xf32>
  %v = arith.constant dense<[1.0, -2.0]> : tensor<2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  %y = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  // expected-error @+1 {{'qat.batch_norm' op cannot be folded: channel 1 has variance -2.000000e+00 and epsilon 1.000000e-05; variance + epsilon must be positive and finite}}
  %n = qat.batch_norm %y, %g, %z, %z, %v {epsilon = 1.0e-5} : tensor<1x2xf32>, tensor<2xf32>
  %nq = qat.fake_quant %n {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %nq : tensor<1x2xf32>
}
