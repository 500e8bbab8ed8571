// RUN: qat-opt %s -qat-lower-to-int -split-input-file -verify-diagnostics | FileCheck %s
// RUN: qat-opt %s -qat-lower-to-int=int8-io=true -split-input-file -verify-diagnostics | FileCheck %s --check-prefix=INT8IO
// RUN: qat-opt %s -qat-lower-to-int=rounding=single -split-input-file -verify-diagnostics | FileCheck %s --check-prefix=SINGLE

// A fully connected layer with a fused relu. Input scale 0.5 (zero point 0),
// weight scale 0.25, output scale 0.125 with PyTorch's quint8 range [0, 255]
// and zero point 0, stored in int8 as zero point -128. M = 0.5 * 0.25 /
// 0.125 = 1 = 2^30 * 2^(1 - 31). Weights 1.0, 0.5, -0.25, 0.0 are levels
// 4, 2, -1, 0; the bias 0.25 is 0.25 / (0.5 * 0.25) = 2 steps.
// CHECK-LABEL: func @fully_connected_relu
// CHECK-SAME: (%[[X:.*]]: tensor<1x2xf32> {qint.scale = 5.000000e-01 : f64, qint.zero_point = 0 : i64}) -> (tensor<1x2xf32> {qint.scale = 1.250000e-01 : f64, qint.zero_point = -128 : i64})
// CHECK: %[[Q:.*]] = qint.quantize %[[X]] {scale = 5.000000e-01 : f64, zero_point = 0 : i64} : tensor<1x2xf32> -> tensor<1x2xi8>
// CHECK-DAG: %[[W:.*]] = arith.constant dense<{{\[\[}}4, 2], [-1, 0]]> : tensor<2x2xi8>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[2, 0]> : tensor<2xi32>
// CHECK: %[[F:.*]] = qint.fully_connected %[[Q]], %[[W]], %[[B]] {act_max = 127 : i64, act_min = -128 : i64, input_zp = 0 : i64, multiplier = array<i32: 1073741824>, output_zp = -128 : i64, rounding = #qint.rounding<double>, shift = array<i32: 1>} : (tensor<1x2xi8>, tensor<2x2xi8>, tensor<2xi32>) -> tensor<1x2xi8>
// CHECK: %[[D:.*]] = qint.dequantize %[[F]] {scale = 1.250000e-01 : f64, zero_point = -128 : i64} : tensor<1x2xi8> -> tensor<1x2xf32>
// CHECK: return %[[D]]
// INT8IO-LABEL: func @fully_connected_relu
// INT8IO-SAME: (%[[X:.*]]: tensor<1x2xi8> {qint.scale = 5.000000e-01 : f64, qint.zero_point = 0 : i64}) -> (tensor<1x2xi8> {qint.scale = 1.250000e-01 : f64, qint.zero_point = -128 : i64})
// INT8IO: %[[F:.*]] = qint.fully_connected %[[X]]
// INT8IO-NEXT: return %[[F]] : tensor<1x2xi8>
// SINGLE-LABEL: func @fully_connected_relu
// SINGLE: rounding = #qint.rounding<single>
func.func @fully_connected_relu(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 0.5], [-0.25, 0.0]]> : tensor<2x2xf32>
  %b = arith.constant dense<[0.25, 0.0]> : tensor<2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.25>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  %f = qat.fully_connected %xq, %wq, %b : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %r = qat.relu %f : tensor<1x2xf32>
  %y = qat.fake_quant %r {scale = array<f64: 0.125>, zero_point = array<i64: 0>, quant_min = 0, quant_max = 255} : tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// Per-channel conv with relu6: the clamp is [zp, zp + round(6 / 0.05)] =
