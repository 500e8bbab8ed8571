// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QIntOps.cpp - qint dialect operations: verifiers ---------*- C++ -*-===//
//
// Verifiers of the qint ops. Shapes are checked by the layer verifiers shared
// with qat (qat/Dialect/Common); this file adds what the integer level adds:
// the requantization parameters (`quant_c*`) and op-specific ranges. Labels
// refer to docs/QIntSpec.md.
//
//===----------------------------------------------------------------------===//

#include "qat/Dialect/QInt/IR/QIntOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "qat/Dialect/Common/ShapeVerification.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::qint;
using mlir::qat::bracketed;

static constexpr int64_t kI8Min = -128, kI8Max = 127;
static constexpr int64_t kI16Min = -32768, kI16Max = 32767;
static constexpr int64_t kI32Min = std::numeric_limits<int32_t>::min();
static constexpr int64_t kI32Max = std::numeric_limits<int32_t>::max();

//===----------------------------------------------------------------------===//
// Requantization parameters (quant_c1 .. quant_c5)
//===----------------------------------------------------------------------===//

/// The element type of a tensor value.
static Type elementTypeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getElementType();
}

static bool isInt16(Value v) { return elementTypeOf(v).isInteger(16); }

/// The storage range of an activation type: int8, else int16.
static std::pair<int64_t, int64_t> storageRange(Value v) {
  if (isInt16(v))
    return {kI16Min, kI16Max};
  return {kI8Min, kI8Max};
}

/// quant_c1: an int8 zero point; int16 activations are symmetric (0).
static LogicalResult verifyZeroPoint(Operation *op, StringRef name, int64_t zp,
                                     Value of) {
  if (isInt16(of)) {
    if (zp == 0)
      return success();
    return op->emitOpError() << name << " of an int16 tensor must be 0 "
                             << "(int16 activations are symmetric), but is "
                             << zp << " [quant_c1]";
  }
  if (zp >= kI8Min && zp <= kI8Max)
    return success();
  return op->emitOpError() << name << " must be in [-128, 127] (int8), but is "
                           << zp << " [quant_c1]";
}

/// quant_c2 and quant_c3 for one multiplier/shift pair. A 64-bit accumulator
/// (int16 activations, int64 bias) takes shifts in [-31, 7], as TFLite's
/// 64-bit MultiplyByQuantizedMultiplier.
static LogicalResult verifyMultiplier(Operation *op, StringRef name,
                                      int64_t multiplier, int64_t shift,
                                      Rounding rounding,
                                      bool wideAccumulator = false) {
  // quant_c2
  if (multiplier < 0 || multiplier > kI32Max)
    return op->emitOpError() << name << " multiplier must be in [0, 2^31 - 1]"
                             << ", but is " << multiplier << " [quant_c2]";
  // quant_c3
  if (wideAccumulator) {
    if (shift < -31 || shift > 7)
      return op->emitOpError()
             << name << " shift must be in [-31, 7] with an int64 "
             << "accumulator, but is " << shift << " [quant_c3]";
    return success();
  }
  int64_t maxShift = rounding == Rounding::single_round ? 30 : 31;
  if (shift < -31 || shift > maxShift)
    return op->emitOpError() << name << " shift must be in [-31, " << maxShift
                             << "] with " << stringifyRounding(rounding)
                             << " rounding, but is " << shift << " [quant_c3]";
  return success();
}

/// The output stage of a requantizing kernel writing `output`: quant_c1 ..
/// quant_c5.
static LogicalResult
verifyOutputStage(Operation *op, Value output, int64_t outputZp,
                  ArrayRef<int32_t> multiplier, ArrayRef<int32_t> shift,
                  int64_t channels, int64_t actMin, int64_t actMax,
                  Rounding rounding, bool wideAccumulator = false) {
  if (failed(verifyZeroPoint(op, "output_zp", outputZp, output)))
    return failure();
  // quant_c4
  if (multiplier.size() != shift.size() ||
      (multiplier.size() != 1 &&
       static_cast<int64_t>(multiplier.size()) != channels))
    return op->emitOpError()
           << "multiplier and shift must both have 1 value (per tensor) or "
           << channels << " (per channel), but have " << multiplier.size()
           << " and " << shift.size() << " [quant_c4]";
  for (auto [m, s] : llvm::zip(multiplier, shift))
    if (failed(verifyMultiplier(op, "output", m, s, rounding, wideAccumulator)))
      return failure();
  // quant_c5
  auto [lo, hi] = storageRange(output);
  return mlir::qat::verifyActivationRange(op, actMin, actMax, lo, hi,
                                          "quant_c5");
}

/// quant_c6: a layer with int16 activations (input or output) takes int8
/// weights; its bias is int32 for an int8 input, int32 or int64 for an
/// int16 one. The output type may differ from the input's: the output stage
/// changes precision exactly.
static LogicalResult verifyPrecision(Operation *op, Value input, Value output,
                                     Value weights, Value bias) {
  if ((isInt16(input) || isInt16(output)) &&
      !elementTypeOf(weights).isInteger(8))
    return op->emitOpError()
           << "with int16 activations needs int8 weights, "
           << "but has " << elementTypeOf(weights) << " [quant_c6]";
  if (!isInt16(input) && bias && !elementTypeOf(bias).isInteger(32))
    return op->emitOpError()
           << "with int8 activations needs an i32 bias, "
           << "but has " << elementTypeOf(bias) << " [quant_c6]";
  return success();
}

static int64_t lastDim(Value value) { return mlir::qat::shapeOf(value).back(); }

LogicalResult mlir::qint::verifyRescaleBound(Operation *op, const Twine &what,
                                             int64_t bound, int64_t multiplier,
                                             int64_t shift, Rounding rounding,
                                             int64_t outputZp) {
  std::optional<int64_t> rescaled = qat::numerics::requantizedBound(
      bound, static_cast<int32_t>(multiplier), static_cast<int32_t>(shift),
      toNumerics(rounding));
  if (!rescaled) {
    InFlightDiagnostic diag = op->emitOpError()
                              << what << " can reach " << bound << ", and ";
    if (rounding == Rounding::double_round)
      diag << "shifted left by " << shift << " it leaves int32";
    else
      diag << "rescaled by multiplier " << multiplier << " and shift " << shift
           << " it leaves int32";
    return diag << " (its multiplier is too large for the values it "
                   "rescales) [quant_c7]";
  }
  if (*rescaled + std::abs(outputZp) > kI32Max)
    return op->emitOpError()
           << what << " can reach " << bound << "; rescaled (up to "
           << *rescaled << ") plus output_zp " << outputZp
           << " it leaves int32 [quant_c7]";
  return success();
}

/// The largest |x - zp| of an activation `of` (int8 or int16) with zero
/// point `zp`.
static int64_t centredBound(Value of, int64_t zp) {
  auto [lo, hi] = storageRange(of);
  return std::max(hi - zp, zp - lo);
}

