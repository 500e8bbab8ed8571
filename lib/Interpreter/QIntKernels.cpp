// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QIntKernels.cpp - integer semantics of the qint ops ------*- C++ -*-===//
//
// Each kernel follows docs/Numerics.md, calling the numerics library for
// every rounding step. Accumulators are computed in int64 and must fit in
// int32: a program whose accumulator would overflow is reported, since its
// result on the device is undefined.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Arithmetic.h"
#include "qat/Numerics/FakeQuant.h"
#include "qat/Numerics/Softmax.h"
#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>
#include <limits>

using namespace mlir;
using namespace mlir::qint;
using mlir::qat::broadcastIndex;
using mlir::qat::ElementKind;
using mlir::qat::Tensor;
using mlir::qat::Window;
namespace nx = mlir::qat::numerics;

namespace {
Tensor intResult(Operation *op) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  return Tensor::zeros(*mlir::qat::elementKindOf(type.getElementType()),
                       type.getShape());
}

/// The output stage of a requantizing kernel. An int16 layer without an
/// int32 bias accumulates in int64 and rescales with the 64-bit multiply.
struct OutputStage {
  int32_t outputZp;
  ArrayRef<int32_t> multiplier, shift;
  int32_t actMin, actMax;
  nx::Rounding rounding;
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
      scaled =
          nx::multiplyByQuantizedMultiplier64(acc, multiplier[c], shift[c]);
    } else {
      // The rescale is computable for acc when it is for |acc|.
      if (!nx::requantizedBound(std::abs(acc), multiplier[c], shift[c],
                                rounding))
        return outOfRange(op, index, acc);
      scaled = nx::multiplyByQuantizedMultiplier(
          static_cast<int32_t>(acc), multiplier[c], shift[c], rounding);
    }
    const int64_t withZp = scaled + outputZp;
    if (withZp < std::numeric_limits<int32_t>::min() ||
        withZp > std::numeric_limits<int32_t>::max())
      return outOfRange(op, index, acc);
    return nx::clampTo(static_cast<int32_t>(withZp), actMin, actMax);
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
          toNumerics(op.getRounding())};
}

/// The output stage of a layer, knowing its accumulator from its input and
/// bias types.
template <typename Op>
OutputStage layerStage(Op op, Value input, Value bias) {
  OutputStage stage = outputStage(op);
  stage.int64Accumulator = hasInt64Accumulator(input, bias);
  return stage;
}

/// An int32 accumulator from its exact int64 value, or an error.
FailureOr<int32_t> checkedAccumulator(Operation *op, int64_t acc,
                                      ArrayRef<int64_t> index) {
  if (acc >= std::numeric_limits<int32_t>::min() &&
      acc <= std::numeric_limits<int32_t>::max())
    return static_cast<int32_t>(acc);
  InFlightDiagnostic diag = op->emitOpError()
                            << "int32 accumulator overflows at output [";
  llvm::interleaveComma(index, diag);
  return diag << "]: the exact sum is " << acc;
}

/// A layer's accumulator checked against its width: int32, or for int64
/// accumulators |acc| < 2^47 with a rescaled value within int32.
FailureOr<int64_t> checkedLayerAccumulator(Operation *op,
                                           const OutputStage &stage,
                                           int64_t acc, int64_t channel,
                                           ArrayRef<int64_t> index) {
  if (!stage.int64Accumulator)
    return checkedAccumulator(op, acc, index);
  constexpr int64_t kLimit = int64_t(1) << 47;
  size_t c = stage.multiplier.size() == 1 ? 0 : channel;
  const int64_t m = stage.multiplier[c];
  const int64_t reduced = m < 0x7FFF0000 ? (m + (1 << 15)) >> 16 : 0x7FFF;
  const int64_t total = 15 - stage.shift[c];
  if (acc >= -kLimit && acc < kLimit) {
    int64_t scaled = (acc * reduced + (int64_t(1) << (total - 1))) >> total;
    if (scaled >= std::numeric_limits<int32_t>::min() &&
        scaled <= std::numeric_limits<int32_t>::max())
      return acc;
  }
  InFlightDiagnostic diag = op->emitOpError()
                            << "int64 accumulator leaves the 64-bit rescale's "
                               "range (|acc| < 2^47, result within int32) at "
                               "output [";
  llvm::interleaveComma(index, diag);
  return diag << "]: the exact sum is " << acc;
}

