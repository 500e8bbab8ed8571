// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- LowerToInt.cpp - qat graph to qint integer program -----------------===//
//
// The `qat-lower-to-int` pass; Passes.td states what it produces and why it
// walks the DAG instead of using pattern-based dialect conversion.
//
//===----------------------------------------------------------------------===//

#include "qat/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QAT/IR/QATUtils.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Arithmetic.h"
#include "qat/Numerics/FakeQuant.h"
#include "qat/Numerics/Recurrent.h"
#include "qat/Numerics/Softmax.h"

#include <cmath>
#include <limits>

namespace mlir::qat {
#define GEN_PASS_DEF_QATLOWERTOINTPASS
#include "qat/Conversion/Passes.h.inc"
} // namespace mlir::qat

using namespace mlir;
using namespace mlir::qat;
namespace nx = mlir::qat::numerics;

namespace {
/// How an activation tensor is stored in int8 (or int16): one step is
/// `scale`, the real 0 is `zeroPoint`, values stay in [qmin, qmax] within
/// the storage range.
struct Quant {
  double scale;
  int64_t zeroPoint, qmin, qmax;
  /// 8, or 16 for TFLite's 16x8 scheme (zero point 0).
  unsigned bits = 8;

  bool operator==(const Quant &o) const {
    return scale == o.scale && zeroPoint == o.zeroPoint && qmin == o.qmin &&
           qmax == o.qmax && bits == o.bits;
  }
  int64_t storageMin() const { return bits == 16 ? -32768 : -128; }
  int64_t storageMax() const { return bits == 16 ? 32767 : 127; }
  /// zp + round_half_away(r / scale), clamped to the storage range (TFLite's
  /// activation-range quantization).
  int64_t quantizeReal(double r) const {
    double q = zeroPoint + std::round(r / scale);
    return static_cast<int64_t>(std::clamp<double>(q, qmin, qmax));
  }
};

/// The offset that moves [qmin, qmax] into int8 storage, if any does. An
/// unsigned b-bit range [0, 2^b - 1] (PyTorch quint8, ONNX uint8,
/// TensorFlow's levels) is centred by -2^(b-1): -128 for 8 bits, -8 for 4,
/// which shifts every level and the zero point alike (exact) and makes
/// symmetric weights' zero point 0. Signed ranges are kept.
std::optional<int64_t> storageOffset(int64_t qmin, int64_t qmax) {
  int64_t offset = 0;
  if (qmin >= 0) {
    int64_t half = 1;
    while (2 * half <= qmax)
      half *= 2;
    offset = -half;
  }
  if (qmin + offset >= -128 && qmax + offset <= 127)
    return offset;
  return std::nullopt;
}

/// Per-channel parameters of one fake_quant (one entry per tensor).
struct ChannelParams {
  SmallVector<double> scale;
  SmallVector<int64_t> zeroPoint;
  SmallVector<nx::NudgedRange> nudged; // TensorFlow form only
  int64_t qmin = 0, qmax = 0;
};

/// Every channel's grid, as the op states it (FakeQuantOp::
/// getChannelQuantization).
ChannelParams channelParams(FakeQuantOp fq) {
  ChannelParams p;
  for (int64_t c = 0; c < fq.getNumChannels(); ++c) {
    ChannelQuantization q = fq.getChannelQuantization(c);
    p.scale.push_back(q.scale);
    p.zeroPoint.push_back(q.zeroPoint);
    if (q.nudged)
      p.nudged.push_back(*q.nudged);
    p.qmin = q.qmin;
    p.qmax = q.qmax;
  }
  return p;
}

/// The fixed-point form of `real`, or nullopt when none represents it: the
/// mantissa carries 31 bits (relative error <= 2^-30); a multiplier below
/// 2^-32 flushes to zero, which is exact in effect (|acc * M| < 1/2 always
/// rounds to 0). Single rounding's clamp of huge multipliers (TFLite) would
/// silently compute something else, so it is refused here.
std::optional<nx::QuantizedMultiplier> exactMultiplier(double real,
                                                       nx::Rounding rounding) {
  std::optional<nx::QuantizedMultiplier> q =
      nx::quantizeMultiplier(real, rounding);
  if (!q)
    return std::nullopt;
  if (q->multiplier == 0)
    return real < std::ldexp(1.0, -32) ? q : std::nullopt;
  double represented =
      std::ldexp(static_cast<double>(q->multiplier), q->shift - 31);
  if (std::fabs(represented - real) > real * std::ldexp(1.0, -30))
    return std::nullopt;
  return q;
}

/// The levels of a per-tensor fake_quant in int8 storage: the float value
/// the fake-quant graph holds for each stored integer, and the stored integer
/// a float rounds to, both as the reference computes them in float32.
struct StoredLevels {
  bool minMaxForm;
  ChannelParams params;
  int64_t offset;
  nx::TieBreaking ties;

  float value(int64_t stored) const {
    int64_t level = stored - offset;
    return minMaxForm
               ? nx::levelValueMinMax(level, params.nudged[0])
               : nx::levelValueAffine(level,
                                      static_cast<float>(params.scale[0]),
                                      params.zeroPoint[0]);
  }
  int64_t stored(float x) const {
    int64_t level =
        minMaxForm
            ? nx::fakeQuantLevelMinMax(x, params.nudged[0], ties)
            : nx::fakeQuantLevelAffine(x, static_cast<float>(params.scale[0]),
                                       params.zeroPoint[0], params.qmin,
                                       params.qmax, ties);
    return level + offset;
  }
};

/// Valid for a fake_quant that activationQuant accepted (int16 ranges are
/// stored as they are).
StoredLevels storedLevels(FakeQuantOp fq) {
  ChannelParams p = channelParams(fq);
  int64_t offset = storageOffset(p.qmin, p.qmax).value_or(0);
  return StoredLevels{fq.isMinMaxForm(), p, offset, tieBreakingOf(fq)};
}

class Lowering {
public:
  Lowering(func::FuncOp func, nx::Rounding rounding, bool int8IO)
      : func(func), builder(func.getContext()), rounding(rounding),
        int8IO(int8IO) {}

  LogicalResult run();

private:
  FailureOr<Quant> activationQuant(FakeQuantOp fq);
  FailureOr<std::pair<Value, Quant>> lookup(Operation *user, Value value);
  void record(Value qatValue, Value lowered, Quant quant) {
    values[qatValue] = {lowered, quant};
    annotateForReport(qatValue, lowered, quant);
  }
  void annotateForReport(Value qatValue, Value lowered, const Quant &quant);

  LogicalResult lowerFakeQuant(FakeQuantOp fq);
  LogicalResult lowerDataMovement(Operation *op);
  FailureOr<Value> emitLayer(Operation *layer, Operation *activation,
                             const Quant &out, Location loc);
  FailureOr<Value> emitWeightedLayer(Operation *layer, const Quant &in,
                                     const Quant &out, int64_t actMin,
                                     int64_t actMax);
  FailureOr<Value> emitLookup(PointwiseOp op, FakeQuantOp output);
  FailureOr<Value> emitLstm(LstmOp lstm, Value input, const Quant &in,
                            const Quant &out);
  FailureOr<Value> emitLayerNorm(LayerNormOp norm, std::pair<Value, Quant> in,
                                 const Quant &out, int64_t actMin,
                                 int64_t actMax);
  FailureOr<Value> emitMatMul(MatMulOp matmul, std::pair<Value, Quant> lhs,
                              const Quant &out, int64_t actMin, int64_t actMax);
  FailureOr<Value> emitGru(GruOp gru, Value input, const Quant &in,
                           const Quant &out);
  FailureOr<Value> emitSoftmaxInt16(SoftmaxOp softmax, Value input,
                                    const Quant &in, const Quant &out);
  FailureOr<Value> requantize(Operation *op, Value input, const Quant &from,
                              const Quant &to, int64_t actMin, int64_t actMax);
  FailureOr<Value> initialState(Operation *layer, Value state,
                                const Quant &target, StringRef what);
  FailureOr<std::pair<int64_t, int64_t>>
  clampRange(Operation *activation, const Quant &out, Operation *layer);
  LogicalResult lowerReturn(func::ReturnOp ret);
  LogicalResult checkLegality();

