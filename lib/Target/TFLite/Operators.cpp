// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Operators.cpp - TFLite operators as qint kernels -------------------===//
//
// Each operator becomes the qint kernel that computes what TensorFlow Lite
// Micro's reference kernel computes: multipliers and shifts derived from the
// stored float32 scales in double, as TFLite Micro's Prepare functions do,
// the stored biases kept, padding and activation ranges resolved as TFLite
// resolves them.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "Activations.h"

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Arithmetic.h"
#include "qat/Numerics/Requantization.h"
#include "qat/Numerics/Softmax.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <cmath>

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::tflite_import;
namespace nx = mlir::qat::numerics;

/// TFLite's Padding enum.
enum PaddingKind : int8_t { kSame = 0, kValid = 1 };

/// TFLite's ComputePaddingHeightWidth for one dimension: the padding before
/// and after that makes `out` outputs; SAME puts the odd pixel after.
static std::pair<int64_t, int64_t> padding(int64_t in, int64_t filter,
                                           int64_t stride, int64_t dilation,
                                           int64_t out) {
  int64_t effective = (filter - 1) * dilation + 1;
  int64_t total = std::max<int64_t>((out - 1) * stride + effective - in, 0);
  return {total / 2, total - total / 2};
}

/// TFLite's ComputeOutSize.
static int64_t outputSize(int8_t kind, int64_t in, int64_t filter,
                          int64_t stride, int64_t dilation) {
  int64_t effective = (filter - 1) * dilation + 1;
  return kind == kSame ? (in + stride - 1) / stride
                       : (in + stride - effective) / stride;
}

/// Checks a window's options and output size; fills `pad` [top, bottom,
/// left, right].
static LogicalResult window(InFlightDiagnostic &&error, int8_t kind,
                            ArrayRef<int64_t> in, ArrayRef<int64_t> out,
                            int64_t fh, int64_t fw, int64_t sh, int64_t sw,
                            int64_t dh, int64_t dw,
                            SmallVectorImpl<int64_t> &pad) {
  if (kind != kSame && kind != kValid)
    return error << "has padding " << int(kind) << "; TFLite's are SAME (0) "
                 << "and VALID (1)";
  if (sh < 1 || sw < 1 || dh < 1 || dw < 1 || fh < 1 || fw < 1)
    return error << "has stride " << sh << "x" << sw << ", dilation " << dh
                 << "x" << dw << " and window " << fh << "x" << fw
                 << "; each must be at least 1";
  int64_t oh = outputSize(kind, in[1], fh, sh, dh);
  int64_t ow = outputSize(kind, in[2], fw, sw, dw);
  if (oh != out[1] || ow != out[2])
    return error << "has an output of " << out[1] << "x" << out[2]
                 << ", but its input " << in[1] << "x" << in[2]
                 << " and window give " << oh << "x" << ow;
  auto [top, bottom] = padding(in[1], fh, sh, dh, oh);
  auto [left, right] = padding(in[2], fw, sw, dw, ow);
  pad.assign({top, bottom, left, right});
  error.abandon();
  return success();
}

//===----------------------------------------------------------------------===//
// Weighted layers
//===----------------------------------------------------------------------===//

FailureOr<Value> Importer::weights(const OperatorInfo &op, unsigned i,
                                   int64_t channelDim) {
  const TensorInfo &w = input(op, i);
  if (!w.isConstant())
    return error(op) << "weights '" << w.name
                     << "' are not constant; qat compiles stored weights";
  if (w.type != kInt8 && w.type != kInt4)
    return error(op) << "weights '" << w.name << "' are "
                     << tensorTypeName(w.type)
                     << "; qat's layers take INT8 or INT4 weights";
  int64_t channels = w.shape[channelDim];
  if (w.scales.size() != 1 &&
      (static_cast<int64_t>(w.scales.size()) != channels ||
       w.quantizedDimension != channelDim))
    return error(op) << "weights '" << w.name << "' have " << w.scales.size()
                     << " scales along dimension " << w.quantizedDimension
                     << "; qat needs one, or one per "
                     << "output channel along dimension " << channelDim;
  for (auto [c, zp] : llvm::enumerate(w.zeroPoints))
    if (zp != 0)
      return error(op) << "weights '" << w.name << "' have zero point " << zp
                       << " (channel " << c
                       << "); TFLite's int8 weights are symmetric";
  FailureOr<SmallVector<int64_t>> values = constantInts(op, i, "weights");
  if (failed(values))
    return failure();
  SmallVector<int8_t> narrow(values->begin(), values->end());
  auto type = RankedTensorType::get(w.shape, builder.getI8Type());
  return arith::ConstantOp::create(
             builder, op.loc, type,
             DenseElementsAttr::get(type, ArrayRef<int8_t>(narrow)))
      .getResult();
}

FailureOr<Value> Importer::bias(const OperatorInfo &op, unsigned i,
                                int64_t channels, bool wide) {
  const TensorInfo &b = input(op, i);
  if (!b.isConstant())
    return error(op) << "bias '" << b.name << "' is not constant";
  if (b.type != kInt32 && !(wide && b.type == kInt64))
    return error(op) << "bias '" << b.name << "' is " << tensorTypeName(b.type)
                     << "; "
                     << (wide ? "INT16 layers take INT64 or INT32 biases"
                              : "INT8 layers take INT32 biases");
  if (b.numElements() != channels)
    return error(op) << "bias '" << b.name << "' has " << b.numElements()
                     << " values for " << channels << " output channels";
  FailureOr<SmallVector<int64_t>> values = constantInts(op, i, "bias");
  if (failed(values))
    return failure();
  auto type = RankedTensorType::get({channels}, b.type == kInt64
                                                    ? builder.getI64Type()
                                                    : builder.getI32Type());
  if (b.type == kInt64)
    return arith::ConstantOp::create(
               builder, op.loc, type,
               DenseElementsAttr::get(type, ArrayRef<int64_t>(*values)))
        .getResult();
  SmallVector<int32_t> narrow(values->begin(), values->end());
  return arith::ConstantOp::create(
             builder, op.loc, type,
             DenseElementsAttr::get(type, ArrayRef<int32_t>(narrow)))
      .getResult();
}

