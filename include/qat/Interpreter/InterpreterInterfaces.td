// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- InterpreterInterfaces.td - how qat-run runs an op ---*- tablegen -*-===//
//
// The reference interpreter's side of each op: attached to the qat and qint
// ops as external models, one file per op family in lib/Interpreter, so a
// dialect needs no knowledge of the interpreter and a new op's semantics sit
// beside its family's.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_INTERPRETER_INTERPRETERINTERFACES_TD
#define QAT_INTERPRETER_INTERPRETERINTERFACES_TD

include "mlir/IR/OpBase.td"

def QAT_InterpretableOpInterface : OpInterface<"InterpretableOpInterface"> {
  let cppNamespace = "::mlir::qat";
  let description = [{
    An op qat-run executes: the qat ops in float32 with fake quantization
    (docs/Spec.md), the qint ops by the integer contract
    (docs/Numerics.md, docs/QIntSpec.md).
  }];
  let methods = [
    InterfaceMethod<[{The op's result computed from its evaluated operands,
      or an error at the op (an accumulator or output stage leaving its
      width on these data).}], "::mlir::FailureOr<::mlir::qat::Tensor>",
      "interpret", (ins "::llvm::ArrayRef<const ::mlir::qat::Tensor *>":$operands)>,
  ];
}

#endif // QAT_INTERPRETER_INTERPRETERINTERFACES_TD
