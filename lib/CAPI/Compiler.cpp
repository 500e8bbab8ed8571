// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Compiler.cpp - the C API over qat's compiler -----------------------===//

#include "qat-c/Compiler.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "qat/Compiler/Calibrate.h"
#include "qat/Compiler/Compiler.h"
#include "qat/Compiler/Report.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Interpreter/Interpreter.h"
#include "qat/Support/Location.h"
#include "qat/Target/C/EmitC.h"
#include "qat/Target/ModelFile.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

#include <cstdlib>
#include <cstring>

using namespace mlir;
using namespace mlir::qat;

namespace {
struct RecordedDiagnostic {
  QatSeverity severity;
  std::string location, message;
};

struct Port {
  SmallVector<int64_t> shape;
  int64_t numElements = 0;
  bool hasQuantization = false;
  double scale = 0;
  int64_t zeroPoint = 0;
  std::string layout, sourceLayout;
  int32_t bits = 8;

  QatPort get() const {
    return {static_cast<intptr_t>(shape.size()),
            shape.data(),
            numElements,
            hasQuantization,
            scale,
            zeroPoint,
            layout.c_str(),
            sourceLayout.c_str(),
            bits};
  }
};

struct Model {
  explicit Model(const DialectRegistry &registry) : context(registry) {
    // One model, one thread: embedders decide about parallelism.
    context.disableMultithreading();
    // Diagnostics name the op by its location; the op's generic form
    // would only repeat it.
    context.printOpOnDiagnostic(false);
  }

  MLIRContext context;
  std::unique_ptr<Compilation> compilation;
  std::vector<RecordedDiagnostic> diagnostics;
  std::string diagnosticText;
  std::vector<Port> inputs, outputs;
  int64_t arenaSize = 0, constantBytes = 0;
};

Model *unwrap(QatModel model) { return static_cast<Model *>(model.ptr); }

QatSeverity severityOf(DiagnosticSeverity s) {
  switch (s) {
  case DiagnosticSeverity::Error:
    return QatSeverityError;
  case DiagnosticSeverity::Warning:
    return QatSeverityWarning;
  case DiagnosticSeverity::Note:
    return QatSeverityNote;
  case DiagnosticSeverity::Remark:
    return QatSeverityRemark;
  }
  return QatSeverityError;
}

const char *severityName(QatSeverity s) {
  switch (s) {
  case QatSeverityError:
    return "error";
  case QatSeverityWarning:
    return "warning";
  case QatSeverityNote:
    return "note";
  case QatSeverityRemark:
    return "remark";
  }
  return "error";
}

/// Collects the diagnostics of one call on a model.
class Capture {
public:
  explicit Capture(Model &model)
      : model(model), handler(&model.context, [this](mlir::Diagnostic &d) {
          record(d);
          return success();
        }) {
    model.diagnostics.clear();
    model.diagnosticText.clear();
  }

  /// An error of the API itself (bad arguments), in the same list.
  void error(const Twine &message) { add(QatSeverityError, "", message.str()); }

private:
  void record(mlir::Diagnostic &d) {
    add(severityOf(d.getSeverity()), describeLocation(d.getLocation()),
        d.str());
    for (mlir::Diagnostic &note : d.getNotes())
      add(QatSeverityNote, describeLocation(note.getLocation()), note.str());
  }
  void add(QatSeverity severity, std::string location, std::string message) {
    model.diagnosticText += (location.empty() ? "" : location + ": ") +
                            severityName(severity) + ": " + message + "\n";
    model.diagnostics.push_back(
        {severity, std::move(location), std::move(message)});
  }

  Model &model;
  ScopedDiagnosticHandler handler;
};

/// Adds an error of the API itself to the model's diagnostics of the
/// current call, without clearing them.
void recordError(Model &model, const std::string &message) {
  model.diagnosticText += "error: " + message + "\n";
  model.diagnostics.push_back({QatSeverityError, "", message});
}

/// Runs `body`, turning any C++ exception (an allocation past the
/// machine's memory, say) into an error diagnostic on `model` (when there
/// is one) and `onError`: no exception crosses the C boundary.
template <typename R, typename Body>
R guarded(Model *model, R onError, Body &&body) noexcept {
  const char *what = "an internal error";
  try {
    return body();
  } catch (const std::bad_alloc &) {
    what = "out of memory";
  } catch (const std::exception &e) {
    what = e.what();
  } catch (...) {
  }
  if (model) {
    try {
      recordError(*model, std::string("qat: ") + what);
    } catch (...) {
    }
  }
  return onError;
}

std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text = "[";
  for (auto [i, d] : llvm::enumerate(shape))
    text += (i ? ", " : "") + std::to_string(d);
  return text + "]";
}

