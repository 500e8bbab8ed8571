// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Resize.cpp - nearest-neighbour upsampling by integer factors -------===//
//
// Resize (and the older Upsample) with mode "nearest" and integer scales
// repeats every pixel sh x sw times. qat has no resize op: the repetition is
// written with the data movement ops it has, so every backend runs it and
// the values are exactly the input's. In NHWC, repeating along W is a
// concat of sw copies on the channel axis read back as [N, H, W*sw, C];
// repeating along H is a concat of sh copies of each row, [N, H, 1, W*C] ->
// [N, H, sh, W*C], read back as [N, H*sh, W, C].
//
// ONNX defines the source pixel of each output through a coordinate
// transformation and a rounding rule; which combinations amount to plain
// repetition depends on the scale, so the importer evaluates the rule at
// every output index and accepts the node only when it repeats.
//
//===----------------------------------------------------------------------===//

#include "Ops.h"

#include "qat/Dialect/QAT/IR/QATOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::onnx_import;

namespace {
/// The input index ONNX's nearest mode reads for output index `y`, or
/// nullopt for a transformation qat does not evaluate.
std::optional<int64_t> sourceIndex(StringRef transform, StringRef rounding,
                                   int64_t y, double scale, int64_t inSize,
                                   int64_t outSize) {
  double x;
  if (transform == "half_pixel")
    x = (y + 0.5) / scale - 0.5;
  else if (transform == "pytorch_half_pixel")
    x = outSize > 1 ? (y + 0.5) / scale - 0.5 : 0.0;
  else if (transform == "asymmetric")
    x = y / scale;
  else if (transform == "align_corners")
    x = outSize == 1 ? 0.0
                     : static_cast<double>(y) * (inSize - 1) / (outSize - 1);
  else if (transform == "tf_half_pixel_for_nn")
    x = (y + 0.5) / scale;
  else
    return std::nullopt;
  double r;
  if (rounding == "floor")
    r = std::floor(x);
  else if (rounding == "ceil")
    r = std::ceil(x);
  else if (x == std::floor(x) + 0.5)
    r = rounding == "round_prefer_ceil" ? std::ceil(x) : std::floor(x);
  else
    r = std::round(x);
  // Clamped before the conversion, so any scale gives a defined index.
  return static_cast<int64_t>(
      std::clamp<double>(r, 0, static_cast<double>(inSize - 1)));
}

/// Repeats an NHWC activation `sh` times along H and `sw` times along W.
Value repeat(OpBuilder &b, Location loc, Value v, int64_t sh, int64_t sw) {
  auto shapeOf = [](Value x) {
    return SmallVector<int64_t>(cast<RankedTensorType>(x.getType()).getShape());
  };
  auto type = [&](ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, b.getF32Type());
  };
  auto copies = [&](Value x, int64_t count, int64_t axis) {
    SmallVector<int64_t> shape = shapeOf(x);
    shape[axis] *= count;
    return ConcatOp::create(b, loc, type(shape), SmallVector<Value>(count, x),
                            b.getI64IntegerAttr(axis))
        .getResult();
  };
  auto reshape = [&](Value x, ArrayRef<int64_t> shape) {
    return ReshapeOp::create(b, loc, type(shape), x).getResult();
  };
  SmallVector<int64_t> s = shapeOf(v); // N, H, W, C
  if (sw > 1) {
    v = reshape(copies(v, sw, 3), {s[0], s[1], s[2] * sw, s[3]});
    s[2] *= sw;
  }
  if (sh > 1) {
    Value rows = reshape(v, {s[0], s[1], 1, s[2] * s[3]});
    v = reshape(copies(rows, sh, 2), {s[0], s[1] * sh, s[2], s[3]});
  }
  return v;
}
} // namespace

