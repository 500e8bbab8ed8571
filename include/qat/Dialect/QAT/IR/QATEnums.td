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

#endif // QAT_DIALECT_QAT_IR_QATENUMS_TD