/// The error of an index outside [0, size) of `what`.
std::string indexError(StringRef function, intptr_t index, size_t size,
                       StringRef what) {
  return (function + ": index " + Twine(index) + " is outside [0, " +
          Twine(size) + "), the model's " + what)
      .str();
}

Port portOf(Type type, DictionaryAttr attrs) {
  auto tensor = cast<RankedTensorType>(type);
  Port p;
  p.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
  p.numElements = tensor.getNumElements();
  p.bits = tensor.getElementType().isInteger(16) ? 16 : 8;
  auto scale = attrs ? attrs.getAs<FloatAttr>("qint.scale") : FloatAttr();
  auto zp = attrs ? attrs.getAs<IntegerAttr>("qint.zero_point") : IntegerAttr();
  if (scale && zp) {
    p.hasQuantization = true;
    p.scale = scale.getValueAsDouble();
    p.zeroPoint = zp.getInt();
  }
  if (auto layout =
          attrs ? attrs.getAs<StringAttr>("qint.layout") : StringAttr())
    p.layout = layout.str();
  if (auto layout =
          attrs ? attrs.getAs<StringAttr>("qint.source_layout") : StringAttr())
    p.sourceLayout = layout.str();
  return p;
}

void describeProgram(Model &model) {
  func::FuncOp program = model.compilation->getProgram();
  for (unsigned i = 0; i < program.getNumArguments(); ++i)
    model.inputs.push_back(
        portOf(program.getArgumentTypes()[i], program.getArgAttrDict(i)));
  for (unsigned i = 0; i < program.getNumResults(); ++i)
    model.outputs.push_back(
        portOf(program.getResultTypes()[i], program.getResultAttrDict(i)));
  if (auto arena = program->getAttrOfType<IntegerAttr>("qint.arena_size"))
    model.arenaSize = arena.getInt();
  model.constantBytes = qint::programConstantBytes(program);
}

QatModel
compileInto(Model &m,
            llvm::function_ref<OwningOpRef<ModuleOp>(MLIRContext &,
                                                     const ONNXImportOptions &)>
                parse,
            StringRef sourceName, const QatCompileOptions *options,
            llvm::function_ref<LogicalResult(ModuleOp, Capture &)> prepare) {
  Model *model = &m;
  Capture capture(*model);
  QatCompileOptions o = options ? *options : qatCompileOptionsGetDefault();
  bool onnx = isONNXFile(sourceName);
  ONNXImportOptions importOptions;
  if (o.layout) {
    std::optional<BoundaryLayout> layout = parseBoundaryLayout(o.layout);
    if (!layout) {
      capture.error(Twine("layout must be nhwc or nchw, not '") + o.layout +
                    "'");
      return {model};
    }
    if (!onnx) {
      capture.error("layout applies to ONNX input (an MLIR model's function "
                    "already states its layout)");
      return {model};
    }
    importOptions.layout = *layout;
  }
  OwningOpRef<ModuleOp> graph = parse(model->context, importOptions);
  if (!graph || (prepare && failed(prepare(*graph, capture))))
    return {model};
  CompileOptions compileOptions;
  compileOptions.name =
      o.name ? o.name
             : defaultModelName(sourceName, o.function ? o.function : "");
  compileOptions.rounding = o.rounding ? o.rounding : "";
  compileOptions.function = o.function ? o.function : "";
  if (o.hasDefaultRange)
    compileOptions.defaultRange = {o.defaultRangeMin, o.defaultRangeMax};
  compileOptions.source = llvm::sys::path::filename(sourceName).str();
  compileOptions.wideWeightBudget = o.wideWeightBudget;
  if (o.int16Activations) {
    SmallVector<StringRef> layers;
    StringRef(o.int16Activations).split(layers, ',', -1, false);
    for (StringRef layer : layers)
      compileOptions.int16Activations.push_back(layer.trim().str());
  }
  compileOptions.inPlaceWindows = !o.outOfPlaceWindows;
  compileOptions.packFourBitWeights = o.packFourBitWeights;
  FailureOr<std::unique_ptr<Compilation>> compiled =
      Compilation::compile(std::move(graph), compileOptions);
  if (failed(compiled))
    return {model};
  model->compilation = std::move(*compiled);
  describeProgram(*model);
  return {model};
}

