// qat-to-int8 turns every example and every quantized test graph into a pure
// qint program with boundary ops, and runs with each of its options.
// RUN: qat-opt %qat_src_root/examples/cnn.mlir --qat-to-int8 | FileCheck %s --check-prefix=PURE
// RUN: qat-opt %qat_src_root/examples/dscnn.mlir --qat-to-int8 | FileCheck %s --check-prefix=PURE
// RUN: qat-opt %qat_src_root/examples/resnet.mlir --qat-to-int8 | FileCheck %s --check-prefix=PURE
// RUN: qat-opt %qat_src_root/test/Numerics/Inputs/single-ops.mlir --qat-to-int8 | FileCheck %s --check-prefix=PURE
// RUN: qat-opt %qat_src_root/test/Interpreter/Inputs/conv-relu-fc.mlir --qat-to-int8 | FileCheck %s --check-prefix=PURE
// PURE-NOT: qat.
// PURE: qint.
// PURE-NOT: qat.

// RUN: qat-opt %s --qat-to-int8="rounding=single int8-io=true" | FileCheck %s --check-prefix=OPTIONS
// OPTIONS-LABEL: func @main
// OPTIONS-SAME: (%[[X:.*]]: tensor<1x4xi8> {qint.scale = 6.250000e-02 : f64, qint.zero_point = -128 : i64}) -> (tensor<1x4xi8> {qint.scale = {{.*}} : f64, qint.zero_point = {{.*}} : i64})
// OPTIONS: qint.requantize %[[X]] {{.*}}rounding = #qint.rounding<single>
// OPTIONS-NOT: qint.quantize
// OPTIONS-NOT: qint.dequantize

// The input is unquantized: the pipeline fails, naming the fix, unless a
// default range is given.
// RUN: not qat-opt %S/Inputs/unquantized.mlir --qat-to-int8 2>&1 | FileCheck %s --check-prefix=ERROR
// ERROR: error: 'qat.relu' op function argument 0 (an input read here) has no quantization parameters: insert a qat.fake_quant there, or pass default-range=min,max to qat-propagate-scales
// RUN: qat-opt %S/Inputs/unquantized.mlir --qat-to-int8="default-range=-8,8" | FileCheck %s --check-prefix=DEFAULT
// DEFAULT-LABEL: func @unquantized_input
// DEFAULT: qint.quantize %{{.*}} {scale = 0.062745101749897003 : f64, zero_point = -1 : i64}

func.func @main(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %xq = qat.fake_quant %x {min = array<f64: 0.0>, max = array<f64: 15.9375>} : tensor<1x4xf32>
  %r = qat.relu6 %xq : tensor<1x4xf32>
  %rq = qat.fake_quant %r {min = array<f64: 0.0>, max = array<f64: 6.0>} : tensor<1x4xf32>
  return %rq : tensor<1x4xf32>
}

