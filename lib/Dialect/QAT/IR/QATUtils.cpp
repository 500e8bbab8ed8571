// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATUtils.cpp - helpers for passes on qat graphs --------------------===//

#include "qat/Dialect/QAT/IR/QATUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "qat/Dialect/QAT/IR/QATOps.h"

using namespace mlir;
using namespace mlir::qat;

std::optional<SmallVector<double>> mlir::qat::getConstantFloats(Value value) {
  auto constant = value.getDefiningOp<arith::ConstantOp>();
  if (!constant)
    return std::nullopt;
  auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
  if (!dense || !dense.getElementType().isF32())
    return std::nullopt;
  SmallVector<double> values;
  for (float v : dense.getValues<float>())
    values.push_back(v);
  return values;
}

std::optional<float> mlir::qat::getConstantSplat(Value value) {
  auto constant = value.getDefiningOp<arith::ConstantOp>();
  auto dense = constant ? dyn_cast<DenseElementsAttr>(constant.getValue())
                        : DenseElementsAttr();
  if (!dense || !dense.getElementType().isF32() || !dense.isSplat())
    return std::nullopt;
  return dense.getSplatValue<float>();
}

Value mlir::qat::createFloatConstant(OpBuilder &builder, Location loc,
                                     ArrayRef<int64_t> shape,
                                     ArrayRef<double> values) {
  auto type = RankedTensorType::get(shape, builder.getF32Type());
  SmallVector<float> floats(values.begin(), values.end());
  auto attr = DenseElementsAttr::get(type, ArrayRef<float>(floats));
  return arith::ConstantOp::create(builder, loc, type, attr);
}

numerics::TieBreaking mlir::qat::tieBreakingOf(FakeQuantOp fq) {
  switch (fq.getEffectiveRounding()) {
  case RoundingMode::half_to_even:
    return numerics::TieBreaking::HalfToEven;
  case RoundingMode::half_away_from_zero:
    return numerics::TieBreaking::HalfAwayFromZero;
  case RoundingMode::half_up:
    return numerics::TieBreaking::HalfUp;
  }
  return numerics::TieBreaking::HalfToEven;
}

PointwiseParams mlir::qat::pointwiseParamsOf(PointwiseOp op) {
  auto function = [&] {
    switch (op.getFunction()) {
    case PointwiseFunction::sigmoid:
      return numerics::PointwiseFunction::Sigmoid;
    case PointwiseFunction::tanh:
      return numerics::PointwiseFunction::Tanh;
    case PointwiseFunction::hard_sigmoid:
      return numerics::PointwiseFunction::HardSigmoid;
    case PointwiseFunction::hard_swish:
      return numerics::PointwiseFunction::HardSwish;
    case PointwiseFunction::leaky_relu:
      return numerics::PointwiseFunction::LeakyRelu;
    case PointwiseFunction::gelu:
      return numerics::PointwiseFunction::Gelu;
    case PointwiseFunction::gelu_tanh:
      return numerics::PointwiseFunction::GeluTanh;
    case PointwiseFunction::silu:
      return numerics::PointwiseFunction::Silu;
    case PointwiseFunction::erf:
      return numerics::PointwiseFunction::Erf;
    }
    llvm_unreachable("unknown pointwise function");
  };
  auto param = [](std::optional<APFloat> v) {
    return v ? static_cast<float>(v->convertToDouble()) : 0.0f;
  };
  return {function(), param(op.getAlpha()), param(op.getBeta())};
}

LogicalResult
mlir::qat::verifyTrainingGraphOps(Operation *root,
                                  function_ref<bool(Operation *)> alsoAllowed) {
  WalkResult walk = root->walk([&](Operation *op) {
    if (isa<QATDialect>(op->getDialect()) || isa<arith::ConstantOp>(op) ||
        isa<FunctionOpInterface>(op) || op->hasTrait<OpTrait::ReturnLike>() ||
        (alsoAllowed && alsoAllowed(op)))
      return WalkResult::advance();
    op->emitOpError() << "is not supported in a qat training graph (it "
                         "holds qat ops, arith.constant and func.return)";
    return WalkResult::interrupt();
  });
  return failure(walk.wasInterrupted());
}
