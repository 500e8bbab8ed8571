//===- qat-opt.cpp - the qat optimizer driver -------------------*- C++ -*-===//
//
// Runs qat and upstream passes on .mlir files: the tool users and lit tests
// drive the compiler with.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "qat/InitAllDialects.h"
#include "qat/InitAllPasses.h"

int main(int argc, char **argv) {
  mlir::qat::registerAllPasses();
  mlir::DialectRegistry registry;
  mlir::qat::registerAllDialects(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "qat optimizer driver\n", registry));
}
