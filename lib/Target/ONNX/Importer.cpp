// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Importer.cpp - the ONNX graph walk ---------------------------------===//
//
// Reads the model, checks what qat needs of it (opset, static shapes, float
// inputs), makes the function's arguments, imports the nodes in order through
// the op table, and returns the graph outputs.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "qat/Dialect/Common/ShapeVerification.h"
#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QAT/IR/QATUtils.h"
#include "qat/Support/InputFile.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"

#include <google/protobuf/io/coded_stream.h>

#include <cmath>

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::onnx_import;

/// The opsets whose operator definitions qat implements. Older models can be
/// upgraded with onnx.version_converter; newer ones are read when every node
/// uses only the fields these opsets define.
static constexpr int64_t kMinOpset = 10, kMaxOpset = 21;

//===----------------------------------------------------------------------===//
// Imported values
//===----------------------------------------------------------------------===//

bool QuantParams::operator==(const QuantParams &other) const {
  return sameGrid(other) && qmin == other.qmin && qmax == other.qmax;
}

bool QuantParams::sameGrid(const QuantParams &other) const {
  return scale == other.scale && zeroPoint == other.zeroPoint &&
         axis == other.axis;
}

Imported Imported::ofConstant(std::shared_ptr<const HostTensor> t,
                              std::optional<QuantParams> q) {
  Imported i;
  i.kind = Kind::Constant;
  i.constant = std::move(t);
  i.constantQuant = std::move(q);
  return i;
}

Imported Imported::ofValue(Value v, Layout layout, int64_t onnxRank) {
  Imported i;
  i.kind = Kind::Activation;
  i.value = v;
  i.layout = layout;
  i.onnxRank = onnxRank;
  return i;
}

SmallVector<int64_t> Imported::onnxShape() const {
  switch (kind) {
  case Kind::Constant:
    return SmallVector<int64_t>(constant->shape);
  case Kind::Quantized:
    return source->onnxShape();
  case Kind::Activation:
    break;
  }
  ArrayRef<int64_t> s = cast<RankedTensorType>(value.getType()).getShape();
  if (layout == Layout::Plain)
    return SmallVector<int64_t>(s);
  if (onnxRank == 3) // [N, 1, L, C] -> [N, C, L]
    return {s[0], s[3], s[2]};
  return {s[0], s[3], s[1], s[2]};
}

//===----------------------------------------------------------------------===//
// Importer
//===----------------------------------------------------------------------===//

Importer::Importer(const onnx::ModelProto &model, StringRef fileName,
                   MLIRContext *context, const ONNXImportOptions &options)
    : model(model), fileName(fileName.str()), context(context),
      options(options), builder(context) {}

Location Importer::loc(const onnx::NodeProto &node) {
  std::string name = node.name();
  if (name.empty())
    name = node.output_size() ? node.output(0) : node.op_type();
  // A name alone: diagnostics print it (a file location would replace it).
  return NameLoc::get(StringAttr::get(context, name));
}

/// Where the importer's own errors point: the file, with no line (a binary
/// file has none, so line and column are 0).
static Location fileLocation(MLIRContext *context, StringRef fileName) {
  return FileLineColLoc::get(context, fileName, 0, 0);
}

InFlightDiagnostic Importer::error(const onnx::NodeProto &node) {
  InFlightDiagnostic diag = emitError(fileLocation(context, fileName));
  if (!node.name().empty())
    diag << "ONNX node '" << node.name() << "' (" << node.op_type() << "): ";
  else
    diag << "the unnamed ONNX " << node.op_type() << " node writing '"
         << (node.output_size() ? node.output(0) : "") << "': ";
  return diag;
}

InFlightDiagnostic Importer::error() {
  return emitError(fileLocation(context, fileName));
}

bool Importer::hasInput(const onnx::NodeProto &node, int i) const {
  return i < node.input_size() && !node.input(i).empty();
}

