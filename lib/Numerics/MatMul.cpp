// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- MatMul.cpp - TFLite's integer batch matmul -------------------------===//

#include "qat/Numerics/MatMul.h"

#include <algorithm>

using namespace mlir::qat::numerics;

void mlir::qat::numerics::broadcastMatrices(const std::vector<int64_t> &lhs,
                                            const std::vector<int64_t> &rhs,
                                            const std::vector<int64_t> &out,
                                            std::vector<int64_t> &lhsMatrix,
                                            std::vector<int64_t> &rhsMatrix) {
  const size_t batchDims = out.size() - 2;
  int64_t matrices = 1;
  for (size_t d = 0; d < batchDims; ++d)
    matrices *= out[d];
  lhsMatrix.clear();
  rhsMatrix.clear();
  for (int64_t b = 0; b < matrices; ++b) {
    int64_t rest = b, l = 0, r = 0, lStride = 1, rStride = 1;
    for (size_t d = batchDims; d-- > 0;) {
      int64_t index = rest % out[d];
      rest /= out[d];
      l += (lhs[d] == 1 ? 0 : index) * lStride;
      r += (rhs[d] == 1 ? 0 : index) * rStride;
      lStride *= lhs[d];
      rStride *= rhs[d];
    }
    lhsMatrix.push_back(l);
    rhsMatrix.push_back(r);
  }
}

void mlir::qat::numerics::batchMatMul(const BatchMatMulParams &p,
                                      const int32_t *lhs, const int32_t *rhs,
                                      int32_t *output) {
  const int64_t M = p.rows, N = p.cols, K = p.depth;
  for (size_t b = 0; b < p.lhsMatrix.size(); ++b) {
    const int32_t *l = lhs + p.lhsMatrix[b] * M * K;
    const int32_t *r = rhs + p.rhsMatrix[b] * K * N;
    int32_t *out = output + static_cast<int64_t>(b) * M * N;
    for (int64_t i = 0; i < M; ++i)
      for (int64_t j = 0; j < N; ++j) {
        // Exact in int64 for both widths: the verifier bounds K.
        int64_t acc = 0;
        for (int64_t k = 0; k < K; ++k) {
          int64_t a = p.adjX ? l[k * M + i] : l[i * K + k];
          int64_t c = p.adjY ? r[j * K + k] : r[k * N + j];
          acc += (a - p.lhsZp) * (c - p.rhsZp);
        }
        int32_t scaled =
            p.int16 ? multiplyByQuantizedMultiplier64(acc, p.output.multiplier,
                                                      p.output.shift)
                    : multiplyByQuantizedMultiplier(static_cast<int32_t>(acc),
                                                    p.output.multiplier,
                                                    p.output.shift, p.rounding);
        out[i * N + j] = std::clamp(scaled + p.outputZp, p.actMin, p.actMax);
      }
  }
}
