// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- SoftmaxKernels.cpp - softmax over the last dimension ---------------===//

#include "Kernels.h"

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Softmax.h"

#include <algorithm>
#include <cmath>
#include <vector>

using namespace mlir;
using namespace mlir::qat;
namespace nx = mlir::qat::numerics;

namespace {
FailureOr<Tensor> qatSoftmax(qat::SoftmaxOp op, ArrayRef<const Tensor *> args) {
  const Tensor &a = *args[0];
  Tensor out = resultTensor(op);
  const float beta = static_cast<float>(op.getBeta().convertToDouble());
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
}

Tensor softmaxInt16(qint::SoftmaxOp op, const Tensor &in) {
  Tensor out = resultTensor(op);
  nx::QuantizedMultiplier rescale{static_cast<int32_t>(op.getInputMultiplier()),
                                  static_cast<int32_t>(op.getInputLeftShift())};
  const int64_t depth = in.shape.back();
  std::vector<int16_t> row(depth), result(depth);
  for (int64_t r = 0; r < in.numElements() / depth; ++r) {
    for (int64_t i = 0; i < depth; ++i)
      row[i] = static_cast<int16_t>(in.ints[r * depth + i]);
    nx::softmaxInt16Row(row.data(), result.data(), depth, rescale,
                        qint::toNumerics(op.getRounding()));
    for (int64_t i = 0; i < depth; ++i)
      out.ints[r * depth + i] = result[i];
  }
  return out;
}

FailureOr<Tensor> qintSoftmax(qint::SoftmaxOp op,
                              ArrayRef<const Tensor *> args) {
  const Tensor &in = *args[0];
  if (in.kind == ElementKind::I16)
    return softmaxInt16(op, in);
  Tensor out = resultTensor(op);
  nx::SoftmaxParams p{static_cast<int32_t>(op.getInputMultiplier()),
                      static_cast<int32_t>(op.getInputLeftShift()),
                      static_cast<int32_t>(op.getDiffMin())};
  const int64_t depth = in.shape.back();
  std::vector<int8_t> row(depth), result(depth);
  for (int64_t r = 0; r < in.numElements() / depth; ++r) {
    for (int64_t i = 0; i < depth; ++i)
      row[i] = static_cast<int8_t>(in.ints[r * depth + i]);
    nx::softmaxRow(row.data(), result.data(), depth, p,
                   qint::toNumerics(op.getRounding()));
    for (int64_t i = 0; i < depth; ++i)
      out.ints[r * depth + i] = result[i];
  }
  return out;
}
} // namespace

void mlir::qat::registerSoftmaxKernels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qat::QATDialect *) {
    attachKernel<qat::SoftmaxOp, qatSoftmax>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachKernel<qint::SoftmaxOp, qintSoftmax>(ctx);
  });
}
