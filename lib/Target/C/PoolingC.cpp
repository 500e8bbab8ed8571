// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- PoolingC.cpp - max/average pool and mean runtime calls -------------===//

#include "CSourceWriter.h"

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::c_runtime;

namespace {
template <typename PoolOp>
LogicalResult pool2D(PoolOp pool, CSourceWriter &w) {
  FailureOr<std::string> in = w.operand(pool, pool.getInput());
  if (failed(in))
    return failure();
  ArrayRef<int64_t> i = shapeOf(pool.getInput()), o = shapeOf(pool.getOutput());
  ArrayRef<int64_t> k = pool.getKernel(), s = pool.getStrides(),
                    pad = pool.getPad();
  SmallVector<std::string> fields;
  for (int64_t v : {i[0], i[1], i[2], i[3], o[1], o[2], k[0], k[1], s[0], s[1],
                    pad[0], pad[2], pool.getActMin(), pool.getActMax()})
    fields.push_back(cLiteral(v));
  std::string p = w.params("qat_rt_pool_params", fields);
  std::string kernel = std::is_same_v<PoolOp, qint::MaxPool2DOp>
                           ? "qat_rt_max_pool2d"
                           : "qat_rt_avg_pool2d";
  if (isInt16(pool.getInput()))
    kernel += "_s16";
  w.call(pool, kernel + "(" + p + ", " + *in + ", " + w.result(pool) + ")");
  return success();
}

LogicalResult mean(qint::MeanOp mean, CSourceWriter &w) {
  FailureOr<std::string> in = w.operand(mean, mean.getInput());
  if (failed(in))
    return failure();
  ArrayRef<int64_t> i = shapeOf(mean.getInput());
  std::string p =
      w.params("qat_rt_mean_params",
               {cLiteral(i[0]), cLiteral(i[1]), cLiteral(i[2]), cLiteral(i[3]),
                cLiteral(mean.getInputZp()), cLiteral(mean.getOutputZp()),
                cLiteral(mean.getMultiplier()), cLiteral(mean.getShift()),
                roundingName(mean.getRounding())});
  w.call(mean, "qat_rt_mean(" + p + ", " + *in + ", " + w.result(mean) + ")");
  return success();
}
} // namespace

void mlir::qat::registerPoolingC(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachCKernel<qint::MaxPool2DOp, pool2D<qint::MaxPool2DOp>>(ctx);
    attachCKernel<qint::AvgPool2DOp, pool2D<qint::AvgPool2DOp>>(ctx);
    attachCKernel<qint::MeanOp, mean>(ctx);
  });
}
