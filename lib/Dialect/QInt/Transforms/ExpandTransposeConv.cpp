// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- ExpandTransposeConv.cpp - transposed convolutions as conv2d --------===//
//
// The `qint-expand-transpose-conv` pass; Passes.td states what it does.
//
//===----------------------------------------------------------------------===//

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Dialect/QInt/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace mlir::qint {
#define GEN_PASS_DEF_QINTEXPANDTRANSPOSECONVPASS
#include "qat/Dialect/QInt/Transforms/Passes.h.inc"
} // namespace mlir::qint

using namespace mlir;
using namespace mlir::qint;

namespace {
/// `value` with the elements along `axis` moved `stride` apart, the gaps
/// filled with `zeroPoint`: [A, L, B] -> [A, L, 1, B] -> padded to
/// [A, L, s, B] -> [A, L * s, B], the trailing s - 1 (all gap) dropped.
Value spread(OpBuilder &b, Location loc, Value value, int64_t axis,
             int64_t stride, int64_t zeroPoint) {
  if (stride == 1)
    return value;
  auto type = cast<RankedTensorType>(value.getType());
  ArrayRef<int64_t> shape = type.getShape();
  Type element = type.getElementType();
  int64_t outer = 1, inner = 1, length = shape[axis];
  for (int64_t d = 0; d < axis; ++d)
    outer *= shape[d];
  for (size_t d = axis + 1; d < shape.size(); ++d)
    inner *= shape[d];
  Value r = ReshapeOp::create(
      b, loc, RankedTensorType::get({outer, length, 1, inner}, element), value);
  r = PadOp::create(
      b, loc, RankedTensorType::get({outer, length, stride, inner}, element), r,
      {b.getNamedAttr("padding", b.getDenseI64ArrayAttr(
                                     {0, 0, 0, 0, 0, stride - 1, 0, 0})),
       b.getNamedAttr("value", b.getI64IntegerAttr(zeroPoint))});
  SmallVector<int64_t> wide(shape), kept(shape);
  wide[axis] = length * stride;
  kept[axis] = (length - 1) * stride + 1;
  r = ReshapeOp::create(b, loc, RankedTensorType::get(wide, element), r);
  SmallVector<int64_t> begin(shape.size(), 0), step(shape.size(), 1);
  return SliceOp::create(
      b, loc, RankedTensorType::get(kept, element), r,
      {b.getNamedAttr("begin", b.getDenseI64ArrayAttr(begin)),
       b.getNamedAttr("strides", b.getDenseI64ArrayAttr(step))});
}

/// The OHWI filter `dense` flipped in H and W.
DenseElementsAttr flipped(DenseElementsAttr dense) {
  ArrayRef<int64_t> shape = dense.getType().getShape();
  int64_t kh = shape[1], kw = shape[2], channels = shape[3];
  SmallVector<APInt> values(dense.getValues<APInt>());
  SmallVector<APInt> result(values);
  for (int64_t o = 0; o < shape[0]; ++o)
    for (int64_t y = 0; y < kh; ++y)
      for (int64_t x = 0; x < kw; ++x)
        for (int64_t c = 0; c < channels; ++c)
          result[((o * kh + y) * kw + x) * channels + c] =
              values[((o * kh + (kh - 1 - y)) * kw + (kw - 1 - x)) * channels +
                     c];
  return DenseElementsAttr::get(dense.getType(), result);
}

LogicalResult expand(TransposeConv2DOp op) {
  auto constant = op.getFilter().getDefiningOp<arith::ConstantOp>();
  auto dense = constant ? dyn_cast<DenseElementsAttr>(constant.getValue())
                        : DenseElementsAttr();
  if (!dense)
    return op.emitOpError() << "needs a constant filter (it is flipped at "
                               "compile time)";
  OpBuilder b(op);
  Location loc = op.getLoc();
  ArrayRef<int64_t> in =
      cast<RankedTensorType>(op.getInput().getType()).getShape();
  ArrayRef<int64_t> out = op.getType().getShape();
  ArrayRef<int64_t> k = dense.getType().getShape();
  ArrayRef<int64_t> strides = op.getStrides(), pad = op.getPad();
  Value input = op.getInput();
  for (int d = 0; d < 2; ++d)
    input = spread(b, loc, input, 1 + d, strides[d], op.getInputZp());
  // The conv's padding: k - 1 - p before, what the output size leaves after
  // (the verifier guarantees both are at least 0).
  SmallVector<int64_t> convPad;
  for (int d = 0; d < 2; ++d) {
    int64_t spreadSize = (in[1 + d] - 1) * strides[d] + 1;
    int64_t before = k[1 + d] - 1 - pad[d];
    convPad.push_back(before);
    convPad.push_back(out[1 + d] + k[1 + d] - 1 - spreadSize - before);
  }
  Value filter = arith::ConstantOp::create(b, loc, flipped(dense));
  SmallVector<Value> operands = {input, filter};
  if (op.getBias())
    operands.push_back(op.getBias());
  SmallVector<NamedAttribute> attrs;
  for (NamedAttribute attr : op->getAttrs())
    if (attr.getName() != op.getStridesAttrName() &&
        attr.getName() != op.getPadAttrName())
      attrs.push_back(attr);
  attrs.push_back(b.getNamedAttr("pad", b.getDenseI64ArrayAttr(convPad)));
  Value conv =
      Conv2DOp::create(b, loc, TypeRange{op.getType()}, operands, attrs);
  op.replaceAllUsesWith(conv);
  op.erase();
  if (constant->use_empty())
    constant.erase();
  return success();
}

struct QIntExpandTransposeConvPass
    : qint::impl::QIntExpandTransposeConvPassBase<QIntExpandTransposeConvPass> {
  void runOnOperation() override {
    SmallVector<TransposeConv2DOp> ops;
    getOperation().walk([&](TransposeConv2DOp op) { ops.push_back(op); });
    for (TransposeConv2DOp op : ops)
      if (failed(expand(op)))
        return signalPassFailure();
  }
};
} // namespace
