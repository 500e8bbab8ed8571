// Round-trip of every qint op and attribute form: custom form, and generic
// form parsed back.
// RUN: qat-opt %s | qat-opt | FileCheck %s
// RUN: qat-opt %s --mlir-print-op-generic | qat-opt | FileCheck %s

// CHECK-LABEL: func @convolutions
func.func @convolutions(%x: tensor<1x8x8x3xi8>, %w: tensor<2x3x3x3xi8>, %b: tensor<2xi32>, %dw: tensor<1x3x3x6xi8>) -> (tensor<1x8x8x2xi8>, tensor<1x4x4x2xi8>, tensor<1x6x6x6xi8>) {
  // Per channel, padded.
  // CHECK: qint.conv2d %{{.*}}, %{{.*}}, %{{.*}} {act_max = 127 : i64, act_min = -5 : i64, input_zp = -128 : i64, multiplier = array<i32: 1340000000, 1500000000>, output_zp = -5 : i64, pad = array<i64: 1, 1, 1, 1>, rounding = #qint.rounding<double>, shift = array<i32: -9, -8>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>, tensor<2xi32>) -> tensor<1x8x8x2xi8>
  %0 = qint.conv2d %x, %w, %b {input_zp = -128, output_zp = -5, multiplier = array<i32: 1340000000, 1500000000>, shift = array<i32: -9, -8>, act_min = -5, act_max = 127, pad = array<i64: 1, 1, 1, 1>, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>, tensor<2xi32>) -> tensor<1x8x8x2xi8>
  // Per tensor, no bias, strided and dilated, single rounding.
  // CHECK: qint.conv2d %{{.*}}, %{{.*}} {act_max = 127 : i64, act_min = -128 : i64, dilations = array<i64: 2, 2>, input_zp = 0 : i64, multiplier = array<i32: 1073741824>, output_zp = 0 : i64, rounding = #qint.rounding<single>, shift = array<i32: 30>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x4x4x2xi8>
  %1 = qint.conv2d %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 30>, act_min = -128, act_max = 127, dilations = array<i64: 2, 2>, strides = array<i64: 1, 1>, rounding = #qint.rounding<single>} : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>) -> tensor<1x4x4x2xi8>
  // Channel multiplier 2.
  // CHECK: qint.depthwise_conv2d %{{.*}}, %{{.*}} {{.*}} : (tensor<1x8x8x3xi8>, tensor<1x3x3x6xi8>) -> tensor<1x6x6x6xi8>
  %2 = qint.depthwise_conv2d %x, %dw {input_zp = 3, output_zp = -3, multiplier = array<i32: 0>, shift = array<i32: -31>, act_min = 0, act_max = 0, rounding = #qint.rounding<double>} : (tensor<1x8x8x3xi8>, tensor<1x3x3x6xi8>) -> tensor<1x6x6x6xi8>
  return %0, %1, %2 : tensor<1x8x8x2xi8>, tensor<1x4x4x2xi8>, tensor<1x6x6x6xi8>
}

// CHECK-LABEL: func @fully_connected
func.func @fully_connected(%x: tensor<2x16xi8>, %w: tensor<4x16xi8>, %b: tensor<4xi32>) -> tensor<2x4xi8> {
  // CHECK: qint.fully_connected %{{.*}}, %{{.*}}, %{{.*}} {act_max = 100 : i64, act_min = -70 : i64, input_zp = -128 : i64, multiplier = array<i32: 1526191224>, output_zp = 127 : i64, rounding = #qint.rounding<double>, shift = array<i32: -8>} : (tensor<2x16xi8>, tensor<4x16xi8>, tensor<4xi32>) -> tensor<2x4xi8>
  %0 = qint.fully_connected %x, %w, %b {input_zp = -128, output_zp = 127, multiplier = array<i32: 1526191224>, shift = array<i32: -8>, act_min = -70, act_max = 100, rounding = #qint.rounding<double>} : (tensor<2x16xi8>, tensor<4x16xi8>, tensor<4xi32>) -> tensor<2x4xi8>
  return %0 : tensor<2x4xi8>
}

// CHECK-LABEL: func @elementwise
func.func @elementwise(%a: tensor<1x2x2x4xi8>, %c: tensor<4xi8>, %acc: tensor<1x2x2x4xi32>) -> (tensor<1x2x2x4xi8>, tensor<1x2x2x4xi8>, tensor<1x2x2x4xi8>, tensor<1x2x2x4xi8>) {
  // CHECK: qint.add %{{.*}}, %{{.*}} {act_max = 127 : i64, act_min = -128 : i64, left_shift = 20 : i64, lhs_multiplier = 1073741824 : i64, lhs_shift = 0 : i64, lhs_zp = -128 : i64, output_multiplier = 1073741824 : i64, output_shift = -19 : i64, output_zp = -128 : i64, rhs_multiplier = 1073741824 : i64, rhs_shift = 0 : i64, rhs_zp = -128 : i64, rounding = #qint.rounding<double>} : (tensor<1x2x2x4xi8>, tensor<1x2x2x4xi8>) -> tensor<1x2x2x4xi8>
  %0 = qint.add %a, %a {lhs_zp = -128, rhs_zp = -128, left_shift = 20, lhs_multiplier = 1073741824, lhs_shift = 0, rhs_multiplier = 1073741824, rhs_shift = 0, output_multiplier = 1073741824, output_shift = -19, output_zp = -128, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x2x2x4xi8>, tensor<1x2x2x4xi8>) -> tensor<1x2x2x4xi8>
  // CHECK: qint.mul %{{.*}}, %{{.*}} {{.*}} : (tensor<1x2x2x4xi8>, tensor<4xi8>) -> tensor<1x2x2x4xi8>
  %1 = qint.mul %a, %c {lhs_zp = -128, rhs_zp = 0, output_multiplier = 1077952640, output_shift = -7, output_zp = -128, act_min = -128, act_max = 127, rounding = #qint.rounding<single>} : (tensor<1x2x2x4xi8>, tensor<4xi8>) -> tensor<1x2x2x4xi8>
  // CHECK: qint.requantize %{{.*}} {act_max = 127 : i64, act_min = -128 : i64, axis = 3 : i64, input_zp = 3 : i64, multiplier = array<i32: 1431655765, 1073741824, 1073741824, 1073741824>, output_zp = -1 : i64, rounding = #qint.rounding<double>, shift = array<i32: 1, 0, -1, -2>} : tensor<1x2x2x4xi8> -> tensor<1x2x2x4xi8>
  %2 = qint.requantize %a {input_zp = 3, output_zp = -1, axis = 3, multiplier = array<i32: 1431655765, 1073741824, 1073741824, 1073741824>, shift = array<i32: 1, 0, -1, -2>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<1x2x2x4xi8> -> tensor<1x2x2x4xi8>
  // An int32 input (an accumulator) may have any int32 zero point.
  // CHECK: qint.requantize %{{.*}} {{.*}}input_zp = 100000 : i64{{.*}} : tensor<1x2x2x4xi32> -> tensor<1x2x2x4xi8>
  %3 = qint.requantize %acc {input_zp = 100000, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -10>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<1x2x2x4xi32> -> tensor<1x2x2x4xi8>
  return %0, %1, %2, %3 : tensor<1x2x2x4xi8>, tensor<1x2x2x4xi8>, tensor<1x2x2x4xi8>, tensor<1x2x2x4xi8>
}

// CHECK-LABEL: func @pooling
func.func @pooling(%x: tensor<2x12x22x8xi8>, %l: tensor<2x5xi8>) -> (tensor<2x3x3x8xi8>, tensor<2x3x3x8xi8>, tensor<2x8xi8>, tensor<2x1x1x8xi8>, tensor<2x5xi8>) {
  // CHECK: qint.max_pool2d %{{.*}} {act_max = 127 : i64, act_min = -128 : i64, kernel = array<i64: 5, 6>, pad = array<i64: 1, 2, 1, 1>, strides = array<i64: 5, 9>} : tensor<2x12x22x8xi8> -> tensor<2x3x3x8xi8>
  %0 = qint.max_pool2d %x {kernel = array<i64: 5, 6>, strides = array<i64: 5, 9>, pad = array<i64: 1, 2, 1, 1>, act_min = -128, act_max = 127} : tensor<2x12x22x8xi8> -> tensor<2x3x3x8xi8>
  // CHECK: qint.avg_pool2d %{{.*}} {act_max = 100 : i64, act_min = -100 : i64, kernel = array<i64: 5, 6>, pad = array<i64: 1, 2, 1, 1>, strides = array<i64: 5, 9>} : tensor<2x12x22x8xi8> -> tensor<2x3x3x8xi8>
  %1 = qint.avg_pool2d %x {kernel = array<i64: 5, 6>, strides = array<i64: 5, 9>, pad = array<i64: 1, 2, 1, 1>, act_min = -100, act_max = 100} : tensor<2x12x22x8xi8> -> tensor<2x3x3x8xi8>
  // CHECK: qint.mean %{{.*}} {input_zp = -128 : i64, multiplier = 1073741824 : i64, output_zp = -128 : i64, rounding = #qint.rounding<double>, shift = 1 : i64} : tensor<2x12x22x8xi8> -> tensor<2x8xi8>
  %2 = qint.mean %x {input_zp = -128, output_zp = -128, multiplier = 1073741824, shift = 1, rounding = #qint.rounding<double>} : tensor<2x12x22x8xi8> -> tensor<2x8xi8>
  // CHECK: qint.mean %{{.*}} {{.*}} : tensor<2x12x22x8xi8> -> tensor<2x1x1x8xi8>
  %3 = qint.mean %x {input_zp = 0, output_zp = 0, multiplier = 1073741824, shift = 1, rounding = #qint.rounding<single>} : tensor<2x12x22x8xi8> -> tensor<2x1x1x8xi8>
  // CHECK: qint.softmax %{{.*}} {diff_min = -3968 : i64, input_left_shift = 19 : i64, input_multiplier = 1077952640 : i64, rounding = #qint.rounding<double>} : tensor<2x5xi8>
  %4 = qint.softmax %l {input_multiplier = 1077952640, input_left_shift = 19, diff_min = -3968, rounding = #qint.rounding<double>} : tensor<2x5xi8>
  return %0, %1, %2, %3, %4 : tensor<2x3x3x8xi8>, tensor<2x3x3x8xi8>, tensor<2x8xi8>, tensor<2x1x1x8xi8>, tensor<2x5xi8>
}

// CHECK-LABEL: func @lookup
func.func @lookup(%x: tensor<1x4x4x8xi8>) -> tensor<1x4x4x8xi8> {
  // CHECK: qint.lookup %{{.*}} {table = array<i8: 127, 126, 125, {{.*}}, -127, -128>} : tensor<1x4x4x8xi8>
  %0 = qint.lookup %x {table = array<i8: 127, 126, 125, 124, 123, 122, 121, 120, 119, 118, 117, 116, 115, 114, 113, 112, 111, 110, 109, 108, 107, 106, 105, 104, 103, 102, 101, 100, 99, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 88, 87, 86, 85, 84, 83, 82, 81, 80, 79, 78, 77, 76, 75, 74, 73, 72, 71, 70, 69, 68, 67, 66, 65, 64, 63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16, -17, -18, -19, -20, -21, -22, -23, -24, -25, -26, -27, -28, -29, -30, -31, -32, -33, -34, -35, -36, -37, -38, -39, -40, -41, -42, -43, -44, -45, -46, -47, -48, -49, -50, -51, -52, -53, -54, -55, -56, -57, -58, -59, -60, -61, -62, -63, -64, -65, -66, -67, -68, -69, -70, -71, -72, -73, -74, -75, -76, -77, -78, -79, -80, -81, -82, -83, -84, -85, -86, -87, -88, -89, -90, -91, -92, -93, -94, -95, -96, -97, -98, -99, -100, -101, -102, -103, -104, -105, -106, -107, -108, -109, -110, -111, -112, -113, -114, -115, -116, -117, -118, -119, -120, -121, -122, -123, -124, -125, -126, -127, -128>} : tensor<1x4x4x8xi8>
  return %0 : tensor<1x4x4x8xi8>
}

// CHECK-LABEL: func @data_movement
func.func @data_movement(%x: tensor<1x2x2x2xi8>, %y: tensor<1x2x2x3xi8>, %acc: tensor<4x2xi32>) -> (tensor<1x2x5x5xi8>, tensor<1x2x2x5xi8>, tensor<1x8xi8>, tensor<8xi32>) {
  // CHECK: qint.pad %{{.*}} {padding = array<i64: 0, 0, 0, 0, 1, 2, 1, 2>, value = -128 : i64} : tensor<1x2x2x2xi8> -> tensor<1x2x5x5xi8>
  %0 = qint.pad %x {padding = array<i64: 0, 0, 0, 0, 1, 2, 1, 2>, value = -128} : tensor<1x2x2x2xi8> -> tensor<1x2x5x5xi8>
  // CHECK: qint.concat %{{.*}}, %{{.*}} {axis = 3 : i64} : (tensor<1x2x2x2xi8>, tensor<1x2x2x3xi8>) -> tensor<1x2x2x5xi8>
  %1 = qint.concat %x, %y {axis = 3} : (tensor<1x2x2x2xi8>, tensor<1x2x2x3xi8>) -> tensor<1x2x2x5xi8>
  // CHECK: qint.reshape %{{.*}} : tensor<1x2x2x2xi8> -> tensor<1x8xi8>
  %2 = qint.reshape %x : tensor<1x2x2x2xi8> -> tensor<1x8xi8>
  // CHECK: qint.reshape %{{.*}} : tensor<4x2xi32> -> tensor<8xi32>
  %3 = qint.reshape %acc : tensor<4x2xi32> -> tensor<8xi32>
  return %0, %1, %2, %3 : tensor<1x2x5x5xi8>, tensor<1x2x2x5xi8>, tensor<1x8xi8>, tensor<8xi32>
}

// CHECK-LABEL: func @transpose
func.func @transpose(%x: tensor<1x3x4x5xi8>) -> tensor<1x5x3x4xi8> {
  // CHECK: qint.transpose %{{.*}} {permutation = array<i64: 0, 3, 1, 2>} : tensor<1x3x4x5xi8> -> tensor<1x5x3x4xi8>
  %0 = qint.transpose %x {permutation = array<i64: 0, 3, 1, 2>} : tensor<1x3x4x5xi8> -> tensor<1x5x3x4xi8>
  return %0 : tensor<1x5x3x4xi8>
}

// CHECK-LABEL: func @slice
func.func @slice(%x: tensor<1x3x8x4xi16>) -> tensor<1x2x4x4xi16> {
  // CHECK: qint.slice %{{.*}} {begin = array<i64: 0, 2, 7, 0>, strides = array<i64: 1, -1, -2, 1>} : tensor<1x3x8x4xi16> -> tensor<1x2x4x4xi16>
  %0 = qint.slice %x {begin = array<i64: 0, 2, 7, 0>, strides = array<i64: 1, -1, -2, 1>} : tensor<1x3x8x4xi16> -> tensor<1x2x4x4xi16>
  return %0 : tensor<1x2x4x4xi16>
}

// CHECK-LABEL: func @sub
func.func @sub(%a: tensor<1x80x16xi16>, %b: tensor<16xi16>) -> tensor<1x80x16xi16> {
  // CHECK: qint.sub %{{.*}}, %{{.*}} {act_max = 32767 : i64, act_min = -32768 : i64, left_shift = 15 : i64, lhs_multiplier = 1073741824 : i64, lhs_shift = 0 : i64, lhs_zp = 0 : i64, output_multiplier = 1073741824 : i64, output_shift = -14 : i64, output_zp = 0 : i64, rhs_multiplier = 1073741824 : i64, rhs_shift = 0 : i64, rhs_zp = 0 : i64, rounding = #qint.rounding<double>} : (tensor<1x80x16xi16>, tensor<16xi16>) -> tensor<1x80x16xi16>
  %0 = qint.sub %a, %b {lhs_zp = 0, rhs_zp = 0, left_shift = 15, lhs_multiplier = 1073741824, lhs_shift = 0, rhs_multiplier = 1073741824, rhs_shift = 0, output_multiplier = 1073741824, output_shift = -14, output_zp = 0, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<1x80x16xi16>, tensor<16xi16>) -> tensor<1x80x16xi16>
  return %0 : tensor<1x80x16xi16>
}

// CHECK-LABEL: func @leaky_relu
func.func @leaky_relu(%x: tensor<1x2x160x8xi16>) -> tensor<1x2x160x8xi16> {
  // CHECK: qint.leaky_relu %{{.*}} {alpha_multiplier = 1717986918 : i64, alpha_shift = -2 : i64, identity_multiplier = 1073741824 : i64, identity_shift = 1 : i64, input_zp = 0 : i64, output_zp = 0 : i64, rounding = #qint.rounding<double>} : tensor<1x2x160x8xi16>
  %0 = qint.leaky_relu %x {input_zp = 0, output_zp = 0, identity_multiplier = 1073741824, identity_shift = 1, alpha_multiplier = 1717986918, alpha_shift = -2, rounding = #qint.rounding<double>} : tensor<1x2x160x8xi16>
  return %0 : tensor<1x2x160x8xi16>
}

// CHECK-LABEL: func @boundary
func.func @boundary(%x: tensor<1x8x8x1xf32>) -> tensor<1x8x8x1xf32> {
  // CHECK: %[[Q:.*]] = qint.quantize %{{.*}} {scale = 0.0039215686274509803 : f64, zero_point = -128 : i64} : tensor<1x8x8x1xf32> -> tensor<1x8x8x1xi8>
  %0 = qint.quantize %x {scale = 0.0039215686274509803, zero_point = -128} : tensor<1x8x8x1xf32> -> tensor<1x8x8x1xi8>
  // CHECK: qint.dequantize %[[Q]] {scale = 3.906250e-03 : f64, zero_point = -128 : i64} : tensor<1x8x8x1xi8> -> tensor<1x8x8x1xf32>
  %1 = qint.dequantize %0 {scale = 0.00390625, zero_point = -128} : tensor<1x8x8x1xi8> -> tensor<1x8x8x1xf32>
  return %1 : tensor<1x8x8x1xf32>
}

// CHECK-LABEL: func @lstm
func.func @lstm(%x: tensor<3x2x4xi8>, %wx: tensor<4x5x4xi8>, %wh: tensor<4x5x5xi8>, %b: tensor<4x5xi32>) -> tensor<3x2x5xi8> {
  // CHECK: qint.lstm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {cell_clip = 0 : i64, cell_scale_power = -14 : i64, forget_multiplier = 1073741824 : i64, forget_shift = -14 : i64, hidden_multiplier = 1441324494 : i64, hidden_shift = -22 : i64, input_multiplier = array<i32: 1080990464, 1084475904, 1082850560, 1080487424>, input_shift = array<i32: -2, -2, -2, -2>, input_zp = -128 : i64, output_zp = 1 : i64, recurrent_multiplier = array<i32: 1584295680, 1591598720, 1599350272, 1611693952>, recurrent_shift = array<i32: -2, -2, -2, -2>, rounding = #qint.rounding<double>, time_major = true, update_multiplier = 1073741824 : i64, update_shift = -15 : i64} : (tensor<3x2x4xi8>, tensor<4x5x4xi8>, tensor<4x5x5xi8>, tensor<4x5xi32>) -> tensor<3x2x5xi8>
  %0 = qint.lstm %x, %wx, %wh, %b {input_zp = -128, output_zp = 1, input_multiplier = array<i32: 1080990464, 1084475904, 1082850560, 1080487424>, input_shift = array<i32: -2, -2, -2, -2>, recurrent_multiplier = array<i32: 1584295680, 1591598720, 1599350272, 1611693952>, recurrent_shift = array<i32: -2, -2, -2, -2>, forget_multiplier = 1073741824, forget_shift = -14, update_multiplier = 1073741824, update_shift = -15, hidden_multiplier = 1441324494, hidden_shift = -22, cell_scale_power = -14, cell_clip = 0, time_major = true, rounding = #qint.rounding<double>} : (tensor<3x2x4xi8>, tensor<4x5x4xi8>, tensor<4x5x5xi8>, tensor<4x5xi32>) -> tensor<3x2x5xi8>
  return %0 : tensor<3x2x5xi8>
}

// CHECK-LABEL: func @gru
func.func @gru(%x: tensor<1x8x4xi8>, %wx: tensor<3x6x4xi8>, %wh: tensor<3x6x6xi8>, %bx: tensor<3x6xi32>, %bh: tensor<3x6xi32>) -> tensor<1x8x6xi8> {
  // CHECK: qint.gru %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {hidden_multiplier = 1073741824 : i64, hidden_shift = -7 : i64, input_multiplier = array<i32: 1080990464, 1084475904, 1082850560>, input_shift = array<i32: -2, -2, -2>, input_zp = -3 : i64, output_zp = 0 : i64, recurrent_multiplier = array<i32: 1584295680, 1591598720, 1599350272>, recurrent_shift = array<i32: -2, -2, -2>, rounding = #qint.rounding<double>, time_major = false} : (tensor<1x8x4xi8>, tensor<3x6x4xi8>, tensor<3x6x6xi8>, tensor<3x6xi32>, tensor<3x6xi32>) -> tensor<1x8x6xi8>
  %0 = qint.gru %x, %wx, %wh, %bx, %bh {input_zp = -3, output_zp = 0, input_multiplier = array<i32: 1080990464, 1084475904, 1082850560>, input_shift = array<i32: -2, -2, -2>, recurrent_multiplier = array<i32: 1584295680, 1591598720, 1599350272>, recurrent_shift = array<i32: -2, -2, -2>, hidden_multiplier = 1073741824, hidden_shift = -7, time_major = false, rounding = #qint.rounding<double>} : (tensor<1x8x4xi8>, tensor<3x6x4xi8>, tensor<3x6x6xi8>, tensor<3x6xi32>, tensor<3x6xi32>) -> tensor<1x8x6xi8>
  return %0 : tensor<1x8x6xi8>
}

// CHECK-LABEL: func @batch_matmul
func.func @batch_matmul(%q: tensor<1x2x8x16xi8>, %k: tensor<1x2x8x16xi8>, %a: tensor<2x8x8xi16>, %v: tensor<1x8x16xi16>) -> (tensor<1x2x8x8xi8>, tensor<2x8x16xi16>) {
  // CHECK: qint.batch_matmul %{{.*}}, %{{.*}} {act_max = 127 : i64, act_min = -128 : i64, adj_y = true, lhs_zp = -3 : i64, output_multiplier = 1853063559 : i64, output_shift = -11 : i64, output_zp = -128 : i64, rhs_zp = 5 : i64, rounding = #qint.rounding<double>} : (tensor<1x2x8x16xi8>, tensor<1x2x8x16xi8>) -> tensor<1x2x8x8xi8>
  %0 = qint.batch_matmul %q, %k {lhs_zp = -3, rhs_zp = 5, output_multiplier = 1853063559, output_shift = -11, output_zp = -128, act_min = -128, act_max = 127, adj_y = true, rounding = #qint.rounding<double>} : (tensor<1x2x8x16xi8>, tensor<1x2x8x16xi8>) -> tensor<1x2x8x8xi8>
  // CHECK: qint.batch_matmul {{.*}} : (tensor<2x8x8xi16>, tensor<1x8x16xi16>) -> tensor<2x8x16xi16>
  %1 = qint.batch_matmul %a, %v {lhs_zp = 0, rhs_zp = 0, output_multiplier = 1992078198, output_shift = -18, output_zp = 0, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<2x8x8xi16>, tensor<1x8x16xi16>) -> tensor<2x8x16xi16>
  return %0, %1 : tensor<1x2x8x8xi8>, tensor<2x8x16xi16>
}

// CHECK-LABEL: func @layer_norm
func.func @layer_norm(%x: tensor<1x8x16xi8>, %g: tensor<16xi16>, %b: tensor<16xi32>) -> tensor<1x8x16xi8> {
  // CHECK: qint.layer_norm %{{.*}}, %{{.*}}, %{{.*}} {act_max = 127 : i64, act_min = -128 : i64, epsilon = 100 : i64, output_multiplier = 1073741824 : i64, output_shift = -12 : i64, output_zp = 0 : i64, rounding = #qint.rounding<double>} : (tensor<1x8x16xi8>, tensor<16xi16>, tensor<16xi32>) -> tensor<1x8x16xi8>
  %y = qint.layer_norm %x, %g, %b {epsilon = 100, output_multiplier = 1073741824, output_shift = -12, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x16xi8>, tensor<16xi16>, tensor<16xi32>) -> tensor<1x8x16xi8>
  return %y : tensor<1x8x16xi8>
}

// CHECK-LABEL: func @layer_norm_int16
func.func @layer_norm_int16(%x: tensor<1x8x16xi16>, %g: tensor<16xi16>, %b: tensor<16xi64>) -> tensor<1x8x16xi16> {
  // CHECK: qint.layer_norm {{.*}} : (tensor<1x8x16xi16>, tensor<16xi16>, tensor<16xi64>) -> tensor<1x8x16xi16>
  %y = qint.layer_norm %x, %g, %b {epsilon = 100, output_multiplier = 1859968480, output_shift = -29, output_zp = 0, act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>} : (tensor<1x8x16xi16>, tensor<16xi16>, tensor<16xi64>) -> tensor<1x8x16xi16>
  return %y : tensor<1x8x16xi16>
}
