// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QIntDialect.h - qint dialect -----------------------------*- C++ -*-===//
//
// The qint dialect: int8 kernels with int32 accumulators.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_DIALECT_QINT_IR_QINTDIALECT_H
#define QAT_DIALECT_QINT_IR_QINTDIALECT_H

#include "mlir/IR/Dialect.h"

#include "qat/Dialect/QInt/IR/QIntOpsDialect.h.inc"

#endif // QAT_DIALECT_QINT_IR_QINTDIALECT_H
