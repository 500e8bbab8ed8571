// Under a memory limit below the interpreter's 4 GiB default (ulimit -v),
// qat-run sizes its bound from what the process may really allocate and
// names the tensor that does not fit; forced past it (--max-memory), the
// allocation fails and qat-run still ends with one error line naming the op,
// not LLVM's abort. (Not under the sanitizers, whose shadow memory needs
// more address space than the limit leaves.)
// UNSUPPORTED: sanitizer
// RUN: rm -rf %t && mkdir -p %t
// RUN: %PYTHON -c "import numpy; numpy.save('%t/x.npy', numpy.zeros((1, 4), numpy.float32))"
// RUN: not bash -c "ulimit -v 1000000; exec qat-run %s --input %t/x.npy --output %t/y.npy" 2>&1 | FileCheck %s --check-prefix=BOUND
// RUN: not bash -c "ulimit -v 1000000; exec qat-run %s --input %t/x.npy --output %t/y.npy --max-memory=8000000000" 2>&1 | FileCheck %s --check-prefix=OOM
// BOUND: memory-limit.mlir:[[#@LINE+5]]:8: error: 'qat.pad' op result 'tensor<1x250000000xf32>' needs 1000000000 bytes, which would bring the interpreter's tensors to 1000000016 bytes, above its limit of {{[0-9]+}} bytes (qat-run --max-memory; by default 4 GiB, or half of what the process may still allocate)
// OOM: qat-run: error: out of memory while computing 'qat.pad' at {{.*}}memory-limit.mlir:[[#@LINE+4]]:8 (its result tensor<1x250000000xf32> needs 1000000000 bytes)
// OOM-NOT: LLVM ERROR

func.func @main(%x: tensor<1x4xf32>) -> tensor<1x250000000xf32> {
  %y = qat.pad %x {padding = array<i64: 0, 0, 0, 249999996>, value = 0.0} : tensor<1x4xf32> -> tensor<1x250000000xf32>
  return %y : tensor<1x250000000xf32>
}
