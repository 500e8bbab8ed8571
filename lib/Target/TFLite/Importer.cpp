// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Importer.cpp - the TFLite flatbuffer walk --------------------------===//
//
// Checks the file before reading it (the flatbuffer verifier bounds every
// offset; the importer then checks every tensor, buffer and operator index
// it follows), makes the function's integer ports, imports the operators in
// order, and returns the graph's outputs.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Support/InputFile.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/Path.h"

#include <cmath>
#include <cstring>
#include <limits>

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::tflite_import;

/// The most elements a tensor may have (2^31 - 1): qat's kernels index
/// with 32-bit offsets, and no microcontroller model comes near.
static constexpr int64_t kMaxElements = std::numeric_limits<int32_t>::max();
/// Tensors of higher rank than this are refused (qat's kernels are 4-D).
static constexpr int64_t kMaxRank = 6;

int64_t TensorInfo::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string mlir::qat::tflite_import::tensorTypeName(int type) {
  static const char *const names[] = {
      "FLOAT32", "FLOAT16",  "INT32",     "UINT8",  "INT64",   "STRING",
      "BOOL",    "INT16",    "COMPLEX64", "INT8",   "FLOAT64", "COMPLEX128",
      "UINT64",  "RESOURCE", "VARIANT",   "UINT32", "UINT16",  "INT4"};
  if (type >= 0 && type < static_cast<int>(std::size(names)))
    return names[type];
  return "type " + std::to_string(type);
}

Importer::Importer(StringRef bytes, StringRef fileName, MLIRContext *context,
                   const TFLiteImportOptions &options)
    : bytes(bytes), fileName(fileName.str()), context(context),
      options(options), builder(context) {}

/// Where the importer's own errors point: the file, with no line (a binary
/// file has none, so line and column are 0).
static Location fileLocation(MLIRContext *context, StringRef fileName) {
  return FileLineColLoc::get(context, fileName, 0, 0);
}

InFlightDiagnostic Importer::error() {
  return emitError(fileLocation(context, fileName));
}

InFlightDiagnostic Importer::error(const OperatorInfo &op) {
  InFlightDiagnostic diag = error();
  // The graph's ports are checked as if by an operator of their own.
  if (op.index < 0)
    return diag;
  diag << "operator " << op.index << " (" << op.opcodeName;
  if (!op.outputs.empty() && op.outputs[0] >= 0 &&
      op.outputs[0] < static_cast<int32_t>(tensors.size()) &&
      !tensors[op.outputs[0]].name.empty())
    diag << ", output '" << tensors[op.outputs[0]].name << "'";
  diag << "): ";
  return diag;
}

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

static int64_t elementBits(int8_t type) {
  switch (type) {
  case kInt4:
    return 4;
  case kInt8:
    return 8;
  case kInt16:
    return 16;
  case kFloat32:
  case kInt32:
    return 32;
  case kInt64:
    return 64;
  default:
    return 0;
  }
}

