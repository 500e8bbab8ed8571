// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- TranslateRegistration.cpp - qat-translate --import-onnx ------------===//

#include "qat/Target/ONNX/ImportONNX.h"

#include "qat/InitAllDialects.h"

#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
using namespace mlir::qat;

static llvm::cl::opt<BoundaryLayout> onnxLayout(
    "onnx-layout",
    llvm::cl::desc("--import-onnx: the layout of the function's image "
                   "arguments and results"),
    llvm::cl::values(clEnumValN(BoundaryLayout::NHWC, "nhwc",
                                "channels last, as the kernels compute "
                                "(default)"),
                     clEnumValN(BoundaryLayout::NCHW, "nchw",
                                "ONNX's channels first, transposed inside")),
    llvm::cl::init(BoundaryLayout::NHWC));

void mlir::qat::registerFromONNXTranslation() {
  static TranslateToMLIRRegistration importer(
      "import-onnx", "an ONNX QDQ model as a qat fake-quant function",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        ONNXImportOptions options;
        options.layout = onnxLayout;
        return importONNX(buffer->getBuffer(), buffer->getBufferIdentifier(),
                          context, options);
      },
      [](DialectRegistry &registry) { registerAllDialects(registry); });
}
