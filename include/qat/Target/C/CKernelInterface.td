// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CKernelInterface.td - the C backend's side of qint ops -*- tablegen -*-===//
//
// The C backend's side of each qint op: attached as external models, one
// file per op family in lib/Target/C, so the dialect needs no knowledge of
// the runtime and a new op's runtime call sits beside its family's.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_TARGET_C_CKERNELINTERFACE_TD
#define QAT_TARGET_C_CKERNELINTERFACE_TD

include "mlir/IR/OpBase.td"

def QAT_CKernelOpInterface : OpInterface<"CKernelOpInterface"> {
  let cppNamespace = "::mlir::qat";
  let description = [{
    A qint op that the C backend (`qat-translate --emit-c`) computes with
    one call to the runtime (runtime/include/qat_rt.h), its parameters and
    constant data written as `static const` arrays of the model's C file.
  }];
  let methods = [
    InterfaceMethod<[{Writes the op's runtime call and the constant data it
      reads through `writer` (lib/Target/C/CSourceWriter.h); or an error at
      the op when the runtime cannot compute it.}],
      "::llvm::LogicalResult", "emitC",
      (ins "::mlir::qat::CSourceWriter &":$writer)>,
  ];
}

#endif // QAT_TARGET_C_CKERNELINTERFACE_TD
