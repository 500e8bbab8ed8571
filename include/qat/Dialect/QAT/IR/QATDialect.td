// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATDialect.td - qat dialect definition --------------*- tablegen -*-===//
//
// The qat dialect: float training graphs with fake-quant ops, the input level
// of the compiler.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_DIALECT_QAT_IR_QATDIALECT_TD
#define QAT_DIALECT_QAT_IR_QATDIALECT_TD

include "mlir/IR/OpBase.td"

def QAT_Dialect : Dialect {
  let name = "qat";
  let cppNamespace = "::mlir::qat";
  let summary = "Quantization-aware training graphs: float ops and fake-quant";
  let description = [{
    The `qat` dialect represents a network as it is trained with
    quantization-aware training: float32 tensors flowing through layer ops
    (`qat.conv2d`, `qat.batch_norm`, ...), with `qat.fake_quant` ops marking
    where the deployed int8 program quantizes a tensor and with which
    parameters. Activations are NHWC, conv filters OHWI, depthwise filters
    1HWC (the channel multiplier folded into C), and all shapes are static.

    Weights, biases and batchnorm statistics are `arith.constant` operands.
    Upstream `quant.dcast(quant.qcast(x))` pairs are turned into
    `qat.fake_quant` by `qat-import-quant-casts`, so graphs from other MLIR
    front ends enter the same pipeline. The numbered constraints of every op are listed in
    `docs/Spec.md`; verifier messages and tests use the same labels.
  }];
  let useDefaultAttributePrinterParser = 1;
  // The model's ports: qat/Dialect/Common/BoundaryAttributes.h.
  let hasRegionArgAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
  // The options a graph records (kRecordedRounding, ... in QATDialect.h).
  let hasOperationAttrVerify = 1;
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

class QAT_Op<string mnemonic, list<Trait> traits = []>
    : Op<QAT_Dialect, mnemonic, traits>;

#endif // QAT_DIALECT_QAT_IR_QATDIALECT_TD
