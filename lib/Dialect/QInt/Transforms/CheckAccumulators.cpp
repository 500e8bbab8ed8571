//===- CheckAccumulators.cpp - int32 accumulators cannot overflow ---------===//
//
// The `qint-check-accumulators` pass; Passes.td states the bound.
//
//===----------------------------------------------------------------------===//

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Dialect/QInt/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <cstdlib>
#include <limits>

namespace mlir::qint {
#define GEN_PASS_DEF_QINTCHECKACCUMULATORSPASS
#include "qat/Dialect/QInt/Transforms/Passes.h.inc"
} // namespace mlir::qint

using namespace mlir;
using namespace mlir::qint;

namespace {
/// The integer elements of a constant tensor operand.
std::optional<SmallVector<int64_t>> constantInts(Value value) {
  auto constant = value.getDefiningOp<arith::ConstantOp>();
  auto dense = constant ? dyn_cast<DenseElementsAttr>(constant.getValue())
                        : DenseElementsAttr();
  if (!dense || !isa<IntegerType>(dense.getElementType()))
    return std::nullopt;
  SmallVector<int64_t> out;
  for (const APInt &v : dense.getValues<APInt>())
    out.push_back(v.getSExtValue());
  return out;
}

/// The values `input` can hold: the producer's clamp range, or all of int8.
std::pair<int64_t, int64_t> inputRange(Value input) {
  Operation *producer = input.getDefiningOp();
  if (producer) {
    auto lo = producer->getAttrOfType<IntegerAttr>("act_min");
    auto hi = producer->getAttrOfType<IntegerAttr>("act_max");
    if (lo && hi)
      return {lo.getInt(), hi.getInt()};
  }
  return {-128, 127};
}

template <typename LayerOp>
LogicalResult check(LayerOp op, int64_t channelAxis) {
  std::optional<SmallVector<int64_t>> weights = constantInts(op->getOperand(1));
  if (!weights)
    return op.emitOpError() << "weights are not a constant: the accumulator "
                               "bound cannot be proven";
  SmallVector<int64_t> bias;
  if (op->getNumOperands() > 2) {
    std::optional<SmallVector<int64_t>> b = constantInts(op->getOperand(2));
    if (!b)
      return op.emitOpError() << "bias is not a constant: the accumulator "
                                 "bound cannot be proven";
    bias = *b;
  }
  auto [lo, hi] = inputRange(op->getOperand(0));
  const int64_t zp = op.getInputZp();
  const int64_t maxInput = std::max(std::llabs(lo - zp), std::llabs(hi - zp));

  ArrayRef<int64_t> shape =
      cast<RankedTensorType>(op->getOperand(1).getType()).getShape();
  const int64_t channels = shape[channelAxis];
  int64_t stride = 1;
  for (size_t d = channelAxis + 1; d < shape.size(); ++d)
    stride *= shape[d];
  SmallVector<int64_t> weightSum(channels, 0);
  for (auto [i, w] : llvm::enumerate(*weights))
    weightSum[(i / stride) % channels] += std::llabs(w);

  for (int64_t c = 0; c < channels; ++c) {
    const int64_t b = bias.empty() ? 0 : std::llabs(bias[c]);
    const int64_t bound = b + weightSum[c] * maxInput;
    if (bound > std::numeric_limits<int32_t>::max())
      return op.emitOpError()
             << "int32 accumulator of output channel " << c << " can reach "
             << bound << " (bias " << b << " + weights " << weightSum[c]
             << " x input range " << maxInput << ")";
  }
  return success();
}

struct CheckAccumulatorsPass
    : qint::impl::QIntCheckAccumulatorsPassBase<CheckAccumulatorsPass> {
  void runOnOperation() override {
    bool failedAny = false;
    getOperation().walk([&](Operation *op) {
      LogicalResult result = success();
      if (auto conv = dyn_cast<Conv2DOp>(op))
        result = check(conv, 0);
      else if (auto dw = dyn_cast<DepthwiseConv2DOp>(op))
        result = check(dw, 3);
      else if (auto fc = dyn_cast<FullyConnectedOp>(op))
        result = check(fc, 0);
      failedAny |= failed(result);
    });
    if (failedAny)
      signalPassFailure();
    markAllAnalysesPreserved();
  }
};
} // namespace
