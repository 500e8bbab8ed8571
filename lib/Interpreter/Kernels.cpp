// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Kernels.cpp - what the interpreter's kernel families share ---------===//

#include "Kernels.h"

#include "qat/Interpreter/Tensor.h"

using namespace mlir;
using namespace mlir::qat;

Tensor mlir::qat::resultTensor(Operation *op) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  return Tensor::zeros(*elementKindOf(type.getElementType()), type.getShape());
}

FailureOr<int32_t> mlir::qat::checkedAccumulator(Operation *op, int64_t acc,
                                                 ArrayRef<int64_t> index) {
  if (acc >= std::numeric_limits<int32_t>::min() &&
      acc <= std::numeric_limits<int32_t>::max())
    return static_cast<int32_t>(acc);
  InFlightDiagnostic diag = op->emitOpError()
                            << "int32 accumulator overflows at output [";
  llvm::interleaveComma(index, diag);
  return diag << "]: the exact sum is " << acc;
}

void mlir::qat::registerInterpreterKernels(DialectRegistry &registry) {
  registerLayerKernels(registry);
  registerElementwiseKernels(registry);
  registerPoolingKernels(registry);
  registerSoftmaxKernels(registry);
  registerDataMovementKernels(registry);
  registerRecurrentKernels(registry);
  registerMatMulKernels(registry);
  registerNormalizationKernels(registry);
}

#include "qat/Interpreter/InterpreterInterfaces.cpp.inc"
