// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Importer.h - state of one TFLite import ------------------*- C++ -*-===//
//
// The importer checks the flatbuffer (identifier, verifier, every index it
// follows), then walks subgraph 0's operators in their stored order, which
// TFLite guarantees to be an execution order. Each tensor becomes either a
// constant (its buffer holds data) or an activation: a value of the qint
// function, defined by the graph's inputs or by an earlier operator.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_LIB_TARGET_TFLITE_IMPORTER_H
#define QAT_LIB_TARGET_TFLITE_IMPORTER_H

#include "qat/Target/TFLite/ImportTFLite.h"

// flatc's verifiers keep a default label in switches over every value.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wcovered-switch-default"
#endif
#include "TFLiteSchema_generated.h"
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <string>

namespace mlir::qat::tflite_import {

namespace fb = ::qat::tflite;

/// TFLite's TensorType values that qat reads.
enum TensorType : int8_t {
  kFloat32 = 0,
  kInt32 = 2,
  kInt64 = 4,
  kInt16 = 7,
  kInt8 = 9,
  kInt4 = 17,
};

/// TFLite's ActivationFunctionType.
enum Activation : int8_t {
  kActNone = 0,
  kActRelu = 1,
  kActReluN1To1 = 2,
  kActRelu6 = 3,
};

/// The name of TFLite tensor type `type` ("INT8", ...).
std::string tensorTypeName(int type);
/// The name of builtin operator `code` ("CONV_2D", ...).
std::string builtinOperatorName(int32_t code);

/// A tensor of the subgraph, checked.
struct TensorInfo {
  int32_t index = -1;
  std::string name;
  int8_t type = kFloat32;
  SmallVector<int64_t> shape;
  /// Quantization: one scale and zero point, or one per slice along
  /// `quantizedDimension`. Empty when the tensor has none.
  SmallVector<double> scales;
  SmallVector<int64_t> zeroPoints;
  int64_t quantizedDimension = 0;
  /// The stored bytes of a constant (a buffer with data); activations have
  /// none.
  std::optional<ArrayRef<uint8_t>> data;

  int64_t numElements() const;
  bool isConstant() const { return data.has_value(); }
  bool isQuantized() const { return !scales.empty(); }
};

/// The operator being imported, as diagnostics and locations name it.
struct OperatorInfo {
  int64_t index = 0;
  int32_t code = 0;
  std::string opcodeName;
  const fb::Operator *op = nullptr;
  /// Tensor indices; -1 marks an omitted optional input.
  SmallVector<int32_t> inputs, outputs;
  /// Its location: "operator 3 CONV_2D 'output name'".
  LocationAttr loc;
};

class Importer {
public:
  Importer(StringRef bytes, StringRef fileName, MLIRContext *context,
           const TFLiteImportOptions &options);

  OwningOpRef<ModuleOp> run();

private:
  // Errors, naming the file, and the operator when one is at fault.
  InFlightDiagnostic error();
  InFlightDiagnostic error(const OperatorInfo &op);

  LogicalResult readTensors();
  FailureOr<OperatorInfo> readOperator(int64_t index);
  LogicalResult importOperator(const OperatorInfo &op);

  // Operands.
  const TensorInfo &input(const OperatorInfo &op, unsigned i) const {
    return tensors[op.inputs[i]];
  }
  const TensorInfo &output(const OperatorInfo &op, unsigned i = 0) const {
    return tensors[op.outputs[i]];
  }
  bool hasInput(const OperatorInfo &op, unsigned i) const {
    return i < op.inputs.size() && op.inputs[i] >= 0;
  }
  LogicalResult expectOperands(const OperatorInfo &op, unsigned minInputs,
                               unsigned maxInputs, unsigned outputs = 1);
  /// The value of activation input `i`.
  FailureOr<Value> activation(const OperatorInfo &op, unsigned i);
  /// Input `i` as constant integers of `type` (INT32 or INT64 shape and
  /// axis operands, weights and biases).
  FailureOr<SmallVector<int64_t>> constantInts(const OperatorInfo &op,
                                               unsigned i, StringRef role);
  /// The single scale and zero point of a per-tensor quantized
  /// activation of type INT8 or INT16.
  LogicalResult checkActivation(const OperatorInfo &op, const TensorInfo &t,
                                StringRef role);
  RankedTensorType storageType(const TensorInfo &t) const;
  void define(const OperatorInfo &op, Value value, unsigned i = 0);
  /// TFLite's CalculateActivationRangeQuantized for the output tensor.
  FailureOr<std::pair<int64_t, int64_t>> activationRange(const OperatorInfo &op,
                                                         int8_t activation);
  NamedAttribute named(StringRef name, int64_t value);
  NamedAttribute doubleRounding();

