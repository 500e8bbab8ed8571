// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- NormalizationKernels.cpp - layer norm ------------------------------===//

#include "Kernels.h"

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Normalization.h"

#include <cmath>
#include <vector>

using namespace mlir;
using namespace mlir::qat;

namespace {
/// The float layer norm (fake-quant semantics), in double per row, rounded
/// once to float.
FailureOr<Tensor> qatLayerNorm(qat::LayerNormOp op,
                               ArrayRef<const Tensor *> args) {
  const Tensor &x = *args[0], &gamma = *args[1], &beta = *args[2];
  Tensor out = resultTensor(op);
  const int64_t n = x.shape.back(),
                rows = n ? static_cast<int64_t>(x.floats.size()) / n : 0;
  const double epsilon = op.getEpsilon().convertToDouble();
  for (int64_t r = 0; r < rows; ++r) {
    const float *v = &x.floats[r * n];
    double mean = 0, variance = 0;
    for (int64_t i = 0; i < n; ++i)
      mean += v[i];
    mean /= n;
    for (int64_t i = 0; i < n; ++i)
      variance += (v[i] - mean) * (v[i] - mean);
    variance /= n;
    const double scale = 1.0 / std::sqrt(variance + epsilon);
    for (int64_t i = 0; i < n; ++i)
      out.floats[r * n + i] = static_cast<float>(
          gamma.floats[i] * (v[i] - mean) * scale + beta.floats[i]);
  }
  return out;
}

FailureOr<Tensor> qintLayerNorm(qint::LayerNormOp op,
                                ArrayRef<const Tensor *> args) {
  Tensor out = resultTensor(op);
  auto widen = [](const Tensor &t) {
    return std::vector<int32_t>(t.ints.begin(), t.ints.end());
  };
  std::vector<int32_t> x = widen(*args[0]), gamma = widen(*args[1]),
                       y(out.ints.size());
  std::vector<int64_t> beta(args[2]->ints.begin(), args[2]->ints.end());
  numerics::layerNorm(op.getLayerNormParams(), x.data(), gamma.data(),
                      beta.data(), y.data());
  out.ints.assign(y.begin(), y.end());
  return out;
}
} // namespace

void mlir::qat::registerNormalizationKernels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qat::QATDialect *) {
    attachKernel<qat::LayerNormOp, qatLayerNorm>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachKernel<qint::LayerNormOp, qintLayerNorm>(ctx);
  });
}
