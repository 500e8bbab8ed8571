// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- InitAllPasses.h - every pass qat tools register ----------*- C++ -*-===//

#ifndef QAT_INITALLPASSES_H
#define QAT_INITALLPASSES_H

namespace mlir::qat {
/// Registers qat's passes and the upstream passes its pipelines use, so that
/// `qat-opt --help` lists exactly what applies to qat programs.
void registerAllPasses();
} // namespace mlir::qat

#endif // QAT_INITALLPASSES_H