  // One function per operator (Layers.cpp, Arithmetic.cpp,
  // DataMovement.cpp).
  LogicalResult importConvolution(const OperatorInfo &op);
  LogicalResult importFullyConnected(const OperatorInfo &op);
  /// TRANSPOSE_CONV as a stride-1 qint.conv2d over the input spread by the
  /// stride (zero points between), the filter flipped.
  LogicalResult importTransposeConvolution(const OperatorInfo &op);
  LogicalResult importPool(const OperatorInfo &op);
  LogicalResult importAddOrMul(const OperatorInfo &op);
  LogicalResult importSoftmax(const OperatorInfo &op);
  LogicalResult importMean(const OperatorInfo &op);
  LogicalResult importReshape(const OperatorInfo &op);
  LogicalResult importPad(const OperatorInfo &op);
  LogicalResult importConcatenation(const OperatorInfo &op);
  LogicalResult importTranspose(const OperatorInfo &op);
  LogicalResult importStridedSlice(const OperatorInfo &op);
  LogicalResult importRequantize(const OperatorInfo &op);
  /// LOGISTIC, TANH, HARD_SWISH and LEAKY_RELU on int8: qint.lookup.
  LogicalResult importActivationTable(const OperatorInfo &op);
  /// UNIDIRECTIONAL_SEQUENCE_LSTM: qint.lstm (Recurrent.cpp).
  LogicalResult importLstm(const OperatorInfo &op);
  /// LEAKY_RELU on int16: qint.leaky_relu.
  LogicalResult importLeakyReluInt16(const OperatorInfo &op, Value in);

  /// The weights of a conv, depthwise or fully connected layer as int8
  /// values (INT4 data unpacked), checked symmetric.
  FailureOr<Value> weights(const OperatorInfo &op, unsigned i,
                           int64_t channelDim);
  /// The stored bias, as int32 (int8 activations) or int64 (int16).
  FailureOr<Value> bias(const OperatorInfo &op, unsigned i, int64_t channels,
                        bool wide);
  /// The output stage of a layer: per-channel multipliers and shifts from
  /// s_in * s_w[c] / s_out in double, as TFLite Micro derives them.
  LogicalResult outputStage(const OperatorInfo &op, const TensorInfo &in,
                            const TensorInfo &filter, const TensorInfo &out,
                            SmallVectorImpl<int32_t> &multipliers,
                            SmallVectorImpl<int32_t> &shifts);

  StringRef bytes;
  std::string fileName;
  MLIRContext *context;
  TFLiteImportOptions options;
  OpBuilder builder;
  const fb::Model *model = nullptr;
  const fb::SubGraph *subgraph = nullptr;
  std::vector<TensorInfo> tensors;
  /// Activations defined so far, by tensor index.
  llvm::DenseMap<int32_t, Value> values;
  /// Graph inputs that a QUANTIZE turns to integers, and graph outputs a
  /// DEQUANTIZE computes: the function reads and writes their integers.
  llvm::DenseMap<int32_t, int32_t> quantizedInputs, dequantizedOutputs;
};

} // namespace mlir::qat::tflite_import

#endif // QAT_LIB_TARGET_TFLITE_IMPORTER_H
