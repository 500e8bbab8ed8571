// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATOps.cpp - qat dialect operations: verifiers -----------*- C++ -*-===//
//
// Verifiers of the qat ops. Each check carries the label of the constraint it
// enforces in docs/Spec.md, in a comment and at the end of its message, so a
// user can look a diagnostic up and a test can be named after it.
//
//===----------------------------------------------------------------------===//

#include "qat/Dialect/QAT/IR/QATOps.h"

#include "qat/Dialect/Common/ShapeVerification.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::qat;

//===----------------------------------------------------------------------===//
// Window helpers
//===----------------------------------------------------------------------===//

static RankedTensorType tensorType(Value value) {
  return cast<RankedTensorType>(value.getType());
}

/// Padding as [top, bottom, left, right]: explicit `pad`, or what `auto_pad`
/// stands for, or none.
static SmallVector<int64_t, 4>
effectivePad(std::optional<ArrayRef<int64_t>> pad,
             std::optional<AutoPad> autoPad, ArrayRef<int64_t> inputHW,
             ArrayRef<int64_t> kernelHW, ArrayRef<int64_t> strides,
             ArrayRef<int64_t> dilations) {
  if (pad && pad->size() == 4)
    return SmallVector<int64_t, 4>(pad->begin(), pad->end());
  if (!autoPad || *autoPad == AutoPad::valid || strides.size() != 2 ||
      dilations.size() != 2 ||
      llvm::any_of(strides, [](int64_t s) { return s <= 0; }) ||
      llvm::any_of(dilations, [](int64_t d) { return d <= 0; }))
    return {0, 0, 0, 0};
  auto [top, bottom] =
      samePadding(inputHW[0], kernelHW[0], strides[0], dilations[0]);
  auto [left, right] =
      samePadding(inputHW[1], kernelHW[1], strides[1], dilations[1]);
  return {top, bottom, left, right};
}

//===----------------------------------------------------------------------===//
// FakeQuantOp
//===----------------------------------------------------------------------===//

RoundingMode FakeQuantOp::getEffectiveRounding() {
  if (std::optional<RoundingMode> mode = getRounding())
    return *mode;
  return isMinMaxForm() ? RoundingMode::half_up : RoundingMode::half_to_even;
}

bool FakeQuantOp::hasSameParams(FakeQuantOp other) {
  return getMinAttr() == other.getMinAttr() &&
         getMaxAttr() == other.getMaxAttr() &&
         getNumBitsOrDefault() == other.getNumBitsOrDefault() &&
         getNarrowRange().value_or(false) ==
             other.getNarrowRange().value_or(false) &&
         getScaleAttr() == other.getScaleAttr() &&
         getZeroPointAttr() == other.getZeroPointAttr() &&
         getQuantMin() == other.getQuantMin() &&
         getQuantMax() == other.getQuantMax() && getAxis() == other.getAxis() &&
         getEffectiveRounding() == other.getEffectiveRounding();
}

int64_t FakeQuantOp::getNumChannels() {
  if (isMinMaxForm())
    return static_cast<int64_t>(getMin()->size());
  return static_cast<int64_t>(getScale()->size());
}

ChannelQuantization FakeQuantOp::getChannelQuantization(int64_t c) {
  ChannelQuantization q;
  if (isMinMaxForm()) {
    numerics::NudgedRange r = numerics::nudge(
        static_cast<float>((*getMin())[c]), static_cast<float>((*getMax())[c]),
        getNumBitsOrDefault(), getNarrowRange().value_or(false));
    q.scale = r.scale;
    q.zeroPoint = static_cast<int64_t>(r.zeroPoint);
    q.qmin = static_cast<int64_t>(r.quantMin);
    q.qmax = static_cast<int64_t>(r.quantMax);
    q.nudged = r;
    return q;
  }
  q.scale = (*getScale())[c];
  q.zeroPoint = (*getZeroPoint())[c];
  q.qmin = *getQuantMin();
  q.qmax = *getQuantMax();
  return q;
}

