// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- InitAllPasses.cpp - every pass qat tools register --------*- C++ -*-===//

#include "qat/InitAllPasses.h"

#include "mlir/Transforms/Passes.h"
#include "qat/Conversion/Passes.h"
#include "qat/Dialect/QAT/Transforms/Passes.h"
#include "qat/Dialect/QInt/Transforms/Passes.h"
#include "qat/Pipelines/Pipelines.h"

void mlir::qat::registerAllPasses() {
  registerQATPasses();
  registerQATConversionPasses();
  qint::registerQIntPasses();
  registerQATPipelines();
  registerCanonicalizerPass();
  registerCSEPass();
  registerInlinerPass();
  registerSymbolDCEPass();
}