template <typename ConvOp>
FailureOr<Tensor> conv(ConvOp op, const Tensor &in, const Tensor &filter,
                       const Tensor *bias, bool depthwise) {
  Tensor out = intResult(op);
  OutputStage stage = layerStage(op, op.getInput(), op.getBias());
  ArrayRef<int64_t> pad = op.getPad(), strides = op.getStrides(),
                    dilations = op.getDilations();
  Window w{filter.shape[1], filter.shape[2], strides[0], strides[1],
           dilations[0],    dilations[1],    pad[0],     pad[2],
           in.shape[1],     in.shape[2]};
  const int64_t inC = in.shape[3], inputZp = op.getInputZp();
  const int64_t outH = out.shape[1], outW = out.shape[2], outC = out.shape[3];
  const int64_t multiplier = depthwise ? outC / inC : 1;
  for (int64_t n = 0; n < out.shape[0]; ++n)
    for (int64_t oy = 0; oy < outH; ++oy)
      for (int64_t ox = 0; ox < outW; ++ox)
        for (int64_t oc = 0; oc < outC; ++oc) {
          int64_t acc = bias ? bias->ints[oc] : 0;
          w.forEachTap(
              oy, ox, [&](int64_t ky, int64_t kx, int64_t iy, int64_t ix) {
                const int64_t *pixel =
                    &in.ints[((n * in.shape[1] + iy) * in.shape[2] + ix) * inC];
                if (depthwise) {
                  acc += (pixel[oc / multiplier] - inputZp) *
                         filter.ints[(ky * filter.shape[2] + kx) * outC + oc];
                  return;
                }
                const int64_t *taps =
                    &filter
                         .ints[((oc * filter.shape[1] + ky) * filter.shape[2] +
                                kx) *
                               inC];
                for (int64_t ic = 0; ic < inC; ++ic)
                  acc += (pixel[ic] - inputZp) * taps[ic];
              });
          FailureOr<int64_t> checked =
              checkedLayerAccumulator(op, stage, acc, oc, {n, oy, ox, oc});
          if (failed(checked))
            return failure();
          FailureOr<int32_t> value =
              stage.apply(op, *checked, oc, {n, oy, ox, oc});
          if (failed(value))
            return failure();
          out.ints[((n * outH + oy) * outW + ox) * outC + oc] = *value;
        }
  return out;
}

FailureOr<Tensor> fullyConnected(FullyConnectedOp op, const Tensor &in,
                                 const Tensor &weights, const Tensor *bias) {
  Tensor out = intResult(op);
  OutputStage stage = layerStage(op, op.getInput(), op.getBias());
  const int64_t k = in.shape[1], outC = weights.shape[0];
  for (int64_t n = 0; n < in.shape[0]; ++n)
    for (int64_t oc = 0; oc < outC; ++oc) {
      int64_t acc = bias ? bias->ints[oc] : 0;
      for (int64_t i = 0; i < k; ++i)
        acc +=
            (in.ints[n * k + i] - op.getInputZp()) * weights.ints[oc * k + i];
      FailureOr<int64_t> checked =
          checkedLayerAccumulator(op, stage, acc, oc, {n, oc});
      if (failed(checked))
        return failure();
      FailureOr<int32_t> value = stage.apply(op, *checked, oc, {n, oc});
      if (failed(value))
        return failure();
      out.ints[n * outC + oc] = *value;
    }
  return out;
}

template <typename PoolOp>
Tensor pool(PoolOp op, const Tensor &in, bool isMax) {
  Tensor out = intResult(op);
  ArrayRef<int64_t> kernel = op.getKernel(), strides = op.getStrides(),
                    pad = op.getPad();
  Window w{kernel[0], kernel[1], strides[0], strides[1],  1,
           1,         pad[0],    pad[2],     in.shape[1], in.shape[2]};
  const int64_t c = in.shape[3];
  const int32_t lo = op.getActMin(), hi = op.getActMax();
  for (int64_t n = 0; n < out.shape[0]; ++n)
    for (int64_t oy = 0; oy < out.shape[1]; ++oy)
      for (int64_t ox = 0; ox < out.shape[2]; ++ox)
        for (int64_t ch = 0; ch < c; ++ch) {
          int32_t acc = isMax ? std::numeric_limits<int32_t>::min() : 0;
          int32_t count = 0;
          w.forEachTap(oy, ox, [&](int64_t, int64_t, int64_t iy, int64_t ix) {
            int32_t v = static_cast<int32_t>(
                in.ints[((n * in.shape[1] + iy) * in.shape[2] + ix) * c + ch]);
            acc = isMax ? std::max(acc, v) : acc + v;
            ++count;
          });
          // The verifier (window_c5) guarantees count > 0.
          if (!isMax)
            acc = nx::roundedDivide(acc, count);
          out.ints[((n * out.shape[1] + oy) * out.shape[2] + ox) * c + ch] =
              nx::clampTo(acc, lo, hi);
        }
  return out;
}

