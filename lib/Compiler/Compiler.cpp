// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Compiler.cpp - a fake-quant graph to every artifact qat emits ------===//

#include "qat/Compiler/Compiler.h"
#include "qat/Dialect/QAT/IR/QATUtils.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "mlir/Transforms/Passes.h"
#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QInt/Transforms/Passes.h"
#include "qat/InitAllDialects.h"
#include "qat/Pipelines/Pipelines.h"
#include "qat/Target/C/EmitC.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace mlir::qat;

bool mlir::qat::isIntegerProgram(ModuleOp module) {
  bool integer = true;
  for (auto func : module.getOps<func::FuncOp>()) {
    for (Type t : func.getArgumentTypes())
      if (!getElementTypeOrSelf(t).isInteger())
        integer = false;
    func.walk([&](Operation *op) {
      if (isa<QATDialect>(op->getDialect()))
        integer = false;
    });
  }
  return integer;
}

/// `options` with what `graph` records where the caller left an option
/// unset.
static FailureOr<CompileOptions> withRecordedOptions(ModuleOp graph,
                                                     CompileOptions options) {
  auto wrong = [&](StringRef name, StringRef what) {
    return emitError(graph.getLoc())
           << "the module's " << name << " must be " << what;
  };
  if (Attribute a = graph->getAttr(kRecordedRounding);
      a && options.rounding.empty()) {
    auto text = dyn_cast<StringAttr>(a);
    if (!text)
      return wrong(kRecordedRounding, "a string, \"double\" or \"single\"");
    options.rounding = text.str();
  }
  if (options.rounding.empty())
    options.rounding = "double";
  if (Attribute a = graph->getAttr(kRecordedDefaultRange);
      a && options.defaultRange.empty()) {
    auto range = dyn_cast<DenseF64ArrayAttr>(a);
    if (!range)
      return wrong(kRecordedDefaultRange, "array<f64: min, max>");
    llvm::append_range(options.defaultRange, range.asArrayRef());
  }
  if (Attribute a = graph->getAttr(kRecordedInt16Activations);
      a && options.int16Activations.empty()) {
    auto layers = dyn_cast<ArrayAttr>(a);
    if (!layers || !llvm::all_of(layers, llvm::IsaPred<StringAttr>))
      return wrong(kRecordedInt16Activations, "an array of layer names");
    for (Attribute layer : layers)
      options.int16Activations.push_back(cast<StringAttr>(layer).str());
  }
  if (Attribute a = graph->getAttr(kRecordedPackFourBitWeights)) {
    if (!isa<UnitAttr>(a))
      return wrong(kRecordedPackFourBitWeights, "a unit attribute");
    options.packFourBitWeights = true;
  }
  return options;
}

/// Records on `graph` the options that decide its program.
static void recordOptions(ModuleOp graph, const CompileOptions &options) {
  Builder b(graph.getContext());
  graph->setAttr(kRecordedRounding, b.getStringAttr(options.rounding));
  if (!options.defaultRange.empty())
    graph->setAttr(kRecordedDefaultRange,
                   b.getDenseF64ArrayAttr(options.defaultRange));
  if (!options.int16Activations.empty())
    graph->setAttr(
        kRecordedInt16Activations,
        b.getStrArrayAttr(SmallVector<StringRef>(
            options.int16Activations.begin(), options.int16Activations.end())));
  if (options.packFourBitWeights)
    graph->setAttr(kRecordedPackFourBitWeights, b.getUnitAttr());
}

