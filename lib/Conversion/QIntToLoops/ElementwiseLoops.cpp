// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- ElementwiseLoops.cpp - add, mul, requantize, lookup ----------------===//

#include "LoopBuilder.h"

#include <type_traits>

using namespace mlir;
using namespace mlir::qat;
namespace gen = mlir::qat::numerics::generic;

namespace {
/// Calls body(i, lhs, rhs) for each flat output index i with the operands
/// it reads; a 1-D operand broadcasts along the innermost dimension.
void binaryLoops(Operation *op, LoopBuilder &kb,
                 function_ref<void(Value, Value, Value)> body) {
  Value lhsV = op->getOperand(0), rhsV = op->getOperand(1);
  Value lhs = kb.buffer(lhsV), rhs = kb.buffer(rhsV);
  int64_t total = numElementsOf(op->getResult(0));
  auto channelOf = [&](Value v, Value i) -> Value {
    ArrayRef<int64_t> s = shapeOf(v);
    return s.size() == 1 && s[0] != total
               ? Value(arith::RemUIOp::create(kb.builder(), kb.location(), i,
                                              kb.index(s[0])))
               : i;
  };
  kb.loops({total}, [&](ValueRange i) {
    body(i[0], kb.load(lhs, channelOf(lhsV, i[0])),
         kb.load(rhs, channelOf(rhsV, i[0])));
  });
}

template <typename Op>
LogicalResult add(Op op, LoopBuilder &kb, Value out) {
  constexpr bool subtract = std::is_same_v<Op, qint::SubOp>;
  ArithDomain d = kb.domain();
  bool single = op.getRounding() == qint::Rounding::single_round;
  binaryLoops(op, kb, [&](Value i, Value x, Value y) {
    Value ls = d.c32(op.getLeftShift());
    Value sa = gen::mbqmSmallerThanOne(
        d, d.shl(d.sub(x, d.c32(op.getLhsZp())), ls),
        d.c32(op.getLhsMultiplier()), d.c32(op.getLhsShift()), single);
    Value sb = gen::mbqmSmallerThanOne(
        d, d.shl(d.sub(y, d.c32(op.getRhsZp())), ls),
        d.c32(op.getRhsMultiplier()), d.c32(op.getRhsShift()), single);
    Value r = d.add(
        gen::mbqmSmallerThanOne(d, subtract ? d.sub(sa, sb) : d.add(sa, sb),
                                d.c32(op.getOutputMultiplier()),
                                d.c32(op.getOutputShift()), single),
        d.c32(op.getOutputZp()));
    kb.store(gen::clamp(d, r, d.c32(op.getActMin()), d.c32(op.getActMax())),
             out, i);
  });
  return success();
}

LogicalResult mul(qint::MulOp op, LoopBuilder &kb, Value out) {
  ArithDomain d = kb.domain();
  bool single = op.getRounding() == qint::Rounding::single_round;
  binaryLoops(op, kb, [&](Value i, Value x, Value y) {
    Value product =
        d.mul(d.sub(x, d.c32(op.getLhsZp())), d.sub(y, d.c32(op.getRhsZp())));
    Value r = d.add(gen::mbqm(d, product, d.c32(op.getOutputMultiplier()),
                              d.c32(op.getOutputShift()), single),
                    d.c32(op.getOutputZp()));
    kb.store(gen::clamp(d, r, d.c32(op.getActMin()), d.c32(op.getActMax())),
             out, i);
  });
  return success();
}

LogicalResult requantize(qint::RequantizeOp op, LoopBuilder &kb, Value out) {
  ArrayRef<int64_t> shape = shapeOf(op.getInput());
  int64_t stride = 1, channels = 1;
  if (std::optional<int64_t> axis = op.getAxis()) {
    channels = shape[*axis];
    for (size_t d = *axis + 1; d < shape.size(); ++d)
      stride *= shape[d];
  }
  LoopBuilder::Stage st =
      kb.stage(op.getMultiplier(), op.getShift(), op.getOutputZp(),
               op.getActMin(), op.getActMax(), op.getRounding());
  Value input = kb.buffer(op.getInput());
  OpBuilder &b = kb.builder();
  Location loc = kb.location();
  ArithDomain d = kb.domain();
  kb.loops({numElementsOf(op.getOutput())}, [&](ValueRange i) {
    Value channel = arith::RemUIOp::create(
        b, loc, arith::DivUIOp::create(b, loc, i[0], kb.index(stride)),
        kb.index(channels));
    Value x = d.sub(kb.load(input, i[0]), d.c32(op.getInputZp()));
    kb.store(kb.apply(st, x, channel), out, i[0]);
  });
  return success();
}

LogicalResult leakyRelu(qint::LeakyReluOp op, LoopBuilder &kb, Value out) {
  // The type's range clamps; one stage per side of zero.
  int64_t lo = cast<RankedTensorType>(op.getInput().getType())
                           .getElementTypeBitWidth() == 16
                   ? -32768
                   : -128;
  int32_t m[2] = {static_cast<int32_t>(op.getIdentityMultiplier()),
                  static_cast<int32_t>(op.getAlphaMultiplier())};
  int32_t s[2] = {static_cast<int32_t>(op.getIdentityShift()),
                  static_cast<int32_t>(op.getAlphaShift())};
  LoopBuilder::Stage identity =
      kb.stage(ArrayRef(&m[0], 1), ArrayRef(&s[0], 1), op.getOutputZp(), lo,
               -lo - 1, op.getRounding());
  LoopBuilder::Stage alpha =
      kb.stage(ArrayRef(&m[1], 1), ArrayRef(&s[1], 1), op.getOutputZp(), lo,
               -lo - 1, op.getRounding());
  Value input = kb.buffer(op.getInput());
  ArithDomain d = kb.domain();
  kb.loops({numElementsOf(op.getOutput())}, [&](ValueRange i) {
    Value x = d.sub(kb.load(input, i[0]), d.c32(op.getInputZp()));
    Value zero = kb.index(0);
    Value y = d.select(d.slt(x, d.c32(0)), kb.apply(alpha, x, zero),
                       kb.apply(identity, x, zero));
    kb.store(y, out, i[0]);
  });
  return success();
}

LogicalResult lookup(qint::LookupOp op, LoopBuilder &kb, Value out) {
  OpBuilder &b = kb.builder();
  auto tableType = RankedTensorType::get({256}, b.getI8Type());
  Value table = kb.global(DenseElementsAttr::get(tableType, op.getTable()));
  Value input = kb.buffer(op.getInput());
  ArithDomain d = kb.domain();
  kb.loops({numElementsOf(op.getOutput())}, [&](ValueRange i) {
    Value entry =
        arith::IndexCastOp::create(b, kb.location(), b.getIndexType(),
                                   d.add(kb.load(input, i[0]), d.c32(128)));
    kb.store(kb.load(table, entry), out, i[0]);
  });
  return success();
}

/// quantize and dequantize: the native entry point takes integers.
template <typename Op>
LogicalResult floatBoundary(Op op, LoopBuilder &, Value) {
  return op.emitOpError()
         << "converts float at the boundary; the native entry point "
            "takes int8 or int16 tensors (compile with qat-to-int8 "
            "int8-io)";
}
} // namespace

void mlir::qat::registerElementwiseLoops(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachLoopKernel<qint::AddOp, add<qint::AddOp>>(ctx);
    attachLoopKernel<qint::SubOp, add<qint::SubOp>>(ctx);
    attachLoopKernel<qint::MulOp, mul>(ctx);
    attachLoopKernel<qint::RequantizeOp, requantize>(ctx);
    attachLoopKernel<qint::LeakyReluOp, leakyRelu>(ctx);
    attachLoopKernel<qint::LookupOp, lookup>(ctx);
    attachLoopKernel<qint::QuantizeOp, floatBoundary<qint::QuantizeOp>>(ctx);
    attachLoopKernel<qint::DequantizeOp, floatBoundary<qint::DequantizeOp>>(
        ctx);
  });
}
