// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- PoolingLoops.cpp - max pool, average pool, mean --------------------===//

#include "LoopBuilder.h"

using namespace mlir;
using namespace mlir::qat;
namespace gen = mlir::qat::numerics::generic;

namespace {
template <typename PoolOp>
LogicalResult poolLoops(PoolOp op, bool isMax, LoopBuilder &kb, Value out) {
  ArrayRef<int64_t> in = shapeOf(op.getInput()), os = shapeOf(op.getOutput());
  ArrayRef<int64_t> kernel = op.getKernel(), strides = op.getStrides(),
                    pad = op.getPad();
  Value input = kb.buffer(op.getInput());
  OpBuilder &b = kb.builder();
  Location loc = kb.location();
  ArithDomain d = kb.domain();
  kb.loops({os[0], os[1], os[2], os[3]}, [&](ValueRange o) {
    Value init = d.c32(isMax ? gen::kInt32Min : 0);
    Value acc =
        kb.reduce({kernel[0], kernel[1]}, init, [&](ValueRange k, Value acc) {
          auto [iy, insideY] = kb.tap(o[1], k[0], strides[0], 1, pad[0], in[1]);
          auto [ix, insideX] = kb.tap(o[2], k[1], strides[1], 1, pad[2], in[2]);
          Value inside = arith::AndIOp::create(b, loc, insideY, insideX);
          Value y = arith::SelectOp::create(b, loc, inside, iy, kb.index(0));
          Value x = arith::SelectOp::create(b, loc, inside, ix, kb.index(0));
          Value v = kb.load(input, kb.linear({o[0], y, x, o[3]}, in));
          Value next = isMax ? d.select(d.sgt(v, acc), v, acc) : d.add(acc, v);
          return d.select(inside, next, acc);
        });
    if (!isMax) {
      // The number of real (unpadded) taps, per dimension.
      auto count = [&](Value o, int64_t stride, int64_t p, int64_t k,
                       int64_t size) {
        Value start =
            d.sub(d.mul(arith::IndexCastOp::create(b, loc, b.getI32Type(), o),
                        d.c32(stride)),
                  d.c32(p));
        Value end = d.add(start, d.c32(k));
        Value lo = d.select(d.slt(start, d.c32(0)), d.c32(0), start);
        Value hi = d.select(d.sgt(end, d.c32(size)), d.c32(size), end);
        return d.sub(hi, lo);
      };
      Value n = d.mul(count(o[1], strides[0], pad[0], kernel[0], in[1]),
                      count(o[2], strides[1], pad[2], kernel[1], in[2]));
      acc = gen::roundedDivide(d, acc, n);
    }
    acc = gen::clamp(d, acc, d.c32(op.getActMin()), d.c32(op.getActMax()));
    kb.store(acc, out, kb.linear({o[0], o[1], o[2], o[3]}, os));
  });
  return success();
}

LogicalResult maxPool2D(qint::MaxPool2DOp op, LoopBuilder &kb, Value out) {
  return poolLoops(op, /*isMax=*/true, kb, out);
}

LogicalResult avgPool2D(qint::AvgPool2DOp op, LoopBuilder &kb, Value out) {
  return poolLoops(op, /*isMax=*/false, kb, out);
}

LogicalResult mean(qint::MeanOp op, LoopBuilder &kb, Value out) {
  ArrayRef<int64_t> in = shapeOf(op.getInput());
  Value input = kb.buffer(op.getInput());
  const int64_t area = in[1] * in[2];
  ArithDomain d = kb.domain();
  bool single = op.getRounding() == qint::Rounding::single_round;
  kb.loops({in[0], in[3]}, [&](ValueRange o) {
    Value sum = kb.reduce({area}, d.c32(0), [&](ValueRange p, Value acc) {
      Value i = kb.add(
          kb.mul(kb.add(kb.mul(o[0], kb.index(area)), p[0]), kb.index(in[3])),
          o[1]);
      return d.add(acc, d.sub(kb.load(input, i), d.c32(op.getInputZp())));
    });
    Value scaled = gen::mbqm(d, sum, d.c32(op.getMultiplier()),
                             d.c32(op.getShift()), single);
    Value r = d.add(gen::roundedDivide(d, scaled, d.c32(area)),
                    d.c32(op.getOutputZp()));
    kb.store(gen::clamp(d, r, d.c32(-128), d.c32(127)), out,
             kb.add(kb.mul(o[0], kb.index(in[3])), o[1]));
  });
  return success();
}
} // namespace

void mlir::qat::registerPoolingLoops(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachLoopKernel<qint::MaxPool2DOp, maxPool2D>(ctx);
    attachLoopKernel<qint::AvgPool2DOp, avgPool2D>(ctx);
    attachLoopKernel<qint::MeanOp, mean>(ctx);
  });
}
