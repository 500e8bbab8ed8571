// A conv+relu+fc network as a fake-quant training graph (@fake_quant) and as
// the integer program it stands for, written by hand, in both rounding modes
// (@integer_single, @integer_double). conv-relu-fc.test runs them with
// qat-run on the same inputs.
//
// All scales are powers of two, so every float operation of the fake-quant
// graph is exact and each fake-quant rounds the exact value once. Single
// rounding computes floor(acc * M + 1/2), which is what a half_up fake-quant
// computes: the two must agree element for element, so any difference is a
// semantic bug (layout, zero points, clamping). Double rounding (gemmlowp's
// SRDHM then RoundingDivideByPOT) rounds twice and can land one step away:
// acc = 383, M = 2^-8 gives round_up(383 / 2) = 192, then 192 / 128 = 1.5
// rounds to 2, where 383 / 256 = 1.496 rounds to 1. The test bounds that at
// one step.
//
// Input scale 2^-6 (zero point -10); conv weights 2^-7, 2^-8, 2^-6 per
// channel; conv+relu output 2^-5 (zero point -128); fc weights 2^-7; output
// 2^-4 (zero point 3). The conv multipliers are 2^-8, 2^-9, 2^-7, the fc one
// 2^-8: (2^30, shift - 31) with shifts -7, -8, -6 and -7.

