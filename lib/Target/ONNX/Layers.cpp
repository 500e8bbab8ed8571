// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Layers.cpp - Conv, Gemm, MatMul, BatchNormalization, pools ---------===//
//
// ONNX lays out activations NCHW and filters OIHW; qat computes NHWC with
// OHWI filters (1HWC for depthwise) and [O, K] fully connected weights.
// Activations are held channels last from the graph input on, so only the
// constants move, once, at import.
//
//===----------------------------------------------------------------------===//

#include "Ops.h"

#include "qat/Dialect/QAT/IR/QATOps.h"

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::onnx_import;

namespace {
/// The spatial parameters of a Conv or pool, always as 2-D [h, w] (a 1-D
/// op has h = 1) and padding as [top, bottom, left, right].
struct Window {
  SmallVector<int64_t, 2> kernel, strides, dilations;
  SmallVector<int64_t, 4> pad;
};

/// Reads kernel_shape (or `kernel` when given), strides, dilations, pads and
/// auto_pad for an input with spatial extent `spatial` ([H, W] or [L]).
FailureOr<Window> readWindow(Importer &imp, const onnx::NodeProto &node,
                             ArrayRef<int64_t> spatial,
                             std::optional<ArrayRef<int64_t>> kernel) {
  size_t n = spatial.size();
  auto read = [&](StringRef name,
                  int64_t fill) -> FailureOr<SmallVector<int64_t>> {
    FailureOr<std::optional<SmallVector<int64_t>>> v = imp.intsAttr(node, name);
    if (failed(v))
      return failure();
    if (!*v)
      return SmallVector<int64_t>(name == "pads" ? 2 * n : n, fill);
    size_t expected = name == "pads" ? 2 * n : n;
    if ((*v)->size() != expected)
      return imp.error(node)
             << "attribute '" << name << "' has " << (*v)->size()
             << " values; expected " << expected;
    for (int64_t x : **v)
      if (x < (name == "pads" ? 0 : 1))
        return imp.error(node)
               << "attribute '" << name << "' has the value " << x;
    return **v;
  };
  FailureOr<SmallVector<int64_t>> k =
      kernel ? FailureOr<SmallVector<int64_t>>(SmallVector<int64_t>(*kernel))
             : read("kernel_shape", 0);
  if (failed(k))
    return failure();
  if (!kernel && !imp.attr(node, "kernel_shape"))
    return imp.error(node) << "attribute 'kernel_shape' is missing";
  FailureOr<SmallVector<int64_t>> s = read("strides", 1);
  FailureOr<SmallVector<int64_t>> d = read("dilations", 1);
  FailureOr<SmallVector<int64_t>> p = read("pads", 0);
  FailureOr<std::string> autoPad = imp.stringAttr(node, "auto_pad", "NOTSET");
  if (failed(s) || failed(d) || failed(p) || failed(autoPad))
    return failure();
  if (k->size() != n)
    return imp.error(node) << "the kernel has " << k->size()
                           << " dimensions; the input has " << n
                           << " spatial dimensions";

  if (*autoPad != "NOTSET") {
    if (imp.attr(node, "pads"))
      return imp.error(node) << "has both 'pads' and auto_pad " << *autoPad;
    for (size_t i = 0; i < n; ++i) {
      int64_t total = 0;
      if (*autoPad == "SAME_UPPER" || *autoPad == "SAME_LOWER") {
        int64_t out = (spatial[i] + (*s)[i] - 1) / (*s)[i];
        int64_t extent = ((*k)[i] - 1) * (*d)[i] + 1;
        total = std::max<int64_t>((out - 1) * (*s)[i] + extent - spatial[i], 0);
      } else if (*autoPad != "VALID") {
        return imp.error(node) << "auto_pad '" << *autoPad
                               << "' is not one of NOTSET, SAME_UPPER, "
                                  "SAME_LOWER, VALID";
      }
      int64_t small = total / 2, large = total - small;
      (*p)[i] = *autoPad == "SAME_LOWER" ? large : small;
      (*p)[i + n] = *autoPad == "SAME_LOWER" ? small : large;
    }
  }
  Window w;
  if (n == 1) {
    w.kernel = {1, (*k)[0]};
    w.strides = {1, (*s)[0]};
    w.dilations = {1, (*d)[0]};
    w.pad = {0, 0, (*p)[0], (*p)[1]};
  } else {
    w.kernel.assign(k->begin(), k->end());
    w.strides.assign(s->begin(), s->end());
    w.dilations.assign(d->begin(), d->end());
    w.pad = {(*p)[0], (*p)[2], (*p)[1], (*p)[3]};
  }
  return w;
}

/// The NHWC shape of the result of `w` over `input` (NHWC) with `channels`.
SmallVector<int64_t> windowOutput(ArrayRef<int64_t> input, const Window &w,
                                  int64_t channels) {
  SmallVector<int64_t> out = {input[0], 0, 0, channels};
  for (int i = 0; i < 2; ++i) {
    int64_t extent = (w.kernel[i] - 1) * w.dilations[i] + 1;
    int64_t padded = input[1 + i] + w.pad[2 * i] + w.pad[2 * i + 1];
    out[1 + i] = padded >= extent ? (padded - extent) / w.strides[i] + 1 : 0;
  }
  return out;
}

/// A channels-last activation input (an image, or 1-D signal).
FailureOr<const Imported *> imageInput(Importer &imp,
                                       const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);
  if (failed(x))
    return failure();
  if ((*x)->layout != Layout::ChannelsLast)
    return imp.error(node) << "input '" << node.input(0)
                           << "' must be an [N, C, H, W] or [N, C, L] "
                              "activation";
  return x;
}

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

