// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- LayerKernels.cpp - conv2d, depthwise_conv2d, fully_connected -------===//
//
// The layers with weights, in both dialects: float32 tensors whose sums are
// exact (qat: each product of two float32 values is exact in double, and the
// sum is rounded once to float32, so the result does not depend on a
// summation order) and the integer contract (qint: accumulators computed
// exactly and checked against their width, then the output stage).
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::qat;
namespace nx = mlir::qat::numerics;

namespace {
//===----------------------------------------------------------------------===//
// qat: float32
//===----------------------------------------------------------------------===//

template <typename ConvOp>
Tensor floatConv(ConvOp op, const Tensor &in, const Tensor &filter,
                 const Tensor *bias, bool depthwise) {
  Tensor out = resultTensor(op);
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
          double acc = bias ? bias->floats[oc] : 0.0;
          w.forEachTap(
              oy, ox, [&](int64_t ky, int64_t kx, int64_t iy, int64_t ix) {
                const float *pixel =
                    &in.floats[((n * in.shape[1] + iy) * in.shape[2] + ix) *
                               inC];
                if (depthwise) {
                  acc += double(pixel[oc / multiplier]) *
                         filter.floats[(ky * filter.shape[2] + kx) * outC + oc];
                  return;
                }
                const float *taps =
                    &filter.floats
                         [((oc * filter.shape[1] + ky) * filter.shape[2] + kx) *
                          inC];
                for (int64_t ic = 0; ic < inC; ++ic)
                  acc += double(pixel[ic]) * taps[ic];
              });
          out.floats[((n * outH + oy) * outW + ox) * outC + oc] =
              static_cast<float>(acc);
        }
  return out;
}

FailureOr<Tensor> qatConv2D(qat::Conv2DOp op, ArrayRef<const Tensor *> args) {
  return floatConv(op, *args[0], *args[1], args.size() > 2 ? args[2] : nullptr,
                   /*depthwise=*/false);
}

FailureOr<Tensor> qatDepthwise(qat::DepthwiseConv2DOp op,
                               ArrayRef<const Tensor *> args) {
  return floatConv(op, *args[0], *args[1], args.size() > 2 ? args[2] : nullptr,
                   /*depthwise=*/true);
}

FailureOr<Tensor> qatFullyConnected(qat::FullyConnectedOp op,
                                    ArrayRef<const Tensor *> args) {
  const Tensor &a = *args[0], &w = *args[1];
  Tensor out = resultTensor(op);
  // Every leading index is a row.
  const int64_t k = a.shape.back(), outC = w.shape[0];
  const int64_t rows = k ? a.numElements() / k : 0;
  for (int64_t n = 0; n < rows; ++n)
    for (int64_t oc = 0; oc < outC; ++oc) {
      double acc = args.size() > 2 ? args[2]->floats[oc] : 0.0;
      for (int64_t i = 0; i < k; ++i)
        acc += double(a.floats[n * k + i]) * w.floats[oc * k + i];
      out.floats[n * outC + oc] = static_cast<float>(acc);
    }
  return out;
}

FailureOr<Tensor> qatBatchNorm(qat::BatchNormOp op,
                               ArrayRef<const Tensor *> args) {
  const Tensor &a = *args[0];
  Tensor out = resultTensor(op);
  const float epsilon = static_cast<float>(op.getEpsilon().convertToDouble());
  const int64_t c = a.shape.back();
  for (int64_t i = 0; i < a.numElements(); ++i) {
    int64_t ch = i % c;
    out.floats[i] = (a.floats[i] - args[3]->floats[ch]) * args[1]->floats[ch] /
                        std::sqrt(args[4]->floats[ch] + epsilon) +
                    args[2]->floats[ch];
  }
  return out;
}

//===----------------------------------------------------------------------===//
// qint: the integer contract
//===----------------------------------------------------------------------===//

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

/// A window layer's output at NHWC `index` from its exact sum `acc`: the
/// accumulator checked against its width, then the output stage.
LogicalResult storeOutput(Operation *op, const OutputStage &stage, int64_t acc,
                          Tensor &out, ArrayRef<int64_t> index) {
  int64_t channel = index[3];
  FailureOr<int64_t> checked =
      checkedLayerAccumulator(op, stage, acc, channel, index);
  if (failed(checked))
    return failure();
  FailureOr<int32_t> value = stage.apply(op, *checked, channel, index);
  if (failed(value))
    return failure();
  out.ints[((index[0] * out.shape[1] + index[1]) * out.shape[2] + index[2]) *
               out.shape[3] +
           channel] = *value;
  return success();
}

