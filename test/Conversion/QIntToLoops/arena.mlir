// RUN: qat-opt %s -qint-plan-memory -qint-to-loops | FileCheck %s
// RUN: qat-opt %s -qint-to-loops | FileCheck %s --check-prefix=STACK

// Planned intermediates are views of the caller's arena at their offsets;
// the arena argument has the planned size. Unplanned, they are allocas.
// CHECK-LABEL: func.func @qat_chain_run
// CHECK-SAME: (%{{.*}}: memref<16xi8>, %{{.*}}: memref<32xi8>, %[[ARENA:.*]]: memref<32xi8>) -> i32
// CHECK: %c0 = arith.constant 0 : index
// CHECK-NEXT: memref.view %[[ARENA]][%c0][] : memref<32xi8> to memref<16xi8>
// CHECK: memref.view %[[ARENA]][%c16{{(_[0-9]+)?}}][] : memref<32xi8> to memref<16xi8>
// CHECK-NOT: memref.alloca
// STACK-LABEL: func.func @qat_chain_run
// STACK-SAME: %{{.*}}: memref<1xi8>) -> i32
// STACK-COUNT-2: memref.alloca() : memref<16xi8>
func.func @chain(%x: tensor<16xi8>) -> tensor<32xi8> {
  %a = qint.requantize %x {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<16xi8> -> tensor<16xi8>
  %b = qint.requantize %a {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 0>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<16xi8> -> tensor<16xi8>
  %c = qint.concat %a, %b {axis = 0} : (tensor<16xi8>, tensor<16xi8>) -> tensor<32xi8>
  return %c : tensor<32xi8>
}
