// RUN: qat-opt %s --qat-int16-activations=layers=conv1 -split-input-file -verify-diagnostics | FileCheck %s

// The layer named conv1: its output fake_quant (8 bits over [0, 2.55])
// becomes symmetric int16 over [-2.55, 2.55], scale 2.55 / 32767, keeping
// its tie-breaking; the input's and the weights' fake_quants stay.
// CHECK-LABEL: func @chosen_layer
// CHECK: qat.fake_quant %arg0 {quant_max = 127 : i64, quant_min = -128 : i64, scale = array<f64: 1.000000e-02>, zero_point = array<i64: -128>}
// CHECK: qat.fake_quant %{{.*}} {axis = 0 : i64
// CHECK: %[[C:.*]] = qat.conv2d
// CHECK: qat.fake_quant %[[C]] {quant_max = 32767 : i64, quant_min = -32768 : i64, rounding = #qat.rounding<half_to_even>, scale = array<f64: 7.7822199163792854E-5>, zero_point = array<i64: 0>}
func.func @chosen_layer(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32> {
  %xq = qat.fake_quant %x {scale = array<f64: 0.01>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x4x4x1xf32>
  %w = arith.constant dense<0.5> : tensor<2x1x1x1xf32>
  %wq = qat.fake_quant %w {axis = 0, scale = array<f64: 0.01, 0.01>, zero_point = array<i64: 0, 0>, quant_min = -127, quant_max = 127} : tensor<2x1x1x1xf32>
  %c = qat.conv2d %xq, %wq : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32> loc("conv1")
  %y = qat.fake_quant %c {scale = array<f64: 0.01>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x4x4x2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

// A name no activation has: the error lists the names there are.
// expected-error @+1 {{no activation named 'conv1' to make int16; the activations are: conv2; input 0}}
func.func @unknown_layer(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %xq = qat.fake_quant %x {scale = array<f64: 0.01>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  %r = qat.relu %xq : tensor<1x4xf32> loc("conv2")
  %y = qat.fake_quant %r {scale = array<f64: 0.01>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

// A TensorFlow-form range is the nudged one the fake_quant represents:
// [-1, 1] with 8 bits is [-128/127.5, 127/127.5], so the int16 levels span
// 128/127.5 = 1.00392 (in float32: 1.0039216 / 32767 = 3.06381917e-5),
// not 1 (which would saturate the lowest 8-bit level).
// CHECK-LABEL: func @min_max_form
// CHECK: qat.fake_quant %{{.*}} {quant_max = 32767 : i64, quant_min = -32768 : i64, rounding = #qat.rounding<half_up>, scale = array<f64: 3.0638191717226235E-5>, zero_point = array<i64: 0>}
func.func @min_max_form(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %xq = qat.fake_quant %x {min = array<f64: -1.0>, max = array<f64: 1.0>} : tensor<1x4xf32>
  %w = arith.constant dense<0.5> : tensor<2x4xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.01>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x4xf32>
  %c = qat.fully_connected %xq, %wq : (tensor<1x4xf32>, tensor<2x4xf32>) -> tensor<1x2xf32> loc("conv1")
  %y = qat.fake_quant %c {min = array<f64: -1.0>, max = array<f64: 1.0>} : tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}
