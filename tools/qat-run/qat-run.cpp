// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- qat-run.cpp - the reference interpreter driver -----------*- C++ -*-===//
//
// qat-run model.mlir|model.onnx|model.tflite [--function main] --input x.npy
// ... [--output y.npy ...]
//
// Executes a function of the qat or qint dialect on .npy inputs and writes
// (or prints) its results. It is the oracle the compiler's passes and
// backends are tested against.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "qat/InitAllDialects.h"
#include "qat/Interpreter/Interpreter.h"
#include "qat/Interpreter/Npy.h"
#include "qat/Support/Memory.h"
#include "qat/Target/ModelFile.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::qat;

namespace cl = llvm::cl;

static cl::OptionCategory category("qat-run options");
static cl::opt<std::string>
    inputFile(cl::Positional, cl::Required,
              cl::desc("<model.mlir, model.onnx or model.tflite>"),
              cl::cat(category));
static cl::opt<std::string>
    functionName("function", cl::init("main"),
                 cl::desc("Function to run (default: main)"),
                 cl::cat(category));
static cl::opt<std::string> layout(
    "layout",
    cl::desc("ONNX input: the layout of image inputs and outputs: nhwc "
             "(channels last, as the kernels compute; the default) or nchw "
             "(ONNX's order, transposed inside the model)"),
    cl::cat(category));
static cl::opt<uint64_t> maxMemory(
    "max-memory", cl::init(0),
    cl::desc("The most bytes of tensors the interpreter holds at once "
             "(default: 4 GiB, or half of what the process may still "
             "allocate when that is less); a larger intermediate is "
             "refused, naming it"),
    cl::cat(category));
static cl::list<std::string>
    inputs("input", cl::desc("An .npy file per function argument, in order"),
           cl::cat(category));
static cl::opt<bool> batch(
    "batch",
    cl::desc("Each input holds a batch of samples along an extra leading "
             "axis, [N, ...the argument's shape]; the function runs on each "
             "sample and each output stacks the results, [N, ...]"),
    cl::cat(category));
static cl::list<std::string>
    outputs("output",
            cl::desc("An .npy file per function result, in order; without "
                     "--output the results are printed"),
            cl::cat(category));

static int fail(const Twine &message) {
  llvm::WithColor::error(llvm::errs(), "qat-run") << message << "\n";
  return 1;
}

static void printTensor(const Tensor &t, llvm::raw_ostream &os) {
  os << t.typeString() << " [";
  for (int64_t i = 0; i < t.numElements(); ++i) {
    if (i)
      os << ", ";
    if (t.isFloat())
      os << llvm::format("%.9g", t.floats[i]); // round-trips a float32
    else
      os << t.ints[i];
  }
  os << "]\n";
}

/// Sample `index` of a batch: the tensor without its leading axis.
static Tensor sampleOf(const Tensor &batchTensor, int64_t index) {
  Tensor sample = Tensor::zeros(
      batchTensor.kind, ArrayRef<int64_t>(batchTensor.shape).drop_front());
  int64_t size = sample.numElements();
  if (sample.isFloat())
    std::copy_n(batchTensor.floats.begin() + index * size, size,
                sample.floats.begin());
  else
    std::copy_n(batchTensor.ints.begin() + index * size, size,
                sample.ints.begin());
  return sample;
}

/// `func` on `args`, checked against its signature first (a problem is
/// reported after `context`).
static FailureOr<SmallVector<Tensor>> runChecked(func::FuncOp func,
                                                 ArrayRef<Tensor> args,
                                                 const RunOptions &runOptions,
                                                 const Twine &context = "") {
  if (std::optional<std::string> problem = checkInputs(func, args)) {
    fail(context + *problem);
    return failure();
  }
  return runFunction(func, args, runOptions);
}

/// --batch: `func` on each sample of `batches`, the results stacked.
static FailureOr<SmallVector<Tensor>> runBatch(func::FuncOp func,
                                               ArrayRef<Tensor> batches,
                                               const RunOptions &runOptions) {
  int64_t count = -1;
  for (auto [i, t] : llvm::enumerate(batches)) {
    if (t.shape.empty() || (count >= 0 && t.shape.front() != count)) {
      fail("--batch: input " + Twine(i) +
           " must hold the same number of samples along its leading axis as "
           "the others, but has shape " +
           t.typeString());
      return failure();
    }
    count = t.shape.front();
  }
  if (count <= 0) {
    fail("--batch: the inputs hold no samples");
    return failure();
  }
  SmallVector<Tensor> stacked;
  for (int64_t n = 0; n < count; ++n) {
    SmallVector<Tensor> args;
    for (const Tensor &t : batches)
      args.push_back(sampleOf(t, n));
    FailureOr<SmallVector<Tensor>> results = runChecked(
        func, args, runOptions, "--batch: sample " + Twine(n) + ": ");
    if (failed(results))
      return failure();
    if (stacked.empty())
      for (const Tensor &r : *results) {
        SmallVector<int64_t, 4> shape{count};
        shape.append(r.shape.begin(), r.shape.end());
        stacked.push_back(Tensor::zeros(r.kind, shape));
      }
    for (auto [to, from] : llvm::zip(stacked, *results)) {
      int64_t size = from.numElements();
      if (from.isFloat())
        std::copy(from.floats.begin(), from.floats.end(),
                  to.floats.begin() + n * size);
      else
        std::copy(from.ints.begin(), from.ints.end(),
                  to.ints.begin() + n * size);
    }
  }
  return stacked;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  installOutOfMemoryHandler("qat-run");
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "qat reference interpreter: runs a qat or qint function on .npy "
      "inputs\n");

  ONNXImportOptions importOptions;
  if (!layout.empty()) {
    std::optional<BoundaryLayout> parsed = parseBoundaryLayout(layout);
    if (!parsed)
      return fail("--layout must be nhwc or nchw, not '" + layout + "'");
    if (!isONNXFile(inputFile))
      return fail("--layout applies to .onnx input (a .mlir model's "
                  "function already states its layout)");
    importOptions.layout = *parsed;
  }
  DialectRegistry registry;
  registerAllDialects(registry);
  MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module =
      parseModelFile(inputFile, sourceMgr, &context, importOptions);
  if (!module)
    return 1; // The parser reported where and why.

  auto func = module->lookupSymbol<func::FuncOp>(functionName);
  if (!func)
    return fail(inputFile + " has no function @" + functionName);

  SmallVector<Tensor> args;
  for (const std::string &path : inputs) {
    llvm::Expected<Tensor> tensor = readNpy(path);
    if (!tensor)
      return fail(llvm::toString(tensor.takeError()));
    args.push_back(std::move(*tensor));
  }
  RunOptions runOptions;
  if (maxMemory)
    runOptions.memoryLimit = maxMemory;
  FailureOr<SmallVector<Tensor>> results =
      batch ? runBatch(func, args, runOptions)
            : runChecked(func, args, runOptions);
  if (failed(results))
    return 1; // The interpreter, or the checks, reported why.

  if (outputs.empty()) {
    for (auto [i, t] : llvm::enumerate(*results)) {
      llvm::outs() << "result " << i << ": ";
      printTensor(t, llvm::outs());
    }
    return 0;
  }
  if (outputs.size() != results->size())
    return fail("@" + functionName + " returns " + Twine(results->size()) +
                " result(s), but " + Twine(outputs.size()) +
                " --output file(s) were given");
  for (auto [path, t] : llvm::zip(outputs, *results))
    if (llvm::Error e = writeNpy(path, t))
      return fail(llvm::toString(std::move(e)));
  return 0;
}
