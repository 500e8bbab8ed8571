// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CommonAttrs.td - attribute constraints of qat and qint -*- tablegen -*-===//

#ifndef QAT_DIALECT_COMMON_COMMONATTRS_TD
#define QAT_DIALECT_COMMON_COMMONATTRS_TD

include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"

/// A 64-bit integer attribute read as a signed value. Upstream's I64Attr
/// returns uint64_t (zero-extended), which turns a negative zero point or
/// shift into a huge positive number and makes `x < 0` checks vacuous.
def QAT_SI64Attr : TypedSignlessIntegerAttrBase<I64, "int64_t",
    "64-bit signless integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

/// A statically shaped tensor of at most 2^31 - 1 elements
/// (qat/Dialect/Common/Limits.h says why), so that no size computed from it
/// can overflow.
class QAT_BoundedTensorOf<list<Type> types> : ConfinedType<
    StaticShapeTensorOf<types>,
    [CPred<"::mlir::qat::isWithinTensorLimit($_self)">],
    StaticShapeTensorOf<types>.summary #
        " of at most 2147483647 elements",
    "::mlir::TensorType">;

#endif // QAT_DIALECT_COMMON_COMMONATTRS_TD
