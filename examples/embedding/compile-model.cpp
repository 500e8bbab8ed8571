// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- compile-model.cpp - qat's C++ API in a downstream program ----------===//
//
// compile-model MODEL(.onnx|.mlir) NAME ROUNDING OUT_DIR: compiles the model
// with qat's pipeline and options, writes NAME.c and NAME.h for Cortex-M
// and prints the model's arena and ports.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "qat/Compiler/Compiler.h"
#include "qat/Target/ModelFile.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

static bool write(const std::string &path, const std::string &text) {
  std::string error;
  auto file = openOutputFile(path, &error);
  if (!file) {
    llvm::errs() << error << "\n";
    return false;
  }
  file->os() << text;
  file->keep();
  return true;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    llvm::errs() << "usage: compile-model MODEL NAME ROUNDING OUT_DIR\n";
    return 2;
  }
  DialectRegistry registry;
  qat::registerCompilerDependencies(registry);
  MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  OwningOpRef<ModuleOp> graph =
      qat::parseModelFile(argv[1], sourceMgr, &context);
  if (!graph)
    return 1;

  qat::CompileOptions options;
  options.name = argv[2];
  options.rounding = argv[3];
  options.source = argv[1];
  FailureOr<std::unique_ptr<qat::Compilation>> compiled =
      qat::Compilation::compile(std::move(graph), options);
  if (failed(compiled))
    return 1;

  std::string header, source;
  llvm::raw_string_ostream h(header), c(source);
  if (failed((*compiled)->emitHeader(h)) || failed((*compiled)->emitCSource(c)))
    return 1;
  std::string stem = std::string(argv[4]) + "/" + argv[2];
  if (!write(stem + ".h", header) || !write(stem + ".c", source))
    return 1;

  func::FuncOp program = (*compiled)->getProgram();
  llvm::outs()
      << argv[2] << ": "
      << program->getAttrOfType<IntegerAttr>("qint.arena_size").getInt()
      << " arena bytes, " << program.getNumArguments() << " input(s), "
      << program.getNumResults() << " output(s)\n";
  return 0;
}
