// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QIntDialect.td - qint dialect definition ------------*- tablegen -*-===//
//
// The qint dialect: the integer program, one op per kernel the device runs.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_DIALECT_QINT_IR_QINTDIALECT_TD
#define QAT_DIALECT_QINT_IR_QINTDIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/EnumAttr.td"

def QInt_Dialect : Dialect {
  let name = "qint";
  let cppNamespace = "::mlir::qint";
  let summary = "Integer programs: int8 kernels with int32 accumulators";
  let description = [{
    The `qint` dialect is the integer program a quantized network runs: one
    op per kernel, on plain `i8` (activations, weights) and `i32` (biases)
    tensors, each op carrying as attributes everything its kernel needs
    (zero points, per-channel fixed-point multipliers and shifts, the
    activation clamp range, padding, strides, the rounding mode). What an op
    computes is defined bit for bit by the numerics contract
    (`docs/Numerics.md`); `qat-run` executes it, and the C and LLVM backends
    must produce the same bytes. Constraints are numbered in
    `docs/QIntSpec.md`.

    `qint.quantize` and `qint.dequantize` convert between float and int8 at
    the graph boundary; no other op touches a float.
  }];
  let useDefaultAttributePrinterParser = 1;
  // The model's ports: qat/Dialect/Common/BoundaryAttributes.h.
  let hasRegionArgAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
}

def QInt_RoundDouble : I32EnumAttrCase<"double_round", 0, "double">;
def QInt_RoundSingle : I32EnumAttrCase<"single_round", 1, "single">;

def QInt_Rounding : I32EnumAttr<"Rounding",
    "how the fixed-point multiply of a requantization rounds",
    [QInt_RoundDouble, QInt_RoundSingle]> {
  let cppNamespace = "::mlir::qint";
  let genSpecializedAttr = 0;
}

def QInt_RoundingAttr : EnumAttr<QInt_Dialect, QInt_Rounding, "rounding"> {
  let assemblyFormat = "`<` $value `>`";
}

class QInt_Op<string mnemonic, list<Trait> traits = []>
    : Op<QInt_Dialect, mnemonic, traits>;

#endif // QAT_DIALECT_QINT_IR_QINTDIALECT_TD
