// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATOps.h - qat dialect operations ------------------------*- C++ -*-===//

#ifndef QAT_DIALECT_QAT_IR_QATOPS_H
#define QAT_DIALECT_QAT_IR_QATOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "qat/Dialect/Common/Limits.h"
#include "qat/Dialect/QAT/IR/QATDialect.h"
#include "qat/Dialect/QAT/IR/QATTraits.h"
#include "qat/Numerics/FakeQuant.h"

#include <optional>
#include <utility>

namespace mlir::qat {
/// One parameter set of a qat.fake_quant: the grid the integer program
/// stores the tensor (or one channel of it) on.
struct ChannelQuantization {
  double scale = 1;
  int64_t zeroPoint = 0;
  int64_t qmin = 0, qmax = 255;
  /// The TensorFlow form's nudged range (its scale and zero point are the
  /// ones above).
  std::optional<numerics::NudgedRange> nudged;
};
} // namespace mlir::qat

#include "qat/Dialect/QAT/IR/QATEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "qat/Dialect/QAT/IR/QATAttrs.h.inc"

#include "qat/Dialect/QAT/IR/QATInterfaces.h.inc"

#define GET_OP_CLASSES
#include "qat/Dialect/QAT/IR/QATOps.h.inc"

#endif // QAT_DIALECT_QAT_IR_QATOPS_H
