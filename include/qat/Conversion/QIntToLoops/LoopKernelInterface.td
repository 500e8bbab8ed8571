// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- LoopKernelInterface.td - qint-to-loops lowering -----*- tablegen -*-===//
//
// The loop lowering's side of each qint op: attached as external models,
// one file per op family in lib/Conversion/QIntToLoops, so the dialect needs
// no knowledge of the lowering and a new op's loops sit beside its family's.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_CONVERSION_QINTTOLOOPS_LOOPKERNELINTERFACE_TD
#define QAT_CONVERSION_QINTTOLOOPS_LOOPKERNELINTERFACE_TD

include "mlir/IR/OpBase.td"

def QAT_LoopKernelOpInterface : OpInterface<"LoopKernelOpInterface"> {
  let cppNamespace = "::mlir::qat";
  let description = [{
    A qint op that `qint-to-loops` lowers to a loop nest over flat
    row-major memrefs, computing exactly the integer contract
    (docs/Numerics.md) with `arith` ops.
  }];
  let methods = [
    InterfaceMethod<[{Builds the op's loops at the builder's insertion
      point, reading its operands' buffers (`builder.buffer`) and writing
      `out`; or an error at the op when it has no native form.}],
      "::llvm::LogicalResult", "lowerToLoops",
      (ins "::mlir::qat::LoopBuilder &":$builder, "::mlir::Value":$out)>,
  ];
}

#endif // QAT_CONVERSION_QINTTOLOOPS_LOOPKERNELINTERFACE_TD