/// The spatial extent of a channels-last activation as ONNX sees it.
SmallVector<int64_t> spatialOf(const Imported &x) {
  ArrayRef<int64_t> s = shapeOf(x.value);
  if (x.onnxRank == 3)
    return {s[2]};
  return {s[1], s[2]};
}

/// A per-channel vector constant (bias, batchnorm statistics) of `channels`
/// elements from a constant of shape [C], [1, C] or a scalar.
FailureOr<Value> channelVector(Importer &imp, const onnx::NodeProto &node,
                               int i, int64_t channels, StringRef what,
                               double scaleBy = 1.0) {
  FailureOr<const Imported *> in = imp.input(node, i);
  if (failed(in))
    return failure();
  if (!(*in)->isConstant())
    return imp.error(node) << what << " (input '" << node.input(i)
                           << "') must be a constant";
  const HostTensor &t = *(*in)->constant;
  int64_t n = t.numElements();
  if (n != channels && n != 1)
    return imp.error(node) << what << " has " << n << " elements; expected "
                           << channels;
  for (int64_t d : t.shape)
    if (d != 1 && d != channels)
      return imp.error(node) << what << " must hold one value per channel";
  if (!t.isFloat())
    return imp.error(node) << what << " must be float32";
  std::vector<double> values(channels);
  for (int64_t c = 0; c < channels; ++c)
    values[c] = t.values[n == 1 ? 0 : c] * scaleBy;
  if ((*in)->constantQuant) {
    if (n != channels || scaleBy != 1.0)
      return imp.error(node) << what
                             << " is quantized, so it cannot be "
                                "broadcast or scaled";
    Imported vec = Imported::ofConstant(
        makeHostTensor({channels}, std::move(values), t.dataType),
        (*in)->constantQuant);
    vec.constantQuant->axis.reset();
    if ((*in)->constantQuant->axis)
      vec.constantQuant->axis = 0;
    return imp.materialize(node, vec);
  }
  return imp.materialize(node, Imported::ofConstant(makeHostTensor(
                                   {channels}, std::move(values), t.dataType)));
}

/// The weights input of a layer: a constant, possibly fake-quantized.
FailureOr<const Imported *> weightsInput(Importer &imp,
                                         const onnx::NodeProto &node, int i) {
  FailureOr<const Imported *> w = imp.input(node, i);
  if (failed(w))
    return failure();
  if (!(*w)->isConstant() || !(*w)->constant->isFloat())
    return imp.error(node) << "weights '" << node.input(i)
                           << "' must be a float32 constant (an "
                              "initializer, possibly through "
                              "QuantizeLinear -> DequantizeLinear)";
  return w;
}
} // namespace

