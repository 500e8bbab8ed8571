// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Layers.cpp - TFLite's weighted and windowed operators --------------===//
//
// Convolutions, fully connected layers and pools become qint kernels that
// compute what TensorFlow Lite Micro's reference kernels compute:
// multipliers and shifts derived from the stored float32 scales in double,
// as its Prepare functions do, the stored biases kept, padding and
// activation ranges resolved as TFLite resolves them.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Requantization.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <algorithm>
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
  FailureOr<Value> filter = weights(op, 1, 0);
  if (failed(filter))
    return failure();
  for (auto [size, inSize, k, s, pad] :
       {std::tuple(out.shape[1], x.shape[1], kh, sh, padTop),
        std::tuple(out.shape[2], x.shape[2], kw, sw, padLeft)})
    if (pad >= k || size < (inSize - 1) * s + 1 - pad)
      return error(op) << "has an output of " << out.shape[1] << "x"
                       << out.shape[2] << " that its input " << x.shape[1]
                       << "x" << x.shape[2] << ", filter " << kh << "x" << kw
                       << " and stride " << sh << "x" << sw
                       << " do not cover; qat computes transposed "
                          "convolutions whose output the input reaches";
  int64_t zp = x.zeroPoints[0];
  SmallVector<Value> operands = {*in, *filter};
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
  Value result = qint::TransposeConv2DOp::create(
      builder, op.loc, TypeRange{storageType(out)}, operands,
      {named("input_zp", zp), named("output_zp", out.zeroPoints[0]),
       builder.getNamedAttr("multiplier",
                            builder.getDenseI32ArrayAttr(multipliers)),
       builder.getNamedAttr("shift", builder.getDenseI32ArrayAttr(shifts)),
       named("act_min", range->first), named("act_max", range->second),
       doubleRounding(),
       builder.getNamedAttr("strides", builder.getDenseI64ArrayAttr({sh, sw})),
       builder.getNamedAttr("pad",
                            builder.getDenseI64ArrayAttr({padTop, padLeft}))});
  define(op, result);
  return success();
}

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