FailureOr<const Imported *> Importer::input(const onnx::NodeProto &node,
                                            int i) {
  if (!hasInput(node, i))
    return error(node) << "input " << i << " is missing";
  auto it = values.find(node.input(i));
  if (it == values.end())
    return error(node) << "input '" << node.input(i)
                       << "' is neither a graph input, an initializer nor "
                          "an earlier node's output";
  return &it->second;
}

FailureOr<const HostTensor *>
Importer::constantInput(const onnx::NodeProto &node, int i, StringRef what) {
  FailureOr<const Imported *> in = input(node, i);
  if (failed(in))
    return failure();
  if (!(*in)->isConstant() || (*in)->constantQuant)
    return error(node) << what << " (input '" << node.input(i)
                       << "') must be a constant";
  return (*in)->constant.get();
}

FailureOr<const Imported *>
Importer::activationInput(const onnx::NodeProto &node, int i) {
  FailureOr<const Imported *> in = input(node, i);
  if (failed(in))
    return failure();
  if ((*in)->kind == Imported::Kind::Quantized)
    return error(node) << "reads '" << node.input(i)
                       << "', a QuantizeLinear output; qat imports "
                          "QuantizeLinear only when a DequantizeLinear reads "
                          "it";
  if (!(*in)->isActivation())
    return error(node) << "input '" << node.input(i)
                       << "' is a constant where qat expects an activation";
  return *in;
}

void Importer::define(const onnx::NodeProto &node, int i, Imported imported) {
  if (i < node.output_size() && !node.output(i).empty())
    values[node.output(i)] = std::move(imported);
}

std::optional<std::vector<double>> Importer::peekFloats(StringRef name) const {
  auto it = values.find(name);
  if (it != values.end()) {
    const Imported &v = it->second;
    if (!v.isConstant() || !v.constant->isFloat() || v.constantQuant)
      return std::nullopt;
    return v.constant->values;
  }
  for (const onnx::NodeProto &node : model.graph().node()) {
    if (node.op_type() != "Constant" || node.output_size() != 1 ||
        node.output(0) != name || node.attribute_size() != 1 ||
        node.attribute(0).name() != "value")
      continue;
    FailureOr<HostTensor> t = decodeTensor(node.attribute(0).t(),
                                           [] { return InFlightDiagnostic(); });
    if (failed(t) || !t->isFloat())
      return std::nullopt;
    return t->values;
  }
  return std::nullopt;
}

SmallVector<const onnx::NodeProto *> Importer::readersOf(StringRef name) const {
  SmallVector<const onnx::NodeProto *> readers;
  for (const onnx::NodeProto &node : model.graph().node())
    if (llvm::is_contained(node.input(), name))
      readers.push_back(&node);
  return readers;
}

int64_t Importer::useCount(StringRef name) const {
  auto it = uses.find(name);
  return it == uses.end() ? 0 : it->second;
}

Value Importer::materialize(const onnx::NodeProto &node,
                            const Imported &constant, ArrayRef<int64_t> perm,
                            std::optional<ArrayRef<int64_t>> reshapeTo) {
  const HostTensor &t = *constant.constant;
  SmallVector<int64_t> shape =
      reshapeTo ? SmallVector<int64_t>(*reshapeTo) : t.shape;
  std::optional<int64_t> axis =
      constant.constantQuant ? constant.constantQuant->axis : std::nullopt;
  // A reshape that inserts unit dimensions keeps the axis's extent; find the
  // dimension of the new shape that now holds it.
  if (reshapeTo && axis) {
    int64_t extent = t.shape[*axis], before = 1;
    for (int64_t d = 0; d < *axis; ++d)
      before *= t.shape[d];
    int64_t acc = 1;
    for (int64_t d = 0; d < static_cast<int64_t>(shape.size()); ++d) {
      if (acc == before && shape[d] == extent) {
        axis = d;
        break;
      }
      acc *= shape[d];
    }
  }
  std::vector<double> data = t.values;
  if (!perm.empty()) {
    SmallVector<int64_t> newShape, strides(shape.size(), 1);
    for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
      strides[d] = strides[d + 1] * shape[d + 1];
    for (int64_t p : perm)
      newShape.push_back(shape[p]);
    SmallVector<int64_t> index(shape.size(), 0);
    for (size_t flat = 0; flat < data.size(); ++flat) {
      int64_t src = 0;
      for (size_t d = 0; d < perm.size(); ++d)
        src += index[d] * strides[perm[d]];
      data[flat] = t.values[src];
      for (int64_t d = static_cast<int64_t>(index.size()) - 1; d >= 0; --d) {
        if (++index[d] < newShape[d])
          break;
        index[d] = 0;
      }
    }
    if (axis)
      axis = llvm::find(perm, *axis) - perm.begin();
    shape = newShape;
  }
  Location l = loc(node);
  Value v = createFloatConstant(builder, l, shape, data);
  if (!constant.constantQuant)
    return v;
  return fakeQuant(l, v, *constant.constantQuant, axis);
}

