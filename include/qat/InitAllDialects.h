// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- InitAllDialects.h - every dialect qat tools load ---------*- C++ -*-===//

#ifndef QAT_INITALLDIALECTS_H
#define QAT_INITALLDIALECTS_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir::qat {
/// Registers qat's dialects and the upstream ones its pipeline reads or
/// produces (func, arith, tensor, quant, linalg, ...).
void registerAllDialects(DialectRegistry &registry);
} // namespace mlir::qat

#endif // QAT_INITALLDIALECTS_H
