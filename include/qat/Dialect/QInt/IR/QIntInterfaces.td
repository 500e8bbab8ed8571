// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QIntInterfaces.td - what a qint op is ---------------*- tablegen -*-===//
//
// What passes, the memory plan, the report and the backends need to know
// of a kernel, stated once on the op: its weights, its window, what it
// costs, whether it may write over its input. Nothing outside an op's own
// definition lists op types to decide these.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_DIALECT_QINT_IR_QINTINTERFACES_TD
#define QAT_DIALECT_QINT_IR_QINTINTERFACES_TD

include "mlir/IR/OpBase.td"

def QInt_KernelOpInterface : OpInterface<"KernelOpInterface"> {
  let cppNamespace = "::mlir::qint";
  let description = [{
    An op the device runs as one kernel call (every qint op but the free
    `qint.reshape`): its place in the program's error codes and profiling
    hooks, its cost and its constant data.
  }];
  let methods = [
    InterfaceMethod<"Multiply-accumulates per run (0 for kernels without).",
      "int64_t", "getMACs", (ins), [{}], [{ return 0; }]>,
    InterfaceMethod<[{Bytes of constant data the kernel reads: its constant
      operands as stored (4-bit weights two per byte) and any table it
      carries.}], "int64_t", "getConstantBytes", (ins), [{}],
      [{ return ::mlir::qint::constantOperandBytes($_op); }]>,
    InterfaceMethod<[{The values its result can hold: its clamp range
      [act_min, act_max] when it has one, else its element type's.}],
      "std::pair<int64_t, int64_t>", "getOutputRange", (ins), [{}],
      [{ return ::mlir::qint::outputRangeOf($_op); }]>,
  ];
}

def QInt_LayerOpInterface : OpInterface<"LayerOpInterface"> {
  let cppNamespace = "::mlir::qint";
  let description = [{
    A layer with weights (conv2d, depthwise_conv2d, fully_connected): input
    minus its zero point times constant weights, summed with a bias into an
    accumulator, then the output stage. The accumulator proof, weight
    packing, the C backend's folded bias and weight order, and the report
    read a layer through this interface.
  }];
  let methods = [
    InterfaceMethod<"The activation input.", "::mlir::Value", "getLayerInput",
      (ins), [{ return $_op.getInput(); }]>,
    InterfaceMethod<"The weights (filter).", "::mlir::Value",
      "getLayerWeights", (ins), [{ return $_op->getOperand(1); }]>,
    InterfaceMethod<"The weights' operand.", "::mlir::OpOperand &",
      "getLayerWeightsOperand", (ins), [{ return $_op->getOpOperand(1); }]>,
    InterfaceMethod<"The bias, or null.", "::mlir::Value", "getLayerBias",
      (ins), [{ return $_op.getBias(); }]>,
    InterfaceMethod<"The input zero point.", "int64_t", "getLayerInputZp",
      (ins), [{ return $_op.getInputZp(); }]>,
    InterfaceMethod<[{The dimension of the weights that indexes output
      channels (0 for [O, KH, KW, I] and [O, K], 3 for [1, KH, KW, C]).}],
      "int64_t", "getOutputChannelAxis">,
    InterfaceMethod<"The number of output channels.", "int64_t",
      "getNumOutputChannels", (ins), [{
        return ::llvm::cast<::mlir::ShapedType>(
                   $_op->getOperand(1).getType())
            .getDimSize($_op.getOutputChannelAxis());
      }]>,
    InterfaceMethod<[{Whether the accumulator is int64 (int16 activations
      without an i32 bias, TFLite's 16x8 scheme) rather than int32.}],
      "bool", "accumulatesInInt64", (ins), [{
        return ::mlir::qint::hasInt64Accumulator($_op.getInput(),
                                                  $_op.getBias());
      }]>,
    InterfaceMethod<"The output stage's multipliers (one, or one per channel).",
      "::llvm::ArrayRef<int32_t>", "getLayerMultiplier", (ins),
      [{ return $_op.getMultiplier(); }]>,
    InterfaceMethod<"The output stage's shifts.", "::llvm::ArrayRef<int32_t>",
      "getLayerShift", (ins), [{ return $_op.getShift(); }]>,
    InterfaceMethod<"The output zero point.", "int64_t", "getLayerOutputZp",
      (ins), [{ return $_op.getOutputZp(); }]>,
    InterfaceMethod<"The output stage's rounding.", "::mlir::qint::Rounding",
      "getLayerRounding", (ins), [{ return $_op.getRounding(); }]>,
  ];
}

def QInt_WindowOpInterface : OpInterface<"WindowOpInterface"> {
  let cppNamespace = "::mlir::qint";
  let description = [{
    A kernel over windows of an NHWC input (conv2d, depthwise_conv2d,
    max_pool2d, avg_pool2d): each output pixel reads one window, in order
    (batch, row, column), so the memory plan may let its output overlap its
    input (qint-plan-memory).
  }];
  let methods = [
    InterfaceMethod<"The window's [height, width].",
      "::llvm::SmallVector<int64_t, 2>", "getWindowKernel">,
    InterfaceMethod<"[stride_h, stride_w].", "::llvm::ArrayRef<int64_t>",
      "getWindowStrides", (ins), [{ return $_op.getStrides(); }]>,
    InterfaceMethod<"[dilation_h, dilation_w] (1 for pools).",
      "::llvm::SmallVector<int64_t, 2>", "getWindowDilations">,
    InterfaceMethod<"[top, bottom, left, right].", "::llvm::ArrayRef<int64_t>",
      "getWindowPad", (ins), [{ return $_op.getPad(); }]>,
  ];
}

/// Reads each element of its operands before it writes the same element of
/// its result, so its result may take the place of a same-sized operand
/// that dies there (add, mul, requantize, lookup).
def QInt_ElementwiseInPlace : NativeOpTrait<"ElementwiseInPlace"> {
  let cppNamespace = "::mlir::OpTrait::qint";
}

/// States a computation that another qint op already has: a qint pass
/// rewrites it into that op before any compiled backend sees it, so only
/// the interpreter runs it (transpose_conv2d, by qint-expand-transpose-conv).
def QInt_ExpandedBeforeBackends : NativeOpTrait<"ExpandedBeforeBackends"> {
  let cppNamespace = "::mlir::OpTrait::qint";
}

#endif // QAT_DIALECT_QINT_IR_QINTINTERFACES_TD
