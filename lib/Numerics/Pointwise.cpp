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
  }
  return x;
}