Value Importer::fakeQuant(Location loc, Value value, const QuantParams &q,
                          std::optional<int64_t> axis) {
  if (auto held = heldArguments.find(value);
      held != heldArguments.end() && !axis) {
    auto [arg, onnxRank] = held->second;
    return toHeldLayout(arg.getLoc(), fakeQuant(loc, arg, q, axis), onnxRank);
  }
  IntegerType i64 = builder.getIntegerType(64);
  return FakeQuantOp::create(
      builder, loc, value.getType(), value, DenseF64ArrayAttr(),
      DenseF64ArrayAttr(), IntegerAttr(), BoolAttr(),
      builder.getDenseF64ArrayAttr(q.scale),
      builder.getDenseI64ArrayAttr(q.zeroPoint),
      builder.getIntegerAttr(i64, q.qmin), builder.getIntegerAttr(i64, q.qmax),
      axis ? builder.getIntegerAttr(i64, *axis) : IntegerAttr(),
      RoundingModeAttr());
}

//===----------------------------------------------------------------------===//
// Numbers from the file
//===----------------------------------------------------------------------===//

FailureOr<int64_t> Importer::boundedInteger(const onnx::NodeProto &node,
                                            double v, const Twine &what) {
  if (std::abs(v) <= static_cast<double>(kMaxTensorElements) &&
      v == std::floor(v))
    return static_cast<int64_t>(v);
  InFlightDiagnostic diag = error(node) << what << ": ";
  if (std::isfinite(v) && v == std::floor(v)) {
    std::string integer;
    llvm::raw_string_ostream(integer) << llvm::format("%.0f", v);
    diag << integer;
  } else {
    diag << v;
  }
  return diag << " is not an integer of magnitude at most "
              << kMaxTensorElements
              << " (the limit of any dimension, docs/Limits.md)";
}

FailureOr<SmallVector<int64_t>>
Importer::boundedIntegers(const onnx::NodeProto &node, const HostTensor &t,
                          const Twine &what) {
  SmallVector<int64_t> out;
  for (double v : t.values) {
    FailureOr<int64_t> i = boundedInteger(node, v, what);
    if (failed(i))
      return failure();
    out.push_back(*i);
  }
  return out;
}

