// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- ModelFile.h - the model files every tool reads -----------*- C++ -*-===//
//
// One entry for the tools, the C API and embedders: a path to a module, by
// its extension: an ONNX QDQ model (a qat fake-quant graph), a TFLite model
// (a qint integer program), or MLIR text or bytecode.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_TARGET_MODELFILE_H
#define QAT_TARGET_MODELFILE_H

#include "qat/Target/ONNX/ImportONNX.h"
#include "qat/Target/TFLite/ImportTFLite.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/SourceMgr.h"

namespace mlir::qat {

/// Reads a model file: ONNX when isONNXFile, TFLite when isTFLiteFile, MLIR
/// text or bytecode otherwise. `options` applies to ONNX.
OwningOpRef<ModuleOp> parseModelFile(llvm::StringRef path,
                                     llvm::SourceMgr &sourceMgr,
                                     MLIRContext *context,
                                     const ONNXImportOptions &options = {});

} // namespace mlir::qat

#endif // QAT_TARGET_MODELFILE_H