QatModel
compile(llvm::function_ref<OwningOpRef<ModuleOp>(MLIRContext &,
                                                 const ONNXImportOptions &)>
            parse,
        StringRef sourceName, const QatCompileOptions *options,
        llvm::function_ref<LogicalResult(ModuleOp, Capture &)> prepare = {}) {
  static DialectRegistry *registry = [] {
    auto *r = new DialectRegistry;
    registerCompilerDependencies(*r);
    return r;
  }();
  auto *model = new (std::nothrow) Model(*registry);
  if (!model)
    return {nullptr};
  QatModel result = guarded(model, QatModel{nullptr}, [&] {
    return compileInto(*model, parse, sourceName, options, prepare);
  });
  if (!result.ptr) // an exception: whatever compiled is not trusted
    model->compilation.reset();
  return {model};
}

char *copyString(const std::string &text) {
  char *copy = static_cast<char *>(std::malloc(text.size() + 1));
  if (copy)
    std::memcpy(copy, text.c_str(), text.size() + 1);
  return copy;
}
} // namespace

const char *qatGetVersion(void) { return QAT_VERSION; }

QatCompileOptions qatCompileOptionsGetDefault(void) {
  QatCompileOptions options;
  std::memset(&options, 0, sizeof options);
  return options;
}

QatModel qatModelCompileFile(const char *path,
                             const QatCompileOptions *options) {
  std::string file = path ? path : "";
  return compile(
      [&](MLIRContext &context, const ONNXImportOptions &importOptions) {
        llvm::SourceMgr sourceMgr;
        return parseModelFile(file, sourceMgr, &context, importOptions);
      },
      file, options);
}

QatModel qatModelCompileBuffer(const void *data, size_t size,
                               const char *sourceName,
                               const QatCompileOptions *options) {
  std::string name = sourceName ? sourceName : "<buffer>";
  StringRef bytes(static_cast<const char *>(data), data ? size : 0);
  return compile(
      [&](MLIRContext &context, const ONNXImportOptions &importOptions) {
        if (isONNXFile(name))
          return importONNX(bytes, name, &context, importOptions);
        if (isTFLiteFile(name))
          return importTFLite(bytes, name, &context);
        if (failed(checkTextNesting(bytes, name, &context)))
          return OwningOpRef<ModuleOp>();
        ParserConfig config(&context);
        return parseSourceString<ModuleOp>(bytes, config, name);
      },
      name, options);
}

QatCalibrationOptions qatCalibrationOptionsGetDefault(void) {
  return {nullptr, true, 8};
}

