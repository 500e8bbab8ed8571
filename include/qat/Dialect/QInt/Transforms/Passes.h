// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Passes.h - passes on the qint dialect --------------------*- C++ -*-===//

#ifndef QAT_DIALECT_QINT_TRANSFORMS_PASSES_H
#define QAT_DIALECT_QINT_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::qint {
#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "qat/Dialect/QInt/Transforms/Passes.h.inc"

/// The largest accumulator a conv2d, depthwise_conv2d or fully_connected can
/// reach over all its inputs (qint-check-accumulators' bound), or nullopt
/// for other ops and non-constant weights.
std::optional<int64_t> accumulatorBound(Operation *op);

/// The largest accumulator such a layer may hold: 2^31 - 1 for int32
/// accumulators, 2^47 - 1 for the int64 accumulator of int16 layers.
int64_t accumulatorLimit(Operation *op);

/// qint-check-accumulators' output-stage proof alone (quant_c7): every
/// layer's output stage computes within int32 for any accumulator it can
/// hold (its bound capped at the accumulator's width), and so does every
/// requantization of a constant. The C emitter runs it on every program:
/// TFLite's int16 layers with an i32 bias rely on their data, not a proof,
/// to keep the accumulator in range, but no kernel may wrap after it.
LogicalResult checkOutputStages(Operation *root);
} // namespace mlir::qint

#endif // QAT_DIALECT_QINT_TRANSFORMS_PASSES_H
