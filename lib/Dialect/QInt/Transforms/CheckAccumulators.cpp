// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
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

/// The values `input` can hold: what its producing kernel can write, or
/// all of its element type.
std::pair<int64_t, int64_t> inputRange(Value input) {
  if (auto producer = input.getDefiningOp<KernelOpInterface>())
    return producer.getOutputRange();
  if (cast<RankedTensorType>(input.getType()).getElementType().isInteger(16))
    return {-32768, 32767};
  return {-128, 127};
}

constexpr int64_t kInt64AccumulatorLimit = (int64_t(1) << 47) - 1;

/// The largest |output| before the clamp of an int64-accumulator layer's
/// channel whose |acc| <= bound: TFLite's 64-bit rescale, rounded up.
int64_t rescaledBound(int64_t bound, int32_t multiplier, int32_t shift) {
  const int64_t reduced = multiplier < 0x7FFF0000
                              ? (int64_t(multiplier) + (1 << 15)) >> 16
                              : 0x7FFF;
  const int64_t total = 15 - shift;
  return ((bound * reduced) >> total) + 1;
}

/// One output channel's worst case: |bias| + sum |weights| x the largest
/// |input - zp|.
struct ChannelBound {
  int64_t bias, weights, input;
  int64_t value() const { return bias + weights * input; }
};

/// Per output channel, with the operand that is not a constant named in
/// `missing`.
FailureOr<SmallVector<ChannelBound>> channelBounds(LayerOpInterface op,
                                                   std::string &missing) {
  const int64_t channelAxis = op.getOutputChannelAxis();
  const int64_t inputZp = op.getLayerInputZp();
  ArrayRef<int64_t> shape =
      cast<RankedTensorType>(op.getLayerWeights().getType()).getShape();
  const int64_t channels = shape[channelAxis];
  // A splat weight sums to |w| x (weights per channel): constant work.
  std::optional<SmallVector<int64_t>> weights;
  auto constant = op.getLayerWeights().getDefiningOp<arith::ConstantOp>();
  auto dense = constant ? dyn_cast<DenseElementsAttr>(constant.getValue())
                        : DenseElementsAttr();
  if (dense && dense.isSplat() && isa<IntegerType>(dense.getElementType()))
    weights = SmallVector<int64_t>{dense.getSplatValue<APInt>().getSExtValue()};
  else
    weights = constantInts(op.getLayerWeights());
  if (!weights) {
    missing = "weights are";
    return failure();
  }
  SmallVector<int64_t> bias;
  if (Value layerBias = op.getLayerBias()) {
    std::optional<SmallVector<int64_t>> b = constantInts(layerBias);
    if (!b) {
      missing = "bias is";
      return failure();
    }
    bias = *b;
  }
  auto [lo, hi] = inputRange(op.getLayerInput());
  const int64_t maxInput =
      std::max(std::llabs(lo - inputZp), std::llabs(hi - inputZp));
  int64_t stride = 1;
  for (size_t d = channelAxis + 1; d < shape.size(); ++d)
    stride *= shape[d];
  SmallVector<int64_t> weightSum(channels, 0);
  if (weights->size() == 1 && dense && dense.isSplat()) {
    int64_t perChannel =
        dense.getNumElements() / std::max<int64_t>(channels, 1);
    for (int64_t &sum : weightSum)
      sum = std::llabs(weights->front()) * perChannel;
  } else {
    for (auto [i, w] : llvm::enumerate(*weights))
      weightSum[(i / stride) % channels] += std::llabs(w);
  }
  SmallVector<ChannelBound> bounds;
  for (int64_t c = 0; c < channels; ++c)
    bounds.push_back(
        {bias.empty() ? 0 : std::llabs(bias[c]), weightSum[c], maxInput});
  return bounds;
}

