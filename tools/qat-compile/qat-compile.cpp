// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- qat-compile.cpp - fake-quant graph to a deployable program ---------===//
//
// qat-compile model.mlir|model.onnx|model.tflite --emit=qint|llvm|c[,...]
//             [--function F] [--name NAME] [--rounding MODE]
//             [--arena caller|static] [-o DIR]
//
// Runs the whole pipeline on a fake-quant training graph and writes, to
// DIR, NAME.qint.mlir (the int8 program), NAME.ll (LLVM IR for the host
// with the C entry point qat_NAME_run) or NAME.c (C99 calling qat's
// runtime, for Cortex-M), and NAME.h, the header that declares
// the entry point and exports each input's and output's size, shape, scale
// and zero point.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "qat/Compiler/Calibrate.h"
#include "qat/Compiler/Compiler.h"
#include "qat/Compiler/Report.h"
#include "qat/InitAllPasses.h"
#include "qat/Interpreter/Npy.h"
#include "qat/Target/C/EmitC.h"
#include "qat/Target/ModelFile.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::OptionCategory category("qat-compile options");
static cl::opt<std::string>
    inputFile(cl::Positional, cl::Required,
              cl::desc("<model.mlir, model.onnx or model.tflite>"),
              cl::cat(category));
enum class Emit { QInt, LLVM, C };
static cl::list<Emit>
    emits("emit", cl::OneOrMore, cl::CommaSeparated,
          cl::desc("What to write (several, comma-separated, from one "
                   "compilation: --emit=qint,llvm,c):"),
          cl::values(clEnumValN(Emit::QInt, "qint",
                                "NAME.qint.mlir, the int8 qint program"),
                     clEnumValN(Emit::LLVM, "llvm",
                                "NAME.ll, LLVM IR for the host triple"),
                     clEnumValN(Emit::C, "c",
                                "NAME.c, C99 calling qat's runtime "
                                "(Cortex-M)")),
          cl::cat(category));
static cl::opt<std::string>
    name("name",
         cl::desc("Model name: files NAME.*, entry point qat_NAME_run "
                  "(default: the function or file name made a C "
                  "identifier, my-model.onnx -> my_model)"),
         cl::cat(category));
static cl::opt<std::string> functionName(
    "function",
    cl::desc("The model function, when the module holds several (the others "
             "are dropped)"),
    cl::cat(category));
static cl::opt<std::string> rounding(
    "rounding",
    cl::desc("Requantization rounding: double (TFLite Micro, CMSIS-NN) or "
             "single (whose fake-quant rounds once, as ONNX's; docs/ONNX.md). "
             "Default: what the graph records (single for .onnx input), "
             "else double"),
    cl::cat(category));
static cl::opt<std::string> layout(
    "layout",
    cl::desc("ONNX input: the layout of image inputs and outputs: nhwc "
             "(channels last, as the kernels compute; the default) or nchw "
             "(ONNX's order, transposed inside the model)"),
    cl::cat(category));
static cl::list<double> defaultRange(
    "default-range", cl::CommaSeparated,
    cl::desc("Quantize tensors that training left without parameters to "
             "[min, max] instead of failing (qat-to-int8's default-range)"),
    cl::value_desc("min,max"), cl::cat(category));
static cl::opt<std::string> arenaMode(
    "arena", cl::init("caller"),
    cl::desc("--emit=c: where the arena lives: caller (the entry point's "
             "argument; default) or static (inside NAME.c)"),
    cl::cat(category));
static cl::opt<int64_t> wideWeights(
    "c-wide-weights", cl::init(0),
    cl::desc("--emit=c: extra flash, in bytes, NAME.c may spend on int16 "
             "copies of conv and fully connected weights, which the "
             "Cortex-M DSP kernels (no Helium) run faster on; the layers "
             "doing the most MACs per byte first (default 0: none)"),
    cl::cat(category));
static cl::opt<bool> inPlaceWindows(
    "in-place-windows", cl::init(true),
    cl::desc("Convolutions and pools at the memory peak write over their "
             "input (a smaller arena, the same speed). =false: each its own "
             "buffer"),
    cl::cat(category));
static cl::opt<bool> packFourBitWeights(
    "pack-4bit-weights", cl::init(false),
    cl::desc("Store weights whose int8 values all lie in [-8, 7] (4-bit "
             "weights exported in an int8 container) as 4-bit values, two "
             "per byte in NAME.c: half their flash, the same results"),
    cl::cat(category));
static cl::list<std::string> int16Activations(
    "int16-activations", cl::CommaSeparated,
    cl::desc("Mixed precision: the activations of these layers (names as "
             "the per-layer report gives them, or 'all') become int16, "
             "TFLite's 16x8 scheme, with int8 kept elsewhere"),
    cl::cat(category));
static cl::opt<std::string> calibrateInputs(
    "calibrate",
    cl::desc("Post-training quantization: the model is a float graph; "
             "calibrate it on these samples (a float32 .npy of shape [N, "
             "...]) before compiling"),
    cl::value_desc("FILE.npy"), cl::cat(category));
