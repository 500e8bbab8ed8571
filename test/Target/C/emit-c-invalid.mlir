// RUN: qat-translate --emit-c %s -split-input-file -verify-diagnostics

// expected-error @+1 {{input 0 is not an int8 or int16 tensor; the C backend takes integer inputs and outputs (int8-io)}}
func.func @float_input(%x: tensor<4xf32>) -> tensor<4xi8> {
  %y = qint.quantize %x {scale = 0.5, zero_point = 0} : tensor<4xf32> -> tensor<4xi8>
  return %y : tensor<4xi8>
}

// -----

func.func @variable_weights(%x: tensor<1x8xi8>, %w: tensor<2x8xi8>) -> tensor<1x2xi8> {
  // expected-error @+1 {{the C backend needs constant weights (it folds the input zero point into the bias)}}
  %y = qint.fully_connected %x, %w {input_zp = 0, output_zp = 0,
      multiplier = array<i32: 1073741824>, shift = array<i32: 0>,
      act_min = -128, act_max = 127, rounding = #qint.rounding<double>}
      : (tensor<1x8xi8>, tensor<2x8xi8>) -> tensor<1x2xi8>
  return %y : tensor<1x2xi8>
}

// -----

func.func @accumulator(%x: tensor<1x8xi8>) -> tensor<1x1xi8> {
  %w = arith.constant dense<1> : tensor<1x8xi8>
  %b = arith.constant dense<2147483000> : tensor<1xi32>
  // expected-error @+1 {{output channel 0: the C kernels' accumulator (folded bias 2147483000 plus up to 8 int8 products) could exceed int32}}
  %y = qint.fully_connected %x, %w, %b {input_zp = 0, output_zp = 0,
      multiplier = array<i32: 1073741824>, shift = array<i32: 0>,
      act_min = -128, act_max = 127, rounding = #qint.rounding<double>}
      : (tensor<1x8xi8>, tensor<1x8xi8>, tensor<1xi32>) -> tensor<1x1xi8>
  return %y : tensor<1x1xi8>
}

// -----

// expected-error @+1 {{the module must hold one function (the model), but holds 2}}
module {
  func.func @a(%x: tensor<4xi8>) -> tensor<4xi8> { return %x : tensor<4xi8> }
  func.func @b(%x: tensor<4xi8>) -> tensor<4xi8> { return %x : tensor<4xi8> }
}

// -----

// expected-error @+1 {{output 0 is not an int8 or int16 tensor; the C backend takes integer inputs and outputs (int8-io)}}
func.func @float_output(%x: tensor<4xi8>) -> tensor<4xf32> {
  %y = qint.dequantize %x {scale = 0.5, zero_point = 0} : tensor<4xi8> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @boundary_inside(%x: tensor<4xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{the C backend takes int8 inputs and outputs; lower the model with int8-io}}
  %f = qint.dequantize %x {scale = 0.5, zero_point = 0} : tensor<4xi8> -> tensor<4xf32>
  %y = qint.quantize %f {scale = 0.25, zero_point = 0} : tensor<4xf32> -> tensor<4xi8>
  return %y : tensor<4xi8>
}

// -----

func.func @pad_rank5(%x: tensor<1x1x1x1x2xi8>) -> tensor<1x1x1x1x4xi8> {
  // expected-error @+1 {{the C runtime pads tensors of rank at most 4}}
  %y = qint.pad %x {padding = array<i64: 0, 0, 0, 0, 0, 0, 0, 0, 1, 1>, value = 0} : tensor<1x1x1x1x2xi8> -> tensor<1x1x1x1x4xi8>
  return %y : tensor<1x1x1x1x4xi8>
}

// -----

func.func @foreign_op(%x: tensor<4xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{the C backend has no kernel for this op}}
  %y = arith.addi %x, %x : tensor<4xi8>
  return %y : tensor<4xi8>
}
