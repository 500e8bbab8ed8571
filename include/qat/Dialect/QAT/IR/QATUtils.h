// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATUtils.h - helpers for passes on qat graphs ------------*- C++ -*-===//

#ifndef QAT_DIALECT_QAT_IR_QATUTILS_H
#define QAT_DIALECT_QAT_IR_QATUTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Numerics/FakeQuant.h"
#include "qat/Numerics/Pointwise.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mlir::qat {

/// The elements of a float tensor constant (arith.constant), as doubles.
std::optional<SmallVector<double>> getConstantFloats(Value value);

/// The one value of a splat f32 constant (constant work, whatever its size).
std::optional<float> getConstantSplat(Value value);

/// An f32 arith.constant of `shape` holding `values` (rounded to float).
Value createFloatConstant(OpBuilder &builder, Location loc,
                          ArrayRef<int64_t> shape, ArrayRef<double> values);

/// Whether `op` is an activation (ActivationOpInterface).
inline bool isActivation(Operation *op) {
  return isa_and_nonnull<ActivationOpInterface>(op);
}

/// Whether `op`'s kernel ends in a clamp that absorbs a following
/// activation (the FusesActivation trait).
inline bool fusesActivation(Operation *op) {
  return op && op->hasTrait<OpTrait::qat::FusesActivation>();
}

/// Whether `op`'s integer kernel writes its result in the quantization of
/// the fake_quant after it (the RequantizesOutput trait).
inline bool requantizesOutput(Operation *op) {
  return op && op->hasTrait<OpTrait::qat::RequantizesOutput>();
}

/// Whether `op` is an activation whose producer absorbs it: its clamp
/// range, not an op of the integer program.
inline bool isFusedActivation(Operation *op) {
  return isActivation(op) && fusesActivation(op->getOperand(0).getDefiningOp());
}

/// Whether `use` is a weights operand of a layer (LayerOpInterface) or of
/// a recurrent layer (RecurrentOpInterface).
inline bool isLayerWeights(OpOperand &use) {
  if (auto recurrent = dyn_cast<RecurrentOpInterface>(use.getOwner()))
    return recurrent.isWeightsOperand(use.getOperandNumber());
  auto layer = dyn_cast<LayerOpInterface>(use.getOwner());
  return layer &&
         use.getOperandNumber() == layer.getLayerWeightsOperandNumber();
}

/// Refuses, naming it, the first op under `root` that a training graph may not
/// hold: anything but qat ops, arith.constant, functions and their returns,
/// and what `alsoAllowed` accepts. Passes call this first, so that an unknown
/// op is not blamed on the qat op that reads its result.
LogicalResult
verifyTrainingGraphOps(Operation *root,
                       function_ref<bool(Operation *)> alsoAllowed = nullptr);

/// The numerics library's tie-breaking for a fake_quant's (effective)
/// rounding mode.
numerics::TieBreaking tieBreakingOf(FakeQuantOp fq);

/// A pointwise op's function and parameters, for the numerics library.
struct PointwiseParams {
  numerics::PointwiseFunction function;
  float alpha, beta;
  float operator()(float x) const {
    return numerics::evaluatePointwise(function, x, alpha, beta);
  }
};
PointwiseParams pointwiseParamsOf(PointwiseOp op);

} // namespace mlir::qat

#endif // QAT_DIALECT_QAT_IR_QATUTILS_H
