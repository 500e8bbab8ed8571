// qat-run: results, .npy round trips, and a clear error for each kind of bad
// input (non-zero exit, never a crash).
// RUN: %PYTHON -c "import numpy as np; np.save('%t.i8.npy', np.array([[1, -2, 3, -128]], np.int8)); np.save('%t.f32.npy', np.array([0.5, -1.25], np.float32)); np.save('%t.f64.npy', np.zeros(2)); np.save('%t.i32.npy', np.array([[7, 8], [9, 10]], np.int32)); open('%t.bad.npy', 'w').write('not numpy')"

// Printed results.
// RUN: qat-run %s --function requant --input %t.i8.npy | FileCheck %s --check-prefix=PRINT
// PRINT: result 0: tensor<1x4xi8> [2, -4, 6, -128]
// RUN: qat-run %s --function boundary --input %t.f32.npy | FileCheck %s --check-prefix=BOUNDARY
// BOUNDARY: result 0: tensor<2xf32> [0.5, -1.25]
// BOUNDARY: result 1: tensor<2xi8> [2, -5]

// Written results read back with NumPy: int8, float32 and int32.
// RUN: qat-run %s --function boundary --input %t.f32.npy --output %t.o1.npy --output %t.o2.npy
// RUN: qat-run %s --function flatten --input %t.i32.npy --output %t.o3.npy
// RUN: %PYTHON -c "import numpy as np; print(np.load('%t.o1.npy').dtype, np.load('%t.o1.npy').tolist(), np.load('%t.o2.npy').dtype, np.load('%t.o2.npy').tolist(), np.load('%t.o3.npy').dtype, np.load('%t.o3.npy').shape, np.load('%t.o3.npy').tolist())" | FileCheck %s --check-prefix=NPY
// NPY: float32 [0.5, -1.25] int8 [2, -5] int32 (4,) [7, 8, 9, 10]

// --batch: samples along an extra leading axis, one run each, results
// stacked.
// RUN: %PYTHON -c "import numpy as np; np.save('%t.batch.npy', np.array([[[1, -2, 3, -128]], [[4, 5, -6, 127]], [[0, 0, 0, 0]]], np.int8))"
// RUN: qat-run %s --function requant --batch --input %t.batch.npy | FileCheck %s --check-prefix=BATCH
// BATCH: result 0: tensor<3x1x4xi8> [2, -4, 6, -128, 8, 10, -12, 127, 0, 0, 0, 0]
// RUN: not qat-run %s --function requant --batch --input %t.i8.npy 2>&1 | FileCheck %s --check-prefix=BATCH-SHAPE
// BATCH-SHAPE: qat-run: error: --batch: sample 0: input 0 must be tensor<1x4xi8>, but is tensor<4xi8>
// RUN: not qat-run %s --function boundary --batch --input %t.f32.npy 2>&1 | FileCheck %s --check-prefix=BATCH-RANK
// BATCH-RANK: qat-run: error: --batch: sample 0: input 0 must be tensor<2xf32>, but is tensor<f32>

// RUN: not qat-run %s --function requant --input %t.missing.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: qat-run: error: {{.*}}missing.npy: cannot read: No such file or directory
// RUN: not qat-run %s --function requant --input %t.f64.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: qat-run: error: {{.*}}f64.npy: unsupported dtype float64 ('<f8'); qat-run reads float32, int8, int16 and int32 (convert with array.astype(...))
// RUN: not qat-run %s --function requant --input %t.f32.npy 2>&1 | FileCheck %s --check-prefix=TYPE
// TYPE: qat-run: error: input 0 must be tensor<1x4xi8>, but is tensor<2xf32>
// RUN: not qat-run %s --function requant 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: qat-run: error: @requant takes 1 input(s), but 0 were given
// RUN: not qat-run %s --function nope 2>&1 | FileCheck %s --check-prefix=FUNC
// FUNC: qat-run: error: {{.*}}qat-run.mlir has no function @nope
// RUN: not qat-run %s --function requant --input %t.bad.npy 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: qat-run: error: {{.*}}bad.npy: not a NumPy .npy file (no \x93NUMPY magic)
// RUN: not qat-run %s --function requant --input %t.i8.npy --output %t.a.npy --output %t.b.npy 2>&1 | FileCheck %s --check-prefix=OUTS
// OUTS: qat-run: error: @requant returns 1 result(s), but 2 --output file(s) were given
// RUN: not qat-run %s --function unsupported --input %t.f32.npy 2>&1 | FileCheck %s --check-prefix=NOEXEC
// NOEXEC: qat-run.mlir:[[# @LINE + 22]]:8: error: 'arith.negf' op cannot be executed by qat-run (it runs the qat and qint dialects, arith.constant and func.return)
// RUN: not qat-run %s --function overflow --input %t.i8.npy 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// OVERFLOW: qat-run.mlir:[[# @LINE + 28]]:8: error: 'qint.fully_connected' op int32 accumulator overflows at output [0, 0]: the exact sum is 2147483775

func.func @requant(%x: tensor<1x4xi8>) -> tensor<1x4xi8> {
  %0 = qint.requantize %x {input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 2>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<1x4xi8> -> tensor<1x4xi8>
  return %0 : tensor<1x4xi8>
}

// 0.5 / 0.25 = 2; -1.25 / 0.25 = -5: exact, and dequantized back exactly.
func.func @boundary(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xi8>) {
  %q = qint.quantize %x {scale = 0.25, zero_point = 0} : tensor<2xf32> -> tensor<2xi8>
  %y = qint.dequantize %q {scale = 0.25, zero_point = 0} : tensor<2xi8> -> tensor<2xf32>
  return %y, %q : tensor<2xf32>, tensor<2xi8>
}

func.func @flatten(%x: tensor<2x2xi32>) -> tensor<4xi32> {
  %0 = qint.reshape %x : tensor<2x2xi32> -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

func.func @unsupported(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = arith.negf %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// A bias of 2^31 - 1 plus any positive product overflows int32.
func.func @overflow(%x: tensor<1x4xi8>) -> tensor<1x1xi8> {
  %w = arith.constant dense<[[1, 0, 0, 0]]> : tensor<1x4xi8>
  %b = arith.constant dense<[2147483647]> : tensor<1xi32>
  %0 = qint.fully_connected %x, %w, %b {input_zp = -127, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: -20>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : (tensor<1x4xi8>, tensor<1x4xi8>, tensor<1xi32>) -> tensor<1x1xi8>
  return %0 : tensor<1x1xi8>
}
