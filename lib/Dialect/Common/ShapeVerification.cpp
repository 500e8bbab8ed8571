// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- ShapeVerification.cpp - shape checks shared by qat and qint --------===//

#include "qat/Dialect/Common/ShapeVerification.h"
#include "qat/Dialect/Common/Limits.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/Twine.h"

#include <string>

using namespace mlir;

// Window parameters are bounded like dimensions (Limits.h), so that padded
// extents and dilated windows computed from them cannot overflow int64_t.
static bool isSize(int64_t v) { return v >= 0 && v <= qat::kMaxTensorElements; }
static bool isPositive(int64_t v) { return v > 0 && isSize(v); }
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
      llvm::any_of(w.strides, [](int64_t s) { return !isPositive(s); }))
    return op->emitOpError()
           << "strides must be 2 positive values [h, w] of at most "
           << kMaxTensorElements << ", but are " << bracketed(w.strides)
           << " [window_c1]";
  // window_c2
  if (w.dilations.size() != 2 ||
      llvm::any_of(w.dilations, [](int64_t d) { return !isPositive(d); }))
    return op->emitOpError()
           << "dilations must be 2 positive values [h, w] of at most "
           << kMaxTensorElements << ", but are " << bracketed(w.dilations)
           << " [window_c2]";
  // window_c3
  if (w.pad && (w.pad->size() != 4 ||
                llvm::any_of(*w.pad, [](int64_t p) { return !isSize(p); })))
    return op->emitOpError() << "pad must be 4 non-negative values [top, "
                                "bottom, left, right] of at most "
                             << kMaxTensorElements << ", but is "
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
                           << "act_max <= " << storageMax
                           << ", but has act_min " << actMin << " and act_max "
                           << actMax << " [" << label << "]";
}

//===----------------------------------------------------------------------===//
// Layer shapes
//===----------------------------------------------------------------------===//

namespace {
/// `<prefix>_c<n>` as a label.
std::string label(StringRef prefix, int n) {
  return (prefix + "_c" + Twine(n)).str();
}
} // namespace

LogicalResult mlir::qat::verifyConvShapes(
    Operation *op, Value input, Value filter, Value bias,
    ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
    std::optional<ArrayRef<int64_t>> padAttr, ArrayRef<int64_t> effectivePad,
    bool depthwise, StringRef prefix) {
  if (failed(verifyRank(op, input, "input", 4, "NHWC", label(prefix, 1))) ||
      failed(verifyRank(op, filter, "filter", 4, depthwise ? "1HWC" : "OHWI",
                        label(prefix, 2))))
    return failure();
  ArrayRef<int64_t> in = shapeOf(input), w = shapeOf(filter);
  int64_t outChannels;
  if (depthwise) {
    if (w[0] != 1)
      return op->emitOpError() << "filter dimension 0 must be 1 (1HWC), but is "
                               << w[0] << " [" << label(prefix, 2) << "]";
    if (w[3] % in[3] != 0)
      return op->emitOpError()
             << "filter channels " << w[3]
             << " must be a multiple of the input channels " << in[3]
             << " (input channels x channel multiplier) [" << label(prefix, 3)
             << "]";
    outChannels = w[3];
  } else {
    if (w[3] != in[3])
      return op->emitOpError() << "filter input channels (dimension 3 of "
                                  "OHWI) must equal the input channels "
                               << in[3] << ", but are " << w[3] << " ["
                               << label(prefix, 3) << "]";
    outChannels = w[0];
  }
  if (failed(verifyBias(op, bias, outChannels, label(prefix, 4))))
    return failure();
  return verifyWindow(op,
                      {in,
                       {w[1], w[2]},
                       strides,
                       dilations,
                       padAttr,
                       outChannels,
                       /*isPool=*/false},
                      effectivePad, label(prefix, 5));
}

LogicalResult mlir::qat::verifyFullyConnectedShapes(Operation *op, Value input,
                                                    Value weights, Value bias,
                                                    StringRef prefix,
                                                    bool batchDims) {
  if (batchDims && shapeOf(input).size() < 2)
    return op->emitOpError()
           << "input must have rank 2 or more ([..., K]), "
              "but has rank "
           << shapeOf(input).size() << " [" << label(prefix, 1) << "]";
  if ((!batchDims &&
       failed(verifyRank(op, input, "input", 2, "[N, K]", label(prefix, 1)))) ||
      failed(verifyRank(op, weights, "weights", 2, "[O, K]", label(prefix, 2))))
    return failure();
  ArrayRef<int64_t> in = shapeOf(input), w = shapeOf(weights);
  if (w[1] != in.back())
    return op->emitOpError() << "weights must have " << in.back()
                             << " columns (the input's K), but have " << w[1]
                             << " [" << label(prefix, 3) << "]";
  if (failed(verifyBias(op, bias, w[0], label(prefix, 4))))
    return failure();
  SmallVector<int64_t> expected(in.drop_back());
  expected.push_back(w[0]);
  return verifyResultShape(op, expected, label(prefix, 5));
}

