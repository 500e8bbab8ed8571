// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- FoldBatchNorm.cpp - fold batch_norm into the producing layer -------===//
//
// The `qat-fold-batchnorm` pass; its description in Passes.td states the
// folding rules and their accuracy consequences.
//
//===----------------------------------------------------------------------===//

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QAT/IR/QATUtils.h"
#include "qat/Dialect/QAT/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

#include <cmath>
#include <limits>

namespace mlir::qat {
#define GEN_PASS_DEF_QATFOLDBATCHNORMPASS
#include "qat/Dialect/QAT/Transforms/Passes.h.inc"
} // namespace mlir::qat

using namespace mlir;
using namespace mlir::qat;

namespace {
/// A batch_norm and the chain that feeds it: layer -> [mul s] -> [add b] -> bn.
struct FoldChain {
  BatchNormOp batchNorm;
  Operation *layer = nullptr;
  MulOp mul;
  AddOp add;
  SmallVector<double> scale; // s (ones without a mul)
  SmallVector<double> shift; // b (zeros without an add)
};

/// The per-channel constant operand of a broadcasting mul/add on `chain`.
std::optional<SmallVector<double>> channelConstant(Operation *op, Value chain) {
  Value other =
      op->getOperand(0) == chain ? op->getOperand(1) : op->getOperand(0);
  if (cast<RankedTensorType>(other.getType()).getRank() != 1)
    return std::nullopt;
  return getConstantFloats(other);
}

/// Finds the chain of `bn`, or emits an error saying why it cannot be folded.
FailureOr<FoldChain> findChain(BatchNormOp bn) {
  FoldChain chain;
  chain.batchNorm = bn;
  int64_t channels = cast<RankedTensorType>(bn.getType()).getShape().back();
  chain.scale.assign(channels, 1.0);
  chain.shift.assign(channels, 0.0);

  Value value = bn.getInput();
  auto requireSingleUse = [&](Operation *op) -> LogicalResult {
    if (op->getResult(0).hasOneUse())
      return success();
    return bn.emitOpError()
           << "cannot be folded: the '" << op->getName()
           << "' between it and the layer has other users, which folding "
              "would change";
  };
  if (auto add = value.getDefiningOp<AddOp>()) {
    std::optional<SmallVector<double>> b = channelConstant(add, add.getLhs());
    if (!b)
      return bn.emitOpError() << "cannot be folded: its input is a 'qat.add' "
                                 "that does not add a per-channel constant";
    if (failed(requireSingleUse(add)))
      return failure();
    chain.add = add;
    chain.shift = *b;
    value = add.getLhs();
  }
  if (auto mul = value.getDefiningOp<MulOp>()) {
    std::optional<SmallVector<double>> s = channelConstant(mul, mul.getLhs());
    if (!s)
      return bn.emitOpError() << "cannot be folded: the 'qat.mul' before it "
                                 "does not scale by a per-channel constant";
    if (failed(requireSingleUse(mul)))
      return failure();
    chain.mul = mul;
    chain.scale = *s;
    value = mul.getLhs();
  } else if (chain.add) {
    // An add without a mul is not PyTorch's form; it is just a producer.
    return bn.emitOpError() << "cannot be folded: its input comes from a "
                               "'qat.add', not from a conv2d, "
                               "depthwise_conv2d or fully_connected";
  }
  Operation *layer = value.getDefiningOp();
  if (!isa_and_nonnull<LayerOpInterface>(layer))
    return bn.emitOpError()
           << "cannot be folded: its input comes from "
           << (layer ? "'" + layer->getName().getStringRef().str() + "'"
                     : std::string("a function argument"))
           << ", not from a conv2d, depthwise_conv2d or fully_connected";
  if (!layer->getResult(0).hasOneUse())
    return bn.emitOpError()
           << "cannot be folded: the producing '" << layer->getName()
           << "' has other users, which folding would change";
  chain.layer = layer;
  return chain;
}

/// The scaled fake-quant parameters of a weight fake_quant, or failure.
/// `k` is the per-channel factor along the output-channel axis.
LogicalResult scaleWeightFakeQuant(FakeQuantOp fq, ArrayRef<double> k,
                                   int64_t axis, ArrayRef<double> folded,
                                   BatchNormOp bn, OpBuilder &builder) {
  if (fq.getAxis() && *fq.getAxis() != axis)
    return bn.emitOpError()
           << "cannot be folded: the weights are fake-"
              "quantized along axis "
           << *fq.getAxis() << ", not along the output channels (axis " << axis
           << ")";
  if (fq.getAxis()) {
    // Per axis: each channel's grid scales with its factor.
    if (fq.isMinMaxForm()) {
      SmallVector<double> min, max;
      for (auto [c, factor] : llvm::enumerate(k)) {
        double lo = (*fq.getMin())[c] * factor, hi = (*fq.getMax())[c] * factor;
        min.push_back(factor < 0 ? hi : lo);
        max.push_back(factor < 0 ? lo : hi);
      }
      fq.setMin(min);
      fq.setMax(max);
      return success();
    }
    SmallVector<double> scale;
    SmallVector<int64_t> zeroPoint;
    int64_t qmin = *fq.getQuantMin(), qmax = *fq.getQuantMax();
    for (auto [c, factor] : llvm::enumerate(k)) {
      scale.push_back((*fq.getScale())[c] * std::fabs(factor));
      int64_t zp = (*fq.getZeroPoint())[c];
      // A negative factor mirrors the levels: q -> qmin + qmax - q.
      zeroPoint.push_back(factor < 0 ? qmin + qmax - zp : zp);
    }
    fq.setScale(scale);
    fq.setZeroPoint(zeroPoint);
    return success();
  }
  // Per tensor: no exact rescaling exists; re-derive from the folded values.
  double lo = 0, hi = 0, absMax = 0;
  for (double w : folded) {
    lo = std::min(lo, w);
    hi = std::max(hi, w);
    absMax = std::max(absMax, std::fabs(w));
  }
  if (absMax == 0)
    absMax = hi = 1.0; // all-zero weights: any range quantizes them to 0
  bn.emitWarning()
      << "folded into per-tensor fake-quantized weights: their range was "
         "re-derived from the folded weights, so the deployed weights differ "
         "from the ones training saw (fake-quantize the weights per channel, "
         "or train in PyTorch's fused ConvBn form, to keep them exact)";
  if (fq.isMinMaxForm()) {
    fq.setMin(ArrayRef<double>{lo});
    fq.setMax(ArrayRef<double>{hi});
    return success();
  }
  int64_t qmin = *fq.getQuantMin(), qmax = *fq.getQuantMax();
  if (qmin == -qmax && (*fq.getZeroPoint())[0] == 0) {
    fq.setScale(ArrayRef<double>{absMax / qmax});
    return success();
  }
  double scale = (hi - lo) / static_cast<double>(qmax - qmin);
  int64_t zp = static_cast<int64_t>(std::round(qmin - lo / scale));
  fq.setScale(ArrayRef<double>{scale});
  fq.setZeroPoint(ArrayRef<int64_t>{std::clamp(zp, qmin, qmax)});
  return success();
}

/// Returns the weights of the folded layer: unchanged when every factor is
/// one, otherwise scaled (with their fake-quant adjusted).
FailureOr<Value> foldedWeights(Value weights, ArrayRef<double> k, int64_t axis,
                               BatchNormOp bn, OpBuilder &builder) {
  if (llvm::all_of(k, [](double f) { return std::fabs(f - 1.0) <= 1e-5; }))
    return weights;
  auto fq = weights.getDefiningOp<FakeQuantOp>();
  Value raw = fq ? fq.getInput() : weights;
  std::optional<SmallVector<double>> values = getConstantFloats(raw);
  if (!values)
    return bn.emitOpError() << "cannot be folded: the layer's weights are not "
                               "a constant (or a fake_quant of one)";
  if ((fq && !fq->hasOneUse()) || !raw.hasOneUse())
    return bn.emitOpError() << "cannot be folded: the layer's weights are "
                               "shared with other ops, which folding would "
                               "change";
  ArrayRef<int64_t> shape = cast<RankedTensorType>(raw.getType()).getShape();
  int64_t stride = 1;
  for (int64_t d = axis + 1; d < static_cast<int64_t>(shape.size()); ++d)
    stride *= shape[d];
  SmallVector<double> folded(*values);
  for (size_t i = 0; i < folded.size(); ++i)
    folded[i] *= k[(i / stride) % shape[axis]];

  builder.setInsertionPoint(raw.getDefiningOp());
  Value scaled = createFloatConstant(builder, raw.getLoc(), shape, folded);
  if (!fq)
    return scaled;
  if (failed(scaleWeightFakeQuant(fq, k, axis, folded, bn, builder)))
    return failure();
  fq.getInputMutable().assign(scaled);
  return weights;
}

LogicalResult fold(FoldChain &chain) {
  BatchNormOp bn = chain.batchNorm;
  std::optional<SmallVector<double>> gamma = getConstantFloats(bn.getGamma()),
                                     beta = getConstantFloats(bn.getBeta()),
                                     mean = getConstantFloats(bn.getMean()),
                                     var = getConstantFloats(bn.getVariance());
  if (!gamma || !beta || !mean || !var)
    return bn.emitOpError() << "cannot be folded: gamma, beta, mean and "
                               "variance must be constants";
  auto layer = cast<LayerOpInterface>(chain.layer);
  Value layerBias = layer.getLayerBias();
  SmallVector<double> convBias(gamma->size(), 0.0);
  if (layerBias) {
    std::optional<SmallVector<double>> cb = getConstantFloats(layerBias);
    if (!cb)
      return bn.emitOpError() << "cannot be folded: the layer's bias is not a "
                                 "constant";
    convBias = *cb;
  }

  const double epsilon = bn.getEpsilon().convertToDouble();
  // Every statistic must give a finite folded layer: a negative variance,
  // or one that epsilon does not make positive, has no square root.
  for (size_t c = 0; c < gamma->size(); ++c) {
    double sum = (*var)[c] + epsilon;
    if (!(sum > 0) || !std::isfinite(sum))
      return bn.emitOpError()
             << "cannot be folded: channel " << c << " has variance "
             << (*var)[c] << " and epsilon " << epsilon
             << "; variance + epsilon must be positive and finite";
    for (auto [name, values] :
         {std::pair<StringRef, ArrayRef<double>>{"gamma", *gamma},
          {"beta", *beta},
          {"mean", *mean},
          {"bias", convBias}})
      if (!std::isfinite(values[c]))
        return bn.emitOpError() << "cannot be folded: channel " << c << " has "
                                << name << " " << values[c];
  }
  SmallVector<double> k, bias;
  for (size_t c = 0; c < gamma->size(); ++c) {
    double g = (*gamma)[c] / std::sqrt((*var)[c] + epsilon);
    // The folded layer computes in float32: a factor outside its normal
    // range flushes the channel's weights to zero or infinity, which no
    // later diagnostic could explain.
    float narrowed = static_cast<float>(g);
    if (g != 0 && (!std::isfinite(narrowed) ||
                   std::fabs(narrowed) < std::numeric_limits<float>::min()))
      return bn.emitOpError()
             << "cannot be folded: channel " << c
             << " scales its layer by gamma / sqrt(variance + epsilon) = " << g
             << " (gamma " << (*gamma)[c] << ", variance " << (*var)[c]
             << ", epsilon " << epsilon << "), outside float32's normal range";
    k.push_back(chain.scale[c] * g);
    bias.push_back(
        (convBias[c] * chain.scale[c] + chain.shift[c] - (*mean)[c]) * g +
        (*beta)[c]);
  }

  OpBuilder builder(layer);
  FailureOr<Value> weights = foldedWeights(
      layer.getLayerWeights(), k, layer.getOutputChannelAxis(), bn, builder);
  if (failed(weights))
    return failure();

  builder.setInsertionPoint(layer);
  Value newBias = createFloatConstant(
      builder, bn.getLoc(), {static_cast<int64_t>(bias.size())}, bias);
  Operation *folded = builder.clone(*layer);
  folded->setOperand(layer.getLayerWeightsOperandNumber(), *weights);
  if (layerBias)
    folded->setOperand(layer.getLayerBiasOperandNumber(), newBias);
  else
    folded->insertOperands(layer.getLayerBiasOperandNumber(), newBias);
  folded->setLoc(
      FusedLoc::get(bn.getContext(), {layer->getLoc(), bn.getLoc()}));

  bn.getResult().replaceAllUsesWith(folded->getResult(0));
  bn.erase();
  if (chain.add)
    chain.add.erase();
  if (chain.mul)
    chain.mul.erase();
  layer->erase();
  return success();
}

/// A per-channel constant of `values`' entries [first, first + count).
Value channelSlice(OpBuilder &b, Location loc, ArrayRef<double> values,
                   int64_t first, int64_t count) {
  SmallVector<float> part;
  for (int64_t c = first; c < first + count; ++c)
    part.push_back(static_cast<float>(values[c]));
  auto type = RankedTensorType::get({count}, b.getF32Type());
  return arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(type, ArrayRef<float>(part)));
}

