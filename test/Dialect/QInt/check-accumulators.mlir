// RUN: qat-opt %s -qint-check-accumulators -split-input-file -verify-diagnostics | FileCheck %s

// Within range: |bias| + sum |w| * max |x - zp| = 1000 + (127 + 127) * 255.
// CHECK-LABEL: func @fits
// CHECK: qint.fully_connected
func.func @fits(%x: tensor<1x2xi8>) -> tensor<1x1xi8> {
  %w = arith.constant dense<[[127, -127]]> : tensor<1x2xi8>
  %b = arith.constant dense<[1000]> : tensor<1xi32>
  %y = qint.fully_connected %x, %w, %b {input_zp = -128, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -20>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x2xi8>, tensor<1x2xi8>, tensor<1xi32>) -> tensor<1x1xi8>
  return %y : tensor<1x1xi8>
}

// -----

// Input zero point -127: |x - zp| reaches 127 + 127 = 254.
func.func @bias_overflows(%x: tensor<1x4xi8>) -> tensor<1x1xi8> {
  %w = arith.constant dense<[[1, 0, 0, 0]]> : tensor<1x4xi8>
  %b = arith.constant dense<[2147483647]> : tensor<1xi32>
  // expected-error @+1 {{'qint.fully_connected' op int32 accumulator of output channel 0 can reach 2147483901 (bias 2147483647 + weights 1 x input range 254)}}
  %y = qint.fully_connected %x, %w, %b {input_zp = -127, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -20>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x4xi8>, tensor<1x4xi8>, tensor<1xi32>) -> tensor<1x1xi8>
  return %y : tensor<1x1xi8>
}

// -----

// A wide conv: 3 x 3 x 16384 weights of 127 sum to 18726912 per channel;
// against inputs of range 255 that is 4.8e9, beyond int32.
func.func @conv_overflows(%x: tensor<1x3x3x16384xi8>) -> tensor<1x1x1x2xi8> {
  %w = arith.constant dense<127> : tensor<2x3x3x16384xi8>
  // expected-error @+1 {{'qint.conv2d' op int32 accumulator of output channel 0 can reach 4775362560 (bias 0 + weights 18726912 x input range 255)}}
  %y = qint.conv2d %x, %w {input_zp = -128, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -31>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x3x3x16384xi8>, tensor<2x3x3x16384xi8>) -> tensor<1x1x1x2xi8>
  return %y : tensor<1x1x1x2xi8>
}

// -----

// The same conv is safe when its input comes from a kernel that clamps to
// [-128, -125]: |x - zp| <= 3 bounds the accumulator by 56180736.
// CHECK-LABEL: func @producer_range_proves_it
// CHECK: qint.conv2d
func.func @producer_range_proves_it(%x: tensor<1x3x3x16384xi8>) -> tensor<1x1x1x2xi8> {
  %w = arith.constant dense<127> : tensor<2x3x3x16384xi8>
  %p = qint.requantize %x {input_zp = 0, output_zp = -128, multiplier = array<i32: 1073741824>, shift = array<i32: -5>, act_min = -128, act_max = -125, rounding = #qint.rounding<double>} : tensor<1x3x3x16384xi8> -> tensor<1x3x3x16384xi8>
  %y = qint.conv2d %p, %w {input_zp = -128, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -31>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x3x3x16384xi8>, tensor<2x3x3x16384xi8>) -> tensor<1x1x1x2xi8>
  return %y : tensor<1x1x1x2xi8>
}

// -----

func.func @weights_not_constant(%x: tensor<1x2xi8>, %w: tensor<1x2xi8>) -> tensor<1x1xi8> {
  // expected-error @+1 {{'qint.fully_connected' op weights are not a constant: the accumulator bound cannot be proven}}
  %y = qint.fully_connected %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -20>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x2xi8>, tensor<1x2xi8>) -> tensor<1x1xi8>
  return %y : tensor<1x1xi8>
}

// -----

// int16 activations with an i32 bias (TFLite's int16xint8xint32 variant)
// accumulate in int32: 1024 weights of 127 x input range 32768 overflows.
func.func @int16_int32_accumulator_overflows(%x: tensor<1x1024xi16>) -> tensor<1x1xi16> {
  %w = arith.constant dense<127> : tensor<1x1024xi8>
  %b = arith.constant dense<0> : tensor<1xi32>
  // expected-error @+1 {{'qint.fully_connected' op int32 accumulator of output channel 0 can reach 4261412864 (bias 0 + weights 130048 x input range 32768)}}
  %y = qint.fully_connected %x, %w, %b {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -20>, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<1x1024xi16>, tensor<1x1024xi8>, tensor<1xi32>) -> tensor<1x1xi16>
  return %y : tensor<1x1xi16>
}

// -----

// The same layer with an i64 bias accumulates in int64: the bound is far
// below 2^47, and rescaled (multiplier 2^30 rounds to 2^14 in 16 bits,
// shift -20) it is 4261412864 * 2^14 / 2^35 = 2032.
// CHECK-LABEL: func @int16_int64_accumulator_fits
// CHECK: qint.fully_connected
func.func @int16_int64_accumulator_fits(%x: tensor<1x1024xi16>) -> tensor<1x1xi16> {
  %w = arith.constant dense<127> : tensor<1x1024xi8>
  %b = arith.constant dense<0> : tensor<1xi64>
  %y = qint.fully_connected %x, %w, %b {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -20>, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<1x1024xi16>, tensor<1x1024xi8>, tensor<1xi64>) -> tensor<1x1xi16>
  return %y : tensor<1x1xi16>
}