LogicalResult Importer::readTensors() {
  const auto *list = subgraph->tensors();
  const auto *buffers = model->buffers();
  int64_t count = list ? list->size() : 0;
  for (int64_t i = 0; i < count; ++i) {
    const fb::Tensor *t = list->Get(i);
    TensorInfo info;
    info.index = i;
    info.name = t->name() ? t->name()->str() : "";
    info.type = t->type();
    auto fail = [&]() {
      InFlightDiagnostic diag = error();
      diag << "tensor " << i;
      if (!info.name.empty())
        diag << " '" << info.name << "'";
      diag << ": ";
      return diag;
    };
    if (t->sparsity())
      return fail() << "is sparse; qat reads dense tensors only (convert "
                       "the model without sparsification)";
    if (t->shape()) {
      if (t->shape()->size() > kMaxRank)
        return fail() << "has rank " << t->shape()->size() << "; qat reads "
                      << "tensors of rank at most " << kMaxRank;
      int64_t elements = 1;
      for (int32_t d : *t->shape()) {
        if (d < 0)
          return fail() << "has dimension " << d
                        << "; qat compiles static shapes only";
        elements *= d;
        if (elements > kMaxElements)
          return fail() << "has more than " << kMaxElements << " elements";
        info.shape.push_back(d);
      }
    }
    if (const fb::QuantizationParameters *q = t->quantization()) {
      if (q->details_type() != fb::QuantizationDetails_NONE)
        return fail() << "has custom quantization, which qat does not read";
      int64_t scales = q->scale() ? q->scale()->size() : 0;
      int64_t zeros = q->zero_point() ? q->zero_point()->size() : 0;
      if (scales != zeros && !(scales > 0 && zeros == 0))
        return fail() << "has " << scales << " scale(s) but " << zeros
                      << " zero point(s)";
      for (int64_t k = 0; k < scales; ++k) {
        float s = q->scale()->Get(k);
        if (!std::isfinite(s) || s <= 0)
          return fail() << "has scale " << s << " at " << k
                        << "; scales must be finite and positive";
        info.scales.push_back(s);
        // Copied, not read in place: the verifier aligns a vector's length
        // prefix to 4 bytes, not its int64 elements to 8 (a hostile file
        // places them at any multiple of 4).
        int64_t zeroPoint = 0;
        if (zeros)
          std::memcpy(&zeroPoint, q->zero_point()->Data() + 8 * k,
                      sizeof zeroPoint);
        info.zeroPoints.push_back(zeroPoint);
      }
      info.quantizedDimension = q->quantized_dimension();
      // The quantized dimension is checked where per-channel scales are
      // read (weights): converters leave stale ones on biases, which
      // TFLite ignores.
    }
    uint32_t b = t->buffer();
    if (b != 0) {
      if (!buffers || b >= buffers->size())
        return fail() << "refers to buffer " << b << ", but the file has "
                      << (buffers ? buffers->size() : 0) << " buffers";
      const fb::Buffer *buffer = buffers->Get(b);
      ArrayRef<uint8_t> data;
      if (buffer->offset() > 1) {
        // Data stored after the flatbuffer (models above 2 GB).
        uint64_t offset = buffer->offset(), size = buffer->size();
        if (offset > bytes.size() || size > bytes.size() - offset)
          return fail() << "has data at bytes [" << offset << ", "
                        << offset + size << "), beyond the file's "
                        << bytes.size() << " bytes";
        data = ArrayRef<uint8_t>(
            reinterpret_cast<const uint8_t *>(bytes.data()) + offset, size);
      } else if (buffer->data()) {
        data =
            ArrayRef<uint8_t>(buffer->data()->data(), buffer->data()->size());
      }
      if (!data.empty()) {
        int64_t bits = elementBits(info.type);
        if (bits == 0)
          return fail() << "holds constant data of type "
                        << tensorTypeName(info.type)
                        << ", which qat does not read";
        int64_t expected = (info.numElements() * bits + 7) / 8;
        if (static_cast<int64_t>(data.size()) != expected)
          return fail() << "has shape [" << info.shape << "] of "
                        << tensorTypeName(info.type) << " (" << expected
                        << " bytes), but its buffer " << b << " holds "
                        << data.size() << " bytes";
        info.data = data;
      }
    }
    tensors.push_back(std::move(info));
  }
  return success();
}

RankedTensorType Importer::storageType(const TensorInfo &t) const {
  return RankedTensorType::get(
      t.shape, IntegerType::get(context, t.type == kInt16 ? 16 : 8));
}

LogicalResult Importer::checkActivation(const OperatorInfo &op,
                                        const TensorInfo &t, StringRef role) {
  if (t.type != kInt8 && t.type != kInt16)
    return error(op) << role << " '" << t.name << "' is "
                     << tensorTypeName(t.type)
                     << "; qat compiles quantized models (INT8 activations, "
                        "or INT16 with INT8 weights)";
  if (t.scales.size() != 1)
    return error(op) << role << " '" << t.name << "' has " << t.scales.size()
                     << " scales; activations need exactly one";
  int64_t zp = t.zeroPoints[0];
  if (t.type == kInt8 && (zp < -128 || zp > 127))
    return error(op) << role << " '" << t.name << "' has zero point " << zp
                     << ", outside int8";
  if (t.type == kInt16 && zp != 0)
    return error(op) << role << " '" << t.name << "' is INT16 with zero point "
                     << zp << "; TFLite's 16-bit activations are symmetric";
  return success();
}

//===----------------------------------------------------------------------===//
// Operators
//===----------------------------------------------------------------------===//

