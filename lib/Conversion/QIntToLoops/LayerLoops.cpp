// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- LayerLoops.cpp - conv, depthwise conv, fully connected -------------===//
//
// A layer accumulates (x - input_zp) * w over its taps from the bias, in
// int32 (int64 for an int16 layer without an int32 bias), and rescales.
//
//===----------------------------------------------------------------------===//

#include "LoopBuilder.h"

using namespace mlir;
using namespace mlir::qat;

namespace {
template <typename ConvOp>
LogicalResult convLoops(ConvOp op, bool depthwise, LoopBuilder &kb, Value out) {
  ArrayRef<int64_t> in = shapeOf(op.getInput()), w = shapeOf(op.getFilter()),
                    os = shapeOf(op.getOutput());
  ArrayRef<int64_t> strides = op.getStrides(), dilations = op.getDilations(),
                    pad = op.getPad();
  Value input = kb.buffer(op.getInput()), filter = kb.buffer(op.getFilter());
  Value bias = op.getBias() ? kb.buffer(op.getBias()) : Value();
  LoopBuilder::Stage st = kb.layerStage(op, op.getInput(), op.getBias());
  const int64_t mult = depthwise ? os[3] / in[3] : 1;
  OpBuilder &b = kb.builder();
  Location loc = kb.location();
  ArithDomain d = kb.domain();
  Value zp = d.c32(op.getInputZp()), zero = kb.accumulatorZero(d, st);
  kb.loops({os[0], os[1], os[2], os[3]}, [&](ValueRange o) {
    Value acc0 = bias ? kb.load(bias, o[3]) : zero;
    SmallVector<int64_t> taps = {w[1], w[2], depthwise ? 1 : in[3]};
    Value acc = kb.reduce(taps, acc0, [&](ValueRange k, Value acc) {
      auto [iy, insideY] =
          kb.tap(o[1], k[0], strides[0], dilations[0], pad[0], in[1]);
      auto [ix, insideX] =
          kb.tap(o[2], k[1], strides[1], dilations[1], pad[2], in[2]);
      Value inside = arith::AndIOp::create(b, loc, insideY, insideX);
      Value y = arith::SelectOp::create(b, loc, inside, iy, kb.index(0));
      Value x = arith::SelectOp::create(b, loc, inside, ix, kb.index(0));
      Value channel = depthwise
                          ? arith::DivUIOp::create(b, loc, o[3], kb.index(mult))
                          : Value(k[2]);
      Value xv = kb.load(input, kb.linear({o[0], y, x, channel}, in));
      Value wv =
          depthwise
              ? kb.load(filter, kb.linear({kb.index(0), k[0], k[1], o[3]}, w))
              : kb.load(filter, kb.linear({o[3], k[0], k[1], k[2]}, w));
      Value term = kb.widen(d, st, d.mul(d.sub(xv, zp), wv));
      return kb.accumulate(d, st, acc, d.select(inside, term, zero));
    });
    kb.store(kb.apply(st, acc, o[3]), out,
             kb.linear({o[0], o[1], o[2], o[3]}, os));
  });
  return success();
}

LogicalResult conv2D(qint::Conv2DOp op, LoopBuilder &kb, Value out) {
  return convLoops(op, /*depthwise=*/false, kb, out);
}

LogicalResult depthwiseConv2D(qint::DepthwiseConv2DOp op, LoopBuilder &kb,
                              Value out) {
  return convLoops(op, /*depthwise=*/true, kb, out);
}

LogicalResult fullyConnected(qint::FullyConnectedOp op, LoopBuilder &kb,
                             Value out) {
  ArrayRef<int64_t> in = shapeOf(op.getInput()), os = shapeOf(op.getOutput());
  Value input = kb.buffer(op.getInput()), weights = kb.buffer(op.getWeights());
  Value bias = op.getBias() ? kb.buffer(op.getBias()) : Value();
  LoopBuilder::Stage st = kb.layerStage(op, op.getInput(), op.getBias());
  ArithDomain d = kb.domain();
  Value zp = d.c32(op.getInputZp());
  kb.loops({os[0], os[1]}, [&](ValueRange o) {
    Value acc0 = bias ? kb.load(bias, o[1]) : kb.accumulatorZero(d, st);
    Value acc = kb.reduce({in[1]}, acc0, [&](ValueRange k, Value acc) {
      Value xv = kb.load(input, kb.linear({o[0], k[0]}, in));
      Value wv = kb.load(weights, kb.linear({o[1], k[0]}, {os[1], in[1]}));
      return kb.accumulate(d, st, acc,
                           kb.widen(d, st, d.mul(d.sub(xv, zp), wv)));
    });
    kb.store(kb.apply(st, acc, o[1]), out, kb.linear({o[0], o[1]}, os));
  });
  return success();
}
} // namespace

void mlir::qat::registerLayerLoops(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachLoopKernel<qint::Conv2DOp, conv2D>(ctx);
    attachLoopKernel<qint::DepthwiseConv2DOp, depthwiseConv2D>(ctx);
    attachLoopKernel<qint::FullyConnectedOp, fullyConnected>(ctx);
  });
}
