// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATKernels.cpp - float semantics of the qat ops ----------*- C++ -*-===//
//
// Each kernel follows docs/Spec.md in float32, one plain loop nest per op.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QAT/IR/QATUtils.h"
#include "qat/Numerics/FakeQuant.h"
#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::qat;
namespace nx = mlir::qat::numerics;

namespace {
Tensor floatResult(Operation *op) {
  return Tensor::zeros(
      ElementKind::F32,
      cast<RankedTensorType>(op->getResult(0).getType()).getShape());
}

Tensor fakeQuant(FakeQuantOp op, const Tensor &in) {
  Tensor out = floatResult(op);
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

template <typename ConvOp>
Tensor conv(ConvOp op, const Tensor &in, const Tensor &filter,
            const Tensor *bias, bool depthwise) {
  Tensor out = floatResult(op);
  SmallVector<int64_t, 4> pad = op.getEffectivePad();
  ArrayRef<int64_t> strides = op.getStrides(), dilations = op.getDilations();
  Window w{filter.shape[1], filter.shape[2], strides[0], strides[1],
           dilations[0],    dilations[1],    pad[0],     pad[2],
           in.shape[1],     in.shape[2]};
  const int64_t inC = in.shape[3];
  const int64_t outH = out.shape[1], outW = out.shape[2], outC = out.shape[3];
  const int64_t multiplier = depthwise ? outC / inC : 1;
  for (int64_t n = 0; n < out.shape[0]; ++n)
    for (int64_t oy = 0; oy < outH; ++oy)
      for (int64_t ox = 0; ox < outW; ++ox)
        for (int64_t oc = 0; oc < outC; ++oc) {
          float acc = bias ? bias->floats[oc] : 0.0f;
          w.forEachTap(
              oy, ox, [&](int64_t ky, int64_t kx, int64_t iy, int64_t ix) {
                const float *pixel =
                    &in.floats[((n * in.shape[1] + iy) * in.shape[2] + ix) *
                               inC];
                if (depthwise) {
                  acc += pixel[oc / multiplier] *
                         filter.floats[(ky * filter.shape[2] + kx) * outC + oc];
                  return;
                }
                const float *taps =
                    &filter.floats
                         [((oc * filter.shape[1] + ky) * filter.shape[2] + kx) *
                          inC];
                for (int64_t ic = 0; ic < inC; ++ic)
                  acc += pixel[ic] * taps[ic];
              });
          out.floats[((n * outH + oy) * outW + ox) * outC + oc] = acc;
        }
  return out;
}

template <typename PoolOp>
Tensor pool(PoolOp op, const Tensor &in, bool isMax, bool countPadding) {
  Tensor out = floatResult(op);
  SmallVector<int64_t, 4> pad = op.getEffectivePad();
  ArrayRef<int64_t> kernel = op.getKernel(), strides = op.getStrides();
  Window w{kernel[0], kernel[1], strides[0], strides[1],  1,
           1,         pad[0],    pad[2],     in.shape[1], in.shape[2]};
  const int64_t c = in.shape[3];
  for (int64_t n = 0; n < out.shape[0]; ++n)
    for (int64_t oy = 0; oy < out.shape[1]; ++oy)
      for (int64_t ox = 0; ox < out.shape[2]; ++ox)
        for (int64_t ch = 0; ch < c; ++ch) {
          float acc = isMax ? -INFINITY : 0.0f;
          int64_t count = 0;
          w.forEachTap(oy, ox, [&](int64_t, int64_t, int64_t iy, int64_t ix) {
            float v =
                in.floats[((n * in.shape[1] + iy) * in.shape[2] + ix) * c + ch];
            acc = isMax ? std::max(acc, v) : acc + v;
            ++count;
          });
          if (!isMax)
            acc /= static_cast<float>(countPadding ? kernel[0] * kernel[1]
                                                   : count);
          out.floats[((n * out.shape[1] + oy) * out.shape[2] + ox) * c + ch] =
              acc;
        }
  return out;
}

template <typename Fn>
Tensor elementwise(Operation *op, const Tensor &in, Fn fn) {
  Tensor out = floatResult(op);
  for (int64_t i = 0; i < in.numElements(); ++i)
    out.floats[i] = fn(in.floats[i]);
  return out;
}

template <typename Fn>
Tensor binary(Operation *op, const Tensor &lhs, const Tensor &rhs, Fn fn) {
  Tensor out = floatResult(op);
  for (int64_t i = 0; i < out.numElements(); ++i)
    out.floats[i] = fn(lhs.floats[broadcastIndex(lhs, i)],
                       rhs.floats[broadcastIndex(rhs, i)]);
  return out;
}

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
} // namespace

namespace mlir::qat {
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
} // namespace mlir::qat

FailureOr<Tensor> mlir::qat::runQATOp(Operation *op,
                                      ArrayRef<const Tensor *> args) {
  const Tensor &a = *args[0];
  return llvm::TypeSwitch<Operation *, FailureOr<Tensor>>(op)
      .Case([&](FakeQuantOp o) { return fakeQuant(o, a); })
      .Case([&](Conv2DOp o) {
        return conv(o, a, *args[1], args.size() > 2 ? args[2] : nullptr,
                    /*depthwise=*/false);
      })
      .Case([&](DepthwiseConv2DOp o) {
        return conv(o, a, *args[1], args.size() > 2 ? args[2] : nullptr,
                    /*depthwise=*/true);
      })
      .Case([&](FullyConnectedOp o) {
        Tensor out = floatResult(o);
        const Tensor &w = *args[1];
        const int64_t k = a.shape[1], outC = w.shape[0];
        for (int64_t n = 0; n < a.shape[0]; ++n)
          for (int64_t oc = 0; oc < outC; ++oc) {
            float acc = args.size() > 2 ? args[2]->floats[oc] : 0.0f;
            for (int64_t i = 0; i < k; ++i)
              acc += a.floats[n * k + i] * w.floats[oc * k + i];
            out.floats[n * outC + oc] = acc;
          }
        return out;
      })
      .Case([&](BatchNormOp o) {
        Tensor out = floatResult(o);
        const float epsilon =
            static_cast<float>(o.getEpsilon().convertToDouble());
        const int64_t c = a.shape.back();
        for (int64_t i = 0; i < a.numElements(); ++i) {
          int64_t ch = i % c;
          out.floats[i] = (a.floats[i] - args[3]->floats[ch]) *
                              args[1]->floats[ch] /
                              std::sqrt(args[4]->floats[ch] + epsilon) +
                          args[2]->floats[ch];
        }
        return out;
      })
      .Case([&](AddOp o) {
        return binary(o, a, *args[1], [](float x, float y) { return x + y; });
      })
      .Case([&](MulOp o) {
        return binary(o, a, *args[1], [](float x, float y) { return x * y; });
      })
      .Case([&](ActivationOpInterface o) {
        auto [realLo, realHi] = o.getClampRange();
        float lo = static_cast<float>(realLo), hi = static_cast<float>(realHi);
        return elementwise(
            o, a, [&](float x) { return std::min(std::max(x, lo), hi); });
      })
      .Case([&](PointwiseOp o) {
        return elementwise(o, a, pointwiseParamsOf(o));
      })
      .Case([&](SoftmaxOp o) {
        Tensor out = floatResult(o);
        const float beta = static_cast<float>(o.getBeta().convertToDouble());
        const int64_t depth = a.shape.back();
        for (int64_t row = 0; row < a.numElements() / depth; ++row) {
          const float *x = &a.floats[row * depth];
          float *y = &out.floats[row * depth];
          float max = -INFINITY;
          for (int64_t i = 0; i < depth; ++i)
            max = std::max(max, beta * x[i]);
          float sum = 0.0f;
          for (int64_t i = 0; i < depth; ++i)
            sum += (y[i] = std::exp(beta * x[i] - max));
          for (int64_t i = 0; i < depth; ++i)
            y[i] /= sum;
        }
        return out;
      })
      .Case([&](MaxPool2DOp o) { return pool(o, a, true, false); })
      .Case([&](AvgPool2DOp o) {
        return pool(o, a, false, o.getCountIncludePad());
      })
      .Case([&](MeanOp o) {
        Tensor out = floatResult(o);
        const int64_t h = a.shape[1], w = a.shape[2], c = a.shape[3];
        for (int64_t n = 0; n < a.shape[0]; ++n)
          for (int64_t ch = 0; ch < c; ++ch) {
            float sum = 0.0f;
            for (int64_t p = 0; p < h * w; ++p)
              sum += a.floats[(n * h * w + p) * c + ch];
            out.floats[n * c + ch] = sum / static_cast<float>(h * w);
          }
        return out;
      })
      .Case([&](ReshapeOp o) { return reshapeTensor(o, a); })
      .Case([&](TransposeOp o) {
        return transposeTensor(o, a, o.getPermutation());
      })
      .Case([&](ConcatOp o) {
        return concatTensors(o, args, o.getAxis(), ElementKind::F32);
      })
      .Case([&](PadOp o) {
        return padTensor(o, a, o.getPadding(),
                         static_cast<float>(o.getValue().convertToDouble()), 0);
      })
      .Default([&](Operation *other) -> FailureOr<Tensor> {
        return other->emitOpError() << "cannot be executed by qat-run";
      });
}