LogicalResult
mlir::qat::verifyPoolShapes(Operation *op, Value input,
                            ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                            std::optional<ArrayRef<int64_t>> padAttr,
                            ArrayRef<int64_t> effectivePad, StringRef prefix) {
  if (failed(verifyRank(op, input, "input", 4, "NHWC", label(prefix, 1))))
    return failure();
  if (kernel.size() != 2 ||
      llvm::any_of(kernel, [](int64_t k) { return !isPositive(k); }))
    return op->emitOpError()
           << "kernel must be 2 positive values [h, w] of at most "
           << kMaxTensorElements << ", but is " << bracketed(kernel) << " ["
           << label(prefix, 2) << "]";
  ArrayRef<int64_t> in = shapeOf(input);
  static constexpr int64_t unitDilations[] = {1, 1};
  return verifyWindow(op,
                      {in,
                       {kernel[0], kernel[1]},
                       strides,
                       unitDilations,
                       padAttr,
                       in[3],
                       /*isPool=*/true},
                      effectivePad, label(prefix, 3));
}

LogicalResult mlir::qat::verifyMeanShapes(Operation *op, StringRef prefix) {
  if (failed(verifyRank(op, op->getOperand(0), "input", 4, "NHWC",
                        label(prefix, 1))))
    return failure();
  ArrayRef<int64_t> in = shapeOf(op->getOperand(0));
  ArrayRef<int64_t> out = shapeOf(op->getResult(0));
  SmallVector<int64_t, 4> kept = {in[0], 1, 1, in[3]};
  SmallVector<int64_t, 2> dropped = {in[0], in[3]};
  if (out != ArrayRef<int64_t>(kept) && out != ArrayRef<int64_t>(dropped))
    return op->emitOpError()
           << "result shape must be " << bracketed<int64_t>(kept) << " or "
           << bracketed<int64_t>(dropped) << ", but is " << bracketed(out)
           << " [" << label(prefix, 2) << "]";
  return success();
}

LogicalResult mlir::qat::verifyReshapeShapes(Operation *op, StringRef prefix) {
  auto in = cast<RankedTensorType>(op->getOperand(0).getType());
  auto out = cast<RankedTensorType>(op->getResult(0).getType());
  if (in.getNumElements() == out.getNumElements())
    return success();
  return op->emitOpError() << "result must have as many elements as the input ("
                           << in.getNumElements() << "), but has "
                           << out.getNumElements() << " [" << label(prefix, 1)
                           << "]";
}

LogicalResult mlir::qat::verifyTransposeShapes(Operation *op,
                                               ArrayRef<int64_t> perm,
                                               StringRef prefix) {
  ArrayRef<int64_t> in = shapeOf(op->getOperand(0));
  int64_t rank = in.size();
  SmallVector<bool> seen(rank, false);
  bool isPermutation = static_cast<int64_t>(perm.size()) == rank;
  for (int64_t d : perm) {
    if (!isPermutation || d < 0 || d >= rank || seen[d]) {
      isPermutation = false;
      break;
    }
    seen[d] = true;
  }
  if (!isPermutation)
    return op->emitOpError()
           << "permutation " << bracketed(perm) << " must order the input's "
           << rank << " dimensions [" << label(prefix, 1) << "]";
  SmallVector<int64_t> expected;
  for (int64_t d : perm)
    expected.push_back(in[d]);
  return verifyResultShape(op, expected, label(prefix, 2));
}

LogicalResult mlir::qat::verifySliceShapes(Operation *op,
                                           ArrayRef<int64_t> begin,
                                           ArrayRef<int64_t> strides,
                                           StringRef prefix) {
  ArrayRef<int64_t> in = shapeOf(op->getOperand(0));
  ArrayRef<int64_t> out = shapeOf(op->getResult(0));
  if (begin.size() != in.size() || strides.size() != in.size() ||
      out.size() != in.size())
    return op->emitOpError()
           << "begin, strides and the result must have the input's rank "
           << in.size() << " [" << label(prefix, 1) << "]";
  for (size_t d = 0; d < in.size(); ++d) {
    if (strides[d] == 0)
      return op->emitOpError() << "stride of dimension " << d
                               << " must not be 0 [" << label(prefix, 2) << "]";
    if (out[d] == 0)
      continue;
    int64_t last = begin[d] + (out[d] - 1) * strides[d];
    if (begin[d] < 0 || begin[d] >= in[d] || last < 0 || last >= in[d])
      return op->emitOpError()
             << "dimension " << d << " reads elements " << begin[d] << " to "
             << last << ", outside the input's " << in[d] << " ["
             << label(prefix, 3) << "]";
  }
  return success();
}

