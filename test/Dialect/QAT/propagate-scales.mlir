// RUN: qat-opt %s -qat-propagate-scales -split-input-file -verify-diagnostics | FileCheck %s
// RUN: qat-opt %s -qat-propagate-scales -qat-propagate-scales -split-input-file -verify-diagnostics | FileCheck %s --check-prefix=IDEMPOTENT

// Scale-preserving ops pass parameters forward; trained ones are untouched.
// CHECK-LABEL: func @forward
// CHECK: %[[A:.*]] = qat.fake_quant %{{.*}} {max = array<f64: 6.000000e+00>, min = array<f64: 0.000000e+00>} : tensor<1x4x4x2xf32>
// CHECK: %[[P:.*]] = qat.max_pool2d %[[A]]
// CHECK: %[[PQ:.*]] = qat.fake_quant %[[P]] {max = array<f64: 6.000000e+00>, min = array<f64: 0.000000e+00>, qat.inferred} : tensor<1x2x2x2xf32>
// CHECK: %[[R:.*]] = qat.reshape %[[PQ]]
// CHECK: %[[RQ:.*]] = qat.fake_quant %[[R]] {max = array<f64: 6.000000e+00>, min = array<f64: 0.000000e+00>, qat.inferred} : tensor<1x8xf32>
// CHECK: return %[[RQ]]
// IDEMPOTENT-LABEL: func @forward
// IDEMPOTENT-COUNT-3: qat.fake_quant
// IDEMPOTENT-NOT: qat.fake_quant
func.func @forward(%x: tensor<1x4x4x2xf32>) -> tensor<1x8xf32> {
  %a = qat.fake_quant %x {min = array<f64: 0.0>, max = array<f64: 6.0>} : tensor<1x4x4x2xf32>
  %p = qat.max_pool2d %a {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x4x4x2xf32> -> tensor<1x2x2x2xf32>
  %r = qat.reshape %p : tensor<1x2x2x2xf32> -> tensor<1x8xf32>
  return %r : tensor<1x8xf32>
}

// -----

// Backward through a reshape: the layer's output gets the reshape's output
// parameters.
// CHECK-LABEL: func @backward
// IDEMPOTENT-LABEL: func @backward
// CHECK: %[[F:.*]] = qat.fully_connected
// CHECK: %[[FQ:.*]] = qat.fake_quant %[[F]] {qat.inferred, quant_max = 127 : i64, quant_min = -128 : i64, scale = array<f64: 1.000000e-01>, zero_point = array<i64: 3>} : tensor<1x4xf32>
// CHECK: qat.reshape %[[FQ]]
func.func @backward(%x: tensor<1x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[1.0, 0.5], [0.25, 0.0], [1.0, 1.0], [0.5, -0.5]]> : tensor<4x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.01>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x2xf32>
  %f = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<4x2xf32>) -> tensor<1x4xf32>
  %r = qat.reshape %f : tensor<1x4xf32> -> tensor<2x2xf32>
  %rq = qat.fake_quant %r {scale = array<f64: 0.1>, zero_point = array<i64: 3>, quant_min = -128, quant_max = 127} : tensor<2x2xf32>
  return %rq : tensor<2x2xf32>
}

// -----