// [-128 + 0, -128 + 120]; per-channel multipliers 0.25 * [0.01, 0.02] / 0.05
// = [0.05, 0.1].
// CHECK-LABEL: func @conv_relu6
// CHECK: qint.conv2d %{{.*}}, %{{.*}} {act_max = -8 : i64, act_min = -128 : i64, input_zp = 3 : i64, multiplier = array<i32: 1717986918, 1717986918>, output_zp = -128 : i64, pad = array<i64: 1, 1, 1, 1>, rounding = #qint.rounding<double>, shift = array<i32: -4, -3>}
func.func @conv_relu6(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32> {
  %w = arith.constant dense<[[[[0.1], [0.2], [0.3]], [[0.0], [0.1], [0.2]], [[-0.1], [0.0], [0.1]]], [[[0.2], [0.2], [0.2]], [[0.4], [-0.4], [0.0]], [[0.2], [0.2], [0.2]]]]> : tensor<2x3x3x1xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.25>, zero_point = array<i64: 3>, quant_min = -128, quant_max = 127} : tensor<1x4x4x1xf32>
  %wq = qat.fake_quant %w {axis = 0, scale = array<f64: 0.01, 0.02>, zero_point = array<i64: 0, 0>, quant_min = -127, quant_max = 127} : tensor<2x3x3x1xf32>
  %c = qat.conv2d %xq, %wq {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x1xf32>, tensor<2x3x3x1xf32>) -> tensor<1x4x4x2xf32>
  %r = qat.relu6 %c : tensor<1x4x4x2xf32>
  %y = qat.fake_quant %r {scale = array<f64: 0.05>, zero_point = array<i64: 0>, quant_min = 0, quant_max = 255} : tensor<1x4x4x2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

// A fake_quant of a quantized value with other parameters is a requantize;
// reshape and max_pool keep the parameters; softmax's output is 1/256, -128.
// CHECK-LABEL: func @requantize_and_data_movement
// CHECK: %[[Q:.*]] = qint.quantize
// CHECK: %[[R:.*]] = qint.requantize %[[Q]] {act_max = 127 : i64, act_min = -128 : i64, input_zp = 0 : i64, multiplier = array<i32: 1073741824>, output_zp = 1 : i64, rounding = #qint.rounding<double>, shift = array<i32: 0>}
// CHECK: %[[P:.*]] = qint.max_pool2d %[[R]] {act_max = 127 : i64, act_min = -128 : i64, kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
// CHECK: %[[S:.*]] = qint.reshape %[[P]] : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
// CHECK: %[[M:.*]] = qint.softmax %[[S]] {diff_min = {{-?[0-9]+}} : i64, input_left_shift = {{[0-9]+}} : i64, input_multiplier = {{[0-9]+}} : i64, rounding = #qint.rounding<double>}
// CHECK: qint.dequantize %[[M]] {scale = 3.906250e-03 : f64, zero_point = -128 : i64}
func.func @requantize_and_data_movement(%x: tensor<1x4x4x1xf32>) -> tensor<1x4xf32> {
  %a = qat.fake_quant %x {scale = array<f64: 0.1>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4x4x1xf32>
  %b = qat.fake_quant %a {scale = array<f64: 0.2>, zero_point = array<i64: 1>, quant_min = -128, quant_max = 127} : tensor<1x4x4x1xf32>
  %p = qat.max_pool2d %b {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x4x4x1xf32> -> tensor<1x2x2x1xf32>
  %pq = qat.fake_quant %p {scale = array<f64: 0.2>, zero_point = array<i64: 1>, quant_min = -128, quant_max = 127} : tensor<1x2x2x1xf32>
  %r = qat.reshape %pq : tensor<1x2x2x1xf32> -> tensor<1x4xf32>
  %rq = qat.fake_quant %r {scale = array<f64: 0.2>, zero_point = array<i64: 1>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  %s = qat.softmax %rq : tensor<1x4xf32>
  %sq = qat.fake_quant %s {scale = array<f64: 0.00390625>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  return %sq : tensor<1x4xf32>
}

// -----

func.func @asymmetric_weights(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 0.5], [-0.25, 0.0]]> : tensor<2x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.25>, zero_point = array<i64: 3>, quant_min = -128, quant_max = 127} : tensor<2x2xf32>
  // expected-error @+1 {{'qat.fully_connected' op weights must be symmetric (zero point 0 in int8), but channel 0 has zero point 3}}
  %f = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %y = qat.fake_quant %f {scale = array<f64: 0.125>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @bias_beyond_int32(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0e-6, 0.0], [0.0, 1.0e-6]]> : tensor<2x2xf32>
  %b = arith.constant dense<[1.0e6, 0.0]> : tensor<2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 1.0e-4>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 1.0e-8>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  // expected-error @+1 {{'qat.fully_connected' op bias of channel 0 is 1.000000e+18 steps of its scale (input scale x weight scale = 1.000000e-12), beyond int32}}
  %f = qat.fully_connected %xq, %wq, %b : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %y = qat.fake_quant %f {scale = array<f64: 0.125>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @per_axis_activation(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  // expected-error @+1 {{'qat.fake_quant' op quantizes an activation per axis; the int8 kernels take per-tensor activations}}
  %xq = qat.fake_quant %x {axis = 1, scale = array<f64: 0.5, 0.25>, zero_point = array<i64: 0, 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %xq : tensor<1x2xf32>
}

// -----

// 16-bit activations are int16 when symmetric (TFLite's 16x8 scheme).
func.func @asymmetric_sixteen_bit_activation(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  // expected-error @+1 {{'qat.fake_quant' op has the 16-bit range [-32768, 32767] with zero point 5; int16 activations are symmetric (zero point 0, TFLite's 16x8 scheme)}}
  %xq = qat.fake_quant %x {scale = array<f64: 0.001>, zero_point = array<i64: 5>, quant_min = -32768, quant_max = 32767} : tensor<1x2xf32>
  return %xq : tensor<1x2xf32>
}

// -----

func.func @unsigned_sixteen_bit_activation(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  // expected-error @+1 {{'qat.fake_quant' op has the range [0, 65535], which fits neither int8 storage nor symmetric int16}}
  %xq = qat.fake_quant %x {scale = array<f64: 0.001>, zero_point = array<i64: 0>, quant_min = 0, quant_max = 65535} : tensor<1x2xf32>
  return %xq : tensor<1x2xf32>
}

// -----

func.func @unfolded_batch_norm(%x: tensor<1x2xf32>, %p: tensor<2xf32>) -> tensor<1x2xf32> {
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  // expected-error @+1 {{'qat.batch_norm' op must be folded before lowering; run qat-fold-batchnorm first}}
  %b = qat.batch_norm %xq, %p, %p, %p, %p {epsilon = 1.0} : tensor<1x2xf32>, tensor<2xf32>
  %y = qat.fake_quant %b {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @unpropagated(%x: tensor<1x2xf32>) -> tensor<2x1xf32> {
  %w = arith.constant dense<[[1.0, 0.5], [-0.25, 0.0]]> : tensor<2x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.25>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  %f = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  // expected-error @+1 {{'qat.reshape' op reads a tensor without quantization parameters; run qat-propagate-scales first}}
  %r = qat.reshape %f : tensor<1x2xf32> -> tensor<2x1xf32>
  %rq = qat.fake_quant %r {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<2x1xf32>
  return %rq : tensor<2x1xf32>
}

// -----

func.func @count_include_pad(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32> {
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4x4x1xf32>
  // expected-error @+1 {{'qat.avg_pool2d' op counts padding in its average (count_include_pad), which no int8 kernel does (TFLite excludes padding)}}
  %p = qat.avg_pool2d %xq {kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>, count_include_pad = true} : tensor<1x4x4x1xf32> -> tensor<1x4x4x1xf32>
  %pq = qat.fake_quant %p {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4x4x1xf32>
  return %pq : tensor<1x4x4x1xf32>
}

// -----

// RUN: not qat-opt %s -split-input-file -qat-lower-to-int=rounding=nearest 2>&1 | FileCheck %s --check-prefix=BADOPT
// BADOPT: error: rounding must be 'double' or 'single', not 'nearest'
func.func @bad_option(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %xq : tensor<1x2xf32>
}

// -----

// A clamp beyond the output range saturates: [100, 200] against outputs of
// at most 255 * 0.125 - 16 = 15.875 is the single level 127.
// CHECK-LABEL: func @saturating_clamp
// CHECK: qint.fully_connected {{.*}}act_max = 127 : i64, act_min = 127 : i64
func.func @saturating_clamp(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 0.5], [-0.25, 0.0]]> : tensor<2x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.25>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  %f = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %c = qat.clamp %f {min = 100.0, max = 200.0} : tensor<1x2xf32>
  %y = qat.fake_quant %c {scale = array<f64: 0.125>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @weights_on_another_axis(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 0.5], [-0.25, 0.0]]> : tensor<2x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {axis = 1, scale = array<f64: 0.25, 0.125>, zero_point = array<i64: 0, 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  // expected-error @+1 {{'qat.fully_connected' op weights are quantized along axis 1, but the int8 kernels take one scale per output channel (axis 0)}}
  %f = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %y = qat.fake_quant %f {scale = array<f64: 0.125>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @weights_not_constant(%x: tensor<1x2xf32>, %w: tensor<2x2xf32>) -> tensor<1x2xf32> {
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.25>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  // expected-error @+1 {{'qat.fully_connected' op weights must be a qat.fake_quant of a constant}}
  %f = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %y = qat.fake_quant %f {scale = array<f64: 0.125>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @bias_not_constant(%x: tensor<1x2xf32>, %b: tensor<2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 0.5], [-0.25, 0.0]]> : tensor<2x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.25>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  // expected-error @+1 {{'qat.fully_connected' op bias must be a constant}}
  %f = qat.fully_connected %xq, %wq, %b : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %y = qat.fake_quant %f {scale = array<f64: 0.125>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @multiplier_out_of_range(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 0.5], [-0.25, 0.0]]> : tensor<2x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.25>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  // expected-error @+1 {{'qat.fully_connected' op requantization multiplier 1.250000e+11 of channel 0 (input scale x weight scale / output scale) is out of range}}
  %f = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %y = qat.fake_quant %f {scale = array<f64: 1.0e-12>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @concat_mismatched(%x: tensor<1x2xf32>, %z: tensor<1x2xf32>) -> tensor<1x4xf32> {
  %a = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %b = qat.fake_quant %z {scale = array<f64: 0.25>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  // expected-error @+1 {{'qat.concat' op inputs have different quantization parameters; run qat-propagate-scales first}}
  %c = qat.concat %a, %b {axis = 1} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x4xf32>
  %y = qat.fake_quant %c {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

func.func @requantize_out_of_range(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %a = qat.fake_quant %x {scale = array<f64: 1.0e6>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  // expected-error @+1 {{'qat.fake_quant' op requantization from scale 1.000000e+06 to scale 1.000000e-06 needs a multiplier no kernel represents}}
  %b = qat.fake_quant %a {scale = array<f64: 1.0e-6>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %b : tensor<1x2xf32>
}

// -----

// Each entry is the fake-quant graph on that input level: leaky_relu(s) with
// alpha 0.5, rounded half to even (-127 -> -63.5 -> -64, -125 -> -62).
// CHECK-LABEL: func @pointwise_table
// CHECK: %[[Q:.*]] = qint.quantize
// CHECK: qint.lookup %[[Q]] {table = array<i8: -64, -64, -63, -62, -62, -62, -61, -60, -60, -60, -59, -58, -58, -58, -57, -56, -56, -56, -55, -54, -54, -54, -53, -52, -52, -52, -51, -50, -50, -50, -49, -48, -48, -48, -47, -46, -46, -46, -45, -44, -44, -44, -43, -42, -42, -42, -41, -40, -40, -40, -39, -38, -38, -38, -37, -36, -36, -36, -35, -34, -34, -34, -33, -32, -32, -32, -31, -30, -30, -30, -29, -28, -28, -28, -27, -26, -26, -26, -25, -24, -24, -24, -23, -22, -22, -22, -21, -20, -20, -20, -19, -18, -18, -18, -17, -16, -16, -16, -15, -14, -14, -14, -13, -12, -12, -12, -11, -10, -10, -10, -9, -8, -8, -8, -7, -6, -6, -6, -5, -4, -4, -4, -3, -2, -2, -2, -1, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127>} : tensor<1x8xi8>
func.func @pointwise_table(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  %a = qat.fake_quant %x {scale = array<f64: 1.0>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x8xf32>
  %l = qat.pointwise leaky_relu %a {alpha = 0.5} : tensor<1x8xf32>
  %lq = qat.fake_quant %l {scale = array<f64: 1.0>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x8xf32>
  return %lq : tensor<1x8xf32>
}

// -----

// A 4-bit input holds levels -8..7 only; the entries beyond repeat its ends.
// CHECK-LABEL: func @pointwise_table_narrow_input
// CHECK: qint.lookup %{{.*}} {table = array<i8: -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -3, -2, -2, -2, -1, 0, 0, 1, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7>} : tensor<1x8xi8>
func.func @pointwise_table_narrow_input(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  %a = qat.fake_quant %x {scale = array<f64: 1.0>, zero_point = array<i64: 0>, quant_min = -8, quant_max = 7} : tensor<1x8xf32>
  %l = qat.pointwise leaky_relu %a {alpha = 0.5} : tensor<1x8xf32>
  %lq = qat.fake_quant %l {scale = array<f64: 1.0>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x8xf32>
  return %lq : tensor<1x8xf32>
}

// -----

func.func @pointwise_result_used_twice(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  %a = qat.fake_quant %x {scale = array<f64: 1.0>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x8xf32>
  // expected-error @+1 {{'qat.pointwise' op result is used other than by its output fake_quant; run qat-propagate-scales first}}
  %l = qat.pointwise sigmoid %a : tensor<1x8xf32>
  %lq = qat.fake_quant %l {scale = array<f64: 0.00390625>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x8xf32>
  %m = qat.pointwise tanh %l : tensor<1x8xf32>
  return %m : tensor<1x8xf32>
}

// -----

// A reduced-range input ([0, 127], 7 bits, stored centred as -64..63): with
// int8-io the caller's integers are clamped to its levels first, as the
// fake_quant clamps; from float, qint.quantize and the same clamp.
// INT8IO-LABEL: func @reduced_range_input
// INT8IO-SAME: (%[[X:.*]]: tensor<1x8xi8> {qint.scale = 5.000000e-01 : f64, qint.zero_point = -64 : i64})
// INT8IO: %[[C:.*]] = qint.requantize %[[X]] {act_max = 63 : i64, act_min = -64 : i64, input_zp = -64 : i64, multiplier = array<i32: 1073741824>, output_zp = -64 : i64, rounding = #qint.rounding<double>, shift = array<i32: 1>} : tensor<1x8xi8> -> tensor<1x8xi8>
// INT8IO: qint.fully_connected %[[C]]
// CHECK-LABEL: func @reduced_range_input
// CHECK: %[[Q:.*]] = qint.quantize
// CHECK: %[[C:.*]] = qint.requantize %[[Q]] {act_max = 63 : i64, act_min = -64 : i64
// CHECK: qint.fully_connected %[[C]]
func.func @reduced_range_input(%x: tensor<1x8xf32>) -> tensor<1x2xf32> {
  %a = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = 0, quant_max = 127} : tensor<1x8xf32>
  %w = arith.constant dense<0.25> : tensor<2x8xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 0.25>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<2x8xf32>
  %y = qat.fully_connected %a, %wq : (tensor<1x8xf32>, tensor<2x8xf32>) -> tensor<1x2xf32>
  %yq = qat.fake_quant %y {scale = array<f64: 1.0>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  return %yq : tensor<1x2xf32>
}

// -----

// A fake-quantized constant read as an activation (a learned position
// embedding added to the tokens) becomes its levels, rounded as the
// fake-quant graph rounds them: scale 0.25, zero point 128 of [0, 255]
// (stored with -128) takes 0.3, -0.7, 1.25, 0.125 (a tie, to even) and 100
// (clamped) to 1, -3, 5, 0 and 127.
// CHECK-LABEL: func @constant_activation
// CHECK: %[[C:.*]] = arith.constant dense<[1, -3, 5, 0, 127]> : tensor<5xi8>
// CHECK: qint.add %{{.*}}, %[[C]] {{{.*}}rhs_shift = -1 : i64, rhs_zp = 0 : i64
func.func @constant_activation(%x: tensor<5xf32>) -> tensor<5xf32> {
  %p = arith.constant dense<[0.3, -0.7, 1.25, 0.125, 100.0]> : tensor<5xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<5xf32>
  %pq = qat.fake_quant %p {scale = array<f64: 0.25>, zero_point = array<i64: 128>, quant_min = 0, quant_max = 255} : tensor<5xf32>
  %a = qat.add %xq, %pq : (tensor<5xf32>, tensor<5xf32>) -> tensor<5xf32>
  %y = qat.fake_quant %a {scale = array<f64: 1.0>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<5xf32>
  return %y : tensor<5xf32>
}

// -----

// A fake-quantized constant concatenated with an activation on another
// grid (a class token before the tokens; qat-propagate-scales puts the
// second fake_quant there) is requantized at compile time: levels 4, -6,
// 100 of scale 0.25 are 2, -3, 50 of the output's 0.5 (-6 * 0.5 = -3
// exactly; 4 and 100 halve exactly too).
// CHECK-LABEL: func @constant_concat
// CHECK: %[[T:.*]] = arith.constant dense<{{\[\[}}2, -3, 50]]> : tensor<1x3xi8>
// CHECK-NOT: qint.requantize
// CHECK: qint.concat %[[T]], %{{.*}}
func.func @constant_concat(%x: tensor<1x3xf32>) -> tensor<2x3xf32> {
  %t = arith.constant dense<[[1.0, -1.5, 25.0]]> : tensor<1x3xf32>
  %tq = qat.fake_quant %t {scale = array<f64: 0.25>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x3xf32>
  %tr = qat.fake_quant %tq {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x3xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x3xf32>
  %c = qat.concat %tr, %xq {axis = 0 : i64} : (tensor<1x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
  %cq = qat.fake_quant %c {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<2x3xf32>
  return %cq : tensor<2x3xf32>
}
