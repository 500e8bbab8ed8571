// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- TranslateRegistration.cpp - qat-translate --emit-c -----------------===//

#include "qat/Target/C/EmitC.h"

#include "qat/InitAllDialects.h"

#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"

using namespace mlir;
using namespace mlir::qat;

namespace {
llvm::cl::opt<std::string>
    cName("c-name",
          llvm::cl::desc("emit-c: the model name (default: the function's)"));
llvm::cl::opt<bool>
    cStaticArena("c-static-arena",
                 llvm::cl::desc("emit-c: keep the arena in the model's C file "
                                "instead of the caller's"));

llvm::cl::opt<int64_t> cWideWeights(
    "c-wide-weights", llvm::cl::init(0),
    llvm::cl::desc("emit-c: extra flash, in bytes, for int16 copies of conv "
                   "and fully connected weights (the Cortex-M DSP kernels "
                   "run faster on them; default 0: none)"));

using Emitter = LogicalResult (*)(func::FuncOp, const CEmitOptions &,
                                  llvm::raw_ostream &);

LogicalResult translate(Operation *op, llvm::raw_ostream &os, Emitter emit) {
  auto module = dyn_cast<ModuleOp>(op);
  if (!module)
    return op->emitError("expected a module");
  FailureOr<func::FuncOp> func = getModelFunction(module);
  if (failed(func) || failed(planForC(*func)))
    return failure();
  CEmitOptions options;
  options.name = cName.empty() ? func->getSymName().str() : cName.getValue();
  options.staticArena = cStaticArena;
  int64_t budget = cWideWeights.getValue();
  if (budget < 0)
    return emitError(module.getLoc())
           << "--c-wide-weights must be at least 0, not " << budget;
  options.wideWeightBudget = budget;
  return emit(*func, options, os);
}
} // namespace

void mlir::qat::registerToCTranslations() {
  static TranslateFromMLIRRegistration source(
      "emit-c", "the model as C calling qat's runtime (NAME.c)",
      [](Operation *op, llvm::raw_ostream &os) {
        return translate(op, os, emitModelSource);
      },
      [](DialectRegistry &registry) { registerAllDialects(registry); });
  static TranslateFromMLIRRegistration header(
      "emit-c-header", "the model's header (NAME.h)",
      [](Operation *op, llvm::raw_ostream &os) {
        return translate(op, os, emitModelHeader);
      },
      [](DialectRegistry &registry) { registerAllDialects(registry); });
}
