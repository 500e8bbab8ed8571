// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Pointwise.cpp - float functions int8 code computes by table --------===//

#include "qat/Numerics/Pointwise.h"

#include <algorithm>
#include <cmath>

using namespace mlir::qat::numerics;

float mlir::qat::numerics::evaluatePointwise(PointwiseFunction function,
                                             float x, float alpha, float beta) {
  switch (function) {
  case PointwiseFunction::Sigmoid:
    return static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(x))));
  case PointwiseFunction::Tanh:
    return static_cast<float>(std::tanh(static_cast<double>(x)));
  case PointwiseFunction::HardSigmoid:
    return std::max(0.0f, std::min(1.0f, alpha * x + beta));
  case PointwiseFunction::HardSwish:
    // PyTorch's hardswish kernel: x * min(max(x + 3, 0), 6) / 6.
    return x * std::min(std::max(x + 3.0f, 0.0f), 6.0f) / 6.0f;
  case PointwiseFunction::LeakyRelu:
    return x >= 0.0f ? x : alpha * x;
  case PointwiseFunction::Gelu: {
    // x Phi(x), Phi the standard normal distribution function.
    double v = x;
    return static_cast<float>(0.5 * v * (1.0 + std::erf(v / std::sqrt(2.0))));
  }
  case PointwiseFunction::GeluTanh: {
    double v = x;
    const double sqrt2OverPi = 0.7978845608028654;
    double inner = sqrt2OverPi * (v + 0.044715 * v * v * v);
    return static_cast<float>(0.5 * v * (1.0 + std::tanh(inner)));
  }
  case PointwiseFunction::Erf:
    return static_cast<float>(std::erf(static_cast<double>(x)));
  case PointwiseFunction::Silu: {
    double v = x;
    return static_cast<float>(v / (1.0 + std::exp(-v)));
  }
  }
  return x;
}
