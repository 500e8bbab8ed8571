//===- TranslateRegistration.cpp - qat-translate --import-onnx ------------===//

#include "qat/Target/ONNX/ImportONNX.h"

#include "qat/InitAllDialects.h"

#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;
using namespace mlir::qat;

void mlir::qat::registerFromONNXTranslation() {
  static TranslateToMLIRRegistration importer(
      "import-onnx", "an ONNX QDQ model as a qat fake-quant function",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        return importONNX(buffer->getBuffer(), buffer->getBufferIdentifier(),
                          context);
      },
      [](DialectRegistry &registry) { registerAllDialects(registry); });
}
