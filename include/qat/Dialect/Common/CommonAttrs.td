//===- CommonAttrs.td - attribute constraints of qat and qint -*- tablegen -*-===//

#ifndef QAT_DIALECT_COMMON_COMMONATTRS_TD
#define QAT_DIALECT_COMMON_COMMONATTRS_TD

include "mlir/IR/CommonAttrConstraints.td"

/// A 64-bit integer attribute read as a signed value. Upstream's I64Attr
/// returns uint64_t (zero-extended), which turns a negative zero point or
/// shift into a huge positive number and makes `x < 0` checks vacuous.
def QAT_SI64Attr : TypedSignlessIntegerAttrBase<I64, "int64_t",
    "64-bit signless integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

#endif // QAT_DIALECT_COMMON_COMMONATTRS_TD
