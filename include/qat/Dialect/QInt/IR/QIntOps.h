//===- QIntOps.h - qint dialect operations ----------------------*- C++ -*-===//

#ifndef QAT_DIALECT_QINT_IR_QINTOPS_H
#define QAT_DIALECT_QINT_IR_QINTOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "qat/Dialect/Common/Limits.h"
#include "qat/Dialect/QInt/IR/QIntDialect.h"
#include "qat/Numerics/Requantization.h"

#include "qat/Dialect/QInt/IR/QIntEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "qat/Dialect/QInt/IR/QIntAttrs.h.inc"

#define GET_OP_CLASSES
#include "qat/Dialect/QInt/IR/QIntOps.h.inc"

namespace mlir::qint {
/// The numerics library's rounding for a qint rounding attribute.
inline qat::numerics::Rounding toNumerics(Rounding rounding) {
  return rounding == Rounding::single_round ? qat::numerics::Rounding::Single
                                            : qat::numerics::Rounding::Double;
}

/// Whether a conv2d, depthwise_conv2d or fully_connected reading `input`
/// with `bias` (null for none) accumulates in int64 with TFLite's 64-bit
/// rescale: int16 activations without an i32 bias (docs/QIntSpec.md).
inline bool hasInt64Accumulator(Value input, Value bias) {
  auto elementOf = [](Value v) {
    return cast<ShapedType>(v.getType()).getElementType();
  };
  return elementOf(input).isInteger(16) &&
         !(bias && elementOf(bias).isInteger(32));
}
} // namespace mlir::qint

#endif // QAT_DIALECT_QINT_IR_QINTOPS_H