/// Proves a layer's accumulators (when `accumulators`) and its output stage
/// (quant_c7). Without the accumulator proof, the output stage is proven
/// for any accumulator the kernel can hold: the channel's bound capped at
/// the accumulator's width.
LogicalResult check(LayerOpInterface op, bool accumulators) {
  std::string missing;
  FailureOr<SmallVector<ChannelBound>> bounds = channelBounds(op, missing);
  if (failed(bounds) && !accumulators)
    return success(); // the emitters refuse non-constant weights
  if (failed(bounds))
    return op->emitOpError() << missing << " not a constant: the "
                             << "accumulator bound cannot be proven";
  const bool int64Accumulator = op.accumulatesInInt64();
  ArrayRef<int32_t> multiplier = op.getLayerMultiplier();
  ArrayRef<int32_t> shift = op.getLayerShift();
  const int64_t outputZp = op.getLayerOutputZp();
  const Rounding rounding = op.getLayerRounding();
  const int64_t limit = accumulatorLimit(op);
  for (auto [c, b] : llvm::enumerate(*bounds)) {
    if (accumulators && b.value() > limit)
      return op->emitOpError()
             << (int64Accumulator ? "int64 accumulator of output channel "
                                  : "int32 accumulator of output channel ")
             << c << " can reach " << b.value() << " (bias " << b.bias
             << " + weights " << b.weights << " x input range " << b.input
             << ")" << (int64Accumulator ? ", above 2^47 - 1" : "");
    size_t k = multiplier.size() == 1 ? 0 : c;
    const int64_t bound = std::min(b.value(), limit);
    if (!int64Accumulator) {
      // quant_c7
      if (failed(verifyRescaleBound(
              op, "the int32 accumulator of output channel " + Twine(c), bound,
              multiplier[k], shift[k], rounding, outputZp)))
        return failure();
      continue;
    }
    int64_t scaled = rescaledBound(bound, multiplier[k], shift[k]);
    if (scaled + std::llabs(outputZp) > std::numeric_limits<int32_t>::max())
      return op->emitOpError()
             << "rescaled int64 accumulator of output channel " << c
             << " can reach " << scaled << " (accumulator bound " << bound
             << "), beyond int32 with output_zp " << outputZp;
  }
  return success();
}

/// An LSTM's eight gate accumulators per unit (input and recurrent
/// products of each gate) and their rescale to int16 (quant_c7).
LogicalResult checkLstm(LstmOp op, bool accumulators) {
  std::optional<SmallVector<int64_t>> wx = constantInts(op.getInputWeights()),
                                      wh = constantInts(
                                          op.getRecurrentWeights()),
                                      bias = constantInts(op.getBias());
  if (!wx || !wh || !bias) {
    if (!accumulators)
      return success(); // the emitters refuse non-constant weights
    return op.emitOpError() << "weights and bias must be constants: the "
                               "accumulator bound cannot be proven";
  }
  qat::numerics::LstmParams p = op.getLstmParams();
  const int64_t units = p.hiddenSize;
  auto [lo, hi] = inputRange(op.getInput());
  const int64_t maxInput =
      std::max(std::llabs(lo - p.inputZp), std::llabs(hi - p.inputZp));
  // The hidden state is any value of the output type.
  auto [hlo, hhi] = p.int16 ? std::pair<int64_t, int64_t>{-32768, 32767}
                            : std::pair<int64_t, int64_t>{-128, 127};
  const int64_t maxHidden =
      std::max(std::llabs(hlo - p.outputZp), std::llabs(hhi - p.outputZp));
  const int64_t limit =
      p.int16 ? kInt64AccumulatorLimit : std::numeric_limits<int32_t>::max();
  static const char *kGate[] = {"input", "forget", "cell", "output"};
  for (int64_t row = 0; row < 4 * units; ++row) {
    const int g = static_cast<int>(row / units);
    int64_t sumX = 0, sumH = 0;
    for (int64_t k = 0; k < p.inputSize; ++k)
      sumX += std::llabs((*wx)[row * p.inputSize + k]);
    for (int64_t k = 0; k < units; ++k)
      sumH += std::llabs((*wh)[row * units + k]);
    struct Product {
      const char *what;
      int64_t bound;
      qat::numerics::QuantizedMultiplier m;
    };
    for (Product pr :
         {Product{"input", std::llabs((*bias)[row]) + sumX * maxInput,
                  p.input[g]},
          Product{"recurrent", sumH * maxHidden, p.recurrent[g]}}) {
      Twine what = Twine(pr.what) + " accumulator of the " + kGate[g] +
                   " gate's unit " + Twine(row % units);
      if (accumulators && pr.bound > limit)
        return op.emitOpError()
               << what << " can reach " << pr.bound << ", above "
               << (p.int16 ? "2^47 - 1" : "the int32 range");
      const int64_t bound = std::min(pr.bound, limit);
      if (!p.int16) {
        if (failed(verifyRescaleBound(op, "the " + what, bound, pr.m.multiplier,
                                      pr.m.shift, op.getRounding(), 0)))
          return failure();
      } else if (rescaledBound(bound, pr.m.multiplier, pr.m.shift) >
                 std::numeric_limits<int32_t>::max()) {
        return op.emitOpError()
               << "the rescaled " << what << " can reach "
               << rescaledBound(bound, pr.m.multiplier, pr.m.shift)
               << ", beyond int32";
      }
    }
  }
  return success();
}

