// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- NormalizationLoops.cpp - layer norm --------------------------------===//
//
// Per row: the sum, the sum of squared centred values (i64), the row's
// normalizer from the generic numerics (an unrolled integer square root),
// then each output.
//
//===----------------------------------------------------------------------===//

#include "LoopBuilder.h"

#include "qat/Numerics/Generic.h"
#include "qat/Numerics/Normalization.h"

using namespace mlir;
using namespace mlir::qat;
namespace gen = mlir::qat::numerics::generic;

namespace {
LogicalResult layerNorm(qint::LayerNormOp op, LoopBuilder &kb, Value out) {
  const numerics::LayerNormParams p = op.getLayerNormParams();
  const int64_t N = p.size;
  ArithDomain d = kb.domain();
  Value input = kb.buffer(op.getInput()), gamma = kb.buffer(op.getGamma()),
        beta = kb.buffer(op.getBeta());
  const int32_t multiplier = p.output.multiplier, shift = p.output.shift;
  LoopBuilder::Stage st = kb.stage(multiplier, shift, p.outputZp, p.actMin,
                                   p.actMax, op.getRounding());
  st.int64Accumulator = p.int16;
  kb.loops({p.rows}, [&](ValueRange r) {
    Value base = kb.mul(r[0], kb.index(N));
    auto x = [&](Value i) { return kb.load(input, kb.add(base, i)); };
    Value sum = kb.reduce({N}, d.c32(0), [&](ValueRange i, Value acc) {
      return d.add(acc, x(i[0]));
    });
    auto centred = [&](Value i) { return d.sub(d.mul(d.c32(N), x(i)), sum); };
    Value squares =
        kb.reduce({N}, d.c64(p.epsilon), [&](ValueRange i, Value acc) {
          Value c = d.ext(centred(i[0]));
          return d.add64(acc, d.mul64(c, c));
        });
    auto [a, reciprocal] = gen::layerNormInverse(d, squares);
    kb.loops({N}, [&](ValueRange i) {
      Value t = gen::layerNormNormalize(d, centred(i[0]), a, reciprocal,
                                        p.fractionBits());
      Value g = kb.load(gamma, i[0]), b = kb.load(beta, i[0]);
      Value acc = p.int16 ? d.add64(d.mul64(d.ext(t), d.ext(g)), b)
                          : d.add(d.mul(t, g), b);
      kb.store(kb.apply(st, acc, kb.index(0)), out, kb.add(base, i[0]));
    });
  });
  return success();
}
} // namespace

void mlir::qat::registerNormalizationLoops(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachLoopKernel<qint::LayerNormOp, layerNorm>(ctx);
  });
}