/// A batch_norm (and the per-channel mul and add before it) of a channel
/// concatenation of layers, as a grouped convolution imports, becomes one
/// chain per part, each of which folds: they act on each channel alone.
/// Returns the new batch_norms, or none if `bn` is not of that form.
SmallVector<BatchNormOp> splitAcrossConcat(BatchNormOp bn) {
  Value value = bn.getInput();
  AddOp add = value.getDefiningOp<AddOp>();
  if (add)
    value = add.getLhs();
  MulOp mul = value.getDefiningOp<MulOp>();
  if (mul)
    value = mul.getLhs();
  auto concat = value.getDefiningOp<ConcatOp>();
  int64_t rank = cast<RankedTensorType>(bn.getType()).getRank();
  if (!concat || concat.getAxis() != rank - 1 || !concat->hasOneUse() ||
      (mul && !mul->hasOneUse()) || (add && !add->hasOneUse()) ||
      llvm::any_of(concat.getInputs(), [](Value v) {
        return !isa_and_nonnull<LayerOpInterface>(v.getDefiningOp()) ||
               !v.hasOneUse();
      }))
    return {};
  std::optional<SmallVector<double>> scale, shift;
  if (mul && !(scale = channelConstant(mul, mul.getLhs())))
    return {};
  if (add && !(shift = channelConstant(add, add.getLhs())))
    return {};
  SmallVector<SmallVector<double>> params;
  for (Value v : {bn.getGamma(), bn.getBeta(), bn.getMean(), bn.getVariance()})
    if (std::optional<SmallVector<double>> p = getConstantFloats(v);
        p && static_cast<int64_t>(p->size()) ==
                 cast<RankedTensorType>(bn.getType()).getShape().back())
      params.push_back(*p);
    else
      return {};
  OpBuilder b(bn);
  Location loc = bn.getLoc();
  SmallVector<Value> parts;
  SmallVector<BatchNormOp> result;
  int64_t first = 0;
  for (Value part : concat.getInputs()) {
    auto type = cast<RankedTensorType>(part.getType());
    int64_t count = type.getShape().back();
    if (mul)
      part = MulOp::create(b, mul.getLoc(), type, part,
                           channelSlice(b, loc, *scale, first, count));
    if (add)
      part = AddOp::create(b, add.getLoc(), type, part,
                           channelSlice(b, loc, *shift, first, count));
    auto partBn = BatchNormOp::create(
        b, loc, type, part, channelSlice(b, loc, params[0], first, count),
        channelSlice(b, loc, params[1], first, count),
        channelSlice(b, loc, params[2], first, count),
        channelSlice(b, loc, params[3], first, count), bn.getEpsilonAttr());
    result.push_back(partBn);
    parts.push_back(partBn);
    first += count;
  }
  Value joined = ConcatOp::create(b, concat.getLoc(), bn.getType(), parts,
                                  concat.getAxis());
  bn.replaceAllUsesWith(joined);
  bn.erase();
  if (add)
    add.erase();
  if (mul)
    mul.erase();
  concat.erase();
  return result;
}

struct FoldBatchNormPass
    : qat::impl::QATFoldBatchNormPassBase<FoldBatchNormPass> {
  void runOnOperation() override {
    SmallVector<BatchNormOp> found, batchNorms;
    getOperation().walk([&](BatchNormOp bn) { found.push_back(bn); });
    for (BatchNormOp bn : found) {
      SmallVector<BatchNormOp> parts = splitAcrossConcat(bn);
      if (parts.empty())
        batchNorms.push_back(bn);
      else
        batchNorms.append(parts.begin(), parts.end());
    }
    bool failedAny = false;
    for (BatchNormOp bn : batchNorms) {
      FailureOr<FoldChain> chain = findChain(bn);
      if (failed(chain) || failed(fold(*chain)))
        failedAny = true;
    }
    if (failedAny)
      signalPassFailure();
  }
};
} // namespace