QatModel qatModelCalibrateBuffer(const void *data, size_t size,
                                 const char *sourceName,
                                 const QatCompileOptions *options,
                                 intptr_t numInputs, const intptr_t *ranks,
                                 const int64_t *const *shapes,
                                 const float *const *batches,
                                 const QatCalibrationOptions *calibration) {
  std::string name = sourceName ? sourceName : "<buffer>";
  StringRef bytes(static_cast<const char *>(data), data ? size : 0);
  QatCalibrationOptions c =
      calibration ? *calibration : qatCalibrationOptionsGetDefault();
  auto calibrateGraph = [&](ModuleOp graph, Capture &capture) {
    std::optional<CalibrationMethod> method =
        parseCalibrationMethod(c.method ? c.method : "minmax");
    if (!method) {
      capture.error(Twine("calibration method must be minmax, percentile "
                          "or mse, not '") +
                    c.method + "'");
      return failure();
    }
    FailureOr<func::FuncOp> func = getModelFunction(graph);
    if (failed(func))
      return failure();
    SmallVector<Tensor> tensors;
    if (numInputs < 0 || (numInputs > 0 && (!ranks || !shapes || !batches))) {
      capture.error("calibration needs numInputs >= 0 and, for each input, "
                    "a rank, a shape and a batch (got NULL)");
      return failure();
    }
    for (intptr_t i = 0; i < numInputs; ++i) {
      if (ranks[i] < 1 || ranks[i] > 8 || !shapes[i] || !batches[i]) {
        capture.error("calibration batch " + Twine(i) +
                      " needs a rank in [1, 8], a shape and data");
        return failure();
      }
      ArrayRef<int64_t> shape(shapes[i], ranks[i]);
      // The caller's buffer holds this many floats: its shape must be
      // within the tensor limit before anything is read or allocated.
      if (!boundedElementCount(shape)) {
        capture.error("calibration batch " + Twine(i) + " has shape " +
                      formatShape(shape) +
                      ": a negative dimension, or more than " +
                      Twine(kMaxTensorElements) +
                      " elements, the most qat supports in one tensor");
        return failure();
      }
      Tensor t = Tensor::zeros(ElementKind::F32, shape);
      std::copy(batches[i], batches[i] + t.numElements(), t.floats.begin());
      tensors.push_back(std::move(t));
    }
    FailureOr<std::vector<std::vector<Tensor>>> samples =
        samplesFromBatches(*func, tensors);
    if (failed(samples))
      return failure();
    CalibrationOptions calibrationOptions;
    calibrationOptions.method = *method;
    calibrationOptions.perChannel = c.perChannel;
    calibrationOptions.weightBits = c.weightBits;
    return calibrate(graph, *samples, calibrationOptions);
  };
  return compile(
      [&](MLIRContext &context, const ONNXImportOptions &importOptions) {
        if (isONNXFile(name))
          return importONNX(bytes, name, &context, importOptions);
        if (isTFLiteFile(name))
          return importTFLite(bytes, name, &context);
        if (failed(checkTextNesting(bytes, name, &context)))
          return OwningOpRef<ModuleOp>();
        ParserConfig config(&context);
        return parseSourceString<ModuleOp>(bytes, config, name);
      },
      name, options, calibrateGraph);
}

void qatModelDestroy(QatModel model) { delete unwrap(model); }

bool qatModelSucceeded(QatModel model) {
  return unwrap(model) && unwrap(model)->compilation;
}

intptr_t qatModelGetNumDiagnostics(QatModel model) {
  return unwrap(model) ? unwrap(model)->diagnostics.size() : 0;
}

QatDiagnostic qatModelGetDiagnostic(QatModel model, intptr_t index) {
  // Reading diagnostics must not change them: an index out of range gets
  // a fixed message instead of one recorded on the model.
  Model *m = unwrap(model);
  if (!m || index < 0 || static_cast<size_t>(index) >= m->diagnostics.size())
    return {QatSeverityError, "",
            "qatModelGetDiagnostic: no diagnostic at this index (see "
            "qatModelGetNumDiagnostics)"};
  const RecordedDiagnostic &d = m->diagnostics[index];
  return {d.severity, d.location.c_str(), d.message.c_str()};
}

const char *qatModelGetDiagnosticText(QatModel model) {
  return unwrap(model) ? unwrap(model)->diagnosticText.c_str() : "";
}

intptr_t qatModelGetNumInputs(QatModel model) {
  return unwrap(model) ? unwrap(model)->inputs.size() : 0;
}

intptr_t qatModelGetNumOutputs(QatModel model) {
  return unwrap(model) ? unwrap(model)->outputs.size() : 0;
}

namespace {
/// Port `index` of `ports`, or (with an error on the model) the invalid
/// port: rank -1, no shape.
QatPort getPort(QatModel model, const std::vector<Port> Model::*ports,
                intptr_t index, StringRef function, StringRef what) {
  Model *m = unwrap(model);
  if (m && index >= 0 && static_cast<size_t>(index) < (m->*ports).size())
    return (m->*ports)[index].get();
  if (m)
    guarded(m, 0, [&] {
      Capture(*m).error(indexError(function, index, (m->*ports).size(), what));
      return 0;
    });
  return {-1, nullptr, 0, false, 0, 0, "", "", 0};
}
} // namespace

QatPort qatModelGetInput(QatModel model, intptr_t index) {
  return getPort(model, &Model::inputs, index, "qatModelGetInput", "inputs");
}

QatPort qatModelGetOutput(QatModel model, intptr_t index) {
  return getPort(model, &Model::outputs, index, "qatModelGetOutput", "outputs");
}

const char *qatModelGetName(QatModel model) {
  Model *m = unwrap(model);
  return m && m->compilation ? m->compilation->getOptions().name.c_str() : "";
}