std::pair<double, double> FakeQuantOp::getRealRange(int64_t c) {
  ChannelQuantization q = getChannelQuantization(c);
  if (q.nudged)
    return {q.nudged->min, q.nudged->max};
  return {q.scale * static_cast<double>(q.qmin - q.zeroPoint),
          q.scale * static_cast<double>(q.qmax - q.zeroPoint)};
}

LogicalResult FakeQuantOp::verify() {
  bool hasMinMax = getMin() || getMax();
  bool hasAffine = getScale() || getZeroPoint();
  // fake_quant_c1: exactly one form, complete.
  if (hasMinMax == hasAffine)
    return emitOpError() << "needs either min/max (TensorFlow form) or "
                            "scale/zero_point (affine form), "
                         << (hasMinMax ? "not both" : "but has neither")
                         << " [fake_quant_c1]";
  if (hasMinMax && (!getMin() || !getMax()))
    return emitOpError() << "TensorFlow form needs both min and max "
                            "[fake_quant_c1]";
  if (hasAffine &&
      (!getScale() || !getZeroPoint() || !getQuantMin() || !getQuantMax()))
    return emitOpError() << "affine form needs scale, zero_point, quant_min "
                            "and quant_max [fake_quant_c1]";
  // fake_quant_c2: no attribute of the other form.
  if (hasMinMax && (getQuantMin() || getQuantMax()))
    return emitOpError() << "quant_min/quant_max belong to the affine form; "
                            "the TensorFlow form uses num_bits and "
                            "narrow_range [fake_quant_c2]";
  if (hasAffine && (getNumBits() || getNarrowRange()))
    return emitOpError() << "num_bits/narrow_range belong to the TensorFlow "
                            "form; the affine form uses quant_min and "
                            "quant_max [fake_quant_c2]";

  RankedTensorType type = tensorType(getInput());
  // fake_quant_c3
  int64_t expectedSize = 1;
  if (std::optional<int64_t> axis = getAxis()) {
    if (*axis < 0 || *axis >= type.getRank())
      return emitOpError() << "axis " << *axis << " is out of range for rank "
                           << type.getRank() << " [fake_quant_c3]";
    expectedSize = type.getDimSize(*axis);
  }
  // fake_quant_c4
  auto checkSize = [&](StringRef name, size_t size) -> LogicalResult {
    if (static_cast<int64_t>(size) == expectedSize)
      return success();
    InFlightDiagnostic diag = emitOpError() << name << " must have "
                                            << expectedSize << " value(s) ";
    if (getAxis())
      diag << "(the size of dimension " << *getAxis() << ")";
    else
      diag << "(per tensor; set axis for per-axis parameters)";
    return diag << ", but has " << size << " [fake_quant_c4]";
  };

  if (hasMinMax) {
    ArrayRef<double> min = *getMin(), max = *getMax();
    if (failed(checkSize("min", min.size())) ||
        failed(checkSize("max", max.size())))
      return failure();
    // fake_quant_c5
    int64_t bits = getNumBitsOrDefault();
    if (bits < 2 || bits > 16)
      return emitOpError() << "num_bits must be in [2, 16], but is " << bits
                           << " [fake_quant_c5]";
    // fake_quant_c6: in float32, where the fake-quant computes.
    for (size_t i = 0; i < min.size(); ++i) {
      float lo = static_cast<float>(min[i]), hi = static_cast<float>(max[i]);
      float step = (hi - lo) / static_cast<float>((1 << bits) - 1);
      if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi) ||
          !std::isfinite(step) || !std::isfinite(1.0f / step))
        return emitOpError()
               << "needs min < max with a representable step in float32, "
                  "but channel "
               << i << " has min " << min[i] << " and max " << max[i]
               << " [fake_quant_c6]";
    }
    return success();
  }

  ArrayRef<double> scale = *getScale();
  ArrayRef<int64_t> zeroPoint = *getZeroPoint();
  if (failed(checkSize("scale", scale.size())) ||
      failed(checkSize("zero_point", zeroPoint.size())))
    return failure();
  // fake_quant_c7: in float32, where the fake-quant computes (1 / scale
  // included).
  for (size_t i = 0; i < scale.size(); ++i) {
    float f = static_cast<float>(scale[i]);
    if (!std::isfinite(f) || !(f > 0) || !std::isfinite(1.0f / f))
      return emitOpError() << "scale must be positive and finite in float32 "
                              "(and so must its reciprocal), but channel "
                           << i << " has scale " << scale[i]
                           << " [fake_quant_c7]";
  }
  // fake_quant_c8
  int64_t qmin = *getQuantMin(), qmax = *getQuantMax();
  if (qmin >= qmax || qmin < -32768 || qmax > 65535 || qmax - qmin > 65535)
    return emitOpError() << "needs quant_min < quant_max within a 16-bit "
                            "signed or unsigned range, but has ["
                         << qmin << ", " << qmax << "] [fake_quant_c8]";
  // fake_quant_c9
  for (size_t i = 0; i < zeroPoint.size(); ++i)
    if (zeroPoint[i] < qmin || zeroPoint[i] > qmax)
      return emitOpError() << "zero_point must lie in [quant_min, quant_max] "
                              "= ["
                           << qmin << ", " << qmax << "], but channel " << i
                           << " has " << zeroPoint[i] << " [fake_quant_c9]";
  return success();
}

