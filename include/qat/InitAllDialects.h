// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- InitAllDialects.h - every dialect qat tools load ---------*- C++ -*-===//

#ifndef QAT_INITALLDIALECTS_H
#define QAT_INITALLDIALECTS_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir::qat {
/// Registers qat's dialects and the upstream ones its pipeline reads or
/// produces (func, arith, tensor, quant, linalg, ...), with each backend's
/// side of every op (the interpreter's, the loop lowering's and the C
/// emitter's kernels, attached as external models).
void registerAllDialects(DialectRegistry &registry);
} // namespace mlir::qat

#endif // QAT_INITALLDIALECTS_H
