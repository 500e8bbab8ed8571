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

namespace {
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
