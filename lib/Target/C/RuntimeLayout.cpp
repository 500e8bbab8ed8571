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

qat_rt_batch_matmul_params batchMatMulParams(qint::BatchMatMulOp op) {
  ArrayRef<int64_t> lhs = shapeOf(op.getLhs()), rhs = shapeOf(op.getRhs()),
                    out = shapeOf(op.getOutput());
  const int64_t rank = out.size(), batchDims = rank - 2;
  qat_rt_batch_matmul_params p{};
  // The batch dimensions right-aligned in three, 1 before them.
  int64_t lhsStride = 1, rhsStride = 1;
  for (int64_t d = 2; d >= 0; --d) {
    int64_t source = d - (3 - batchDims);
    p.batches[d] = source < 0 ? 1 : static_cast<int32_t>(out[source]);
    bool lhsBroadcast = source < 0 || lhs[source] == 1;
    bool rhsBroadcast = source < 0 || rhs[source] == 1;
    p.lhs_stride[d] = lhsBroadcast ? 0 : static_cast<int32_t>(lhsStride);
    p.rhs_stride[d] = rhsBroadcast ? 0 : static_cast<int32_t>(rhsStride);
    if (source >= 0) {
      lhsStride *= lhs[source];
      rhsStride *= rhs[source];
    }
  }
  p.rows = static_cast<int32_t>(out[rank - 2]);
  p.cols = static_cast<int32_t>(out[rank - 1]);
  p.depth = static_cast<int32_t>(op.getAdjX() ? lhs[rank - 2] : lhs[rank - 1]);
  p.adj_x = op.getAdjX();
  p.adj_y = op.getAdjY();
  p.lhs_zp = static_cast<int32_t>(op.getLhsZp());
  p.rhs_zp = static_cast<int32_t>(op.getRhsZp());
  p.output_zp = static_cast<int32_t>(op.getOutputZp());
  p.output_multiplier = static_cast<int32_t>(op.getOutputMultiplier());
  p.output_shift = static_cast<int32_t>(op.getOutputShift());
  p.act_min = static_cast<int32_t>(op.getActMin());
  p.act_max = static_cast<int32_t>(op.getActMax());
  p.rounding = op.getRounding() == qint::Rounding::single_round
                   ? QAT_RT_SINGLE_ROUNDING
                   : QAT_RT_DOUBLE_ROUNDING;
  return p;
}

qat_rt_conv_params convParams(Operation *op) {
  auto window = cast<qint::WindowOpInterface>(op);
  ArrayRef<int64_t> in = shapeOf(op->getOperand(0)),
                    out = shapeOf(op->getResult(0));
  SmallVector<int64_t, 2> kernel = window.getWindowKernel(),
                          dilations = window.getWindowDilations();
  ArrayRef<int64_t> strides = window.getWindowStrides(),
                    pad = window.getWindowPad();
  auto i32 = [](int64_t v) { return static_cast<int32_t>(v); };
  qat_rt_conv_params p{};
  p.batches = i32(in[0]);
  p.in_h = i32(in[1]);
  p.in_w = i32(in[2]);
  p.in_c = i32(in[3]);
  p.out_h = i32(out[1]);
  p.out_w = i32(out[2]);
  p.out_c = i32(out[3]);
  p.kernel_h = i32(kernel[0]);
  p.kernel_w = i32(kernel[1]);
  p.stride_h = i32(strides[0]);
  p.stride_w = i32(strides[1]);
  p.dilation_h = i32(dilations[0]);
  p.dilation_w = i32(dilations[1]);
  p.pad_top = i32(pad[0]);
  p.pad_left = i32(pad[2]);
  if (auto layer = dyn_cast<qint::LayerOpInterface>(op))
    p.input_zp = i32(layer.getLayerInputZp());
  return p;
}

static bool isInt16(Value v) {
  return cast<ShapedType>(v.getType()).getElementType().isInteger(16);
}

/// An LSTM's sizes as the runtime's parameter block holds them.
static qat_rt_lstm_params lstmSizes(qint::LstmOp lstm) {
  numerics::LstmParams n = lstm.getLstmParams();
  qat_rt_lstm_params p{};
  p.time_steps = static_cast<int32_t>(n.timeSteps);
  p.batches = static_cast<int32_t>(n.batches);
  p.input_size = static_cast<int32_t>(n.inputSize);
  p.hidden_size = static_cast<int32_t>(n.hiddenSize);
  return p;
}