template <typename ConvOp>
FailureOr<Tensor> conv(ConvOp op, const Tensor &in, const Tensor &filter,
                       const Tensor *bias, bool depthwise) {
  Tensor out = resultTensor(op);
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
          if (failed(storeOutput(op, stage, acc, out, {n, oy, ox, oc})))
            return failure();
        }
  return out;
}

/// The defining sum of a transposed convolution, gathered per output: the
/// taps (ky, kx) whose input pixel iy = (oy + pad - ky) / stride is whole
/// and inside the input.
FailureOr<Tensor> qintTransposeConv2D(qint::TransposeConv2DOp op,
                                      ArrayRef<const Tensor *> args) {
  const Tensor &in = *args[0], &filter = *args[1];
  const Tensor *bias = args.size() > 2 ? args[2] : nullptr;
  Tensor out = resultTensor(op);
  OutputStage stage = layerStage(op, op.getInput(), op.getBias());
  ArrayRef<int64_t> strides = op.getStrides(), pad = op.getPad();
  const int64_t inH = in.shape[1], inW = in.shape[2], inC = in.shape[3];
  const int64_t kh = filter.shape[1], kw = filter.shape[2];
  const int64_t outH = out.shape[1], outW = out.shape[2], outC = out.shape[3];
  const int64_t inputZp = op.getInputZp();
  for (int64_t n = 0; n < out.shape[0]; ++n)
    for (int64_t oy = 0; oy < outH; ++oy)
      for (int64_t ox = 0; ox < outW; ++ox)
        for (int64_t oc = 0; oc < outC; ++oc) {
          int64_t acc = bias ? bias->ints[oc] : 0;
          for (int64_t ky = 0; ky < kh; ++ky) {
            int64_t y = oy + pad[0] - ky;
            if (y < 0 || y % strides[0] != 0 || y / strides[0] >= inH)
              continue;
            for (int64_t kx = 0; kx < kw; ++kx) {
              int64_t x = ox + pad[1] - kx;
              if (x < 0 || x % strides[1] != 0 || x / strides[1] >= inW)
                continue;
              const int64_t *pixel =
                  &in.ints[((n * inH + y / strides[0]) * inW + x / strides[1]) *
                           inC];
              const int64_t *taps =
                  &filter.ints[((oc * kh + ky) * kw + kx) * inC];
              for (int64_t ic = 0; ic < inC; ++ic)
                acc += (pixel[ic] - inputZp) * taps[ic];
            }
          }
          if (failed(storeOutput(op, stage, acc, out, {n, oy, ox, oc})))
            return failure();
        }
  return out;
}

FailureOr<Tensor> fullyConnected(qint::FullyConnectedOp op, const Tensor &in,
                                 const Tensor &weights, const Tensor *bias) {
  Tensor out = resultTensor(op);
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

FailureOr<Tensor> qintConv2D(qint::Conv2DOp op, ArrayRef<const Tensor *> args) {
  return conv(op, *args[0], *args[1], args.size() > 2 ? args[2] : nullptr,
              /*depthwise=*/false);
}

FailureOr<Tensor> qintDepthwise(qint::DepthwiseConv2DOp op,
                                ArrayRef<const Tensor *> args) {
  return conv(op, *args[0], *args[1], args.size() > 2 ? args[2] : nullptr,
              /*depthwise=*/true);
}

FailureOr<Tensor> qintFullyConnected(qint::FullyConnectedOp op,
                                     ArrayRef<const Tensor *> args) {
  return fullyConnected(op, *args[0], *args[1],
                        args.size() > 2 ? args[2] : nullptr);
}
} // namespace

void mlir::qat::registerLayerKernels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qat::QATDialect *) {
    attachKernel<qat::Conv2DOp, qatConv2D>(ctx);
    attachKernel<qat::DepthwiseConv2DOp, qatDepthwise>(ctx);
    attachKernel<qat::FullyConnectedOp, qatFullyConnected>(ctx);
    attachKernel<qat::BatchNormOp, qatBatchNorm>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachKernel<qint::Conv2DOp, qintConv2D>(ctx);
    attachKernel<qint::DepthwiseConv2DOp, qintDepthwise>(ctx);
    attachKernel<qint::TransposeConv2DOp, qintTransposeConv2D>(ctx);
    attachKernel<qint::FullyConnectedOp, qintFullyConnected>(ctx);
  });
}