FailureOr<int64_t> Importer::elementCount(const onnx::NodeProto &node,
                                          ArrayRef<int64_t> shape,
                                          const Twine &what, int64_t limit) {
  std::optional<int64_t> count = boundedElementCount(shape);
  if (count && *count <= limit)
    return *count;
  InFlightDiagnostic diag = error(node) << what << " [";
  llvm::interleaveComma(shape, diag);
  diag << "]";
  if (llvm::any_of(shape, [](int64_t d) { return d < 0; }))
    return diag << " has a negative dimension";
  return diag << " has more than " << limit << " elements, the most qat "
              << (limit == kMaxTensorElements
                      ? "supports in one tensor"
                      : "computes in one constant while importing");
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

const onnx::AttributeProto *Importer::attr(const onnx::NodeProto &node,
                                           StringRef name) const {
  for (const onnx::AttributeProto &a : node.attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}

FailureOr<int64_t> Importer::intAttr(const onnx::NodeProto &node,
                                     StringRef name, int64_t defaultValue) {
  const onnx::AttributeProto *a = attr(node, name);
  if (!a)
    return defaultValue;
  if (a->type() != onnx::AttributeProto::INT)
    return error(node) << "attribute '" << name << "' must be an integer";
  return boundedInteger(node, static_cast<double>(a->i()),
                        "attribute '" + name + "'");
}

FailureOr<double> Importer::floatAttr(const onnx::NodeProto &node,
                                      StringRef name, double defaultValue) {
  const onnx::AttributeProto *a = attr(node, name);
  if (!a)
    return defaultValue;
  if (a->type() != onnx::AttributeProto::FLOAT)
    return error(node) << "attribute '" << name << "' must be a float";
  return static_cast<double>(a->f());
}

FailureOr<std::string> Importer::stringAttr(const onnx::NodeProto &node,
                                            StringRef name,
                                            StringRef defaultValue) {
  const onnx::AttributeProto *a = attr(node, name);
  if (!a)
    return defaultValue.str();
  if (a->type() != onnx::AttributeProto::STRING)
    return error(node) << "attribute '" << name << "' must be a string";
  return a->s();
}

FailureOr<std::optional<SmallVector<int64_t>>>
Importer::intsAttr(const onnx::NodeProto &node, StringRef name) {
  const onnx::AttributeProto *a = attr(node, name);
  if (!a)
    return std::optional<SmallVector<int64_t>>();
  if (a->type() != onnx::AttributeProto::INTS)
    return error(node) << "attribute '" << name
                       << "' must be a list of integers";
  SmallVector<int64_t> values;
  for (int64_t v : a->ints()) {
    FailureOr<int64_t> bounded = boundedInteger(node, static_cast<double>(v),
                                                "attribute '" + name + "'");
    if (failed(bounded))
      return failure();
    values.push_back(*bounded);
  }
  return std::optional<SmallVector<int64_t>>(std::move(values));
}

//===----------------------------------------------------------------------===//
// The walk
//===----------------------------------------------------------------------===//

LogicalResult Importer::importInitializers() {
  for (const onnx::TensorProto &init : model.graph().initializer()) {
    // A name defined twice would let the later silently win (as an input
    // scale, say): ONNX requires every tensor name to be written once.
    if (values.count(init.name()))
      return error() << "initializer '" << init.name()
                     << "' is defined twice; tensor names must be unique";
    FailureOr<HostTensor> t = decodeTensor(init, [&] { return error(); });
    if (failed(t))
      return failure();
    values[init.name()] =
        Imported::ofConstant(std::make_shared<HostTensor>(std::move(*t)));
  }
  if (model.graph().sparse_initializer_size())
    return error() << "the graph has sparse initializers, which qat does not "
                      "read";
  return success();
}

LogicalResult Importer::importGraphInputs() {
  SmallVector<Type> types;
  SmallVector<std::pair<std::string, int64_t>> inputs;
  llvm::StringSet<> inputNames;
  for (const onnx::ValueInfoProto &in : model.graph().input()) {
    if (!inputNames.insert(in.name()).second)
      return error() << "graph input '" << in.name()
                     << "' is listed twice; tensor names must be unique";
    if (values.count(in.name()))
      continue; // An initializer listed as an input (IR version < 4).
    const onnx::TypeProto &type = in.type();
    if (!type.has_tensor_type())
      return error() << "graph input '" << in.name() << "' is not a tensor";
    int32_t elem = type.tensor_type().elem_type();
    if (elem != onnx::TensorProto::FLOAT)
      return error() << "graph input '" << in.name() << "' is "
                     << dataTypeName(elem)
                     << "; qat imports float32 inputs (the compiled model "
                        "takes int8 at its boundary)";
    if (!type.tensor_type().has_shape())
      return error() << "graph input '" << in.name() << "' has no shape";
    SmallVector<int64_t> shape;
    for (auto [d, dim] : llvm::enumerate(type.tensor_type().shape().dim())) {
      if (dim.has_dim_value() && dim.dim_value() > 0) {
        shape.push_back(dim.dim_value());
        continue;
      }
      if (d == 0 && !dim.has_dim_value()) {
        shape.push_back(1); // A symbolic batch: qat compiles one sample.
        continue;
      }
      auto diag = error() << "graph input '" << in.name() << "' has ";
      if (dim.has_dim_param())
        diag << "the symbolic dimension '" << dim.dim_param() << "'";
      else if (dim.has_dim_value())
        diag << "the dimension " << dim.dim_value();
      else
        diag << "an unknown dimension";
      diag << " at position " << d
           << "; qat compiles static shapes, with only a symbolic batch "
              "(taken as 1)";
      return diag;
    }
    if (shape.empty())
      return error() << "graph input '" << in.name()
                     << "' is a scalar; qat takes tensors";
    if (!boundedElementCount(shape))
      return error() << "graph input '" << in.name() << "' has shape "
                     << bracketed(ArrayRef<int64_t>(shape)) << ", more than "
                     << kMaxTensorElements
                     << " elements, the most qat supports in one tensor";
    int64_t rank = static_cast<int64_t>(shape.size());
    bool nhwc = options.layout == BoundaryLayout::NHWC;
    if (rank == 3 && nhwc)
      shape = {shape[0], 1, shape[2], shape[1]};
    else if (rank == 4 && nhwc)
      shape = {shape[0], shape[2], shape[3], shape[1]};
    else if (rank > 4)
      return error() << "graph input '" << in.name() << "' has rank " << rank
                     << "; qat takes tensors of rank 1 to 4";
    types.push_back(RankedTensorType::get(shape, builder.getF32Type()));
    inputs.push_back({in.name(), rank});
  }
  if (inputs.empty())
    return error() << "the graph has no input";

  func = func::FuncOp::create(
      builder, FileLineColLoc::get(context, fileName, 0, 0),
      options.functionName, builder.getFunctionType(types, {}));
  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  for (auto [i, in] : llvm::enumerate(inputs)) {
    bool channelFirst = in.second == 3 || in.second == 4;
    BlockArgument arg = entry->getArgument(i);
    Value held = arg;
    if (channelFirst) {
      func.setArgAttr(i, "qat.layout",
                      builder.getStringAttr(layoutName(in.second)));
      if (options.layout == BoundaryLayout::NHWC)
        func.setArgAttr(i, "qat.source_layout",
                        builder.getStringAttr(in.second == 3 ? "NCL" : "NCHW"));
      if (options.layout == BoundaryLayout::NCHW) {
        arg.setLoc(NameLoc::get(builder.getStringAttr(in.first)));
        held = toHeldLayout(arg.getLoc(), arg, in.second);
        heldArguments[held] = {arg, in.second};
      }
    }
    values[in.first] = Imported::ofValue(
        held, channelFirst ? Layout::ChannelsLast : Layout::Plain, in.second);
  }
  return success();
}

StringRef Importer::layoutName(int64_t onnxRank) const {
  if (options.layout == BoundaryLayout::NHWC)
    return "NHWC";
  return onnxRank == 3 ? "NCL" : "NCHW";
}

Value Importer::toHeldLayout(Location loc, Value value, int64_t onnxRank) {
  auto type = [&](ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, builder.getF32Type());
  };
  ArrayRef<int64_t> s = cast<RankedTensorType>(value.getType()).getShape();
  if (onnxRank == 4)
    return TransposeOp::create(builder, loc, type({s[0], s[2], s[3], s[1]}),
                               value,
                               builder.getDenseI64ArrayAttr({0, 2, 3, 1}))
        .getResult();
  Value nlc = TransposeOp::create(builder, loc, type({s[0], s[2], s[1]}), value,
                                  builder.getDenseI64ArrayAttr({0, 2, 1}));
  return ReshapeOp::create(builder, loc, type({s[0], 1, s[2], s[1]}), nlc)
      .getResult();
}

Value Importer::toBoundaryLayout(Location loc, const Imported &held) {
  auto type = [&](ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, builder.getF32Type());
  };
  Value v = held.value;
  ArrayRef<int64_t> s = cast<RankedTensorType>(v.getType()).getShape();
  if (held.layout == Layout::ChannelsLast && held.onnxRank == 4)
    return TransposeOp::create(builder, loc, type({s[0], s[3], s[1], s[2]}), v,
                               builder.getDenseI64ArrayAttr({0, 3, 1, 2}))
        .getResult();
  if (held.layout == Layout::ChannelsLast) { // [N, 1, L, C] -> [N, C, L]
    Value nlc = ReshapeOp::create(builder, loc, type({s[0], s[2], s[3]}), v);
    return TransposeOp::create(builder, loc, type({s[0], s[3], s[2]}), nlc,
                               builder.getDenseI64ArrayAttr({0, 2, 1}))
        .getResult();
  }
  if (held.flattenedCHW.empty())
    return v;
  // A flattened image is held in (h, w, c) order; ONNX's is (c, h, w).
  int64_t c = held.flattenedCHW[0], h = held.flattenedCHW[1],
          w = held.flattenedCHW[2];
  Value image = ReshapeOp::create(builder, loc, type({s[0], h, w, c}), v);
  Value chw = TransposeOp::create(builder, loc, type({s[0], c, h, w}), image,
                                  builder.getDenseI64ArrayAttr({0, 3, 1, 2}));
  return ReshapeOp::create(builder, loc, type(s), chw).getResult();
}

