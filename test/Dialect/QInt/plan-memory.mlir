// RUN: qat-opt %s -qint-plan-memory=report=true -split-input-file -verify-diagnostics --mlir-print-op-on-diagnostic=false | FileCheck %s
// RUN: qat-opt %s -qint-plan-memory=alignment=4 -split-input-file --mlir-print-op-on-diagnostic=false | FileCheck %s --check-prefix=ALIGN
// RUN: qat-opt %s "-qint-plan-memory=in-place=false" -split-input-file --mlir-print-op-on-diagnostic=false | FileCheck %s --check-prefix=OUTOFPLACE
// RUN: qat-opt %s "-qint-plan-memory=in-place-windows=false" -split-input-file --mlir-print-op-on-diagnostic=false | FileCheck %s --check-prefix=WINDOWS-OFF

// a (42 bytes) lives over ops 0..3, b (50) over 1..2, c (66) over 2..3; d is
// returned, so it is the caller's. Greedy by size: c at 0; b overlaps c in
// time, so after it at 66; a overlaps both: at 116. The most bytes live at
// once: a + b + c at op 2 = 158 = the arena. With 4-byte alignment b moves
// to 68 and a to 120: 162 bytes, 4 above the bound.
// CHECK-LABEL: func @chain
// CHECK-SAME: attributes {qint.arena_size = 158 : i64}
// CHECK: %[[A:.*]] = qint.requantize {{.*}}qint.offset = 116 : i64{{.*}} -> tensor<42xi8>
// CHECK: %[[B:.*]] = qint.pad %[[A]] {{{.*}}qint.offset = 66 : i64{{.*}} -> tensor<50xi8>
// CHECK: %[[C:.*]] = qint.pad %[[B]] {{{.*}}qint.offset = 0 : i64{{.*}} -> tensor<66xi8>
// CHECK: %[[D:.*]] = qint.concat %[[A]], %[[C]] {axis = 0 : i64} :
// CHECK: return %[[D]]
// ALIGN-LABEL: func @chain
// ALIGN-SAME: attributes {qint.arena_size = 162 : i64}
// ALIGN: qint.offset = 120 : i64
// ALIGN: qint.offset = 68 : i64
// expected-remark @+1 {{memory plan: arena 158 bytes, liveness lower bound 158 bytes (at op 2)}}
func.func @chain(%x: tensor<42xi8>) -> tensor<108xi8> {
  %a = qint.requantize %x {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<42xi8> -> tensor<42xi8>
  %b = qint.pad %a {padding = array<i64: 0, 8>, value = 0} : tensor<42xi8> -> tensor<50xi8>
  %c = qint.pad %b {padding = array<i64: 0, 16>, value = 0} : tensor<50xi8> -> tensor<66xi8>
  %d = qint.concat %a, %c {axis = 0} : (tensor<42xi8>, tensor<66xi8>) -> tensor<108xi8>
  return %d : tensor<108xi8>
}

// -----

// A reshape shares its input's buffer; a tensor returned through a reshape
// is the caller's buffer.
// CHECK-LABEL: func @aliases
// CHECK-SAME: attributes {qint.arena_size = 16 : i64}
// CHECK: %[[A:.*]] = qint.requantize {{.*}}qint.offset = 0 : i64
// CHECK: %[[R:.*]] = qint.reshape %[[A]] {qint.offset = 0 : i64}
// CHECK: %[[B:.*]] = qint.requantize %[[R]]
// CHECK-NOT: qint.offset
// CHECK: return
// expected-remark @+1 {{memory plan: arena 16 bytes, liveness lower bound 16 bytes}}
func.func @aliases(%x: tensor<16xi8>) -> tensor<16xi8> {
  %a = qint.requantize %x {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<16xi8> -> tensor<16xi8>
  %r = qint.reshape %a : tensor<16xi8> -> tensor<4x4xi8>
  %b = qint.requantize %r {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<4x4xi8> -> tensor<4x4xi8>
  %r2 = qint.reshape %b : tensor<4x4xi8> -> tensor<16xi8>
  return %r2 : tensor<16xi8>
}

// -----

// RUN: not qat-opt %s -split-input-file -qint-plan-memory=alignment=0 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: alignment must be at least 1, not 0
// expected-remark @+1 {{memory plan: arena 0 bytes, liveness lower bound 0 bytes}}
func.func @nothing(%x: tensor<4xi8>) -> tensor<4xi8> {
  return %x : tensor<4xi8>
}

// -----

// A kernel's working memory (qint.scratch) lives during its op only: the
// 20-byte scratch of the first requantize shares no time with %b (which
// writes in place over %a), so the arena is 16 + 20 = 36, the bound.
// CHECK-LABEL: func @scratch
// CHECK-SAME: attributes {qint.arena_size = 36 : i64}
// CHECK: qint.requantize {{.*}}qint.offset = 20 : i64, qint.scratch = 20 : i64, qint.scratch_offset = 0 : i64
// CHECK: qint.requantize {{.*}}qint.offset = 20 : i64
// expected-remark @+1 {{memory plan: arena 36 bytes, liveness lower bound 36 bytes (at op 0)}}
func.func @scratch(%x: tensor<16xi8>) -> tensor<16xi8> {
  %a = qint.requantize %x {qint.scratch = 20 : i64, input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<16xi8> -> tensor<16xi8>
  %b = qint.requantize %a {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<16xi8> -> tensor<16xi8>
  %c = qint.requantize %b {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<16xi8> -> tensor<16xi8>
  return %c : tensor<16xi8>
}

// -----

// In place: %b (an add of %a with itself) and %c (a requantize of %b) write
// over their operand, which dies at them: one 16-byte buffer from op 0 to
// op 3 (the padded %d is the caller's). With every kernel writing a buffer
// of its own, %a and %b are live at once: 32 bytes.
// CHECK-LABEL: func @in_place
// CHECK-SAME: attributes {qint.arena_size = 16 : i64}
// CHECK: %[[A:.*]] = qint.requantize %arg0 {{.*}}qint.offset = 0 : i64
// CHECK: %[[B:.*]] = qint.add %[[A]], %[[A]] {{.*}}qint.offset = 0 : i64
// CHECK: qint.requantize %[[B]] {{.*}}qint.offset = 0 : i64
// OUTOFPLACE-LABEL: func @in_place
// OUTOFPLACE-SAME: attributes {qint.arena_size = 32 : i64}
// expected-remark @+1 {{memory plan: arena 16 bytes, liveness lower bound 16 bytes (at op 0); 2 kernel(s) write in place (0 over their window's input): out-of-place bound 32 bytes (at op 1)}}
func.func @in_place(%x: tensor<16xi8>) -> tensor<24xi8> {
  %a = qint.requantize %x {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<16xi8> -> tensor<16xi8>
  %b = qint.add %a, %a {lhs_zp = 0, rhs_zp = 0, left_shift = 20, lhs_multiplier = 1073741824, lhs_shift = 0, rhs_multiplier = 1073741824, rhs_shift = 0, output_multiplier = 1073741824, output_shift = -19, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<16xi8>, tensor<16xi8>) -> tensor<16xi8>
  %c = qint.requantize %b {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = 0, act_max = 127, rounding = #qint.rounding<double>} : tensor<16xi8> -> tensor<16xi8>
  %d = qint.pad %c {padding = array<i64: 0, 8>, value = 0} : tensor<16xi8> -> tensor<24xi8>
  return %d : tensor<24xi8>
}

// -----

// Not in place: %a is read again after the add, and %x is the caller's.
// CHECK-LABEL: func @operand_lives_on
// CHECK-SAME: attributes {qint.arena_size = 32 : i64}
// expected-remark @+1 {{memory plan: arena 32 bytes, liveness lower bound 32 bytes (at op 1)}}
func.func @operand_lives_on(%x: tensor<16xi8>) -> tensor<32xi8> {
  %a = qint.requantize %x {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<16xi8> -> tensor<16xi8>
  %b = qint.add %a, %x {lhs_zp = 0, rhs_zp = 0, left_shift = 20, lhs_multiplier = 1073741824, lhs_shift = 0, rhs_multiplier = 1073741824, rhs_shift = 0, output_multiplier = 1073741824, output_shift = -19, output_zp = 0, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<16xi8>, tensor<16xi8>) -> tensor<16xi8>
  %f = qint.concat %a, %b {axis = 0} : (tensor<16xi8>, tensor<16xi8>) -> tensor<32xi8>
  return %f : tensor<32xi8>
}

// -----

// A windowed kernel whose input dies at it writes over that input, its
// output starting below it by the bytes that keep every pixel's output
// below the first input byte that pixel or a later one reads: for a 3x3
// depthwise with padding 1 over 4x4x8, pixel (y, x) reads from pixel
// (y - 1, x - 1) on, so the shift is (4 + 2) * 8 = 48 bytes. %a and %b
// then take 48 + 128 = 176 bytes instead of 256. The max pool after it
// (op 2, 160 bytes live) is not at the peak, so it keeps a buffer of its
// own (at 128, beside %b).
// CHECK-LABEL: func @over_window
// CHECK-SAME: attributes {qint.arena_size = 176 : i64}
// CHECK: qint.requantize %arg0 {{.*}}qint.offset = 48 : i64
// CHECK: qint.depthwise_conv2d {{.*}}qint.offset = 0 : i64
// CHECK: qint.max_pool2d {{.*}}qint.offset = 128 : i64
// OUTOFPLACE-LABEL: func @over_window
// OUTOFPLACE-SAME: attributes {qint.arena_size = 256 : i64}
// WINDOWS-OFF-LABEL: func @over_window
// WINDOWS-OFF-SAME: attributes {qint.arena_size = 256 : i64}
// expected-remark @+1 {{memory plan: arena 176 bytes, liveness lower bound 176 bytes (at op 1); 1 kernel(s) write in place (1 over their window's input): out-of-place bound 256 bytes (at op 1)}}
func.func @over_window(%x: tensor<1x4x4x8xi8>, %w: tensor<1x3x3x8xi8>) -> tensor<1x2x2x8xi8> {
  %a = qint.requantize %x {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<1x4x4x8xi8> -> tensor<1x4x4x8xi8>
  %b = qint.depthwise_conv2d %a, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -8>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>, pad = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x8xi8>, tensor<1x3x3x8xi8>) -> tensor<1x4x4x8xi8>
  %c = qint.max_pool2d %b {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, act_min = -128, act_max = 127} : tensor<1x4x4x8xi8> -> tensor<1x2x2x8xi8>
  %d = qint.requantize %c {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<1x2x2x8xi8> -> tensor<1x2x2x8xi8>
  return %d : tensor<1x2x2x8xi8>
}

// -----

// At the peak, a 2x2 max pool with stride 2 writes over its input: pixel
// (0, 0) must end before byte 0 of the input (8 bytes below it); each later
// pixel's window starts further ahead than its output ends. 136 bytes for
// 128 + 32.
// CHECK-LABEL: func @pool_over_window
// CHECK-SAME: attributes {qint.arena_size = 136 : i64}
// CHECK: qint.requantize %arg0 {{.*}}qint.offset = 8 : i64
// CHECK: qint.max_pool2d {{.*}}qint.offset = 0 : i64
// ALIGN-LABEL: func @pool_over_window
// ALIGN-SAME: attributes {qint.arena_size = 136 : i64}
// expected-remark @+1 {{memory plan: arena 136 bytes, liveness lower bound 136 bytes (at op 1); 1 kernel(s) write in place (1 over their window's input): out-of-place bound 160 bytes (at op 1)}}
func.func @pool_over_window(%x: tensor<1x4x4x8xi8>) -> tensor<1x2x2x8xi8> {
  %a = qint.requantize %x {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<1x4x4x8xi8> -> tensor<1x4x4x8xi8>
  %b = qint.max_pool2d %a {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, act_min = -128, act_max = 127} : tensor<1x4x4x8xi8> -> tensor<1x2x2x8xi8>
  %c = qint.requantize %b {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<1x2x2x8xi8> -> tensor<1x2x2x8xi8>
  return %c : tensor<1x2x2x8xi8>
}

// -----

// Taken for the placed arena, not the bound. The liveness rounds put the
// 1x1 convolution at op 4 (shift 260) and the pool at op 5 (8) over their
// inputs: the peak is then 520 bytes at op 5. Placed greedily, the other
// buffers stack up to 640 (%c at 0, %d at 128, %e at 384, %f at 0) though
// no op has more than 512 live. %e reaches the top, so the kernels live
// there (the pool at op 7, the convolution at op 8) write over their
// inputs too (shifts (4 + 2) * 16 = 96 and 16), and the arena is 524: the
// chain of %a, %b, %c spans 268 + 256 bytes.
// CHECK-LABEL: func @arena_top
// CHECK-SAME: attributes {qint.arena_size = 524 : i64}
// CHECK: qint.requantize %arg0 {{.*}}qint.offset = 268 : i64
// CHECK: qint.conv2d {{.*}}qint.offset = 8 : i64
// CHECK: qint.max_pool2d {{.*}}qint.offset = 0 : i64
// CHECK: qint.conv2d {{.*}}qint.offset = 128 : i64
// CHECK: qint.max_pool2d {{.*}}qint.offset = 32 : i64
// CHECK: qint.conv2d {{.*}}qint.offset = 16 : i64
// WINDOWS-OFF-LABEL: func @arena_top
// WINDOWS-OFF-SAME: attributes {qint.arena_size = 768 : i64}
// expected-remark @+1 {{memory plan: arena 524 bytes, liveness lower bound 520 bytes (at op 5); 4 bytes above the bound: a chain of kernels writing over their input spans 524 bytes (each output starts below its input); 4 kernel(s) write in place (4 over their window's input): out-of-place bound 768 bytes (at op 4)}}
func.func @arena_top(%x: tensor<1x8x8x4xi8>) -> tensor<1x4x4x16xi8> {
  %w1 = arith.constant dense<1> : tensor<8x1x1x4xi8>
  %w2 = arith.constant dense<1> : tensor<16x1x1x8xi8>
  %w3 = arith.constant dense<1> : tensor<16x1x1x16xi8>
  %a = qint.requantize %x {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<1x8x8x4xi8> -> tensor<1x8x8x4xi8>
  %b = qint.conv2d %a, %w1 {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x8x8x4xi8>, tensor<8x1x1x4xi8>) -> tensor<1x8x8x8xi8>
  %c = qint.max_pool2d %b {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, act_min = -128, act_max = 127} : tensor<1x8x8x8xi8> -> tensor<1x4x4x8xi8>
  %d = qint.conv2d %c, %w2 {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x4x4x8xi8>, tensor<16x1x1x8xi8>) -> tensor<1x4x4x16xi8>
  %e = qint.max_pool2d %d {kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>, act_min = -128, act_max = 127} : tensor<1x4x4x16xi8> -> tensor<1x4x4x16xi8>
  %f = qint.conv2d %e, %w3 {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x4x4x16xi8>, tensor<16x1x1x16xi8>) -> tensor<1x4x4x16xi8>
  %g = qint.requantize %f {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<1x4x4x16xi8> -> tensor<1x4x4x16xi8>
  return %g : tensor<1x4x4x16xi8>
}
