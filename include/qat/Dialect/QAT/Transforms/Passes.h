// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Passes.h - passes on the qat dialect ---------------------*- C++ -*-===//

#ifndef QAT_DIALECT_QAT_TRANSFORMS_PASSES_H
#define QAT_DIALECT_QAT_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"
#include "qat/Dialect/QAT/IR/QATDialect.h"

namespace mlir {
class RewritePatternSet;

namespace qat {
#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "qat/Dialect/QAT/Transforms/Passes.h.inc"

/// Adds the pattern that rewrites `quant.dcast(quant.qcast(x))` into
/// `qat.fake_quant(x)`.
void populateImportQuantCastsPatterns(RewritePatternSet &patterns);
} // namespace qat
} // namespace mlir

#endif // QAT_DIALECT_QAT_TRANSFORMS_PASSES_H
