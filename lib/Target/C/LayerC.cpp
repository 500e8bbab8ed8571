// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- LayerC.cpp - conv, depthwise and fully connected runtime calls -----===//
//
// The runtime's int8 layer kernels multiply raw int8 values: the input zero
// point is folded here into the bias (bias - input_zp * sum of weights), and
// the folded accumulator is proven to stay within int32. Weights are written
// in the blocked orders the kernels read (RuntimeLayout.h). Layers with an
// int16 input or output take qint's weight order and an int64 bias.
//
//===----------------------------------------------------------------------===//

#include "CSourceWriter.h"

#include "qat/Dialect/QInt/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::c_runtime;

namespace {
/// bias[o] - input_zp * sum(weights of o), checked to keep every partial
/// sum of the raw-input kernels within int32.
FailureOr<std::string> foldedBias(CSourceWriter &w, qint::LayerOpInterface op) {
  Value weights = op.getLayerWeights(), bias = op.getLayerBias();
  int64_t inputZp = op.getLayerInputZp();
  std::optional<SmallVector<int64_t>> all = intConstant(weights);
  if (!all)
    return op->emitError("the C backend needs constant weights (it folds the "
                         "input zero point into the bias)");
  std::optional<SmallVector<int64_t>> b;
  if (bias) {
    b = intConstant(bias);
    if (!b)
      return op->emitError("the C backend needs a constant bias");
  }
  // Output o's weights: a row of the [O, ...] tensor, or (depthwise) every
  // out_c-th element of [1, H, W, out_c].
  bool depthwise = op.getOutputChannelAxis() != 0;
  int64_t outputs = op.getNumOutputChannels();
  int64_t perOutput = numElements(weights) / outputs;
  SmallVector<int64_t> folded;
  for (int64_t o = 0; o < outputs; ++o) {
    int64_t sum = 0;
    for (int64_t k = 0; k < perOutput; ++k)
      sum += depthwise ? (*all)[k * outputs + o] : (*all)[o * perOutput + k];
    int64_t value = (b ? (*b)[o] : 0) - inputZp * sum;
    // |sum of raw products| <= perOutput * 128 * 128.
    int64_t bound = std::abs(value) + perOutput * 128 * 128;
    if (bound > INT32_MAX)
      return op->emitError() << "output channel " << o
                             << ": the C kernels' accumulator (folded bias "
                             << value << " plus up to " << perOutput
                             << " int8 products) could exceed int32";
    folded.push_back(value);
  }
  return w.array("int32_t", folded);
}

/// [rows, ...] weights in the runtime's blocked order. The block width
/// depends on the kernels the runtime is built with (QAT_RT_WEIGHT_BLOCK in
/// qat_rt.h), so where the two orders differ the source holds both and the
/// preprocessor keeps the one the runtime reads: one C file serves every
/// target, and each binary carries one copy. A wide layer's source also
/// holds its weights widened to int16, kept where QAT_RT_WIDE_WEIGHTS.
FailureOr<std::string> blockedWeights(CSourceWriter &w, Operation *op,
                                      Value weights) {
  std::optional<SmallVector<int64_t>> values = intConstant(weights);
  if (!values)
    return op->emitError("the C backend needs constant weights (it reorders "
                         "them for the kernels)");
  int64_t rows = shapeOf(weights).front(), k = numElements(weights) / rows;
  SmallVector<int64_t> vectors = blocked(*values, rows, k, kVectorBlock);
  SmallVector<int64_t> words = blocked(*values, rows, k, kWordBlock);
  if (isFourBit(weights))
    return w.arrayPerBlock(packFourBit(vectors), packFourBit(words));
  if (!w.hasWideWeights(op))
    return w.arrayPerBlock(vectors, words);
  return w.arrayPerBlockOrWide(vectors, words, wideBlocked(*values, rows, k));
}

/// A depthwise filter, blocked when the runtime's fast path takes it.
FailureOr<std::string> depthwiseWeights(CSourceWriter &w,
                                        qint::DepthwiseConv2DOp op) {
  ArrayRef<int64_t> in = shapeOf(op.getInput()), f = shapeOf(op.getFilter());
  int64_t taps = f[1] * f[2];
  if (isFourBit(op.getFilter())) {
    std::optional<SmallVector<int64_t>> values = intConstant(op.getFilter());
    if (!values)
      return op->emitError("the C backend needs constant 4-bit weights (it "
                           "packs them)");
    return w.array("int8_t", packFourBit(*values));
  }
  if (f[3] != in[3] || taps > kDepthwiseMaxTaps)
    return w.operand(op, op.getFilter());
  std::optional<SmallVector<int64_t>> values = intConstant(op.getFilter());
  if (!values)
    return op->emitError("the C backend needs constant weights (it reorders "
                         "them for the kernels)");
  return w.arrayPerBlock(blockedDepthwise(*values, taps, f[3], kVectorBlock),
                         blockedDepthwise(*values, taps, f[3], kWordBlock));
}

/// A windowed layer's qat_rt_conv_params.
template <typename ConvOp>
std::string convParams(CSourceWriter &w, ConvOp conv) {
  ArrayRef<int64_t> in = shapeOf(conv.getInput()),
                    o = shapeOf(conv.getOutput()),
                    f = shapeOf(conv.getFilter());
  ArrayRef<int64_t> pad = conv.getPad(), s = conv.getStrides(),
                    d = conv.getDilations();
  SmallVector<std::string> fields;
  for (int64_t v : {in[0], in[1], in[2], in[3], o[1], o[2], o[3], f[1], f[2],
                    s[0], s[1], d[0], d[1], pad[0], pad[2], conv.getInputZp()})
    fields.push_back(cLiteral(v));
  fields.push_back(w.outputStage(conv.getMultiplier(), conv.getShift(), o[3],
                                 conv.getOutputZp(), conv.getActMin(),
                                 conv.getActMax(), conv.getRounding()));
  return w.params("qat_rt_conv_params", fields);
}

std::string fullyConnectedParams(CSourceWriter &w, qint::FullyConnectedOp fc) {
  ArrayRef<int64_t> inShape = shapeOf(fc.getInput());
  int64_t outputs = shapeOf(fc.getWeights())[0];
  return w.params("qat_rt_fc_params",
                  {cLiteral(inShape[0]), cLiteral(inShape[1]),
                   cLiteral(outputs),
                   w.outputStage(fc.getMultiplier(), fc.getShift(), outputs,
                                 fc.getOutputZp(), fc.getActMin(),
                                 fc.getActMax(), fc.getRounding())});
}

bool isInt16Layer(qint::LayerOpInterface op) {
  return isInt16(op.getLayerInput()) || isInt16(op->getResult(0));
}

/// A layer with an int16 input or output: qint's weight order, the bias
/// widened to int64 (for fully connected, with the input zero point folded
/// in: its kernel reads raw inputs).
LogicalResult int16Layer(CSourceWriter &w, qint::LayerOpInterface op,
                         StringRef kernel, const std::string &params) {
  Value input = op.getLayerInput(), weights = op.getLayerWeights(),
        bias = op.getLayerBias();
  int64_t inputZp = op.getLayerInputZp();
  FailureOr<std::string> in = w.operand(op, input),
                         filter = w.operand(op, weights);
  std::optional<SmallVector<int64_t>> weightValues = intConstant(weights);
  if (failed(in) || failed(filter))
    return failure();
  if (!weightValues)
    return op->emitError("the C backend needs constant weights");
  int64_t outputs = op.getNumOutputChannels();
  SmallVector<int64_t> values(outputs, 0);
  if (bias) {
    std::optional<SmallVector<int64_t>> b = intConstant(bias);
    if (!b)
      return op->emitError("the C backend needs a constant bias");
    values = *b;
  }
  bool fold = isa<qint::FullyConnectedOp>(op) && inputZp != 0;
  if (fold) {
    int64_t perOutput = numElements(weights) / outputs;
    for (int64_t o = 0; o < outputs; ++o)
      for (int64_t k = 0; k < perOutput; ++k)
        values[o] -= inputZp * (*weightValues)[o * perOutput + k];
  }
  std::string biasArray =
      bias || fold ? w.array("int64_t", values) : std::string("0");
  std::string precision =
      std::string("(qat_rt_precision){") +
      (op.accumulatesInInt64() ? "QAT_RT_ACCUMULATOR_INT64"
                               : "QAT_RT_ACCUMULATOR_INT32") +
      ", " + (isInt16(input) ? "2" : "1") + ", " +
      (isInt16(op->getResult(0)) ? "2" : "1") + "}";
  w.call(op, kernel + "(" + params + ", " + precision + ", " + *in + ", " +
                 *filter + ", " + biasArray + ", " + w.result(op) + ")");
  return success();
}

LogicalResult conv2D(qint::Conv2DOp conv, CSourceWriter &w) {
  auto layer = cast<qint::LayerOpInterface>(conv.getOperation());
  if (isInt16Layer(layer))
    return int16Layer(w, layer, "qat_rt_conv2d_s16", convParams(w, conv));
  FailureOr<std::string> in = w.operand(conv, conv.getInput());
  FailureOr<std::string> bias = foldedBias(w, layer);
  if (failed(in) || failed(bias))
    return failure();
  FailureOr<std::string> filter = blockedWeights(w, conv, conv.getFilter());
  FailureOr<std::string> work = w.scratch(conv);
  if (failed(filter) || failed(work))
    return failure();
  std::string args = "(" + convParams(w, conv) + ", " + *in + ", " + *filter +
                     ", " + *bias + ", " + *work + ", " + w.result(conv) + ")";
  w.call(conv,
         (isFourBit(conv.getFilter()) ? "qat_rt_conv2d_s4" : "qat_rt_conv2d") +
             args,
         w.hasWideWeights(conv) ? "qat_rt_conv2d_wide" + args : "");
  return success();
}

LogicalResult depthwiseConv2D(qint::DepthwiseConv2DOp conv, CSourceWriter &w) {
  auto layer = cast<qint::LayerOpInterface>(conv.getOperation());
  if (isInt16Layer(layer))
    return int16Layer(w, layer, "qat_rt_depthwise_conv2d_s16",
                      convParams(w, conv));
  FailureOr<std::string> in = w.operand(conv, conv.getInput()),
                         filter = depthwiseWeights(w, conv);
  FailureOr<std::string> bias = foldedBias(w, layer);
  if (failed(in) || failed(filter) || failed(bias))
    return failure();
  FailureOr<std::string> work = w.scratch(conv);
  if (failed(work))
    return failure();
  // The s4 kernel reads its packed filter in place: no scratch.
  std::string args =
      convParams(w, conv) + ", " + *in + ", " + *filter + ", " + *bias;
  if (isFourBit(conv.getFilter()))
    w.call(conv,
           "qat_rt_depthwise_conv2d_s4(" + args + ", " + w.result(conv) + ")");
  else
    w.call(conv, "qat_rt_depthwise_conv2d(" + args + ", " + *work + ", " +
                     w.result(conv) + ")");
  return success();
}

LogicalResult fullyConnected(qint::FullyConnectedOp fc, CSourceWriter &w) {
  auto layer = cast<qint::LayerOpInterface>(fc.getOperation());
  if (isInt16Layer(layer))
    return int16Layer(w, layer, "qat_rt_fully_connected_s16",
                      fullyConnectedParams(w, fc));
  FailureOr<std::string> in = w.operand(fc, fc.getInput());
  FailureOr<std::string> bias = foldedBias(w, layer);
  if (failed(in) || failed(bias))
    return failure();
  FailureOr<std::string> weights = blockedWeights(w, fc, fc.getWeights());
  FailureOr<std::string> work = w.scratch(fc);
  if (failed(weights) || failed(work))
    return failure();
  std::string args = "(" + fullyConnectedParams(w, fc) + ", " + *in + ", " +
                     *weights + ", " + *bias + ", " + *work + ", " +
                     w.result(fc) + ")";
  w.call(fc,
         (isFourBit(fc.getWeights()) ? "qat_rt_fully_connected_s4"
                                     : "qat_rt_fully_connected") +
             args,
         w.hasWideWeights(fc) ? "qat_rt_fully_connected_wide" + args : "");
  return success();
}
} // namespace

