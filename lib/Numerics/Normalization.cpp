// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Normalization.cpp - integer layer norm -----------------------------===//

#include "qat/Numerics/Normalization.h"

#include "qat/Numerics/Generic.h"

#include <algorithm>

using namespace mlir::qat::numerics;
namespace gen = mlir::qat::numerics::generic;

void mlir::qat::numerics::layerNorm(const LayerNormParams &p,
                                    const int32_t *input, const int32_t *gamma,
                                    const int64_t *beta, int32_t *output) {
  gen::ScalarDomain d;
  const int64_t N = p.size;
  const bool single = p.rounding == Rounding::Single;
  for (int64_t row = 0; row < p.rows; ++row) {
    const int32_t *x = input + row * N;
    int32_t *y = output + row * N;
    int32_t sum = 0;
    for (int64_t i = 0; i < N; ++i)
      sum += x[i];
    // Centred values N x - sum: N times x minus the mean, exact.
    int64_t squares = 0;
    for (int64_t i = 0; i < N; ++i) {
      int64_t c = N * x[i] - sum;
      squares += c * c;
    }
    auto [shift, reciprocal] = gen::layerNormInverse(d, squares + p.epsilon);
    for (int64_t i = 0; i < N; ++i) {
      int32_t t =
          gen::layerNormNormalize(d, static_cast<int32_t>(N * x[i] - sum),
                                  shift, reciprocal, p.fractionBits());
      int32_t scaled =
          p.int16 ? gen::mbqm64(d, int64_t(t) * gamma[i] + beta[i],
                                p.output.multiplier, p.output.shift)
                  : gen::mbqm(d, t * gamma[i] + static_cast<int32_t>(beta[i]),
                              p.output.multiplier, p.output.shift, single);
      y[i] = std::clamp(scaled + p.outputZp, p.actMin, p.actMax);
    }
  }
}
