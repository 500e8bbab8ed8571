// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- qat-translate.cpp - qat's translations -----------------------------===//
//
// qat-translate --import-onnx model.onnx         (a qat fake-quant function)
// qat-translate --emit-c model.qint.mlir        (NAME.c)
// qat-translate --emit-c-header model.qint.mlir (NAME.h)
//
// MLIR's translation driver with qat's input rules: the input is read by
// qat::openInputFile (a device or a directory is an error, not an endless
// read), and running out of memory is an error line, not an abort.
//
//===----------------------------------------------------------------------===//

#include "qat/Support/InputFile.h"
#include "qat/Support/Memory.h"
#include "qat/Target/C/EmitC.h"
#include "qat/Target/ONNX/ImportONNX.h"
#include "qat/Target/TFLite/ImportTFLite.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/ToolUtilities.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input file>"),
                                      cl::init("-"));
static cl::opt<std::string> outputFile("o", cl::desc("Output filename"),
                                       cl::value_desc("filename"),
                                       cl::init("-"));
static cl::opt<bool>
    splitInputFile("split-input-file",
                   cl::desc("Translate each chunk between '// -----' "
                            "markers on its own"));
static cl::opt<bool> verifyDiagnostics(
    "verify-diagnostics",
    cl::desc("Check the diagnostics against expected-* lines in the input"));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  qat::installOutOfMemoryHandler("qat-translate");
  qat::registerToCTranslations();
  qat::registerFromONNXTranslation();
  qat::registerFromTFLiteTranslation();
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerTranslationCLOptions();
  cl::opt<const Translation *, false, TranslationParser> translation(
      "", cl::desc("Translation to perform"), cl::Required);
  cl::ParseCommandLineOptions(argc, argv, "qat translation tool\n");

  std::string reason;
  std::unique_ptr<llvm::MemoryBuffer> input =
      qat::openInputFile(inputFile, &reason);
  if (!input) {
    llvm::WithColor::error(llvm::errs(), "qat-translate")
        << "cannot open input file '" << inputFile << "': " << reason << "\n";
    return 1;
  }
  std::string message;
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(outputFile, &message);
  if (!output) {
    llvm::WithColor::error(llvm::errs(), "qat-translate") << message << "\n";
    return 1;
  }

  auto translateChunk = [&](std::unique_ptr<llvm::MemoryBuffer> chunk,
                            llvm::raw_ostream &os) -> LogicalResult {
    MLIRContext context;
    context.printOpOnDiagnostic(!verifyDiagnostics);
    auto sourceMgr = std::make_shared<llvm::SourceMgr>();
    sourceMgr->AddNewSourceBuffer(std::move(chunk), llvm::SMLoc());
    if (!verifyDiagnostics) {
      SourceMgrDiagnosticHandler handler(*sourceMgr, &context);
      return (*translation)(sourceMgr, os, &context);
    }
    SourceMgrDiagnosticVerifierHandler handler(*sourceMgr, &context);
    // The expected diagnostics decide; the translation's own result is one
    // of them.
    (void)(*translation)(sourceMgr, os, &context);
    return handler.verify();
  };
  LogicalResult result =
      splitInputFile ? splitAndProcessBuffer(std::move(input), translateChunk,
                                             output->os())
                     : translateChunk(std::move(input), output->os());
  if (failed(result))
    return 1;
  output->keep();
  return 0;
}