LogicalResult Importer::outputStage(const OperatorInfo &op,
                                    const TensorInfo &in,
                                    const TensorInfo &filter,
                                    const TensorInfo &out,
                                    SmallVectorImpl<int32_t> &multipliers,
                                    SmallVectorImpl<int32_t> &shifts) {
  for (auto [c, ws] : llvm::enumerate(filter.scales)) {
    double real = in.scales[0] * ws / out.scales[0];
    std::optional<nx::QuantizedMultiplier> m =
        nx::quantizeMultiplier(real, nx::Rounding::Double);
    if (!m)
      return error(op) << "requantization multiplier " << real << " of channel "
                       << c
                       << " (input scale x weight scale / output scale) is "
                          "out of range";
    multipliers.push_back(m->multiplier);
    shifts.push_back(m->shift);
  }
  return success();
}

LogicalResult Importer::importConvolution(const OperatorInfo &op) {
  bool depthwise = op.code == 4;
  if (failed(expectOperands(op, 2, 3)))
    return failure();
  const TensorInfo &x = input(op, 0), &w = input(op, 1), &out = output(op);
  FailureOr<Value> in = activation(op, 0);
  if (failed(in) || failed(checkActivation(op, out, "output")))
    return failure();
  if (x.shape.size() != 4 || w.shape.size() != 4 || out.shape.size() != 4)
    return error(op) << "needs 4-D input, filter and output (NHWC), not ["
                     << x.shape << "], [" << w.shape << "], [" << out.shape
                     << "]";
  if (x.type != out.type)
    return error(op) << "reads " << tensorTypeName(x.type) << " and writes "
                     << tensorTypeName(out.type) << "; both must be one type";
  int8_t paddingKind, activation;
  int64_t sh, sw, dh, dw;
  if (depthwise) {
    const auto *o = op.op->builtin_options_as_DepthwiseConv2DOptions();
    if (!o)
      return error(op) << "has no DepthwiseConv2DOptions";
    paddingKind = o->padding(), activation = o->fused_activation_function();
    sh = o->stride_h(), sw = o->stride_w();
    dh = o->dilation_h_factor(), dw = o->dilation_w_factor();
    if (w.shape[0] != 1 || out.shape[3] != w.shape[3] ||
        w.shape[3] % x.shape[3] != 0)
      return error(op) << "has filter [" << w.shape << "] for input channels "
                       << x.shape[3] << " and output channels " << out.shape[3]
                       << "; a depthwise filter is [1, H, W, C*M]";
  } else {
    const auto *o = op.op->builtin_options_as_Conv2DOptions();
    if (!o)
      return error(op) << "has no Conv2DOptions";
    paddingKind = o->padding(), activation = o->fused_activation_function();
    sh = o->stride_h(), sw = o->stride_w();
    dh = o->dilation_h_factor(), dw = o->dilation_w_factor();
    if (w.shape[3] != x.shape[3])
      return error(op) << "has filter [" << w.shape << "] for " << x.shape[3]
                       << " input channels; grouped convolutions are not "
                          "compiled (a filter is [O, H, W, I])";
    if (w.shape[0] != out.shape[3])
      return error(op) << "has " << w.shape[0] << " filters but "
                       << out.shape[3] << " output channels";
  }
  if (out.shape[0] != x.shape[0])
    return error(op) << "has batch " << out.shape[0] << " for input batch "
                     << x.shape[0];
  SmallVector<int64_t> pad;
  if (failed(window(error(op), paddingKind, x.shape, out.shape, w.shape[1],
                    w.shape[2], sh, sw, dh, dw, pad)))
    return failure();
  int64_t channels = out.shape[3];
  FailureOr<Value> filter = weights(op, 1, depthwise ? 3 : 0);
  if (failed(filter))
    return failure();
  SmallVector<Value> operands = {*in, *filter};
  if (hasInput(op, 2)) {
    FailureOr<Value> b = bias(op, 2, channels, x.type == kInt16);
    if (failed(b))
      return failure();
    operands.push_back(*b);
  }
  SmallVector<int32_t> multipliers, shifts;
  FailureOr<std::pair<int64_t, int64_t>> range =
      activationRange(op, activation);
  if (failed(outputStage(op, x, w, out, multipliers, shifts)) || failed(range))
    return failure();
  SmallVector<NamedAttribute> attrs = {
      named("input_zp", x.zeroPoints[0]),
      named("output_zp", out.zeroPoints[0]),
      builder.getNamedAttr("multiplier",
                           builder.getDenseI32ArrayAttr(multipliers)),
      builder.getNamedAttr("shift", builder.getDenseI32ArrayAttr(shifts)),
      named("act_min", range->first),
      named("act_max", range->second),
      doubleRounding(),
      builder.getNamedAttr("strides", builder.getDenseI64ArrayAttr({sh, sw})),
      builder.getNamedAttr("dilations", builder.getDenseI64ArrayAttr({dh, dw})),
      builder.getNamedAttr("pad", builder.getDenseI64ArrayAttr(pad))};
  Value result =
      depthwise
          ? qint::DepthwiseConv2DOp::create(
                builder, op.loc, TypeRange{storageType(out)}, operands, attrs)
                .getResult()
          : qint::Conv2DOp::create(builder, op.loc, TypeRange{storageType(out)},
                                   operands, attrs)
                .getResult();
  define(op, result);
  return success();
}

