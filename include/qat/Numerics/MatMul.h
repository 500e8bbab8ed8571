// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- MatMul.h - TFLite's integer batch matmul -----------------*- C++ -*-===//
//
// The product of two activations, as TFLite's BATCH_MATMUL computes it:
// int8 operands with an int32 accumulator, int16 ones (zero points 0) with
// an int64 accumulator and the 64-bit rescale. docs/Numerics.md, section
// 14.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_NUMERICS_MATMUL_H
#define QAT_NUMERICS_MATMUL_H

#include "qat/Numerics/Requantization.h"

#include <cstdint>
#include <vector>

namespace mlir::qat::numerics {

struct BatchMatMulParams {
  /// Per output matrix (row-major over the output's batch dimensions), the
  /// index of the lhs and rhs matrix it reads (broadcasting repeats one).
  std::vector<int64_t> lhsMatrix, rhsMatrix;
  /// The output matrices are [rows, cols]; the sums run over depth.
  int64_t rows = 0, cols = 0, depth = 0;
  /// lhs matrices are [depth, rows] (else [rows, depth]); rhs matrices
  /// [cols, depth] (else [depth, cols]).
  bool adjX = false, adjY = false;
  /// int16 operands: an int64 accumulator and the 64-bit rescale.
  bool int16 = false;
  int32_t lhsZp = 0, rhsZp = 0, outputZp = 0;
  QuantizedMultiplier output{};
  int32_t actMin = -128, actMax = 127;
  Rounding rounding = Rounding::Double;
};

/// For operands and output of one rank (the last two dimensions the
/// matrices, the others batch dimensions, 1 in an operand broadcasting):
/// per output matrix, row-major, the lhs and rhs matrix it reads.
void broadcastMatrices(const std::vector<int64_t> &lhs,
                       const std::vector<int64_t> &rhs,
                       const std::vector<int64_t> &out,
                       std::vector<int64_t> &lhsMatrix,
                       std::vector<int64_t> &rhsMatrix);

/// Every output matrix; operands and output widened to int32.
void batchMatMul(const BatchMatMulParams &p, const int32_t *lhs,
                 const int32_t *rhs, int32_t *output);

} // namespace mlir::qat::numerics

#endif // QAT_NUMERICS_MATMUL_H