//===----------------------------------------------------------------------===//
// Conv2DOp, DepthwiseConv2DOp
//===----------------------------------------------------------------------===//

template <typename ConvOp>
static SmallVector<int64_t, 4> convEffectivePad(ConvOp op) {
  ArrayRef<int64_t> in = tensorType(op.getInput()).getShape();
  ArrayRef<int64_t> filter = tensorType(op.getFilter()).getShape();
  if (in.size() != 4 || filter.size() != 4)
    return {0, 0, 0, 0};
  return effectivePad(op.getPad(), op.getAutoPad(), in.slice(1, 2),
                      filter.slice(1, 2), op.getStrides(), op.getDilations());
}

SmallVector<int64_t, 4> Conv2DOp::getEffectivePad() {
  return convEffectivePad(*this);
}

SmallVector<int64_t, 4> DepthwiseConv2DOp::getEffectivePad() {
  return convEffectivePad(*this);
}

LogicalResult Conv2DOp::verify() {
  // conv2d_c1, conv2d_c2, conv2d_c3, conv2d_c4, conv2d_c5; window_c3
  if (getPad() && getAutoPad())
    return emitOpError() << "takes either pad or auto_pad, not both "
                            "[window_c3]";
  return verifyConvShapes(*this, getInput(), getFilter(), getBias(),
                          getStrides(), getDilations(), getPad(),
                          getEffectivePad(), /*depthwise=*/false, "conv2d");
}

LogicalResult DepthwiseConv2DOp::verify() {
  // depthwise_conv2d_c1, depthwise_conv2d_c2, depthwise_conv2d_c3,
  // depthwise_conv2d_c4, depthwise_conv2d_c5; window_c3
  if (getPad() && getAutoPad())
    return emitOpError() << "takes either pad or auto_pad, not both "
                            "[window_c3]";
  return verifyConvShapes(
      *this, getInput(), getFilter(), getBias(), getStrides(), getDilations(),
      getPad(), getEffectivePad(), /*depthwise=*/true, "depthwise_conv2d");
}

//===----------------------------------------------------------------------===//
// FullyConnectedOp, BatchNormOp
//===----------------------------------------------------------------------===//

LogicalResult FullyConnectedOp::verify() {
  // fully_connected_c1, fully_connected_c2, fully_connected_c3,
  // fully_connected_c4, fully_connected_c5
  return verifyFullyConnectedShapes(*this, getInput(), getWeights(), getBias(),
                                    "fully_connected", /*batchDims=*/true);
}