FailureOr<OperatorInfo> Importer::readOperator(int64_t index) {
  const fb::Operator *op = subgraph->operators()->Get(index);
  OperatorInfo info;
  info.index = index;
  info.op = op;
  const auto *codes = model->operator_codes();
  uint32_t opcode = op->opcode_index();
  if (!codes || opcode >= codes->size()) {
    error() << "operator " << index << " has opcode index " << opcode
            << ", but the file lists " << (codes ? codes->size() : 0)
            << " operator codes";
    return failure();
  }
  const fb::OperatorCode *code = codes->Get(opcode);
  // Files before schema 3a hold the code in the deprecated byte only.
  info.code =
      std::max<int32_t>(code->builtin_code(), code->deprecated_builtin_code());
  info.opcodeName = builtinOperatorName(info.code);
  if (info.code == 32 /* CUSTOM */ && code->custom_code())
    info.opcodeName = "CUSTOM '" + code->custom_code()->str() + "'";
  for (auto [list, into] : {std::make_pair(op->inputs(), &info.inputs),
                            std::make_pair(op->outputs(), &info.outputs)}) {
    if (!list)
      continue;
    for (int32_t t : *list) {
      if (t < -1 || t >= static_cast<int32_t>(tensors.size())) {
        error(info) << "refers to tensor " << t << ", but the subgraph has "
                    << tensors.size() << " tensors";
        return failure();
      }
      into->push_back(t);
    }
  }
  for (int32_t t : info.outputs)
    if (t < 0) {
      error(info) << "has an omitted output";
      return failure();
    }
  std::string outputName =
      info.outputs.empty() ? "" : tensors[info.outputs[0]].name;
  std::string name =
      "operator " + std::to_string(index) + " " + info.opcodeName;
  if (!outputName.empty())
    name += " '" + outputName + "'";
  // A name alone: diagnostics print it (a file location would replace it).
  info.loc = NameLoc::get(StringAttr::get(context, name));
  return info;
}

LogicalResult Importer::expectOperands(const OperatorInfo &op,
                                       unsigned minInputs, unsigned maxInputs,
                                       unsigned outputs) {
  if (op.inputs.size() < minInputs || op.inputs.size() > maxInputs) {
    InFlightDiagnostic diag = error(op) << "has " << op.inputs.size()
                                        << " inputs; it takes " << minInputs;
    if (maxInputs != minInputs)
      diag << " to " << maxInputs;
    return diag;
  }
  for (unsigned i = 0; i < minInputs; ++i)
    if (op.inputs[i] < 0)
      return error(op) << "omits its required input " << i;
  if (op.outputs.size() != outputs)
    return error(op) << "has " << op.outputs.size() << " outputs; it has "
                     << outputs;
  return success();
}

FailureOr<Value> Importer::activation(const OperatorInfo &op, unsigned i) {
  const TensorInfo &t = input(op, i);
  if (t.isConstant())
    return error(op) << "input " << i << " '" << t.name
                     << "' is a constant; qat's kernel for " << op.opcodeName
                     << " reads an activation there";
  Value v = values.lookup(t.index);
  if (!v)
    return error(op) << "reads tensor " << t.index << " '" << t.name
                     << "', which no earlier operator writes and which is "
                        "not a graph input (the operators are out of order "
                        "or form a cycle)";
  if (failed(checkActivation(op, t, "input")))
    return failure();
  return v;
}

FailureOr<SmallVector<int64_t>>
Importer::constantInts(const OperatorInfo &op, unsigned i, StringRef role) {
  const TensorInfo &t = input(op, i);
  if (!t.isConstant())
    return error(op) << role << " (input " << i << " '" << t.name
                     << "') must be a constant";
  SmallVector<int64_t> result;
  const uint8_t *p = t.data->data();
  for (int64_t k = 0, n = t.numElements(); k < n; ++k) {
    switch (t.type) {
    case kInt32: {
      int32_t v;
      std::memcpy(&v, p + 4 * k, 4);
      result.push_back(v);
      break;
    }
    case kInt64: {
      int64_t v;
      std::memcpy(&v, p + 8 * k, 8);
      result.push_back(v);
      break;
    }
    case kInt8:
      result.push_back(static_cast<int8_t>(p[k]));
      break;
    case kInt16: {
      int16_t v;
      std::memcpy(&v, p + 2 * k, 2);
      result.push_back(v);
      break;
    }
    case kInt4: {
      // Two values per byte, the first in the low nibble.
      int nibble = (p[k / 2] >> (4 * (k % 2))) & 0xf;
      result.push_back(nibble >= 8 ? nibble - 16 : nibble);
      break;
    }
    default:
      return error(op) << role << " '" << t.name << "' is "
                       << tensorTypeName(t.type) << "; it must be integers";
    }
  }
  return result;
}