func.func @fake_quant(%x: tensor<1x4x4x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[[[0.8828125, 0.25], [0.3671875, 0.7890625], [0.15625, 0.546875]], [[0.6640625, -0.546875], [-0.8828125, -0.3984375], [-0.4296875, 0.7421875]], [[0.8203125, -0.984375], [0.0, 0.640625], [-0.734375, 0.59375]]], [[[-0.37890625, -0.03125], [0.31640625, -0.1953125], [-0.15625, -0.22265625]], [[0.21875, -0.24609375], [0.48828125, -0.0546875], [-0.0234375, 0.00390625]], [[0.08203125, 0.0546875], [0.0078125, 0.4921875], [0.3046875, 0.29296875]]], [[[0.796875, 0.484375], [-0.640625, 1.953125], [-0.140625, -1.140625]], [[1.375, -1.359375], [1.421875, 0.453125], [-1.53125, -1.8125]], [[-0.21875, -1.84375], [-1.421875, 0.0625], [1.875, -0.140625]]]]> : tensor<3x3x3x2xf32>
  %b = arith.constant dense<[0.225830078125, 0.15277099609375, 0.4736328125]> : tensor<3xf32>
  %f = arith.constant dense<[[0.2578125, -0.1171875, 0.03125, -0.46875, -0.0078125, -0.2421875, -0.5, 0.984375, -0.96875, -0.8046875, -0.609375, 0.9375, 0.3828125, 0.7578125, -0.59375, 0.4375, -0.2578125, -0.0234375, -0.9921875, 0.234375, 0.65625, 0.328125, -0.6875, 0.0703125, -0.4609375, 0.9296875, 0.7578125, -0.625, 0.015625, 0.875, 0.6953125, 0.4140625, 0.28125, -0.9140625, 0.484375, -0.0546875, -0.8125, -0.5078125, 0.078125, 0.453125, 0.015625, 0.2265625, 0.7421875, 0.3671875, -0.2734375, 0.2890625, 0.1953125, -0.78125], [-0.875, 0.3203125, -0.2265625, 0.1953125, -0.3515625, -0.546875, -0.6953125, -0.234375, 0.6328125, -0.1953125, -0.2421875, 0.1484375, 0.953125, -0.2109375, 0.1796875, -0.1171875, 0.2109375, -0.109375, 0.2734375, 0.09375, 0.3515625, 0.90625, -0.6953125, 0.125, -0.1171875, -0.28125, -0.515625, -0.890625, -0.1953125, 0.6484375, -0.8046875, -0.1875, 0.9296875, 0.8984375, -0.5703125, -0.984375, 0.34375, -0.96875, -0.3984375, -0.0078125, 0.7421875, -0.8125, 0.3203125, 0.0625, -0.734375, 0.6875, 0.6875, -0.03125]]> : tensor<2x48xf32>
  %fb = arith.constant dense<[0.434326171875, 0.104248046875]> : tensor<2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.015625>, zero_point = array<i64: -10>, quant_min = -128, quant_max = 127, rounding = #qat.rounding<half_up>} : tensor<1x4x4x2xf32>
  %wq = qat.fake_quant %w {axis = 0, scale = array<f64: 0.0078125, 0.00390625, 0.015625>, zero_point = array<i64: 0, 0, 0>, quant_min = -127, quant_max = 127} : tensor<3x3x3x2xf32>
  %c = qat.conv2d %xq, %wq, %b {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x3x3x2xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32>
  %r = qat.relu %c : tensor<1x4x4x3xf32>
  %rq = qat.fake_quant %r {scale = array<f64: 0.03125>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127, rounding = #qat.rounding<half_up>} : tensor<1x4x4x3xf32>
  %flat = qat.reshape %rq : tensor<1x4x4x3xf32> -> tensor<1x48xf32>
  %fq = qat.fake_quant %f {scale = array<f64: 0.0078125>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x48xf32>
  %y = qat.fully_connected %flat, %fq, %fb : (tensor<1x48xf32>, tensor<2x48xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %yq = qat.fake_quant %y {scale = array<f64: 0.0625>, zero_point = array<i64: 3>, quant_min = -128, quant_max = 127, rounding = #qat.rounding<half_up>} : tensor<1x2xf32>
  return %yq : tensor<1x2xf32>
}

func.func @integer_single(%x: tensor<1x4x4x2xi8>) -> tensor<1x2xi8> {
  %w = arith.constant dense<[[[[113, 32], [47, 101], [20, 70]], [[85, -70], [-113, -51], [-55, 95]], [[105, -126], [0, 82], [-94, 76]]], [[[-97, -8], [81, -50], [-40, -57]], [[56, -63], [125, -14], [-6, 1]], [[21, 14], [2, 126], [78, 75]]], [[[51, 31], [-41, 125], [-9, -73]], [[88, -87], [91, 29], [-98, -116]], [[-14, -118], [-91, 4], [120, -9]]]]> : tensor<3x3x3x2xi8>
  %b = arith.constant dense<[1850, 2503, 1940]> : tensor<3xi32>
  %f = arith.constant dense<[[33, -15, 4, -60, -1, -31, -64, 126, -124, -103, -78, 120, 49, 97, -76, 56, -33, -3, -127, 30, 84, 42, -88, 9, -59, 119, 97, -80, 2, 112, 89, 53, 36, -117, 62, -7, -104, -65, 10, 58, 2, 29, 95, 47, -35, 37, 25, -100], [-112, 41, -29, 25, -45, -70, -89, -30, 81, -25, -31, 19, 122, -27, 23, -15, 27, -14, 35, 12, 45, 116, -89, 16, -15, -36, -66, -114, -25, 83, -103, -24, 119, 115, -73, -126, 44, -124, -51, -1, 95, -104, 41, 8, -94, 88, 88, -4]]> : tensor<2x48xi8>
  %fb = arith.constant dense<[1779, 427]> : tensor<2xi32>
  %c = qint.conv2d %x, %w, %b {input_zp = -10, output_zp = -128, multiplier = array<i32: 1073741824, 1073741824, 1073741824>, shift = array<i32: -7, -8, -6>, act_min = -128, act_max = 127, pad = array<i64: 1, 1, 1, 1>, rounding = #qint.rounding<single>} : (tensor<1x4x4x2xi8>, tensor<3x3x3x2xi8>, tensor<3xi32>) -> tensor<1x4x4x3xi8>
  %flat = qint.reshape %c : tensor<1x4x4x3xi8> -> tensor<1x48xi8>
  %y = qint.fully_connected %flat, %f, %fb {input_zp = -128, output_zp = 3, multiplier = array<i32: 1073741824>, shift = array<i32: -7>, act_min = -128, act_max = 127, rounding = #qint.rounding<single>} : (tensor<1x48xi8>, tensor<2x48xi8>, tensor<2xi32>) -> tensor<1x2xi8>
  return %y : tensor<1x2xi8>
}

func.func @integer_double(%x: tensor<1x4x4x2xi8>) -> tensor<1x2xi8> {
  %w = arith.constant dense<[[[[113, 32], [47, 101], [20, 70]], [[85, -70], [-113, -51], [-55, 95]], [[105, -126], [0, 82], [-94, 76]]], [[[-97, -8], [81, -50], [-40, -57]], [[56, -63], [125, -14], [-6, 1]], [[21, 14], [2, 126], [78, 75]]], [[[51, 31], [-41, 125], [-9, -73]], [[88, -87], [91, 29], [-98, -116]], [[-14, -118], [-91, 4], [120, -9]]]]> : tensor<3x3x3x2xi8>
  %b = arith.constant dense<[1850, 2503, 1940]> : tensor<3xi32>
  %f = arith.constant dense<[[33, -15, 4, -60, -1, -31, -64, 126, -124, -103, -78, 120, 49, 97, -76, 56, -33, -3, -127, 30, 84, 42, -88, 9, -59, 119, 97, -80, 2, 112, 89, 53, 36, -117, 62, -7, -104, -65, 10, 58, 2, 29, 95, 47, -35, 37, 25, -100], [-112, 41, -29, 25, -45, -70, -89, -30, 81, -25, -31, 19, 122, -27, 23, -15, 27, -14, 35, 12, 45, 116, -89, 16, -15, -36, -66, -114, -25, 83, -103, -24, 119, 115, -73, -126, 44, -124, -51, -1, 95, -104, 41, 8, -94, 88, 88, -4]]> : tensor<2x48xi8>
  %fb = arith.constant dense<[1779, 427]> : tensor<2xi32>
  %c = qint.conv2d %x, %w, %b {input_zp = -10, output_zp = -128, multiplier = array<i32: 1073741824, 1073741824, 1073741824>, shift = array<i32: -7, -8, -6>, act_min = -128, act_max = 127, pad = array<i64: 1, 1, 1, 1>, rounding = #qint.rounding<double>} : (tensor<1x4x4x2xi8>, tensor<3x3x3x2xi8>, tensor<3xi32>) -> tensor<1x4x4x3xi8>
  %flat = qint.reshape %c : tensor<1x4x4x3xi8> -> tensor<1x48xi8>
  %y = qint.fully_connected %flat, %f, %fb {input_zp = -128, output_zp = 3, multiplier = array<i32: 1073741824>, shift = array<i32: -7>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x48xi8>, tensor<2x48xi8>, tensor<2xi32>) -> tensor<1x2xi8>
  return %y : tensor<1x2xi8>
}