LogicalResult Importer::importNode(const onnx::NodeProto &node) {
  if (!node.domain().empty() && node.domain() != "ai.onnx")
    return error(node) << "operator domain '" << node.domain()
                       << "' is not supported (qat imports the standard "
                          "ONNX domain)";
  const OpTableEntry *entry = lookupOp(node.op_type());
  if (!entry)
    return error(node) << "operator " << node.op_type()
                       << " is not supported; docs/ONNX.md lists the "
                          "operators qat imports";
  llvm::StringSet<> attributes;
  for (const onnx::AttributeProto &a : node.attribute()) {
    if (!attributes.insert(a.name()).second)
      return error(node) << "attribute '" << a.name()
                         << "' is given twice; a node names each attribute "
                            "once";
    if (!llvm::is_contained(entry->attributes, StringRef(a.name())))
      return error(node) << "attribute '" << a.name() << "' is not supported";
  }
  // Each tensor is written once (ONNX graphs are in SSA form): a second
  // writer would silently replace the first for every later reader.
  llvm::StringSet<> outputs;
  for (const std::string &out : node.output()) {
    if (out.empty())
      continue;
    if (!outputs.insert(out).second)
      return error(node) << "writes output '" << out << "' twice";
    auto written = writers.find(out);
    if (written != writers.end())
      return error(node) << "writes '" << out << "', which " << written->second
                         << " already writes; a tensor has one writer";
    if (values.count(out))
      return error(node) << "writes '" << out
                         << "', which is a graph input or an initializer; "
                            "a tensor has one writer";
  }
  if (failed(entry->handler(*this, node)))
    return failure();
  for (const std::string &out : node.output())
    if (!out.empty())
      writers[out] = node.name().empty()
                         ? "the unnamed " + node.op_type() + " node"
                         : "node '" + node.name() + "'";
  // An output that nothing reads need not be computed, nor one that only
  // nodes a handler fused (absorbed) read.
  auto liveUses = [&](const std::string &out) {
    int64_t live = useCount(out);
    for (const onnx::NodeProto *reader : readersOf(out))
      if (absorbed.contains(reader))
        live -= llvm::count(reader->input(), out);
    return live;
  };
  for (const std::string &out : node.output())
    if (!out.empty() && !values.count(out) && liveUses(out) > 0)
      return error(node) << "output '" << out
                         << "' is not supported (only the first output is "
                            "imported)";
  return success();
}

