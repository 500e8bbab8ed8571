// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- ModelFile.cpp - a model file by its extension ----------------------===//

#include "qat/Target/ModelFile.h"

#include "qat/Support/InputFile.h"

#include "mlir/Parser/Parser.h"

using namespace mlir;

OwningOpRef<ModuleOp>
mlir::qat::parseModelFile(StringRef path, llvm::SourceMgr &sourceMgr,
                          MLIRContext *context,
                          const ONNXImportOptions &options) {
  std::string reason;
  std::unique_ptr<llvm::MemoryBuffer> file = qat::openInputFile(path, &reason);
  if (!file) {
    emitError(FileLineColLoc::get(context, path, 0, 0))
        << "cannot open input file '" << path << "': " << reason;
    return nullptr;
  }
  if (isONNXFile(path))
    return importONNX(file->getBuffer(), path, context, options);
  if (isTFLiteFile(path))
    return importTFLite(file->getBuffer(), path, context);
  if (failed(checkTextNesting(file->getBuffer(), path, context)))
    return nullptr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  return parseSourceFile<ModuleOp>(sourceMgr, context);
}
