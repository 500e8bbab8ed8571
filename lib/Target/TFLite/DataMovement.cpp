// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- DataMovement.cpp - TFLite's reshapes, pads, slices, concatenation --===//
//
// Operators that move bytes and keep their quantization, as TFLite Micro
// copies them.
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