/// The rows [first, first + count) of constant `c` along ONNX axis 0, with
/// its per-axis quantization sliced alike.
static Imported rowsOf(const Imported &c, int64_t first, int64_t count) {
  const HostTensor &t = *c.constant;
  int64_t row = t.numElements() / t.shape[0];
  SmallVector<int64_t> shape(t.shape);
  shape[0] = count;
  std::vector<double> values(t.values.begin() + first * row,
                             t.values.begin() + (first + count) * row);
  std::optional<QuantParams> quant = c.constantQuant;
  if (quant && quant->axis == 0) {
    quant->scale.assign(quant->scale.begin() + first,
                        quant->scale.begin() + first + count);
    quant->zeroPoint.assign(quant->zeroPoint.begin() + first,
                            quant->zeroPoint.begin() + first + count);
  }
  return Imported::ofConstant(
      makeHostTensor(shape, std::move(values), t.dataType), quant);
}

/// A grouped convolution (1 < group < channels, as ResNeXt's): one
/// convolution per group, on its slice of the input channels with its
/// slice of the filters, concatenated. Each part takes the output's
/// quantization (qat-propagate-scales), which is exact: the fake-quant is
/// element-wise.
static LogicalResult groupedConv(Importer &imp, const onnx::NodeProto &node,
                                 const Imported &x, const Imported &w,
                                 ArrayRef<int64_t> oihw, int64_t group,
                                 const Window &win) {
  ArrayRef<int64_t> in = shapeOf(x.value);
  int64_t channels = in[3], outChannels = oihw[0];
  if (channels % group != 0 || outChannels % group != 0 ||
      oihw[1] != channels / group)
    return imp.error(node) << "group " << group << " does not divide the "
                           << channels << " input and " << outChannels
                           << " output channels into filters of " << oihw[1]
                           << " channels";
  if (w.constantQuant && w.constantQuant->axis && *w.constantQuant->axis != 0)
    return imp.error(node) << "the filter is quantized along axis "
                           << *w.constantQuant->axis
                           << "; qat's kernels take one scale per output";
  std::optional<Imported> bias;
  if (imp.hasInput(node, 2)) {
    FailureOr<const Imported *> bv = imp.input(node, 2);
    if (failed(bv))
      return failure();
    if (!(*bv)->isConstant() || !(*bv)->constant->isFloat() ||
        (*bv)->constant->numElements() != outChannels)
      return imp.error(node) << "the bias must be a float32 constant of "
                             << outChannels << " values";
    bias = **bv;
  }
  OpBuilder &b = imp.getBuilder();
  Location loc = imp.loc(node);
  int64_t inPart = channels / group, outPart = outChannels / group;
  SmallVector<int64_t> partShape(oihw);
  partShape[0] = outPart;
  SmallVector<Value> parts;
  for (int64_t g = 0; g < group; ++g) {
    Value slice =
        SliceOp::create(b, loc, f32Tensor(imp, {in[0], in[1], in[2], inPart}),
                        x.value, b.getDenseI64ArrayAttr({0, 0, 0, g * inPart}),
                        b.getDenseI64ArrayAttr({1, 1, 1, 1}));
    Value filter = imp.materialize(node, rowsOf(w, g * outPart, outPart),
                                   {0, 2, 3, 1}, ArrayRef<int64_t>(partShape));
    Value partBias;
    if (bias) {
      Imported rows = rowsOf(*bias, g * outPart, outPart);
      if (rows.constantQuant && rows.constantQuant->axis)
        rows.constantQuant->axis = 0;
      partBias = imp.materialize(node, rows);
    }
    RankedTensorType type = f32Tensor(imp, windowOutput(in, win, outPart));
    parts.push_back(Conv2DOp::create(
        b, loc, type, slice, filter, partBias, win.strides, win.dilations,
        b.getDenseI64ArrayAttr(win.pad), AutoPadAttr()));
  }
  SmallVector<int64_t> outShape = windowOutput(in, win, outChannels);
  Value out = ConcatOp::create(b, loc, f32Tensor(imp, outShape), parts, 3);
  imp.define(node, 0, Imported::ofValue(out, Layout::ChannelsLast, x.onnxRank));
  return success();
}