LogicalResult BatchNormOp::verify() {
  RankedTensorType in = tensorType(getInput());
  // batch_norm_c1
  if (in.getRank() < 1)
    return emitOpError() << "input must have a channel dimension (rank >= 1) "
                            "[batch_norm_c1]";
  // batch_norm_c2
  int64_t channels = in.getShape().back();
  ArrayRef<int64_t> params = tensorType(getGamma()).getShape();
  if (params.size() != 1 || params[0] != channels)
    return emitOpError() << "gamma, beta, mean and variance must have shape ["
                         << channels << "] (the last input dimension), but "
                         << "have shape " << bracketed(params)
                         << " [batch_norm_c2]";
  // batch_norm_c3
  double epsilon = getEpsilon().convertToDouble();
  if (!std::isfinite(epsilon) || epsilon < 0)
    return emitOpError() << "epsilon must be finite and non-negative, but is "
                         << epsilon << " [batch_norm_c3]";
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

// add_c1, mul_c1
LogicalResult AddOp::verify() {
  return verifyChannelBroadcast(*this, "add_c1");
}

LogicalResult MulOp::verify() {
  return verifyChannelBroadcast(*this, "mul_c1");
}

LogicalResult ClampOp::verify() {
  double min = getMin().convertToDouble(), max = getMax().convertToDouble();
  // clamp_c1
  if (std::isnan(min) || std::isnan(max) || min > max)
    return emitOpError() << "needs min <= max, but has min " << min
                         << " and max " << max << " [clamp_c1]";
  return success();
}

LogicalResult PointwiseOp::verify() {
  PointwiseFunction f = getFunction();
  auto check = [&](std::optional<APFloat> value, StringRef name, bool wanted,
                   StringRef label) -> LogicalResult {
    if (wanted && !value)
      return emitOpError() << stringifyPointwiseFunction(f) << " needs '"
                           << name << "' [" << label << "]";
    if (!wanted && value)
      return emitOpError() << stringifyPointwiseFunction(f) << " takes no '"
                           << name << "' [" << label << "]";
    if (value && !value->isFinite())
      return emitOpError() << "'" << name << "' must be finite [" << label
                           << "]";
    return success();
  };
  bool hardSigmoid = f == PointwiseFunction::hard_sigmoid;
  // pointwise_c1, pointwise_c2
  if (failed(check(getAlpha(), "alpha",
                   hardSigmoid || f == PointwiseFunction::leaky_relu,
                   "pointwise_c1")) ||
      failed(check(getBeta(), "beta", hardSigmoid, "pointwise_c2")))
    return failure();
  return success();
}

LogicalResult SoftmaxOp::verify() {
  // softmax_c1
  if (tensorType(getInput()).getRank() < 1)
    return emitOpError() << "input must have rank >= 1 [softmax_c1]";
  // softmax_c2
  double beta = getBeta().convertToDouble();
  if (!std::isfinite(beta) || !(beta > 0))
    return emitOpError() << "beta must be finite and positive, but is " << beta
                         << " [softmax_c2]";
  return success();
}

//===----------------------------------------------------------------------===//
// Recurrent
//===----------------------------------------------------------------------===//

LogicalResult LayerNormOp::verify() {
  ArrayRef<int64_t> in = tensorType(getInput()).getShape();
  // layer_norm_c1
  if (in.empty())
    return emitOpError() << "needs an input of rank >= 1 [layer_norm_c1]";
  for (Value v : {getGamma(), getBeta()})
    if (tensorType(v).getShape() != ArrayRef<int64_t>{in.back()})
      return emitOpError() << "gamma and beta must be [" << in.back()
                           << "] (the last dimension), but one is "
                           << bracketed(tensorType(v).getShape())
                           << " [layer_norm_c1]";
  // layer_norm_c2
  double epsilon = getEpsilon().convertToDouble();
  if (!std::isfinite(epsilon) || epsilon < 0)
    return emitOpError() << "epsilon must be finite and non-negative, but is "
                         << epsilon << " [layer_norm_c2]";
  return success();
}

LogicalResult MatMulOp::verify() {
  // matmul_c1, matmul_c2
  if (failed(verifyBatchMatMulShapes(*this, getAdjX(), getAdjY(), "matmul_c1",
                                     "matmul_c2")))
    return failure();
  // matmul_c3
  double alpha = getAlpha().convertToDouble();
  if (!std::isfinite(alpha) || alpha <= 0)
    return emitOpError() << "alpha must be finite and positive, but is "
                         << alpha << " [matmul_c3]";
  return success();
}

/// The initial states of a recurrent op over `in` ([T, B, I] or [B, T, I]):
/// each [B, H].
static LogicalResult verifyInitialState(Operation *op, ValueRange states,
                                        ArrayRef<int64_t> in, bool timeMajor,
                                        int64_t units, StringRef names,
                                        StringRef label) {
  const int64_t batches = timeMajor ? in[1] : in[0];
  for (Value v : states) {
    ArrayRef<int64_t> shape = tensorType(v).getShape();
    if (shape.size() != 2 || shape[0] != batches || shape[1] != units)
      return op->emitOpError()
             << "initial " << names << " must be [" << batches << ", " << units
             << "] (batches, units), but one is " << bracketed(shape) << " ["
             << label << "]";
  }
  return success();
}

LogicalResult LstmOp::verify() {
  ArrayRef<int64_t> in = tensorType(getInput()).getShape();
  ArrayRef<int64_t> wx = tensorType(getInputWeights()).getShape();
  ArrayRef<int64_t> wh = tensorType(getRecurrentWeights()).getShape();
  ArrayRef<int64_t> b = tensorType(getBias()).getShape();
  ArrayRef<int64_t> out = tensorType(getOutput()).getShape();
  // lstm_c1
  if (in.size() != 3 || wx.size() != 3 || wh.size() != 3 || b.size() != 2 ||
      out.size() != 3)
    return emitOpError() << "needs an input and output of rank 3, weights of "
                            "rank 3 and a bias of rank 2 [lstm_c1]";
  // lstm_c2
  const int64_t units = wx[1];
  if (wx[0] != 4 || wh[0] != 4 || b[0] != 4 || wx[2] != in[2] ||
      wh[1] != units || wh[2] != units || b[1] != units)
    return emitOpError() << "input_weights must be [4, H, " << in[2]
                         << "], recurrent_weights [4, H, H] and bias [4, H] "
                            "(gates input, forget, cell, output), but are "
                         << bracketed(wx) << ", " << bracketed(wh) << " and "
                         << bracketed(b) << " [lstm_c2]";
  if (out[0] != in[0] || out[1] != in[1] || out[2] != units)
    return emitOpError() << "output must be [" << in[0] << ", " << in[1] << ", "
                         << units << "], but is " << bracketed(out)
                         << " [lstm_c2]";
  // lstm_c3
  if (getCellScalePower() < -31 || getCellScalePower() > 2)
    return emitOpError() << "cell_scale_power must be in [-31, 2], but is "
                         << getCellScalePower() << " [lstm_c3]";
  // lstm_c4
  double clip = getCellClip().convertToDouble();
  if (!std::isfinite(clip) || clip < 0)
    return emitOpError() << "cell_clip must be finite and non-negative, but is "
                         << clip << " [lstm_c4]";
  // lstm_c5
  if (!getInitialState().empty() && getInitialState().size() != 2)
    return emitOpError() << "initial state must be (hidden, cell), but has "
                         << getInitialState().size() << " values [lstm_c5]";
  return verifyInitialState(*this, getInitialState(), in, getTimeMajor(), units,
                            "hidden and cell states", "lstm_c5");
}

LogicalResult GruOp::verify() {
  ArrayRef<int64_t> in = tensorType(getInput()).getShape();
  ArrayRef<int64_t> wx = tensorType(getInputWeights()).getShape();
  ArrayRef<int64_t> wh = tensorType(getRecurrentWeights()).getShape();
  ArrayRef<int64_t> bx = tensorType(getInputBias()).getShape();
  ArrayRef<int64_t> bh = tensorType(getRecurrentBias()).getShape();
  ArrayRef<int64_t> out = tensorType(getOutput()).getShape();
  // gru_c1
  if (in.size() != 3 || wx.size() != 3 || wh.size() != 3 || bx.size() != 2 ||
      bh.size() != 2 || out.size() != 3)
    return emitOpError() << "needs an input and output of rank 3, weights of "
                            "rank 3 and biases of rank 2 [gru_c1]";
  // gru_c2
  const int64_t units = wx[1];
  if (wx[0] != 3 || wh[0] != 3 || bx[0] != 3 || bh[0] != 3 || wx[2] != in[2] ||
      wh[1] != units || wh[2] != units || bx[1] != units || bh[1] != units)
    return emitOpError() << "input_weights must be [3, H, " << in[2]
                         << "], recurrent_weights [3, H, H] and the biases "
                            "[3, H] (gates reset, update, new), but are "
                         << bracketed(wx) << ", " << bracketed(wh) << ", "
                         << bracketed(bx) << " and " << bracketed(bh)
                         << " [gru_c2]";
  if (out[0] != in[0] || out[1] != in[1] || out[2] != units)
    return emitOpError() << "output must be [" << in[0] << ", " << in[1] << ", "
                         << units << "], but is " << bracketed(out)
                         << " [gru_c2]";
  // gru_c3
  if (Value initial = getInitialState())
    return verifyInitialState(*this, initial, in, getTimeMajor(), units,
                              "state", "gru_c3");
  return success();
}

bool GruOp::isWeightsOperand(unsigned number) {
  return number == 1 || number == 2;
}

bool LstmOp::isWeightsOperand(unsigned number) {
  return number == 1 || number == 2;
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

template <typename PoolOp>
static SmallVector<int64_t, 4> poolEffectivePad(PoolOp op) {
  ArrayRef<int64_t> in = tensorType(op.getInput()).getShape();
  if (in.size() != 4 || op.getKernel().size() != 2)
    return {0, 0, 0, 0};
  SmallVector<int64_t, 2> dilations = {1, 1};
  return effectivePad(op.getPad(), op.getAutoPad(), in.slice(1, 2),
                      op.getKernel(), op.getStrides(), dilations);
}

SmallVector<int64_t, 4> MaxPool2DOp::getEffectivePad() {
  return poolEffectivePad(*this);
}

SmallVector<int64_t, 4> AvgPool2DOp::getEffectivePad() {
  return poolEffectivePad(*this);
}

/// pool_c1, pool_c2, pool_c3 and the window constraints.
template <typename PoolOp>
static LogicalResult verifyPool(PoolOp op) {
  // window_c3
  if (op.getPad() && op.getAutoPad())
    return op.emitOpError() << "takes either pad or auto_pad, not both "
                               "[window_c3]";
  return verifyPoolShapes(op, op.getInput(), op.getKernel(), op.getStrides(),
                          op.getPad(), op.getEffectivePad(), "pool");
}

LogicalResult MaxPool2DOp::verify() { return verifyPool(*this); }

LogicalResult AvgPool2DOp::verify() { return verifyPool(*this); }

LogicalResult MeanOp::verify() {
  // mean_c1, mean_c2
  return verifyMeanShapes(*this, "mean");
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  // reshape_c1
  return verifyReshapeShapes(*this, "reshape");
}

LogicalResult TransposeOp::verify() {
  // transpose_c1, transpose_c2
  return verifyTransposeShapes(*this, getPermutation(), "transpose");
}

LogicalResult SliceOp::verify() {
  // slice_c1, slice_c2, slice_c3
  return verifySliceShapes(*this, getBegin(), getStrides(), "slice");
}

LogicalResult ConcatOp::verify() {
  // concat_c1, concat_c2, concat_c3, concat_c4
  return verifyConcatShapes(*this, getInputs(), getAxis(), "concat");
}

LogicalResult PadOp::verify() {
  // pad_c2
  if (!std::isfinite(getValue().convertToDouble()))
    return emitOpError() << "value must be finite [pad_c2]";
  // pad_c1, pad_c3
  return verifyPadShapes(*this, getPadding(), "pad");
}

//===----------------------------------------------------------------------===//
// Interfaces
//===----------------------------------------------------------------------===//

int64_t Conv2DOp::getOutputChannelAxis() { return 0; }
int64_t DepthwiseConv2DOp::getOutputChannelAxis() { return 3; }
int64_t FullyConnectedOp::getOutputChannelAxis() { return 0; }

std::pair<double, double> ReluOp::getClampRange() {
  return {0.0, std::numeric_limits<double>::infinity()};
}
std::pair<double, double> Relu6Op::getClampRange() { return {0.0, 6.0}; }
std::pair<double, double> ClampOp::getClampRange() {
  return {getMin().convertToDouble(), getMax().convertToDouble()};
}

#include "qat/Dialect/QAT/IR/QATInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "qat/Dialect/QAT/IR/QATOps.cpp.inc"