static cl::opt<std::string> calibrationMethod(
    "calibration", cl::init("minmax"),
    cl::desc("--calibrate: how activation ranges are chosen: minmax, "
             "percentile (99.99th) or mse"),
    cl::cat(category));
static cl::opt<int>
    weightBits("weight-bits", cl::init(8),
               cl::desc("--calibrate: weight bits, 2 to 8 (symmetric)"),
               cl::cat(category));
static cl::opt<bool> perTensorWeights(
    "per-tensor-weights",
    cl::desc("--calibrate: one weight range per tensor instead of per "
             "output channel"),
    cl::cat(category));
static cl::opt<std::string> reportFile(
    "report",
    cl::desc("Also write the per-layer report to FILE: JSON when FILE ends "
             "in .json, else markdown (needs --report-inputs)"),
    cl::value_desc("FILE"), cl::cat(category));
static cl::opt<std::string> reportInputs(
    "report-inputs",
    cl::desc("The report's samples: a float32 .npy of shape [N, ...] (a "
             "sample has the input's shape, its leading 1 replaced by N)"),
    cl::value_desc("FILE.npy"), cl::cat(category));
static cl::opt<std::string> reportLabels(
    "report-labels",
    cl::desc("The samples' classes (int8 or int32 .npy of N values), for "
             "accuracy at each level"),
    cl::value_desc("FILE.npy"), cl::cat(category));
static cl::opt<std::string> outputDir("o", cl::init("."),
                                      cl::desc("Output directory"),
                                      cl::value_desc("dir"), cl::cat(category));

static int fail(const Twine &message) {
  llvm::WithColor::error(llvm::errs(), "qat-compile") << message << "\n";
  return 1;
}

/// Writes every file or none, so a failure leaves no half-updated set of
/// outputs: each file goes to a temporary in its directory (a short name, so
/// a long target name fails at its own rename with the system's reason), and
/// only when all are written are they renamed into place.
static int writeFiles(ArrayRef<std::pair<std::string, std::string>> files) {
  SmallVector<std::pair<std::string, std::string>> written; // temp, target
  auto discard = [&](const std::string &path, std::error_code ec) {
    for (auto &[temp, target] : written)
      llvm::sys::fs::remove(temp);
    return fail("cannot write " + path + ": " + ec.message());
  };
  for (const auto &[path, text] : files) {
    SmallString<128> model = llvm::sys::path::parent_path(path);
    llvm::sys::path::append(model, ".qat-%%%%%%%%.tmp");
    SmallString<128> temp;
    int fd;
    if (std::error_code ec = llvm::sys::fs::createUniqueFile(model, fd, temp))
      return discard(path, ec);
    written.push_back({temp.str().str(), path});
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << text;
    os.close();
    if (os.has_error())
      return discard(path, os.error());
  }
  for (auto &[temp, target] : written)
    if (std::error_code ec = llvm::sys::fs::rename(temp, target))
      return discard(target, ec);
  return 0;
}