LogicalResult mlir::qat::onnx_import::importConv(Importer &imp,
                                                 const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imageInput(imp, node);

  if (failed(x))
    return failure();
  FailureOr<const Imported *> w = weightsInput(imp, node, 1);
  if (failed(x) || failed(w))
    return failure();
  const HostTensor &filter = *(*w)->constant;
  ArrayRef<int64_t> in = shapeOf((*x)->value);
  int64_t channels = in[3];
  if (static_cast<int64_t>(filter.shape.size()) != (*x)->onnxRank)
    return imp.error(node) << "the filter has rank " << filter.shape.size()
                           << "; the input has rank " << (*x)->onnxRank;
  FailureOr<Window> win = readWindow(
      imp, node, spatialOf(**x), ArrayRef<int64_t>(filter.shape).drop_front(2));
  FailureOr<int64_t> group = imp.intAttr(node, "group", 1);
  if (failed(win) || failed(group))
    return failure();
  if (auto *k = imp.attr(node, "kernel_shape")) {
    SmallVector<int64_t> expected(filter.shape.begin() + 2, filter.shape.end());
    if (!llvm::equal(k->ints(), expected))
      return imp.error(node) << "kernel_shape does not match the filter";
  }
  int64_t outChannels = filter.shape[0];
  // The filter as [O, I, KH, KW], a 1-D one with KH = 1.
  SmallVector<int64_t> oihw(filter.shape);
  if (oihw.size() == 3)
    oihw.insert(oihw.begin() + 2, 1);

  OpBuilder &b = imp.getBuilder();
  Location loc = imp.loc(node);
  if (*group > 1 && *group < channels)
    return groupedConv(imp, node, **x, **w, oihw, *group, *win);
  bool depthwise = *group != 1;
  if (depthwise && (*group != channels || oihw[1] != 1))
    return imp.error(node) << "group " << *group << " with " << channels
                           << " input channels is neither a convolution "
                              "(group 1) nor a depthwise convolution (group = "
                              "channels)";
  if (!depthwise && oihw[1] != channels)
    return imp.error(node) << "the filter reads " << oihw[1]
                           << " channels; the input has " << channels;
  if (depthwise && outChannels % channels != 0)
    return imp.error(node) << outChannels << " output channels are not a "
                           << "multiple of the " << channels
                           << " input channels";
  // OIHW -> OHWI, or [C*M, 1, KH, KW] -> 1HWC.
  SmallVector<int64_t> perm = depthwise ? SmallVector<int64_t>{1, 2, 3, 0}
                                        : SmallVector<int64_t>{0, 2, 3, 1};
  Value filterValue = imp.materialize(node, **w, perm, ArrayRef<int64_t>(oihw));
  Value bias;
  if (imp.hasInput(node, 2)) {
    FailureOr<Value> bv = channelVector(imp, node, 2, outChannels, "the bias");
    if (failed(bv))
      return failure();
    bias = *bv;
  }
  RankedTensorType type = f32Tensor(imp, windowOutput(in, *win, outChannels));
  Value out;
  if (depthwise)
    out = DepthwiseConv2DOp::create(
        b, loc, type, (*x)->value, filterValue, bias, win->strides,
        win->dilations, b.getDenseI64ArrayAttr(win->pad), AutoPadAttr());
  else
    out = Conv2DOp::create(b, loc, type, (*x)->value, filterValue, bias,
                           win->strides, win->dilations,
                           b.getDenseI64ArrayAttr(win->pad), AutoPadAttr());
  imp.define(node, 0,
             Imported::ofValue(out, Layout::ChannelsLast, (*x)->onnxRank));
  return success();
}

