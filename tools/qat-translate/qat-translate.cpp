//===- qat-translate.cpp - qat's translations -----------------------------===//
//
// qat-translate --import-onnx model.onnx         (a qat fake-quant function)
// qat-translate --emit-c model.qint.mlir        (NAME.c)
// qat-translate --emit-c-header model.qint.mlir (NAME.h)
//
//===----------------------------------------------------------------------===//

#include "qat/Target/C/EmitC.h"
#include "qat/Target/ONNX/ImportONNX.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  mlir::qat::registerToCTranslations();
  mlir::qat::registerFromONNXTranslation();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "qat translation tool"));
}
