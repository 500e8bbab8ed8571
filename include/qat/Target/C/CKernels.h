// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CKernels.h - qint ops' runtime calls ---------------------*- C++ -*-===//

#ifndef QAT_TARGET_C_CKERNELS_H
#define QAT_TARGET_C_CKERNELS_H

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/OpDefinition.h"

namespace mlir::qat {
/// Writes one model's C file (lib/Target/C/CSourceWriter.h).
class CSourceWriter;
} // namespace mlir::qat

#include "qat/Target/C/CKernelInterface.h.inc"

namespace mlir::qat {
/// Attaches every qint op's runtime call (CKernelOpInterface).
void registerCKernels(DialectRegistry &registry);
} // namespace mlir::qat

#endif // QAT_TARGET_C_CKERNELS_H
