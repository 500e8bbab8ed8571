// Integer programs that qat-compile compiles as they are: strided slices
// (TFLite's STRIDED_SLICE, its masks resolved) of int8 and int16 tensors,
// forwards and backwards, of every rank the runtime takes.
func.func @slice_s8(%x: tensor<2x5x7x3xi8> {qint.scale = 0.5 : f64, qint.zero_point = -3 : i64, qint.layout = "NHWC"})
    -> (tensor<2x2x3x3xi8> {qint.scale = 0.5 : f64, qint.zero_point = -3 : i64},
        tensor<1x5x4x2xi8> {qint.scale = 0.5 : f64, qint.zero_point = -3 : i64},
        tensor<70xi8> {qint.scale = 0.5 : f64, qint.zero_point = -3 : i64}) {
  %0 = qint.slice %x {begin = array<i64: 0, 1, 0, 0>, strides = array<i64: 1, 2, 3, 1>} : tensor<2x5x7x3xi8> -> tensor<2x2x3x3xi8>
  %1 = qint.slice %x {begin = array<i64: 1, 4, 6, 2>, strides = array<i64: 1, -1, -2, -2>} : tensor<2x5x7x3xi8> -> tensor<1x5x4x2xi8>
  %flat = qint.reshape %x : tensor<2x5x7x3xi8> -> tensor<210xi8>
  %2 = qint.slice %flat {begin = array<i64: 209>, strides = array<i64: -3>} : tensor<210xi8> -> tensor<70xi8>
  return %0, %1, %2 : tensor<2x2x3x3xi8>, tensor<1x5x4x2xi8>, tensor<70xi8>
}

func.func @slice_s16(%x: tensor<1x2x162x8xi16> {qint.scale = 0.0001 : f64, qint.zero_point = 0 : i64, qint.layout = "NHWC"})
    -> (tensor<1x2x160x8xi16> {qint.scale = 0.0001 : f64, qint.zero_point = 0 : i64},
        tensor<2x54x3xi16> {qint.scale = 0.0001 : f64, qint.zero_point = 0 : i64}) {
  %0 = qint.slice %x {begin = array<i64: 0, 0, 1, 0>, strides = array<i64: 1, 1, 1, 1>} : tensor<1x2x162x8xi16> -> tensor<1x2x160x8xi16>
  %r = qint.reshape %x : tensor<1x2x162x8xi16> -> tensor<2x162x8xi16>
  %1 = qint.slice %r {begin = array<i64: 1, 161, 7>, strides = array<i64: -1, -3, -3>} : tensor<2x162x8xi16> -> tensor<2x54x3xi16>
  return %0, %1 : tensor<1x2x160x8xi16>, tensor<2x54x3xi16>
}

// TFLite's int8 Sub: two operands of one shape, and a per-channel vector
// subtracted from each pixel, with a fused ReLU.
func.func @sub_s8(%x: tensor<1x6x5x7xi8> {qint.scale = 0.05 : f64, qint.zero_point = 10 : i64, qint.layout = "NHWC"},
                  %y: tensor<1x6x5x7xi8> {qint.scale = 0.03 : f64, qint.zero_point = -4 : i64, qint.layout = "NHWC"},
                  %v: tensor<7xi8> {qint.scale = 0.02 : f64, qint.zero_point = 3 : i64})
    -> (tensor<1x6x5x7xi8> {qint.scale = 0.07 : f64, qint.zero_point = -2 : i64},
        tensor<1x6x5x7xi8> {qint.scale = 0.06 : f64, qint.zero_point = -128 : i64}) {
  %0 = qint.sub %x, %y {lhs_zp = 10, rhs_zp = -4, left_shift = 20, lhs_multiplier = 1073741824, lhs_shift = 0, rhs_multiplier = 1288490189, rhs_shift = -1, output_multiplier = 1227133513, output_shift = -20, output_zp = -2, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x6x5x7xi8>, tensor<1x6x5x7xi8>) -> tensor<1x6x5x7xi8>
  %1 = qint.sub %x, %v {lhs_zp = 10, rhs_zp = 3, left_shift = 20, lhs_multiplier = 1073741824, lhs_shift = 0, rhs_multiplier = 1717986918, rhs_shift = -2, output_multiplier = 1789569707, output_shift = -20, output_zp = -128, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x6x5x7xi8>, tensor<7xi8>) -> tensor<1x6x5x7xi8>
  return %0, %1 : tensor<1x6x5x7xi8>, tensor<1x6x5x7xi8>
}

