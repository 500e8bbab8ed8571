// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- qat-ir-fuzzer.cpp - libFuzzer over text IR through every stage -----===//
//
// The input is .mlir text: it is parsed (after the nesting check every tool
// makes), verified, compiled by the qat-to-int8 pipeline, and the program is
// emitted as C, as its header and as LLVM IR. Any input may fail with a
// diagnostic; none may crash, leak or trip a sanitizer.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "qat/Compiler/Compiler.h"
#include "qat/Target/ModelFile.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // MLIR's parser reads up to a NUL: hand it a terminated copy.
  std::string text(reinterpret_cast<const char *>(data), size);
  DialectRegistry registry;
  qat::registerCompilerDependencies(registry);
  MLIRContext context(registry);
  context.allowUnregisteredDialects(false);
  // Diagnostics are the expected outcome; keep them off the fuzzer's output.
  ScopedDiagnosticHandler silence(&context, [](Diagnostic &) {});
  if (failed(qat::checkTextNesting(text, "fuzz.mlir", &context)))
    return 0;
  ParserConfig config(&context);
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(text, config, "fuzz.mlir");
  if (!module)
    return 0;
  for (const char *rounding : {"double", "single"}) {
    qat::CompileOptions options;
    options.name = "fuzz";
    options.rounding = rounding;
    OwningOpRef<ModuleOp> copy = module->clone();
    FailureOr<std::unique_ptr<qat::Compilation>> compiled =
        qat::Compilation::compile(std::move(copy), options);
    if (failed(compiled))
      return 0;
    std::string out;
    llvm::raw_string_ostream os(out);
    (void)(*compiled)->emitHeader(os);
    (void)(*compiled)->emitModelJSON(os);
    (void)(*compiled)->emitCSource(os);
    (void)(*compiled)->emitLLVMIR(os);
  }
  return 0;
}
