// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Kernels.h - the interpreter's kernels, by op family ------*- C++ -*-===//
//
// Private to lib/Interpreter. Each *Kernels.cpp holds one op family's
// semantics in both dialects and attaches them as external models of
// InterpretableOpInterface; this header holds what the families share.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_LIB_INTERPRETER_KERNELS_H
#define QAT_LIB_INTERPRETER_KERNELS_H

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Operation.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Interpreter/Interpreter.h"
#include "qat/Interpreter/Tensor.h"
#include "qat/Numerics/Requantization.h"

#include <cstdlib>
#include <limits>

namespace mlir::qat {

/// The kernel of `Op`: `Fn` computes its result from its operands.
template <typename Op, FailureOr<Tensor> (*Fn)(Op, ArrayRef<const Tensor *>)>
struct KernelModel
    : InterpretableOpInterface::ExternalModel<KernelModel<Op, Fn>, Op> {
  FailureOr<Tensor> interpret(Operation *op,
                              ArrayRef<const Tensor *> operands) const {
    return Fn(cast<Op>(op), operands);
  }
};

/// Attaches `Fn` as `Op`'s kernel.
template <typename Op, FailureOr<Tensor> (*Fn)(Op, ArrayRef<const Tensor *>)>
void attachKernel(MLIRContext *context) {
  Op::template attachInterface<KernelModel<Op, Fn>>(*context);
}

// The families (one file each).
void registerLayerKernels(DialectRegistry &registry);
void registerElementwiseKernels(DialectRegistry &registry);
void registerPoolingKernels(DialectRegistry &registry);
void registerSoftmaxKernels(DialectRegistry &registry);
void registerDataMovementKernels(DialectRegistry &registry);
void registerRecurrentKernels(DialectRegistry &registry);
void registerMatMulKernels(DialectRegistry &registry);
void registerNormalizationKernels(DialectRegistry &registry);

/// A zero tensor of `op`'s result type: float for qat, integers for qint.
Tensor resultTensor(Operation *op);

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

/// An int32 value from its exact int64 value, or an error at `op` naming
/// output `index` (an accumulator or a centred input leaving int32).
FailureOr<int32_t> checkedAccumulator(Operation *op, int64_t acc,
                                      ArrayRef<int64_t> index);

/// The output stage of a requantizing kernel. An int16 layer without an
/// int32 bias accumulates in int64 and rescales with the 64-bit multiply.
struct OutputStage {
  int32_t outputZp;
  ArrayRef<int32_t> multiplier, shift;
  int32_t actMin, actMax;
  numerics::Rounding rounding;
  bool int64Accumulator = false;

  /// The output for accumulator `acc` (already checked against its
  /// width), or an error at `op` naming output `index` when the rescale or
  /// the zero point's addition leaves int32 (quant_c7): the kernels would
  /// wrap there.
  FailureOr<int32_t> apply(Operation *op, int64_t acc, int64_t channel,
                           ArrayRef<int64_t> index) const {
    size_t c = multiplier.size() == 1 ? 0 : channel;
    int64_t scaled;
    if (int64Accumulator) {
      scaled = numerics::multiplyByQuantizedMultiplier64(acc, multiplier[c],
                                                         shift[c]);
    } else {
      // The rescale is computable for acc when it is for |acc|.
      if (!numerics::requantizedBound(std::abs(acc), multiplier[c], shift[c],
                                      rounding))
        return outOfRange(op, index, acc);
      scaled = numerics::multiplyByQuantizedMultiplier(
          static_cast<int32_t>(acc), multiplier[c], shift[c], rounding);
    }
    const int64_t withZp = scaled + outputZp;
    if (withZp < std::numeric_limits<int32_t>::min() ||
        withZp > std::numeric_limits<int32_t>::max())
      return outOfRange(op, index, acc);
    return numerics::clampTo(static_cast<int32_t>(withZp), actMin, actMax);
  }

private:
  static LogicalResult outOfRange(Operation *op, ArrayRef<int64_t> index,
                                  int64_t acc) {
    InFlightDiagnostic diag = op->emitOpError()
                              << "output stage leaves int32 at output [";
    llvm::interleaveComma(index, diag);
    return diag << "]: the value it rescales is " << acc << " [quant_c7]";
  }
};

template <typename Op>
OutputStage outputStage(Op op) {
  return {static_cast<int32_t>(op.getOutputZp()),
          op.getMultiplier(),
          op.getShift(),
          static_cast<int32_t>(op.getActMin()),
          static_cast<int32_t>(op.getActMax()),
          qint::toNumerics(op.getRounding())};
}

/// The output stage of a layer, knowing its accumulator from its input and
/// bias types.
template <typename Op>
OutputStage layerStage(Op op, Value input, Value bias) {
  OutputStage stage = outputStage(op);
  stage.int64Accumulator = qint::hasInt64Accumulator(input, bias);
  return stage;
}

} // namespace mlir::qat

#endif // QAT_LIB_INTERPRETER_KERNELS_H
