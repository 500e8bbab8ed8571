//===- Passes.h - passes on the qint dialect --------------------*- C++ -*-===//

#ifndef QAT_DIALECT_QINT_TRANSFORMS_PASSES_H
#define QAT_DIALECT_QINT_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::qint {
#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "qat/Dialect/QInt/Transforms/Passes.h.inc"
} // namespace mlir::qint

#endif // QAT_DIALECT_QINT_TRANSFORMS_PASSES_H
