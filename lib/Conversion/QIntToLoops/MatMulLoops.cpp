// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- MatMulLoops.cpp - products of two activations ----------------------===//
//
// One loop nest over the output matrices, rows and columns; each output
// matrix reads the operand matrices two tables name (broadcasting repeats
// one), so the nest does not depend on how the batch dimensions broadcast.
//
//===----------------------------------------------------------------------===//

#include "LoopBuilder.h"

#include "qat/Numerics/MatMul.h"

using namespace mlir;
using namespace mlir::qat;

namespace {
LogicalResult batchMatMul(qint::BatchMatMulOp op, LoopBuilder &kb, Value out) {
  const numerics::BatchMatMulParams p = op.getBatchMatMulParams();
  const int64_t M = p.rows, N = p.cols, K = p.depth;
  OpBuilder &b = kb.builder();
  ArithDomain d = kb.domain();
  Value lhs = kb.buffer(op.getLhs()), rhs = kb.buffer(op.getRhs());
  SmallVector<int32_t> lhsMatrix(p.lhsMatrix.begin(), p.lhsMatrix.end()),
      rhsMatrix(p.rhsMatrix.begin(), p.rhsMatrix.end());
  Value lhsTable = kb.i32Table(lhsMatrix), rhsTable = kb.i32Table(rhsMatrix);
  // The stage keeps ArrayRefs to these: they outlive the loops.
  const int32_t multiplier = p.output.multiplier, shift = p.output.shift;
  LoopBuilder::Stage st = kb.stage(multiplier, shift, p.outputZp, p.actMin,
                                   p.actMax, op.getRounding());
  st.int64Accumulator = p.int16;
  auto matrixBase = [&](Value table, Value index, int64_t size) {
    Value m = kb.load(table, index);
    return kb.mul(
        arith::IndexCastOp::create(b, kb.location(), b.getIndexType(), m),
        kb.index(size));
  };
  kb.loops({static_cast<int64_t>(lhsMatrix.size())}, [&](ValueRange bi) {
    Value lBase = matrixBase(lhsTable, bi[0], M * K);
    Value rBase = matrixBase(rhsTable, bi[0], K * N);
    Value oBase = kb.mul(bi[0], kb.index(M * N));
    kb.loops({M, N}, [&](ValueRange ij) {
      Value i = ij[0], j = ij[1];
      Value acc = kb.reduce(
          {K}, kb.accumulatorZero(d, st), [&](ValueRange k, Value acc) {
            Value li = p.adjX ? kb.add(kb.mul(k[0], kb.index(M)), i)
                              : kb.add(kb.mul(i, kb.index(K)), k[0]);
            Value ri = p.adjY ? kb.add(kb.mul(j, kb.index(K)), k[0])
                              : kb.add(kb.mul(k[0], kb.index(N)), j);
            Value l = d.sub(kb.load(lhs, kb.add(lBase, li)), d.c32(p.lhsZp));
            Value r = d.sub(kb.load(rhs, kb.add(rBase, ri)), d.c32(p.rhsZp));
            return kb.accumulate(d, st, acc, kb.widen(d, st, d.mul(l, r)));
          });
      kb.store(kb.apply(st, acc, kb.index(0)), out,
               kb.add(oBase, kb.add(kb.mul(i, kb.index(N)), j)));
    });
  });
  return success();
}
} // namespace

void mlir::qat::registerMatMulLoops(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachLoopKernel<qint::BatchMatMulOp, batchMatMul>(ctx);
  });
}