// Convolution loops of the LLVM path: output channels innermost for a
// padded convolution and a depthwise one with channel multiplier 2, padding
// and stride 2; a layer wider than the per-pixel accumulators
// (conv_wide, 4097 output channels) keeps the one-output-at-a-time nest.
func.func @conv_loops(%x: tensor<1x7x6x3xi8> {qint.scale = 0.05 : f64, qint.zero_point = 5 : i64, qint.layout = "NHWC"})
    -> (tensor<1x7x6x4xi8> {qint.scale = 0.1 : f64, qint.zero_point = -3 : i64},
        tensor<1x4x3x6xi8> {qint.scale = 0.1 : f64, qint.zero_point = 2 : i64}) {
  %c = arith.constant dense<[[[[1, -2, 3], [4, 5, -6], [7, -8, 9]], [[-10, 11, 12], [13, -14, 15], [16, 17, -18]], [[19, -20, 21], [-22, 23, 24], [25, 26, -27]]], [[[127, -128, 0], [1, 1, 1], [-1, -1, -1]], [[2, 2, 2], [3, 3, 3], [4, 4, 4]], [[5, 6, 7], [8, 9, 10], [11, 12, 13]]], [[[-5, -6, -7], [-8, -9, -10], [-11, -12, -13]], [[0, 0, 0], [0, 0, 0], [0, 0, 0]], [[100, -100, 50], [-50, 25, -25], [12, -12, 6]]], [[[9, 8, 7], [6, 5, 4], [3, 2, 1]], [[-9, -8, -7], [-6, -5, -4], [-3, -2, -1]], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]]]> : tensor<4x3x3x3xi8>
  %b = arith.constant dense<[100, -200, 300, -400]> : tensor<4xi32>
  %0 = qint.conv2d %x, %c, %b {input_zp = 5, output_zp = -3, multiplier = array<i32: 1288490189, 1073741824, 1717986918, 1431655765>, shift = array<i32: -5, -4, -6, -5>, pad = array<i64: 1, 1, 1, 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x7x6x3xi8>, tensor<4x3x3x3xi8>, tensor<4xi32>) -> tensor<1x7x6x4xi8>
  %d = arith.constant dense<[[[[1, -2, 3, -4, 5, -6], [7, 8, 9, 10, 11, 12], [-13, 14, -15, 16, -17, 18]], [[19, 20, 21, 22, 23, 24], [-25, -26, -27, -28, -29, -30], [31, -32, 33, -34, 35, -36]], [[127, -128, 64, -64, 32, -32], [1, 2, 3, 4, 5, 6], [-1, -2, -3, -4, -5, -6]]]]> : tensor<1x3x3x6xi8>
  %1 = qint.depthwise_conv2d %x, %d {input_zp = 5, output_zp = 2, multiplier = array<i32: 1073741824>, shift = array<i32: -5>, strides = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<single>} : (tensor<1x7x6x3xi8>, tensor<1x3x3x6xi8>) -> tensor<1x4x3x6xi8>
  return %0, %1 : tensor<1x7x6x4xi8>, tensor<1x4x3x6xi8>
}

func.func @conv_wide(%x: tensor<1x3x3x2xi8> {qint.scale = 0.05 : f64, qint.zero_point = -1 : i64, qint.layout = "NHWC"})
    -> (tensor<1x1x1x4097xi8> {qint.scale = 0.1 : f64, qint.zero_point = 0 : i64}) {
  %ww = arith.constant dense<-37> : tensor<4097x3x3x2xi8>
  %0 = qint.conv2d %x, %ww {input_zp = -1, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -3>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x3x3x2xi8>, tensor<4097x3x3x2xi8>) -> tensor<1x1x1x4097xi8>
  return %0 : tensor<1x1x1x4097xi8>
}
