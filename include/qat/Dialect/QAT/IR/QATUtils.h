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

/// The dimension of a weight operand that indexes output channels: 0 for
/// conv2d (OHWI) and fully_connected ([O, K]), 3 for depthwise (1HWC).
std::optional<int64_t> outputChannelAxis(Operation *layer);

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
