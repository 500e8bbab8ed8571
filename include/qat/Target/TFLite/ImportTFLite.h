// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- ImportTFLite.h - TFLite flatbuffers to qint programs -----*- C++ -*-===//
//
// The TFLite front end: a quantized `.tflite` model (int8, or TFLite's 16x8
// scheme) becomes one `qint` function computing what TensorFlow Lite
// Micro's reference kernels compute, to the bit. The file is already an
// integer program, so the importer goes to `qint` directly: it derives each
// kernel's multipliers and shifts from the stored scales as TFLite does and
// keeps the stored int32 biases. docs/TFLite.md lists the operators.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_TARGET_TFLITE_IMPORTTFLITE_H
#define QAT_TARGET_TFLITE_IMPORTTFLITE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>

namespace mlir::qat {

struct TFLiteImportOptions {
  /// The imported function's symbol.
  std::string functionName = "main";
};

/// Imports the TFLite model held in `bytes`; `fileName` names it in
/// diagnostics. Errors are emitted to `context`'s diagnostic handlers and
/// give a null module.
OwningOpRef<ModuleOp> importTFLite(llvm::StringRef bytes,
                                   llvm::StringRef fileName,
                                   MLIRContext *context,
                                   const TFLiteImportOptions &options = {});

/// Whether `path` names a TFLite model (by its `.tflite` extension).
bool isTFLiteFile(llvm::StringRef path);

/// Registers `--import-tflite` with mlir-translate's registry, for
/// qat-translate.
void registerFromTFLiteTranslation();

} // namespace mlir::qat

#endif // QAT_TARGET_TFLITE_IMPORTTFLITE_H