LogicalResult Importer::importFullyConnected(const OperatorInfo &op) {
  if (failed(expectOperands(op, 2, 3)))
    return failure();
  const TensorInfo &x = input(op, 0), &w = input(op, 1), &out = output(op);
  FailureOr<Value> in = activation(op, 0);
  if (failed(in) || failed(checkActivation(op, out, "output")))
    return failure();
  const auto *o = op.op->builtin_options_as_FullyConnectedOptions();
  if (!o)
    return error(op) << "has no FullyConnectedOptions";
  if (o->weights_format() != 0)
    return error(op) << "stores its weights shuffled (weights_format "
                     << int(o->weights_format())
                     << "); qat reads the DEFAULT format";
  if (w.shape.size() != 2)
    return error(op) << "has weights [" << w.shape << "]; they are [O, K]";
  if (x.type != out.type)
    return error(op) << "reads " << tensorTypeName(x.type) << " and writes "
                     << tensorTypeName(out.type) << "; both must be one type";
  int64_t outputs = w.shape[0], depth = w.shape[1];
  if (depth == 0 || x.numElements() % depth != 0)
    return error(op) << "has input [" << x.shape << "], whose "
                     << x.numElements()
                     << " elements are not rows of the weights' depth "
                     << depth;
  int64_t rows = x.numElements() / depth;
  if (out.numElements() != rows * outputs)
    return error(op) << "has output [" << out.shape << "] for " << rows
                     << " rows of " << outputs << " outputs";
  FailureOr<Value> weightValue = weights(op, 1, 0);
  if (failed(weightValue))
    return failure();
  SmallVector<Value> operands = {*in, *weightValue};
  // TFLite flattens the input to rows of the weights' depth.
  if (x.shape != ArrayRef<int64_t>{rows, depth}) {
    auto type =
        RankedTensorType::get({rows, depth}, storageType(x).getElementType());
    operands[0] = qint::ReshapeOp::create(builder, op.loc, type, *in);
  }
  if (hasInput(op, 2)) {
    FailureOr<Value> b = bias(op, 2, outputs, x.type == kInt16);
    if (failed(b))
      return failure();
    operands.push_back(*b);
  }
  SmallVector<int32_t> multipliers, shifts;
  FailureOr<std::pair<int64_t, int64_t>> range =
      activationRange(op, o->fused_activation_function());
  if (failed(outputStage(op, x, w, out, multipliers, shifts)) || failed(range))
    return failure();
  auto rowsType =
      RankedTensorType::get({rows, outputs}, storageType(out).getElementType());
  Value result = qint::FullyConnectedOp::create(
      builder, op.loc, TypeRange{rowsType}, operands,
      {named("input_zp", x.zeroPoints[0]),
       named("output_zp", out.zeroPoints[0]),
       builder.getNamedAttr("multiplier",
                            builder.getDenseI32ArrayAttr(multipliers)),
       builder.getNamedAttr("shift", builder.getDenseI32ArrayAttr(shifts)),
       named("act_min", range->first), named("act_max", range->second),
       doubleRounding()});
  if (rowsType != storageType(out))
    result = qint::ReshapeOp::create(builder, op.loc, storageType(out), result);
  define(op, result);
  return success();
}

