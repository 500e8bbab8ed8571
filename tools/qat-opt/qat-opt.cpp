// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- qat-opt.cpp - the qat optimizer driver -------------------*- C++ -*-===//
//
// Runs qat and upstream passes on .mlir files, or on .onnx and .tflite
// models, which it
// imports first: the tool users and lit tests drive the compiler with.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/ToolUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "qat/InitAllDialects.h"
#include "qat/InitAllPasses.h"
#include "qat/Support/InputFile.h"
#include "qat/Support/Memory.h"
#include "qat/Target/ModelFile.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace mlir;

/// An ONNX or TFLite model as MLIR text with its locations (the ONNX node
/// names, the TFLite operators), so
/// that MlirOptMain can treat it like any input file.
static std::unique_ptr<llvm::MemoryBuffer>
importToText(llvm::StringRef path, DialectRegistry &registry) {
  MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = qat::parseModelFile(path, sourceMgr, &context);
  if (!module)
    return nullptr;
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os, OpPrintingFlags().enableDebugInfo());
  return llvm::MemoryBuffer::getMemBufferCopy(text, path);
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  qat::installOutOfMemoryHandler("qat-opt");
  qat::registerAllPasses();
  DialectRegistry registry;
  qat::registerAllDialects(registry);
  auto [inputFile, outputFile] = registerAndParseCLIOptions(
      argc, argv, "qat optimizer driver\n", registry);
  std::unique_ptr<llvm::MemoryBuffer> buffer;
  if (qat::isONNXFile(inputFile) || qat::isTFLiteFile(inputFile)) {
    buffer = importToText(inputFile, registry);
  } else {
    std::string reason;
    buffer = qat::openInputFile(inputFile, &reason);
    if (!buffer)
      llvm::WithColor::error(llvm::errs(), "qat-opt")
          << "cannot open input file '" << inputFile << "': " << reason << "\n";
    MLIRContext context(registry);
    llvm::SourceMgr sourceMgr;
    SourceMgrDiagnosticHandler handler(sourceMgr, &context);
    if (buffer &&
        failed(qat::checkTextNesting(buffer->getBuffer(), inputFile, &context)))
      buffer.reset();
  }
  if (!buffer)
    return EXIT_FAILURE;
  std::string message;
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(outputFile, &message);
  if (!output) {
    llvm::WithColor::error(llvm::errs(), "qat-opt") << message << "\n";
    return EXIT_FAILURE;
  }
  if (failed(MlirOptMain(output->os(), std::move(buffer), registry,
                         MlirOptMainConfig::createFromCLOptions())))
    return EXIT_FAILURE;
  output->keep();
  return EXIT_SUCCESS;
}