/// A GRU's sizes as the runtime's parameter block holds them.
static qat_rt_gru_params gruSizes(qint::GruOp gru) {
  numerics::GruParams n = gru.getGruParams();
  qat_rt_gru_params p{};
  p.time_steps = static_cast<int32_t>(n.timeSteps);
  p.batches = static_cast<int32_t>(n.batches);
  p.input_size = static_cast<int32_t>(n.inputSize);
  p.hidden_size = static_cast<int32_t>(n.hiddenSize);
  return p;
}

int64_t stateBytes(Operation *op) {
  if (auto gru = dyn_cast<qint::GruOp>(op)) {
    qat_rt_gru_params p = gruSizes(gru);
    return qat_rt_gru_state(&p);
  }
  auto lstm = dyn_cast<qint::LstmOp>(op);
  if (!lstm)
    return 0;
  qat_rt_lstm_params p = lstmSizes(lstm);
  return isInt16(lstm.getInput()) ? qat_rt_lstm_s16_state(&p)
                                  : qat_rt_lstm_state(&p);
}

bool hasInitialState(Operation *op) {
  if (auto gru = dyn_cast<qint::GruOp>(op))
    return static_cast<bool>(gru.getInitialState());
  auto lstm = dyn_cast<qint::LstmOp>(op);
  return lstm && !lstm.getInitialState().empty();
}

int64_t stateRegionBytes(Operation *op) {
  int64_t bytes = stateBytes(op);
  return bytes == 0 ? 0 : (bytes + 3) / 4 * 4 + (hasInitialState(op) ? 4 : 0);
}

/// The runtime's own definition (runtime/include/qat_rt_scratch.h): the
/// kernel each op calls, with the parameters the C emitter gives it.
int64_t scratchBytes(Operation *op) {
  if (auto gru = dyn_cast<qint::GruOp>(op)) {
    qat_rt_gru_params p = gruSizes(gru);
    return qat_rt_gru_scratch(&p);
  }
  if (auto lstm = dyn_cast<qint::LstmOp>(op)) {
    qat_rt_lstm_params p = lstmSizes(lstm);
    return isInt16(lstm.getInput()) ? qat_rt_lstm_s16_scratch(&p)
                                    : qat_rt_lstm_scratch(&p);
  }
  if (auto bmm = dyn_cast<qint::BatchMatMulOp>(op)) {
    qat_rt_batch_matmul_params p = batchMatMulParams(bmm);
    return isInt16(bmm.getLhs()) ? qat_rt_batch_matmul_s16_scratch(&p)
                                 : qat_rt_batch_matmul_scratch(&p);
  }
  // The kernels of int16 layers (input or output) need none.
  if (op->getNumOperands() > 0 && op->getNumResults() > 0 &&
      (isInt16(op->getOperand(0)) || isInt16(op->getResult(0))))
    return 0;
  if (auto conv = dyn_cast<qint::Conv2DOp>(op)) {
    qat_rt_conv_params p = convParams(op);
    return isFourBit(conv.getFilter()) ? qat_rt_conv2d_s4_scratch(&p)
                                       : qat_rt_conv2d_scratch(&p);
  }
  if (auto dw = dyn_cast<qint::DepthwiseConv2DOp>(op)) {
    qat_rt_conv_params p = convParams(op);
    return isFourBit(dw.getFilter()) ? 0 : qat_rt_depthwise_conv2d_scratch(&p);
  }
  if (auto fc = dyn_cast<qint::FullyConnectedOp>(op)) {
    qat_rt_fc_params p{};
    p.batches = static_cast<int32_t>(shapeOf(fc.getInput())[0]);
    p.in_features = static_cast<int32_t>(shapeOf(fc.getWeights())[1]);
    p.out_features = static_cast<int32_t>(shapeOf(fc.getWeights())[0]);
    return isFourBit(fc.getWeights()) ? qat_rt_fully_connected_s4_scratch(&p)
                                      : qat_rt_fully_connected_scratch(&p);
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
