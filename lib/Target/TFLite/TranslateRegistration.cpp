// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- TranslateRegistration.cpp - qat-translate --import-tflite ----------===//

#include "qat/Target/TFLite/ImportTFLite.h"

#include "qat/InitAllDialects.h"

#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
using namespace mlir::qat;

void mlir::qat::registerFromTFLiteTranslation() {
  static TranslateToMLIRRegistration importer(
      "import-tflite", "a quantized TFLite model as a qint integer program",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        return importTFLite(buffer->getBuffer(), buffer->getBufferIdentifier(),
                            context);
      },
      [](DialectRegistry &registry) { registerAllDialects(registry); });
}