void Importer::define(const OperatorInfo &op, Value value, unsigned i) {
  values[op.outputs[i]] = value;
}

NamedAttribute Importer::named(StringRef name, int64_t value) {
  return builder.getNamedAttr(name, builder.getI64IntegerAttr(value));
}

NamedAttribute Importer::doubleRounding() {
  return builder.getNamedAttr(
      "rounding",
      qint::RoundingAttr::get(context, qint::Rounding::double_round));
}

FailureOr<std::pair<int64_t, int64_t>>
Importer::activationRange(const OperatorInfo &op, int8_t activation) {
  const TensorInfo &out = output(op);
  int64_t qmin = out.type == kInt16 ? -32768 : -128;
  int64_t qmax = out.type == kInt16 ? 32767 : 127;
  // As TFLite: zero point + round(f / scale), with float arithmetic.
  float scale = static_cast<float>(out.scales[0]);
  int64_t zp = out.zeroPoints[0];
  auto quantize = [&](float f) {
    return zp + static_cast<int64_t>(std::round(f / scale));
  };
  switch (activation) {
  case kActNone:
    return std::make_pair(qmin, qmax);
  case kActRelu:
    return std::make_pair(std::max(qmin, quantize(0)), qmax);
  case kActRelu6:
    return std::make_pair(std::max(qmin, quantize(0)),
                          std::min(qmax, quantize(6)));
  case kActReluN1To1:
    return std::make_pair(std::max(qmin, quantize(-1)),
                          std::min(qmax, quantize(1)));
  default:
    return error(op) << "has fused activation " << int(activation)
                     << " (TANH, SIGN_BIT); qat fuses NONE, RELU, "
                        "RELU_N1_TO_1 and RELU6";
  }
}

LogicalResult Importer::importOperator(const OperatorInfo &op) {
  switch (op.code) {
  case 3: // CONV_2D
  case 4: // DEPTHWISE_CONV_2D
    return importConvolution(op);
  case 9: // FULLY_CONNECTED
    return importFullyConnected(op);
  case 67: // TRANSPOSE_CONV
    return importTransposeConvolution(op);
  case 1:  // AVERAGE_POOL_2D
  case 17: // MAX_POOL_2D
    return importPool(op);
  case 0:  // ADD
  case 41: // SUB
  case 18: // MUL
    return importAddOrMul(op);
  case 25: // SOFTMAX
    return importSoftmax(op);
  case 40: // MEAN
    return importMean(op);
  case 22: // RESHAPE
  case 43: // SQUEEZE
  case 70: // EXPAND_DIMS
    return importReshape(op);
  case 34: // PAD
  case 60: // PADV2
    return importPad(op);
  case 2: // CONCATENATION
    return importConcatenation(op);
  case 39: // TRANSPOSE
    return importTranspose(op);
  case 45: // STRIDED_SLICE
    return importStridedSlice(op);
  case 114: // QUANTIZE
  case 19:  // RELU
  case 21:  // RELU6
  case 20:  // RELU_N1_TO_1
    return importRequantize(op);
  case 14:  // LOGISTIC
  case 28:  // TANH
  case 117: // HARD_SWISH
  case 98:  // LEAKY_RELU
    return importActivationTable(op);
  case 6: // DEQUANTIZE
    return error(op) << "converts to float inside the model; qat compiles "
                        "integer programs, which dequantize only at a graph "
                        "output";
  case 44: // UNIDIRECTIONAL_SEQUENCE_LSTM
    return importLstm(op);
  case 32: // CUSTOM
    return error(op) << "is a custom operator; qat compiles TFLite's builtin "
                        "operators only";
  default:
    return error(op) << "is not an operator qat compiles (docs/TFLite.md "
                        "lists those it does)";
  }
}

