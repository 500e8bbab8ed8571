// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Kernels.h - op kernels of the reference interpreter ------*- C++ -*-===//
//
// Private to lib/Interpreter: one function per dialect that executes an op
// on already-evaluated operands.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_LIB_INTERPRETER_KERNELS_H
#define QAT_LIB_INTERPRETER_KERNELS_H

#include "mlir/IR/Operation.h"
#include "qat/Interpreter/Tensor.h"

namespace mlir::qat {

/// Executes a qat op (float semantics with fake quantization).
FailureOr<Tensor> runQATOp(Operation *op, ArrayRef<const Tensor *> operands);

/// Executes a qint op (the integer contract).
FailureOr<Tensor> runQIntOp(Operation *op, ArrayRef<const Tensor *> operands);

/// Data movement shared by both dialects (element-type agnostic).
Tensor concatTensors(Operation *op, ArrayRef<const Tensor *> inputs,
                     int64_t axis, ElementKind kind);
Tensor padTensor(Operation *op, const Tensor &in, ArrayRef<int64_t> padding,
                 float floatValue, int32_t intValue);
Tensor reshapeTensor(Operation *op, const Tensor &in);
Tensor transposeTensor(Operation *op, const Tensor &in,
                       ArrayRef<int64_t> permutation);

/// A 2-D sliding window over an NHWC tensor.
struct Window {
  int64_t kernelH, kernelW, strideH, strideW, dilationH, dilationW;
  int64_t padTop, padLeft;
  int64_t inH, inW;

  /// Calls fn(ky, kx, iy, ix) for every kernel tap of output (oy, ox) that
  /// falls inside the input; padded taps are skipped.
  template <typename Fn>
  void forEachTap(int64_t oy, int64_t ox, Fn fn) const {
    for (int64_t ky = 0; ky < kernelH; ++ky) {
      int64_t iy = oy * strideH + ky * dilationH - padTop;
      if (iy < 0 || iy >= inH)
        continue;
      for (int64_t kx = 0; kx < kernelW; ++kx) {
        int64_t ix = ox * strideW + kx * dilationW - padLeft;
        if (ix >= 0 && ix < inW)
          fn(ky, kx, iy, ix);
      }
    }
  }
};

/// The index into `operand` of the element broadcast to flat result index
/// `i`: the same index for equal shapes, the channel for a 1-D operand.
inline int64_t broadcastIndex(const Tensor &operand, int64_t i) {
  return operand.shape.size() == 1 && operand.numElements() > 0
             ? i % operand.numElements()
             : i;
}

} // namespace mlir::qat

#endif // QAT_LIB_INTERPRETER_KERNELS_H
