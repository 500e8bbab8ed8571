// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- OpTable.cpp - ONNX operator -> the function that imports it --------===//
//
// The table a reader scans to see what qat imports: each operator with its
// handler and the attributes the handler understands. An attribute not
// listed is an error, so no option of the model is silently ignored.
//
//===----------------------------------------------------------------------===//

#include "Ops.h"

using namespace mlir;
using namespace mlir::qat::onnx_import;

namespace {
using A = ArrayRef<StringRef>;
const StringRef kNone[] = {""};
const StringRef kQDQ[] = {"axis"};
const StringRef kConv[] = {"auto_pad",     "dilations", "group",
                           "kernel_shape", "pads",      "strides"};
const StringRef kGemm[] = {"alpha", "beta", "transA", "transB"};
const StringRef kBatchNorm[] = {"epsilon", "momentum", "training_mode",
                                "spatial"};
const StringRef kMaxPool[] = {"auto_pad",     "ceil_mode", "dilations",
                              "kernel_shape", "pads",      "storage_order",
                              "strides"};
const StringRef kAvgPool[] = {"auto_pad",     "ceil_mode", "count_include_pad",
                              "kernel_shape", "pads",      "strides"};
const StringRef kReduce[] = {"axes", "keepdims"};
const StringRef kClip[] = {"min", "max"};
const StringRef kAxis[] = {"axis"};
const StringRef kGelu[] = {"approximate"};
const StringRef kLayerNorm[] = {"axis", "epsilon", "stash_type"};
const StringRef kSplit[] = {"axis", "split"};
const StringRef kConstant[] = {"value", "value_float", "value_floats",
                               "value_int", "value_ints"};
const StringRef kReshape[] = {"allowzero"};
const StringRef kAxes[] = {"axes"};
const StringRef kPerm[] = {"perm"};
const StringRef kPad[] = {"mode", "pads", "value"};
const StringRef kShape[] = {"start", "end"};
const StringRef kCast[] = {"to", "saturate"};
const StringRef kAlpha[] = {"alpha"};
const StringRef kValue[] = {"value"};
// Only nearest is imported; the cubic and crop parameters do not affect it.
const StringRef kResize[] = {"mode",
                             "coordinate_transformation_mode",
                             "nearest_mode",
                             "cubic_coeff_a",
                             "exclude_outside",
                             "extrapolation_value"};
const StringRef kUpsample[] = {"mode"};
const StringRef kAlphaBeta[] = {"alpha", "beta"};
// clip, activation_alpha and activation_beta are refused as unknown.
const StringRef kLSTM[] = {"activations", "direction", "hidden_size",
                           "input_forget", "layout"};
const StringRef kGRU[] = {"activations", "direction", "hidden_size",
                          "linear_before_reset", "layout"};

const OpTableEntry kOps[] = {
    // Quantization.
    {"QuantizeLinear", importQuantizeLinear, A(kQDQ)},
    {"DequantizeLinear", importDequantizeLinear, A(kQDQ)},
    // Layers.
    {"Conv", importConv, A(kConv)},
    {"Gemm", importGemm, A(kGemm)},
    {"MatMul", importMatMul, A(kNone)},
    {"BatchNormalization", importBatchNormalization, A(kBatchNorm)},
    {"MaxPool", importMaxPool, A(kMaxPool)},
    {"AveragePool", importAveragePool, A(kAvgPool)},
    {"GlobalAveragePool", importGlobalAveragePool, A(kNone)},
    {"GlobalMaxPool", importGlobalMaxPool, A(kNone)},
    {"ReduceMean", importReduceMean, A(kReduce)},
    {"LSTM", importLSTM, A(kLSTM)},
    {"GRU", importGRU, A(kGRU)},
    // Elementwise.
    {"Relu", importRelu, A(kNone)},
    {"Clip", importClip, A(kClip)},
    {"Add", importBinary, A(kNone)},
    {"Sub", importBinary, A(kNone)},
    {"Mul", importBinary, A(kNone)},
    {"Div", importBinary, A(kNone)},
    {"Softmax", importSoftmax, A(kAxis)},
    {"LayerNormalization", importLayerNormalization, A(kLayerNorm)},
    {"Sigmoid", importPointwise, A(kNone)},
    {"Tanh", importPointwise, A(kNone)},
    {"HardSigmoid", importPointwise, A(kAlphaBeta)},
    {"HardSwish", importPointwise, A(kNone)},
    {"Gelu", importPointwise, A(kGelu)},
    {"Erf", importPointwise, A(kNone)},
    {"LeakyRelu", importPointwise, A(kAlpha)},
    // Data movement and shape arithmetic.
    {"Identity", importIdentity, A(kNone)},
    {"Constant", importConstant, A(kConstant)},
    {"Reshape", importReshape, A(kReshape)},
    {"Flatten", importFlatten, A(kAxis)},
    {"Squeeze", importSqueeze, A(kAxes)},
    {"Unsqueeze", importUnsqueeze, A(kAxes)},
    {"Transpose", importTranspose, A(kPerm)},
    {"Concat", importConcat, A(kAxis)},
    {"Pad", importPad, A(kPad)},
    {"Resize", importResize, A(kResize)},
    {"Upsample", importResize, A(kUpsample)},
    {"Shape", importShape, A(kShape)},
    {"Gather", importGather, A(kAxis)},
    {"Cast", importCast, A(kCast)},
    {"ConstantOfShape", importConstantOfShape, A(kValue)},
    {"Equal", importEqual, A(kNone)},
    {"Where", importWhere, A(kNone)},
    {"Expand", importExpand, A(kNone)},
    {"Slice", importSlice, A(kNone)},
    {"Split", importSplit, A(kSplit)},
};
} // namespace

const OpTableEntry *mlir::qat::onnx_import::lookupOp(StringRef opType) {
  for (const OpTableEntry &entry : kOps)
    if (entry.opType == opType)
      return &entry;
  return nullptr;
}