/// A fully connected layer on `x` with weights `w`, [O, K] when `transposed`
/// and [K, O] otherwise; `bias` may be null.
static LogicalResult fullyConnected(Importer &imp, const onnx::NodeProto &node,
                                    const Imported &x, const Imported &w,
                                    bool transposed, Value bias) {
  const HostTensor &t = *w.constant;
  if (t.shape.size() != 2)
    return imp.error(node) << "the weights must be 2-D, not of rank "
                           << t.shape.size();
  // A sequence [N, T, F] (or any rank) is multiplied at every position,
  // in ONNX's order: a channel-first tensor held channels last is put back
  // in that order first. An image is flattened first.
  Value input = x.value;
  if (x.layout == Layout::ChannelsLast && x.onnxRank == 3)
    input = imp.toBoundaryLayout(imp.loc(node), x);
  else if (x.layout != Layout::Plain)
    return imp.error(node) << "input '" << node.input(0)
                           << "' is an image; a fully connected layer takes "
                              "[N, K] or a sequence [N, T, K] (flatten the "
                              "image first)";
  SmallVector<int64_t> in(shapeOf(input));
  if (in.size() < 2)
    return imp.error(node) << "input '" << node.input(0)
                           << "' must have rank 2 or more ([N, K])";
  int64_t k = transposed ? t.shape[1] : t.shape[0];
  int64_t o = transposed ? t.shape[0] : t.shape[1];
  if (k != in.back())
    return imp.error(node) << "the weights take " << k
                           << " inputs; the input has " << in.back();
  Imported weights = w;
  if (!transposed || !x.flattenedCHW.empty()) {
    // [O, K] in qat's order: transposed, and with the columns of a
    // flattened image permuted from (c, h, w) to (h, w, c).
    auto moved = std::make_shared<HostTensor>(t);
    moved->shape = {o, k};
    std::vector<double> &v = moved->values;
    int64_t c = 1, h = 1, wd = k;
    if (!x.flattenedCHW.empty()) {
      c = x.flattenedCHW[0];
      h = x.flattenedCHW[1];
      wd = x.flattenedCHW[2];
    }
    for (int64_t row = 0; row < o; ++row)
      for (int64_t hi = 0; hi < h; ++hi)
        for (int64_t wi = 0; wi < wd; ++wi)
          for (int64_t ci = 0; ci < c; ++ci) {
            int64_t onnxCol = ci * h * wd + hi * wd + wi;
            int64_t qatCol = hi * wd * c + wi * c + ci;
            v[row * k + qatCol] = transposed ? t.values[row * k + onnxCol]
                                             : t.values[onnxCol * o + row];
          }
    weights.constant = moved;
    if (weights.constantQuant && weights.constantQuant->axis)
      weights.constantQuant->axis = transposed
                                        ? *weights.constantQuant->axis
                                        : 1 - *weights.constantQuant->axis;
    if (weights.constantQuant && weights.constantQuant->axis == 1)
      return imp.error(node) << "the weights are quantized per input "
                                "column; qat's kernels take one scale per "
                                "output";
  }
  OpBuilder &b = imp.getBuilder();
  Value wv = imp.materialize(node, weights);
  SmallVector<int64_t> outShape(in);
  outShape.back() = o;
  Value out = FullyConnectedOp::create(
      b, imp.loc(node), f32Tensor(imp, outShape), input, wv, bias);
  imp.define(node, 0, Imported::ofValue(out));
  return success();
}

/// MatMul of two activations (attention's products): qat.matmul, the
/// operands in ONNX's order and a lower rank padded with leading 1s, as
/// numpy broadcasts.
static LogicalResult activationProduct(Importer &imp,
                                       const onnx::NodeProto &node,
                                       const Imported &lhs,
                                       const Imported &rhs) {
  OpBuilder &b = imp.getBuilder();
  Location loc = imp.loc(node);
  auto onnxValue = [&](const Imported &v) {
    return v.layout == Layout::Plain ? v.value : imp.toBoundaryLayout(loc, v);
  };
  Value a = onnxValue(lhs), c = onnxValue(rhs);
  SmallVector<int64_t> as(shapeOf(a)), cs(shapeOf(c));
  if (as.size() < 2 || cs.size() < 2 || as.size() > 5 || cs.size() > 5)
    return imp.error(node) << "multiplies activations of ranks " << as.size()
                           << " and " << cs.size()
                           << "; qat multiplies two activations of ranks 2 "
                              "to 5";
  const size_t rank = std::max(as.size(), cs.size());
  auto padded = [&](Value v, SmallVector<int64_t> &shape) -> Value {
    if (shape.size() == rank)
      return v;
    shape.insert(shape.begin(), rank - shape.size(), 1);
    return ReshapeOp::create(b, loc, f32Tensor(imp, shape), v).getResult();
  };
  a = padded(a, as);
  c = padded(c, cs);
  SmallVector<int64_t> out;
  for (size_t d = 0; d + 2 < rank; ++d) {
    if (as[d] != cs[d] && as[d] != 1 && cs[d] != 1)
      return imp.error(node)
             << "batch dimension " << d << " is " << as[d] << " in '"
             << node.input(0) << "' and " << cs[d] << " in '" << node.input(1)
             << "'; they do not broadcast";
    out.push_back(std::max(as[d], cs[d]));
  }
  if (as[rank - 1] != cs[rank - 2])
    return imp.error(node) << "multiplies [" << as << "] by [" << cs
                           << "]: the inner dimensions differ";
  out.append({as[rank - 2], cs[rank - 1]});
  Value product =
      MatMulOp::create(b, loc, f32Tensor(imp, out), a, c, b.getBoolAttr(false),
                       b.getBoolAttr(false), b.getF64FloatAttr(1.0));
  imp.define(node, 0, Imported::ofValue(product));
  return success();
}

