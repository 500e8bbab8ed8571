// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- RecurrentLoops.cpp - LSTM over a sequence --------------------------===//
//
// The hidden state, cell state and gate outputs of one batch live in stack
// buffers of i32; each batch runs its own sequence, step by step, with the
// gate functions of the generic numerics (qat/Numerics/Generic.h).
//
//===----------------------------------------------------------------------===//

#include "LoopBuilder.h"

#include "qat/Numerics/Recurrent.h"

#include <functional>

using namespace mlir;
using namespace mlir::qat;
namespace gen = mlir::qat::numerics::generic;
namespace nx = mlir::qat::numerics;

namespace {
/// Entry i of TFLite's sigmoid table, a constant global the gate functions
/// read.
std::function<Value(Value)> sigmoidTableReader(LoopBuilder &kb) {
  const std::array<uint16_t, 256> &sigmoid = nx::sigmoidInt16Table();
  Value table =
      kb.i32Table(SmallVector<int32_t>(sigmoid.begin(), sigmoid.end()));
  return [&kb, table](Value i) {
    OpBuilder &b = kb.builder();
    return kb.load(table, arith::IndexCastOp::create(b, kb.location(),
                                                     b.getIndexType(), i));
  };
}

LogicalResult lstm(qint::LstmOp op, LoopBuilder &kb, Value out) {
  const nx::LstmParams p = op.getLstmParams();
  const int64_t T = p.timeSteps, B = p.batches, I = p.inputSize,
                H = p.hiddenSize;
  OpBuilder &b = kb.builder();
  ArithDomain d = kb.domain();
  Value input = kb.buffer(op.getInput());
  Value wx = kb.buffer(op.getInputWeights());
  Value wh = kb.buffer(op.getRecurrentWeights());
  Value bias = kb.buffer(op.getBias());
  std::function<Value(Value)> load = sigmoidTableReader(kb);
  auto i32 = b.getI32Type();
  Value hidden = kb.alloc(RankedTensorType::get({H}, i32));
  Value cell = kb.alloc(RankedTensorType::get({H}, i32));
  Value gates = kb.alloc(RankedTensorType::get({4 * H}, i32));
  // The gate stages: int16 results at 2^-12, saturated.
  // The stage keeps ArrayRefs to `m`: it must outlive the loops (p does).
  auto gateStage = [&](const nx::QuantizedMultiplier &m) {
    LoopBuilder::Stage st =
        kb.stage(m.multiplier, m.shift, 0, -32768, 32767, op.getRounding());
    st.int64Accumulator = p.int16;
    return st;
  };
  // Plain locals: the loop bodies capture them (structured bindings can
  // only be captured from C++20).
  const std::pair<int32_t, int32_t> tanhRescale =
      nx::tanhInputRescale(p.cellScalePower);
  const int32_t tanhMultiplier = tanhRescale.first,
                tanhShift = tanhRescale.second;
  const std::pair<int32_t, int32_t> gateRescale =
      nx::tanhInputRescale(nx::kLstmGateScalePower);
  const int32_t gateMultiplier = gateRescale.first,
                gateShift = gateRescale.second;
  const bool single = op.getRounding() == qint::Rounding::single_round;
  auto product = [&](Value x, Value y, nx::QuantizedMultiplier m) {
    return gen::clamp(
        d,
        gen::mbqm(d, d.mul(x, y), d.c32(m.multiplier), d.c32(m.shift), single),
        d.c32(-32768), d.c32(32767));
  };
  Value h0 = op.getInitialHidden() ? kb.buffer(op.getInitialHidden()) : Value();
  Value c0 = op.getInitialCell() ? kb.buffer(op.getInitialCell()) : Value();
  kb.loops({B}, [&](ValueRange bi) {
    kb.loops({H}, [&](ValueRange j) {
      Value at = kb.add(kb.mul(bi[0], kb.index(H)), j[0]);
      kb.store(h0 ? kb.load(h0, at) : d.c32(p.outputZp), hidden, j[0]);
      kb.store(c0 ? kb.load(c0, at) : d.c32(0), cell, j[0]);
    });
    kb.loops({T}, [&](ValueRange ti) {
      Value step = p.timeMajor ? kb.add(kb.mul(ti[0], kb.index(B)), bi[0])
                               : kb.add(kb.mul(bi[0], kb.index(T)), ti[0]);
      Value xBase = kb.mul(step, kb.index(I));
      for (int g = 0; g < 4; ++g) {
        LoopBuilder::Stage fromInput = gateStage(p.input[g]);
        LoopBuilder::Stage fromHidden = gateStage(p.recurrent[g]);
        kb.loops({H}, [&](ValueRange j) {
          Value row = kb.add(kb.index(g * H), j[0]);
          Value acc =
              kb.reduce({I}, kb.load(bias, row), [&](ValueRange k, Value acc) {
                Value x = d.sub(kb.load(input, kb.add(xBase, k[0])),
                                d.c32(p.inputZp));
                Value w = kb.load(wx, kb.add(kb.mul(row, kb.index(I)), k[0]));
                return kb.accumulate(d, fromInput, acc,
                                     kb.widen(d, fromInput, d.mul(x, w)));
              });
          Value rec = kb.reduce(
              {H}, kb.accumulatorZero(d, fromHidden),
              [&](ValueRange k, Value acc) {
                Value h = d.sub(kb.load(hidden, k[0]), d.c32(p.outputZp));
                Value w = kb.load(wh, kb.add(kb.mul(row, kb.index(H)), k[0]));
                return kb.accumulate(d, fromHidden, acc,
                                     kb.widen(d, fromHidden, d.mul(h, w)));
              });
          Value sum =
              gen::addInt16Saturating(d, kb.apply(fromInput, acc, kb.index(0)),
                                      kb.apply(fromHidden, rec, kb.index(0)));
          Value activated =
              g == nx::kCellGate
                  ? gen::tanhInt16(d, sum, gateMultiplier, gateShift, load)
                  : gen::sigmoidInt16(d, sum, load);
          kb.store(activated, gates, row);
        });
      }
      Value outBase = kb.mul(step, kb.index(H));
      kb.loops({H}, [&](ValueRange j) {
        auto gate = [&](int g) {
          return kb.load(gates, kb.add(kb.index(g * H), j[0]));
        };
        Value kept =
            product(gate(nx::kForgetGate), kb.load(cell, j[0]), p.forget);
        Value added =
            product(gate(nx::kInputGate), gate(nx::kCellGate), p.update);
        Value c = gen::addInt16Saturating(d, kept, added);
        if (p.cellClip > 0)
          c = gen::clamp(d, c, d.c32(-p.cellClip), d.c32(p.cellClip));
        kb.store(c, cell, j[0]);
        Value activated = gen::tanhInt16(d, c, tanhMultiplier, tanhShift, load);
        Value scaled = gen::mbqm(d, d.mul(activated, gate(nx::kOutputGate)),
                                 d.c32(p.hidden.multiplier),
                                 d.c32(p.hidden.shift), single);
        Value h = gen::clamp(d, d.add(scaled, d.c32(p.outputZp)),
                             d.c32(p.int16 ? -32768 : -128),
                             d.c32(p.int16 ? 32767 : 127));
        kb.store(h, hidden, j[0]);
        kb.store(h, out, kb.add(outBase, j[0]));
      });
    });
  });
  return success();
}
LogicalResult gru(qint::GruOp op, LoopBuilder &kb, Value out) {
  const nx::GruParams p = op.getGruParams();
  const int64_t T = p.timeSteps, B = p.batches, I = p.inputSize,
                H = p.hiddenSize;
  OpBuilder &b = kb.builder();
  ArithDomain d = kb.domain();
  Value input = kb.buffer(op.getInput());
  Value wx = kb.buffer(op.getInputWeights());
  Value wh = kb.buffer(op.getRecurrentWeights());
  Value bx = kb.buffer(op.getInputBias());
  Value bh = kb.buffer(op.getRecurrentBias());
  std::function<Value(Value)> load = sigmoidTableReader(kb);
  auto i32 = b.getI32Type();
  Value hidden = kb.alloc(RankedTensorType::get({H}, i32));
  Value next = kb.alloc(RankedTensorType::get({H}, i32));
  Value state = kb.alloc(RankedTensorType::get({H}, i32));
  // The stage keeps ArrayRefs to `m`: it must outlive the loops (p does).
  auto gateStage = [&](const nx::QuantizedMultiplier &m) {
    return kb.stage(m.multiplier, m.shift, 0, -32768, 32767, op.getRounding());
  };
  const std::pair<int32_t, int32_t> gateRescale =
      nx::tanhInputRescale(nx::kLstmGateScalePower);
  const int32_t gateMultiplier = gateRescale.first,
                gateShift = gateRescale.second;
  const bool single = op.getRounding() == qint::Rounding::single_round;
  auto hiddenOf = [&](Value s) {
    Value scaled = gen::mbqm(d, s, d.c32(p.hidden.multiplier),
                             d.c32(p.hidden.shift), single);
    return gen::clamp(d, d.add(scaled, d.c32(p.outputZp)), d.c32(-128),
                      d.c32(127));
  };
  Value s0 = op.getInitialState() ? kb.buffer(op.getInitialState()) : Value();
  kb.loops({B}, [&](ValueRange bi) {
    kb.loops({H}, [&](ValueRange j) {
      Value s =
          s0 ? kb.load(s0, kb.add(kb.mul(bi[0], kb.index(H)), j[0])) : d.c32(0);
      kb.store(s, state, j[0]);
      kb.store(hiddenOf(s), hidden, j[0]);
    });
    kb.loops({T}, [&](ValueRange ti) {
      Value step = p.timeMajor ? kb.add(kb.mul(ti[0], kb.index(B)), bi[0])
                               : kb.add(kb.mul(bi[0], kb.index(T)), ti[0]);
      Value xBase = kb.mul(step, kb.index(I));
      kb.loops({H}, [&](ValueRange j) {
        Value a[3], r[3];
        for (int g = 0; g < 3; ++g) {
          LoopBuilder::Stage fromInput = gateStage(p.input[g]);
          LoopBuilder::Stage fromHidden = gateStage(p.recurrent[g]);
          Value row = kb.add(kb.index(g * H), j[0]);
          Value accX =
              kb.reduce({I}, kb.load(bx, row), [&](ValueRange k, Value acc) {
                Value x = d.sub(kb.load(input, kb.add(xBase, k[0])),
                                d.c32(p.inputZp));
                Value w = kb.load(wx, kb.add(kb.mul(row, kb.index(I)), k[0]));
                return d.add(acc, d.mul(x, w));
              });
          Value accH =
              kb.reduce({H}, kb.load(bh, row), [&](ValueRange k, Value acc) {
                Value h = d.sub(kb.load(hidden, k[0]), d.c32(p.outputZp));
                Value w = kb.load(wh, kb.add(kb.mul(row, kb.index(H)), k[0]));
                return d.add(acc, d.mul(h, w));
              });
          a[g] = kb.apply(fromInput, accX, kb.index(0));
          r[g] = kb.apply(fromHidden, accH, kb.index(0));
        }
        Value reset = gen::sigmoidInt16(
            d, gen::addInt16Saturating(d, a[nx::kResetGate], r[nx::kResetGate]),
            load);
        Value update = gen::sigmoidInt16(
            d,
            gen::addInt16Saturating(d, a[nx::kUpdateGate], r[nx::kUpdateGate]),
            load);
        Value n = gen::tanhInt16(
            d, gen::gruNewGateInput(d, a[nx::kNewGate], reset, r[nx::kNewGate]),
            gateMultiplier, gateShift, load);
        Value s = gen::gruState(d, n, update, kb.load(state, j[0]));
        kb.store(s, state, j[0]);
        kb.store(hiddenOf(s), next, j[0]);
      });
      Value outBase = kb.mul(step, kb.index(H));
      kb.loops({H}, [&](ValueRange j) {
        Value h = kb.load(next, j[0]);
        kb.store(h, hidden, j[0]);
        kb.store(h, out, kb.add(outBase, j[0]));
      });
    });
  });
  return success();
}
} // namespace

void mlir::qat::registerRecurrentLoops(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachLoopKernel<qint::LstmOp, lstm>(ctx);
    attachLoopKernel<qint::GruOp, gru>(ctx);
  });
}