//===----------------------------------------------------------------------===//
// Convolutions and fully connected
//===----------------------------------------------------------------------===//

template <typename ConvOp>
static LogicalResult verifyConv(ConvOp op, bool depthwise, StringRef prefix) {
  if (failed(mlir::qat::verifyConvShapes(
          op, op.getInput(), op.getFilter(), op.getBias(), op.getStrides(),
          op.getDilations(), op.getPad(), op.getPad(), depthwise, prefix)))
    return failure();
  if (failed(verifyPrecision(op, op.getInput(), op.getOutput(), op.getFilter(),
                             op.getBias())) ||
      failed(verifyZeroPoint(op, "input_zp", op.getInputZp(), op.getInput())))
    return failure();
  return verifyOutputStage(
      op, op.getOutput(), op.getOutputZp(), op.getMultiplier(), op.getShift(),
      lastDim(op.getOutput()), op.getActMin(), op.getActMax(), op.getRounding(),
      hasInt64Accumulator(op.getInput(), op.getBias()));
}

LogicalResult Conv2DOp::verify() {
  // qint_conv2d_c1, qint_conv2d_c2, qint_conv2d_c3, qint_conv2d_c4,
  // qint_conv2d_c5
  return verifyConv(*this, /*depthwise=*/false, "qint_conv2d");
}

LogicalResult DepthwiseConv2DOp::verify() {
  // qint_depthwise_conv2d_c1, qint_depthwise_conv2d_c2,
  // qint_depthwise_conv2d_c3, qint_depthwise_conv2d_c4,
  // qint_depthwise_conv2d_c5
  return verifyConv(*this, /*depthwise=*/true, "qint_depthwise_conv2d");
}

LogicalResult TransposeConv2DOp::verify() {
  // qint_transpose_conv2d_c1
  if (failed(mlir::qat::verifyRank(*this, getInput(), "input", 4, "NHWC",
                                   "qint_transpose_conv2d_c1")) ||
      failed(mlir::qat::verifyRank(*this, getFilter(), "filter", 4, "OHWI",
                                   "qint_transpose_conv2d_c1")) ||
      failed(mlir::qat::verifyRank(*this, getOutput(), "result", 4, "NHWC",
                                   "qint_transpose_conv2d_c1")))
    return failure();
  ArrayRef<int64_t> in = mlir::qat::shapeOf(getInput());
  ArrayRef<int64_t> w = mlir::qat::shapeOf(getFilter());
  ArrayRef<int64_t> out = mlir::qat::shapeOf(getOutput());
  // qint_transpose_conv2d_c2
  if (w[3] != in[3] || out[0] != in[0] || out[3] != w[0])
    return emitOpError() << "maps input " << bracketed(in) << " through filter "
                         << bracketed(w) << " (OHWI) to " << bracketed(out)
                         << "; the filter must read the input's channels and "
                            "the result keep the batch and have the filter's "
                            "output channels [qint_transpose_conv2d_c2]";
  // qint_transpose_conv2d_c3
  if (failed(mlir::qat::verifyBias(*this, getBias(), w[0],
                                   "qint_transpose_conv2d_c3")))
    return failure();
  ArrayRef<int64_t> strides = getStrides(), pad = getPad();
  // qint_transpose_conv2d_c4
  if (strides.size() != 2 || pad.size() != 2 || strides[0] < 1 ||
      strides[1] < 1)
    return emitOpError() << "strides must be 2 values of at least 1 and pad "
                            "2 values (top, left), but are "
                         << bracketed(strides) << " and " << bracketed(pad)
                         << " [qint_transpose_conv2d_c4]";
  for (int d = 0; d < 2; ++d) {
    int64_t reach = (in[1 + d] - 1) * strides[d] + 1;
    // qint_transpose_conv2d_c5
    if (pad[d] < 0 || pad[d] >= w[1 + d] || out[1 + d] < reach - pad[d])
      return emitOpError() << (d == 0 ? "height" : "width") << ": the input's "
                           << in[1 + d] << " positions at stride " << strides[d]
                           << " span " << reach << "; pad " << pad[d]
                           << " must be in [0, " << w[1 + d] - 1
                           << "] and the output (" << out[1 + d]
                           << ") at least the span less the pad, "
                           << reach - pad[d] << " [qint_transpose_conv2d_c5]";
  }
  if (failed(verifyPrecision(*this, getInput(), getOutput(), getFilter(),
                             getBias())) ||
      failed(verifyZeroPoint(*this, "input_zp", getInputZp(), getInput())))
    return failure();
  return verifyOutputStage(*this, getOutput(), getOutputZp(), getMultiplier(),
                           getShift(), out[3], getActMin(), getActMax(),
                           getRounding(),
                           hasInt64Accumulator(getInput(), getBias()));
}

