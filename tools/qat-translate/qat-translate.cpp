//===- qat-translate.cpp - qat's translations -----------------------------===//
//
// qat-translate --emit-c model.qint.mlir        (NAME.c)
// qat-translate --emit-c-header model.qint.mlir (NAME.h)
//
//===----------------------------------------------------------------------===//

#include "qat/Target/C/EmitC.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  mlir::qat::registerToCTranslations();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "qat translation tool"));
}
