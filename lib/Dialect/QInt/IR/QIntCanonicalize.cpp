// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QIntCanonicalize.cpp - qint canonicalization patterns --------------===//
//
// Exact rewrites only: every pattern here leaves each output byte as it
// was, which test/Dialect/QInt/canonicalize.test checks on every int8 input.
//
//===----------------------------------------------------------------------===//

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Requantization.h"

#include "mlir/IR/PatternMatch.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::qint;
namespace nx = mlir::qat::numerics;

namespace {
/// The discardable attribute with which the compiler marks the qint op
/// computing a tensor the per-layer report follows (qat/Compiler).
constexpr StringLiteral kReportMark = "qat.report";

/// Whether `op` is a requantize that only clamps its int8 input to
/// [act_min, act_max]: per tensor, multiplier 2^30 with shift 1 (exactly 1.0
/// in both rounding modes) and equal zero points.
bool isClamp(RequantizeOp op) {
  return !op.getAxis() && op.getMultiplier().size() == 1 &&
         cast<RankedTensorType>(op.getInput().getType())
             .getElementType()
             .isInteger(8) &&
         op.getMultiplier()[0] == (1 << 30) && op.getShift()[0] == 1 &&
         op.getInputZp() == op.getOutputZp();
}

/// requantize(requantize(x) that only clamps) -> one requantize of x. The
/// inner op maps v to clamp(v, lo, hi) (multiplier 2^30 with shift 1 is
/// exactly 1.0 in both rounding modes, and its zero points are equal); the
/// outer op's rescale f(v) = MultiplyByQuantizedMultiplier(v - zp, m, s) +
/// zp' is non-decreasing for m >= 0, so f(clamp(v, lo, hi)) = clamp(f(v),
/// f(lo), f(hi)) and the two clamps merge.
struct FoldClampIntoRequantize : OpRewritePattern<RequantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(RequantizeOp outer,
                                PatternRewriter &rewriter) const override {
    auto inner = outer.getInput().getDefiningOp<RequantizeOp>();
    if (!inner || outer.getAxis() || outer.getMultiplier().size() != 1)
      return rewriter.notifyMatchFailure(outer, "not two per-tensor ops");
    if (!isClamp(inner) || outer.getInputZp() != inner.getOutputZp())
      return rewriter.notifyMatchFailure(outer, "the inner op is no clamp");
    nx::Rounding rounding = outer.getRounding() == Rounding::single_round
                                ? nx::Rounding::Single
                                : nx::Rounding::Double;
    auto f = [&](int64_t v) {
      return static_cast<int64_t>(nx::multiplyByQuantizedMultiplier(
                 static_cast<int32_t>(v - outer.getInputZp()),
                 outer.getMultiplier()[0], outer.getShift()[0], rounding)) +
             outer.getOutputZp();
    };
    int64_t lo = std::max<int64_t>(outer.getActMin(), f(inner.getActMin()));
    int64_t hi = std::min<int64_t>(outer.getActMax(), f(inner.getActMax()));
    if (lo > hi)
      return rewriter.notifyMatchFailure(outer, "the merged range is empty");
    rewriter.modifyOpInPlace(outer, [&] {
      outer.getInputMutable().assign(inner.getInput());
      outer.setActMin(lo);
      outer.setActMax(hi);
    });
    return success();
  }
};
/// op(...) then a requantize that only clamps -> op with the narrower
/// activation range, when nothing else reads op's result. Each of these ops
/// ends with clamp(v, act_min, act_max) on its int8 result, and two clamps
/// compose into one over the intersection of their ranges (a ReLU PyTorch
/// leaves unobserved after a residual add or a convolution).
template <typename ProducerOp>
struct FoldClampIntoProducer : OpRewritePattern<RequantizeOp> {
  using OpRewritePattern<RequantizeOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(RequantizeOp clamp,
                                PatternRewriter &rewriter) const override {
    auto producer = clamp.getInput().template getDefiningOp<ProducerOp>();
    if (!producer || !isClamp(clamp) || !producer->hasOneUse() ||
        producer.getType() != clamp.getType())
      return rewriter.notifyMatchFailure(clamp, "no clamp of a sole use");
    int64_t lo = std::max(producer.getActMin(), clamp.getActMin());
    int64_t hi = std::min(producer.getActMax(), clamp.getActMax());
    if (lo > hi)
      return rewriter.notifyMatchFailure(clamp, "the merged range is empty");
    rewriter.modifyOpInPlace(producer, [&] {
      producer.setActMin(lo);
      producer.setActMax(hi);
      // The producer's own (unclamped) tensor is gone; what the per-layer
      // report's marker says of the clamp's result now holds of its result.
      if (Attribute mark = clamp->getAttr(kReportMark))
        producer->setAttr(kReportMark, mark);
      else
        producer->removeAttr(kReportMark);
    });
    rewriter.replaceOp(clamp, producer->getResults());
    return success();
  }
};

/// transpose -> reshape when the permutation moves only dimensions of size
/// 1: the elements keep their row-major order (an NCHW image with one
/// channel is already NHWC), and a qint.reshape costs nothing.
struct TransposeKeepingOrder : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    ArrayRef<int64_t> in =
        cast<RankedTensorType>(op.getInput().getType()).getShape();
    int64_t previous = -1;
    for (int64_t d : op.getPermutation()) {
      if (in[d] == 1)
        continue;
      if (d < previous)
        return rewriter.notifyMatchFailure(op, "the order of elements changes");
      previous = d;
    }
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(), op.getInput());
    return success();
  }
};
} // namespace

void TransposeOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                              MLIRContext *context) {
  patterns.add<TransposeKeepingOrder>(context);
}

void RequantizeOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                               MLIRContext *context) {
  patterns.add<FoldClampIntoRequantize, FoldClampIntoProducer<Conv2DOp>,
               FoldClampIntoProducer<DepthwiseConv2DOp>,
               FoldClampIntoProducer<FullyConnectedOp>,
               FoldClampIntoProducer<AddOp>, FoldClampIntoProducer<MulOp>,
               FoldClampIntoProducer<AvgPool2DOp>,
               FoldClampIntoProducer<MaxPool2DOp>>(context);
}