FailureOr<Tensor> add(AddOp op, const Tensor &lhs, const Tensor &rhs) {
  Tensor out = intResult(op);
  nx::AddParams p;
  p.input1ZeroPoint = op.getLhsZp();
  p.input2ZeroPoint = op.getRhsZp();
  p.outputZeroPoint = op.getOutputZp();
  p.leftShift = op.getLeftShift();
  p.input1 = {static_cast<int32_t>(op.getLhsMultiplier()),
              static_cast<int32_t>(op.getLhsShift())};
  p.input2 = {static_cast<int32_t>(op.getRhsMultiplier()),
              static_cast<int32_t>(op.getRhsShift())};
  p.output = {static_cast<int32_t>(op.getOutputMultiplier()),
              static_cast<int32_t>(op.getOutputShift())};
  p.actMin = op.getActMin();
  p.actMax = op.getActMax();
  nx::Rounding rounding = toNumerics(op.getRounding());
  for (int64_t i = 0; i < out.numElements(); ++i)
    out.ints[i] = nx::addElement(
        static_cast<int32_t>(lhs.ints[broadcastIndex(lhs, i)]),
        static_cast<int32_t>(rhs.ints[broadcastIndex(rhs, i)]), p, rounding);
  return out;
}

FailureOr<Tensor> mul(MulOp op, const Tensor &lhs, const Tensor &rhs) {
  Tensor out = intResult(op);
  nx::MulParams p;
  p.input1ZeroPoint = op.getLhsZp();
  p.input2ZeroPoint = op.getRhsZp();
  p.outputZeroPoint = op.getOutputZp();
  p.output = {static_cast<int32_t>(op.getOutputMultiplier()),
              static_cast<int32_t>(op.getOutputShift())};
  p.actMin = op.getActMin();
  p.actMax = op.getActMax();
  nx::Rounding rounding = toNumerics(op.getRounding());
  for (int64_t i = 0; i < out.numElements(); ++i)
    out.ints[i] = nx::mulElement(
        static_cast<int32_t>(lhs.ints[broadcastIndex(lhs, i)]),
        static_cast<int32_t>(rhs.ints[broadcastIndex(rhs, i)]), p, rounding);
  return out;
}

FailureOr<Tensor> requantize(RequantizeOp op, const Tensor &in) {
  Tensor out = intResult(op);
  OutputStage stage = outputStage(op);
  int64_t channelStride = 1, channels = 1;
  if (std::optional<int64_t> axis = op.getAxis()) {
    channelStride = mlir::qat::stridesOf(in.shape)[*axis];
    channels = in.shape[*axis];
  }
  for (int64_t i = 0; i < in.numElements(); ++i) {
    int64_t centred = static_cast<int64_t>(in.ints[i]) - op.getInputZp();
    FailureOr<int32_t> acc = checkedAccumulator(op, centred, {i});
    if (failed(acc))
      return failure();
    FailureOr<int32_t> value =
        stage.apply(op, *acc, (i / channelStride) % channels, {i});
    if (failed(value))
      return failure();
    out.ints[i] = *value;
  }
  return out;
}

FailureOr<Tensor> mean(MeanOp op, const Tensor &in) {
  Tensor out = intResult(op);
  const int64_t h = in.shape[1], w = in.shape[2], c = in.shape[3];
  nx::QuantizedMultiplier m{static_cast<int32_t>(op.getMultiplier()),
                            static_cast<int32_t>(op.getShift())};
  for (int64_t n = 0; n < in.shape[0]; ++n)
    for (int64_t ch = 0; ch < c; ++ch) {
      int64_t sum = 0;
      for (int64_t p = 0; p < h * w; ++p)
        sum += in.ints[(n * h * w + p) * c + ch] - op.getInputZp();
      FailureOr<int32_t> sum32 = checkedAccumulator(op, sum, {n, ch});
      if (failed(sum32))
        return failure();
      out.ints[n * c + ch] =
          nx::meanFromSum(*sum32, static_cast<int32_t>(h * w), m,
                          op.getOutputZp(), toNumerics(op.getRounding()));
    }
  return out;
}

