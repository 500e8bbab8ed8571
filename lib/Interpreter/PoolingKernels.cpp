// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- PoolingKernels.cpp - max_pool2d, avg_pool2d, mean --------*- C++ -*-===//

#include "Kernels.h"

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Arithmetic.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::qat;
namespace nx = mlir::qat::numerics;

namespace {
//===----------------------------------------------------------------------===//
// qat: float32
//===----------------------------------------------------------------------===//

template <typename PoolOp>
Tensor floatPool(PoolOp op, const Tensor &in, bool isMax, bool countPadding) {
  Tensor out = resultTensor(op);
  SmallVector<int64_t, 4> pad = op.getEffectivePad();
  ArrayRef<int64_t> kernel = op.getKernel(), strides = op.getStrides();
  Window w{kernel[0], kernel[1], strides[0], strides[1],  1,
           1,         pad[0],    pad[2],     in.shape[1], in.shape[2]};
  const int64_t c = in.shape[3];
  for (int64_t n = 0; n < out.shape[0]; ++n)
    for (int64_t oy = 0; oy < out.shape[1]; ++oy)
      for (int64_t ox = 0; ox < out.shape[2]; ++ox)
        for (int64_t ch = 0; ch < c; ++ch) {
          double acc = isMax ? -INFINITY : 0.0;
          int64_t count = 0;
          w.forEachTap(oy, ox, [&](int64_t, int64_t, int64_t iy, int64_t ix) {
            double v =
                in.floats[((n * in.shape[1] + iy) * in.shape[2] + ix) * c + ch];
            acc = isMax ? std::max(acc, v) : acc + v;
            ++count;
          });
          if (!isMax)
            acc /= static_cast<double>(countPadding ? kernel[0] * kernel[1]
                                                    : count);
          out.floats[((n * out.shape[1] + oy) * out.shape[2] + ox) * c + ch] =
              static_cast<float>(acc);
        }
  return out;
}

FailureOr<Tensor> qatMaxPool(qat::MaxPool2DOp op,
                             ArrayRef<const Tensor *> args) {
  return floatPool(op, *args[0], /*isMax=*/true, /*countPadding=*/false);
}

FailureOr<Tensor> qatAvgPool(qat::AvgPool2DOp op,
                             ArrayRef<const Tensor *> args) {
  return floatPool(op, *args[0], /*isMax=*/false, op.getCountIncludePad());
}

FailureOr<Tensor> qatMean(qat::MeanOp op, ArrayRef<const Tensor *> args) {
  const Tensor &a = *args[0];
  Tensor out = resultTensor(op);
  const int64_t h = a.shape[1], w = a.shape[2], c = a.shape[3];
  for (int64_t n = 0; n < a.shape[0]; ++n)
    for (int64_t ch = 0; ch < c; ++ch) {
      double sum = 0.0;
      for (int64_t p = 0; p < h * w; ++p)
        sum += a.floats[(n * h * w + p) * c + ch];
      out.floats[n * c + ch] = static_cast<float>(sum / double(h * w));
    }
  return out;
}

//===----------------------------------------------------------------------===//
// qint: the integer contract
//===----------------------------------------------------------------------===//

template <typename PoolOp>
Tensor pool(PoolOp op, const Tensor &in, bool isMax) {
  Tensor out = resultTensor(op);
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

FailureOr<Tensor> qintMaxPool(qint::MaxPool2DOp op,
                              ArrayRef<const Tensor *> args) {
  return pool(op, *args[0], /*isMax=*/true);
}

FailureOr<Tensor> qintAvgPool(qint::AvgPool2DOp op,
                              ArrayRef<const Tensor *> args) {
  return pool(op, *args[0], /*isMax=*/false);
}

FailureOr<Tensor> qintMean(qint::MeanOp op, ArrayRef<const Tensor *> args) {
  const Tensor &in = *args[0];
  Tensor out = resultTensor(op);
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
                          op.getOutputZp(), qint::toNumerics(op.getRounding()));
    }
  return out;
}

} // namespace

void mlir::qat::registerPoolingKernels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qat::QATDialect *) {
    attachKernel<qat::MaxPool2DOp, qatMaxPool>(ctx);
    attachKernel<qat::AvgPool2DOp, qatAvgPool>(ctx);
    attachKernel<qat::MeanOp, qatMean>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachKernel<qint::MaxPool2DOp, qintMaxPool>(ctx);
    attachKernel<qint::AvgPool2DOp, qintAvgPool>(ctx);
    attachKernel<qint::MeanOp, qintMean>(ctx);
  });
}