// Softmax output is 1/256, zero point -128; avg pool and mean keep their
// input's parameters.
// CHECK-LABEL: func @fixed_and_kept
// CHECK: qat.avg_pool2d
// CHECK-NEXT: qat.fake_quant %{{.*}} {qat.inferred, quant_max = 127 : i64, quant_min = -128 : i64, scale = array<f64: 2.500000e-01>, zero_point = array<i64: -1>}
// CHECK: qat.mean
// CHECK-NEXT: qat.fake_quant %{{.*}} {qat.inferred, quant_max = 127 : i64, quant_min = -128 : i64, scale = array<f64: 2.500000e-01>, zero_point = array<i64: -1>}
// CHECK: qat.softmax
// CHECK-NEXT: qat.fake_quant %{{.*}} {qat.inferred, quant_max = 127 : i64, quant_min = -128 : i64, scale = array<f64: 3.906250e-03>, zero_point = array<i64: -128>}
func.func @fixed_and_kept(%x: tensor<1x4x4x3xf32>) -> tensor<1x3xf32> {
  %a = qat.fake_quant %x {scale = array<f64: 0.25>, zero_point = array<i64: -1>, quant_min = -128, quant_max = 127} : tensor<1x4x4x3xf32>
  %p = qat.avg_pool2d %a {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x4x4x3xf32> -> tensor<1x2x2x3xf32>
  %m = qat.mean %p : tensor<1x2x2x3xf32> -> tensor<1x3xf32>
  %s = qat.softmax %m : tensor<1x3xf32>
  return %s : tensor<1x3xf32>
}

// -----

// Concat: the input whose parameters differ from the output's is
// re-quantized to them.
// CHECK-LABEL: func @concat_requantizes
// CHECK-SAME: (%[[X:.*]]: tensor<1x2xf32>, %[[Y:.*]]: tensor<1x2xf32>)
// CHECK: %[[A:.*]] = qat.fake_quant %[[X]] {{.*}}scale = array<f64: 1.000000e-01>
// CHECK: %[[B:.*]] = qat.fake_quant %[[Y]] {{.*}}scale = array<f64: 2.000000e-01>
// CHECK: %[[B2:.*]] = qat.fake_quant %[[B]] {qat.inferred, {{.*}}scale = array<f64: 1.000000e-01>
// CHECK: qat.concat %[[A]], %[[B2]]
func.func @concat_requantizes(%x: tensor<1x2xf32>, %y: tensor<1x2xf32>) -> tensor<1x4xf32> {
  %a = qat.fake_quant %x {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %b = qat.fake_quant %y {scale = array<f64: 0.2>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %c = qat.concat %a, %b {axis = 1} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x4xf32>
  %cq = qat.fake_quant %c {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  return %cq : tensor<1x4xf32>
}

// -----

// A layer's `fq(p) -> relu6 -> fq(p)` becomes `relu6 -> fq(p)`, so relu6
// fuses into the layer's clamp.
// CHECK-LABEL: func @fuse_activation
// CHECK: %[[C:.*]] = qat.conv2d
// CHECK-NEXT: %[[R:.*]] = qat.relu6 %[[C]]
// CHECK-NEXT: %[[Q:.*]] = qat.fake_quant %[[R]]
// CHECK-NEXT: return %[[Q]]
func.func @fuse_activation(%x: tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32> {
  %w = arith.constant dense<[[[[0.5]]]]> : tensor<1x1x1x1xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2x2x1xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.01>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<1x1x1x1xf32>
  %c = qat.conv2d %xq, %wq : (tensor<1x2x2x1xf32>, tensor<1x1x1x1xf32>) -> tensor<1x2x2x1xf32>
  %c1 = qat.fake_quant %c {scale = array<f64: 0.05>, zero_point = array<i64: 10>, quant_min = 0, quant_max = 255} : tensor<1x2x2x1xf32>
  %r = qat.relu6 %c1 : tensor<1x2x2x1xf32>
  %r1 = qat.fake_quant %r {scale = array<f64: 0.05>, zero_point = array<i64: 10>, quant_min = 0, quant_max = 255} : tensor<1x2x2x1xf32>
  return %r1 : tensor<1x2x2x1xf32>
}

// -----

// default-range quantizes what training left unquantized.
// The weights case still fails (a default range never quantizes weights).
// RUN: not qat-opt %s -split-input-file -qat-propagate-scales=default-range=-4,4 2>&1 | FileCheck %s --check-prefix=DEFAULT
// DEFAULT-LABEL: func @unquantized_input
// DEFAULT: qat.fake_quant %arg0 {max = array<f64: 4.000000e+00>, min = array<f64: -4.000000e+00>, qat.inferred}
func.func @unquantized_input(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{'qat.relu' op function argument 0 (an input read here) has no quantization parameters: insert a qat.fake_quant there, or pass default-range=min,max to qat-propagate-scales}}
  %r = qat.relu %x : tensor<1x4xf32>
  %rq = qat.fake_quant %r {scale = array<f64: 0.1>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  return %rq : tensor<1x4xf32>
}

// -----

// A constant added to an activation without a fake_quant: training could
// have observed its range (a position embedding), so the error says so.
func.func @unquantized_constant(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %p = arith.constant dense<[[0.1, -0.2, 0.3, 0.0]]> : tensor<1x4xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  // expected-error @+1 {{'qat.add' op input 1 is a constant without quantization parameters: put it through a qat.fake_quant (in ONNX a QuantizeLinear/DequantizeLinear pair), or pass default-range=min,max to qat-propagate-scales}}
  %a = qat.add %xq, %p : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %aq = qat.fake_quant %a {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  return %aq : tensor<1x4xf32>
}

// -----

func.func @unquantized_layer_output(%x: tensor<1x2xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<[[1.0, 0.5], [0.25, 0.0], [1.0, 1.0], [0.5, -0.5]]> : tensor<4x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.01>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x2xf32>
  // expected-error @+1 {{'qat.fully_connected' op its result has no quantization parameters: insert a qat.fake_quant there, or pass default-range=min,max to qat-propagate-scales}}
  %f = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<4x2xf32>) -> tensor<1x4xf32>
  return %f : tensor<1x4xf32>
}

// -----

// Only the first op of a chain without parameters is reported: the relu,
// reshape and fully connected layer after the concat lack them because of it.
func.func @concat_of_different_scales(%x: tensor<1x2x2x2xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<1.0> : tensor<4x16xf32>
  %a = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2x2x2xf32>
  %b = qat.fake_quant %x {scale = array<f64: 0.25>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2x2x2xf32>
  // expected-error @+1 {{'qat.concat' op inputs are quantized with different parameters and the result has none, so no common int8 scale is known: quantize the result (insert a qat.fake_quant; in PyTorch, observe the concatenation's output)}}
  %c = qat.concat %a, %b {axis = 3} : (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x4xf32>
  %r = qat.relu %c : tensor<1x2x2x4xf32>
  %f = qat.reshape %r : tensor<1x2x2x4xf32> -> tensor<1x16xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.01>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<4x16xf32>
  %y = qat.fully_connected %f, %wq : (tensor<1x16xf32>, tensor<4x16xf32>) -> tensor<1x4xf32>
  %yq = qat.fake_quant %y {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  return %yq : tensor<1x4xf32>
}

// -----

func.func @unquantized_weights(%x: tensor<1x2xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<[[1.0, 0.5], [0.25, 0.0], [1.0, 1.0], [0.5, -0.5]]> : tensor<4x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  // expected-error @+1 {{'qat.fully_connected' op weights have no fake_quant: quantization-aware training fake-quantizes the weights; insert a qat.fake_quant on them, or calibrate a float model (qat-compile --calibrate, qat.calibrate)}}
  %f = qat.fully_connected %xq, %w : (tensor<1x2xf32>, tensor<4x2xf32>) -> tensor<1x4xf32>
  %fq = qat.fake_quant %f {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  return %fq : tensor<1x4xf32>
}

// -----

func.func @bad_default_range(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %q = qat.fake_quant %x {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  return %q : tensor<1x4xf32>
}
// RUN: not qat-opt %s -split-input-file -qat-propagate-scales=default-range=4,-4 2>&1 | FileCheck %s --check-prefix=BADRANGE
// BADRANGE: error: default-range needs two values min,max with min < max
