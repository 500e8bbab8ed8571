// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATDialect.h - qat dialect -------------------------------*- C++ -*-===//
//
// The qat dialect: float training graphs with fake-quant ops.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_DIALECT_QAT_IR_QATDIALECT_H
#define QAT_DIALECT_QAT_IR_QATDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Dialect.h"

#include "qat/Dialect/QAT/IR/QATOpsDialect.h.inc"

namespace mlir::qat {
/// Registers the qat dialect.
void registerQATDialect(DialectRegistry &registry);
} // namespace mlir::qat

#endif // QAT_DIALECT_QAT_IR_QATDIALECT_H