LogicalResult Importer::importTransposeConvolution(const OperatorInfo &op) {
  if (failed(expectOperands(op, 3, 4)))
    return failure();
  const TensorInfo &w = input(op, 1), &x = input(op, 2), &out = output(op);
  FailureOr<Value> in = activation(op, 2);
  if (failed(in) || failed(checkActivation(op, out, "output")))
    return failure();
  const auto *o = op.op->builtin_options_as_TransposeConvOptions();
  if (!o)
    return error(op) << "has no TransposeConvOptions";
  if (x.shape.size() != 4 || w.shape.size() != 4 || out.shape.size() != 4 ||
      w.shape[3] != x.shape[3] || w.shape[0] != out.shape[3] ||
      out.shape[0] != x.shape[0] || x.type != out.type)
    return error(op) << "has input [" << x.shape << "] "
                     << tensorTypeName(x.type) << ", filter [" << w.shape
                     << "] and output [" << out.shape << "] "
                     << tensorTypeName(out.type)
                     << "; a transposed convolution maps NHWC through an OHWI "
                        "filter to NHWC of one type";
  int64_t sh = o->stride_h(), sw = o->stride_w();
  int64_t kh = w.shape[1], kw = w.shape[2];
  if (sh < 1 || sw < 1 || (o->padding() != kSame && o->padding() != kValid))
    return error(op) << "has stride " << sh << "x" << sw << " and padding "
                     << int(o->padding());
  // TFLite Micro pads as a convolution from the output back to the input
  // would, keeping only the padding before.
  auto before = [&](int64_t outSize, int64_t k, int64_t s) {
    int64_t n = outputSize(o->padding(), outSize, k, s, 1);
    return padding(outSize, k, s, 1, n).first;
  };
  int64_t padTop = before(out.shape[1], kh, sh);
  int64_t padLeft = before(out.shape[2], kw, sw);
  // out[oy] = sum_ky in[iy] w[ky] with oy = iy * s - pad + ky: a stride-1
  // convolution of the input spread s apart (zero points between) and
  // padded by k - 1 - pad, with the filter flipped. Zero points contribute
  // nothing, as TFLite Micro's skipped taps.
  Type element = storageType(x).getElementType();
  int64_t zp = x.zeroPoints[0];
  auto spread = [&](Value v, int64_t axis, int64_t s) -> Value {
    if (s == 1)
      return v;
    ArrayRef<int64_t> shape = cast<RankedTensorType>(v.getType()).getShape();
    // [A, L, B] -> [A, L, 1, B] -> pad to [A, L, s, B] -> [A, L * s, B],
    // then the last s - 1 (all padding) dropped.
    int64_t a = 1, b = 1, l = shape[axis];
    for (int64_t d = 0; d < axis; ++d)
      a *= shape[d];
    for (size_t d = axis + 1; d < shape.size(); ++d)
      b *= shape[d];
    Value r = qint::ReshapeOp::create(
        builder, op.loc, RankedTensorType::get({a, l, 1, b}, element), v);
    r = qint::PadOp::create(
        builder, op.loc, RankedTensorType::get({a, l, s, b}, element), r,
        {builder.getNamedAttr("padding", builder.getDenseI64ArrayAttr(
                                             {0, 0, 0, 0, 0, s - 1, 0, 0})),
         named("value", zp)});
    SmallVector<int64_t> wide(shape), kept(shape);
    wide[axis] = l * s;
    kept[axis] = (l - 1) * s + 1;
    r = qint::ReshapeOp::create(builder, op.loc,
                                RankedTensorType::get(wide, element), r);
    SmallVector<int64_t> begin(shape.size(), 0), step(shape.size(), 1);
    return qint::SliceOp::create(
        builder, op.loc, RankedTensorType::get(kept, element), r,
        {builder.getNamedAttr("begin", builder.getDenseI64ArrayAttr(begin)),
         builder.getNamedAttr("strides", builder.getDenseI64ArrayAttr(step))});
  };
  Value spreadInput = spread(spread(*in, 1, sh), 2, sw);
  int64_t lh = (x.shape[1] - 1) * sh + 1, lw = (x.shape[2] - 1) * sw + 1;
  int64_t top = kh - 1 - padTop, left = kw - 1 - padLeft;
  int64_t bottom = out.shape[1] - lh - top + kh - 1;
  int64_t right = out.shape[2] - lw - left + kw - 1;
  if (top < 0 || left < 0 || bottom < 0 || right < 0)
    return error(op) << "has an output of " << out.shape[1] << "x"
                     << out.shape[2] << " that its input " << x.shape[1] << "x"
                     << x.shape[2] << ", filter " << kh << "x" << kw
                     << " and stride " << sh << "x" << sw
                     << " do not cover; qat computes transposed convolutions "
                        "whose output the spread input covers";
  // The filter flipped in H and W.
  FailureOr<Value> filter = weights(op, 1, 0);
  if (failed(filter))
    return failure();
  auto constant = filter->getDefiningOp<arith::ConstantOp>();
  auto values = cast<DenseElementsAttr>(constant.getValue());
  SmallVector<int8_t> flipped(values.getValues<int8_t>());
  int64_t ic = w.shape[3];
  for (int64_t oc = 0; oc < w.shape[0]; ++oc)
    for (int64_t y = 0; y < kh; ++y)
      for (int64_t xx = 0; xx < kw; ++xx)
        for (int64_t c = 0; c < ic; ++c)
          flipped[((oc * kh + y) * kw + xx) * ic + c] =
              values.getValues<int8_t>()
                  [((oc * kh + (kh - 1 - y)) * kw + (kw - 1 - xx)) * ic + c];
  constant.setValueAttr(DenseElementsAttr::get(
      cast<ShapedType>(values.getType()), ArrayRef<int8_t>(flipped)));
  SmallVector<Value> operands = {spreadInput, *filter};
  if (hasInput(op, 3)) {
    const TensorInfo &b = input(op, 3);
    // A 16x8 layer's INT16 bias is widened, as TFLite Micro does.
    if (x.type == kInt16 && b.type == kInt16) {
      FailureOr<SmallVector<int64_t>> values = constantInts(op, 3, "bias");
      if (failed(values))
        return failure();
      auto type = RankedTensorType::get({out.shape[3]}, builder.getI64Type());
      if (static_cast<int64_t>(values->size()) != out.shape[3])
        return error(op) << "has " << values->size() << " biases for "
                         << out.shape[3] << " output channels";
      operands.push_back(arith::ConstantOp::create(
          builder, op.loc, type,
          DenseElementsAttr::get(type, ArrayRef<int64_t>(*values))));
    } else {
      if (x.type == kInt16 && b.type == kInt32)
        return error(op) << "has an INT32 bias with INT16 activations, which "
                            "TFLite Micro reads as INT64";
      FailureOr<Value> bv = bias(op, 3, out.shape[3], x.type == kInt16);
      if (failed(bv))
        return failure();
      operands.push_back(*bv);
    }
  }
  SmallVector<int32_t> multipliers, shifts;
  FailureOr<std::pair<int64_t, int64_t>> range =
      activationRange(op, o->fused_activation_function());
  if (failed(outputStage(op, x, w, out, multipliers, shifts)) || failed(range))
    return failure();
  Value result = qint::Conv2DOp::create(
      builder, op.loc, TypeRange{storageType(out)}, operands,
      {named("input_zp", zp), named("output_zp", out.zeroPoints[0]),
       builder.getNamedAttr("multiplier",
                            builder.getDenseI32ArrayAttr(multipliers)),
       builder.getNamedAttr("shift", builder.getDenseI32ArrayAttr(shifts)),
       named("act_min", range->first), named("act_max", range->second),
       doubleRounding(),
       builder.getNamedAttr(
           "pad", builder.getDenseI64ArrayAttr({top, bottom, left, right}))});
  define(op, result);
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling, arithmetic, softmax, mean
//===----------------------------------------------------------------------===//

LogicalResult Importer::importPool(const OperatorInfo &op) {
  if (failed(expectOperands(op, 1, 1)))
    return failure();
  const TensorInfo &x = input(op, 0), &out = output(op);
  FailureOr<Value> in = activation(op, 0);
  if (failed(in) || failed(checkActivation(op, out, "output")))
    return failure();
  if (x.shape.size() != 4 || out.shape.size() != 4 || x.type != out.type ||
      out.shape[0] != x.shape[0] || out.shape[3] != x.shape[3])
    return error(op) << "pools [" << x.shape << "] " << tensorTypeName(x.type)
                     << " into [" << out.shape << "] "
                     << tensorTypeName(out.type)
                     << "; pooling keeps the batch, the channels and the "
                        "type of a 4-D tensor";
  const auto *o = op.op->builtin_options_as_Pool2DOptions();
  if (!o)
    return error(op) << "has no Pool2DOptions";
  int64_t fh = o->filter_height(), fw = o->filter_width();
  int64_t sh = o->stride_h(), sw = o->stride_w();
  SmallVector<int64_t> pad;
  if (failed(window(error(op), o->padding(), x.shape, out.shape, fh, fw, sh, sw,
                    1, 1, pad)))
    return failure();
  FailureOr<std::pair<int64_t, int64_t>> range =
      activationRange(op, o->fused_activation_function());
  if (failed(range))
    return failure();
  SmallVector<NamedAttribute> attrs = {
      builder.getNamedAttr("kernel", builder.getDenseI64ArrayAttr({fh, fw})),
      builder.getNamedAttr("strides", builder.getDenseI64ArrayAttr({sh, sw})),
      builder.getNamedAttr("pad", builder.getDenseI64ArrayAttr(pad)),
      named("act_min", range->first), named("act_max", range->second)};
  // Like TFLite Micro, pooling does not rescale: the output is read on the
  // input's scale and zero point.
  Type type = storageType(out);
  Value result =
      op.code == 1
          ? qint::AvgPool2DOp::create(builder, op.loc, type, *in, attrs)
                .getResult()
          : qint::MaxPool2DOp::create(builder, op.loc, type, *in, attrs)
                .getResult();
  define(op, result);
  return success();
}

LogicalResult Importer::importAddOrMul(const OperatorInfo &op) {
  bool add = op.code == 0, sub = op.code == 41;
  if (failed(expectOperands(op, 2, 2)))
    return failure();
  const TensorInfo &a = input(op, 0), &b = input(op, 1), &out = output(op);
  FailureOr<Value> lhs = activation(op, 0);
  if (failed(lhs))
    return failure();
  FailureOr<Value> rhs = activation(op, 1);
  if (failed(rhs) || failed(checkActivation(op, out, "output")))
    return failure();
  if (a.type != out.type || b.type != out.type)
    return error(op) << "mixes " << tensorTypeName(a.type) << ", "
                     << tensorTypeName(b.type) << " and "
                     << tensorTypeName(out.type)
                     << "; operands and output must be one type";
  // One shape, or a per-channel vector ([C], [1, ..., 1, C]) broadcast
  // along the other operand's last dimension.
  auto vectorOf = [&](const TensorInfo &v, const TensorInfo &full) {
    return !v.shape.empty() && !full.shape.empty() &&
           v.numElements() == full.shape.back() &&
           v.shape.back() == full.shape.back();
  };
  if (a.shape != b.shape) {
    bool lhsVector = vectorOf(a, b), rhsVector = vectorOf(b, a);
    if (!lhsVector && !rhsVector)
      return error(op) << "broadcasts [" << a.shape << "] with [" << b.shape
                       << "]; qat's kernels take one shape, or a vector "
                          "along the last dimension";
    Value &v = lhsVector ? *lhs : *rhs;
    const TensorInfo &t = lhsVector ? a : b;
    if (t.shape.size() != 1)
      v = qint::ReshapeOp::create(
          builder, op.loc,
          RankedTensorType::get({t.numElements()},
                                storageType(t).getElementType()),
          v);
  }
  if (out.shape != (a.numElements() >= b.numElements() ? a.shape : b.shape))
    return error(op) << "has output [" << out.shape << "] for operands ["
                     << a.shape << "] and [" << b.shape << "]";
  int8_t activation = 0;
  if (const auto *o = op.op->builtin_options_as_AddOptions())
    activation = o->fused_activation_function();
  else if (const auto *o = op.op->builtin_options_as_SubOptions())
    activation = o->fused_activation_function();
  else if (const auto *o = op.op->builtin_options_as_MulOptions())
    activation = o->fused_activation_function();
  FailureOr<std::pair<int64_t, int64_t>> range =
      activationRange(op, activation);
  if (failed(range))
    return failure();
  SmallVector<NamedAttribute> attrs = {
      named("lhs_zp", a.zeroPoints[0]),      named("rhs_zp", b.zeroPoints[0]),
      named("output_zp", out.zeroPoints[0]), named("act_min", range->first),
      named("act_max", range->second),       doubleRounding()};
  Type type = storageType(out);
  if (sub) {
    // The ratios in double, as Add's: TFLite's int16 integration goldens
    // differ in the last step of some outputs with ratios in float.
    int32_t leftShift =
        out.type == kInt16 ? nx::kAddLeftShiftInt16 : nx::kAddLeftShift;
    double twiceMax = 2 * std::max(a.scales[0], b.scales[0]);
    auto m1 =
        nx::quantizeMultiplier(a.scales[0] / twiceMax, nx::Rounding::Double);
    auto m2 =
        nx::quantizeMultiplier(b.scales[0] / twiceMax, nx::Rounding::Double);
    auto mo = nx::quantizeMultiplier(
        twiceMax / ((1 << leftShift) * out.scales[0]), nx::Rounding::Double);
    if (!m1 || !m2 || !mo || m1->shift > 0 || m2->shift > 0 || mo->shift > 0)
      return error(op) << "has input and output scales that give sub "
                          "multipliers out of range";
    attrs.append(
        {named("left_shift", leftShift),
         named("lhs_multiplier", m1->multiplier), named("lhs_shift", m1->shift),
         named("rhs_multiplier", m2->multiplier), named("rhs_shift", m2->shift),
         named("output_multiplier", mo->multiplier),
         named("output_shift", mo->shift)});
    define(op, qint::SubOp::create(builder, op.loc, type,
                                   ValueRange{*lhs, *rhs}, attrs));
    return success();
  }
  if (add) {
    std::optional<nx::AddParams> p = nx::prepareAdd(
        a.scales[0], a.zeroPoints[0], b.scales[0], b.zeroPoints[0],
        out.scales[0], out.zeroPoints[0], nx::Rounding::Double,
        out.type == kInt16 ? nx::kAddLeftShiftInt16 : nx::kAddLeftShift);
    if (!p)
      return error(op) << "has input and output scales that give add "
                          "multipliers out of range";
    attrs.append({named("left_shift", p->leftShift),
                  named("lhs_multiplier", p->input1.multiplier),
                  named("lhs_shift", p->input1.shift),
                  named("rhs_multiplier", p->input2.multiplier),
                  named("rhs_shift", p->input2.shift),
                  named("output_multiplier", p->output.multiplier),
                  named("output_shift", p->output.shift)});
    define(op, qint::AddOp::create(builder, op.loc, type,
                                   ValueRange{*lhs, *rhs}, attrs));
    return success();
  }
  std::optional<nx::MulParams> p =
      nx::prepareMul(a.scales[0], a.zeroPoints[0], b.scales[0], b.zeroPoints[0],
                     out.scales[0], out.zeroPoints[0], nx::Rounding::Double);
  if (!p)
    return error(op) << "has input and output scales that give a mul "
                        "multiplier out of range";
  attrs.append({named("output_multiplier", p->output.multiplier),
                named("output_shift", p->output.shift)});
  define(op, qint::MulOp::create(builder, op.loc, type, ValueRange{*lhs, *rhs},
                                 attrs));
  return success();
}

LogicalResult Importer::importSoftmax(const OperatorInfo &op) {
  if (failed(expectOperands(op, 1, 1)))
    return failure();
  const TensorInfo &x = input(op, 0), &out = output(op);
  FailureOr<Value> in = activation(op, 0);
  if (failed(in) || failed(checkActivation(op, out, "output")))
    return failure();
  const auto *o = op.op->builtin_options_as_SoftmaxOptions();
  double beta = o ? o->beta() : 1.0;
  if (x.shape != out.shape || x.type != out.type || x.shape.empty())
    return error(op) << "maps [" << x.shape << "] " << tensorTypeName(x.type)
                     << " to [" << out.shape << "] " << tensorTypeName(out.type)
                     << "; qat's softmax keeps shape and type";
  // TFLite Micro's fixed output grids: 1/256 from -128, or 1/32768 from 0.
  bool wide = x.type == kInt16;
  double grid = wide ? 1.0 / 32768 : 1.0 / 256;
  int64_t zero = wide ? 0 : -128;
  if (std::fabs(out.scales[0] - grid) > 0.001 * grid ||
      out.zeroPoints[0] != zero)
    return error(op) << "writes scale " << out.scales[0] << " and zero point "
                     << out.zeroPoints[0] << "; TFLite's "
                     << tensorTypeName(x.type) << " softmax writes scale 1/"
                     << (wide ? 32768 : 256) << " and zero point " << zero;
  SmallVector<NamedAttribute> attrs;
  if (wide) {
    std::optional<nx::QuantizedMultiplier> m =
        nx::prepareSoftmaxInt16(beta, x.scales[0], nx::Rounding::Double);
    if (!m)
      return error(op) << "has beta and input scale out of range";
    attrs = {named("input_multiplier", m->multiplier),
             named("input_left_shift", m->shift), doubleRounding()};
  } else {
    std::optional<nx::SoftmaxParams> p =
        nx::prepareSoftmax(beta, x.scales[0], nx::Rounding::Double);
    if (!p)
      return error(op) << "has beta and input scale out of range";
    attrs = {named("input_multiplier", p->inputMultiplier),
             named("input_left_shift", p->inputLeftShift),
             named("diff_min", p->diffMin), doubleRounding()};
  }
  define(op, qint::SoftmaxOp::create(builder, op.loc, storageType(out), *in,
                                     attrs));
  return success();
}

LogicalResult Importer::importMean(const OperatorInfo &op) {
  if (failed(expectOperands(op, 2, 2)))
    return failure();
  const TensorInfo &x = input(op, 0), &out = output(op);
  FailureOr<Value> in = activation(op, 0);
  if (failed(in) || failed(checkActivation(op, out, "output")))
    return failure();
  FailureOr<SmallVector<int64_t>> axes = constantInts(op, 1, "axes");
  if (failed(axes))
    return failure();
  SmallVector<int64_t> sorted;
  for (int64_t axis : *axes)
    sorted.push_back(axis < 0 ? axis + static_cast<int64_t>(x.shape.size())
                              : axis);
  llvm::sort(sorted);
  if (x.shape.size() != 4 || sorted != SmallVector<int64_t>{1, 2} ||
      x.type != kInt8 || out.type != kInt8)
    return error(op) << "averages " << tensorTypeName(x.type) << " [" << x.shape
                     << "] over axes [" << *axes
                     << "]; qat's mean averages INT8 [N, H, W, C] over H "
                        "and W (axes 1 and 2)";
  std::optional<nx::QuantizedMultiplier> m =
      nx::quantizeMultiplier(x.scales[0] / out.scales[0], nx::Rounding::Double);
  if (!m)
    return error(op) << "has an input/output scale ratio out of range";
  auto rowsType =
      RankedTensorType::get({x.shape[0], x.shape[3]}, builder.getI8Type());
  Value result =
      qint::MeanOp::create(builder, op.loc, rowsType, *in,
                           {named("input_zp", x.zeroPoints[0]),
                            named("output_zp", out.zeroPoints[0]),
                            named("multiplier", m->multiplier),
                            named("shift", m->shift), doubleRounding()});
  if (out.numElements() != x.shape[0] * x.shape[3])
    return error(op) << "has output [" << out.shape << "] for input ["
                     << x.shape << "]";
  if (rowsType != storageType(out))
    result = qint::ReshapeOp::create(builder, op.loc, storageType(out), result);
  define(op, result);
  return success();
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult Importer::importReshape(const OperatorInfo &op) {
  if (failed(expectOperands(op, 1, 2)))
    return failure();
  const TensorInfo &x = input(op, 0), &out = output(op);
  FailureOr<Value> in = activation(op, 0);
  if (failed(in) || failed(checkActivation(op, out, "output")))
    return failure();
  if (x.numElements() != out.numElements() || x.type != out.type)
    return error(op) << "reshapes [" << x.shape << "] "
                     << tensorTypeName(x.type) << " into [" << out.shape << "] "
                     << tensorTypeName(out.type)
                     << "; a reshape keeps the elements and their type";
  // The stored output shape is the result: TFLite Micro copies the bytes.
  define(op, qint::ReshapeOp::create(builder, op.loc, storageType(out), *in));
  return success();
}

LogicalResult Importer::importPad(const OperatorInfo &op) {
  bool v2 = op.code == 60;
  if (failed(expectOperands(op, 2, v2 ? 3 : 2)))
    return failure();
  const TensorInfo &x = input(op, 0), &out = output(op);
  FailureOr<Value> in = activation(op, 0);
  if (failed(in) || failed(checkActivation(op, out, "output")))
    return failure();
  FailureOr<SmallVector<int64_t>> paddings = constantInts(op, 1, "paddings");
  if (failed(paddings))
    return failure();
  int64_t rank = x.shape.size();
  if (static_cast<int64_t>(paddings->size()) != 2 * rank)
    return error(op) << "has " << paddings->size() << " paddings for rank "
                     << rank << " (it needs [rank, 2])";
  for (int64_t d = 0; d < rank; ++d) {
    int64_t before = (*paddings)[2 * d], after = (*paddings)[2 * d + 1];
    if (before < 0 || after < 0 ||
        static_cast<int64_t>(out.shape.size()) != rank ||
        x.shape[d] + before + after != out.shape[d])
      return error(op) << "pads [" << x.shape << "] by [" << *paddings
                       << "] into [" << out.shape << "]";
  }
  if (x.type != out.type || x.scales[0] != out.scales[0] ||
      x.zeroPoints[0] != out.zeroPoints[0])
    return error(op) << "changes the quantization; TFLite pads on the "
                        "input's grid";
  int64_t value = out.zeroPoints[0];
  if (v2 && hasInput(op, 2)) {
    FailureOr<SmallVector<int64_t>> constant =
        constantInts(op, 2, "padding value");
    if (failed(constant))
      return failure();
    if (constant->size() != 1 || input(op, 2).type != x.type)
      return error(op) << "has a padding value that is not one "
                       << tensorTypeName(x.type) << " scalar";
    value = (*constant)[0];
  }
  define(op, qint::PadOp::create(
                 builder, op.loc, storageType(out), *in,
                 {builder.getNamedAttr("padding",
                                       builder.getDenseI64ArrayAttr(*paddings)),
                  named("value", value)}));
  return success();
}

LogicalResult Importer::importConcatenation(const OperatorInfo &op) {
  if (op.inputs.empty() ||
      failed(expectOperands(op, op.inputs.size(), op.inputs.size())))
    return failure();
  const TensorInfo &out = output(op);
  if (failed(checkActivation(op, out, "output")))
    return failure();
  const auto *o = op.op->builtin_options_as_ConcatenationOptions();
  if (!o)
    return error(op) << "has no ConcatenationOptions";
  if (o->fused_activation_function() != kActNone)
    return error(op) << "fuses an activation into a concatenation, which "
                        "TFLite Micro does not compute";
  int64_t rank = out.shape.size(), axis = o->axis();
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return error(op) << "concatenates along axis " << o->axis() << " of a rank-"
                     << rank << " output";
  SmallVector<Value> inputs;
  for (unsigned i = 0; i < op.inputs.size(); ++i) {
    FailureOr<Value> v = activation(op, i);
    if (failed(v))
      return failure();
    const TensorInfo &t = input(op, i);
    if (t.type != out.type || t.scales[0] != out.scales[0] ||
        t.zeroPoints[0] != out.zeroPoints[0])
      return error(op) << "input " << i << " '" << t.name
                       << "' has another quantization than the output; "
                          "TFLite Micro concatenates tensors of one scale "
                          "and zero point";
    inputs.push_back(*v);
  }
  define(op, qint::ConcatOp::create(builder, op.loc, storageType(out), inputs,
                                    {named("axis", axis)}));
  return success();
}

LogicalResult Importer::importTranspose(const OperatorInfo &op) {
  if (failed(expectOperands(op, 2, 2)))
    return failure();
  const TensorInfo &x = input(op, 0), &out = output(op);
  FailureOr<Value> in = activation(op, 0);
  if (failed(in) || failed(checkActivation(op, out, "output")))
    return failure();
  FailureOr<SmallVector<int64_t>> permutation =
      constantInts(op, 1, "permutation");
  if (failed(permutation))
    return failure();
  if (permutation->size() != x.shape.size() || x.type != out.type)
    return error(op) << "permutes [" << x.shape << "] by [" << *permutation
                     << "]";
  define(op,
         qint::TransposeOp::create(
             builder, op.loc, storageType(out), *in,
             {builder.getNamedAttr(
                 "permutation", builder.getDenseI64ArrayAttr(*permutation))}));
  return success();
}

LogicalResult Importer::importStridedSlice(const OperatorInfo &op) {
  if (failed(expectOperands(op, 4, 4)))
    return failure();
  const TensorInfo &x = input(op, 0), &out = output(op);
  FailureOr<Value> in = activation(op, 0);
  if (failed(in) || failed(checkActivation(op, out, "output")))
    return failure();
  if (x.type != out.type)
    return error(op) << "slices " << tensorTypeName(x.type) << " into "
                     << tensorTypeName(out.type) << "; a slice keeps the type";
  const auto *o = op.op->builtin_options_as_StridedSliceOptions();
  int32_t beginMask = o ? o->begin_mask() : 0, endMask = o ? o->end_mask() : 0;
  int32_t shrinkMask = o ? o->shrink_axis_mask() : 0;
  if (o && (o->ellipsis_mask() || o->new_axis_mask() || o->offset()))
    return error(op) << "uses an ellipsis mask, a new-axis mask or offset, "
                        "which TFLite Micro's STRIDED_SLICE does not compute";
  FailureOr<SmallVector<int64_t>> begins = constantInts(op, 1, "begin");
  FailureOr<SmallVector<int64_t>> ends = constantInts(op, 2, "end");
  FailureOr<SmallVector<int64_t>> strides = constantInts(op, 3, "strides");
  if (failed(begins) || failed(ends) || failed(strides))
    return failure();
  int64_t rank = x.shape.size();
  if (static_cast<int64_t>(begins->size()) != rank ||
      static_cast<int64_t>(ends->size()) != rank ||
      static_cast<int64_t>(strides->size()) != rank)
    return error(op) << "has begin, end and strides of " << begins->size()
                     << ", " << ends->size() << " and " << strides->size()
                     << " values for a rank-" << rank << " input";
  // TFLite's StridedSliceStartForAxis and StopForAxis: a negative index
  // counts from the end once, then clamps; the masks override.
  SmallVector<int64_t> begin, step, counts, kept;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t size = x.shape[d], stride = (*strides)[d];
    if (stride == 0)
      return error(op) << "has stride 0 along dimension " << d;
    auto clampIndex = [&](int64_t v) {
      return stride > 0 ? std::clamp<int64_t>(v, 0, size)
                        : std::clamp<int64_t>(v, -1, size - 1);
    };
    int64_t start = (*begins)[d];
    if (start < 0)
      start += size;
    start = clampIndex(start);
    if (beginMask & (1 << d))
      start = stride > 0 ? 0 : size - 1;
    int64_t stop;
    if (shrinkMask & (1 << d)) {
      stop = start >= size ? start : start + 1;
    } else {
      stop = (*ends)[d];
      if (stop < 0)
        stop += size;
      stop = clampIndex(stop);
      if (endMask & (1 << d))
        stop = stride > 0 ? size : -1;
    }
    int64_t count = std::max<int64_t>(
        0, static_cast<int64_t>(std::ceil(static_cast<float>(stop - start) /
                                          static_cast<float>(stride))));
    if (shrinkMask & (1 << d)) {
      if (count != 1 || start < 0 || start >= size)
        return error(op) << "shrinks dimension " << d << " at index "
                         << (*begins)[d] << ", outside its " << size;
    } else {
      kept.push_back(count);
    }
    begin.push_back(count ? start : 0);
    step.push_back(stride);
    counts.push_back(count);
  }
  if (ArrayRef<int64_t>(kept) != ArrayRef<int64_t>(out.shape))
    return error(op) << "has output [" << out.shape << "], but its begin ["
                     << *begins << "], end [" << *ends << "], strides ["
                     << *strides << "] and masks give [" << kept << "]";
  auto sliced =
      RankedTensorType::get(counts, storageType(out).getElementType());
  Value result = qint::SliceOp::create(
      builder, op.loc, sliced, *in,
      {builder.getNamedAttr("begin", builder.getDenseI64ArrayAttr(begin)),
       builder.getNamedAttr("strides", builder.getDenseI64ArrayAttr(step))});
  if (sliced != storageType(out))
    result = qint::ReshapeOp::create(builder, op.loc, storageType(out), result);
  define(op, result);
  return success();
}

//===----------------------------------------------------------------------===//
// Element-wise rescaling
//===----------------------------------------------------------------------===//

LogicalResult Importer::importRequantize(const OperatorInfo &op) {
  if (failed(expectOperands(op, 1, 1)))
    return failure();
  const TensorInfo &x = input(op, 0), &out = output(op);
  if (op.code == 114 && x.type == kFloat32)
    return error(op) << "quantizes a float tensor inside the model; qat "
                        "compiles integer programs, which quantize only a "
                        "graph input";
  FailureOr<Value> in = activation(op, 0);
  if (failed(in) || failed(checkActivation(op, out, "output")))
    return failure();
  if (x.shape != out.shape)
    return error(op) << "maps [" << x.shape << "] to [" << out.shape << "]";
  double real = x.scales[0] / out.scales[0];
  int64_t inputZp = x.zeroPoints[0], outputZp = out.zeroPoints[0];
  FailureOr<std::pair<int64_t, int64_t>> range =
      std::make_pair<int64_t, int64_t>(out.type == kInt16 ? -32768 : -128,
                                       out.type == kInt16 ? 32767 : 127);
  switch (op.code) {
  case 19: // RELU: TFLite Micro rescales, then clamps at the output's 0.
    range = activationRange(op, kActRelu);
    break;
  case 21: // RELU6: TFLite Micro clamps on the input's grid, no rescale.
  {
    if (x.type != out.type)
      return error(op) << "changes the type; TFLite Micro's RELU6 keeps it";
    real = 1.0;
    outputZp = inputZp;
    float scale = static_cast<float>(x.scales[0]);
    int64_t qmin = x.type == kInt16 ? -32768 : -128;
    int64_t qmax = -qmin - 1;
    int64_t six = inputZp + static_cast<int64_t>(std::round(6.0f / scale));
    range = std::make_pair(std::max(qmin, inputZp), std::min(qmax, six));
    break;
  }
  case 20:
    return error(op) << "is computed by no TFLite Micro int8 kernel; fuse it "
                        "into the layer before it";
  default:
    break;
  }
  if (failed(range))
    return failure();
  std::optional<nx::QuantizedMultiplier> m =
      nx::quantizeMultiplier(real, nx::Rounding::Double);
  if (!m)
    return error(op) << "has an input/output scale ratio " << real
                     << " out of range";
  define(
      op,
      qint::RequantizeOp::create(
          builder, op.loc, storageType(out), *in,
          {named("input_zp", inputZp), named("output_zp", outputZp),
           builder.getNamedAttr("multiplier",
                                builder.getDenseI32ArrayAttr(
                                    {static_cast<int32_t>(m->multiplier)})),
           builder.getNamedAttr("shift", builder.getDenseI32ArrayAttr(
                                             {static_cast<int32_t>(m->shift)})),
           named("act_min", range->first), named("act_max", range->second),
           doubleRounding()}));
  return success();
}

LogicalResult Importer::importLeakyReluInt16(const OperatorInfo &op, Value in) {
  const TensorInfo &x = input(op, 0), &out = output(op);
  const auto *o = op.op->builtin_options_as_LeakyReluOptions();
  float alpha = o ? o->alpha() : 0.2f;
  // TFLite Micro's Prepare: both ratios in float.
  float sIn = static_cast<float>(x.scales[0]);
  float sOut = static_cast<float>(out.scales[0]);
  auto identity = nx::quantizeMultiplier(static_cast<double>(sIn / sOut),
                                         nx::Rounding::Double);
  auto scaled = nx::quantizeMultiplier(static_cast<double>(sIn * alpha / sOut),
                                       nx::Rounding::Double);
  if (!(alpha >= 0))
    return error(op) << "has alpha " << alpha
                     << "; qat's INT16 LEAKY_RELU takes alpha >= 0";
  if (!identity || !scaled)
    return error(op) << "has alpha " << alpha
                     << " and scales that give multipliers out of range";
  define(op, qint::LeakyReluOp::create(
                 builder, op.loc, storageType(out), in,
                 {named("input_zp", x.zeroPoints[0]),
                  named("output_zp", out.zeroPoints[0]),
                  named("identity_multiplier", identity->multiplier),
                  named("identity_shift", identity->shift),
                  named("alpha_multiplier", scaled->multiplier),
                  named("alpha_shift", scaled->shift), doubleRounding()}));
  return success();
}

LogicalResult Importer::importActivationTable(const OperatorInfo &op) {
  if (failed(expectOperands(op, 1, 1)))
    return failure();
  const TensorInfo &x = input(op, 0), &out = output(op);
  FailureOr<Value> in = activation(op, 0);
  if (failed(in) || failed(checkActivation(op, out, "output")))
    return failure();
  if (op.code == 98 && x.type == kInt16 && out.type == kInt16 &&
      x.shape == out.shape)
    return importLeakyReluInt16(op, *in);
  if (x.type != kInt8 || out.type != kInt8 || x.shape != out.shape)
    return error(op) << "maps [" << x.shape << "] " << tensorTypeName(x.type)
                     << " to [" << out.shape << "] " << tensorTypeName(out.type)
                     << "; qat computes INT8 " << op.opcodeName
                     << " (a 256-entry table)";
  float inScale = static_cast<float>(x.scales[0]);
  float outScale = static_cast<float>(out.scales[0]);
  int64_t inZp = x.zeroPoints[0], outZp = out.zeroPoints[0];
  std::optional<SmallVector<int8_t>> table;
  switch (op.code) {
  case 14: // LOGISTIC: TFLite Micro requires the output zero point -128 and
           // writes on 1/256 whatever the output's stated scale.
    if (outZp != -128)
      return error(op) << "writes zero point " << outZp
                       << "; TFLite's int8 LOGISTIC writes -128";
    table = sigmoidTable(/*isTanh=*/false, inScale, inZp);
    break;
  case 28: // TANH writes on 1/128 from 0.
    table = sigmoidTable(/*isTanh=*/true, inScale, inZp);
    break;
  case 117: // HARD_SWISH
    table = hardSwishTable(inScale, inZp, outScale, outZp);
    break;
  default: { // LEAKY_RELU
    const auto *o = op.op->builtin_options_as_LeakyReluOptions();
    table =
        leakyReluTable(inScale, inZp, o ? o->alpha() : 0.2f, outScale, outZp);
  }
  }
  if (!table)
    return error(op) << "has input and output scales that TFLite Micro's "
                     << op.opcodeName << " refuses (a multiplier out of range)";
  define(op, qint::LookupOp::create(
                 builder, op.loc, storageType(out), *in,
                 {builder.getNamedAttr("table",
                                       builder.getDenseI8ArrayAttr(*table))}));
  return success();
}
