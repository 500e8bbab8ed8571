// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- RuntimeLayout.cpp - what the C runtime expects of its data ---------===//

#include "RuntimeLayout.h"

#include "qat/Dialect/QInt/IR/QIntOps.h"

#include <algorithm>

using namespace mlir;

namespace mlir::qat::c_runtime {

/// Elements of a binary op's operand as the runtime indexes it: a rank-1
/// operand broadcasts over the output (qat-run's broadcastIndex), any other
/// has the output's size.
int64_t broadcastSize(Value operand, Value output) {
  return shapeOf(operand).size() == 1 ? numElements(operand)
                                      : numElements(output);
}

/// Working memory of the runtime's kernels, mirroring
/// qat_rt_conv2d_scratch_size and qat_rt_fully_connected_scratch_size
/// (runtime/src/conv.c): a 1x1 convolution over whole words reads its input
/// in place; others gather each receptive field, padded to whole words; a
/// fully connected layer pads input rows that are not whole words; a
/// depthwise convolution whose windows reach the padding reads a row of
/// input_zp. With 4-bit weights (the *_s4 kernels) a convolution or fully
/// connected layer also unpacks four rows of up to 64 columns, and a depthwise
/// convolution reads its packed filter in place.
int64_t scratchBytes(Operation *op) {
  // The kernels of int16 layers (input or output) need none.
  auto isInt16 = [](Value v) {
    return cast<ShapedType>(v.getType()).getElementType().isInteger(16);
  };
  if (op->getNumOperands() > 0 && op->getNumResults() > 0 &&
      (isInt16(op->getOperand(0)) || isInt16(op->getResult(0))))
    return 0;
  // Four rows of at most QAT_RT_S4_CHUNK (64) columns.
  auto unpackedFourBit = [](int64_t k4) {
    return 4 * std::min<int64_t>(k4, 64);
  };
  if (auto conv = dyn_cast<qint::Conv2DOp>(op)) {
    ArrayRef<int64_t> in = shapeOf(conv.getInput()),
                      out = shapeOf(conv.getOutput()),
                      filter = shapeOf(conv.getFilter());
    ArrayRef<int64_t> pad = conv.getPad(), strides = conv.getStrides();
    bool direct = filter[1] == 1 && filter[2] == 1 && pad[0] == 0 &&
                  pad[2] == 0 && in[3] % 4 == 0 &&
                  (out[1] - 1) * strides[0] < in[1] &&
                  (out[2] - 1) * strides[1] < in[2];
    int64_t k4 = roundUp4(filter[1] * filter[2] * filter[3]);
    return (direct ? 0 : k4) +
           (isFourBit(conv.getFilter()) ? unpackedFourBit(k4) : 0);
  }
  if (auto fc = dyn_cast<qint::FullyConnectedOp>(op)) {
    int64_t k = shapeOf(fc.getWeights())[1];
    return (k % 4 == 0 ? 0 : roundUp4(k)) +
           (isFourBit(fc.getWeights()) ? unpackedFourBit(roundUp4(k)) : 0);
  }
  if (auto dw = dyn_cast<qint::DepthwiseConv2DOp>(op)) {
    if (isFourBit(dw.getFilter()))
      return 0;
    // A row of input_zp when some window reaches into the padding.
    ArrayRef<int64_t> in = shapeOf(dw.getInput()),
                      out = shapeOf(dw.getOutput()),
                      filter = shapeOf(dw.getFilter());
    ArrayRef<int64_t> pad = dw.getPad(), s = dw.getStrides(),
                      d = dw.getDilations();
    bool pads =
        pad[0] > 0 || pad[2] > 0 ||
        (out[1] - 1) * s[0] + (filter[1] - 1) * d[0] - pad[0] >= in[1] ||
        (out[2] - 1) * s[1] + (filter[2] - 1) * d[1] - pad[2] >= in[2];
    return pads ? roundUp4(in[3]) : 0;
  }
  return 0;
}

/// The runtime's blocked depthwise order (runtime/include/qat_rt.h) of a
/// [1, H, W, C] filter: `block` channels at a time, tap by tap; then four
/// channels at a time; then the remaining channels one by one. The runtime
/// uses it when the channel multiplier is 1 and there are at most
/// kDepthwiseMaxTaps taps.
SmallVector<int64_t> blockedDepthwise(ArrayRef<int64_t> w, int64_t taps,
                                      int64_t channels, int64_t block) {
  SmallVector<int64_t> result;
  int64_t c = 0;
  for (int64_t width : {block, int64_t(4)})
    for (; c + width <= channels; c += width)
      for (int64_t t = 0; t < taps; ++t)
        for (int64_t j = 0; j < width; ++j)
          result.push_back(w[t * channels + c + j]);
  for (; c < channels; ++c)
    for (int64_t t = 0; t < taps; ++t)
      result.push_back(w[t * channels + c]);
  return result;
}

/// The runtime's blocked weight order (runtime/include/qat_rt.h): rows
/// padded to whole words; each group of four rows interleaved in blocks of
/// `block` columns (the last block as wide as what remains), so that one
/// block is four rows' `block` bytes in turn; then the remaining rows one
/// by one.
SmallVector<int64_t> blocked(ArrayRef<int64_t> w, int64_t rows, int64_t k,
                             int64_t block) {
  int64_t k4 = roundUp4(k), r = 0;
  auto at = [&](int64_t row, int64_t col) {
    return col < k ? w[row * k + col] : 0;
  };
  SmallVector<int64_t> result;
  result.reserve(rows * k4);
  for (; r + 3 < rows; r += 4)
    for (int64_t c = 0; c < k4; c += block) {
      int64_t width = std::min(block, k4 - c);
      for (int64_t j = 0; j < 4; ++j)
        for (int64_t b = 0; b < width; ++b)
          result.push_back(at(r + j, c + b));
    }
  for (; r < rows; ++r)
    for (int64_t c = 0; c < k4; ++c)
      result.push_back(at(r, c));
  return result;
}

/// The runtime's wide blocked order (runtime/include/qat_rt.h): the word
/// blocked order, each row's block of four weights w0..w3 as one int64
/// holding int16s w0, w2, w1, w3 from the low bits up.
SmallVector<int64_t> wideBlocked(ArrayRef<int64_t> w, int64_t rows, int64_t k) {
  SmallVector<int64_t> bytes = blocked(w, rows, k, kWordBlock), blocks;
  auto half = [](int64_t v, int bit) {
    return (static_cast<uint64_t>(v) & 0xFFFFu) << bit;
  };
  blocks.reserve(bytes.size() / 4);
  // Every block of four weights of one row is contiguous in the word order.
  for (size_t i = 0; i < bytes.size(); i += 4)
    blocks.push_back(
        static_cast<int64_t>(half(bytes[i], 0) | half(bytes[i + 2], 16) |
                             half(bytes[i + 1], 32) | half(bytes[i + 3], 48)));
  return blocks;
}

} // namespace mlir::qat::c_runtime
