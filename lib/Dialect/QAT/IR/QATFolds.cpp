// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATFolds.cpp - qat folders and canonicalization patterns -*- C++ -*-===//
//
// Cheap, semantics-preserving rewrites only. Batchnorm folding and scale
// propagation carry numerics policy and live in passes instead.
//
//===----------------------------------------------------------------------===//

#include "qat/Dialect/QAT/IR/QATOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::qat;

/// fake_quant(fake_quant(x, p), p) = fake_quant(x, p): the inner result is
/// already on the grid of p, so quantizing it again changes nothing.
OpFoldResult FakeQuantOp::fold(FoldAdaptor) {
  auto inner = getInput().getDefiningOp<FakeQuantOp>();
  if (inner && hasSameParams(inner))
    return inner.getResult();
  return {};
}

/// relu(relu(x)) = relu(x).
OpFoldResult ReluOp::fold(FoldAdaptor) {
  if (auto inner = getInput().getDefiningOp<ReluOp>())
    return inner.getResult();
  return {};
}

/// relu6(relu6(x)) = relu6(x), and relu6(relu(x)) = relu6(x).
OpFoldResult Relu6Op::fold(FoldAdaptor) {
  if (auto inner = getInput().getDefiningOp<Relu6Op>())
    return inner.getResult();
  if (auto inner = getInput().getDefiningOp<ReluOp>()) {
    getInputMutable().assign(inner.getInput());
    return getResult();
  }
  return {};
}

/// A reshape to the same type is the input; a reshape of a reshape reads the
/// first input directly.
OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto inner = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(inner.getInput());
    return getResult();
  }
  return {};
}

/// An identity permutation is the input; a transpose of a transpose is one
/// transpose of the first input, by the composed permutation.
OpFoldResult TransposeOp::fold(FoldAdaptor) {
  if (auto inner = getInput().getDefiningOp<TransposeOp>()) {
    ArrayRef<int64_t> first = inner.getPermutation();
    SmallVector<int64_t> composed;
    for (int64_t d : getPermutation())
      composed.push_back(first[d]);
    getInputMutable().assign(inner.getInput());
    setPermutation(composed);
    if (llvm::equal(composed, llvm::seq<int64_t>(0, composed.size())))
      return getInput();
    return getResult();
  }
  ArrayRef<int64_t> perm = getPermutation();
  if (getInput().getType() == getType() &&
      llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
    return getInput();
  return {};
}

namespace {
/// A matmul operand that is a transpose of its matrices' two dimensions
/// (attention's K^T) is read untransposed with adj_x or adj_y toggled: the
/// kernel reads either order, and no transpose runs.
struct AbsorbMatrixTranspose : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;

  static Value swapped(Value v) {
    auto t = v.getDefiningOp<TransposeOp>();
    if (!t)
      return {};
    ArrayRef<int64_t> perm = t.getPermutation();
    const int64_t rank = perm.size();
    for (int64_t d = 0; d < rank; ++d) {
      int64_t expected = d == rank - 1   ? rank - 2
                         : d == rank - 2 ? rank - 1
                                         : d;
      if (perm[d] != expected)
        return {};
    }
    return t.getInput();
  }

  LogicalResult matchAndRewrite(MatMulOp op,
                                PatternRewriter &rewriter) const override {
    Value lhs = swapped(op.getLhs()), rhs = swapped(op.getRhs());
    if (!lhs && !rhs)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      if (lhs) {
        op.getLhsMutable().assign(lhs);
        op.setAdjX(!op.getAdjX());
      }
      if (rhs) {
        op.getRhsMutable().assign(rhs);
        op.setAdjY(!op.getAdjY());
      }
    });
    return success();
  }
};

/// Rewrites `auto_pad` into the explicit `pad` it stands for, so later passes
/// read one form only.
template <typename WindowOp>
struct MaterializeAutoPad : OpRewritePattern<WindowOp> {
  using OpRewritePattern<WindowOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(WindowOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getAutoPad())
      return failure();
    SmallVector<int64_t, 4> pad = op.getEffectivePad();
    rewriter.modifyOpInPlace(op, [&] {
      op.removeAutoPadAttr();
      op.setPad(pad);
    });
    return success();
  }
};
} // namespace

void MatMulOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<AbsorbMatrixTranspose>(context);
}

void Conv2DOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<MaterializeAutoPad<Conv2DOp>>(context);
}

void DepthwiseConv2DOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                    MLIRContext *context) {
  results.add<MaterializeAutoPad<DepthwiseConv2DOp>>(context);
}

void MaxPool2DOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<MaterializeAutoPad<MaxPool2DOp>>(context);
}

void AvgPool2DOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<MaterializeAutoPad<AvgPool2DOp>>(context);
}
