// RUN: qat-opt %s -qat-import-quant-casts -split-input-file | FileCheck %s
// Upstream's own folder drops the pair; the pass must run first.
// RUN: qat-opt %s -canonicalize -split-input-file | FileCheck %s --check-prefix=UPSTREAM

// CHECK-LABEL: func @per_tensor
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[Q:.*]] = qat.fake_quant %[[X]] {quant_max = 127 : i64, quant_min = -128 : i64, rounding = #qat.rounding<half_to_even>, scale = array<f64: 1.000000e-01>, zero_point = array<i64: -3>} : tensor<4xf32>
// CHECK-NOT: quant.
// CHECK: return %[[Q]]
// UPSTREAM-LABEL: func @per_tensor
// UPSTREAM-SAME: (%[[X:.*]]: tensor<4xf32>)
// UPSTREAM-NEXT: return %[[X]]
func.func @per_tensor(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i8:f32, 0.1:-3>>
  %1 = quant.dcast %0 : tensor<4x!quant.uniform<i8:f32, 0.1:-3>> to tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// Per axis, unsigned storage: quant_min/max are the storage range.
// CHECK-LABEL: func @per_axis_unsigned
// CHECK: qat.fake_quant %{{.*}} {axis = 1 : i64, quant_max = 255 : i64, quant_min = 0 : i64, rounding = #qat.rounding<half_to_even>, scale = array<f64: 1.000000e-01, 2.000000e-01>, zero_point = array<i64: 3, 128>} : tensor<4x2xf32>
func.func @per_axis_unsigned(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %0 = quant.qcast %x : tensor<4x2xf32> to tensor<4x2x!quant.uniform<u8:f32:1, {0.1:3, 0.2:128}>>
  %1 = quant.dcast %0 : tensor<4x2x!quant.uniform<u8:f32:1, {0.1:3, 0.2:128}>> to tensor<4x2xf32>
  return %1 : tensor<4x2xf32>
}

// -----

// A narrowed storage range (symmetric weights) and 4-bit storage.
// CHECK-LABEL: func @narrow_and_4bit
// CHECK: qat.fake_quant %{{.*}} {quant_max = 127 : i64, quant_min = -127 : i64, {{.*}} zero_point = array<i64: 0>}
// CHECK: qat.fake_quant %{{.*}} {quant_max = 7 : i64, quant_min = -8 : i64, {{.*}} zero_point = array<i64: 1>}
func.func @narrow_and_4bit(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i8<-127:127>:f32, 0.5>>
  %1 = quant.dcast %0 : tensor<4x!quant.uniform<i8<-127:127>:f32, 0.5>> to tensor<4xf32>
  %2 = quant.qcast %1 : tensor<4xf32> to tensor<4x!quant.uniform<i4:f32, 0.25:1>>
  %3 = quant.dcast %2 : tensor<4x!quant.uniform<i4:f32, 0.25:1>> to tensor<4xf32>
  return %3 : tensor<4xf32>
}

// -----

// One qcast feeding two dcasts: each dcast becomes a fake_quant of x.
// CHECK-LABEL: func @shared_qcast
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: qat.fake_quant %[[X]]
// CHECK: qat.fake_quant %[[X]]
// CHECK-NOT: quant.
func.func @shared_qcast(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i8:f32, 0.1>>
  %1 = quant.dcast %0 : tensor<4x!quant.uniform<i8:f32, 0.1>> to tensor<4xf32>
  %2 = quant.dcast %0 : tensor<4x!quant.uniform<i8:f32, 0.1>> to tensor<4xf32>
  return %1, %2 : tensor<4xf32>, tensor<4xf32>
}

// -----

// What qat.fake_quant cannot express is left alone: f16, dynamic shapes,
// 32-bit storage, and a qcast whose result is not dequantized.
// CHECK-LABEL: func @left_alone
// CHECK-NOT: qat.fake_quant
// CHECK-COUNT-3: quant.dcast
// CHECK: quant.qcast
// CHECK-NOT: qat.fake_quant
func.func @left_alone(%h: tensor<4xf16>, %d: tensor<?xf32>, %x: tensor<4xf32>) -> (tensor<4xf16>, tensor<?xf32>, tensor<4xf32>, tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  %0 = quant.qcast %h : tensor<4xf16> to tensor<4x!quant.uniform<i8:f16, 0.1>>
  %1 = quant.dcast %0 : tensor<4x!quant.uniform<i8:f16, 0.1>> to tensor<4xf16>
  %2 = quant.qcast %d : tensor<?xf32> to tensor<?x!quant.uniform<i8:f32, 0.1>>
  %3 = quant.dcast %2 : tensor<?x!quant.uniform<i8:f32, 0.1>> to tensor<?xf32>
  %4 = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i32:f32, 0.1>>
  %5 = quant.dcast %4 : tensor<4x!quant.uniform<i32:f32, 0.1>> to tensor<4xf32>
  %6 = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i8:f32, 0.1>>
  return %1, %3, %5, %6 : tensor<4xf16>, tensor<?xf32>, tensor<4xf32>, tensor<4x!quant.uniform<i8:f32, 0.1>>
}