int64_t qatModelGetArenaSize(QatModel model) {
  return unwrap(model) ? unwrap(model)->arenaSize : 0;
}

int64_t qatModelGetConstantBytes(QatModel model) {
  return unwrap(model) ? unwrap(model)->constantBytes : 0;
}

/// Whether `pointers` holds `count` non-NULL buffers; else an error.
template <typename T>
static bool pointersGiven(Model &m, T *const *pointers, size_t count,
                          StringRef what) {
  if (count == 0 ||
      (pointers && std::all_of(pointers, pointers + count,
                               [](T *p) { return p != nullptr; })))
    return true;
  Capture(m).error("the interpreter needs one buffer per port for its " + what +
                   " (got NULL)");
  return false;
}

static char *emit(Model &m, QatArtifact artifact) {
  Capture capture(m);
  if (!m.compilation) {
    capture.error("the model did not compile");
    return nullptr;
  }
  if (artifact < QatArtifactHeader || artifact > QatArtifactGraph) {
    capture.error("unknown artifact " + Twine(static_cast<int>(artifact)));
    return nullptr;
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  Compilation &c = *m.compilation;
  LogicalResult result = success();
  switch (artifact) {
  case QatArtifactHeader:
    result = c.emitHeader(os);
    break;
  case QatArtifactCSource:
  case QatArtifactCSourceStaticArena:
    result = c.emitCSource(os, artifact == QatArtifactCSourceStaticArena);
    break;
  case QatArtifactLLVMIR:
    result = c.emitLLVMIR(os);
    break;
  case QatArtifactProgram:
    c.printProgram(os);
    break;
  case QatArtifactGraph:
    // With its locations, which carry the user's layer names: compiled
    // again, the graph's layers and diagnostics keep them.
    c.getGraph().print(os, OpPrintingFlags().enableDebugInfo(
                               /*enable=*/true, /*prettyForm=*/false));
    break;
  }
  if (failed(result))
    return nullptr;
  return copyString(text);
}

void qatStringDestroy(char *string) { std::free(string); }

namespace {
/// Runs `func` on tensors made by `fill`, then hands each result to `take`.
bool interpret(Model &m, func::FuncOp func,
               llvm::function_ref<Tensor(unsigned, RankedTensorType)> fill,
               llvm::function_ref<void(unsigned, const Tensor &)> take) {
  Capture capture(m);
  SmallVector<Tensor> args;
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes()))
    args.push_back(fill(i, cast<RankedTensorType>(type)));
  if (std::optional<std::string> problem = checkInputs(func, args)) {
    capture.error(*problem);
    return false;
  }
  FailureOr<SmallVector<Tensor>> results = runFunction(func, args);
  if (failed(results))
    return false;
  for (auto [i, t] : llvm::enumerate(*results))
    take(i, t);
  return true;
}
} // namespace

static bool interpretProgram(Model &m, const int8_t *const *inputs,
                             int8_t *const *outputs) {
  if (!pointersGiven(m, inputs, m.inputs.size(), "inputs") ||
      !pointersGiven(m, outputs, m.outputs.size(), "outputs"))
    return false;
  if (!m.compilation) {
    Capture(m).error("the model did not compile");
    return false;
  }
  return interpret(
      m, m.compilation->getProgram(),
      [&](unsigned i, RankedTensorType type) {
        bool wide = type.getElementType().isInteger(16);
        Tensor t = Tensor::zeros(wide ? ElementKind::I16 : ElementKind::I8,
                                 type.getShape());
        for (int64_t k = 0; k < t.numElements(); ++k) {
          if (!wide) {
            t.ints[k] = inputs[i][k];
            continue;
          }
          int16_t v;
          std::memcpy(&v, inputs[i] + 2 * k, 2);
          t.ints[k] = v;
        }
        return t;
      },
      [&](unsigned i, const Tensor &t) {
        for (int64_t k = 0; k < t.numElements(); ++k) {
          if (t.kind != ElementKind::I16) {
            outputs[i][k] = static_cast<int8_t>(t.ints[k]);
            continue;
          }
          int16_t v = static_cast<int16_t>(t.ints[k]);
          std::memcpy(outputs[i] + 2 * k, &v, 2);
        }
      });
}

