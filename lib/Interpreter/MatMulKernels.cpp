// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- MatMulKernels.cpp - products of two activations --------------------===//

#include "Kernels.h"

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/MatMul.h"

#include <vector>

using namespace mlir;
using namespace mlir::qat;

namespace {
/// The float product (fake-quant semantics: the operands are on their
/// grids, the result's fake_quant rounds it).
FailureOr<Tensor> qatMatMul(qat::MatMulOp op, ArrayRef<const Tensor *> args) {
  const Tensor &lhs = *args[0], &rhs = *args[1];
  Tensor out = resultTensor(op);
  std::vector<int64_t> lm, rm;
  numerics::broadcastMatrices({lhs.shape.begin(), lhs.shape.end()},
                              {rhs.shape.begin(), rhs.shape.end()},
                              {out.shape.begin(), out.shape.end()}, lm, rm);
  const size_t rank = out.shape.size();
  const int64_t M = out.shape[rank - 2], N = out.shape[rank - 1],
                K = op.getAdjX() ? lhs.shape[rank - 2] : lhs.shape[rank - 1];
  const bool adjX = op.getAdjX(), adjY = op.getAdjY();
  const float alpha = static_cast<float>(op.getAlpha().convertToDouble());
  for (size_t b = 0; b < lm.size(); ++b) {
    const float *l = &lhs.floats[lm[b] * M * K],
                *r = &rhs.floats[rm[b] * K * N];
    float *o = &out.floats[b * M * N];
    for (int64_t i = 0; i < M; ++i)
      for (int64_t j = 0; j < N; ++j) {
        float acc = 0.0f;
        for (int64_t k = 0; k < K; ++k)
          acc += (adjX ? l[k * M + i] : l[i * K + k]) *
                 (adjY ? r[j * K + k] : r[k * N + j]);
        o[i * N + j] = alpha * acc;
      }
  }
  return out;
}

FailureOr<Tensor> qintBatchMatMul(qint::BatchMatMulOp op,
                                  ArrayRef<const Tensor *> args) {
  Tensor out = resultTensor(op);
  auto widen = [](const Tensor &t) {
    return std::vector<int32_t>(t.ints.begin(), t.ints.end());
  };
  std::vector<int32_t> lhs = widen(*args[0]), rhs = widen(*args[1]),
                       y(out.ints.size());
  numerics::batchMatMul(op.getBatchMatMulParams(), lhs.data(), rhs.data(),
                        y.data());
  out.ints.assign(y.begin(), y.end());
  return out;
}
} // namespace

void mlir::qat::registerMatMulKernels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qat::QATDialect *) {
    attachKernel<qat::MatMulOp, qatMatMul>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachKernel<qint::BatchMatMulOp, qintBatchMatMul>(ctx);
  });
}