LogicalResult FullyConnectedOp::verify() {
  // qint_fully_connected_c1, qint_fully_connected_c2, qint_fully_connected_c3,
  // qint_fully_connected_c4, qint_fully_connected_c5
  if (failed(mlir::qat::verifyFullyConnectedShapes(
          *this, getInput(), getWeights(), getBias(), "qint_fully_connected")))
    return failure();
  if (failed(verifyPrecision(*this, getInput(), getOutput(), getWeights(),
                             getBias())) ||
      failed(verifyZeroPoint(*this, "input_zp", getInputZp(), getInput())))
    return failure();
  return verifyOutputStage(*this, getOutput(), getOutputZp(), getMultiplier(),
                           getShift(), lastDim(getOutput()), getActMin(),
                           getActMax(), getRounding(),
                           hasInt64Accumulator(getInput(), getBias()));
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

/// quant_c6 for add and mul: operands and result share one activation type.
static LogicalResult verifyElementwisePrecision(Operation *op) {
  Type out = elementTypeOf(op->getResult(0));
  for (Value v : op->getOperands())
    if (elementTypeOf(v) != out)
      return op->emitOpError()
             << "reads " << elementTypeOf(v) << " and writes " << out
             << "; operands and result share one "
                "activation type [quant_c6]";
  return success();
}

/// qint.add and qint.sub: `prefix`_c1 .. _c3, quant_c1, quant_c5.
template <typename Op>
static LogicalResult verifyAddOrSub(Op op, StringRef prefix) {
  // _c1
  if (failed(mlir::qat::verifyChannelBroadcast(op, (prefix + "_c1").str())))
    return failure();
  if (failed(verifyElementwisePrecision(op)) ||
      failed(verifyZeroPoint(op, "lhs_zp", op.getLhsZp(), op.getLhs())) ||
      failed(verifyZeroPoint(op, "rhs_zp", op.getRhsZp(), op.getRhs())) ||
      failed(
          verifyZeroPoint(op, "output_zp", op.getOutputZp(), op.getOutput())))
    return failure();
  // _c2: (x - zp) << left_shift must fit in int32 for any int8 x
  // (any int16 x).
  int64_t maxLeftShift = isInt16(op.getLhs()) ? 15 : 22;
  if (op.getLeftShift() < 0 || op.getLeftShift() > maxLeftShift)
    return op.emitOpError()
           << "left_shift must be in [0, " << maxLeftShift
           << "] so that (x - zp) << left_shift fits in int32, "
              "but is "
           << op.getLeftShift() << " [" << prefix << "_c2]";
  struct Stage {
    StringRef name;
    int64_t multiplier, shift;
  } stages[] = {{"lhs", op.getLhsMultiplier(), op.getLhsShift()},
                {"rhs", op.getRhsMultiplier(), op.getRhsShift()},
                {"output", op.getOutputMultiplier(), op.getOutputShift()}};
  for (const Stage &stage : stages) {
    if (failed(verifyMultiplier(op, stage.name, stage.multiplier, stage.shift,
                                op.getRounding())))
      return failure();
    // _c3: TFLite's MultiplyByQuantizedMultiplierSmallerThanOneExp.
    if (stage.shift > 0)
      return op.emitOpError()
             << stage.name
             << "_shift must be <= 0 (a multiplier below one), "
                "but is "
             << stage.shift << " [" << prefix << "_c3]";
  }
  auto [lo, hi] = storageRange(op.getOutput());
  return mlir::qat::verifyActivationRange(op, op.getActMin(), op.getActMax(),
                                          lo, hi, "quant_c5");
}

LogicalResult AddOp::verify() {
  // qint_add_c1, qint_add_c2, qint_add_c3
  return verifyAddOrSub(*this, "qint_add");
}

LogicalResult SubOp::verify() {
  // qint_sub_c1, qint_sub_c2, qint_sub_c3
  return verifyAddOrSub(*this, "qint_sub");
}

LogicalResult MulOp::verify() {
  // qint_mul_c1
  if (failed(mlir::qat::verifyChannelBroadcast(*this, "qint_mul_c1")))
    return failure();
  if (failed(verifyElementwisePrecision(*this)) ||
      failed(verifyZeroPoint(*this, "lhs_zp", getLhsZp(), getLhs())) ||
      failed(verifyZeroPoint(*this, "rhs_zp", getRhsZp(), getRhs())) ||
      failed(verifyZeroPoint(*this, "output_zp", getOutputZp(), getOutput())) ||
      failed(verifyMultiplier(*this, "output", getOutputMultiplier(),
                              getOutputShift(), getRounding())))
    return failure();
  // quant_c7
  if (failed(verifyRescaleBound(*this, "the product of the centred operands",
                                centredBound(getLhs(), getLhsZp()) *
                                    centredBound(getRhs(), getRhsZp()),
                                getOutputMultiplier(), getOutputShift(),
                                getRounding(), getOutputZp())))
    return failure();
  auto [lo, hi] = storageRange(getOutput());
  return mlir::qat::verifyActivationRange(*this, getActMin(), getActMax(), lo,
                                          hi, "quant_c5");
}

LogicalResult LayerNormOp::verify() {
  namespace nx = mlir::qat::numerics;
  ArrayRef<int64_t> in = mlir::qat::shapeOf(getInput());
  const bool int16 = isInt16(getInput());
  const int64_t maxSize =
      int16 ? nx::kLayerNormMaxSize16 : nx::kLayerNormMaxSize;
  // qint_layer_norm_c1
  if (in.empty() || in.back() > maxSize)
    return emitOpError() << "normalizes a last dimension of 1 to " << maxSize
                         << (int16 ? " int16" : " int8")
                         << " values, but the input is " << bracketed(in)
                         << " [qint_layer_norm_c1]";
  for (Value v : {getGamma(), getBeta()})
    if (mlir::qat::shapeOf(v) != ArrayRef<int64_t>{in.back()})
      return emitOpError() << "gamma and beta must be [" << in.back()
                           << "] (the last dimension), but one is "
                           << bracketed(mlir::qat::shapeOf(v))
                           << " [qint_layer_norm_c1]";
  // qint_layer_norm_c2: the denominator below 2^62 (the centred values'
  // squares reach N^3 * 2^(2 bits - 2)).
  const int64_t n = in.back();
  const int64_t squares = n * n * n * (int64_t(1) << (int16 ? 30 : 14));
  if (getEpsilon() < 0 || getEpsilon() > (int64_t(1) << 62) - 1 - squares)
    return emitOpError() << "epsilon must be in [0, 2^62 - 1 - " << squares
                         << "], but is " << getEpsilon()
                         << " [qint_layer_norm_c2]";
  // qint_layer_norm_c3: beta's type, and t * gamma + beta within the
  // output stage's accumulator (|t| <= 2^F + 1, |gamma| <= 2^15).
  const unsigned betaBits = elementTypeOf(getBeta()).getIntOrFloatBitWidth();
  if (betaBits != (int16 ? 64u : 32u))
    return emitOpError() << "beta must be " << (int16 ? "i64" : "i32")
                         << " for " << (int16 ? "int16" : "int8")
                         << " values, but is i" << betaBits
                         << " [qint_layer_norm_c3]";
  const int64_t betaLimit = int64_t(1) << (int16 ? 46 : 30);
  int64_t largestBeta = betaLimit;
  DenseIntElementsAttr beta;
  if (matchPattern(getBeta(), m_Constant(&beta))) {
    largestBeta = 0;
    for (const APInt &b : beta.getValues<APInt>()) {
      if (std::abs(b.getSExtValue()) > betaLimit)
        return emitOpError() << "beta must be within 2^" << (int16 ? 46 : 30)
                             << " in magnitude, but holds " << b.getSExtValue()
                             << " [qint_layer_norm_c3]";
      largestBeta = std::max(largestBeta, std::abs(b.getSExtValue()));
    }
  }
  if (failed(verifyZeroPoint(*this, "output_zp", getOutputZp(), getOutput())) ||
      failed(verifyMultiplier(*this, "output", getOutputMultiplier(),
                              getOutputShift(), getRounding(), int16)))
    return failure();
  if (!int16) {
    // quant_c7: |t * gamma + beta| < 2^31.
    if (failed(verifyRescaleBound(*this, "t * gamma + beta", kI32Max,
                                  getOutputMultiplier(), getOutputShift(),
                                  getRounding(), getOutputZp())))
      return failure();
  } else {
    // quant_c7: the 64-bit rescale of the largest t * gamma + beta fits
    // int32.
    int64_t largestGamma = 1 << 15;
    DenseIntElementsAttr gamma;
    if (matchPattern(getGamma(), m_Constant(&gamma))) {
      largestGamma = 0;
      for (const APInt &g : gamma.getValues<APInt>())
        largestGamma = std::max(largestGamma, std::abs(g.getSExtValue()));
    }
    const double largest =
        static_cast<double>(((int64_t(1) << 30) + 1) * largestGamma) +
        static_cast<double>(largestBeta);
    if (std::ldexp(largest * static_cast<double>(getOutputMultiplier()),
                   static_cast<int>(getOutputShift()) - 31) +
            std::abs(getOutputZp()) + 1 >
        kI32Max)
      return emitOpError() << "t * gamma + beta can reach " << largest
                           << ", and rescaled it leaves int32 [quant_c7]";
  }
  auto [lo, hi] = storageRange(getOutput());
  return mlir::qat::verifyActivationRange(*this, getActMin(), getActMax(), lo,
                                          hi, "quant_c5");
}

mlir::qat::numerics::LayerNormParams LayerNormOp::getLayerNormParams() {
  namespace nx = mlir::qat::numerics;
  ArrayRef<int64_t> in = mlir::qat::shapeOf(getInput());
  nx::LayerNormParams p;
  p.size = in.empty() ? 0 : in.back();
  p.rows = p.size
               ? cast<RankedTensorType>(getInput().getType()).getNumElements() /
                     p.size
               : 0;
  p.epsilon = getEpsilon();
  p.output = {static_cast<int32_t>(getOutputMultiplier()),
              static_cast<int32_t>(getOutputShift())};
  p.outputZp = static_cast<int32_t>(getOutputZp());
  p.actMin = static_cast<int32_t>(getActMin());
  p.actMax = static_cast<int32_t>(getActMax());
  p.rounding = toNumerics(getRounding());
  p.int16 = isInt16(getInput());
  return p;
}

LogicalResult BatchMatMulOp::verify() {
  // qint_batch_matmul_c1, qint_batch_matmul_c2
  if (failed(mlir::qat::verifyBatchMatMulShapes(*this, getAdjX(), getAdjY(),
                                                "qint_batch_matmul_c1",
                                                "qint_batch_matmul_c2")))
    return failure();
  const int64_t k = getBatchMatMulParams().depth;
  // qint_batch_matmul_c3
  const Type element = elementTypeOf(getLhs());
  if (elementTypeOf(getRhs()) != element ||
      elementTypeOf(getOutput()) != element)
    return emitOpError() << "operands and output must have one element type "
                            "(i8 or i16), but have "
                         << element << ", " << elementTypeOf(getRhs())
                         << " and " << elementTypeOf(getOutput())
                         << " [qint_batch_matmul_c3]";
  const bool int16 = isInt16(getLhs());
  if (failed(verifyZeroPoint(*this, "lhs_zp", getLhsZp(), getLhs())) ||
      failed(verifyZeroPoint(*this, "rhs_zp", getRhsZp(), getRhs())) ||
      failed(verifyZeroPoint(*this, "output_zp", getOutputZp(), getOutput())) ||
      failed(verifyMultiplier(*this, "output", getOutputMultiplier(),
                              getOutputShift(), getRounding(), int16)))
    return failure();
  auto [lo, hi] = storageRange(getOutput());
  if (failed(mlir::qat::verifyActivationRange(*this, getActMin(), getActMax(),
                                              lo, hi, "quant_c5")))
    return failure();
  // qint_batch_matmul_c4: the accumulator (every product at its largest).
  const int64_t product =
      centredBound(getLhs(), getLhsZp()) * centredBound(getRhs(), getRhsZp());
  const int64_t limit = int16 ? (int64_t(1) << 47) - 1 : kI32Max;
  if (k > limit / product)
    return emitOpError() << "a sum of " << k << " products of up to " << product
                         << " can leave the "
                         << (int16 ? "int64 accumulator's 2^47 bound"
                                   : "int32 accumulator")
                         << " [qint_batch_matmul_c4]";
  // quant_c7
  if (!int16)
    return verifyRescaleBound(*this, "the accumulator", k * product,
                              getOutputMultiplier(), getOutputShift(),
                              getRounding(), getOutputZp());
  double rescaled = std::ldexp(static_cast<double>(k * product) *
                                   static_cast<double>(getOutputMultiplier()),
                               static_cast<int>(getOutputShift()) - 31);
  if (rescaled + std::abs(getOutputZp()) + 1 > kI32Max)
    return emitOpError() << "the accumulator can reach " << k * product
                         << ", and rescaled it leaves int32 [quant_c7]";
  return success();
}

mlir::qat::numerics::BatchMatMulParams BatchMatMulOp::getBatchMatMulParams() {
  namespace nx = mlir::qat::numerics;
  ArrayRef<int64_t> lhs = mlir::qat::shapeOf(getLhs());
  ArrayRef<int64_t> rhs = mlir::qat::shapeOf(getRhs());
  ArrayRef<int64_t> out = mlir::qat::shapeOf(getOutput());
  const size_t rank = out.size();
  nx::BatchMatMulParams p;
  p.rows = out[rank - 2];
  p.cols = out[rank - 1];
  p.depth = getAdjX() ? lhs[rank - 2] : lhs[rank - 1];
  p.adjX = getAdjX();
  p.adjY = getAdjY();
  p.int16 = isInt16(getLhs());
  p.lhsZp = static_cast<int32_t>(getLhsZp());
  p.rhsZp = static_cast<int32_t>(getRhsZp());
  p.outputZp = static_cast<int32_t>(getOutputZp());
  p.output = {static_cast<int32_t>(getOutputMultiplier()),
              static_cast<int32_t>(getOutputShift())};
  p.actMin = static_cast<int32_t>(getActMin());
  p.actMax = static_cast<int32_t>(getActMax());
  p.rounding = toNumerics(getRounding());
  nx::broadcastMatrices({lhs.begin(), lhs.end()}, {rhs.begin(), rhs.end()},
                        {out.begin(), out.end()}, p.lhsMatrix, p.rhsMatrix);
  return p;
}

LogicalResult RequantizeOp::verify() {
  // qint_requantize_c1
  ArrayRef<int64_t> in = mlir::qat::shapeOf(getInput());
  if (failed(mlir::qat::verifyResultShape(*this, in, "qint_requantize_c1")))
    return failure();
  // qint_requantize_c2
  int64_t channels = 1;
  if (std::optional<int64_t> axis = getAxis()) {
    if (*axis < 0 || *axis >= static_cast<int64_t>(in.size()))
      return emitOpError() << "axis " << *axis << " is out of range for rank "
                           << in.size() << " [qint_requantize_c2]";
    channels = in[*axis];
  }
  // quant_c1 for an activation input; an int32 input's zero point is any
  // int32.
  bool int32Input = elementTypeOf(getInput()).isInteger(32);
  if (!int32Input &&
      failed(verifyZeroPoint(*this, "input_zp", getInputZp(), getInput())))
    return failure();
  if (int32Input && (getInputZp() < kI32Min || getInputZp() > kI32Max))
    return emitOpError() << "input_zp of an i32 input must fit in int32, but "
                            "is "
                         << getInputZp() << " [quant_c1]";
  if (failed(verifyOutputStage(*this, getOutput(), getOutputZp(),
                               getMultiplier(), getShift(), channels,
                               getActMin(), getActMax(), getRounding())))
    return failure();
  // quant_c7 for an activation input; an int32 input's values are known
  // only where it is a constant (qint-check-accumulators) or at run time
  // (qat-run checks each element).
  if (int32Input)
    return success();
  for (auto [m, s] : llvm::zip(getMultiplier(), getShift()))
    if (failed(verifyRescaleBound(*this, "the centred input",
                                  centredBound(getInput(), getInputZp()), m, s,
                                  getRounding(), getOutputZp())))
      return failure();
  return success();
}

LogicalResult LeakyReluOp::verify() {
  // quant_c1
  if (failed(verifyZeroPoint(*this, "input_zp", getInputZp(), getInput())) ||
      failed(verifyZeroPoint(*this, "output_zp", getOutputZp(), getOutput())))
    return failure();
  // quant_c2, quant_c3, quant_c7 for each side of zero
  for (auto [name, m, s] :
       {std::make_tuple("identity", getIdentityMultiplier(),
                        getIdentityShift()),
        std::make_tuple("alpha", getAlphaMultiplier(), getAlphaShift())}) {
    if (failed(verifyMultiplier(*this, name, m, s, getRounding())) ||
        failed(verifyRescaleBound(*this, "the centred input",
                                  centredBound(getInput(), getInputZp()), m, s,
                                  getRounding(), getOutputZp())))
      return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling, mean, softmax
//===----------------------------------------------------------------------===//

template <typename PoolOp>
static LogicalResult verifyPool(PoolOp op) {
  // qint_pool_c1, qint_pool_c2, qint_pool_c3
  if (failed(mlir::qat::verifyPoolShapes(op, op.getInput(), op.getKernel(),
                                         op.getStrides(), op.getPad(),
                                         op.getPad(), "qint_pool")))
    return failure();
  auto [lo, hi] = storageRange(op.getOutput());
  return mlir::qat::verifyActivationRange(op, op.getActMin(), op.getActMax(),
                                          lo, hi, "quant_c5");
}

LogicalResult MaxPool2DOp::verify() { return verifyPool(*this); }

LogicalResult AvgPool2DOp::verify() {
  if (failed(verifyPool(*this)))
    return failure();
  // qint_pool_c4: the int32 sum of a window, plus half its count for the
  // rounded division.
  ArrayRef<int64_t> kernel = getKernel();
  const int64_t count = kernel[0] * kernel[1]; // each below 2^31
  auto [lo, hi] = storageRange(getInput());
  if (count > kI32Max || count * -lo + count / 2 > kI32Max)
    return emitOpError() << "sums windows of " << count << " inputs of up to "
                         << -lo << ", which can leave int32 [qint_pool_c4]";
  return success();
}

LogicalResult MeanOp::verify() {
  // qint_mean_c1, qint_mean_c2
  if (failed(mlir::qat::verifyMeanShapes(*this, "qint_mean")) ||
      failed(verifyZeroPoint(*this, "input_zp", getInputZp(), getInput())) ||
      failed(verifyZeroPoint(*this, "output_zp", getOutputZp(), getOutput())))
    return failure();
  if (failed(verifyMultiplier(*this, "mean", getMultiplier(), getShift(),
                              getRounding())))
    return failure();
  // qint_mean_c3: the int32 sum of a channel's centred inputs, plus half
  // the count the rounded division adds.
  ArrayRef<int64_t> in = mlir::qat::shapeOf(getInput());
  const int64_t count = in[1] * in[2];
  const int64_t sum = count * centredBound(getInput(), getInputZp());
  if (sum + count / 2 > kI32Max)
    return emitOpError() << "sums " << count << " centred inputs of up to "
                         << centredBound(getInput(), getInputZp())
                         << " per channel, which can leave int32 "
                            "[qint_mean_c3]";
  // quant_c7
  return verifyRescaleBound(*this, "the sum of a channel's centred inputs", sum,
                            getMultiplier(), getShift(), getRounding(),
                            getOutputZp());
}

LogicalResult SoftmaxOp::verify() {
  // qint_softmax_c1
  if (mlir::qat::shapeOf(getInput()).empty())
    return emitOpError() << "input must have rank >= 1 [qint_softmax_c1]";
  // qint_softmax_c4: a row's exponentials sum in int32: int8's in Q12.19
  // (each up to 2^19), int16's as int16 values (each up to 32767).
  const int64_t depth = mlir::qat::shapeOf(getInput()).back();
  const int64_t maxDepth = isInt16(getInput()) ? 65537 : 4095;
  if (depth > maxDepth)
    return emitOpError() << "rows of " << depth
                         << " elements: the sum of their exponentials can "
                            "leave int32 beyond "
                         << maxDepth << " [qint_softmax_c4]";
  // int16: the input rescale is a MultiplyByQuantizedMultiplier with a
  // signed shift, and there is no diff_min.
  if (isInt16(getInput())) {
    // qint_softmax_c3
    if (getDiffMin() != 0)
      return emitOpError() << "diff_min applies to int8 softmax and must be 0 "
                              "for int16, but is "
                           << getDiffMin() << " [qint_softmax_c3]";
    if (failed(verifyMultiplier(*this, "input", getInputMultiplier(),
                                getInputLeftShift(), getRounding())))
      return failure();
    // quant_c7: differences from the row maximum reach -65535.
    return verifyRescaleBound(*this, "a difference from the row maximum", 65535,
                              getInputMultiplier(), getInputLeftShift(),
                              getRounding(), 0);
  }
  // qint_softmax_c2
  if (getInputLeftShift() < 0 || getInputLeftShift() > 31)
    return emitOpError() << "input_left_shift must be in [0, 31], but is "
                         << getInputLeftShift() << " [qint_softmax_c2]";
  // qint_softmax_c3
  if (getDiffMin() > 0 || getDiffMin() < kI32Min)
    return emitOpError() << "diff_min must be a non-positive int32, but is "
                         << getDiffMin() << " [qint_softmax_c3]";
  if (failed(verifyMultiplier(*this, "input", getInputMultiplier(),
                              getInputLeftShift(), getRounding())))
    return failure();
  // quant_c7: only differences down to diff_min (and -255) are rescaled.
  return verifyRescaleBound(*this, "a difference from the row maximum",
                            std::min<int64_t>(255, -getDiffMin()),
                            getInputMultiplier(), getInputLeftShift(),
                            getRounding(), 0);
}

//===----------------------------------------------------------------------===//
// Recurrent
//===----------------------------------------------------------------------===//

/// The initial states of a recurrent op over `in` ([T, B, I] or [B, T, I]):
/// each [B, H] of the element type `types` names for it.
static LogicalResult verifyInitialState(Operation *op, ValueRange states,
                                        ArrayRef<int64_t> in, bool timeMajor,
                                        int64_t units, ArrayRef<Type> types,
                                        StringRef label) {
  const int64_t batches = timeMajor ? in[1] : in[0];
  for (auto [v, type] : llvm::zip(states, types)) {
    ArrayRef<int64_t> shape = mlir::qat::shapeOf(v);
    if (shape.size() != 2 || shape[0] != batches || shape[1] != units ||
        elementTypeOf(v) != type)
      return op->emitOpError() << "initial state must be [" << batches << ", "
                               << units << "] (batches, units) of " << type
                               << ", but one is " << bracketed(shape) << " of "
                               << elementTypeOf(v) << " [" << label << "]";
  }
  return success();
}

LogicalResult LstmOp::verify() {
  ArrayRef<int64_t> in = mlir::qat::shapeOf(getInput());
  ArrayRef<int64_t> wx = mlir::qat::shapeOf(getInputWeights());
  ArrayRef<int64_t> wh = mlir::qat::shapeOf(getRecurrentWeights());
  ArrayRef<int64_t> b = mlir::qat::shapeOf(getBias());
  ArrayRef<int64_t> out = mlir::qat::shapeOf(getOutput());
  // qint_lstm_c1
  if (in.size() != 3 || wx.size() != 3 || wh.size() != 3 || b.size() != 2 ||
      out.size() != 3)
    return emitOpError() << "needs an input and output of rank 3, weights of "
                            "rank 3 and a bias of rank 2 [qint_lstm_c1]";
  const int64_t units = wx[1];
  if (wx[0] != 4 || wh[0] != 4 || b[0] != 4)
    return emitOpError() << "weights and bias must stack 4 gates (input, "
                            "forget, cell, output) in their first dimension "
                            "[qint_lstm_c1]";
  if (wx[2] != in[2] || wh[1] != units || wh[2] != units || b[1] != units)
    return emitOpError() << "input_weights must be [4, H, " << in[2]
                         << "], recurrent_weights [4, H, H] and bias [4, H] "
                            "for one H, but are "
                         << bracketed(wx) << ", " << bracketed(wh) << " and "
                         << bracketed(b) << " [qint_lstm_c1]";
  if (out[0] != in[0] || out[1] != in[1] || out[2] != units)
    return emitOpError() << "output must be [" << in[0] << ", " << in[1] << ", "
                         << units << "], but is " << bracketed(out)
                         << " [qint_lstm_c1]";
  // qint_lstm_c2
  if (elementTypeOf(getInput()) != elementTypeOf(getOutput()))
    return emitOpError() << "input and output must have one element type, but "
                            "have "
                         << elementTypeOf(getInput()) << " and "
                         << elementTypeOf(getOutput()) << " [qint_lstm_c2]";
  const bool int16 = isInt16(getInput());
  if (!elementTypeOf(getBias()).isInteger(int16 ? 64 : 32))
    return emitOpError() << "with " << elementTypeOf(getInput())
                         << " activations needs an " << (int16 ? "i64" : "i32")
                         << " bias, but has " << elementTypeOf(getBias())
                         << " [qint_lstm_c2]";
  // quant_c1
  if (failed(verifyZeroPoint(*this, "input_zp", getInputZp(), getInput())) ||
      failed(verifyZeroPoint(*this, "output_zp", getOutputZp(), getOutput())))
    return failure();
  // qint_lstm_c3
  for (ArrayRef<int32_t> gates :
       {getInputMultiplier(), getInputShift(), getRecurrentMultiplier(),
        getRecurrentShift()})
    if (gates.size() != 4)
      return emitOpError() << "input_multiplier, input_shift, "
                              "recurrent_multiplier and recurrent_shift need "
                              "one value per gate (4), but one has "
                           << gates.size() << " [qint_lstm_c3]";
  // quant_c2, quant_c3: the gate stages rescale an int64 accumulator with
  // int16 activations.
  for (int g = 0; g < 4; ++g)
    if (failed(verifyMultiplier(*this, "input", getInputMultiplier()[g],
                                getInputShift()[g], getRounding(), int16)) ||
        failed(verifyMultiplier(*this, "recurrent", getRecurrentMultiplier()[g],
                                getRecurrentShift()[g], getRounding(), int16)))
      return failure();
  // qint_lstm_c4
  if (getCellScalePower() < -31 || getCellScalePower() > 2)
    return emitOpError() << "cell_scale_power must be in [-31, 2], but is "
                         << getCellScalePower() << " [qint_lstm_c4]";
  // qint_lstm_c5
  if (getCellClip() < 0 || getCellClip() > kI16Max)
    return emitOpError() << "cell_clip must be in [0, 32767], but is "
                         << getCellClip() << " [qint_lstm_c5]";
  // qint_lstm_c6
  if (!getInitialState().empty() && getInitialState().size() != 2)
    return emitOpError() << "initial state must be (hidden, cell), but has "
                         << getInitialState().size()
                         << " values [qint_lstm_c6]";
  Type i16 = IntegerType::get(getContext(), 16);
  if (failed(verifyInitialState(*this, getInitialState(), in, getTimeMajor(),
                                units, {elementTypeOf(getOutput()), i16},
                                "qint_lstm_c6")))
    return failure();
  // quant_c2, quant_c3, quant_c7: products of two int16 values (up to 2^30)
  // rescaled to the cell state and the output.
  const int64_t product = int64_t(1) << 30;
  struct Stage {
    const char *name;
    int64_t multiplier, shift, zp;
  };
  for (Stage st : {Stage{"forget", getForgetMultiplier(), getForgetShift(), 0},
                   Stage{"update", getUpdateMultiplier(), getUpdateShift(), 0},
                   Stage{"hidden", getHiddenMultiplier(), getHiddenShift(),
                         getOutputZp()}}) {
    if (failed(verifyMultiplier(*this, st.name, st.multiplier, st.shift,
                                getRounding())) ||
        failed(verifyRescaleBound(
            *this, Twine("the product rescaled by ") + st.name, product,
            st.multiplier, st.shift, getRounding(), st.zp)))
      return failure();
  }
  return success();
}

LogicalResult GruOp::verify() {
  ArrayRef<int64_t> in = mlir::qat::shapeOf(getInput());
  ArrayRef<int64_t> wx = mlir::qat::shapeOf(getInputWeights());
  ArrayRef<int64_t> wh = mlir::qat::shapeOf(getRecurrentWeights());
  ArrayRef<int64_t> bx = mlir::qat::shapeOf(getInputBias());
  ArrayRef<int64_t> bh = mlir::qat::shapeOf(getRecurrentBias());
  ArrayRef<int64_t> out = mlir::qat::shapeOf(getOutput());
  // qint_gru_c1
  if (in.size() != 3 || wx.size() != 3 || wh.size() != 3 || bx.size() != 2 ||
      bh.size() != 2 || out.size() != 3)
    return emitOpError() << "needs an input and output of rank 3, weights of "
                            "rank 3 and biases of rank 2 [qint_gru_c1]";
  const int64_t units = wx[1];
  if (wx[0] != 3 || wh[0] != 3 || bx[0] != 3 || bh[0] != 3 || wx[2] != in[2] ||
      wh[1] != units || wh[2] != units || bx[1] != units || bh[1] != units)
    return emitOpError() << "input_weights must be [3, H, " << in[2]
                         << "], recurrent_weights [3, H, H] and the biases "
                            "[3, H] (gates reset, update, new), but are "
                         << bracketed(wx) << ", " << bracketed(wh) << ", "
                         << bracketed(bx) << " and " << bracketed(bh)
                         << " [qint_gru_c1]";
  if (out[0] != in[0] || out[1] != in[1] || out[2] != units)
    return emitOpError() << "output must be [" << in[0] << ", " << in[1] << ", "
                         << units << "], but is " << bracketed(out)
                         << " [qint_gru_c1]";
  // quant_c1
  if (failed(verifyZeroPoint(*this, "input_zp", getInputZp(), getInput())) ||
      failed(verifyZeroPoint(*this, "output_zp", getOutputZp(), getOutput())))
    return failure();
  // qint_gru_c2
  for (ArrayRef<int32_t> gates :
       {getInputMultiplier(), getInputShift(), getRecurrentMultiplier(),
        getRecurrentShift()})
    if (gates.size() != 3)
      return emitOpError() << "input_multiplier, input_shift, "
                              "recurrent_multiplier and recurrent_shift need "
                              "one value per gate (3), but one has "
                           << gates.size() << " [qint_gru_c2]";
  // qint_gru_c3
  if (Value initial = getInitialState())
    if (failed(verifyInitialState(*this, initial, in, getTimeMajor(), units,
                                  {IntegerType::get(getContext(), 16)},
                                  "qint_gru_c3")))
      return failure();
  for (int g = 0; g < 3; ++g)
    if (failed(verifyMultiplier(*this, "input", getInputMultiplier()[g],
                                getInputShift()[g], getRounding())) ||
        failed(verifyMultiplier(*this, "recurrent", getRecurrentMultiplier()[g],
                                getRecurrentShift()[g], getRounding())))
      return failure();
  // quant_c2, quant_c3, quant_c7: the Q0.15 state (|s| <= 32768) to the
  // output.
  if (failed(verifyMultiplier(*this, "hidden", getHiddenMultiplier(),
                              getHiddenShift(), getRounding())))
    return failure();
  return verifyRescaleBound(*this, "the state rescaled by hidden", 32768,
                            getHiddenMultiplier(), getHiddenShift(),
                            getRounding(), getOutputZp());
}

mlir::qat::numerics::GruParams GruOp::getGruParams() {
  namespace nx = mlir::qat::numerics;
  ArrayRef<int64_t> in = mlir::qat::shapeOf(getInput());
  nx::GruParams p;
  p.timeMajor = getTimeMajor();
  p.timeSteps = p.timeMajor ? in[0] : in[1];
  p.batches = p.timeMajor ? in[1] : in[0];
  p.inputSize = in[2];
  p.hiddenSize = mlir::qat::shapeOf(getRecurrentWeights())[1];
  p.inputZp = static_cast<int32_t>(getInputZp());
  p.outputZp = static_cast<int32_t>(getOutputZp());
  for (int g = 0; g < 3; ++g) {
    p.input[g] = {getInputMultiplier()[g], getInputShift()[g]};
    p.recurrent[g] = {getRecurrentMultiplier()[g], getRecurrentShift()[g]};
  }
  p.hidden = {static_cast<int32_t>(getHiddenMultiplier()),
              static_cast<int32_t>(getHiddenShift())};
  p.rounding = toNumerics(getRounding());
  return p;
}

mlir::qat::numerics::LstmParams LstmOp::getLstmParams() {
  namespace nx = mlir::qat::numerics;
  ArrayRef<int64_t> in = mlir::qat::shapeOf(getInput());
  nx::LstmParams p;
  p.timeMajor = getTimeMajor();
  p.timeSteps = p.timeMajor ? in[0] : in[1];
  p.batches = p.timeMajor ? in[1] : in[0];
  p.inputSize = in[2];
  p.hiddenSize = mlir::qat::shapeOf(getRecurrentWeights())[1];
  p.int16 = isInt16(getInput());
  p.inputZp = static_cast<int32_t>(getInputZp());
  p.outputZp = static_cast<int32_t>(getOutputZp());
  for (int g = 0; g < 4; ++g) {
    p.input[g] = {getInputMultiplier()[g], getInputShift()[g]};
    p.recurrent[g] = {getRecurrentMultiplier()[g], getRecurrentShift()[g]};
  }
  auto pair = [](int64_t m, int64_t s) {
    return nx::QuantizedMultiplier{static_cast<int32_t>(m),
                                   static_cast<int32_t>(s)};
  };
  p.forget = pair(getForgetMultiplier(), getForgetShift());
  p.update = pair(getUpdateMultiplier(), getUpdateShift());
  p.hidden = pair(getHiddenMultiplier(), getHiddenShift());
  p.cellScalePower = static_cast<int32_t>(getCellScalePower());
  p.cellClip = static_cast<int32_t>(getCellClip());
  p.rounding = toNumerics(getRounding());
  return p;
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult PadOp::verify() {
  // qint_pad_c2
  auto [lo, hi] = storageRange(getInput());
  if (getValue() < lo || getValue() > hi)
    return emitOpError() << "value must be in [" << lo << ", " << hi
                         << "] (the element type), but is " << getValue()
                         << " [qint_pad_c2]";
  // qint_pad_c1, qint_pad_c3
  return mlir::qat::verifyPadShapes(*this, getPadding(), "qint_pad");
}

LogicalResult LookupOp::verify() {
  // qint_lookup_c1
  if (getTable().size() != 256)
    return emitOpError() << "table must hold 256 entries (one per int8 "
                            "input), but holds "
                         << getTable().size() << " [qint_lookup_c1]";
  return success();
}

LogicalResult ConcatOp::verify() {
  // qint_concat_c1, qint_concat_c2, qint_concat_c3, qint_concat_c4
  return mlir::qat::verifyConcatShapes(*this, getInputs(), getAxis(),
                                       "qint_concat");
}

LogicalResult TransposeOp::verify() {
  // qint_transpose_c1, qint_transpose_c2
  return mlir::qat::verifyTransposeShapes(*this, getPermutation(),
                                          "qint_transpose");
}

LogicalResult SliceOp::verify() {
  // qint_slice_c1, qint_slice_c2, qint_slice_c3
  return mlir::qat::verifySliceShapes(*this, getBegin(), getStrides(),
                                      "qint_slice");
}

LogicalResult ReshapeOp::verify() {
  // qint_reshape_c1
  return mlir::qat::verifyReshapeShapes(*this, "qint_reshape");
}

//===----------------------------------------------------------------------===//
// Graph boundary
//===----------------------------------------------------------------------===//

/// qint_quantize_c1 / qint_dequantize_c1 (shapes), _c2 (scale), quant_c1.
static LogicalResult verifyBoundary(Operation *op, double scale,
                                    int64_t zeroPoint, StringRef prefix) {
  if (failed(mlir::qat::verifyResultShape(
          op, mlir::qat::shapeOf(op->getOperand(0)), (prefix + "_c1").str())))
    return failure();
  if (!std::isfinite(scale) || !(scale > 0))
    return op->emitOpError() << "scale must be finite and positive, but is "
                             << scale << " [" << prefix << "_c2]";
  return verifyZeroPoint(op, "zero_point", zeroPoint,
                         isa<QuantizeOp>(op) ? op->getResult(0)
                                             : op->getOperand(0));
}

LogicalResult QuantizeOp::verify() {
  // qint_quantize_c1, qint_quantize_c2
  return verifyBoundary(*this, getScale().convertToDouble(), getZeroPoint(),
                        "qint_quantize");
}

LogicalResult DequantizeOp::verify() {
  // qint_dequantize_c1, qint_dequantize_c2
  return verifyBoundary(*this, getScale().convertToDouble(), getZeroPoint(),
                        "qint_dequantize");
}

//===----------------------------------------------------------------------===//
// Interfaces
//===----------------------------------------------------------------------===//

int64_t mlir::qint::storageBytes(Type type) {
  auto shaped = cast<ShapedType>(type);
  int64_t bits = shaped.getElementTypeBitWidth();
  if (bits == 4)
    return (shaped.getNumElements() + 1) / 2;
  return shaped.getNumElements() * ((bits + 7) / 8);
}

int64_t mlir::qint::constantOperandBytes(Operation *op) {
  int64_t bytes = 0;
  for (Value v : op->getOperands())
    if (matchPattern(v, m_Constant()))
      bytes += storageBytes(v.getType());
  return bytes;
}

int64_t mlir::qint::programConstantBytes(Operation *root) {
  int64_t bytes = 0;
  root->walk([&](Operation *op) {
    if (op->hasTrait<OpTrait::ConstantLike>() && op->getNumResults() == 1 &&
        isa<ShapedType>(op->getResult(0).getType()) &&
        isa<IntegerType>(
            cast<ShapedType>(op->getResult(0).getType()).getElementType()))
      bytes += storageBytes(op->getResult(0).getType());
    else if (auto kernel = dyn_cast<KernelOpInterface>(op))
      // Tables a kernel carries beyond its constant operands.
      bytes += kernel.getConstantBytes() - constantOperandBytes(op);
  });
  return bytes;
}

std::pair<int64_t, int64_t> mlir::qint::outputRangeOf(Operation *op) {
  auto lo = op->getAttrOfType<IntegerAttr>("act_min");
  auto hi = op->getAttrOfType<IntegerAttr>("act_max");
  if (lo && hi)
    return {lo.getInt(), hi.getInt()};
  return storageRange(op->getResult(0));
}

int64_t LookupOp::getConstantBytes() {
  return static_cast<int64_t>(getTable().size());
}

template <typename ConvOp>
static int64_t convMACs(ConvOp op, bool depthwise) {
  ArrayRef<int64_t> f = mlir::qat::shapeOf(op.getFilter());
  int64_t outputs = cast<ShapedType>(op.getOutput().getType()).getNumElements();
  return outputs * f[1] * f[2] * (depthwise ? 1 : f[3]);
}

int64_t Conv2DOp::getMACs() { return convMACs(*this, /*depthwise=*/false); }
int64_t DepthwiseConv2DOp::getMACs() {
  return convMACs(*this, /*depthwise=*/true);
}
int64_t BatchMatMulOp::getMACs() {
  return cast<RankedTensorType>(getOutput().getType()).getNumElements() *
         getBatchMatMulParams().depth;
}

int64_t FullyConnectedOp::getMACs() {
  return cast<ShapedType>(getOutput().getType()).getNumElements() *
         mlir::qat::shapeOf(getWeights())[1];
}

int64_t LstmOp::getMACs() {
  mlir::qat::numerics::LstmParams p = getLstmParams();
  return p.timeSteps * p.batches * 4 * p.hiddenSize *
         (p.inputSize + p.hiddenSize);
}

/// Its weights and bias, and the sigmoid table its gates read.
int64_t LstmOp::getConstantBytes() {
  return constantOperandBytes(*this) +
         static_cast<int64_t>(sizeof(mlir::qat::numerics::sigmoidInt16Table()));
}

int64_t GruOp::getMACs() {
  mlir::qat::numerics::GruParams p = getGruParams();
  return p.timeSteps * p.batches * 3 * p.hiddenSize *
         (p.inputSize + p.hiddenSize);
}

int64_t GruOp::getConstantBytes() {
  return constantOperandBytes(*this) +
         static_cast<int64_t>(sizeof(mlir::qat::numerics::sigmoidInt16Table()));
}

int64_t Conv2DOp::getOutputChannelAxis() { return 0; }
int64_t DepthwiseConv2DOp::getOutputChannelAxis() { return 3; }
int64_t FullyConnectedOp::getOutputChannelAxis() { return 0; }

template <typename ConvOp>
static SmallVector<int64_t, 2> filterWindow(ConvOp op) {
  ArrayRef<int64_t> f = mlir::qat::shapeOf(op.getFilter());
  return {f[1], f[2]};
}

SmallVector<int64_t, 2> Conv2DOp::getWindowKernel() {
  return filterWindow(*this);
}
SmallVector<int64_t, 2> DepthwiseConv2DOp::getWindowKernel() {
  return filterWindow(*this);
}
SmallVector<int64_t, 2> Conv2DOp::getWindowDilations() {
  return SmallVector<int64_t, 2>(getDilations());
}
SmallVector<int64_t, 2> DepthwiseConv2DOp::getWindowDilations() {
  return SmallVector<int64_t, 2>(getDilations());
}
SmallVector<int64_t, 2> MaxPool2DOp::getWindowKernel() {
  return SmallVector<int64_t, 2>(getKernel());
}
SmallVector<int64_t, 2> AvgPool2DOp::getWindowKernel() {
  return SmallVector<int64_t, 2>(getKernel());
}
SmallVector<int64_t, 2> MaxPool2DOp::getWindowDilations() { return {1, 1}; }
SmallVector<int64_t, 2> AvgPool2DOp::getWindowDilations() { return {1, 1}; }

#include "qat/Dialect/QInt/IR/QIntInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "qat/Dialect/QInt/IR/QIntOps.cpp.inc"