/// A GRU's six gate accumulators per unit (input and recurrent products of
/// each gate, each with its bias) and their rescale to int16 (quant_c7).
LogicalResult checkGru(GruOp op, bool accumulators) {
  std::optional<SmallVector<int64_t>> wx = constantInts(op.getInputWeights()),
                                      wh = constantInts(
                                          op.getRecurrentWeights()),
                                      bx = constantInts(op.getInputBias()),
                                      bh = constantInts(op.getRecurrentBias());
  if (!wx || !wh || !bx || !bh) {
    if (!accumulators)
      return success();
    return op.emitOpError() << "weights and biases must be constants: the "
                               "accumulator bound cannot be proven";
  }
  qat::numerics::GruParams p = op.getGruParams();
  const int64_t units = p.hiddenSize;
  auto [lo, hi] = inputRange(op.getInput());
  const int64_t maxInput =
      std::max(std::llabs(lo - p.inputZp), std::llabs(hi - p.inputZp));
  const int64_t maxHidden =
      std::max(std::llabs(-128 - p.outputZp), std::llabs(127 - p.outputZp));
  static const char *kGate[] = {"reset", "update", "new"};
  for (int64_t row = 0; row < 3 * units; ++row) {
    const int g = static_cast<int>(row / units);
    int64_t sumX = 0, sumH = 0;
    for (int64_t k = 0; k < p.inputSize; ++k)
      sumX += std::llabs((*wx)[row * p.inputSize + k]);
    for (int64_t k = 0; k < units; ++k)
      sumH += std::llabs((*wh)[row * units + k]);
    struct Product {
      const char *what;
      int64_t bound;
      qat::numerics::QuantizedMultiplier m;
    };
    for (Product pr :
         {Product{"input", std::llabs((*bx)[row]) + sumX * maxInput,
                  p.input[g]},
          Product{"recurrent", std::llabs((*bh)[row]) + sumH * maxHidden,
                  p.recurrent[g]}}) {
      Twine what = Twine(pr.what) + " accumulator of the " + kGate[g] +
                   " gate's unit " + Twine(row % units);
      const int64_t limit = std::numeric_limits<int32_t>::max();
      if (accumulators && pr.bound > limit)
        return op.emitOpError() << what << " can reach " << pr.bound
                                << ", above the int32 range";
      if (failed(verifyRescaleBound(op, "the " + what,
                                    std::min(pr.bound, limit), pr.m.multiplier,
                                    pr.m.shift, op.getRounding(), 0)))
        return failure();
    }
  }
  return success();
}

/// quant_c7 for a requantization of a constant int32 tensor: its values are
/// known. (An int32 argument's are not; qat-run checks them per element.)
LogicalResult checkRequantize(RequantizeOp op) {
  std::optional<SmallVector<int64_t>> values = constantInts(op.getInput());
  if (!values || !cast<RankedTensorType>(op.getInput().getType())
                      .getElementType()
                      .isInteger(32))
    return success();
  int64_t bound = 0;
  for (int64_t v : *values)
    bound = std::max<int64_t>(bound, std::llabs(v - op.getInputZp()));
  if (bound > std::numeric_limits<int32_t>::max())
    return op.emitOpError() << "the centred input can reach " << bound
                            << ", beyond int32 [quant_c7]";
  for (auto [m, s] : llvm::zip(op.getMultiplier(), op.getShift()))
    if (failed(verifyRescaleBound(op, "the centred input", bound, m, s,
                                  op.getRounding(), op.getOutputZp())))
      return failure();
  return success();
}
} // namespace

std::optional<int64_t> mlir::qint::accumulatorBound(Operation *op) {
  auto layer = dyn_cast<LayerOpInterface>(op);
  if (!layer)
    return std::nullopt;
  std::string missing;
  FailureOr<SmallVector<ChannelBound>> bounds = channelBounds(layer, missing);
  if (failed(bounds))
    return std::nullopt;
  int64_t worst = 0;
  for (const ChannelBound &b : *bounds)
    worst = std::max(worst, b.value());
  return worst;
}

int64_t mlir::qint::accumulatorLimit(Operation *op) {
  return cast<LayerOpInterface>(op).accumulatesInInt64()
             ? kInt64AccumulatorLimit
             : std::numeric_limits<int32_t>::max();
}

namespace {
LogicalResult checkAll(Operation *root, bool accumulators) {
  bool failedAny = false;
  root->walk([&](Operation *op) {
    if (auto requantize = dyn_cast<RequantizeOp>(op))
      failedAny |= failed(checkRequantize(requantize));
    else if (auto layer = dyn_cast<LayerOpInterface>(op))
      failedAny |= failed(check(layer, accumulators));
    else if (auto lstm = dyn_cast<LstmOp>(op))
      failedAny |= failed(checkLstm(lstm, accumulators));
    else if (auto gru = dyn_cast<GruOp>(op))
      failedAny |= failed(checkGru(gru, accumulators));
  });
  return failure(failedAny);
}

struct CheckAccumulatorsPass
    : qint::impl::QIntCheckAccumulatorsPassBase<CheckAccumulatorsPass> {
  void runOnOperation() override {
    if (failed(checkAll(getOperation(), /*accumulators=*/true)))
      signalPassFailure();
    markAllAnalysesPreserved();
  }
};
} // namespace

LogicalResult mlir::qint::checkOutputStages(Operation *root) {
  return checkAll(root, /*accumulators=*/false);
}
