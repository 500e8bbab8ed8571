// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- my-opt.cpp - a downstream -opt tool with qat inside ----------------===//
//
// A project's own optimizer driver: its dialects and passes would be
// registered next to qat's, with one call each.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "qat/InitAllDialects.h"
#include "qat/InitAllPasses.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::qat::registerAllDialects(registry);
  mlir::qat::registerAllPasses();
  // ... the project's own dialects and passes here ...
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "my-opt (qat embedded)\n", registry));
}
