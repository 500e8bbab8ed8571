// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- MatMulKernels.cpp - products of two activations --------------------===//

#include "Kernels.h"

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/MatMul.h"

#include <vector>

using namespace mlir;
using namespace mlir::qat;

namespace {
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
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachKernel<qint::BatchMatMulOp, qintBatchMatMul>(ctx);
  });
}