LogicalResult mlir::qat::verifyConcatShapes(Operation *op, ValueRange inputs,
                                            int64_t axis, StringRef prefix) {
  if (inputs.empty())
    return op->emitOpError()
           << "needs at least one input [" << label(prefix, 1) << "]";
  ArrayRef<int64_t> first = shapeOf(inputs.front());
  int64_t rank = first.size();
  if (axis < 0 || axis >= rank)
    return op->emitOpError() << "axis " << axis << " is out of range for rank "
                             << rank << " [" << label(prefix, 2) << "]";
  SmallVector<int64_t> expected(first.begin(), first.end());
  expected[axis] = 0;
  for (auto [index, input] : llvm::enumerate(inputs)) {
    ArrayRef<int64_t> shape = shapeOf(input);
    bool compatible = static_cast<int64_t>(shape.size()) == rank;
    for (int64_t d = 0; compatible && d < rank; ++d)
      compatible = d == axis || shape[d] == first[d];
    if (!compatible)
      return op->emitOpError()
             << "input " << index << " has shape " << bracketed(shape)
             << ", which differs from input 0 " << bracketed(first)
             << " outside axis " << axis << " [" << label(prefix, 3) << "]";
    expected[axis] += shape[axis];
  }
  return verifyResultShape(op, expected, label(prefix, 4));
}

LogicalResult mlir::qat::verifyPadShapes(Operation *op,
                                         ArrayRef<int64_t> padding,
                                         StringRef prefix) {
  ArrayRef<int64_t> in = shapeOf(op->getOperand(0));
  if (padding.size() != 2 * in.size() ||
      llvm::any_of(padding, [](int64_t p) { return !isSize(p); }))
    return op->emitOpError()
           << "padding must be " << 2 * in.size()
           << " non-negative values (before and after each "
              "dimension) of at most "
           << kMaxTensorElements << ", but is " << bracketed(padding) << " ["
           << label(prefix, 1) << "]";
  SmallVector<int64_t> expected;
  for (auto [d, size] : llvm::enumerate(in))
    expected.push_back(size + padding[2 * d] + padding[2 * d + 1]);
  return verifyResultShape(op, expected, label(prefix, 3));
}

LogicalResult mlir::qat::verifyBatchMatMulShapes(Operation *op, bool adjX,
                                                 bool adjY, StringRef rankLabel,
                                                 StringRef shapeLabel) {
  ArrayRef<int64_t> lhs = shapeOf(op->getOperand(0));
  ArrayRef<int64_t> rhs = shapeOf(op->getOperand(1));
  ArrayRef<int64_t> out = shapeOf(op->getResult(0));
  const size_t rank = lhs.size();
  if (rank < 2 || rank > 5 || rhs.size() != rank || out.size() != rank)
    return op->emitOpError() << "needs operands and result of one rank in "
                                "[2, 5], but has ranks "
                             << lhs.size() << ", " << rhs.size() << " and "
                             << out.size() << " [" << rankLabel << "]";
  SmallVector<int64_t> expected;
  for (size_t d = 0; d + 2 < rank; ++d) {
    if (lhs[d] != rhs[d] && lhs[d] != 1 && rhs[d] != 1)
      return op->emitOpError()
             << "batch dimension " << d << " is " << lhs[d] << " in lhs and "
             << rhs[d] << " in rhs; they must agree or one be 1 [" << shapeLabel
             << "]";
    expected.push_back(std::max(lhs[d], rhs[d]));
  }
  const int64_t m = adjX ? lhs[rank - 1] : lhs[rank - 2];
  const int64_t k = adjX ? lhs[rank - 2] : lhs[rank - 1];
  const int64_t rk = adjY ? rhs[rank - 1] : rhs[rank - 2];
  const int64_t n = adjY ? rhs[rank - 2] : rhs[rank - 1];
  if (rk != k)
    return op->emitOpError()
           << "lhs matrices are " << m << "x" << k << " and rhs matrices " << rk
           << "x" << n
           << " (after adj_x and adj_y); their inner dimensions must agree ["
           << shapeLabel << "]";
  expected.append({m, n});
  if (out != ArrayRef<int64_t>(expected))
    return op->emitOpError()
           << "result must be " << bracketed(ArrayRef<int64_t>(expected))
           << ", but is " << bracketed(out) << " [" << shapeLabel << "]";
  return success();
}
