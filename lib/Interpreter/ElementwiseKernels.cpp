// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- ElementwiseKernels.cpp - element by element ------------------------===//
//
// fake_quant, add, mul, the activations and pointwise functions (qat,
// float32), and add, mul, requantize, lookup and the boundary's quantize
// and dequantize (qint, the integer contract).
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QAT/IR/QATUtils.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Arithmetic.h"
#include "qat/Numerics/FakeQuant.h"

#include <algorithm>
#include <cmath>

#include <type_traits>

using namespace mlir;
using namespace mlir::qat;
namespace nx = mlir::qat::numerics;

namespace {
//===----------------------------------------------------------------------===//
// qat: float32
//===----------------------------------------------------------------------===//

FailureOr<Tensor> fakeQuant(FakeQuantOp op, ArrayRef<const Tensor *> args) {
  const Tensor &in = *args[0];
  Tensor out = resultTensor(op);
  int64_t channelStride = 1, channels = 1;
  if (std::optional<int64_t> axis = op.getAxis()) {
    channelStride = stridesOf(in.shape)[*axis];
    channels = in.shape[*axis];
  }
  nx::TieBreaking ties = tieBreakingOf(op);
  if (op.isMinMaxForm()) {
    SmallVector<nx::NudgedRange> ranges;
    for (int64_t c = 0; c < channels; ++c)
      ranges.push_back(*op.getChannelQuantization(c).nudged);
    for (int64_t i = 0; i < in.numElements(); ++i)
      out.floats[i] = nx::fakeQuantMinMax(
          in.floats[i], ranges[(i / channelStride) % channels], ties);
    return out;
  }
  ArrayRef<double> scale = *op.getScale();
  ArrayRef<int64_t> zeroPoint = *op.getZeroPoint();
  for (int64_t i = 0; i < in.numElements(); ++i) {
    int64_t c = (i / channelStride) % channels;
    out.floats[i] = nx::fakeQuantAffine(
        in.floats[i], static_cast<float>(scale[c]), zeroPoint[c],
        *op.getQuantMin(), *op.getQuantMax(), ties);
  }
  return out;
}

template <typename Fn>
Tensor elementwise(Operation *op, const Tensor &in, Fn fn) {
  Tensor out = resultTensor(op);
  for (int64_t i = 0; i < in.numElements(); ++i)
    out.floats[i] = fn(in.floats[i]);
  return out;
}

template <typename Fn>
Tensor binary(Operation *op, const Tensor &lhs, const Tensor &rhs, Fn fn) {
  Tensor out = resultTensor(op);
  for (int64_t i = 0; i < out.numElements(); ++i)
    out.floats[i] = fn(lhs.floats[broadcastIndex(lhs, i)],
                       rhs.floats[broadcastIndex(rhs, i)]);
  return out;
}

FailureOr<Tensor> qatAdd(qat::AddOp op, ArrayRef<const Tensor *> args) {
  return binary(op, *args[0], *args[1], [](float x, float y) { return x + y; });
}

FailureOr<Tensor> qatMul(qat::MulOp op, ArrayRef<const Tensor *> args) {
  return binary(op, *args[0], *args[1], [](float x, float y) { return x * y; });
}

/// relu, relu6 and clamp: the clamp range each states.
FailureOr<Tensor> activation(Operation *op, ArrayRef<const Tensor *> args) {
  auto [realLo, realHi] = cast<ActivationOpInterface>(op).getClampRange();
  float lo = static_cast<float>(realLo), hi = static_cast<float>(realHi);
  return elementwise(op, *args[0],
                     [&](float x) { return std::min(std::max(x, lo), hi); });
}
FailureOr<Tensor> relu(ReluOp op, ArrayRef<const Tensor *> args) {
  return activation(op, args);
}
FailureOr<Tensor> relu6(Relu6Op op, ArrayRef<const Tensor *> args) {
  return activation(op, args);
}
FailureOr<Tensor> clamp(ClampOp op, ArrayRef<const Tensor *> args) {
  return activation(op, args);
}

FailureOr<Tensor> pointwise(PointwiseOp op, ArrayRef<const Tensor *> args) {
  return elementwise(op, *args[0], pointwiseParamsOf(op));
}

//===----------------------------------------------------------------------===//
// qint: the integer contract
//===----------------------------------------------------------------------===//

template <typename Op>
FailureOr<Tensor> add(Op op, const Tensor &lhs, const Tensor &rhs) {
  Tensor out = resultTensor(op);
  nx::AddParams p;
  p.subtract = std::is_same_v<Op, qint::SubOp>;
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
  nx::Rounding rounding = qint::toNumerics(op.getRounding());
  for (int64_t i = 0; i < out.numElements(); ++i)
    out.ints[i] = nx::addElement(
        static_cast<int32_t>(lhs.ints[broadcastIndex(lhs, i)]),
        static_cast<int32_t>(rhs.ints[broadcastIndex(rhs, i)]), p, rounding);
  return out;
}

FailureOr<Tensor> mul(qint::MulOp op, const Tensor &lhs, const Tensor &rhs) {
  Tensor out = resultTensor(op);
  nx::MulParams p;
  p.input1ZeroPoint = op.getLhsZp();
  p.input2ZeroPoint = op.getRhsZp();
  p.outputZeroPoint = op.getOutputZp();
  p.output = {static_cast<int32_t>(op.getOutputMultiplier()),
              static_cast<int32_t>(op.getOutputShift())};
  p.actMin = op.getActMin();
  p.actMax = op.getActMax();
  nx::Rounding rounding = qint::toNumerics(op.getRounding());
  for (int64_t i = 0; i < out.numElements(); ++i)
    out.ints[i] = nx::mulElement(
        static_cast<int32_t>(lhs.ints[broadcastIndex(lhs, i)]),
        static_cast<int32_t>(rhs.ints[broadcastIndex(rhs, i)]), p, rounding);
  return out;
}

FailureOr<Tensor> requantize(qint::RequantizeOp op, const Tensor &in) {
  Tensor out = resultTensor(op);
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

template <typename Op>
FailureOr<Tensor> qintAdd(Op op, ArrayRef<const Tensor *> args) {
  return add(op, *args[0], *args[1]);
}

FailureOr<Tensor> qintMul(qint::MulOp op, ArrayRef<const Tensor *> args) {
  return mul(op, *args[0], *args[1]);
}

FailureOr<Tensor> qintRequantize(qint::RequantizeOp op,
                                 ArrayRef<const Tensor *> args) {
  return requantize(op, *args[0]);
}

FailureOr<Tensor> leakyRelu(qint::LeakyReluOp op,
                            ArrayRef<const Tensor *> args) {
  const Tensor &in = *args[0];
  Tensor out = resultTensor(op);
  // The type's range clamps; one stage per side of zero.
  int32_t lo = in.kind == ElementKind::I16 ? -32768 : -128;
  int32_t hi = -lo - 1;
  const int32_t m[2] = {static_cast<int32_t>(op.getIdentityMultiplier()),
                        static_cast<int32_t>(op.getAlphaMultiplier())};
  const int32_t sh[2] = {static_cast<int32_t>(op.getIdentityShift()),
                         static_cast<int32_t>(op.getAlphaShift())};
  OutputStage stages[2];
  for (int k = 0; k < 2; ++k)
    stages[k] = {static_cast<int32_t>(op.getOutputZp()),
                 ArrayRef<int32_t>(&m[k], 1),
                 ArrayRef<int32_t>(&sh[k], 1),
                 lo,
                 hi,
                 qint::toNumerics(op.getRounding())};
  for (int64_t i = 0; i < in.numElements(); ++i) {
    int64_t x = static_cast<int64_t>(in.ints[i]) - op.getInputZp();
    FailureOr<int32_t> value = stages[x >= 0 ? 0 : 1].apply(op, x, 0, {i});
    if (failed(value))
      return failure();
    out.ints[i] = *value;
  }
  return out;
}

FailureOr<Tensor> lookup(qint::LookupOp op, ArrayRef<const Tensor *> args) {
  const Tensor &a = *args[0];
  Tensor out = resultTensor(op);
  ArrayRef<int8_t> table = op.getTable();
  for (int64_t i = 0; i < a.numElements(); ++i)
    out.ints[i] = table[a.ints[i] + 128];
  return out;
}

FailureOr<Tensor> quantize(qint::QuantizeOp op, ArrayRef<const Tensor *> args) {
  const Tensor &a = *args[0];
  Tensor out = resultTensor(op);
  const bool int16 = out.kind == ElementKind::I16;
  for (int64_t i = 0; i < a.numElements(); ++i)
    out.ints[i] = nx::quantize(a.floats[i], op.getScale().convertToDouble(),
                               op.getZeroPoint(), int16 ? -32768 : -128,
                               int16 ? 32767 : 127);
  return out;
}

FailureOr<Tensor> dequantize(qint::DequantizeOp op,
                             ArrayRef<const Tensor *> args) {
  const Tensor &a = *args[0];
  Tensor out = resultTensor(op);
  for (int64_t i = 0; i < a.numElements(); ++i)
    out.floats[i] = nx::dequantize(a.ints[i], op.getScale().convertToDouble(),
                                   op.getZeroPoint());
  return out;
}
} // namespace

void mlir::qat::registerElementwiseKernels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qat::QATDialect *) {
    attachKernel<FakeQuantOp, fakeQuant>(ctx);
    attachKernel<qat::AddOp, qatAdd>(ctx);
    attachKernel<qat::MulOp, qatMul>(ctx);
    attachKernel<ReluOp, relu>(ctx);
    attachKernel<Relu6Op, relu6>(ctx);
    attachKernel<ClampOp, clamp>(ctx);
    attachKernel<PointwiseOp, pointwise>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachKernel<qint::AddOp, qintAdd<qint::AddOp>>(ctx);
    attachKernel<qint::SubOp, qintAdd<qint::SubOp>>(ctx);
    attachKernel<qint::MulOp, qintMul>(ctx);
    attachKernel<qint::RequantizeOp, qintRequantize>(ctx);
    attachKernel<qint::LookupOp, lookup>(ctx);
    attachKernel<qint::LeakyReluOp, leakyRelu>(ctx);
    attachKernel<qint::QuantizeOp, quantize>(ctx);
    attachKernel<qint::DequantizeOp, dequantize>(ctx);
  });
}
