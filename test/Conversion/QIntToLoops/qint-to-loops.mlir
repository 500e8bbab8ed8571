// RUN: qat-opt %s -qint-to-loops -split-input-file -verify-diagnostics | FileCheck %s

// The entry point takes flat memrefs (inputs, outputs, arena) and returns 0;
// weights and per-channel tables are constant globals; each kernel is a
// private function, a loop nest writing straight into the output, that the
// entry point calls.
// CHECK-DAG: memref.global "private" constant @qat_fc_run_const0 : memref<4xi8> = dense<[4, 2, -1, 0]>
// CHECK-DAG: memref.global "private" constant @qat_fc_run_const1 : memref<2xi32> = dense<[2, 0]>
// CHECK-LABEL: func.func private @qat_fc_run_kernel1
// CHECK-SAME: (%[[KIN:.*]]: memref<2xi8>, %{{.*}}: memref<4xi8>, %{{.*}}: memref<2xi32>, %[[KOUT:.*]]: memref<2xi8>)
// CHECK: scf.for
// CHECK: scf.for
// CHECK: memref.load %[[KIN]]
// CHECK: arith.muli {{.*}} : i64
// CHECK: memref.store {{.*}}, %[[KOUT]]
// CHECK-LABEL: func.func @qat_fc_run
// CHECK-SAME: (%[[IN:.*]]: memref<2xi8>, %[[OUT:.*]]: memref<2xi8>, %{{.*}}: memref<1xi8>) -> i32
// CHECK: %[[W:.*]] = memref.get_global @qat_fc_run_const0
// CHECK: %[[B:.*]] = memref.get_global @qat_fc_run_const1
// CHECK: call @qat_fc_run_kernel1(%[[IN]], %[[W]], %[[B]], %[[OUT]])
// CHECK: return %{{.*}} : i32
func.func @fc(%x: tensor<1x2xi8>) -> tensor<1x2xi8> {
  %w = arith.constant dense<[[4, 2], [-1, 0]]> : tensor<2x2xi8>
  %b = arith.constant dense<[2, 0]> : tensor<2xi32>
  %y = qint.fully_connected %x, %w, %b {input_zp = 0, output_zp = -128, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x2xi8>, tensor<2x2xi8>, tensor<2xi32>) -> tensor<1x2xi8>
  return %y : tensor<1x2xi8>
}

// -----

// A reshape is free on flat buffers; a returned view is copied out.
// CHECK-LABEL: func.func @qat_flatten_run
// CHECK-SAME: (%[[IN:.*]]: memref<4xi8>, %[[OUT:.*]]: memref<4xi8>, %{{.*}}: memref<1xi8>) -> i32
// CHECK: scf.for
// CHECK: memref.load %[[IN]]
// CHECK: memref.store {{.*}}, %[[OUT]]
func.func @flatten(%x: tensor<1x2x2x1xi8>) -> tensor<1x4xi8> {
  %y = qint.reshape %x : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  return %y : tensor<1x4xi8>
}

// -----

// expected-error @+1 {{'func.func' op takes or returns 'tensor<1x2xf32>'; the native entry point takes int8 or int16 tensors (compile with qat-to-int8 int8-io)}}
func.func @float_signature(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  return %x : tensor<1x2xf32>
}

// -----

func.func @float_inside(%x: tensor<1x2xi8>) -> tensor<1x2xi8> {
  %c = arith.constant dense<[0.5, 1.0]> : tensor<2xf32>
  // expected-error @+1 {{'qint.quantize' op converts float at the boundary; the native entry point takes int8 or int16 tensors (compile with qat-to-int8 int8-io)}}
  %q = qint.quantize %c {scale = 0.5, zero_point = 0} : tensor<2xf32> -> tensor<2xi8>
  return %x : tensor<1x2xi8>
}

// -----

// RUN: not qat-opt %s -split-input-file -qint-to-loops=name=model 2>&1 | FileCheck %s --check-prefix=NAME
// NAME: error: name applies to a module with one function, but this one has 2
func.func @one(%x: tensor<1x2xi8>) -> tensor<1x2xi8> {
  return %x : tensor<1x2xi8>
}
func.func @two(%x: tensor<1x2xi8>) -> tensor<1x2xi8> {
  return %x : tensor<1x2xi8>
}

// -----

// 4-bit weights stay i4 (a constant global of i4) and are sign-extended
// where the loop reads them.
// CHECK-LABEL: memref.global "private" constant @qat_fc4_run_const0 : memref<4xi4> = dense<[-8, 7, -1, 3]>
// CHECK-LABEL: func.func private @qat_fc4_run_kernel1(
// CHECK-SAME: memref<4xi4>
// CHECK: %[[W:.*]] = memref.load %{{.*}} : memref<4xi4>
// CHECK: arith.extsi %[[W]] : i4 to i32
func.func @fc4(%x: tensor<1x2xi8>) -> tensor<1x2xi8> {
  %w = arith.constant dense<[[-8, 7], [-1, 3]]> : tensor<2x2xi4>
  %y = qint.fully_connected %x, %w {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x2xi8>, tensor<2x2xi4>) -> tensor<1x2xi8>
  return %y : tensor<1x2xi8>
}
