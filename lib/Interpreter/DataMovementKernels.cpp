// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- DataMovementKernels.cpp - reshape, transpose, concat, pad, slice ---===//
//
// The same data movement in both dialects, whatever the element type.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::qat;

namespace {
/// Copies `in` into `out` at `offset` along `axis` (concat) or at per-dim
/// offsets (pad).
void copyInto(const Tensor &in, Tensor &out, ArrayRef<int64_t> offsets) {
  SmallVector<int64_t, 4> inStrides = stridesOf(in.shape);
  SmallVector<int64_t, 4> outStrides = stridesOf(out.shape);
  for (int64_t i = 0; i < in.numElements(); ++i) {
    int64_t o = 0;
    for (size_t d = 0; d < in.shape.size(); ++d)
      o += ((i / inStrides[d]) % in.shape[d] + offsets[d]) * outStrides[d];
    if (in.isFloat())
      out.floats[o] = in.floats[i];
    else
      out.ints[o] = in.ints[i];
  }
}
Tensor concatTensors(Operation *op, ArrayRef<const Tensor *> inputs,
                     int64_t axis, ElementKind kind) {
  Tensor out = Tensor::zeros(
      kind, cast<RankedTensorType>(op->getResult(0).getType()).getShape());
  SmallVector<int64_t, 4> offsets(out.shape.size(), 0);
  for (const Tensor *in : inputs) {
    copyInto(*in, out, offsets);
    offsets[axis] += in->shape[axis];
  }
  return out;
}

Tensor padTensor(Operation *op, const Tensor &in, ArrayRef<int64_t> padding,
                 float floatValue, int32_t intValue) {
  Tensor out = Tensor::zeros(
      in.kind, cast<RankedTensorType>(op->getResult(0).getType()).getShape());
  if (in.isFloat())
    std::fill(out.floats.begin(), out.floats.end(), floatValue);
  else
    std::fill(out.ints.begin(), out.ints.end(), intValue);
  SmallVector<int64_t, 4> offsets;
  for (size_t d = 0; d < in.shape.size(); ++d)
    offsets.push_back(padding[2 * d]);
  copyInto(in, out, offsets);
  return out;
}

Tensor transposeTensor(Operation *op, const Tensor &in,
                       ArrayRef<int64_t> permutation) {
  Tensor out = Tensor::zeros(
      in.kind, cast<RankedTensorType>(op->getResult(0).getType()).getShape());
  SmallVector<int64_t, 4> inStrides = stridesOf(in.shape);
  SmallVector<int64_t, 4> outStrides = stridesOf(out.shape);
  for (int64_t o = 0; o < out.numElements(); ++o) {
    // Output dimension d walks input dimension permutation[d].
    int64_t i = 0;
    for (size_t d = 0; d < out.shape.size(); ++d)
      i += ((o / outStrides[d]) % out.shape[d]) * inStrides[permutation[d]];
    if (in.isFloat())
      out.floats[o] = in.floats[i];
    else if (in.kind == ElementKind::F32)
      out.floats[o] = in.floats[i];
    else
      out.ints[o] = in.ints[i];
  }
  return out;
}

Tensor reshapeTensor(Operation *op, const Tensor &in) {
  Tensor out = in;
  ArrayRef<int64_t> shape =
      cast<RankedTensorType>(op->getResult(0).getType()).getShape();
  out.shape.assign(shape.begin(), shape.end());
  return out;
}

template <typename Op>
FailureOr<Tensor> reshape(Op op, ArrayRef<const Tensor *> args) {
  return reshapeTensor(op, *args[0]);
}

template <typename Op>
FailureOr<Tensor> transpose(Op op, ArrayRef<const Tensor *> args) {
  return transposeTensor(op, *args[0], op.getPermutation());
}

template <typename Op>
FailureOr<Tensor> concat(Op op, ArrayRef<const Tensor *> args) {
  return concatTensors(op, args, op.getAxis(), args[0]->kind);
}

template <typename SliceOp>
FailureOr<Tensor> slice(SliceOp op, ArrayRef<const Tensor *> args) {
  const Tensor &in = *args[0];
  Tensor out = Tensor::zeros(
      in.kind, cast<RankedTensorType>(op.getOutput().getType()).getShape());
  SmallVector<int64_t, 4> inStrides = stridesOf(in.shape);
  SmallVector<int64_t, 4> outStrides = stridesOf(out.shape);
  ArrayRef<int64_t> begin = op.getBegin(), strides = op.getStrides();
  for (int64_t o = 0; o < out.numElements(); ++o) {
    int64_t i = 0;
    for (size_t d = 0; d < out.shape.size(); ++d)
      i += (begin[d] + ((o / outStrides[d]) % out.shape[d]) * strides[d]) *
           inStrides[d];
    if (in.kind == ElementKind::F32)
      out.floats[o] = in.floats[i];
    else
      out.ints[o] = in.ints[i];
  }
  return out;
}

FailureOr<Tensor> qatPad(qat::PadOp op, ArrayRef<const Tensor *> args) {
  return padTensor(op, *args[0], op.getPadding(),
                   static_cast<float>(op.getValue().convertToDouble()), 0);
}

FailureOr<Tensor> qintPad(qint::PadOp op, ArrayRef<const Tensor *> args) {
  return padTensor(op, *args[0], op.getPadding(), 0.0f,
                   static_cast<int32_t>(op.getValue()));
}
} // namespace

void mlir::qat::registerDataMovementKernels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qat::QATDialect *) {
    attachKernel<qat::ReshapeOp, reshape<qat::ReshapeOp>>(ctx);
    attachKernel<qat::TransposeOp, transpose<qat::TransposeOp>>(ctx);
    attachKernel<qat::SliceOp, slice<qat::SliceOp>>(ctx);
    attachKernel<qat::ConcatOp, concat<qat::ConcatOp>>(ctx);
    attachKernel<qat::PadOp, qatPad>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachKernel<qint::ReshapeOp, reshape<qint::ReshapeOp>>(ctx);
    attachKernel<qint::TransposeOp, transpose<qint::TransposeOp>>(ctx);
    attachKernel<qint::ConcatOp, concat<qint::ConcatOp>>(ctx);
    attachKernel<qint::PadOp, qintPad>(ctx);
    attachKernel<qint::SliceOp, slice<qint::SliceOp>>(ctx);
  });
}