LogicalResult Importer::checkDeclaredOutput(const onnx::ValueInfoProto &out,
                                            const Imported &result) {
  if (!out.has_type() || !out.type().has_tensor_type())
    return success();
  const onnx::TypeProto::Tensor &type = out.type().tensor_type();
  if (type.elem_type() != onnx::TensorProto::UNDEFINED &&
      type.elem_type() != onnx::TensorProto::FLOAT)
    return error() << "graph output '" << out.name() << "' is declared "
                   << dataTypeName(type.elem_type())
                   << ", but the graph computes float32 there";
  if (!type.has_shape())
    return success();
  SmallVector<int64_t> computed = result.onnxShape();
  auto declared = type.shape().dim();
  bool agrees = declared.size() == static_cast<int>(computed.size());
  for (int d = 0; agrees && d < declared.size(); ++d)
    // A symbolic (or unknown) dimension agrees with any size; so does a
    // symbolic batch qat compiled as 1.
    agrees =
        !declared[d].has_dim_value() || declared[d].dim_value() == computed[d];
  if (agrees)
    return success();
  InFlightDiagnostic diag = error() << "graph output '" << out.name()
                                    << "' is declared with shape [";
  llvm::interleaveComma(declared, diag, [&](const auto &dim) {
    if (dim.has_dim_value())
      diag << dim.dim_value();
    else
      diag << (dim.has_dim_param() ? dim.dim_param() : "?");
  });
  diag << "], but the graph computes [";
  llvm::interleaveComma(computed, diag);
  return diag << "] there";
}

