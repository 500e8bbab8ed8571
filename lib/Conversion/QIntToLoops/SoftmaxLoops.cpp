// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- SoftmaxLoops.cpp - softmax over the innermost dimension ------------===//

#include "LoopBuilder.h"

#include "qat/Numerics/Softmax.h"

using namespace mlir;
using namespace mlir::qat;
namespace gen = mlir::qat::numerics::generic;

namespace {
LogicalResult softmax(qint::SoftmaxOp op, LoopBuilder &kb, Value out) {
  ArrayRef<int64_t> shape = shapeOf(op.getInput());
  const int64_t depth = shape.back();
  const int64_t rows = numElementsOf(op.getOutput()) / depth;
  const bool int16 =
      cast<RankedTensorType>(op.getType()).getElementType().isInteger(16);
  Value input = kb.buffer(op.getInput());
  OpBuilder &b = kb.builder();
  ArithDomain d = kb.domain();
  const bool single = op.getRounding() == qint::Rounding::single_round;
  Value multiplier = d.c32(op.getInputMultiplier());
  Value shift = d.c32(op.getInputLeftShift());
  // int16: TFLite's two tables, as constant globals.
  Value expTable, reciprocalTable;
  if (int16) {
    expTable = kb.i16Table(numerics::softmaxInt16ExpTable());
    reciprocalTable = kb.i16Table(numerics::softmaxInt16ReciprocalTable());
  }
  auto reader = [&](Value table) {
    return [&kb, &b, table](Value i) {
      return kb.load(table, arith::IndexCastOp::create(b, kb.location(),
                                                       b.getIndexType(), i));
    };
  };
  Value diffMin = d.c32(op.getDiffMin());
  kb.loops({rows}, [&](ValueRange r) {
    Value base = kb.mul(r[0], kb.index(depth));
    Value max = kb.reduce({depth}, d.c32(int16 ? -32768 : -128),
                          [&](ValueRange i, Value acc) {
                            Value v = kb.load(input, kb.add(base, i[0]));
                            return d.select(d.sgt(v, acc), v, acc);
                          });
    auto diffAt = [&](Value i) {
      return d.sub(kb.load(input, kb.add(base, i)), max);
    };
    if (int16) {
      auto expAt = [&](Value i) {
        return gen::softmaxInt16Exp(d, diffAt(i), multiplier, shift, single,
                                    reader(expTable));
      };
      Value sum = kb.reduce({depth}, d.c32(0), [&](ValueRange i, Value acc) {
        return d.add(acc, expAt(i[0]));
      });
      std::pair<Value, Value> reciprocal =
          gen::softmaxInt16Reciprocal(d, sum, reader(reciprocalTable));
      kb.loops({depth}, [&](ValueRange i) {
        kb.store(gen::softmaxInt16Output(d, expAt(i[0]), reciprocal.first,
                                         reciprocal.second),
                 out, kb.add(base, i[0]));
      });
      return;
    }
    Value sum = kb.reduce({depth}, d.c32(0), [&](ValueRange i, Value acc) {
      Value diff = diffAt(i[0]);
      Value term = gen::softmaxAccumulate(
          d, gen::softmaxExp(d, diff, multiplier, shift, single));
      return d.select(d.slt(diff, diffMin), acc, d.add(acc, term));
    });
    std::pair<Value, Value> reciprocal = gen::softmaxReciprocal(d, sum);
    Value shiftedScale = reciprocal.first, exponent = reciprocal.second;
    kb.loops({depth}, [&](ValueRange i) {
      Value diff = diffAt(i[0]);
      Value value = gen::softmaxOutput(
          d, shiftedScale, gen::softmaxExp(d, diff, multiplier, shift, single),
          exponent);
      kb.store(d.select(d.slt(diff, diffMin), d.c32(-128), value), out,
               kb.add(base, i[0]));
    });
  });
  return success();
}
} // namespace

void mlir::qat::registerSoftmaxLoops(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachLoopKernel<qint::SoftmaxOp, softmax>(ctx);
  });
}
