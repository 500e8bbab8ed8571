// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Npy.h - NumPy .npy files for qat-run ---------------------*- C++ -*-===//
//
// Reads and writes the NumPy .npy format (versions 1 to 3, C order) for the
// element types qat programs use: float32 ('<f4'), int8 ('|i1') and int32
// ('<i4').
//
//===----------------------------------------------------------------------===//

#ifndef QAT_INTERPRETER_NPY_H
#define QAT_INTERPRETER_NPY_H

#include "qat/Interpreter/Tensor.h"
#include "llvm/Support/Error.h"

namespace mlir::qat {

/// Reads `path`; the error names the file and what is wrong with it.
llvm::Expected<Tensor> readNpy(llvm::StringRef path);

/// Writes `tensor` to `path`.
llvm::Error writeNpy(llvm::StringRef path, const Tensor &tensor);

} // namespace mlir::qat

#endif // QAT_INTERPRETER_NPY_H