  Value constantI8(Location loc, ArrayRef<int64_t> shape,
                   ArrayRef<int8_t> values);
  Value constantI32(Location loc, ArrayRef<int64_t> shape,
                    ArrayRef<int32_t> values);
  RankedTensorType i8Type(Value like) { return storageType(like, 8); }
  RankedTensorType storageType(Value like, const Quant &quant) {
    return storageType(like, quant.bits);
  }
  RankedTensorType storageType(Value like, unsigned bits) {
    return RankedTensorType::get(
        cast<RankedTensorType>(like.getType()).getShape(),
        builder.getIntegerType(bits));
  }
  /// The exact int16 form of an int8 tensor: 128 * (q - zp) at scale / 128
  /// (every int8 difference fits), or `value` itself when already int16.
  FailureOr<std::pair<Value, Quant>> widened(Operation *op, Value value,
                                             const Quant &quant);
  NamedAttribute named(StringRef name, int64_t v) {
    return builder.getNamedAttr(name, builder.getI64IntegerAttr(v));
  }
  NamedAttribute roundingAttr() {
    return builder.getNamedAttr(
        "rounding",
        qint::RoundingAttr::get(builder.getContext(),
                                rounding == nx::Rounding::Single
                                    ? qint::Rounding::single_round
                                    : qint::Rounding::double_round));
  }