LogicalResult mlir::qat::onnx_import::importGemm(Importer &imp,
                                                 const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);

  if (failed(x))
    return failure();
  FailureOr<const Imported *> w = weightsInput(imp, node, 1);
  FailureOr<int64_t> transA = imp.intAttr(node, "transA", 0);
  FailureOr<int64_t> transB = imp.intAttr(node, "transB", 0);
  FailureOr<double> alpha = imp.floatAttr(node, "alpha", 1.0);
  FailureOr<double> beta = imp.floatAttr(node, "beta", 1.0);
  if (failed(x) || failed(w) || failed(transA) || failed(transB) ||
      failed(alpha) || failed(beta))
    return failure();
  Imported input = **x;
  if (*transA) {
    // A is [K, M]: the layer reads its transpose, [M, K].
    ArrayRef<int64_t> a = shapeOf(input.value);
    if (input.layout != Layout::Plain || a.size() != 2 ||
        !input.flattenedCHW.empty())
      return imp.error(node) << "transA = 1 needs a 2-D input that is not a "
                                "flattened image";
    OpBuilder &b = imp.getBuilder();
    input.value =
        TransposeOp::create(b, imp.loc(node), f32Tensor(imp, {a[1], a[0]}),
                            input.value, b.getDenseI64ArrayAttr({1, 0}));
  }
  Imported weights = **w;
  if (*alpha != 1.0) {
    // alpha * fake_quant(B; s) = fake_quant(alpha * B; alpha * s): the same
    // integer weights on a scaled grid.
    auto scaled = std::make_shared<HostTensor>(*weights.constant);
    for (double &v : scaled->values)
      v = static_cast<float>(v * *alpha);
    weights.constant = scaled;
    if (weights.constantQuant)
      for (double &s : weights.constantQuant->scale)
        s *= *alpha;
  }
  Value bias;
  if (imp.hasInput(node, 2)) {
    const HostTensor &t = *weights.constant;
    int64_t o = t.shape.size() == 2 ? t.shape[*transB ? 0 : 1] : 0;
    FailureOr<Value> bv = channelVector(imp, node, 2, o, "the bias C", *beta);
    if (failed(bv))
      return failure();
    bias = *bv;
  }
  return fullyConnected(imp, node, input, weights, *transB != 0, bias);
}

LogicalResult
mlir::qat::onnx_import::importMatMul(Importer &imp,
                                     const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);

  if (failed(x))
    return failure();
  FailureOr<const Imported *> rhs = imp.input(node, 1);
  if (failed(rhs))
    return failure();
  if ((*rhs)->isActivation())
    return activationProduct(imp, node, **x, **rhs);
  FailureOr<const Imported *> w = weightsInput(imp, node, 1);
  if (failed(w))
    return failure();
  return fullyConnected(imp, node, **x, **w, /*transposed=*/false, Value());
}

LogicalResult
mlir::qat::onnx_import::importBatchNormalization(Importer &imp,
                                                 const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);
  FailureOr<double> epsilon = imp.floatAttr(node, "epsilon", 1e-5);
  FailureOr<int64_t> training = imp.intAttr(node, "training_mode", 0);
  FailureOr<int64_t> spatial = imp.intAttr(node, "spatial", 1);
  if (failed(x) || failed(epsilon) || failed(training) || failed(spatial))
    return failure();
  if (*training || *spatial != 1)
    return imp.error(node) << "only inference-mode batch normalization "
                              "(training_mode = 0, spatial = 1) is supported";
  ArrayRef<int64_t> shape = shapeOf((*x)->value);
  if ((*x)->layout == Layout::Plain && shape.size() != 2)
    return imp.error(node) << "normalizes dimension 1 of a rank-"
                           << shape.size() << " tensor qat holds as it is";
  int64_t channels = shape.back();
  SmallVector<Value, 4> stats;
  const char *names[] = {"the scale", "the bias", "the mean", "the variance"};
  for (int i = 1; i <= 4; ++i) {
    FailureOr<Value> v = channelVector(imp, node, i, channels, names[i - 1]);
    if (failed(v))
      return failure();
    stats.push_back(*v);
  }
  Value out = BatchNormOp::create(imp.getBuilder(), imp.loc(node),
                                  (*x)->value.getType(), (*x)->value, stats[0],
                                  stats[1], stats[2], stats[3],
                                  imp.getBuilder().getF64FloatAttr(*epsilon));
  Imported result = **x;
  result.value = out;
  imp.define(node, 0, std::move(result));
  return success();
}

