// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- ArithDomain.h - the numerics domain that emits arith ops -*- C++ -*-===//
//
// Instantiating the generic numerics (qat/Numerics/Generic.h) with this
// domain emits, as `arith` ops, exactly the computation the C++ library
// performs on int32_t.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_LIB_CONVERSION_QINTTOLOOPS_ARITHDOMAIN_H
#define QAT_LIB_CONVERSION_QINTTOLOOPS_ARITHDOMAIN_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Builders.h"

namespace mlir::qat {

struct ArithDomain {
  using I32 = Value;
  using I64 = Value;
  using Bool = Value;

  ArithDomain(OpBuilder &builder, Location loc)
      : b(builder), loc(loc), i32(builder.getI32Type()),
        i64(builder.getI64Type()) {}

  I32 c32(int64_t v) { return arith::ConstantIntOp::create(b, loc, i32, v); }
  I64 c64(int64_t v) { return arith::ConstantIntOp::create(b, loc, i64, v); }
  I32 add(I32 x, I32 y) { return arith::AddIOp::create(b, loc, x, y); }
  I32 sub(I32 x, I32 y) { return arith::SubIOp::create(b, loc, x, y); }
  I32 mul(I32 x, I32 y) { return arith::MulIOp::create(b, loc, x, y); }
  I32 shl(I32 x, I32 s) { return arith::ShLIOp::create(b, loc, x, s); }
  I32 ashr(I32 x, I32 s) { return arith::ShRSIOp::create(b, loc, x, s); }
  I32 and_(I32 x, I32 y) { return arith::AndIOp::create(b, loc, x, y); }
  I32 sdiv(I32 x, I32 y) { return arith::DivSIOp::create(b, loc, x, y); }
  I64 add64(I64 x, I64 y) { return arith::AddIOp::create(b, loc, x, y); }
  I64 sub64(I64 x, I64 y) { return arith::SubIOp::create(b, loc, x, y); }
  I64 mul64(I64 x, I64 y) { return arith::MulIOp::create(b, loc, x, y); }
  I64 sdiv64(I64 x, I64 y) { return arith::DivSIOp::create(b, loc, x, y); }
  I64 shl64(I64 x, I64 s) { return arith::ShLIOp::create(b, loc, x, s); }
  I64 ashr64(I64 x, I64 s) { return arith::ShRSIOp::create(b, loc, x, s); }
  I64 ext(I32 x) { return arith::ExtSIOp::create(b, loc, i64, x); }
  I32 trunc(I64 x) { return arith::TruncIOp::create(b, loc, i32, x); }
  Bool cmp(arith::CmpIPredicate p, Value x, Value y) {
    return arith::CmpIOp::create(b, loc, p, x, y);
  }
  Bool eq(I32 x, I32 y) { return cmp(arith::CmpIPredicate::eq, x, y); }
  Bool slt(I32 x, I32 y) { return cmp(arith::CmpIPredicate::slt, x, y); }
  Bool sgt(I32 x, I32 y) { return cmp(arith::CmpIPredicate::sgt, x, y); }
  Bool sge64(I64 x, I64 y) { return cmp(arith::CmpIPredicate::sge, x, y); }
  Bool band(Bool x, Bool y) { return arith::AndIOp::create(b, loc, x, y); }
  I32 select(Bool c, I32 x, I32 y) {
    return arith::SelectOp::create(b, loc, c, x, y);
  }
  I64 select64(Bool c, I64 x, I64 y) {
    return arith::SelectOp::create(b, loc, c, x, y);
  }
  I32 clz(I32 x) { return math::CountLeadingZerosOp::create(b, loc, x); }
  I64 clz64(I64 x) { return math::CountLeadingZerosOp::create(b, loc, x); }

  OpBuilder &b;
  Location loc;
  Type i32, i64;
};

} // namespace mlir::qat

#endif // QAT_LIB_CONVERSION_QINTTOLOOPS_ARITHDOMAIN_H