LogicalResult Importer::importGraphOutputs() {
  SmallVector<Value> results;
  for (const onnx::ValueInfoProto &out : model.graph().output()) {
    auto it = values.find(out.name());
    if (it == values.end())
      return error() << "graph output '" << out.name()
                     << "' is not produced by any node";
    if (!it->second.isActivation())
      return error() << "graph output '" << out.name()
                     << "' is a constant or a bare QuantizeLinear output; "
                        "qat compiles outputs computed from the inputs";
    const Imported &result = it->second;
    if (failed(checkDeclaredOutput(out, result)))
      return failure();
    if (options.layout == BoundaryLayout::NCHW)
      results.push_back(toBoundaryLayout(
          NameLoc::get(builder.getStringAttr(out.name())), result));
    else
      results.push_back(result.value);
  }
  if (results.empty())
    return error() << "the graph has no output";
  func::ReturnOp::create(builder, func.getLoc(), results);
  func.setFunctionType(builder.getFunctionType(
      func.getFunctionType().getInputs(), ValueRange(results).getTypes()));
  for (auto [i, out] : llvm::enumerate(model.graph().output())) {
    const Imported &result = values.find(out.name())->second;
    if (result.layout != Layout::ChannelsLast)
      continue;
    func.setResultAttr(i, "qat.layout",
                       builder.getStringAttr(layoutName(result.onnxRank)));
    if (options.layout == BoundaryLayout::NHWC)
      func.setResultAttr(
          i, "qat.source_layout",
          builder.getStringAttr(result.onnxRank == 3 ? "NCL" : "NCHW"));
  }
  // The argument transposes whose fake_quant moved onto the argument.
  for (auto &[held, arg] : heldArguments)
    for (Value v = held; v.use_empty() && v != arg.first;) {
      Operation *op = v.getDefiningOp();
      v = op->getOperand(0);
      op->erase();
    }
  return success();
}

