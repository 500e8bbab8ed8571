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