  func::FuncOp func;
  OpBuilder builder;
  nx::Rounding rounding;
  bool int8IO;
  llvm::DenseMap<Value, std::pair<Value, Quant>> values;
  /// With int8-io, the storage each argument is passed in.
  llvm::DenseMap<Value, Quant> argumentQuant;
};

/// A fake_quant numbered for the per-layer report (qat.report_id, set by the
/// report's driver) marks the qint op computing the same tensor with
/// qat.report = {ids, scale, zero_point}: the ids of every numbered tensor
/// it holds, and how to read its int8 values as reals.
void Lowering::annotateForReport(Value qatValue, Value lowered,
                                 const Quant &quant) {
  auto fq = qatValue.getDefiningOp<FakeQuantOp>();
  auto id =
      fq ? fq->getAttrOfType<IntegerAttr>("qat.report_id") : IntegerAttr();
  Operation *op = lowered.getDefiningOp();
  if (!id || !op || !isa<qint::QIntDialect>(op->getDialect()))
    return;
  SmallVector<int64_t> ids;
  if (auto existing = op->getAttrOfType<DictionaryAttr>("qat.report"))
    llvm::append_range(
        ids, cast<DenseI64ArrayAttr>(existing.get("ids")).asArrayRef());
  ids.push_back(id.getInt());
  op->setAttr(
      "qat.report",
      builder.getDictionaryAttr(
          {builder.getNamedAttr("ids", builder.getDenseI64ArrayAttr(ids)),
           builder.getNamedAttr("scale", builder.getF64FloatAttr(quant.scale)),
           named("zero_point", quant.zeroPoint)}));
}

FailureOr<Quant> Lowering::activationQuant(FakeQuantOp fq) {
  if (fq.getAxis())
    return fq.emitOpError()
           << "quantizes an activation per axis; the int8 kernels take "
              "per-tensor activations";
  ChannelParams p = channelParams(fq);
  if (std::optional<int64_t> offset = storageOffset(p.qmin, p.qmax))
    return Quant{p.scale[0], p.zeroPoint[0] + *offset, p.qmin + *offset,
                 p.qmax + *offset};
  // Wider ranges are int16 activations, TFLite's 16x8 scheme: signed and
  // symmetric.
  if (p.qmin < 0 && p.qmin >= -32768 && p.qmax <= 32767) {
    if (p.zeroPoint[0] != 0)
      return fq.emitOpError()
             << "has the 16-bit range [" << p.qmin << ", " << p.qmax
             << "] with zero point " << p.zeroPoint[0]
             << "; int16 activations are symmetric (zero point 0, "
                "TFLite's 16x8 scheme)";
    return Quant{p.scale[0], 0, p.qmin, p.qmax, 16};
  }
  return fq.emitOpError() << "has the range [" << p.qmin << ", " << p.qmax
                          << "], which fits neither int8 storage nor "
                             "symmetric int16";
}

FailureOr<std::pair<Value, Quant>> Lowering::widened(Operation *op, Value value,
                                                     const Quant &quant) {
  if (quant.bits == 16)
    return std::make_pair(value, quant);
  Quant wide{quant.scale / 128, 0, (quant.qmin - quant.zeroPoint) * 128,
             (quant.qmax - quant.zeroPoint) * 128, 16};
  FailureOr<Value> converted =
      requantize(op, value, quant, wide, wide.qmin, wide.qmax);
  if (failed(converted))
    return failure();
  return std::make_pair(*converted, wide);
}

FailureOr<std::pair<Value, Quant>> Lowering::lookup(Operation *user,
                                                    Value value) {
  auto it = values.find(value);
  if (it != values.end())
    return it->second;
  return user->emitOpError()
         << "reads a tensor without quantization parameters; run "
            "qat-propagate-scales first";
}

Value Lowering::constantI8(Location loc, ArrayRef<int64_t> shape,
                           ArrayRef<int8_t> data) {
  auto type = RankedTensorType::get(shape, builder.getIntegerType(8));
  return arith::ConstantOp::create(builder, loc, type,
                                   DenseElementsAttr::get(type, data));
}

Value Lowering::constantI32(Location loc, ArrayRef<int64_t> shape,
                            ArrayRef<int32_t> data) {
  auto type = RankedTensorType::get(shape, builder.getIntegerType(32));
  return arith::ConstantOp::create(builder, loc, type,
                                   DenseElementsAttr::get(type, data));
}

FailureOr<Value> Lowering::requantize(Operation *op, Value input,
                                      const Quant &from, const Quant &to,
                                      int64_t actMin, int64_t actMax) {
  std::optional<nx::QuantizedMultiplier> q =
      exactMultiplier(from.scale / to.scale, rounding);
  if (!q)
    return op->emitOpError()
           << "requantization from scale " << from.scale << " to scale "
           << to.scale << " needs a multiplier no kernel represents";
  // Levels known now (a quantized constant joining a concatenation) are
  // requantized now, with the kernel's arithmetic.
  DenseIntElementsAttr levels;
  if (matchPattern(input, m_Constant(&levels)) &&
      nx::requantizedBound(std::max(std::abs(from.qmin - from.zeroPoint),
                                    std::abs(from.qmax - from.zeroPoint)),
                           q->multiplier, q->shift, rounding)) {
    SmallVector<APInt> out;
    for (const APInt &level : levels.getValues<APInt>()) {
      int64_t v =
          nx::multiplyByQuantizedMultiplier(
              static_cast<int32_t>(level.getSExtValue() - from.zeroPoint),
              q->multiplier, q->shift, rounding) +
          int64_t(to.zeroPoint);
      out.push_back(APInt(to.bits, std::clamp(v, actMin, actMax),
                          /*isSigned=*/true));
    }
    auto type = storageType(input, to);
    return arith::ConstantOp::create(builder, op->getLoc(), type,
                                     DenseElementsAttr::get(type, out))
        .getResult();
  }
  return qint::RequantizeOp::create(
             builder, op->getLoc(), TypeRange{storageType(input, to)},
             ValueRange{input},
             {named("input_zp", from.zeroPoint),
              named("output_zp", to.zeroPoint),
              builder.getNamedAttr(
                  "multiplier", builder.getDenseI32ArrayAttr({q->multiplier})),
              builder.getNamedAttr("shift",
                                   builder.getDenseI32ArrayAttr({q->shift})),
              named("act_min", actMin), named("act_max", actMax),
              roundingAttr()})
      .getResult();
}

/// A recurrent layer's initial state on the grid the layer keeps it on: a
/// constant quantized now, an activation requantized when its grid differs.
FailureOr<Value> Lowering::initialState(Operation *layer, Value state,
                                        const Quant &target, StringRef what) {
  builder.setInsertionPoint(layer);
  auto it = values.find(state);
  if (it != values.end()) {
    auto [value, quant] = it->second;
    if (quant == target)
      return value;
    return requantize(layer, value, quant, target, target.qmin, target.qmax);
  }
  std::optional<SmallVector<double>> floats = getConstantFloats(state);
  if (!floats)
    return layer->emitOpError()
           << "initial " << what
           << " is neither a constant nor a quantized activation";
  SmallVector<APInt> levels;
  for (auto [i, v] : llvm::enumerate(*floats)) {
    if (!std::isfinite(v))
      return layer->emitOpError() << "initial " << what << " element " << i
                                  << " is " << v << "; it must be finite";
    levels.push_back(APInt(target.bits, target.quantizeReal(v),
                           /*isSigned=*/true));
  }
  auto type = storageType(state, target);
  return arith::ConstantOp::create(builder, layer->getLoc(), type,
                                   DenseElementsAttr::get(type, levels))
      .getResult();
}

FailureOr<std::pair<int64_t, int64_t>>
Lowering::clampRange(Operation *activation, const Quant &out,
                     Operation *layer) {
  int64_t lo = out.qmin, hi = out.qmax;
  if (auto act = dyn_cast_or_null<ActivationOpInterface>(activation)) {
    auto [realLo, realHi] = act.getClampRange();
    lo = std::max(lo, out.quantizeReal(realLo));
    if (std::isfinite(realHi))
      hi = std::min(hi, out.quantizeReal(realHi));
  }
  // Both bounds are quantized into [qmin, qmax] and min <= max (clamp_c1),
  // so the range is never empty: a clamp beyond the output range saturates.
  return std::make_pair(lo, hi);
}

/// A layer's weights as int8 levels: a symmetric qat.fake_quant of a
/// constant, per tensor or per channel along `axis`.
struct QuantizedWeights {
  SmallVector<int8_t> levels;
  /// One scale per channel, or one for the tensor.
  SmallVector<double> scales;
  bool perChannel = false;
  int64_t channels = 1;
  SmallVector<int64_t> shape;
};

static FailureOr<QuantizedWeights>
quantizeWeights(Operation *layer, Value weights, int64_t axis) {
  auto wfq = weights.getDefiningOp<FakeQuantOp>();
  // A splat (one value for every weight) is read and quantized once: constant
  // work however many weights it describes.
  std::optional<float> splat =
      wfq ? getConstantSplat(wfq.getInput()) : std::nullopt;
  std::optional<SmallVector<double>> w =
      splat ? std::optional<SmallVector<double>>(SmallVector<double>{*splat})
      : wfq ? getConstantFloats(wfq.getInput())
            : std::nullopt;
  if (!w)
    return layer->emitOpError() << "weights must be a qat.fake_quant of a "
                                   "constant";
  // A NaN or infinite weight has no int8 level (quantizing it would be
  // undefined behaviour, and silently some level).
  for (auto [i, v] : llvm::enumerate(*w))
    if (!std::isfinite(v))
      return layer->emitOpError()
             << "weight " << i << " is " << v << "; weights must be finite";
  ArrayRef<int64_t> shape = cast<RankedTensorType>(wfq.getType()).getShape();
  int64_t channels = shape[axis];
  if (wfq.getAxis() && *wfq.getAxis() != axis)
    return layer->emitOpError()
           << "weights are quantized along axis " << *wfq.getAxis()
           << ", but the int8 kernels take one scale per output channel (axis "
           << axis << ")";
  ChannelParams p = channelParams(wfq);
  std::optional<int64_t> offset = storageOffset(p.qmin, p.qmax);
  if (!offset)
    return layer->emitOpError() << "weights have the range [" << p.qmin << ", "
                                << p.qmax << "], which does not fit int8";
  int64_t stride = 1;
  for (int64_t d = axis + 1; d < static_cast<int64_t>(shape.size()); ++d)
    stride *= shape[d];
  auto channelOf = [&](size_t i) -> size_t {
    return wfq.getAxis() ? (i / stride) % channels : 0;
  };
  for (size_t c = 0; c < p.zeroPoint.size(); ++c)
    if (p.zeroPoint[c] + *offset != 0)
      return layer->emitOpError()
             << "weights must be symmetric (zero point 0 in int8), but "
                "channel "
             << c << " has zero point " << p.zeroPoint[c] + *offset;

  nx::TieBreaking ties = tieBreakingOf(wfq);
  auto quantized = [&](double value, size_t c) {
    int64_t level =
        wfq.isMinMaxForm()
            ? nx::fakeQuantLevelMinMax(static_cast<float>(value), p.nudged[c],
                                       ties)
            : nx::fakeQuantLevelAffine(static_cast<float>(value),
                                       static_cast<float>(p.scale[c]),
                                       p.zeroPoint[c], p.qmin, p.qmax, ties);
    return static_cast<int8_t>(level + *offset);
  };
  QuantizedWeights result;
  SmallVector<int8_t> &qw = result.levels;
  if (splat) {
    // One level per channel; a splat again when they agree (one element
    // makes DenseElementsAttr a splat).
    SmallVector<int8_t> levels;
    for (size_t c = 0; c < p.zeroPoint.size(); ++c)
      levels.push_back(quantized(*splat, c));
    if (llvm::all_equal(levels)) {
      qw.push_back(levels.front());
    } else {
      int64_t count = cast<RankedTensorType>(wfq.getType()).getNumElements();
      for (int64_t i = 0; i < count; ++i)
        qw.push_back(levels[channelOf(i)]);
    }
  } else {
    for (auto [i, value] : llvm::enumerate(*w))
      qw.push_back(quantized(value, channelOf(i)));
  }
  result.scales.assign(p.scale.begin(), p.scale.end());
  result.perChannel = wfq.getAxis().has_value();
  result.channels = channels;
  result.shape.assign(shape.begin(), shape.end());
  return result;
}

FailureOr<Value> Lowering::emitWeightedLayer(Operation *layer, const Quant &in,
                                             const Quant &out, int64_t actMin,
                                             int64_t actMax) {
  Location loc = layer->getLoc();
  auto weighted = cast<LayerOpInterface>(layer);
  FailureOr<QuantizedWeights> quantizedWeights = quantizeWeights(
      layer, weighted.getLayerWeights(), weighted.getOutputChannelAxis());
  if (failed(quantizedWeights))
    return failure();
  const SmallVector<int8_t> &qw = quantizedWeights->levels;
  const int64_t channels = quantizedWeights->channels;
  ArrayRef<int64_t> shape = quantizedWeights->shape;

  // Per channel: the weight scale, the bias scale and the multiplier. An
  // int16 input accumulates in int64 (TFLite's 16x8 scheme): an int64 bias
  // and the 64-bit rescale, whose shift is at most 7.
  const bool int64Accumulator = in.bits == 16;
  const int64_t biasLimit = int64Accumulator
                                ? (int64_t(1) << 47) - 1
                                : std::numeric_limits<int32_t>::max();
  SmallVector<int32_t> multipliers, shifts;
  SmallVector<int64_t> qbias;
  std::optional<SmallVector<double>> bias;
  if (Value b = weighted.getLayerBias()) {
    bias = getConstantFloats(b);
    if (!bias)
      return layer->emitOpError() << "bias must be a constant";
    for (auto [c, v] : llvm::enumerate(*bias))
      if (!std::isfinite(v))
        return layer->emitOpError() << "bias of channel " << c << " is " << v
                                    << "; biases must be finite";
  }
  for (int64_t c = 0; c < channels; ++c) {
    double ws = quantizedWeights->scales[quantizedWeights->perChannel ? c : 0];
    double real = in.scale * ws / out.scale;
    std::optional<nx::QuantizedMultiplier> m = exactMultiplier(real, rounding);
    if (!m || (int64Accumulator && m->shift > 7))
      return layer->emitOpError()
             << "requantization multiplier " << real << " of channel " << c
             << " (input scale x weight scale / output scale) is out of range"
             << (int64Accumulator ? " for the int16 kernels (at most 2^7)"
                                  : "");
    multipliers.push_back(m->multiplier);
    shifts.push_back(m->shift);
    if (bias) {
      double levels = std::round((*bias)[c] / (in.scale * ws));
      if (std::fabs(levels) > biasLimit)
        return layer->emitOpError()
               << "bias of channel " << c << " is " << levels
               << " steps of its scale (input scale x weight scale = "
               << in.scale * ws << "), beyond "
               << (int64Accumulator ? "2^47" : "int32");
      qbias.push_back(static_cast<int64_t>(levels));
    }
  }
  // One multiplier for all channels when the weights are per tensor.
  if (!quantizedWeights->perChannel) {
    multipliers.resize(1);
    shifts.resize(1);
  }

  builder.setInsertionPoint(layer);
  SmallVector<Value> operands = {values.lookup(layer->getOperand(0)).first,
                                 constantI8(loc, shape, qw)};
  if (bias && int64Accumulator) {
    auto type = RankedTensorType::get({channels}, builder.getIntegerType(64));
    operands.push_back(arith::ConstantOp::create(
        builder, loc, type,
        DenseElementsAttr::get(type, ArrayRef<int64_t>(qbias))));
  } else if (bias) {
    SmallVector<int32_t> narrow(qbias.begin(), qbias.end());
    operands.push_back(constantI32(loc, {channels}, narrow));
  }
  SmallVector<NamedAttribute> attrs = {
      named("input_zp", in.zeroPoint),
      named("output_zp", out.zeroPoint),
      builder.getNamedAttr("multiplier",
                           builder.getDenseI32ArrayAttr(multipliers)),
      builder.getNamedAttr("shift", builder.getDenseI32ArrayAttr(shifts)),
      named("act_min", actMin),
      named("act_max", actMax),
      roundingAttr()};
  Type type = storageType(layer->getResult(0), out);
  if (isa<FullyConnectedOp>(layer)) {
    // Leading dimensions beyond the first are rows too: the kernel takes
    // [rows, K], reshaped from and back to the layer's shapes (no copy).
    auto result = cast<RankedTensorType>(type);
    if (result.getRank() == 2)
      return qint::FullyConnectedOp::create(builder, loc, TypeRange{type},
                                            operands, attrs)
          .getResult();
    auto input = cast<RankedTensorType>(operands[0].getType());
    int64_t k = input.getShape().back(), o = result.getShape().back();
    int64_t rows = input.getNumElements() / k;
    // The storage type from the input's quantization: a graph input may
    // still have its float type here (its ports become integers after).
    operands[0] = qint::ReshapeOp::create(
        builder, loc,
        RankedTensorType::get({rows, k}, builder.getIntegerType(in.bits)),
        operands[0]);
    Value rowsOut =
        qint::FullyConnectedOp::create(builder, loc,
                                       TypeRange{RankedTensorType::get(
                                           {rows, o}, result.getElementType())},
                                       operands, attrs)
            .getResult();
    return qint::ReshapeOp::create(builder, loc, type, rowsOut).getResult();
  }
  auto window = [&](auto conv) {
    attrs.push_back(builder.getNamedAttr(
        "strides", builder.getDenseI64ArrayAttr(conv.getStrides())));
    attrs.push_back(builder.getNamedAttr(
        "dilations", builder.getDenseI64ArrayAttr(conv.getDilations())));
    attrs.push_back(builder.getNamedAttr(
        "pad", builder.getDenseI64ArrayAttr(conv.getEffectivePad())));
  };
  if (auto conv = dyn_cast<Conv2DOp>(layer)) {
    window(conv);
    return qint::Conv2DOp::create(builder, loc, TypeRange{type}, operands,
                                  attrs)
        .getResult();
  }
  window(cast<DepthwiseConv2DOp>(layer));
  return qint::DepthwiseConv2DOp::create(builder, loc, TypeRange{type},
                                         operands, attrs)
      .getResult();
}

FailureOr<Value> Lowering::emitLayer(Operation *layer, Operation *activation,
                                     const Quant &out, Location loc) {
  FailureOr<std::pair<Value, Quant>> in = lookup(layer, layer->getOperand(0));
  if (failed(in))
    return failure();
  FailureOr<std::pair<int64_t, int64_t>> range =
      clampRange(activation, out, layer);
  if (failed(range))
    return failure();
  auto [actMin, actMax] = *range;
  builder.setInsertionPoint(layer);

  if (isa<LayerOpInterface>(layer))
    return emitWeightedLayer(layer, in->second, out, actMin, actMax);
  if (auto lstm = dyn_cast<LstmOp>(layer))
    return emitLstm(lstm, in->first, in->second, out);
  if (auto gru = dyn_cast<GruOp>(layer))
    return emitGru(gru, in->first, in->second, out);

  if (isa<AddOp, MulOp>(layer)) {
    FailureOr<std::pair<Value, Quant>> rhs =
        lookup(layer, layer->getOperand(1));
    if (failed(rhs))
      return failure();
    // Operands and result share one type: int8 operands of an int16 result
    // are widened exactly; int16 operands need an int16 result.
    if (out.bits == 16) {
      in = widened(layer, in->first, in->second);
      rhs = widened(layer, rhs->first, rhs->second);
      if (failed(in) || failed(rhs))
        return failure();
    } else if (in->second.bits == 16 || rhs->second.bits == 16) {
      return layer->emitOpError()
             << "has an int16 operand and an int8 result; an int16 add or "
                "mul writes int16 (quantize its output to 16 bits too)";
    }
    const Quant &a = in->second, &b = rhs->second;
    SmallVector<NamedAttribute> attrs = {
        named("lhs_zp", a.zeroPoint),      named("rhs_zp", b.zeroPoint),
        named("output_zp", out.zeroPoint), named("act_min", actMin),
        named("act_max", actMax),          roundingAttr()};
    Type type = storageType(layer->getResult(0), out);
    if (isa<AddOp>(layer)) {
      std::optional<nx::AddParams> p = nx::prepareAdd(
          a.scale, a.zeroPoint, b.scale, b.zeroPoint, out.scale, out.zeroPoint,
          rounding,
          out.bits == 16 ? nx::kAddLeftShiftInt16 : nx::kAddLeftShift);
      if (!p)
        return layer->emitOpError() << "input and output scales give add "
                                       "rescaling multipliers out of range";
      attrs.append({named("left_shift", p->leftShift),
                    named("lhs_multiplier", p->input1.multiplier),
                    named("lhs_shift", p->input1.shift),
                    named("rhs_multiplier", p->input2.multiplier),
                    named("rhs_shift", p->input2.shift),
                    named("output_multiplier", p->output.multiplier),
                    named("output_shift", p->output.shift)});
      return qint::AddOp::create(builder, loc, TypeRange{type},
                                 ValueRange{in->first, rhs->first}, attrs)
          .getResult();
    }
    std::optional<nx::MulParams> p =
        nx::prepareMul(a.scale, a.zeroPoint, b.scale, b.zeroPoint, out.scale,
                       out.zeroPoint, rounding);
    if (p && !exactMultiplier(a.scale * b.scale / out.scale, rounding))
      p.reset();
    if (!p)
      return layer->emitOpError() << "input and output scales give a mul "
                                     "multiplier out of range";
    attrs.append({named("output_multiplier", p->output.multiplier),
                  named("output_shift", p->output.shift)});
    return qint::MulOp::create(builder, loc, TypeRange{type},
                               ValueRange{in->first, rhs->first}, attrs)
        .getResult();
  }

  if (auto matmul = dyn_cast<MatMulOp>(layer))
    return emitMatMul(matmul, *in, out, actMin, actMax);
  if (auto norm = dyn_cast<LayerNormOp>(layer))
    return emitLayerNorm(norm, *in, out, actMin, actMax);

  if (in->second.bits == 16 || out.bits == 16) {
    if (auto softmax = dyn_cast<SoftmaxOp>(layer);
        softmax && in->second.bits == 16)
      return emitSoftmaxInt16(softmax, in->first, in->second, out);
    return layer->emitOpError()
           << "has no int16 kernel (int16 activations reach conv, depthwise, "
              "fully connected, add, mul, pools and softmax)";
  }

  if (auto mean = dyn_cast<MeanOp>(layer)) {
    std::optional<nx::QuantizedMultiplier> m =
        exactMultiplier(in->second.scale / out.scale, rounding);
    if (!m)
      return layer->emitOpError() << "input/output scale ratio is out of "
                                     "range for a multiplier";
    return qint::MeanOp::create(builder, loc,
                                TypeRange{i8Type(mean.getResult())},
                                ValueRange{in->first},
                                {named("input_zp", in->second.zeroPoint),
                                 named("output_zp", out.zeroPoint),
                                 named("multiplier", m->multiplier),
                                 named("shift", m->shift), roundingAttr()})
        .getResult();
  }

  auto softmax = cast<SoftmaxOp>(layer);
  std::optional<nx::SoftmaxParams> p = nx::prepareSoftmax(
      softmax.getBeta().convertToDouble(), in->second.scale, rounding);
  if (!p)
    return layer->emitOpError() << "beta and input scale give softmax "
                                   "parameters out of range";
  Value result = qint::SoftmaxOp::create(
                     builder, loc, TypeRange{i8Type(softmax.getResult())},
                     ValueRange{in->first},
                     {named("input_multiplier", p->inputMultiplier),
                      named("input_left_shift", p->inputLeftShift),
                      named("diff_min", p->diffMin), roundingAttr()})
                     .getResult();
  Quant fixed{1.0 / 256, -128, -128, 127};
  if (fixed == out)
    return result;
  return requantize(layer, result, fixed, out, out.qmin, out.qmax);
}

/// qat's integer layer norm (qint.layer_norm, docs/Numerics.md section 15):
/// epsilon in the units of the centred values' squares, gamma * sqrt(N)
/// as int16 on one scale, beta on the same scale in Q14 (int8) or Q30
/// (int16), and the output multiplier from that scale. An int16 output
/// reads its input widened exactly when that is int8.
FailureOr<Value> Lowering::emitLayerNorm(LayerNormOp norm,
                                         std::pair<Value, Quant> in,
                                         const Quant &out, int64_t actMin,
                                         int64_t actMax) {
  namespace nx = mlir::qat::numerics;
  const bool int16 = out.bits == 16;
  if (in.second.bits == 16 && !int16)
    return norm.emitOpError() << "reads int16 activations and writes int8; an "
                                 "int16 layer norm writes int16";
  if (int16 && in.second.bits != 16) {
    FailureOr<std::pair<Value, Quant>> wide =
        widened(norm, in.first, in.second);
    if (failed(wide))
      return failure();
    in = *wide;
  }
  std::optional<SmallVector<double>> gamma = getConstantFloats(norm.getGamma());
  std::optional<SmallVector<double>> beta = getConstantFloats(norm.getBeta());
  if (!gamma || !beta)
    return norm.emitOpError() << "gamma and beta must be constants";
  const int64_t n = static_cast<int64_t>(gamma->size());
  const int64_t maxSize =
      int16 ? nx::kLayerNormMaxSize16 : nx::kLayerNormMaxSize;
  if (n > maxSize)
    return norm.emitOpError()
           << "normalizes " << n << " values; qat's "
           << (int16 ? "int16" : "int8") << " integer layer norm takes at most "
           << maxSize;
  const double cube = static_cast<double>(n) * n * n;
  const double epsilon = norm.getEpsilon().convertToDouble() * cube /
                         (in.second.scale * in.second.scale);
  const double epsilonLimit =
      std::ldexp(1.0, 62) - 1 - cube * std::ldexp(1.0, int16 ? 30 : 14) - 1024;
  if (!(epsilon <= epsilonLimit))
    return norm.emitOpError()
           << "epsilon " << norm.getEpsilon().convertToDouble()
           << " is too large for the input scale " << in.second.scale
           << " (it exceeds the integer variance's range)";
  double biggest = 0;
  for (auto [g, b] : llvm::zip(*gamma, *beta)) {
    if (!std::isfinite(g) || !std::isfinite(b))
      return norm.emitOpError() << "gamma and beta must be finite";
    biggest = std::max(biggest, std::fabs(g) * std::sqrt(double(n)));
  }
  const int fractionBits =
      int16 ? nx::kLayerNormFractionBits16 : nx::kLayerNormFractionBits;
  const double fraction = std::ldexp(1.0, fractionBits);
  double gammaScale = biggest > 0 ? biggest / 32767.0 : 1.0;
  std::optional<nx::QuantizedMultiplier> m =
      exactMultiplier(gammaScale / (fraction * out.scale), rounding);
  // The 64-bit rescale takes shifts from -31: a coarser output grid takes
  // gamma on a coarser scale (fewer of its bits) instead.
  if (int16 && m && m->multiplier != 0 && m->shift < -31) {
    gammaScale = std::ldexp(gammaScale, -31 - m->shift);
    m = exactMultiplier(gammaScale / (fraction * out.scale), rounding);
  }
  const double real = gammaScale / (fraction * out.scale);
  if (!m || (int16 && (m->shift < -31 || m->shift > 7)))
    return norm.emitOpError()
           << "output multiplier " << real << " (gamma's scale / 2^"
           << fractionBits << " / output scale) is out of range";
  const double betaLimit = std::ldexp(1.0, int16 ? 46 : 30);
  SmallVector<int16_t> g;
  SmallVector<int64_t> b;
  for (auto [gv, bv] : llvm::zip(*gamma, *beta)) {
    g.push_back(static_cast<int16_t>(
        std::round(gv * std::sqrt(double(n)) / gammaScale)));
    double levels = std::round(bv * fraction / gammaScale);
    if (std::fabs(levels) > betaLimit)
      return norm.emitOpError()
             << "beta " << bv << " is more than 2^16 times gamma's largest "
             << "magnitude; the integer layer norm's bias cannot hold it";
    b.push_back(static_cast<int64_t>(levels));
  }
  builder.setInsertionPoint(norm);
  Location loc = norm.getLoc();
  auto gammaType = RankedTensorType::get({n}, builder.getIntegerType(16));
  Value gammaValue = arith::ConstantOp::create(
      builder, loc, gammaType,
      DenseElementsAttr::get(gammaType, ArrayRef<int16_t>(g)));
  auto betaType =
      RankedTensorType::get({n}, builder.getIntegerType(int16 ? 64 : 32));
  SmallVector<APInt> betaLevels;
  for (int64_t v : b)
    betaLevels.push_back(APInt(int16 ? 64 : 32, v, /*isSigned=*/true));
  Value betaValue = arith::ConstantOp::create(
      builder, loc, betaType, DenseElementsAttr::get(betaType, betaLevels));
  return qint::LayerNormOp::create(
             builder, loc, TypeRange{storageType(norm.getResult(), out)},
             ValueRange{in.first, gammaValue, betaValue},
             {named("epsilon", static_cast<int64_t>(std::round(epsilon))),
              named("output_multiplier", m->multiplier),
              named("output_shift", m->shift),
              named("output_zp", out.zeroPoint), named("act_min", actMin),
              named("act_max", actMax), roundingAttr()})
      .getResult();
}

/// TFLite's BATCH_MATMUL (qint.batch_matmul): int8 operands and result, or
/// int16 ones (zero points 0, TFLite's 16x16 kernel); int8 operands of an
/// int16 result are widened exactly.
FailureOr<Value> Lowering::emitMatMul(MatMulOp matmul,
                                      std::pair<Value, Quant> lhs,
                                      const Quant &out, int64_t actMin,
                                      int64_t actMax) {
  FailureOr<std::pair<Value, Quant>> rhs = lookup(matmul, matmul.getRhs());
  if (failed(rhs))
    return failure();
  FailureOr<std::pair<Value, Quant>> l = lhs;
  if (out.bits == 16) {
    l = widened(matmul, lhs.first, lhs.second);
    rhs = widened(matmul, rhs->first, rhs->second);
    if (failed(l) || failed(rhs))
      return failure();
  } else if (lhs.second.bits == 16 || rhs->second.bits == 16) {
    return matmul.emitOpError()
           << "has an int16 operand and an int8 result; an int16 matmul "
              "writes int16 (quantize its output to 16 bits too)";
  }
  const Quant &a = l->second, &b = rhs->second;
  const double real =
      matmul.getAlpha().convertToDouble() * a.scale * b.scale / out.scale;
  std::optional<nx::QuantizedMultiplier> m = exactMultiplier(real, rounding);
  if (!m || (out.bits == 16 && m->shift > 7))
    return matmul.emitOpError()
           << "multiplier " << real
           << " (alpha x lhs scale x rhs scale / output scale) is out of "
              "range"
           << (out.bits == 16 ? " for the int16 kernel (at most 2^7)" : "");
  builder.setInsertionPoint(matmul);
  return qint::BatchMatMulOp::create(
             builder, matmul.getLoc(),
             TypeRange{storageType(matmul.getResult(), out)},
             ValueRange{l->first, rhs->first},
             {named("lhs_zp", a.zeroPoint), named("rhs_zp", b.zeroPoint),
              named("output_multiplier", m->multiplier),
              named("output_shift", m->shift),
              named("output_zp", out.zeroPoint), named("act_min", actMin),
              named("act_max", actMax),
              builder.getNamedAttr("adj_x",
                                   builder.getBoolAttr(matmul.getAdjX())),
              builder.getNamedAttr("adj_y",
                                   builder.getBoolAttr(matmul.getAdjY())),
              roundingAttr()})
      .getResult();
}

/// TFLite's integer LSTM (qint.lstm) with the multipliers TensorFlow Lite
/// Micro derives from the scales: the gates at 2^-12 in and 2^-15 out, the
/// cell state at 2^cell_scale_power, the hidden state on the output's grid.
FailureOr<Value> Lowering::emitLstm(LstmOp lstm, Value input, const Quant &in,
                                    const Quant &out) {
  Location loc = lstm.getLoc();
  if (in.bits != out.bits)
    return lstm.emitOpError()
           << "reads " << in.bits << "-bit and writes " << out.bits
           << "-bit activations; TFLite's integer LSTM reads and writes one "
              "type";
  if (out.qmin != out.storageMin() || out.qmax != out.storageMax())
    return lstm.emitOpError()
           << "output range [" << out.qmin << ", " << out.qmax
           << "] in storage is narrower than int" << out.bits
           << "; the integer LSTM's hidden state uses the whole type";
  FailureOr<QuantizedWeights> wx =
      quantizeWeights(lstm, lstm.getInputWeights(), 0);
  FailureOr<QuantizedWeights> wh =
      quantizeWeights(lstm, lstm.getRecurrentWeights(), 0);
  if (failed(wx) || failed(wh))
    return failure();
  std::optional<SmallVector<double>> bias = getConstantFloats(lstm.getBias());
  if (!bias)
    return lstm.emitOpError() << "bias must be a constant";
  const bool wide = in.bits == 16;
  const int64_t units = wh->shape[1];
  const double gateScale = std::ldexp(1.0, nx::kLstmGateScalePower);
  const double cellScale =
      std::ldexp(1.0, static_cast<int>(lstm.getCellScalePower()));
  const double product = std::ldexp(1.0, -30); // two Q0.15 values
  auto multiplier =
      [&](double real,
          const Twine &what) -> FailureOr<nx::QuantizedMultiplier> {
    std::optional<nx::QuantizedMultiplier> m = exactMultiplier(real, rounding);
    if (!m || (wide && m->shift > 7))
      return lstm.emitOpError()
             << what << " multiplier " << real << " is out of range";
    return *m;
  };
  static const char *kGates[] = {"input", "forget", "cell", "output"};
  SmallVector<int32_t> gateMultipliers[2], gateShifts[2];
  SmallVector<APInt> qbias;
  const int64_t biasLimit =
      wide ? (int64_t(1) << 47) - 1 : std::numeric_limits<int32_t>::max();
  for (int g = 0; g < 4; ++g) {
    double sx = wx->scales[wx->perChannel ? g : 0];
    double sh = wh->scales[wh->perChannel ? g : 0];
    FailureOr<nx::QuantizedMultiplier> mx = multiplier(
        in.scale * sx / gateScale, Twine("the ") + kGates[g] + " gate's input");
    FailureOr<nx::QuantizedMultiplier> mh =
        multiplier(out.scale * sh / gateScale,
                   Twine("the ") + kGates[g] + " gate's recurrent");
    if (failed(mx) || failed(mh))
      return failure();
    gateMultipliers[0].push_back(mx->multiplier);
    gateShifts[0].push_back(mx->shift);
    gateMultipliers[1].push_back(mh->multiplier);
    gateShifts[1].push_back(mh->shift);
    for (int64_t j = 0; j < units; ++j) {
      double v = (*bias)[g * units + j];
      double levels = std::round(v / (in.scale * sx));
      if (!std::isfinite(v) || std::fabs(levels) > biasLimit)
        return lstm.emitOpError()
               << "bias of the " << kGates[g] << " gate's unit " << j << " is "
               << v << ", beyond " << (wide ? "2^47" : "int32")
               << " steps of its scale " << in.scale * sx;
      qbias.push_back(APInt(wide ? 64 : 32, static_cast<int64_t>(levels),
                            /*isSigned=*/true));
    }
  }
  FailureOr<nx::QuantizedMultiplier> forget =
      multiplier(std::ldexp(1.0, -15), "the forget gate x cell");
  FailureOr<nx::QuantizedMultiplier> update =
      multiplier(product / cellScale, "the input gate x cell gate");
  FailureOr<nx::QuantizedMultiplier> hidden =
      multiplier(product / out.scale, "the output gate x tanh(cell)");
  if (failed(forget) || failed(update) || failed(hidden))
    return failure();
  double clip = lstm.getCellClip().convertToDouble();
  int64_t cellClip = 0;
  if (clip > 0)
    cellClip = static_cast<int64_t>(std::min(clip / cellScale, 32767.0));
  SmallVector<Value> initial;
  if (Value h0 = lstm.getInitialHidden()) {
    Quant cell{cellScale, 0, -32768, 32767, 16};
    FailureOr<Value> h = initialState(lstm, h0, out, "hidden state");
    FailureOr<Value> c =
        initialState(lstm, lstm.getInitialCell(), cell, "cell state");
    if (failed(h) || failed(c))
      return failure();
    initial = {*h, *c};
  }
  auto biasType =
      RankedTensorType::get({4, units}, builder.getIntegerType(wide ? 64 : 32));
  SmallVector<Value> operands = {
      input, constantI8(loc, wx->shape, wx->levels),
      constantI8(loc, wh->shape, wh->levels),
      arith::ConstantOp::create(builder, loc, biasType,
                                DenseElementsAttr::get(biasType, qbias))};
  operands.append(initial);
  auto gates = [&](StringRef name, ArrayRef<int32_t> v) {
    return builder.getNamedAttr(name, builder.getDenseI32ArrayAttr(v));
  };
  return qint::LstmOp::create(
             builder, loc, TypeRange{storageType(lstm.getResult(), out)},
             operands,
             {named("input_zp", in.zeroPoint),
              named("output_zp", out.zeroPoint),
              gates("input_multiplier", gateMultipliers[0]),
              gates("input_shift", gateShifts[0]),
              gates("recurrent_multiplier", gateMultipliers[1]),
              gates("recurrent_shift", gateShifts[1]),
              named("forget_multiplier", forget->multiplier),
              named("forget_shift", forget->shift),
              named("update_multiplier", update->multiplier),
              named("update_shift", update->shift),
              named("hidden_multiplier", hidden->multiplier),
              named("hidden_shift", hidden->shift),
              named("cell_scale_power", lstm.getCellScalePower()),
              named("cell_clip", cellClip),
              builder.getNamedAttr("time_major",
                                   builder.getBoolAttr(lstm.getTimeMajor())),
              roundingAttr()})
      .getResult();
}

/// qat's integer GRU (qint.gru): int8 in and out, the gates at 2^-12 in
/// and 2^-15 out, the state in Q0.15, the hidden state on the output's
/// grid.
FailureOr<Value> Lowering::emitGru(GruOp gru, Value input, const Quant &in,
                                   const Quant &out) {
  Location loc = gru.getLoc();
  if (in.bits != 8 || out.bits != 8)
    return gru.emitOpError() << "reads or writes 16-bit activations; qat's "
                                "integer GRU is int8";
  if (out.qmin != out.storageMin() || out.qmax != out.storageMax())
    return gru.emitOpError()
           << "output range [" << out.qmin << ", " << out.qmax
           << "] in storage is narrower than int8; the integer GRU's hidden "
              "state uses the whole type";
  FailureOr<QuantizedWeights> wx =
      quantizeWeights(gru, gru.getInputWeights(), 0);
  FailureOr<QuantizedWeights> wh =
      quantizeWeights(gru, gru.getRecurrentWeights(), 0);
  if (failed(wx) || failed(wh))
    return failure();
  std::optional<SmallVector<double>> bx = getConstantFloats(gru.getInputBias());
  std::optional<SmallVector<double>> bh =
      getConstantFloats(gru.getRecurrentBias());
  if (!bx || !bh)
    return gru.emitOpError() << "biases must be constants";
  const int64_t units = wh->shape[1];
  const double gateScale = std::ldexp(1.0, nx::kLstmGateScalePower);
  static const char *kGates[] = {"reset", "update", "new"};
  SmallVector<int32_t> multipliers[2], shifts[2];
  SmallVector<int32_t> biases[2];
  for (int g = 0; g < 3; ++g)
    for (int recurrent = 0; recurrent < 2; ++recurrent) {
      const QuantizedWeights &w = recurrent ? *wh : *wx;
      double inScale = recurrent ? out.scale : in.scale;
      double ws = w.scales[w.perChannel ? g : 0];
      std::optional<nx::QuantizedMultiplier> m =
          exactMultiplier(inScale * ws / gateScale, rounding);
      if (!m)
        return gru.emitOpError()
               << "the " << kGates[g] << " gate's "
               << (recurrent ? "recurrent" : "input") << " multiplier "
               << inScale * ws / gateScale << " is out of range";
      multipliers[recurrent].push_back(m->multiplier);
      shifts[recurrent].push_back(m->shift);
      const SmallVector<double> &b = recurrent ? *bh : *bx;
      for (int64_t j = 0; j < units; ++j) {
        double v = b[g * units + j];
        double levels = std::round(v / (inScale * ws));
        if (!std::isfinite(v) ||
            std::fabs(levels) > std::numeric_limits<int32_t>::max())
          return gru.emitOpError()
                 << (recurrent ? "recurrent" : "input") << " bias of the "
                 << kGates[g] << " gate's unit " << j << " is " << v
                 << ", beyond int32 steps of its scale " << inScale * ws;
        biases[recurrent].push_back(static_cast<int32_t>(levels));
      }
    }
  std::optional<nx::QuantizedMultiplier> hidden =
      exactMultiplier(std::ldexp(1.0, -15) / out.scale, rounding);
  if (!hidden)
    return gru.emitOpError()
           << "the state to output multiplier "
           << std::ldexp(1.0, -15) / out.scale << " is out of range";
  auto gates = [&](StringRef name, ArrayRef<int32_t> v) {
    return builder.getNamedAttr(name, builder.getDenseI32ArrayAttr(v));
  };
  SmallVector<Value> operands = {input, constantI8(loc, wx->shape, wx->levels),
                                 constantI8(loc, wh->shape, wh->levels),
                                 constantI32(loc, {3, units}, biases[0]),
                                 constantI32(loc, {3, units}, biases[1])};
  if (Value s0 = gru.getInitialState()) {
    Quant q15{std::ldexp(1.0, -15), 0, -32768, 32767, 16};
    FailureOr<Value> s = initialState(gru, s0, q15, "state");
    if (failed(s))
      return failure();
    operands.push_back(*s);
  }
  return qint::GruOp::create(
             builder, loc, TypeRange{storageType(gru.getResult(), out)},
             operands,
             {named("input_zp", in.zeroPoint),
              named("output_zp", out.zeroPoint),
              gates("input_multiplier", multipliers[0]),
              gates("input_shift", shifts[0]),
              gates("recurrent_multiplier", multipliers[1]),
              gates("recurrent_shift", shifts[1]),
              named("hidden_multiplier", hidden->multiplier),
              named("hidden_shift", hidden->shift),
              builder.getNamedAttr("time_major",
                                   builder.getBoolAttr(gru.getTimeMajor())),
              roundingAttr()})
      .getResult();
}

FailureOr<Value> Lowering::emitSoftmaxInt16(SoftmaxOp softmax, Value input,
                                            const Quant &in, const Quant &out) {
  std::optional<nx::QuantizedMultiplier> m = nx::prepareSoftmaxInt16(
      softmax.getBeta().convertToDouble(), in.scale, rounding);
  if (!m)
    return softmax.emitOpError() << "beta and input scale give int16 softmax "
                                    "parameters out of range";
  Value result =
      qint::SoftmaxOp::create(
          builder, softmax.getLoc(),
          TypeRange{storageType(softmax.getResult(), 16)}, ValueRange{input},
          {named("input_multiplier", m->multiplier),
           named("input_left_shift", m->shift), roundingAttr()})
          .getResult();
  Quant fixed{1.0 / 32768, 0, -32768, 32767, 16};
  if (fixed == out)
    return result;
  return requantize(softmax, result, fixed, out, out.qmin, out.qmax);
}

FailureOr<Value> Lowering::emitLookup(PointwiseOp op, FakeQuantOp output) {
  FailureOr<std::pair<Value, Quant>> in = lookup(op, op.getInput());
  if (failed(in))
    return failure();
  auto inputFq = op.getInput().getDefiningOp<FakeQuantOp>();
  if (!inputFq)
    return op.emitOpError() << "input must be the result of a "
                               "qat.fake_quant; run qat-propagate-scales first";
  FailureOr<Quant> outQuant = activationQuant(output);
  if (failed(outQuant))
    return failure();
  if (in->second.bits == 16 || outQuant->bits == 16)
    return op.emitOpError() << "has int16 activations; pointwise functions "
                               "are 256-entry int8 tables";
  // The table is exact by construction: each entry is what the fake-quant
  // graph computes for that input level.
  StoredLevels from = storedLevels(inputFq), to = storedLevels(output);
  PointwiseParams function = pointwiseParamsOf(op);
  SmallVector<int8_t> table;
  for (int64_t stored = -128; stored <= 127; ++stored) {
    // Levels outside the input's range never occur; they repeat its ends.
    float x = from.value(std::clamp(stored, in->second.qmin, in->second.qmax));
    table.push_back(static_cast<int8_t>(to.stored(function(x))));
  }
  builder.setInsertionPoint(op);
  return qint::LookupOp::create(
             builder, op.getLoc(), TypeRange{i8Type(op.getResult())},
             ValueRange{in->first},
             {builder.getNamedAttr("table",
                                   builder.getDenseI8ArrayAttr(table))})
      .getResult();
}

LogicalResult Lowering::lowerFakeQuant(FakeQuantOp fq) {
  // Weights are lowered with their layer.
  if (!fq->use_empty() && llvm::all_of(fq->getUses(), isLayerWeights))
    return success();
  FailureOr<Quant> out = activationQuant(fq);
  if (failed(out))
    return failure();
  Value input = fq.getInput();
  Location loc = fq.getLoc();
  builder.setInsertionPoint(fq);

  if (auto arg = dyn_cast<BlockArgument>(input)) {
    // An input's integers may use the whole storage type: a range narrower
    // than it (fbgemm's reduced-range activations, fewer bits) is clamped
    // to its levels, as the fake-quant clamps.
    auto toLevels = [&](Value q) -> FailureOr<Value> {
      if (out->qmin == out->storageMin() && out->qmax == out->storageMax())
        return q;
      return requantize(fq, q, *out, *out, out->qmin, out->qmax);
    };
    if (int8IO) {
      auto [it, inserted] = argumentQuant.try_emplace(arg, *out);
      if (inserted) {
        FailureOr<Value> q = toLevels(arg);
        if (failed(q))
          return failure();
        record(fq, *q, *out);
        return success();
      }
      FailureOr<Value> q =
          requantize(fq, arg, it->second, *out, out->qmin, out->qmax);
      if (failed(q))
        return failure();
      record(fq, *q, *out);
      return success();
    }
    argumentQuant.try_emplace(arg, *out);
    FailureOr<Value> q = toLevels(qint::QuantizeOp::create(
        builder, loc, TypeRange{storageType(arg, *out)}, ValueRange{arg},
        {builder.getNamedAttr("scale", builder.getF64FloatAttr(out->scale)),
         named("zero_point", out->zeroPoint)}));
    if (failed(q))
      return failure();
    record(fq, *q, *out);
    return success();
  }

  if (std::optional<SmallVector<double>> floats = getConstantFloats(input)) {
    // A fake-quantized constant read as an activation (a learned position
    // embedding added to the tokens): its levels now, as the fake-quant
    // graph rounds each float32 value.
    StoredLevels levels = storedLevels(fq);
    SmallVector<APInt> stored;
    for (auto [i, v] : llvm::enumerate(*floats)) {
      if (!std::isfinite(v))
        return fq.emitOpError() << "quantizes a constant whose element " << i
                                << " is " << v << "; it must be finite";
      stored.push_back(APInt(out->bits, levels.stored(static_cast<float>(v)),
                             /*isSigned=*/true));
    }
    auto type = storageType(input, *out);
    record(fq,
           arith::ConstantOp::create(builder, loc, type,
                                     DenseElementsAttr::get(type, stored)),
           *out);
    return success();
  }

  Operation *producer = input.getDefiningOp();
  Operation *activation = nullptr;
  if (isFusedActivation(producer)) {
    activation = producer;
    producer = producer->getOperand(0).getDefiningOp();
  }
  if (requantizesOutput(producer)) {
    if (!producer->getResult(0).hasOneUse() ||
        (activation && !activation->getResult(0).hasOneUse()))
      return producer->emitOpError()
             << "result is used other than by its output fake_quant; run "
                "qat-propagate-scales first";
    auto pointwise = dyn_cast<PointwiseOp>(producer);
    FailureOr<Value> lowered = pointwise
                                   ? emitLookup(pointwise, fq)
                                   : emitLayer(producer, activation, *out, loc);
    if (failed(lowered))
      return failure();
    record(fq, *lowered, *out);
    return success();
  }

  FailureOr<std::pair<Value, Quant>> from = lookup(fq, input);
  if (failed(from))
    return failure();
  if (from->second == *out) {
    record(fq, from->first, *out);
    return success();
  }
  FailureOr<Value> q =
      requantize(fq, from->first, from->second, *out, out->qmin, out->qmax);
  if (failed(q))
    return failure();
  record(fq, *q, *out);
  return success();
}

LogicalResult Lowering::lowerDataMovement(Operation *op) {
  // Layers, their fused activations, mean, softmax and pointwise functions
  // are lowered at their output fake_quant.
  if (requantizesOutput(op) || isFusedActivation(op))
    return success();
  if (isa<BatchNormOp>(op))
    return op->emitOpError() << "must be folded before lowering; run "
                                "qat-fold-batchnorm first";

  FailureOr<std::pair<Value, Quant>> in = lookup(op, op->getOperand(0));
  if (failed(in))
    return failure();
  auto [input, quant] = *in;
  builder.setInsertionPoint(op);
  Location loc = op->getLoc();
  Type type = storageType(op->getResult(0), quant);
  Value result;
  if (isActivation(op)) {
    // A standalone activation on quantized values: a clamp in place.
    FailureOr<std::pair<int64_t, int64_t>> range = clampRange(op, quant, op);
    if (failed(range))
      return failure();
    FailureOr<Value> clamped =
        requantize(op, input, quant, quant, range->first, range->second);
    if (failed(clamped))
      return failure();
    result = *clamped;
  } else if (isa<ReshapeOp>(op)) {
    result = qint::ReshapeOp::create(builder, loc, TypeRange{type},
                                     ValueRange{input})
                 .getResult();
  } else if (auto transpose = dyn_cast<TransposeOp>(op)) {
    result = qint::TransposeOp::create(
                 builder, loc, TypeRange{type}, ValueRange{input},
                 {builder.getNamedAttr("permutation",
                                       transpose.getPermutationAttr())})
                 .getResult();
  } else if (auto slice = dyn_cast<SliceOp>(op)) {
    result = qint::SliceOp::create(
                 builder, loc, TypeRange{type}, ValueRange{input},
                 {builder.getNamedAttr("begin", slice.getBeginAttr()),
                  builder.getNamedAttr("strides", slice.getStridesAttr())})
                 .getResult();
  } else if (auto pool = dyn_cast<MaxPool2DOp>(op)) {
    result = qint::MaxPool2DOp::create(
                 builder, loc, TypeRange{type}, ValueRange{input},
                 {builder.getNamedAttr("kernel", pool.getKernelAttr()),
                  builder.getNamedAttr("strides", pool.getStridesAttr()),
                  builder.getNamedAttr("pad", builder.getDenseI64ArrayAttr(
                                                  pool.getEffectivePad())),
                  named("act_min", quant.qmin), named("act_max", quant.qmax)})
                 .getResult();
  } else if (auto pool = dyn_cast<AvgPool2DOp>(op)) {
    SmallVector<int64_t, 4> pad = pool.getEffectivePad();
    if (pool.getCountIncludePad() &&
        llvm::any_of(pad, [](int64_t p) { return p != 0; }))
      return op->emitOpError()
             << "counts padding in its average (count_include_pad), which "
                "no int8 kernel does (TFLite excludes padding)";
    result =
        qint::AvgPool2DOp::create(
            builder, loc, TypeRange{type}, ValueRange{input},
            {builder.getNamedAttr("kernel", pool.getKernelAttr()),
             builder.getNamedAttr("strides", pool.getStridesAttr()),
             builder.getNamedAttr("pad", builder.getDenseI64ArrayAttr(pad)),
             named("act_min", quant.qmin), named("act_max", quant.qmax)})
            .getResult();
  } else if (auto pad = dyn_cast<PadOp>(op)) {
    result = qint::PadOp::create(
                 builder, loc, TypeRange{type}, ValueRange{input},
                 {builder.getNamedAttr("padding", pad.getPaddingAttr()),
                  named("value",
                        quant.quantizeReal(pad.getValue().convertToDouble()))})
                 .getResult();
  } else if (auto concat = dyn_cast<ConcatOp>(op)) {
    SmallVector<Value> inputs;
    for (Value v : concat.getInputs()) {
      FailureOr<std::pair<Value, Quant>> each = lookup(op, v);
      if (failed(each))
        return failure();
      if (!(each->second == quant))
        return op->emitOpError() << "inputs have different quantization "
                                    "parameters; run qat-propagate-scales "
                                    "first";
      inputs.push_back(each->first);
    }
    result = qint::ConcatOp::create(builder, loc, TypeRange{type}, inputs,
                                    {named("axis", concat.getAxis())})
                 .getResult();
  } else {
    return op->emitOpError() << "has no integer lowering";
  }
  record(op->getResult(0), result, quant);
  return success();
}

LogicalResult Lowering::lowerReturn(func::ReturnOp ret) {
  builder.setInsertionPoint(ret);
  SmallVector<Value> results;
  for (auto [index, operand] : llvm::enumerate(ret.getOperands())) {
    FailureOr<std::pair<Value, Quant>> q = lookup(ret, operand);
    if (failed(q))
      return failure();
    auto [value, quant] = *q;
    func.setResultAttr(index, "qint.scale",
                       builder.getF64FloatAttr(quant.scale));
    func.setResultAttr(index, "qint.zero_point",
                       builder.getI64IntegerAttr(quant.zeroPoint));
    if (int8IO) {
      results.push_back(value);
      continue;
    }
    results.push_back(qint::DequantizeOp::create(
                          builder, ret.getLoc(), TypeRange{operand.getType()},
                          ValueRange{value},
                          {builder.getNamedAttr(
                               "scale", builder.getF64FloatAttr(quant.scale)),
                           named("zero_point", quant.zeroPoint)})
                          .getResult());
  }
  ret->setOperands(results);
  return success();
}

LogicalResult Lowering::checkLegality() {
  WalkResult walk = func.walk([&](Operation *op) {
    if (isa<QATDialect>(op->getDialect())) {
      op->emitOpError() << "survived lowering to qint";
      return WalkResult::interrupt();
    }
    if (isa<qint::QuantizeOp, qint::DequantizeOp, func::ReturnOp>(op))
      return WalkResult::advance();
    for (Value v : op->getResults())
      if (auto t = dyn_cast<RankedTensorType>(v.getType());
          t && isa<FloatType>(t.getElementType())) {
        op->emitOpError() << "produces a float tensor inside the integer "
                             "program";
        return WalkResult::interrupt();
      }
    return WalkResult::advance();
  });
  return failure(walk.wasInterrupted());
}

LogicalResult Lowering::run() {
  // Refuse what no qat lowering knows, naming it, before it can be blamed
  // on the fake_quant that reads its result.
  if (failed(verifyTrainingGraphOps(func,
                                    [](Operation *op) {
                                      return isa<qint::QIntDialect>(
                                          op->getDialect());
                                    })) ||
      failed(verifyTensorSizes(func)))
    return failure();
  Block &body = func.getBody().front();
  SmallVector<Operation *> original;
  for (Operation &op : body)
    original.push_back(&op);

  for (Operation *op : original) {
    LogicalResult result = success();
    if (auto fq = dyn_cast<FakeQuantOp>(op))
      result = lowerFakeQuant(fq);
    else if (isa<QATDialect>(op->getDialect()))
      result = lowerDataMovement(op);
    else if (auto ret = dyn_cast<func::ReturnOp>(op))
      result = lowerReturn(ret);
    if (failed(result))
      return failure();
  }

  for (BlockArgument arg : func.getArguments()) {
    auto it = argumentQuant.find(arg);
    if (it == argumentQuant.end())
      continue;
    func.setArgAttr(arg.getArgNumber(), "qint.scale",
                    builder.getF64FloatAttr(it->second.scale));
    func.setArgAttr(arg.getArgNumber(), "qint.zero_point",
                    builder.getI64IntegerAttr(it->second.zeroPoint));
    if (int8IO)
      arg.setType(storageType(arg, it->second));
  }
  // The boundary layouts the importer recorded are the integer program's
  // too.
  for (auto [from, to] :
       {std::pair<StringRef, StringRef>{"qat.layout", "qint.layout"},
        {"qat.source_layout", "qint.source_layout"}}) {
    for (unsigned i = 0; i < func.getNumArguments(); ++i)
      if (Attribute layout = func.getArgAttr(i, from)) {
        func.setArgAttr(i, to, layout);
        func.removeArgAttr(i, from);
      }
    for (unsigned i = 0; i < func.getNumResults(); ++i)
      if (Attribute layout = func.getResultAttr(i, from)) {
        func.setResultAttr(i, to, layout);
        func.removeResultAttr(i, from);
      }
  }
  // The original ops are now unused, consumers first in reverse order.
  for (Operation *op : llvm::reverse(original))
    if (!isa<func::ReturnOp>(op)) {
      op->dropAllUses();
      op->erase();
    }
  func.setType(FunctionType::get(func.getContext(), body.getArgumentTypes(),
                                 body.getTerminator()->getOperandTypes()));
  return checkLegality();
}

struct LowerToIntPass : qat::impl::QATLowerToIntPassBase<LowerToIntPass> {
  using Base::Base;
  void runOnOperation() override {
    if (rounding != "double" && rounding != "single") {
      getOperation().emitError()
          << "rounding must be 'double' or 'single', not '" << rounding << "'";
      return signalPassFailure();
    }
    // Only training graphs are lowered; other functions (already integer
    // programs, helpers) are left as they are.
    if (!getOperation()
             .walk([](Operation *op) {
               return isa<QATDialect>(op->getDialect())
                          ? WalkResult::interrupt()
                          : WalkResult::advance();
             })
             .wasInterrupted())
      return;
    Lowering lowering(getOperation(),
                      rounding == "single" ? nx::Rounding::Single
                                           : nx::Rounding::Double,
                      int8IO);
    if (failed(lowering.run()))
      signalPassFailure();
  }
};
} // namespace