/// MaxPool and AveragePool.
static LogicalResult pool(Importer &imp, const onnx::NodeProto &node,
                          bool isMax) {
  FailureOr<const Imported *> x = imageInput(imp, node);
  if (failed(x))
    return failure();
  FailureOr<Window> win = readWindow(imp, node, spatialOf(**x), std::nullopt);
  FailureOr<int64_t> ceilMode = imp.intAttr(node, "ceil_mode", 0);
  FailureOr<int64_t> storage = imp.intAttr(node, "storage_order", 0);
  FailureOr<int64_t> includePad = imp.intAttr(node, "count_include_pad", 0);
  if (failed(win) || failed(ceilMode) || failed(storage) || failed(includePad))
    return failure();
  if (win->dilations[0] != 1 || win->dilations[1] != 1)
    return imp.error(node) << "dilated pooling is not supported";
  ArrayRef<int64_t> in = shapeOf((*x)->value);
  bool countPad = *includePad != 0;
  if (*ceilMode) {
    // Ceil mode adds a last, partial window where the floor-mode count
    // leaves input uncovered (unless it would start in the trailing
    // padding, as ONNX and PyTorch drop it): extra trailing padding, which
    // no max takes and no mean counts, gives the same windows.
    bool anyPad = llvm::any_of(win->pad, [](int64_t p) { return p != 0; });
    for (int i = 0; i < 2; ++i) {
      int64_t padded = in[1 + i] + win->pad[2 * i] + win->pad[2 * i + 1];
      int64_t k = win->kernel[i], s = win->strides[i];
      int64_t outCeil = (padded - k + s - 1) / s + 1;
      if ((outCeil - 1) * s >= in[1 + i] + win->pad[2 * i])
        --outCeil;
      int64_t extra = (outCeil - 1) * s + k - padded;
      if (extra <= 0)
        continue;
      // A mean that counts the stated padding counts none of the extra.
      if (!isMax && countPad && anyPad)
        return imp.error(node)
               << "ceil_mode = 1 with count_include_pad = 1 and padding "
                  "gives a last window whose divisor counts the stated "
                  "padding but not the overhang, which qat's average pool "
                  "does not compute; use ceil_mode = 0 or "
                  "count_include_pad = 0";
      win->pad[2 * i + 1] += extra;
    }
    // Without stated padding, counting it changes nothing.
    if (!anyPad)
      countPad = false;
  }
  SmallVector<int64_t> out = windowOutput(in, *win, in[3]);
  OpBuilder &b = imp.getBuilder();
  RankedTensorType type = f32Tensor(imp, out);
  Value v;
  if (isMax)
    v = MaxPool2DOp::create(b, imp.loc(node), type, (*x)->value, win->kernel,
                            win->strides, b.getDenseI64ArrayAttr(win->pad),
                            AutoPadAttr());
  else
    v = AvgPool2DOp::create(b, imp.loc(node), type, (*x)->value, win->kernel,
                            win->strides, b.getDenseI64ArrayAttr(win->pad),
                            AutoPadAttr(), countPad);
  imp.define(node, 0,
             Imported::ofValue(v, Layout::ChannelsLast, (*x)->onnxRank));
  return success();
}

LogicalResult
mlir::qat::onnx_import::importMaxPool(Importer &imp,
                                      const onnx::NodeProto &node) {
  return pool(imp, node, /*isMax=*/true);
}

LogicalResult
mlir::qat::onnx_import::importAveragePool(Importer &imp,
                                          const onnx::NodeProto &node) {
  return pool(imp, node, /*isMax=*/false);
}

LogicalResult
mlir::qat::onnx_import::importGlobalAveragePool(Importer &imp,
                                                const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imageInput(imp, node);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> in = shapeOf((*x)->value);
  Value v = MeanOp::create(imp.getBuilder(), imp.loc(node),
                           f32Tensor(imp, {in[0], 1, 1, in[3]}), (*x)->value);
  imp.define(node, 0,
             Imported::ofValue(v, Layout::ChannelsLast, (*x)->onnxRank));
  return success();
}