OwningOpRef<ModuleOp> Importer::run() {
  opsetVersion = -1;
  for (const onnx::OperatorSetIdProto &set : model.opset_import())
    if (set.domain().empty() || set.domain() == "ai.onnx")
      opsetVersion = set.version();
  if (opsetVersion < 0)
    return (error() << "the model imports no standard ONNX opset", nullptr);
  if (opsetVersion < kMinOpset || opsetVersion > kMaxOpset)
    return (error() << "opset " << opsetVersion
                    << " is not supported; qat reads opsets " << kMinOpset
                    << " to " << kMaxOpset
                    << " (onnx.version_converter upgrades older models)",
            nullptr);
  if (!model.has_graph())
    return (error() << "the model has no graph", nullptr);

  for (const onnx::NodeProto &node : model.graph().node())
    for (const std::string &in : node.input())
      ++uses[in];
  for (const onnx::ValueInfoProto &out : model.graph().output())
    ++uses[out.name()];

  module = ModuleOp::create(FileLineColLoc::get(context, fileName, 0, 0));
  // ONNX's QuantizeLinear and PyTorch's fake-quant round once, so single
  // rounding follows the graph more closely (measured in docs/ONNX.md).
  (*module)->setAttr(kRecordedRounding, builder.getStringAttr("single"));
  builder.setInsertionPointToEnd(module->getBody());
  if (failed(importInitializers()) || failed(importGraphInputs()))
    return nullptr;
  for (const onnx::NodeProto &node : model.graph().node())
    if (!absorbed.contains(&node) && failed(importNode(node)))
      return nullptr;
  if (failed(importGraphOutputs()))
    return nullptr;
  if (failed(verify(*module)))
    return nullptr;
  return std::move(module);
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> mlir::qat::importONNX(StringRef bytes, StringRef fileName,
                                            MLIRContext *context,
                                            const ONNXImportOptions &options) {
  context->loadDialect<QATDialect, arith::ArithDialect, func::FuncDialect>();
  onnx::ModelProto model;
  google::protobuf::io::CodedInputStream stream(
      reinterpret_cast<const uint8_t *>(bytes.data()),
      static_cast<int>(bytes.size()));
  // Models nest graphs only inside control flow, which qat refuses anyway;
  // a low limit keeps hostile nesting from exhausting the stack.
  stream.SetRecursionLimit(64);
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max()) ||
      !model.ParseFromCodedStream(&stream) || !stream.ConsumedEntireMessage()) {
    emitError(fileLocation(context, fileName))
        << "not an ONNX model (the file does not parse as an ONNX "
           "ModelProto; is it truncated?)";
    return nullptr;
  }
  if (!model.has_graph() || model.opset_import_size() == 0) {
    emitError(fileLocation(context, fileName))
        << "not an ONNX model (it has no graph or no opset)";
    return nullptr;
  }
  return Importer(model, fileName, context, options).run();
}

std::optional<BoundaryLayout> mlir::qat::parseBoundaryLayout(StringRef name) {
  if (name == "nhwc")
    return BoundaryLayout::NHWC;
  if (name == "nchw")
    return BoundaryLayout::NCHW;
  return std::nullopt;
}

LogicalResult mlir::qat::checkTextNesting(StringRef text, StringRef fileName,
                                          MLIRContext *context) {
  // Bytecode is not text; its reader bounds its own recursion.
  if (text.starts_with("ML\xefR"))
    return success();
  int depth = 0;
  unsigned line = 1, column = 0;
  bool inString = false, inComment = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    ++column;
    if (c == '\n') {
      ++line;
      column = 0;
      inComment = false;
      continue;
    }
    if (inComment)
      continue;
    if (inString) {
      if (c == '\\')
        ++i, ++column;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"')
      inString = true;
    else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/')
      inComment = true;
    else if (c == '[' || c == '(' || c == '{') {
      if (++depth > kMaxTextNesting)
        return emitError(FileLineColLoc::get(context, fileName, line, column))
               << "brackets nest deeper than " << kMaxTextNesting
               << " levels; qat refuses the input (parsing it would exhaust "
                  "the stack)";
    } else if (c == ']' || c == ')' || c == '}') {
      depth = std::max(depth - 1, 0);
    }
  }
  return success();
}

bool mlir::qat::isONNXFile(StringRef path) {
  return llvm::sys::path::extension(path) == ".onnx";
}
