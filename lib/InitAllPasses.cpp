//===- InitAllPasses.cpp - every pass qat tools register --------*- C++ -*-===//

#include "qat/InitAllPasses.h"

#include "mlir/Transforms/Passes.h"
#include "qat/Dialect/QAT/Transforms/Passes.h"

void mlir::qat::registerAllPasses() {
  registerQATPasses();
  registerCanonicalizerPass();
  registerCSEPass();
  registerInlinerPass();
  registerSymbolDCEPass();
}
