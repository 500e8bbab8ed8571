// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- DataMovementLoops.cpp - pad, concat, transpose, slice --------------===//
//
// reshape has no loops: on flat buffers it is the same buffer
// (QIntToLoops.cpp).
//
//===----------------------------------------------------------------------===//

#include "LoopBuilder.h"

using namespace mlir;
using namespace mlir::qat;

namespace {
LogicalResult pad(qint::PadOp op, LoopBuilder &kb, Value out) {
  ArrayRef<int64_t> in = shapeOf(op.getInput()), os = shapeOf(op.getOutput());
  ArrayRef<int64_t> padding = op.getPadding();
  ArithDomain d = kb.domain();
  Value input = kb.buffer(op.getInput());
  kb.loops({numElementsOf(op.getOutput())},
           [&](ValueRange i) { kb.store(d.c32(op.getValue()), out, i[0]); });
  kb.loops(in, [&](ValueRange idx) {
    SmallVector<Value> target;
    for (auto [dim, v] : llvm::enumerate(idx))
      target.push_back(kb.add(v, kb.index(padding[2 * dim])));
    kb.store(kb.load(input, kb.linear(SmallVector<Value>(idx), in)), out,
             kb.linear(target, os));
  });
  return success();
}

LogicalResult concat(qint::ConcatOp op, LoopBuilder &kb, Value out) {
  ArrayRef<int64_t> os = shapeOf(op.getOutput());
  int64_t offset = 0, axis = op.getAxis();
  for (Value v : op.getInputs()) {
    ArrayRef<int64_t> in = shapeOf(v);
    Value input = kb.buffer(v);
    kb.loops(in, [&](ValueRange idx) {
      SmallVector<Value> target(idx);
      target[axis] = kb.add(target[axis], kb.index(offset));
      kb.store(kb.load(input, kb.linear(SmallVector<Value>(idx), in)), out,
               kb.linear(target, os));
    });
    offset += in[axis];
  }
  return success();
}

LogicalResult transpose(qint::TransposeOp op, LoopBuilder &kb, Value out) {
  ArrayRef<int64_t> in = shapeOf(op.getInput()), os = shapeOf(op.getOutput());
  ArrayRef<int64_t> permutation = op.getPermutation();
  Value input = kb.buffer(op.getInput());
  kb.loops(os, [&](ValueRange idx) {
    // Output dimension d walks input dimension permutation[d].
    SmallVector<Value> source(in.size());
    for (auto [d, v] : llvm::enumerate(idx))
      source[permutation[d]] = v;
    kb.store(kb.load(input, kb.linear(source, in)), out,
             kb.linear(SmallVector<Value>(idx), os));
  });
  return success();
}
LogicalResult slice(qint::SliceOp op, LoopBuilder &kb, Value out) {
  ArrayRef<int64_t> in = shapeOf(op.getInput()), os = shapeOf(op.getOutput());
  ArrayRef<int64_t> begin = op.getBegin(), strides = op.getStrides();
  Value input = kb.buffer(op.getInput());
  kb.loops(os, [&](ValueRange idx) {
    SmallVector<Value> source;
    for (auto [d, v] : llvm::enumerate(idx))
      source.push_back(
          kb.add(kb.index(begin[d]), kb.mul(v, kb.index(strides[d]))));
    kb.store(kb.load(input, kb.linear(source, in)), out,
             kb.linear(SmallVector<Value>(idx), os));
  });
  return success();
}
} // namespace

void mlir::qat::registerDataMovementLoops(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachLoopKernel<qint::PadOp, pad>(ctx);
    attachLoopKernel<qint::ConcatOp, concat>(ctx);
    attachLoopKernel<qint::TransposeOp, transpose>(ctx);
    attachLoopKernel<qint::SliceOp, slice>(ctx);
  });
}