// -----

// With shift 7 the rescaled bound, 4261412864 * 2^14 / 2^8, leaves int32.
func.func @int16_rescaled_overflows(%x: tensor<1x1024xi16>) -> tensor<1x1xi16> {
  %w = arith.constant dense<127> : tensor<1x1024xi8>
  // expected-error @+1 {{'qint.fully_connected' op rescaled int64 accumulator of output channel 0 can reach 272730423297 (accumulator bound 4261412864), beyond int32}}
  %y = qint.fully_connected %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 7>, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<1x1024xi16>, tensor<1x1024xi8>) -> tensor<1x1xi16>
  return %y : tensor<1x1xi16>
}

// -----

// An int64 accumulator must stay below 2^47 (the 64-bit rescale's range).
func.func @int16_int64_accumulator_overflows(%x: tensor<1x1xi16>) -> tensor<1x1xi16> {
  %w = arith.constant dense<127> : tensor<1x1xi8>
  %b = arith.constant dense<140737488355328> : tensor<1xi64>
  // expected-error @+1 {{'qint.fully_connected' op int64 accumulator of output channel 0 can reach 140737492516864 (bias 140737488355328 + weights 127 x input range 32768), above 2^47 - 1}}
  %y = qint.fully_connected %x, %w, %b {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -31>, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<1x1xi16>, tensor<1x1xi8>, tensor<1xi64>) -> tensor<1x1xi16>
  return %y : tensor<1x1xi16>
}

// -----

// quant_c7: the bound 1000 + 254 * 255 = 65770 shifted left by 15 is
// 2155151360, beyond int32 (where the fake-quant graph saturates, a kernel
// would wrap to the opposite extreme). Shift 14 fits: the first channel.
func.func @quant_c7_left_shift(%x: tensor<1x2xi8>) -> tensor<1x2xi8> {
  %w = arith.constant dense<[[127, -127], [127, -127]]> : tensor<2x2xi8>
  %b = arith.constant dense<[1000, 1000]> : tensor<2xi32>
  // expected-error @+1 {{'qint.fully_connected' op the int32 accumulator of output channel 1 can reach 65770, and shifted left by 15 it leaves int32 (its multiplier is too large for the values it rescales) [quant_c7]}}
  %y = qint.fully_connected %x, %w, %b {input_zp = -128, output_zp = 0, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 14, 15>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x2xi8>, tensor<2x2xi8>, tensor<2xi32>) -> tensor<1x2xi8>
  return %y : tensor<1x2xi8>
}

// -----

// quant_c7 with single rounding: 65770 * (2^31 - 1) / 2^16 rounds to
// 2155150335, beyond int32.
func.func @quant_c7_single(%x: tensor<1x2xi8>) -> tensor<1x1xi8> {
  %w = arith.constant dense<[[127, -127]]> : tensor<1x2xi8>
  %b = arith.constant dense<[1000]> : tensor<1xi32>
  // expected-error @+1 {{'qint.fully_connected' op the int32 accumulator of output channel 0 can reach 65770, and rescaled by multiplier 2147483647 and shift 15 it leaves int32 (its multiplier is too large for the values it rescales) [quant_c7]}}
  %y = qint.fully_connected %x, %w, %b {input_zp = -128, output_zp = 0, multiplier = array<i32: 2147483647>, shift = array<i32: 15>, act_min = -128, act_max = 127, rounding = #qint.rounding<single>} : (tensor<1x2xi8>, tensor<1x2xi8>, tensor<1xi32>) -> tensor<1x1xi8>
  return %y : tensor<1x1xi8>
}

// -----

// quant_c7 at the output zero point: the bias alone is 2147483600, and M
// just below one keeps it (2147483599 rescaled); adding 100 leaves int32.
func.func @quant_c7_output_zp(%x: tensor<1x1xi8>) -> tensor<1x1xi8> {
  %w = arith.constant dense<0> : tensor<1x1xi8>
  %b = arith.constant dense<[2147483600]> : tensor<1xi32>
  // expected-error @+1 {{'qint.fully_connected' op the int32 accumulator of output channel 0 can reach 2147483600; rescaled (up to 2147483599) plus output_zp 100 it leaves int32 [quant_c7]}}
  %y = qint.fully_connected %x, %w, %b {input_zp = 0, output_zp = 100, multiplier = array<i32: 2147483647>, shift = array<i32: 0>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x1xi8>, tensor<1x1xi8>, tensor<1xi32>) -> tensor<1x1xi8>
  return %y : tensor<1x1xi8>
}

// -----

// quant_c7 for a requantization of a constant int32 tensor.
func.func @quant_c7_requantize_constant() -> tensor<2xi8> {
  %c = arith.constant dense<[5, -70000]> : tensor<2xi32>
  // expected-error @+1 {{'qint.requantize' op the centred input can reach 70000, and shifted left by 15 it leaves int32 (its multiplier is too large for the values it rescales) [quant_c7]}}
  %y = qint.requantize %c {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 15>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<2xi32> -> tensor<2xi8>
  return %y : tensor<2xi8>
}