LogicalResult
mlir::qat::onnx_import::importResize(Importer &imp,
                                     const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);
  if (failed(x))
    return failure();
  const Imported &in = **x;
  FailureOr<std::string> mode = imp.stringAttr(node, "mode", "nearest");
  bool resize = node.op_type() == "Resize";
  // Opset 10's Resize and Upsample have no transformation attribute and
  // read input[floor(y / scale)].
  bool modern = resize && imp.opset() >= 11;
  FailureOr<std::string> transform =
      imp.stringAttr(node, "coordinate_transformation_mode",
                     modern ? "half_pixel" : "asymmetric");
  FailureOr<std::string> rounding = imp.stringAttr(
      node, "nearest_mode", modern ? "round_prefer_floor" : "floor");
  if (failed(mode) || failed(transform) || failed(rounding))
    return failure();
  if (*mode != "nearest")
    return imp.error(node) << "mode '" << *mode
                           << "' is not supported; qat resizes by repeating "
                              "pixels (mode 'nearest', integer scales)";
  if (in.layout != Layout::ChannelsLast)
    return imp.error(node) << "resizes a tensor that is not an image; qat "
                              "resizes NCHW images and NCL signals";

  SmallVector<int64_t> inShape = in.onnxShape();
  int64_t rank = inShape.size();
  // The output size per ONNX dimension, from `scales` or `sizes`.
  SmallVector<double> scales;
  SmallVector<int64_t> outShape;
  int scalesInput = modern ? 2 : 1;
  bool haveScales = false;
  if (imp.hasInput(node, scalesInput)) {
    FailureOr<const HostTensor *> t =
        imp.constantInput(node, scalesInput, "the scales");
    if (failed(t))
      return failure();
    haveScales = (*t)->numElements() != 0;
    if (haveScales) {
      if ((*t)->numElements() != rank)
        return imp.error(node) << "has " << (*t)->numElements()
                               << " scales for a tensor of rank " << rank;
      for (int64_t d = 0; d < rank; ++d) {
        double s = static_cast<float>((*t)->values[d]);
        FailureOr<int64_t> size = imp.boundedInteger(
            node, std::floor(inShape[d] * s),
            "the output size of dimension " + Twine(d) + " (" +
                Twine(inShape[d]) + " times its scale)");
        if (failed(size))
          return failure();
        scales.push_back(s);
        outShape.push_back(*size);
      }
    }
  }
  if (!haveScales) {
    if (!modern || !imp.hasInput(node, 3))
      return imp.error(node) << "has neither scales nor sizes";
    FailureOr<const HostTensor *> t = imp.constantInput(node, 3, "the sizes");
    if (failed(t))
      return failure();
    if ((*t)->numElements() != rank)
      return imp.error(node) << "has " << (*t)->numElements()
                             << " sizes for a tensor of rank " << rank;
    FailureOr<SmallVector<int64_t>> sizes =
        imp.boundedIntegers(node, **t, "the sizes");
    if (failed(sizes))
      return failure();
    for (int64_t d = 0; d < rank; ++d) {
      outShape.push_back((*sizes)[d]);
      scales.push_back(static_cast<double>(outShape[d]) / inShape[d]);
    }
  }
  if (failed(imp.elementCount(node, outShape, "the resized tensor")))
    return failure();

  // Batch and channels stay; each spatial dimension grows by an integer
  // factor and its rule repeats pixels.
  SmallVector<int64_t> factors;
  for (int64_t d = 0; d < rank; ++d) {
    if (outShape[d] % inShape[d] != 0 || outShape[d] < inShape[d])
      return imp.error(node)
             << "dimension " << d << " goes from " << inShape[d] << " to "
             << outShape[d] << "; qat resizes by integer factors";
    int64_t factor = outShape[d] / inShape[d];
    if (d < 2 && factor != 1)
      return imp.error(node) << "resizes dimension " << d
                             << " (batch or channels); qat resizes H and W";
    for (int64_t y = 0; y < outShape[d]; ++y) {
      std::optional<int64_t> src = sourceIndex(
          *transform, *rounding, y, scales[d], inShape[d], outShape[d]);
      if (!src)
        return imp.error(node) << "coordinate_transformation_mode '"
                               << *transform << "' is not supported";
      if (*src != y / factor)
        return imp.error(node)
               << "with coordinate_transformation_mode '" << *transform
               << "' and nearest_mode '" << *rounding << "', output " << y
               << " of dimension " << d << " reads input " << *src << ", not "
               << y / factor << "; qat resizes by repeating each pixel";
    }
    factors.push_back(factor);
  }
  int64_t sh = rank == 4 ? factors[2] : 1, sw = factors[rank - 1];
  Imported out = in;
  out.value = repeat(imp.getBuilder(), imp.loc(node), in.value, sh, sw);
  imp.define(node, 0, std::move(out));
  return success();
}
