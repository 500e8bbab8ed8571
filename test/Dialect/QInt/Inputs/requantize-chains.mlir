// Clamp-only requantizes followed by a rescale, as qat-lower-to-int emits
// for a standalone activation on an input that is then re-quantized.

func.func @relu_double(%x: tensor<256xi8>) -> tensor<256xi8> {
  %c = qint.requantize %x {input_zp = 5, output_zp = 5, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = 5, act_max = 127, rounding = #qint.rounding<double>} : tensor<256xi8> -> tensor<256xi8>
  %y = qint.requantize %c {input_zp = 5, output_zp = -128, multiplier = array<i32: 1843650110>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<256xi8> -> tensor<256xi8>
  return %y : tensor<256xi8>
}

func.func @relu6_single(%x: tensor<256xi8>) -> tensor<256xi8> {
  %c = qint.requantize %x {input_zp = -3, output_zp = -3, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -3, act_max = 90, rounding = #qint.rounding<single>} : tensor<256xi8> -> tensor<256xi8>
  %y = qint.requantize %c {input_zp = -3, output_zp = 10, multiplier = array<i32: 1288490189>, shift = array<i32: -1>, act_min = -20, act_max = 60, rounding = #qint.rounding<single>} : tensor<256xi8> -> tensor<256xi8>
  return %y : tensor<256xi8>
}

func.func @shrink_double(%x: tensor<256xi8>) -> tensor<256xi8> {
  %c = qint.requantize %x {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -100, act_max = 100, rounding = #qint.rounding<double>} : tensor<256xi8> -> tensor<256xi8>
  %y = qint.requantize %c {input_zp = 0, output_zp = 1, multiplier = array<i32: 1431655765>, shift = array<i32: -3>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<256xi8> -> tensor<256xi8>
  return %y : tensor<256xi8>
}

// Not folded: the merged range would be empty (the clamp's whole range maps
// above the outer act_max).
func.func @empty_range(%x: tensor<256xi8>) -> tensor<256xi8> {
  %c = qint.requantize %x {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = 100, act_max = 127, rounding = #qint.rounding<double>} : tensor<256xi8> -> tensor<256xi8>
  %y = qint.requantize %c {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 50, rounding = #qint.rounding<double>} : tensor<256xi8> -> tensor<256xi8>
  return %y : tensor<256xi8>
}

// Not folded: the inner op rescales (multiplier 0.5).
func.func @inner_rescales(%x: tensor<256xi8>) -> tensor<256xi8> {
  %c = qint.requantize %x {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<256xi8> -> tensor<256xi8>
  %y = qint.requantize %c {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<256xi8> -> tensor<256xi8>
  return %y : tensor<256xi8>
}

// A residual add, then the ReLU PyTorch leaves unobserved: the clamp folds
// into the add's activation range.
func.func @add_relu(%x: tensor<256xi8>) -> tensor<256xi8> {
  %a = qint.add %x, %x {lhs_zp = 3, rhs_zp = 3, left_shift = 20, lhs_multiplier = 1073741824, lhs_shift = 0, rhs_multiplier = 2088020992, rhs_shift = -2, output_multiplier = 1708026236, output_shift = -19, output_zp = -27, act_min = -128, act_max = 127, rounding = #qint.rounding<single>, "qat.report" = {ids = array<i64: 1>, scale = 0.5 : f64, zero_point = -27 : i64}} : (tensor<256xi8>, tensor<256xi8>) -> tensor<256xi8>
  %y = qint.requantize %a {input_zp = -27, output_zp = -27, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -27, act_max = 127, rounding = #qint.rounding<single>} : tensor<256xi8> -> tensor<256xi8>
  return %y : tensor<256xi8>
}

// A fully connected layer with its own clamp [-100, 90], then a clamp to
// [0, 120]: one range, [0, 90].
func.func @fc_clamp(%x: tensor<4x64xi8>) -> tensor<4x2xi8> {
  %w = arith.constant dense<[[1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, -14, 15, -16, 1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, -14, 15, -16, 1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, -14, 15, -16, 1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, -14, 15, -16], [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]]> : tensor<2x64xi8>
  %f = qint.fully_connected %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -6>, act_min = -100, act_max = 90, rounding = #qint.rounding<double>, "qat.report" = {ids = array<i64: 2>, scale = 0.5 : f64, zero_point = 0 : i64}} : (tensor<4x64xi8>, tensor<2x64xi8>) -> tensor<4x2xi8>
  %y = qint.requantize %f {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = 0, act_max = 120, rounding = #qint.rounding<double>, "qat.report" = {ids = array<i64: 3>, scale = 0.5 : f64, zero_point = 0 : i64}} : tensor<4x2xi8> -> tensor<4x2xi8>
  return %y : tensor<4x2xi8>
}

// Not folded: the add's result is also returned unclamped.
func.func @add_two_uses(%x: tensor<256xi8>) -> (tensor<256xi8>, tensor<256xi8>) {
  %a = qint.add %x, %x {lhs_zp = 0, rhs_zp = 0, left_shift = 20, lhs_multiplier = 1073741824, lhs_shift = 0, rhs_multiplier = 1073741824, rhs_shift = 0, output_multiplier = 1073741824, output_shift = -19, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<256xi8>, tensor<256xi8>) -> tensor<256xi8>
  %y = qint.requantize %a {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = 0, act_max = 127, rounding = #qint.rounding<double>} : tensor<256xi8> -> tensor<256xi8>
  return %y, %a : tensor<256xi8>, tensor<256xi8>
}