/// The per-layer report on --report-inputs, as --report's extension says.
static LogicalResult writeReport(qat::Compilation &c, std::string &text) {
  auto error = [&](const Twine &message) {
    fail(message);
    return failure();
  };
  if (reportInputs.empty())
    return error("--report needs --report-inputs (sample inputs)");
  llvm::Expected<qat::Tensor> inputs = qat::readNpy(reportInputs);
  if (!inputs)
    return error(llvm::toString(inputs.takeError()));
  FailureOr<std::vector<std::vector<qat::Tensor>>> samples =
      qat::samplesFromBatches(c.getProgram(), {*inputs});
  if (failed(samples))
    return failure();
  std::vector<int64_t> labels;
  if (!reportLabels.empty()) {
    llvm::Expected<qat::Tensor> l = qat::readNpy(reportLabels);
    if (!l)
      return error(llvm::toString(l.takeError()));
    if (l->isFloat())
      return error(reportLabels + ": labels must be int8 or int32");
    labels.assign(l->ints.begin(), l->ints.end());
  }
  FailureOr<qat::Report> report = qat::buildReport(
      c, *samples,
      reportLabels.empty() ? std::nullopt
                           : std::optional<ArrayRef<int64_t>>(labels));
  if (failed(report))
    return failure();
  llvm::raw_string_ostream os(text);
  if (StringRef(reportFile).ends_with(".json"))
    qat::printReportJSON(*report, os);
  else
    qat::printReportMarkdown(*report, os);
  return success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  qat::registerAllPasses();
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "qat-compile: compile a fake-quant training graph to an int8 program\n");

  std::string modelName = !name.empty()
                              ? name.getValue()
                              : qat::defaultModelName(inputFile, functionName);
  if (std::optional<std::string> problem = qat::modelNameProblem(modelName))
    return fail("model name '" + modelName + "' " + *problem +
                "; pass another --name");
  // A TFLite model is an integer program: TFLite derived its rounding and
  // its quantization, so the options that choose them do not apply.
  if (qat::isTFLiteFile(inputFile)) {
    if (!rounding.empty())
      return fail("--rounding applies to fake-quant graphs; a .tflite "
                  "model's kernels round as TFLite Micro's do (double)");
    if (!calibrateInputs.empty())
      return fail("--calibrate applies to float graphs; a .tflite model is "
                  "quantized already");
    if (!reportFile.empty())
      return fail("--report compares a fake-quant graph with its int8 "
                  "program; a .tflite model is an integer program, with no "
                  "fake-quant graph");
  }
  // Unset, the graph's recorded rounding applies (single for ONNX input).
  if (!rounding.empty() && rounding != "double" && rounding != "single")
    return fail("--rounding must be double or single, not '" + rounding + "'");
  if (arenaMode != "caller" && arenaMode != "static")
    return fail("--arena must be caller or static, not '" + arenaMode + "'");
  bool emitsC = llvm::is_contained(emits, Emit::C);
  if (wideWeights != 0 && !emitsC)
    return fail("--c-wide-weights applies to --emit=c");
  if (arenaMode == "static" && !emitsC)
    return fail("--arena static applies to --emit=c (the LLVM path always "
                "uses the caller's arena)");
  if (arenaMode == "static" && llvm::is_contained(emits, Emit::LLVM))
    return fail("--arena static applies to --emit=c, and NAME.h is one "
                "header for both: emit llvm in another run (the LLVM path "
                "always uses the caller's arena)");
  if (std::error_code ec = llvm::sys::fs::create_directories(outputDir))
    return fail("cannot create " + outputDir + ": " + ec.message());

  qat::ONNXImportOptions importOptions;
  if (!layout.empty()) {
    std::optional<qat::BoundaryLayout> parsed =
        qat::parseBoundaryLayout(layout);
    if (!parsed)
      return fail("--layout must be nhwc or nchw, not '" + layout + "'");
    if (!qat::isONNXFile(inputFile))
      return fail("--layout applies to .onnx input (a .mlir model's "
                  "function already states its layout)");
    importOptions.layout = *parsed;
  }
  DialectRegistry registry;
  qat::registerCompilerDependencies(registry);
  MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module =
      qat::parseModelFile(inputFile, sourceMgr, &context, importOptions);
  if (!module)
    return 1;

  if (!calibrateInputs.empty()) {
    std::optional<qat::CalibrationMethod> method =
        qat::parseCalibrationMethod(calibrationMethod);
    if (!method)
      return fail("--calibration must be minmax, percentile or mse, not '" +
                  calibrationMethod + "'");
    llvm::Expected<qat::Tensor> inputs = qat::readNpy(calibrateInputs);
    if (!inputs)
      return fail(llvm::toString(inputs.takeError()));
    FailureOr<func::FuncOp> graph = qat::getModelFunction(*module);
    if (failed(graph))
      return 1;
    FailureOr<std::vector<std::vector<qat::Tensor>>> samples =
        qat::samplesFromBatches(*graph, {*inputs});
    if (failed(samples))
      return 1;
    qat::CalibrationOptions calibration;
    calibration.method = *method;
    calibration.weightBits = weightBits;
    calibration.perChannel = !perTensorWeights;
    if (failed(qat::calibrate(*module, *samples, calibration)))
      return 1;
  }

  qat::CompileOptions options;
  options.name = modelName;
  options.rounding = rounding;
  options.wideWeightBudget = wideWeights.getValue();
  options.inPlaceWindows = inPlaceWindows;
  options.packFourBitWeights = packFourBitWeights;
  options.int16Activations.assign(int16Activations.begin(),
                                  int16Activations.end());
  options.defaultRange.assign(defaultRange.begin(), defaultRange.end());
  options.function = functionName;
  options.source = inputFile;
  FailureOr<std::unique_ptr<qat::Compilation>> compiled =
      qat::Compilation::compile(std::move(module), options);
  if (failed(compiled))
    return 1;
  qat::Compilation &c = **compiled;

  // Every file is produced before any is written, so a failed compile
  // leaves nothing stale behind.
  bool staticArena = arenaMode == "static";
  std::string header, json;
  llvm::raw_string_ostream headerStream(header), jsonStream(json);
  if (failed(c.emitHeader(headerStream, staticArena)) ||
      failed(c.emitModelJSON(jsonStream)))
    return 1;
  std::string stem = outputDir + "/" + modelName;
  SmallVector<std::pair<std::string, std::string>> files = {
      {stem + ".h", header}, {stem + ".json", json}};
  for (Emit emit : emits) {
    std::string text, extension;
    llvm::raw_string_ostream textStream(text);
    switch (emit) {
    case Emit::C:
      extension = ".c";
      if (failed(c.emitCSource(textStream, staticArena)))
        return 1;
      break;
    case Emit::QInt:
      extension = ".qint.mlir";
      c.printProgram(textStream);
      break;
    case Emit::LLVM:
      extension = ".ll";
      if (failed(c.emitLLVMIR(textStream)))
        return 1;
      break;
    }
    if (llvm::none_of(
            files, [&](const auto &f) { return f.first == stem + extension; }))
      files.push_back({stem + extension, std::move(text)});
  }
  std::string report;
  if (!reportFile.empty()) {
    if (failed(writeReport(c, report)))
      return 1;
  }
  if (!reportFile.empty())
    files.push_back({reportFile, report});
  return writeFiles(files);
}