void mlir::qat::registerCompilerDependencies(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

FailureOr<std::unique_ptr<Compilation>>
Compilation::compile(OwningOpRef<ModuleOp> graph,
                     const CompileOptions &requested) {
  MLIRContext *context = graph->getContext();
  Location loc = graph->getLoc();
  // An integer program states its own rounding in its kernels.
  if (isIntegerProgram(*graph) && !requested.rounding.empty())
    return emitError(loc) << "rounding applies to fake-quant graphs; this "
                             "model is an integer program, whose kernels "
                             "state their own rounding";
  FailureOr<CompileOptions> recorded = withRecordedOptions(*graph, requested);
  if (failed(recorded))
    return failure();
  const CompileOptions &options = *recorded;
  if (std::optional<std::string> problem = modelNameProblem(options.name))
    return emitError(loc) << "model name '" << options.name << "' " << *problem;
  if (options.rounding != "double" && options.rounding != "single")
    return emitError(loc) << "rounding must be double or single, not '"
                          << options.rounding << "'";
  if (options.wideWeightBudget < 0)
    return emitError(loc) << "the wide-weight budget must be at least 0 "
                             "bytes, not "
                          << options.wideWeightBudget;
  if (!options.function.empty()) {
    auto chosen = graph->lookupSymbol<func::FuncOp>(options.function);
    if (!chosen)
      return emitError(loc)
             << "the module has no function @" << options.function;
    for (func::FuncOp other :
         llvm::make_early_inc_range(graph->getOps<func::FuncOp>()))
      if (other != chosen)
        other.erase();
  }

  OwningOpRef<ModuleOp> program(graph->clone());
  // The program's text is what lowering makes; the graph keeps the record.
  for (StringLiteral name :
       {kRecordedRounding, kRecordedDefaultRange, kRecordedInt16Activations,
        kRecordedPackFourBitWeights})
    (*program)->removeAttr(name);
  // An integer program (a TFLite model, a hand-written qint function) is
  // already what lowering produces: it is checked and planned as it is.
  if (isIntegerProgram(*program)) {
    if (!options.defaultRange.empty() || !options.int16Activations.empty())
      return emitError(loc) << "default-range and int16-activations apply to "
                               "fake-quant graphs; this model is an integer "
                               "program already";
    PassManager check(context);
    check.addNestedPass<func::FuncOp>(
        qint::createQIntExpandTransposeConvPass());
    check.addNestedPass<func::FuncOp>(qint::createQIntCheckAccumulatorsPass());
    if (options.packFourBitWeights)
      check.addNestedPass<func::FuncOp>(qint::createQIntPackWeightsPass());
    check.addPass(createCanonicalizerPass());
    check.addPass(createCSEPass());
    if (failed(check.run(*program)))
      return failure();
    FailureOr<func::FuncOp> model = getModelFunction(*program);
    if (failed(model) || failed(planForC(*model, options.inPlaceWindows)))
      return failure();
    OwningOpRef<ModuleOp> prepared(program->clone());
    return std::unique_ptr<Compilation>(new Compilation(
        std::move(graph), std::move(prepared), std::move(program), options));
  }
  QATToInt8Options int8Options;
  int8Options.rounding = options.rounding;
  int8Options.int8IO = true;
  for (double bound : options.defaultRange)
    int8Options.defaultRange.push_back(bound);
  for (const std::string &layer : options.int16Activations)
    int8Options.int16Activations.push_back(layer);
  PassManager prepare(context);
  buildQATPreparePipeline(prepare, int8Options);
  if (failed(prepare.run(*program)))
    return failure();

  // Number the activation tensors for the per-layer report; lowering marks
  // the qint op that computes each one.
  int64_t count = 0;
  Builder b(context);
  program->walk([&](FakeQuantOp fq) {
    bool weights =
        !fq->use_empty() && llvm::all_of(fq->getUses(), isLayerWeights);
    if (!weights)
      fq->setAttr("qat.report_id", b.getI64IntegerAttr(count++));
  });
  OwningOpRef<ModuleOp> prepared(program->clone());

  PassManager lower(context);
  buildQATLowerPipeline(lower, int8Options);
  if (options.packFourBitWeights)
    lower.addNestedPass<func::FuncOp>(qint::createQIntPackWeightsPass());
  if (failed(lower.run(*program)))
    return failure();
  FailureOr<func::FuncOp> model = getModelFunction(*program);
  if (failed(model) || failed(planForC(*model, options.inPlaceWindows)))
    return failure();

  recordOptions(*graph, options);
  auto compilation = std::unique_ptr<Compilation>(new Compilation(
      std::move(graph), std::move(prepared), std::move(program), options));
  compilation->points.resize(count);
  compilation->prepared->walk([&](FakeQuantOp fq) {
    if (auto id = fq->getAttrOfType<IntegerAttr>("qat.report_id"))
      compilation->points[id.getInt()].fakeQuant = fq;
  });
  compilation->getProgram().walk([&](Operation *op) {
    auto mark = op->getAttrOfType<DictionaryAttr>("qat.report");
    if (!mark)
      return;
    for (int64_t id : cast<DenseI64ArrayAttr>(mark.get("ids")).asArrayRef()) {
      ReportPoint &p = compilation->points[id];
      p.programOp = op;
      p.scale = cast<FloatAttr>(mark.get("scale")).getValueAsDouble();
      p.zeroPoint = cast<IntegerAttr>(mark.get("zero_point")).getInt();
    }
    // The program's text stays what the compiler emits.
    op->removeAttr("qat.report");
  });
  return compilation;
}

func::FuncOp Compilation::getProgram() {
  return *program->getOps<func::FuncOp>().begin();
}

static CEmitOptions cOptions(const CompileOptions &options, bool staticArena) {
  CEmitOptions c;
  c.name = options.name;
  c.staticArena = staticArena;
  c.source = options.source;
  c.wideWeightBudget = options.wideWeightBudget;
  return c;
}

LogicalResult Compilation::emitHeader(llvm::raw_ostream &os, bool staticArena) {
  return emitModelHeader(getProgram(), cOptions(options, staticArena), os);
}

LogicalResult Compilation::emitModelJSON(llvm::raw_ostream &os) {
  CEmitOptions c = cOptions(options, false);
  // The options that decided the program (the graph records them too).
  c.writeOptions = [&](llvm::json::OStream &json) {
    json.attribute("rounding", options.rounding);
    if (!options.defaultRange.empty())
      json.attributeArray("default_range", [&] {
        for (double bound : options.defaultRange)
          json.value(bound);
      });
    json.attributeArray("int16_activations", [&] {
      for (const std::string &layer : options.int16Activations)
        json.value(layer);
    });
    json.attribute("pack_4bit_weights", options.packFourBitWeights);
    json.attribute("in_place_windows", options.inPlaceWindows);
    json.attribute("wide_weights", options.wideWeightBudget);
  };
  return qat::emitModelJSON(getProgram(), c, os);
}

LogicalResult Compilation::emitCSource(llvm::raw_ostream &os,
                                       bool staticArena) {
  return emitModelSource(getProgram(), cOptions(options, staticArena), os);
}

LogicalResult Compilation::emitLLVMIR(llvm::raw_ostream &os) {
  // The LLVM pipeline consumes the program; it runs on a copy.
  OwningOpRef<ModuleOp> copy(program->clone());
  PassManager passes(copy->getContext());
  buildQIntToLLVMPipeline(passes, options.name);
  if (failed(passes.run(*copy)))
    return failure();
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> ir =
      translateModuleToLLVMIR(*copy, llvmContext, options.name);
  if (!ir)
    return emitError(copy->getLoc()) << "translation to LLVM IR failed";
  ir->setTargetTriple(llvm::Triple(llvm::sys::getDefaultTargetTriple()));
  ir->print(os, nullptr);
  return success();
}

void Compilation::printProgram(llvm::raw_ostream &os) { program->print(os); }