LogicalResult
mlir::qat::onnx_import::importGlobalMaxPool(Importer &imp,
                                            const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imageInput(imp, node);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> in = shapeOf((*x)->value);
  OpBuilder &b = imp.getBuilder();
  Value v = MaxPool2DOp::create(
      b, imp.loc(node), f32Tensor(imp, {in[0], 1, 1, in[3]}), (*x)->value,
      ArrayRef<int64_t>{in[1], in[2]}, ArrayRef<int64_t>{1, 1},
      DenseI64ArrayAttr(), AutoPadAttr());
  imp.define(node, 0,
             Imported::ofValue(v, Layout::ChannelsLast, (*x)->onnxRank));
  return success();
}

LogicalResult
mlir::qat::onnx_import::importReduceMean(Importer &imp,
                                         const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);
  FailureOr<int64_t> keep = imp.intAttr(node, "keepdims", 1);
  FailureOr<std::optional<SmallVector<int64_t>>> axesAttr =
      imp.intsAttr(node, "axes");
  if (failed(x) || failed(keep) || failed(axesAttr))
    return failure();
  SmallVector<int64_t> axes;
  if (*axesAttr) {
    axes = **axesAttr;
  } else if (imp.hasInput(node, 1)) {
    FailureOr<const HostTensor *> a = imp.constantInput(node, 1, "the axes");
    if (failed(a))
      return failure();
    FailureOr<SmallVector<int64_t>> values =
        imp.boundedIntegers(node, **a, "the axes");
    if (failed(values))
      return failure();
    axes = std::move(*values);
  }
  int64_t rank = (*x)->onnxShape().size();
  for (int64_t &a : axes) {
    FailureOr<int64_t> d = normalizeAxis(imp, node, a, rank);
    if (failed(d))
      return failure();
    a = *d;
  }
  llvm::sort(axes);
  if (axes == SmallVector<int64_t>{rank - 1}) {
    FailureOr<bool> fused = fuseLayerNormChain(imp, node, **x);
    if (failed(fused) || *fused)
      return fused;
  }
  OpBuilder &b = imp.getBuilder();
  // A sequence's mean over its positions: [N, T, C] (held as it is) over
  // axis 1, or [N, C, L] (held as [N, 1, L, C]) over axis 2, is the global
  // average pool of the positions as an image row.
  const bool sequence = (*x)->layout == Layout::Plain && rank == 3 &&
                        axes == SmallVector<int64_t>{1};
  const bool channelsFirst = (*x)->layout == Layout::ChannelsLast &&
                             (*x)->onnxRank == 3 &&
                             axes == SmallVector<int64_t>{2};
  if (sequence || channelsFirst) {
    ArrayRef<int64_t> in = shapeOf((*x)->value);
    Value image = (*x)->value;
    if (sequence)
      image = ReshapeOp::create(
          b, imp.loc(node), f32Tensor(imp, {in[0], 1, in[1], in[2]}), image);
    const int64_t n = in[0], c = in.back();
    if (!*keep) {
      imp.define(node, 0,
                 Imported::ofValue(MeanOp::create(
                     b, imp.loc(node), f32Tensor(imp, {n, c}), image)));
      return success();
    }
    Value pooled =
        MeanOp::create(b, imp.loc(node), f32Tensor(imp, {n, 1, 1, c}), image);
    if (channelsFirst) {
      imp.define(node, 0, Imported::ofValue(pooled, Layout::ChannelsLast, 3));
      return success();
    }
    imp.define(node, 0,
               Imported::ofValue(ReshapeOp::create(
                   b, imp.loc(node), f32Tensor(imp, {n, 1, c}), pooled)));
    return success();
  }
  if ((*x)->layout != Layout::ChannelsLast || (*x)->onnxRank != 4 ||
      axes != SmallVector<int64_t>{2, 3})
    return imp.error(node) << "only the mean over H and W (axes 2 and 3) of "
                              "an [N, C, H, W] tensor, or over the positions "
                              "of a sequence ([N, T, C] axis 1, [N, C, L] "
                              "axis 2), is supported";
  ArrayRef<int64_t> in = shapeOf((*x)->value);
  if (*keep) {
    Value v = MeanOp::create(b, imp.loc(node),
                             f32Tensor(imp, {in[0], 1, 1, in[3]}), (*x)->value);
    imp.define(node, 0, Imported::ofValue(v, Layout::ChannelsLast, 4));
  } else {
    Value v = MeanOp::create(b, imp.loc(node), f32Tensor(imp, {in[0], in[3]}),
                             (*x)->value);
    imp.define(node, 0, Imported::ofValue(v));
  }
  return success();
}
