// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Importer.h - state of one ONNX import --------------------*- C++ -*-===//
//
// The importer walks the ONNX graph in its (topological) node order and keeps,
// for every ONNX tensor name, what it stands for: a constant still on the
// host, an activation in the qat function, or a QuantizeLinear output waiting
// for its DequantizeLinear. Constants stay on the host until a consumer says
// which layout it needs (conv filters OHWI, depthwise 1HWC, fully connected
// [O, K]), so a weight's fake_quant axis moves with its data.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_LIB_TARGET_ONNX_IMPORTER_H
#define QAT_LIB_TARGET_ONNX_IMPORTER_H

#include "qat/Dialect/Common/Limits.h"
#include "qat/Target/ONNX/ImportONNX.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include "onnx/onnx_pb.h"

#include <memory>
#include <optional>
#include <vector>

namespace mlir::qat::onnx_import {

/// The most elements of a constant the importer computes itself
/// (ConstantOfShape, Gather, Slice, Concat and arithmetic on constants):
/// unlike an initializer, nothing in the file bounds its size.
constexpr int64_t kMaxFoldedElements = int64_t(1) << 24;

/// A constant tensor of the graph (initializer, Constant node, or folded
/// from those), every element held as a double: exact for the float32,
/// 8- and 32-bit integer data of quantized models and for shape values.
struct HostTensor {
  SmallVector<int64_t> shape;
  int32_t dataType = onnx::TensorProto::FLOAT;
  std::vector<double> values;

  int64_t numElements() const;
  bool isFloat() const { return dataType == onnx::TensorProto::FLOAT; }
};

/// The parameters of a QuantizeLinear/DequantizeLinear pair.
struct QuantParams {
  SmallVector<double> scale;
  SmallVector<int64_t> zeroPoint;
  int64_t qmin = 0, qmax = 255;
  /// The ONNX axis (non-negative) when per axis.
  std::optional<int64_t> axis;

  bool operator==(const QuantParams &other) const;
  /// The same scale, zero point and axis; the ranges may differ.
  bool sameGrid(const QuantParams &other) const;
};

/// How an activation's qat dimensions relate to its ONNX dimensions.
enum class Layout {
  /// The same dimensions.
  Plain,
  /// A channel-first ONNX tensor held channels last: [N, C, H, W] as
  /// [N, H, W, C], and [N, C, L] as [N, 1, L, C].
  ChannelsLast,
};

/// What an ONNX tensor name stands for.
struct Imported {
  enum class Kind { Constant, Activation, Quantized } kind = Kind::Constant;

  /// Kind::Constant: the data, and its fake-quant when it went through
  /// QuantizeLinear -> DequantizeLinear (or DequantizeLinear of integers).
  std::shared_ptr<const HostTensor> constant;
  std::optional<QuantParams> constantQuant;

  /// Kind::Activation.
  Value value;
  Layout layout = Layout::Plain;
  /// The ONNX rank of a ChannelsLast activation (3 or 4).
  int64_t onnxRank = 0;
  /// For a flattened ChannelsLast activation ([N, H*W*C] in qat's order,
  /// [N, C*H*W] in ONNX's): C, H, W, so a fully connected layer reading it
  /// can permute its weight columns.
  SmallVector<int64_t, 3> flattenedCHW;

  /// Kind::Quantized: what QuantizeLinear quantized, with its parameters.
  std::shared_ptr<const Imported> source;
  QuantParams quant;

  static Imported ofConstant(std::shared_ptr<const HostTensor> t,
                             std::optional<QuantParams> q = std::nullopt);
  static Imported ofValue(Value v, Layout layout = Layout::Plain,
                          int64_t onnxRank = 0);
  bool isConstant() const { return kind == Kind::Constant; }
  bool isActivation() const { return kind == Kind::Activation; }
  /// The tensor's shape as ONNX sees it.
  SmallVector<int64_t> onnxShape() const;
};

class Importer;
/// Imports one node; the op table maps ONNX op types to these.
using NodeHandler = LogicalResult (*)(Importer &, const onnx::NodeProto &);

struct OpTableEntry {
  StringRef opType;
  NodeHandler handler;
  /// The attributes the handler understands; any other is an error.
  ArrayRef<StringRef> attributes;
};

/// The handler of `opType`, or null.
const OpTableEntry *lookupOp(StringRef opType);

class Importer {
public:
  Importer(const onnx::ModelProto &model, StringRef fileName,
           MLIRContext *context, const ONNXImportOptions &options);

  OwningOpRef<ModuleOp> run();

  // Diagnostics.
  /// An error located at `node`, its message prefixed by the file and node.
  InFlightDiagnostic error(const onnx::NodeProto &node);
  /// An error about the model as a whole.
  InFlightDiagnostic error();
  Location loc(const onnx::NodeProto &node);

