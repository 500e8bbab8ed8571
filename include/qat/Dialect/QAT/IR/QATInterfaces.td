// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATInterfaces.td - what a qat op is -----------------*- tablegen -*-===//
//
// The facts passes need about an op, stated once on the op: which ops are
// layers with weights, which activations a layer's output stage absorbs,
// which ops keep their input's quantization. Passes ask the op; none keeps
// a list of op types.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_DIALECT_QAT_IR_QATINTERFACES_TD
#define QAT_DIALECT_QAT_IR_QATINTERFACES_TD

include "mlir/IR/OpBase.td"

def QAT_LayerOpInterface : OpInterface<"LayerOpInterface"> {
  let cppNamespace = "::mlir::qat";
  let description = [{
    A layer with weights: the integer program multiplies its quantized input
    by its quantized weights, accumulates with its bias, and requantizes
    (conv2d, depthwise_conv2d, fully_connected). Batchnorm folds into it,
    its weights get per-channel parameters along the output-channel axis,
    and its output stage absorbs a following activation.
  }];
  let methods = [
    InterfaceMethod<"The weights (filter) operand.", "::mlir::Value",
      "getLayerWeights", (ins), [{ return $_op->getOperand(1); }]>,
    InterfaceMethod<"The weights' operand number.", "unsigned",
      "getLayerWeightsOperandNumber", (ins), [{ return 1; }]>,
    InterfaceMethod<"The bias operand, or null.", "::mlir::Value",
      "getLayerBias", (ins), [{ return $_op.getBias(); }]>,
    InterfaceMethod<[{The bias's operand number, present or not (where
      folding inserts one).}], "unsigned", "getLayerBiasOperandNumber", (ins),
      [{ return 2; }]>,
    InterfaceMethod<[{The dimension of the weights that indexes output
      channels (0 for OHWI filters and [O, K] weights, 3 for 1HWC depthwise
      filters).}], "int64_t", "getOutputChannelAxis">,
  ];
}

def QAT_RecurrentOpInterface : OpInterface<"RecurrentOpInterface"> {
  let cppNamespace = "::mlir::qat";
  let description = [{
    A recurrent layer (lstm): weights applied to its input and to its own
    state at every step. It reads one activation, its input (operand 0);
    its weight operands are fake-quantized constants that lower with it, as
    a layer's weights do.
  }];
  let methods = [
    InterfaceMethod<"Whether operand `number` holds weights.", "bool",
      "isWeightsOperand", (ins "unsigned":$number)>,
  ];
}

def QAT_ActivationOpInterface : OpInterface<"ActivationOpInterface"> {
  let cppNamespace = "::mlir::qat";
  let description = [{
    A clamp of real values (relu, relu6, clamp). After an op with the
    FusesActivation trait it is only that op's output clamp range, never a
    pass over the data; alone, a requantization that clamps.
  }];
  let methods = [
    InterfaceMethod<[{The real range [lo, hi] it clamps to (hi is +inf for
      relu).}], "std::pair<double, double>", "getClampRange">,
  ];
}

/// Its integer kernel ends in a clamp: a following activation becomes the
/// clamp range (conv2d, depthwise_conv2d, fully_connected, add, mul).
def QAT_FusesActivation : NativeOpTrait<"FusesActivation"> {
  let cppNamespace = "::mlir::OpTrait::qat";
}

/// Its integer kernel writes the result in the quantization of the
/// fake_quant that follows it, which lowering reads there (the layers, add,
/// mul, mean, softmax, pointwise functions).
def QAT_RequantizesOutput : NativeOpTrait<"RequantizesOutput"> {
  let cppNamespace = "::mlir::OpTrait::qat";
}

/// Only operand 0 is an activation; the others are float constants the
/// lowering quantizes itself (layer_norm's gamma and beta), which need no
/// fake_quant.
def QAT_ReadsOneActivation : NativeOpTrait<"ReadsOneActivation"> {
  let cppNamespace = "::mlir::OpTrait::qat";
}

/// The result has exactly the input's quantization, in both directions: a
/// scale found on either side holds on the other (reshape, transpose,
/// max_pool2d, pad).
def QAT_SharesQuantization : NativeOpTrait<"SharesQuantization"> {
  let cppNamespace = "::mlir::OpTrait::qat";
}

/// The result takes the input's quantization when nothing else gives it
/// one, never the reverse (activations, avg_pool2d, mean).
def QAT_ForwardsQuantization : NativeOpTrait<"ForwardsQuantization"> {
  let cppNamespace = "::mlir::OpTrait::qat";
}

#endif // QAT_DIALECT_QAT_IR_QATINTERFACES_TD