DenseSet<Operation *> mlir::qat::chooseWideLayers(ArrayRef<Operation *> kernels,
                                                  int64_t budget) {
  struct Candidate {
    Operation *op;
    int64_t extraBytes, macsPerByte;
  };
  SmallVector<Candidate> candidates;
  for (Operation *op : kernels) {
    // The runtime has wide kernels for conv and fully connected only.
    if (!isa<qint::Conv2DOp, qint::FullyConnectedOp>(op))
      continue;
    auto layer = cast<qint::LayerOpInterface>(op);
    Value weights = layer.getLayerWeights();
    if (isFourBit(weights) || isInt16Layer(layer))
      continue; // the s4 and s16 kernels read their own orders
    int64_t rows = shapeOf(weights).front();
    int64_t extra = rows * roundUp4(numElements(weights) / rows);
    candidates.push_back({op, extra, numElements(op->getResult(0)) / rows});
  }
  llvm::stable_sort(candidates, [](const Candidate &a, const Candidate &b) {
    return a.macsPerByte > b.macsPerByte;
  });
  DenseSet<Operation *> wide;
  int64_t spent = 0;
  for (const Candidate &c : candidates)
    if (spent + c.extraBytes <= budget) {
      spent += c.extraBytes;
      wide.insert(c.op);
    }
  return wide;
}

void mlir::qat::registerLayerC(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachCKernel<qint::Conv2DOp, conv2D>(ctx);
    attachCKernel<qint::DepthwiseConv2DOp, depthwiseConv2D>(ctx);
    attachCKernel<qint::FullyConnectedOp, fullyConnected>(ctx);
  });
}
