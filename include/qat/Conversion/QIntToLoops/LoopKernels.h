// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- LoopKernels.h - qint ops' loop lowerings -----------------*- C++ -*-===//

#ifndef QAT_CONVERSION_QINTTOLOOPS_LOOPKERNELS_H
#define QAT_CONVERSION_QINTTOLOOPS_LOOPKERNELS_H

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/OpDefinition.h"

namespace mlir::qat {
/// Builds the loop nests of one function's kernels (lib/Conversion/
/// QIntToLoops/LoopBuilder.h).
class LoopBuilder;
} // namespace mlir::qat

#include "qat/Conversion/QIntToLoops/LoopKernelInterface.h.inc"

namespace mlir::qat {
/// Attaches every qint op's loop lowering (LoopKernelOpInterface).
void registerLoopKernels(DialectRegistry &registry);
} // namespace mlir::qat

#endif // QAT_CONVERSION_QINTTOLOOPS_LOOPKERNELS_H
