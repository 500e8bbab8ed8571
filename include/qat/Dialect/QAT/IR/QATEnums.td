// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATEnums.td - qat enum attributes -------------------*- tablegen -*-===//

#ifndef QAT_DIALECT_QAT_IR_QATENUMS_TD
#define QAT_DIALECT_QAT_IR_QATENUMS_TD

include "qat/Dialect/QAT/IR/QATDialect.td"
include "mlir/IR/EnumAttr.td"

def QAT_RoundHalfToEven : I32EnumAttrCase<"half_to_even", 0>;
def QAT_RoundHalfAwayFromZero : I32EnumAttrCase<"half_away_from_zero", 1>;
def QAT_RoundHalfUp : I32EnumAttrCase<"half_up", 2>;

def QAT_RoundingMode : I32EnumAttr<"RoundingMode",
    "how a value exactly halfway between two quantization levels rounds",
    [QAT_RoundHalfToEven, QAT_RoundHalfAwayFromZero, QAT_RoundHalfUp]> {
  let cppNamespace = "::mlir::qat";
  let genSpecializedAttr = 0;
}

def QAT_RoundingModeAttr : EnumAttr<QAT_Dialect, QAT_RoundingMode, "rounding"> {
  let assemblyFormat = "`<` $value `>`";
}

def QAT_PadSame : I32EnumAttrCase<"same", 0>;
def QAT_PadValid : I32EnumAttrCase<"valid", 1>;

def QAT_AutoPad : I32EnumAttr<"AutoPad",
    "padding derived from the window (TensorFlow SAME/VALID)",
    [QAT_PadSame, QAT_PadValid]> {
  let cppNamespace = "::mlir::qat";
  let genSpecializedAttr = 0;
}

def QAT_AutoPadAttr : EnumAttr<QAT_Dialect, QAT_AutoPad, "auto_pad"> {
  let assemblyFormat = "`<` $value `>`";
}

def QAT_Sigmoid : I32EnumAttrCase<"sigmoid", 0>;
def QAT_Tanh : I32EnumAttrCase<"tanh", 1>;
def QAT_HardSigmoid : I32EnumAttrCase<"hard_sigmoid", 2>;
def QAT_HardSwish : I32EnumAttrCase<"hard_swish", 3>;
def QAT_LeakyRelu : I32EnumAttrCase<"leaky_relu", 4>;
def QAT_Gelu : I32EnumAttrCase<"gelu", 5>;
def QAT_GeluTanh : I32EnumAttrCase<"gelu_tanh", 6>;
def QAT_Silu : I32EnumAttrCase<"silu", 7>;
def QAT_Erf : I32EnumAttrCase<"erf", 8>;

def QAT_PointwiseFunction : I32EnumAttr<"PointwiseFunction",
    "an element-wise function int8 code computes by table lookup",
    [QAT_Sigmoid, QAT_Tanh, QAT_HardSigmoid, QAT_HardSwish, QAT_LeakyRelu,
     QAT_Gelu, QAT_GeluTanh, QAT_Silu, QAT_Erf]> {
  let cppNamespace = "::mlir::qat";
}

#endif // QAT_DIALECT_QAT_IR_QATENUMS_TD
