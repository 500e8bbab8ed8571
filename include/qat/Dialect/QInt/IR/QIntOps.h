// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
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
#include "qat/Numerics/MatMul.h"
#include "qat/Numerics/Normalization.h"
#include "qat/Numerics/Recurrent.h"
#include "qat/Numerics/Requantization.h"

#include "qat/Dialect/QInt/IR/QIntEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "qat/Dialect/QInt/IR/QIntAttrs.h.inc"

namespace mlir::OpTrait::qint {
/// QIntInterfaces.td states what it means.
template <typename ConcreteType>
class ElementwiseInPlace : public TraitBase<ConcreteType, ElementwiseInPlace> {
};

/// QIntInterfaces.td states what it means.
template <typename ConcreteType>
class ExpandedBeforeBackends
    : public TraitBase<ConcreteType, ExpandedBeforeBackends> {};
} // namespace mlir::OpTrait::qint

namespace mlir::qint {
/// Bytes a tensor of `type` occupies as qat stores it: 4-bit elements two
/// per byte, others a whole number of bytes each.
int64_t storageBytes(Type type);

/// Bytes of `op`'s operands that are integer constants, as stored.
int64_t constantOperandBytes(Operation *op);

/// Bytes of constant data of a qint program under `root`: each integer
/// constant once, as stored, and the tables its kernels carry (what the
/// model adds to flash besides code).
int64_t programConstantBytes(Operation *root);

/// The values `op`'s result can hold: [act_min, act_max] when the op
/// clamps, else all of its element type.
std::pair<int64_t, int64_t> outputRangeOf(Operation *op);

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

#include "qat/Dialect/QInt/IR/QIntInterfaces.h.inc"

#define GET_OP_CLASSES
#include "qat/Dialect/QInt/IR/QIntOps.h.inc"

namespace mlir::qint {
/// The numerics library's rounding for a qint rounding attribute.
inline qat::numerics::Rounding toNumerics(Rounding rounding) {
  return rounding == Rounding::single_round ? qat::numerics::Rounding::Single
                                            : qat::numerics::Rounding::Double;
}

/// quant_c7: the output stage of `op` computes in int32 for every value of
/// magnitude <= `bound` it rescales (`what` names that value in the
/// message): the rescale stays within int32 (numerics::requantizedBound)
/// and so does the rescaled value plus `outputZp`. The verifiers check it
/// where the bound follows from types alone (mul, mean, requantize of int8
/// and int16), qint-check-accumulators where it follows from constant
/// weights (conv2d, depthwise_conv2d, fully_connected).
LogicalResult verifyRescaleBound(Operation *op, const Twine &what,
                                 int64_t bound, int64_t multiplier,
                                 int64_t shift, Rounding rounding,
                                 int64_t outputZp);
} // namespace mlir::qint

#endif // QAT_DIALECT_QINT_IR_QINTOPS_H