Tensor softmaxInt16(SoftmaxOp op, const Tensor &in) {
  Tensor out = intResult(op);
  nx::QuantizedMultiplier rescale{static_cast<int32_t>(op.getInputMultiplier()),
                                  static_cast<int32_t>(op.getInputLeftShift())};
  const int64_t depth = in.shape.back();
  std::vector<int16_t> row(depth), result(depth);
  for (int64_t r = 0; r < in.numElements() / depth; ++r) {
    for (int64_t i = 0; i < depth; ++i)
      row[i] = static_cast<int16_t>(in.ints[r * depth + i]);
    nx::softmaxInt16Row(row.data(), result.data(), depth, rescale,
                        toNumerics(op.getRounding()));
    for (int64_t i = 0; i < depth; ++i)
      out.ints[r * depth + i] = result[i];
  }
  return out;
}

Tensor softmax(SoftmaxOp op, const Tensor &in) {
  if (in.kind == ElementKind::I16)
    return softmaxInt16(op, in);
  Tensor out = intResult(op);
  nx::SoftmaxParams p{static_cast<int32_t>(op.getInputMultiplier()),
                      static_cast<int32_t>(op.getInputLeftShift()),
                      static_cast<int32_t>(op.getDiffMin())};
  const int64_t depth = in.shape.back();
  std::vector<int8_t> row(depth), result(depth);
  for (int64_t r = 0; r < in.numElements() / depth; ++r) {
    for (int64_t i = 0; i < depth; ++i)
      row[i] = static_cast<int8_t>(in.ints[r * depth + i]);
    nx::softmaxRow(row.data(), result.data(), depth, p,
                   toNumerics(op.getRounding()));
    for (int64_t i = 0; i < depth; ++i)
      out.ints[r * depth + i] = result[i];
  }
  return out;
}
} // namespace

FailureOr<Tensor> mlir::qat::runQIntOp(Operation *op,
                                       ArrayRef<const Tensor *> args) {
  const Tensor &a = *args[0];
  const Tensor *bias = args.size() > 2 ? args[2] : nullptr;
  return llvm::TypeSwitch<Operation *, FailureOr<Tensor>>(op)
      .Case([&](Conv2DOp o) { return conv(o, a, *args[1], bias, false); })
      .Case(
          [&](DepthwiseConv2DOp o) { return conv(o, a, *args[1], bias, true); })
      .Case([&](FullyConnectedOp o) {
        return fullyConnected(o, a, *args[1], bias);
      })
      .Case([&](AddOp o) { return add(o, a, *args[1]); })
      .Case([&](MulOp o) { return mul(o, a, *args[1]); })
      .Case([&](RequantizeOp o) { return requantize(o, a); })
      .Case([&](MaxPool2DOp o) -> FailureOr<Tensor> {
        return pool(o, a, /*isMax=*/true);
      })
      .Case([&](AvgPool2DOp o) -> FailureOr<Tensor> {
        return pool(o, a, /*isMax=*/false);
      })
      .Case([&](MeanOp o) { return mean(o, a); })
      .Case([&](LookupOp o) -> FailureOr<Tensor> {
        Tensor out = intResult(o);
        ArrayRef<int8_t> table = o.getTable();
        for (int64_t i = 0; i < a.numElements(); ++i)
          out.ints[i] = table[a.ints[i] + 128];
        return out;
      })
      .Case([&](SoftmaxOp o) -> FailureOr<Tensor> { return softmax(o, a); })
      .Case([&](PadOp o) -> FailureOr<Tensor> {
        return padTensor(o, a, o.getPadding(), 0.0f,
                         static_cast<int32_t>(o.getValue()));
      })
      .Case([&](ConcatOp o) -> FailureOr<Tensor> {
        return concatTensors(o, args, o.getAxis(), args[0]->kind);
      })
      .Case(
          [&](ReshapeOp o) -> FailureOr<Tensor> { return reshapeTensor(o, a); })
      .Case([&](TransposeOp o) -> FailureOr<Tensor> {
        return transposeTensor(o, a, o.getPermutation());
      })
      .Case([&](QuantizeOp o) -> FailureOr<Tensor> {
        Tensor out = intResult(o);
        const bool int16 = out.kind == ElementKind::I16;
        for (int64_t i = 0; i < a.numElements(); ++i)
          out.ints[i] = nx::quantize(
              a.floats[i], o.getScale().convertToDouble(), o.getZeroPoint(),
              int16 ? -32768 : -128, int16 ? 32767 : 127);
        return out;
      })
      .Case([&](DequantizeOp o) -> FailureOr<Tensor> {
        Tensor out = intResult(o);
        for (int64_t i = 0; i < a.numElements(); ++i)
          out.floats[i] = nx::dequantize(
              a.ints[i], o.getScale().convertToDouble(), o.getZeroPoint());
        return out;
      })
      .Default([&](Operation *other) -> FailureOr<Tensor> {
        return other->emitOpError() << "cannot be executed by qat-run";
      });
}
