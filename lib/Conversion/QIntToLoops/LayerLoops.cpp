// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- LayerLoops.cpp - conv, depthwise conv, fully connected -------------===//
//
// A layer accumulates (x - input_zp) * w over its taps from the bias, in
// int32 (int64 for an int16 layer without an int32 bias), and rescales.
//
// Convolutions keep one output pixel's accumulators in a stack buffer and
// run the output channel innermost: each input value is read once per tap
// and multiplies a contiguous row of weights (the filter transposed to
// [KH, KW, IC, OC] at compile time), a loop the host compiler vectorizes
// without a horizontal reduction per tap; taps in the padding are skipped,
// not multiplied by zero. Integer addition in any order gives the same sum
// (the accumulator proof rules out overflow), so the bytes are those of the
// plain nest, which a layer too wide for the stack buffer keeps.
//
//===----------------------------------------------------------------------===//

#include "LoopBuilder.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::qat;

namespace {
/// Accumulators of one output pixel live on the stack up to this many
/// channels; a wider layer keeps the one-output-at-a-time nest.
constexpr int64_t kMaxPixelAccumulators = 4096;

/// The constant filter [OC, KH, KW, IC] as [KH, KW, IC, OC], or null when
/// the filter is not a constant.
Value transposedFilter(LoopBuilder &kb, Value filter) {
  DenseIntElementsAttr data;
  if (!matchPattern(filter, m_Constant(&data)))
    return Value();
  ArrayRef<int64_t> w = shapeOf(filter);
  int64_t oc = w[0], taps = w[1] * w[2] * w[3];
  SmallVector<APInt> from(data.getValues<APInt>()), to;
  to.reserve(from.size());
  for (int64_t t = 0; t < taps; ++t)
    for (int64_t c = 0; c < oc; ++c)
      to.push_back(from[c * taps + t]);
  auto type = RankedTensorType::get({w[1], w[2], w[3], oc},
                                    data.getType().getElementType());
  return kb.global(DenseElementsAttr::get(type, to));
}

/// Builds `body` inside `if (cond)`.
void ifInside(LoopBuilder &kb, Value cond, function_ref<void()> body) {
  OpBuilder &b = kb.builder();
  auto ifOp = scf::IfOp::create(b, kb.location(), cond, /*withElse=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
  body();
}

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
  Value channelsLast =
      depthwise ? filter : transposedFilter(kb, op.getFilter());
  if (channelsLast && os[3] <= kMaxPixelAccumulators) {
    Value accs = memref::AllocaOp::create(
        b, loc, MemRefType::get({os[3]}, zero.getType()));
    kb.loops({os[0], os[1], os[2]}, [&](ValueRange o) {
      kb.loops({os[3]}, [&](ValueRange c) {
        memref::StoreOp::create(b, loc, bias ? kb.load(bias, c[0]) : zero, accs,
                                c[0]);
      });
      kb.loops({w[1], w[2]}, [&](ValueRange k) {
        std::pair<Value, Value> ty =
            kb.tap(o[1], k[0], strides[0], dilations[0], pad[0], in[1]);
        std::pair<Value, Value> tx =
            kb.tap(o[2], k[1], strides[1], dilations[1], pad[2], in[2]);
        Value iy = ty.first, ix = tx.first;
        Value inside = arith::AndIOp::create(b, loc, ty.second, tx.second);
        ifInside(kb, inside, [&] {
          // acc[c] += (x - zp) * w[c] over the output channels c.
          auto addRow = [&](Value x, Value rowStart, Value channelOf) {
            kb.loops({os[3]}, [&](ValueRange c) {
              ArithDomain d = kb.domain();
              Value xv =
                  x ? x
                    : d.sub(kb.load(input,
                                    kb.linear({o[0], iy, ix,
                                               arith::DivUIOp::create(
                                                   b, loc, c[0], channelOf)},
                                              in)),
                            zp);
              Value wv = kb.load(channelsLast, kb.add(rowStart, c[0]));
              Value term = kb.widen(d, st, d.mul(xv, wv));
              memref::StoreOp::create(
                  b, loc, kb.accumulate(d, st, kb.load(accs, c[0]), term), accs,
                  c[0]);
            });
          };
          if (depthwise) {
            addRow(Value(),
                   kb.linear({k[0], k[1], kb.index(0)}, {w[1], w[2], os[3]}),
                   kb.index(mult));
            return;
          }
          kb.loops({in[3]}, [&](ValueRange ic) {
            ArithDomain d = kb.domain();
            Value xv =
                d.sub(kb.load(input, kb.linear({o[0], iy, ix, ic[0]}, in)), zp);
            addRow(xv,
                   kb.linear({k[0], k[1], ic[0], kb.index(0)},
                             {w[1], w[2], in[3], os[3]}),
                   Value());
          });
        });
      });
      kb.loops({os[3]}, [&](ValueRange c) {
        kb.store(kb.apply(st, kb.load(accs, c[0]), c[0]), out,
                 kb.linear({o[0], o[1], o[2], c[0]}, os));
      });
    });
    return success();
  }
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