static bool interpretGraph(Model &m, const float *const *inputs,
                           float *const *outputs) {
  if (!pointersGiven(m, inputs, m.inputs.size(), "inputs") ||
      !pointersGiven(m, outputs, m.outputs.size(), "outputs"))
    return false;
  if (!m.compilation) {
    Capture(m).error("the model did not compile");
    return false;
  }
  if (isIntegerProgram(m.compilation->getGraph())) {
    Capture(m).error("the model is an integer program (a TFLite model): it "
                     "has no fake-quant graph to interpret; interpret runs "
                     "its program");
    return false;
  }
  FailureOr<func::FuncOp> graph = getModelFunction(m.compilation->getGraph());
  if (failed(graph))
    return false;
  return interpret(
      m, *graph,
      [&](unsigned i, RankedTensorType type) {
        Tensor t = Tensor::zeros(ElementKind::F32, type.getShape());
        std::copy(inputs[i], inputs[i] + t.numElements(), t.floats.begin());
        return t;
      },
      [&](unsigned i, const Tensor &t) {
        std::copy(t.floats.begin(), t.floats.end(), outputs[i]);
      });
}

static bool report(Model &m, intptr_t numSamples, const float *const *batches,
                   const int64_t *labels, char **json, char **markdown) {
  Capture capture(m);
  if (!m.compilation) {
    capture.error("the model did not compile");
    return false;
  }
  if (numSamples <= 0) {
    capture.error("the report needs at least one sample");
    return false;
  }
  if (!batches || !json || !markdown) {
    capture.error("qatModelReport needs batches, json and markdown (got "
                  "NULL)");
    return false;
  }
  SmallVector<Tensor> tensors;
  for (auto [i, port] : llvm::enumerate(m.inputs)) {
    // numSamples samples of the port must be one tensor within the limit.
    if (numSamples >
        kMaxTensorElements / std::max<int64_t>(port.numElements, 1)) {
      capture.error("qatModelReport: " + Twine(numSamples) +
                    " samples of input " + Twine(i) + " (" +
                    Twine(port.numElements) + " elements each) exceed " +
                    Twine(kMaxTensorElements) +
                    " elements, the most qat supports in one tensor");
      return false;
    }
    SmallVector<int64_t> shape(port.shape);
    if (!shape.empty() && shape[0] == 1)
      shape[0] = numSamples;
    else
      shape.insert(shape.begin(), numSamples);
    Tensor t = Tensor::zeros(ElementKind::F32, shape);
    std::copy(batches[i], batches[i] + t.numElements(), t.floats.begin());
    tensors.push_back(std::move(t));
  }
  FailureOr<std::vector<std::vector<Tensor>>> samples =
      samplesFromBatches(m.compilation->getProgram(), tensors);
  if (failed(samples))
    return false;
  std::optional<ArrayRef<int64_t>> classes;
  if (labels)
    classes = ArrayRef<int64_t>(labels, numSamples);
  FailureOr<Report> report = buildReport(*m.compilation, *samples, classes);
  if (failed(report))
    return false;
  std::string jsonText, markdownText;
  llvm::raw_string_ostream jsonStream(jsonText), markdownStream(markdownText);
  printReportJSON(*report, jsonStream);
  printReportMarkdown(*report, markdownStream);
  *json = copyString(jsonText);
  *markdown = copyString(markdownText);
  return true;
}

char *qatModelEmit(QatModel model, QatArtifact artifact) {
  Model *m = unwrap(model);
  return m ? guarded(m, static_cast<char *>(nullptr),
                     [&] { return emit(*m, artifact); })
           : nullptr;
}

bool qatModelInterpretProgram(QatModel model, const int8_t *const *inputs,
                              int8_t *const *outputs) {
  Model *m = unwrap(model);
  return m && guarded(m, false,
                      [&] { return interpretProgram(*m, inputs, outputs); });
}

bool qatModelInterpretGraph(QatModel model, const float *const *inputs,
                            float *const *outputs) {
  Model *m = unwrap(model);
  return m &&
         guarded(m, false, [&] { return interpretGraph(*m, inputs, outputs); });
}

bool qatModelReport(QatModel model, intptr_t numSamples,
                    const float *const *batches, const int64_t *labels,
                    char **json, char **markdown) {
  Model *m = unwrap(model);
  return m && guarded(m, false, [&] {
           return report(*m, numSamples, batches, labels, json, markdown);
         });
}