//===----------------------------------------------------------------------===//
// The model
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> Importer::run() {
  if (bytes.size() < 8 || bytes.substr(4, 4) != "TFL3") {
    error() << "not a TFLite model (no \"TFL3\" file identifier at byte 4)";
    return nullptr;
  }
  // The verifier bounds every offset the importer follows; its own depth
  // and table limits keep a hostile file from exhausting the stack.
  if (bytes.size() >= FLATBUFFERS_MAX_BUFFER_SIZE) {
    error() << "the file has " << bytes.size()
            << " bytes; a flatbuffer holds less than 2 GiB";
    return nullptr;
  }
  flatbuffers::Verifier verifier(
      reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
  if (!fb::VerifyModelBuffer(verifier)) {
    error() << "not a valid TFLite model (the flatbuffer does not verify; "
               "is it truncated?)";
    return nullptr;
  }
  model = fb::GetModel(bytes.data());
  if (model->version() != 3) {
    error() << "TFLite schema version " << model->version()
            << "; qat reads version 3";
    return nullptr;
  }
  if (!model->subgraphs() || model->subgraphs()->size() == 0) {
    error() << "the model has no subgraph";
    return nullptr;
  }
  subgraph = model->subgraphs()->Get(0);
  if (failed(readTensors()))
    return nullptr;
  if (!subgraph->operators() || subgraph->operators()->size() == 0 ||
      !subgraph->outputs() || subgraph->outputs()->size() == 0) {
    error() << "subgraph 0 has no operators or no outputs";
    return nullptr;
  }
  auto tensorIndex = [&](int32_t t, StringRef what) -> FailureOr<int32_t> {
    if (t < 0 || t >= static_cast<int32_t>(tensors.size())) {
      error() << "subgraph 0's " << what << " is tensor " << t
              << ", but it has " << tensors.size() << " tensors";
      return failure();
    }
    return t;
  };

  // Operators, read and checked once.
  std::vector<OperatorInfo> ops;
  for (int64_t i = 0, e = subgraph->operators()->size(); i < e; ++i) {
    FailureOr<OperatorInfo> op = readOperator(i);
    if (failed(op))
      return nullptr;
    ops.push_back(std::move(*op));
  }
  // Which operator reads each tensor, to find a float boundary.
  llvm::DenseMap<int32_t, SmallVector<int64_t>> readers;
  llvm::DenseMap<int32_t, int64_t> writer;
  for (const OperatorInfo &op : ops) {
    for (int32_t t : op.inputs)
      if (t >= 0)
        readers[t].push_back(op.index);
    for (int32_t t : op.outputs)
      writer[t] = op.index;
  }

  // The function's ports: the graph's integer inputs and outputs, or the
  // integers a boundary QUANTIZE or DEQUANTIZE converts.
  SmallVector<int32_t> argTensors, resultTensors;
  llvm::DenseSet<int64_t> skipped;
  const int32_t kQuantize = 114, kDequantize = 6;
  if (subgraph->inputs())
    for (int32_t raw : *subgraph->inputs()) {
      FailureOr<int32_t> t = tensorIndex(raw, "input");
      if (failed(t))
        return nullptr;
      int32_t port = *t;
      // TFLite Micro never reads a TRANSPOSE_CONV's output shape (the
      // output tensor's is stored): an INT32 graph input read only there
      // is no port.
      auto &r = readers[port];
      if (tensors[port].type == kInt32 && !r.empty() &&
          llvm::all_of(r, [&](int64_t k) {
            return ops[k].code == 67 && ops[k].inputs[0] == port &&
                   llvm::count(ops[k].inputs, port) == 1;
          }))
        continue;
      if (tensors[port].type == kFloat32) {
        if (r.size() != 1 || ops[r[0]].code != kQuantize) {
          error() << "graph input '" << tensors[port].name
                  << "' is FLOAT32 and not quantized by one QUANTIZE "
                     "operator; qat compiles integer programs";
          return nullptr;
        }
        skipped.insert(r[0]);
        port = ops[r[0]].outputs[0];
      }
      argTensors.push_back(port);
    }
  for (int32_t raw : *subgraph->outputs()) {
    FailureOr<int32_t> t = tensorIndex(raw, "output");
    if (failed(t))
      return nullptr;
    int32_t port = *t;
    if (tensors[port].type == kFloat32) {
      auto w = writer.find(port);
      if (w == writer.end() || ops[w->second].code != kDequantize ||
          ops[w->second].inputs.size() != 1 || ops[w->second].inputs[0] < 0) {
        error() << "graph output '" << tensors[port].name
                << "' is FLOAT32 and not computed by a DEQUANTIZE "
                   "operator; qat compiles integer programs";
        return nullptr;
      }
      skipped.insert(w->second);
      port = ops[w->second].inputs[0];
    }
    resultTensors.push_back(port);
  }

  OwningOpRef<ModuleOp> module(
      ModuleOp::create(fileLocation(context, fileName)));
  builder.setInsertionPointToEnd(module->getBody());
  SmallVector<Type> argTypes, resultTypes;
  auto portAttrs = [&](const TensorInfo &t) {
    SmallVector<NamedAttribute> attrs = {
        builder.getNamedAttr(
            "qint.scale",
            builder.getF64FloatAttr(t.scales.empty() ? 1.0 : t.scales[0])),
        builder.getNamedAttr("qint.zero_point",
                             builder.getI64IntegerAttr(
                                 t.zeroPoints.empty() ? 0 : t.zeroPoints[0]))};
    if (t.shape.size() == 4)
      attrs.push_back(
          builder.getNamedAttr("qint.layout", builder.getStringAttr("NHWC")));
    return builder.getDictionaryAttr(attrs);
  };
  OperatorInfo boundary; // for the ports' diagnostics
  boundary.index = -1;
  boundary.opcodeName = "graph boundary";
  boundary.loc = fileLocation(context, fileName);
  SmallVector<Attribute> argAttrs, resultAttrs;
  for (int32_t t : argTensors) {
    if (tensors[t].isConstant()) {
      error() << "graph input '" << tensors[t].name << "' has constant data";
      return nullptr;
    }
    if (failed(checkActivation(boundary, tensors[t], "graph input")))
      return nullptr;
    argTypes.push_back(storageType(tensors[t]));
    argAttrs.push_back(portAttrs(tensors[t]));
  }
  for (int32_t t : resultTensors) {
    if (failed(checkActivation(boundary, tensors[t], "graph output")))
      return nullptr;
    resultTypes.push_back(storageType(tensors[t]));
    resultAttrs.push_back(portAttrs(tensors[t]));
  }
  auto func = func::FuncOp::create(
      builder, fileLocation(context, fileName), options.functionName,
      builder.getFunctionType(argTypes, resultTypes));
  func.setAllArgAttrs(argAttrs);
  func.setAllResultAttrs(resultAttrs);
  Block *body = func.addEntryBlock();
  for (auto [t, arg] : llvm::zip(argTensors, body->getArguments())) {
    values[t] = arg;
    if (!tensors[t].name.empty())
      arg.setLoc(NameLoc::get(builder.getStringAttr(tensors[t].name)));
  }
  builder.setInsertionPointToEnd(body);

  for (const OperatorInfo &op : ops) {
    if (skipped.contains(op.index))
      continue;
    for (int32_t t : op.outputs)
      if (values.count(t)) {
        error(op) << "writes tensor " << t << " '" << tensors[t].name
                  << "', which a graph input or an earlier operator already "
                     "defines";
        return nullptr;
      }
    builder.setInsertionPointToEnd(body);
    if (failed(importOperator(op)))
      return nullptr;
  }
  SmallVector<Value> results;
  for (int32_t t : resultTensors) {
    Value v = values.lookup(t);
    if (!v) {
      error() << "graph output '" << tensors[t].name
              << "' is written by no operator";
      return nullptr;
    }
    results.push_back(v);
  }
  builder.setInsertionPointToEnd(body);
  func::ReturnOp::create(builder, fileLocation(context, fileName), results);
  // The importer checks what it reads; the verifier is the last word on
  // every op's constraints, and its errors name the operator.
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp>
mlir::qat::importTFLite(StringRef bytes, StringRef fileName,
                        MLIRContext *context,
                        const TFLiteImportOptions &options) {
  context->loadDialect<arith::ArithDialect, func::FuncDialect,
                       qint::QIntDialect>();
  // Flatbuffer scalars are read in place: the verifier wants them aligned,
  // which a buffer from memory need not be.
  std::vector<uint64_t> aligned;
  if (reinterpret_cast<uintptr_t>(bytes.data()) % alignof(uint64_t) != 0) {
    aligned.resize((bytes.size() + 7) / 8);
    std::memcpy(aligned.data(), bytes.data(), bytes.size());
    bytes =
        StringRef(reinterpret_cast<const char *>(aligned.data()), bytes.size());
  }
  return Importer(bytes, fileName, context, options).run();
}

bool mlir::qat::isTFLiteFile(StringRef path) {
  return llvm::sys::path::extension(path) == ".tflite";
}