  // Values.
  int64_t opset() const { return opsetVersion; }
  const onnx::ModelProto &onnxModel() const { return model; }
  OpBuilder &getBuilder() { return builder; }
  /// Input `i` of `node`, or an error when it is missing or undefined.
  FailureOr<const Imported *> input(const onnx::NodeProto &node, int i);
  bool hasInput(const onnx::NodeProto &node, int i) const;
  /// Input `i` as a constant without fake-quant (shapes, axes, bounds).
  FailureOr<const HostTensor *> constantInput(const onnx::NodeProto &node,
                                              int i, StringRef what);
  /// Input `i` as an activation (a value of the function).
  FailureOr<const Imported *> activationInput(const onnx::NodeProto &node,
                                              int i);
  void define(const onnx::NodeProto &node, int i, Imported imported);
  /// How many nodes (and graph outputs) read tensor `name`.
  int64_t useCount(StringRef name) const;
  /// The float32 values of tensor `name` when it is a constant without
  /// quantization: an initializer or imported constant, or the output of a
  /// later Constant node (read, not imported); no diagnostic otherwise.
  std::optional<std::vector<double>> peekFloats(StringRef name) const;
  /// The nodes reading tensor `name`, in graph order.
  SmallVector<const onnx::NodeProto *> readersOf(StringRef name) const;
  /// Marks a later node as imported already, by a handler that fused it
  /// into an op of its own (its outputs must have no other readers).
  void absorb(const onnx::NodeProto &node) { absorbed.insert(&node); }

  /// `qat.fake_quant` of `value` in the affine form with `q`'s parameters,
  /// per slice along qat dimension `axis` when given.
  Value fakeQuant(Location loc, Value value, const QuantParams &q,
                  std::optional<int64_t> axis);

  /// An f32 constant (with its fake_quant when it has one) holding `t`
  /// with its dimensions permuted by `perm` (empty: as it is).
  Value materialize(const onnx::NodeProto &node, const Imported &constant,
                    ArrayRef<int64_t> perm = {},
                    std::optional<ArrayRef<int64_t>> reshapeTo = {});

  // Numbers from the file. Every integer a handler computes shapes with
  // (attributes, constant shapes, pads, axes, indices) is bounded by the
  // documented limits (docs/Limits.md) before any arithmetic, and every
  // element count is computed by checked multiplication, so no shape
  // computed from file data can overflow.
  /// `v` as an integer of magnitude <= kMaxTensorElements, or an error
  /// naming `what` (a fraction, NaN, infinity or a value past the limit).
  FailureOr<int64_t> boundedInteger(const onnx::NodeProto &node, double v,
                                    const Twine &what);
  /// Each value of `t` as boundedInteger.
  FailureOr<SmallVector<int64_t>> boundedIntegers(const onnx::NodeProto &node,
                                                  const HostTensor &t,
                                                  const Twine &what);
  /// The number of elements of `shape`, or an error naming `what` when a
  /// dimension is negative or the count exceeds `limit`.
  FailureOr<int64_t> elementCount(const onnx::NodeProto &node,
                                  ArrayRef<int64_t> shape, const Twine &what,
                                  int64_t limit = kMaxTensorElements);

  // Attributes.
  const onnx::AttributeProto *attr(const onnx::NodeProto &node,
                                   StringRef name) const;
  FailureOr<int64_t> intAttr(const onnx::NodeProto &node, StringRef name,
                             int64_t defaultValue);
  FailureOr<double> floatAttr(const onnx::NodeProto &node, StringRef name,
                              double defaultValue);
  FailureOr<std::string> stringAttr(const onnx::NodeProto &node, StringRef name,
                                    StringRef defaultValue);
  /// `name`'s integers, or std::nullopt when absent.
  FailureOr<std::optional<SmallVector<int64_t>>>
  intsAttr(const onnx::NodeProto &node, StringRef name);

  /// A channel-first value in ONNX's order ([N, C, H, W] or [N, C, L]) as
  /// qat holds it ([N, H, W, C] or [N, 1, L, C]), and any held activation
  /// back in ONNX's order (transposes where the memory order differs).
  Value toHeldLayout(Location loc, Value value, int64_t onnxRank);
  Value toBoundaryLayout(Location loc, const Imported &value);

private:
  LogicalResult importGraphInputs();
  LogicalResult importInitializers();
  LogicalResult importNode(const onnx::NodeProto &node);
  LogicalResult importGraphOutputs();
  /// Refuses a graph output whose declared type or shape contradicts what
  /// the graph computes (a symbolic dimension agrees with any size).
  LogicalResult checkDeclaredOutput(const onnx::ValueInfoProto &out,
                                    const Imported &result);
  /// The `qat.layout` name of a channel-first boundary tensor.
  StringRef layoutName(int64_t onnxRank) const;

  const onnx::ModelProto &model;
  std::string fileName;
  MLIRContext *context;
  ONNXImportOptions options;
  OpBuilder builder;
  OwningOpRef<ModuleOp> module;
  func::FuncOp func;
  int64_t opsetVersion = 0;
  llvm::StringMap<Imported> values;
  llvm::StringMap<int64_t> uses;
  llvm::DenseSet<const onnx::NodeProto *> absorbed;
  /// The node that wrote each tensor, as messages name it.
  llvm::StringMap<std::string> writers;
  /// With an NCHW boundary: each argument's value as qat holds it, mapped to
  /// the argument, so that the input's fake_quant can move onto the
  /// argument itself (the compiled model then quantizes before it
  /// transposes, as the int8 boundary requires).
  llvm::DenseMap<Value, std::pair<BlockArgument, int64_t>> heldArguments;
};

/// Decodes an initializer or a Constant node's tensor; errors name `where`.
FailureOr<HostTensor>
decodeTensor(const onnx::TensorProto &proto,
             llvm::function_ref<InFlightDiagnostic()> error);

/// The ONNX name of a data type, for messages.
std::string dataTypeName(int32_t dataType);

} // namespace mlir::qat::onnx_import

#endif // QAT_LIB_TARGET_ONNX_IMPORTER_H
