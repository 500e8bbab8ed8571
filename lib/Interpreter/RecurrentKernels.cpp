// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- RecurrentKernels.cpp - LSTM over a sequence ------------------------===//

#include "Kernels.h"

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Recurrent.h"

#include <vector>

using namespace mlir;
using namespace mlir::qat;

namespace {
FailureOr<Tensor> qintLstm(qint::LstmOp op, ArrayRef<const Tensor *> args) {
  const Tensor &input = *args[0];
  Tensor out = resultTensor(op);
  auto narrow = [](const Tensor &t) {
    return std::vector<int8_t>(t.ints.begin(), t.ints.end());
  };
  std::vector<int32_t> x(input.ints.begin(), input.ints.end()),
      y(out.ints.size());
  std::vector<int8_t> wx = narrow(*args[1]), wh = narrow(*args[2]);
  numerics::lstm(op.getLstmParams(), x.data(), wx.data(), wh.data(),
                 args[3]->ints.data(), y.data());
  out.ints.assign(y.begin(), y.end());
  return out;
}
} // namespace

void mlir::qat::registerRecurrentKernels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachKernel<qint::LstmOp, qintLstm>(ctx);
  });
}
