// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- qat-onnx-fuzzer.cpp - libFuzzer over ONNX bytes --------------------===//
//
// The input is an ONNX file's bytes: imported, then, when the import
// succeeds, compiled and emitted as C. Any input may fail with a diagnostic;
// none may crash, leak or trip a sanitizer.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "qat/Compiler/Compiler.h"
#include "qat/Target/ONNX/ImportONNX.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  DialectRegistry registry;
  qat::registerCompilerDependencies(registry);
  MLIRContext context(registry);
  ScopedDiagnosticHandler silence(&context, [](Diagnostic &) {});
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  OwningOpRef<ModuleOp> module =
      qat::importONNX(bytes, "fuzz.onnx", &context, qat::ONNXImportOptions());
  if (!module)
    return 0;
  qat::CompileOptions options;
  options.name = "fuzz";
  FailureOr<std::unique_ptr<qat::Compilation>> compiled =
      qat::Compilation::compile(std::move(module), options);
  if (failed(compiled))
    return 0;
  std::string out;
  llvm::raw_string_ostream os(out);
  (void)(*compiled)->emitCSource(os);
  return 0;
}
