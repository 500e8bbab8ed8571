//===- ShapeVerification.cpp - shape checks shared by qat and qint --------===//

#include "qat/Dialect/Common/ShapeVerification.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace mlir::qat;

ArrayRef<int64_t> mlir::qat::shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

LogicalResult mlir::qat::verifyRank(Operation *op, Value value, StringRef name,
                                    int64_t rank, StringRef layout,
                                    StringRef label) {
  int64_t actual = shapeOf(value).size();
  if (actual == rank)
    return success();
  return op->emitOpError() << name << " must have rank " << rank << " ("
                           << layout << "), but has rank " << actual << " ["
                           << label << "]";
}

LogicalResult mlir::qat::verifyBias(Operation *op, Value bias, int64_t channels,
                                    StringRef label) {
  if (!bias)
    return success();
  ArrayRef<int64_t> shape = shapeOf(bias);
  if (shape.size() == 1 && shape[0] == channels)
    return success();
  return op->emitOpError() << "bias must have shape [" << channels
                           << "] (one value per output channel), but has shape "
                           << bracketed(shape) << " [" << label << "]";
}

LogicalResult mlir::qat::verifyResultShape(Operation *op,
                                           ArrayRef<int64_t> expected,
                                           StringRef label) {
  ArrayRef<int64_t> actual = shapeOf(op->getResult(0));
  if (actual == expected)
    return success();
  return op->emitOpError() << "result shape must be " << bracketed(expected)
                           << ", but is " << bracketed(actual) << " [" << label
                           << "]";
}

LogicalResult mlir::qat::verifyChannelBroadcast(Operation *op,
                                                StringRef label) {
  ArrayRef<int64_t> lhs = shapeOf(op->getOperand(0));
  ArrayRef<int64_t> rhs = shapeOf(op->getOperand(1));
  ArrayRef<int64_t> full = lhs.size() >= rhs.size() ? lhs : rhs;
  ArrayRef<int64_t> other = lhs.size() >= rhs.size() ? rhs : lhs;
  bool broadcastable = lhs == rhs || (other.size() == 1 && !full.empty() &&
                                      other[0] == full.back());
  if (!broadcastable)
    return op->emitOpError()
           << "operands must have the same shape, or one must be 1-D with the "
              "size of the other's last dimension, but have shapes "
           << bracketed(lhs) << " and " << bracketed(rhs) << " [" << label
           << "]";
  return verifyResultShape(op, full, label);
}

std::pair<int64_t, int64_t> mlir::qat::samePadding(int64_t in, int64_t kernel,
                                                   int64_t stride,
                                                   int64_t dilation) {
  int64_t out = (in + stride - 1) / stride;
  int64_t effective = (kernel - 1) * dilation + 1;
  int64_t total = std::max<int64_t>((out - 1) * stride + effective - in, 0);
  return {total / 2, total - total / 2};
}

LogicalResult mlir::qat::verifyWindow(Operation *op, const WindowInfo &w,
                                      ArrayRef<int64_t> effectivePad,
                                      StringRef resultLabel) {
  // window_c1
  if (w.strides.size() != 2 ||
      llvm::any_of(w.strides, [](int64_t s) { return s <= 0; }))
    return op->emitOpError()
           << "strides must be 2 positive values [h, w], but are "
           << bracketed(w.strides) << " [window_c1]";
  // window_c2
  if (w.dilations.size() != 2 ||
      llvm::any_of(w.dilations, [](int64_t d) { return d <= 0; }))
    return op->emitOpError()
           << "dilations must be 2 positive values [h, w], but are "
           << bracketed(w.dilations) << " [window_c2]";
  // window_c3
  if (w.pad && (w.pad->size() != 4 ||
                llvm::any_of(*w.pad, [](int64_t p) { return p < 0; })))
    return op->emitOpError() << "pad must be 4 non-negative values [top, "
                                "bottom, left, right], but is "
                             << bracketed(*w.pad) << " [window_c3]";

  ArrayRef<int64_t> pad = w.pad ? *w.pad : effectivePad;
  ArrayRef<int64_t> inHW = w.inputShape.slice(1, 2);
  SmallVector<int64_t, 4> outShape = {w.inputShape[0], 0, 0, w.outputChannels};
  static constexpr StringLiteral dimNames[] = {"height", "width"};
  for (int i = 0; i < 2; ++i) {
    int64_t before = pad[2 * i], after = pad[2 * i + 1];
    int64_t effective = (w.kernel[i] - 1) * w.dilations[i] + 1;
    int64_t padded = inHW[i] + before + after;
    // window_c4
    if (padded < effective)
      return op->emitOpError()
             << "padded input " << dimNames[i] << " " << padded
             << " is smaller than the (dilated) window " << dimNames[i] << " "
             << effective << " [window_c4]";
    // window_c5: a pooling window must see at least one real element.
    if (w.isPool && (before >= w.kernel[i] || after >= w.kernel[i]))
      return op->emitOpError()
             << "padding " << bracketed(pad)
             << " must be smaller than the window "
             << bracketed(ArrayRef<int64_t>(w.kernel))
             << " in each dimension, or a window would see only padding "
                "[window_c5]";
    outShape[1 + i] = (padded - effective) / w.strides[i] + 1;
  }
  return verifyResultShape(op, outShape, resultLabel);
}

LogicalResult mlir::qat::verifyActivationRange(Operation *op, int64_t actMin,
                                               int64_t actMax,
                                               int64_t storageMin,
                                               int64_t storageMax,
                                               StringRef label) {
  if (storageMin <= actMin && actMin <= actMax && actMax <= storageMax)
    return success();
  return op->emitOpError() << "needs " << storageMin << " <= act_min <= "
                           << "act_max <= " << storageMax << ", but has act_min "
                           << actMin << " and act_max " << actMax << " ["
                           << label << "]";
}
