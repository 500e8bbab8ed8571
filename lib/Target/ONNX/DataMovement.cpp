// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- DataMovement.cpp - reshapes, concat, pad, and shape arithmetic -----===//
//
// A reshape in ONNX's order is a reshape in qat's only when the data's order
// in memory agrees: always for tensors qat holds as they are, and for a
// channels-last image when it has one channel or one pixel. Flattening an
// image is the other case qat handles: it stays in NHWC order and the fully
// connected layer that reads it permutes its weight columns instead.
//
// Shape arithmetic on constants (Shape -> Gather -> Unsqueeze -> Concat ->
// Reshape, as exporters write `x.view(x.size(0), -1)`) is folded here.
//
//===----------------------------------------------------------------------===//

#include "Ops.h"

#include "qat/Dialect/QAT/IR/QATOps.h"

#include <cmath>
#include <numeric>

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::onnx_import;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

FailureOr<int64_t> mlir::qat::onnx_import::normalizeAxis(
    Importer &imp, const onnx::NodeProto &node, int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return imp.error(node) << "axis " << axis << " is out of range for rank "
                           << rank;
  return axis < 0 ? axis + rank : axis;
}

int64_t mlir::qat::onnx_import::qatDim(const Imported &in, int64_t d) {
  if (in.layout == Layout::Plain)
    return d;
  if (d == 0)
    return 0;
  if (d == 1)
    return 3;
  return in.onnxRank == 3 ? 2 : d - 1;
}

std::shared_ptr<const HostTensor> mlir::qat::onnx_import::makeHostTensor(
    ArrayRef<int64_t> shape, std::vector<double> values, int32_t dataType) {
  auto t = std::make_shared<HostTensor>();
  t->shape.assign(shape.begin(), shape.end());
  t->values = std::move(values);
  t->dataType = dataType;
  return t;
}

RankedTensorType mlir::qat::onnx_import::f32Tensor(Importer &imp,
                                                   ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, imp.getBuilder().getF32Type());
}

/// The element count of a shape already within the limits (an activation's,
/// or one elementCount checked); shapes from the file go through
/// Importer::elementCount.
static int64_t product(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// Whether a channels-last activation's memory is in ONNX's order too.
static bool sameOrderAsONNX(const Imported &in) {
  if (in.layout == Layout::Plain)
    return true;
  ArrayRef<int64_t> s = cast<RankedTensorType>(in.value.getType()).getShape();
  return s[3] == 1 || s[1] * s[2] == 1;
}

LogicalResult mlir::qat::onnx_import::reshapeActivation(
    Importer &imp, const onnx::NodeProto &node, const Imported &in,
    ArrayRef<int64_t> shape) {
  SmallVector<int64_t> from = in.onnxShape();
  FailureOr<int64_t> count = imp.elementCount(node, shape, "the new shape");
  if (failed(count))
    return failure();
  if (*count != product(from))
    return imp.error(node) << "cannot reshape " << product(from)
                           << " elements to " << *count;
  if (llvm::equal(shape, from)) {
    imp.define(node, 0, in);
    return success();
  }
  OpBuilder &b = imp.getBuilder();
  auto reshape = [&](ArrayRef<int64_t> qatShape) {
    return ReshapeOp::create(b, imp.loc(node), f32Tensor(imp, qatShape),
                             in.value)
        .getResult();
  };
  // Merging or splitting the spatial dimensions of a channel-first tensor
  // ([N, C, H, W] <-> [N, C, H*W]) keeps the channels: in qat's
  // channels-last order it is a reshape of the pixels.
  int64_t toRank = static_cast<int64_t>(shape.size());
  if (in.layout == Layout::ChannelsLast && (toRank == 3 || toRank == 4) &&
      shape[0] == from[0] && shape[1] == from[1]) {
    SmallVector<int64_t> held =
        toRank == 4
            ? SmallVector<int64_t>{shape[0], shape[2], shape[3], shape[1]}
            : SmallVector<int64_t>{shape[0], 1, shape[2], shape[1]};
    imp.define(node, 0,
               Imported::ofValue(reshape(held), Layout::ChannelsLast, toRank));
    return success();
  }
  // Flattening an image keeps NHWC order; a fully connected layer that
  // reads it permutes its weight columns (flattenedCHW).
  if (!sameOrderAsONNX(in) && shape.size() == 2 && shape[0] == from[0]) {
    Imported out = Imported::ofValue(reshape(shape));
    out.flattenedCHW = {from[1], in.onnxRank == 4 ? from[2] : 1,
                        in.onnxRank == 4 ? from[3] : from[2]};
    imp.define(node, 0, std::move(out));
    return success();
  }
  // Any other reshape reads the elements in ONNX's order: a channels-last
  // image whose memory order differs is transposed to it first (a channel
  // shuffle's split of the channels, say).
  Location loc = imp.loc(node);
  Value source = in.value;
  if (!sameOrderAsONNX(in) || !in.flattenedCHW.empty())
    source = imp.toBoundaryLayout(loc, in);
  int64_t rank = static_cast<int64_t>(shape.size());
  Value reshaped =
      ReshapeOp::create(b, loc, f32Tensor(imp, shape), source).getResult();
  if (rank != 3 && rank != 4) {
    imp.define(node, 0, Imported::ofValue(reshaped));
    return success();
  }
  // An image result is held channels last: free where that is the same
  // memory (one channel, or one pixel), a transpose otherwise.
  SmallVector<int64_t> nhwc =
      rank == 4 ? SmallVector<int64_t>{shape[0], shape[2], shape[3], shape[1]}
                : SmallVector<int64_t>{shape[0], 1, shape[2], shape[1]};
  Value held = nhwc[3] == 1 || nhwc[1] * nhwc[2] == 1
                   ? ReshapeOp::create(b, loc, f32Tensor(imp, nhwc), reshaped)
                         .getResult()
                   : imp.toHeldLayout(loc, reshaped, rank);
  imp.define(node, 0, Imported::ofValue(held, Layout::ChannelsLast, rank));
  return success();
}

/// Reads an integer list given as attribute `name` (older opsets) or as
/// constant input `index` (newer ones).
static FailureOr<std::optional<SmallVector<int64_t>>>
intsFromAttrOrInput(Importer &imp, const onnx::NodeProto &node, StringRef name,
                    int index) {
  FailureOr<std::optional<SmallVector<int64_t>>> a = imp.intsAttr(node, name);
  if (failed(a) || *a || !imp.hasInput(node, index))
    return a;
  FailureOr<const HostTensor *> t = imp.constantInput(node, index, name);
  if (failed(t))
    return failure();
  FailureOr<SmallVector<int64_t>> v =
      imp.boundedIntegers(node, **t, "input '" + node.input(index) + "'");
  if (failed(v))
    return failure();
  return std::optional<SmallVector<int64_t>>(std::move(*v));
}

/// Defines output 0 as input 0 reshaped to `shape`, folding constants.
static LogicalResult reshapeTo(Importer &imp, const onnx::NodeProto &node,
                               const Imported &in, ArrayRef<int64_t> shape) {
  if (in.isConstant()) {
    auto t = std::make_shared<HostTensor>(*in.constant);
    t->shape.assign(shape.begin(), shape.end());
    if (in.constantQuant && in.constantQuant->axis)
      return imp.error(node) << "reshapes a per-axis quantized constant";
    imp.define(node, 0, Imported::ofConstant(t, in.constantQuant));
    return success();
  }
  if (!in.isActivation())
    return imp.error(node) << "reads a QuantizeLinear output directly";
  return reshapeActivation(imp, node, in, shape);
}

//===----------------------------------------------------------------------===//
// Handlers
//===----------------------------------------------------------------------===//

LogicalResult
mlir::qat::onnx_import::importIdentity(Importer &imp,
                                       const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.input(node, 0);
  if (failed(x))
    return failure();
  imp.define(node, 0, **x);
  return success();
}

LogicalResult
mlir::qat::onnx_import::importConstant(Importer &imp,
                                       const onnx::NodeProto &node) {
  if (node.attribute_size() != 1)
    return imp.error(node) << "must have exactly one value attribute";
  const onnx::AttributeProto &a = node.attribute(0);
  std::shared_ptr<const HostTensor> t;
  if (a.name() == "value") {
    FailureOr<HostTensor> decoded =
        decodeTensor(a.t(), [&] { return imp.error(node); });
    if (failed(decoded))
      return failure();
    t = std::make_shared<HostTensor>(std::move(*decoded));
  } else if (a.name() == "value_float") {
    t = makeHostTensor({}, {a.f()}, onnx::TensorProto::FLOAT);
  } else if (a.name() == "value_int") {
    t = makeHostTensor({}, {static_cast<double>(a.i())},
                       onnx::TensorProto::INT64);
  } else if (a.name() == "value_floats") {
    t = makeHostTensor(
        {a.floats_size()},
        std::vector<double>(a.floats().begin(), a.floats().end()),
        onnx::TensorProto::FLOAT);
  } else {
    t = makeHostTensor({a.ints_size()},
                       std::vector<double>(a.ints().begin(), a.ints().end()),
                       onnx::TensorProto::INT64);
  }
  imp.define(node, 0, Imported::ofConstant(t));
  return success();
}

LogicalResult
mlir::qat::onnx_import::importReshape(Importer &imp,
                                      const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.input(node, 0);

  if (failed(x))
    return failure();
  FailureOr<const HostTensor *> target =
      imp.constantInput(node, 1, "the shape");
  FailureOr<int64_t> allowZero = imp.intAttr(node, "allowzero", 0);
  if (failed(x) || failed(target) || failed(allowZero))
    return failure();
  SmallVector<int64_t> from = (*x)->onnxShape(), shape;
  int64_t inferred = -1, known = 1;
  FailureOr<SmallVector<int64_t>> entries =
      imp.boundedIntegers(node, **target, "the shape");
  if (failed(entries))
    return failure();
  for (auto [i, d] : llvm::enumerate(*entries)) {
    if (d == 0 && !*allowZero) {
      if (i >= from.size())
        return imp.error(node)
               << "shape entry " << i << " copies a dimension the input lacks";
      d = from[i];
    }
    if (d == -1) {
      if (inferred >= 0)
        return imp.error(node) << "the shape has two -1 entries";
      inferred = i;
      d = 1;
    } else if (d < 0) {
      return imp.error(node) << "the shape has the entry " << d;
    } else {
      known *= d;
    }
    shape.push_back(d);
  }
  if (inferred >= 0) {
    // The known dimensions must fit the input's elements before the -1 is
    // inferred from them.
    FailureOr<int64_t> knownCount =
        imp.elementCount(node, shape, "the new shape");
    if (failed(knownCount))
      return failure();
    known = *knownCount;
    if (known == 0 || product(from) % known != 0)
      return imp.error(node) << "cannot infer the -1 dimension";
    shape[inferred] = product(from) / known;
  }
  return reshapeTo(imp, node, **x, shape);
}

LogicalResult
mlir::qat::onnx_import::importFlatten(Importer &imp,
                                      const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.input(node, 0);
  FailureOr<int64_t> axis = imp.intAttr(node, "axis", 1);
  if (failed(x) || failed(axis))
    return failure();
  SmallVector<int64_t> from = (*x)->onnxShape();
  int64_t rank = from.size();
  int64_t a = *axis < 0 ? *axis + rank : *axis;
  if (a < 0 || a > rank)
    return imp.error(node) << "axis " << *axis << " is out of range";
  int64_t outer = product(ArrayRef<int64_t>(from).take_front(a));
  return reshapeTo(imp, node, **x,
                   {outer, product(from) / std::max<int64_t>(outer, 1)});
}

LogicalResult
mlir::qat::onnx_import::importSqueeze(Importer &imp,
                                      const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.input(node, 0);

  if (failed(x))
    return failure();
  FailureOr<std::optional<SmallVector<int64_t>>> axes =
      intsFromAttrOrInput(imp, node, "axes", 1);
  if (failed(x) || failed(axes))
    return failure();
  SmallVector<int64_t> from = (*x)->onnxShape(), shape;
  int64_t rank = from.size();
  SmallVector<bool> drop(rank, false);
  if (*axes) {
    for (int64_t a : **axes) {
      FailureOr<int64_t> d = normalizeAxis(imp, node, a, rank);
      if (failed(d))
        return failure();
      if (from[*d] != 1)
        return imp.error(node)
               << "squeezes dimension " << *d << " of size " << from[*d];
      drop[*d] = true;
    }
  } else {
    for (int64_t d = 0; d < rank; ++d)
      drop[d] = from[d] == 1;
  }
  for (int64_t d = 0; d < rank; ++d)
    if (!drop[d])
      shape.push_back(from[d]);
  return reshapeTo(imp, node, **x, shape);
}

LogicalResult
mlir::qat::onnx_import::importUnsqueeze(Importer &imp,
                                        const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.input(node, 0);

  if (failed(x))
    return failure();
  FailureOr<std::optional<SmallVector<int64_t>>> axes =
      intsFromAttrOrInput(imp, node, "axes", 1);
  if (failed(x) || failed(axes))
    return failure();
  if (!*axes)
    return imp.error(node) << "the axes are missing";
  SmallVector<int64_t> from = (*x)->onnxShape();
  int64_t rank = from.size() + (*axes)->size();
  SmallVector<bool> inserted(rank, false);
  for (int64_t a : **axes) {
    FailureOr<int64_t> d = normalizeAxis(imp, node, a, rank);
    if (failed(d))
      return failure();
    inserted[*d] = true;
  }
  SmallVector<int64_t> shape;
  size_t next = 0;
  for (int64_t d = 0; d < rank; ++d)
    shape.push_back(inserted[d] ? 1 : from[next++]);
  return reshapeTo(imp, node, **x, shape);
}

LogicalResult
mlir::qat::onnx_import::importTranspose(Importer &imp,
                                        const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.input(node, 0);
  FailureOr<std::optional<SmallVector<int64_t>>> permAttr =
      imp.intsAttr(node, "perm");
  if (failed(x) || failed(permAttr))
    return failure();
  SmallVector<int64_t> from = (*x)->onnxShape();
  int64_t rank = from.size();
  SmallVector<int64_t> perm;
  if (*permAttr)
    perm = **permAttr;
  else
    for (int64_t d = rank - 1; d >= 0; --d)
      perm.push_back(d);
  SmallVector<int64_t> sorted(perm);
  llvm::sort(sorted);
  for (int64_t d = 0; d < rank; ++d)
    if (static_cast<int64_t>(sorted.size()) != rank || sorted[d] != d)
      return imp.error(node)
             << "perm is not a permutation of the " << rank << " dimensions";
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(from[p]);

  if ((*x)->isConstant()) {
    // A per-axis quantization follows its axis to where perm puts it
    // (PyTorch's Linear on a sequence transposes its per-channel weights).
    std::optional<QuantParams> quant = (*x)->constantQuant;
    if (quant && quant->axis) {
      int64_t axis = *quant->axis < 0 ? *quant->axis + rank : *quant->axis;
      quant->axis = llvm::find(perm, axis) - perm.begin();
    }
    const HostTensor &t = *(*x)->constant;
    auto out = std::make_shared<HostTensor>(t);
    out->shape = shape;
    SmallVector<int64_t> strides(rank, 1), index(rank, 0);
    for (int64_t d = rank - 2; d >= 0; --d)
      strides[d] = strides[d + 1] * from[d + 1];
    for (size_t flat = 0; flat < t.values.size(); ++flat) {
      int64_t src = 0;
      for (int64_t d = 0; d < rank; ++d)
        src += index[d] * strides[perm[d]];
      out->values[flat] = t.values[src];
      for (int64_t d = rank - 1; d >= 0; --d) {
        if (++index[d] < shape[d])
          break;
        index[d] = 0;
      }
    }
    imp.define(node, 0, Imported::ofConstant(out, quant));
    return success();
  }
  // On an activation, a transpose that moves unit dimensions keeps the
  // data's order: a reshape. Any other moves data, in ONNX's order.
  SmallVector<int64_t> moved;
  for (int64_t p : perm)
    if (from[p] != 1)
      moved.push_back(p);
  if (llvm::is_sorted(moved))
    return reshapeTo(imp, node, **x, shape);
  if (!(*x)->isActivation())
    return imp.error(node) << "reads a QuantizeLinear output directly";
  Location loc = imp.loc(node);
  Value source = imp.toBoundaryLayout(loc, **x);
  Value transposed =
      TransposeOp::create(imp.getBuilder(), loc, f32Tensor(imp, shape), source,
                          imp.getBuilder().getDenseI64ArrayAttr(perm));
  if (rank == 3 || rank == 4)
    imp.define(node, 0,
               Imported::ofValue(imp.toHeldLayout(loc, transposed, rank),
                                 Layout::ChannelsLast, rank));
  else
    imp.define(node, 0, Imported::ofValue(transposed));
  return success();
}

LogicalResult
mlir::qat::onnx_import::importConcat(Importer &imp,
                                     const onnx::NodeProto &node) {
  FailureOr<int64_t> axis = imp.intAttr(node, "axis", 0);
  if (failed(axis))
    return failure();
  if (!imp.attr(node, "axis"))
    return imp.error(node) << "attribute 'axis' is missing";
  SmallVector<const Imported *> ins;
  for (int i = 0; i < node.input_size(); ++i) {
    FailureOr<const Imported *> in = imp.input(node, i);
    if (failed(in))
      return failure();
    ins.push_back(*in);
  }
  if (ins.empty())
    return imp.error(node) << "has no inputs";
  int64_t rank = ins[0]->onnxShape().size();
  FailureOr<int64_t> d = normalizeAxis(imp, node, *axis, rank);
  if (failed(d))
    return failure();

  if (llvm::all_of(ins, [](const Imported *i) {
        return i->isConstant() && !i->constantQuant;
      })) {
    // Fold: concatenate the constants along `d`.
    SmallVector<int64_t> shape = ins[0]->constant->shape;
    shape[*d] = 0;
    for (const Imported *i : ins) {
      if (i->constant->shape.size() != static_cast<size_t>(rank))
        return imp.error(node) << "the inputs have different ranks";
      shape[*d] += i->constant->shape[*d];
    }
    if (failed(imp.elementCount(node, shape, "the concatenated constant",
                                kMaxFoldedElements)))
      return failure();
    int64_t outer = product(ArrayRef<int64_t>(shape).take_front(*d));
    std::vector<double> values;
    for (int64_t o = 0; o < outer; ++o)
      for (const Imported *i : ins) {
        int64_t chunk =
            product(ArrayRef<int64_t>(i->constant->shape).drop_front(*d));
        values.insert(values.end(), i->constant->values.begin() + o * chunk,
                      i->constant->values.begin() + (o + 1) * chunk);
      }
    imp.define(node, 0,
               Imported::ofConstant(makeHostTensor(
                   shape, std::move(values), ins[0]->constant->dataType)));
    return success();
  }

  // The activations' layout; a fake-quantized constant among them (a
  // learned class token put before the tokens) joins them as a value.
  const Imported *first =
      *llvm::find_if(ins, [](const Imported *i) { return i->isActivation(); });
  if (!first->isActivation())
    return imp.error(node) << "concatenates quantized constants only";
  SmallVector<Value> operands;
  for (auto [i, in] : llvm::enumerate(ins)) {
    if (in->isConstant() && in->constantQuant) {
      if (in->constant->shape.size() != static_cast<size_t>(rank))
        return imp.error(node) << "the inputs have different ranks";
      if (first->layout == Layout::Plain) {
        operands.push_back(imp.materialize(node, *in));
        continue;
      }
      // NCHW (NCL as NC1L) -> NHWC, as the activations are held.
      SmallVector<int64_t> asRank4(in->constant->shape);
      if (first->onnxRank == 3)
        asRank4.insert(asRank4.begin() + 2, 1);
      operands.push_back(
          imp.materialize(node, *in, {0, 2, 3, 1}, ArrayRef<int64_t>(asRank4)));
      continue;
    }
    if (!in->isActivation())
      return imp.error(node) << "input '" << node.input(i)
                             << "' is not an activation; qat concatenates "
                                "activations and fake-quantized constants";
    if (in->layout != first->layout || in->onnxRank != first->onnxRank)
      return imp.error(node) << "the inputs have different layouts";
    operands.push_back(in->value);
  }
  int64_t qd = qatDim(*first, *d);
  SmallVector<int64_t> shape(
      cast<RankedTensorType>(operands[0].getType()).getShape());
  shape[qd] = 0;
  for (Value v : operands)
    shape[qd] += cast<RankedTensorType>(v.getType()).getShape()[qd];
  Value out = ConcatOp::create(imp.getBuilder(), imp.loc(node),
                               f32Tensor(imp, shape), operands, qd);
  imp.define(node, 0, Imported::ofValue(out, first->layout, first->onnxRank));
  return success();
}

LogicalResult mlir::qat::onnx_import::importPad(Importer &imp,
                                                const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);
  FailureOr<std::string> mode = imp.stringAttr(node, "mode", "constant");
  if (failed(x) || failed(mode))
    return failure();
  if (*mode != "constant")
    return imp.error(node) << "mode '" << *mode
                           << "' is not supported (only 'constant')";
  if (imp.hasInput(node, 3))
    return imp.error(node) << "the 'axes' input is not supported";
  FailureOr<std::optional<SmallVector<int64_t>>> pads =
      intsFromAttrOrInput(imp, node, "pads", 1);
  if (failed(pads))
    return failure();
  if (!*pads)
    return imp.error(node) << "the pads are missing";
  double value = 0;
  if (imp.opset() < 11) {
    FailureOr<double> v = imp.floatAttr(node, "value", 0.0);
    if (failed(v))
      return failure();
    value = *v;
  } else if (imp.hasInput(node, 2)) {
    FailureOr<const HostTensor *> v =
        imp.constantInput(node, 2, "the constant value");
    if (failed(v))
      return failure();
    if ((*v)->numElements() != 1)
      return imp.error(node) << "the constant value must be a scalar";
    value = (*v)->values[0];
  }
  SmallVector<int64_t> from = (*x)->onnxShape();
  int64_t rank = from.size();
  if (static_cast<int64_t>((*pads)->size()) != 2 * rank)
    return imp.error(node) << "has " << (*pads)->size() << " pads for a rank-"
                           << rank << " tensor";
  SmallVector<int64_t> shape(
      cast<RankedTensorType>((*x)->value.getType()).getShape());
  SmallVector<int64_t> padding(2 * shape.size(), 0);
  for (int64_t d = 0; d < rank; ++d) {
    int64_t before = (**pads)[d], after = (**pads)[d + rank];
    if (before < 0 || after < 0)
      return imp.error(node) << "negative pads (cropping) are not supported";
    int64_t q = qatDim(**x, d);
    padding[2 * q] = before;
    padding[2 * q + 1] = after;
    shape[q] += before + after;
  }
  // PyTorch writes a Pad of zeros before every AveragePool it exports.
  if (llvm::all_of(padding, [](int64_t p) { return p == 0; })) {
    imp.define(node, 0, **x);
    return success();
  }
  Value out =
      PadOp::create(imp.getBuilder(), imp.loc(node), f32Tensor(imp, shape),
                    (*x)->value, imp.getBuilder().getDenseI64ArrayAttr(padding),
                    imp.getBuilder().getF64FloatAttr(value));
  imp.define(node, 0, Imported::ofValue(out, (*x)->layout, (*x)->onnxRank));
  return success();
}

LogicalResult mlir::qat::onnx_import::importShape(Importer &imp,
                                                  const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.input(node, 0);
  FailureOr<int64_t> start = imp.intAttr(node, "start", 0);
  if (failed(x) || failed(start))
    return failure();
  SmallVector<int64_t> shape = (*x)->onnxShape();
  int64_t rank = shape.size();
  FailureOr<int64_t> end = imp.intAttr(node, "end", rank);
  if (failed(end))
    return failure();
  int64_t s = std::clamp<int64_t>(*start < 0 ? *start + rank : *start, 0, rank);
  int64_t e = std::clamp<int64_t>(*end < 0 ? *end + rank : *end, 0, rank);
  std::vector<double> values;
  for (int64_t d = s; d < e; ++d)
    values.push_back(static_cast<double>(shape[d]));
  imp.define(node, 0,
             Imported::ofConstant(
                 makeHostTensor({static_cast<int64_t>(values.size())},
                                std::move(values), onnx::TensorProto::INT64)));
  return success();
}

LogicalResult
mlir::qat::onnx_import::importGather(Importer &imp,
                                     const onnx::NodeProto &node) {
  // One position of a sequence activation (an LSTM's last step, x[:, -1]):
  // a slice, the axis then dropped.
  FailureOr<const Imported *> source = imp.input(node, 0);
  if (succeeded(source) && (*source)->isActivation() &&
      ((*source)->layout == Layout::Plain || (*source)->onnxRank == 3)) {
    // A channel-first sequence held channels last, in ONNX's order first.
    Value sourceValue = (*source)->layout == Layout::Plain
                            ? (*source)->value
                            : imp.toBoundaryLayout(imp.loc(node), **source);
    FailureOr<const HostTensor *> index =
        imp.constantInput(node, 1, "the index");
    FailureOr<int64_t> axis = imp.intAttr(node, "axis", 0);
    if (failed(index) || failed(axis))
      return failure();
    ArrayRef<int64_t> shape =
        cast<RankedTensorType>(sourceValue.getType()).getShape();
    FailureOr<int64_t> d = normalizeAxis(imp, node, *axis, shape.size());
    if (failed(d))
      return failure();
    if (!(*index)->shape.empty())
      return imp.error(node)
             << "gathers an activation at " << (*index)->numElements()
             << " positions; qat takes one (a scalar index)";
    FailureOr<int64_t> i =
        imp.boundedInteger(node, (*index)->values[0], "the index");
    if (failed(i))
      return failure();
    if (*i < -shape[*d] || *i >= shape[*d])
      return imp.error(node) << "index " << *i << " is out of range";
    SmallVector<int64_t> begin(shape.size(), 0), strides(shape.size(), 1),
        sliced(shape), kept;
    begin[*d] = *i < 0 ? *i + shape[*d] : *i;
    sliced[*d] = 1;
    for (size_t k = 0; k < shape.size(); ++k)
      if (static_cast<int64_t>(k) != *d)
        kept.push_back(shape[k]);
    OpBuilder &b = imp.getBuilder();
    Location loc = imp.loc(node);
    Value slice = SliceOp::create(b, loc, f32Tensor(imp, sliced), sourceValue,
                                  b.getDenseI64ArrayAttr(begin),
                                  b.getDenseI64ArrayAttr(strides));
    imp.define(node, 0,
               Imported::ofValue(
                   ReshapeOp::create(b, loc, f32Tensor(imp, kept), slice)));
    return success();
  }
  FailureOr<const HostTensor *> data = imp.constantInput(node, 0, "the data");

  if (failed(data))
    return failure();
  FailureOr<const HostTensor *> indices =
      imp.constantInput(node, 1, "the indices");
  FailureOr<int64_t> axis = imp.intAttr(node, "axis", 0);
  if (failed(data) || failed(indices) || failed(axis))
    return failure();
  const HostTensor &t = **data;
  FailureOr<int64_t> d = normalizeAxis(imp, node, *axis, t.shape.size());
  if (failed(d))
    return failure();
  int64_t extent = t.shape[*d];
  int64_t outer = product(ArrayRef<int64_t>(t.shape).take_front(*d));
  int64_t inner = product(ArrayRef<int64_t>(t.shape).drop_front(*d + 1));
  SmallVector<int64_t> shape(t.shape.begin(), t.shape.begin() + *d);
  shape.append((*indices)->shape.begin(), (*indices)->shape.end());
  shape.append(t.shape.begin() + *d + 1, t.shape.end());
  if (failed(imp.elementCount(node, shape, "the gathered constant",
                              kMaxFoldedElements)))
    return failure();
  FailureOr<SmallVector<int64_t>> positions =
      imp.boundedIntegers(node, **indices, "the indices");
  if (failed(positions))
    return failure();
  std::vector<double> values;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i : *positions) {
      if (i < -extent || i >= extent)
        return imp.error(node) << "index " << i << " is out of range";
      i = i < 0 ? i + extent : i;
      for (int64_t k = 0; k < inner; ++k)
        values.push_back(t.values[(o * extent + i) * inner + k]);
    }
  imp.define(node, 0,
             Imported::ofConstant(
                 makeHostTensor(shape, std::move(values), t.dataType)));
  return success();
}

LogicalResult mlir::qat::onnx_import::importCast(Importer &imp,
                                                 const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.input(node, 0);
  FailureOr<int64_t> to = imp.intAttr(node, "to", 0);
  if (failed(x) || failed(to))
    return failure();
  if ((*x)->isActivation()) {
    if (*to != onnx::TensorProto::FLOAT)
      return imp.error(node) << "casts an activation to " << dataTypeName(*to);
    imp.define(node, 0, **x);
    return success();
  }
  if (!(*x)->isConstant() || (*x)->constantQuant)
    return imp.error(node) << "casts a quantized tensor";
  auto t = std::make_shared<HostTensor>(*(*x)->constant);
  t->dataType = static_cast<int32_t>(*to);
  for (double &v : t->values) {
    if (*to == onnx::TensorProto::FLOAT)
      v = static_cast<float>(v);
    else if (*to == onnx::TensorProto::BOOL)
      v = v != 0;
    else if (*to != onnx::TensorProto::DOUBLE)
      v = std::trunc(v);
  }
  imp.define(node, 0, Imported::ofConstant(t));
  return success();
}

LogicalResult
mlir::qat::onnx_import::importConstantOfShape(Importer &imp,
                                              const onnx::NodeProto &node) {
  FailureOr<const HostTensor *> shape = imp.constantInput(node, 0, "the shape");
  if (failed(shape))
    return failure();
  double value = 0;
  int32_t dataType = onnx::TensorProto::FLOAT;
  if (const onnx::AttributeProto *a = imp.attr(node, "value")) {
    if (a->type() != onnx::AttributeProto::TENSOR)
      return imp.error(node) << "attribute 'value' must be a tensor";
    FailureOr<HostTensor> t =
        decodeTensor(a->t(), [&] { return imp.error(node); });
    if (failed(t))
      return failure();
    if (t->numElements() != 1)
      return imp.error(node) << "attribute 'value' must hold one element";
    value = t->values[0];
    dataType = t->dataType;
  }
  FailureOr<SmallVector<int64_t>> dims =
      imp.boundedIntegers(node, **shape, "the shape");
  if (failed(dims))
    return failure();
  FailureOr<int64_t> count =
      imp.elementCount(node, *dims, "the constant", kMaxFoldedElements);
  if (failed(count))
    return failure();
  std::vector<double> values(*count, value);
  imp.define(
      node, 0,
      Imported::ofConstant(makeHostTensor(*dims, std::move(values), dataType)));
  return success();
}

/// A Slice of an activation: per ONNX dimension its first index, step and
/// count, taken along the dimension that holds it (an image's channels
/// last). A flattened image is put back in ONNX's order first.
static LogicalResult sliceActivation(Importer &imp, const onnx::NodeProto &node,
                                     const Imported &in,
                                     ArrayRef<int64_t> first,
                                     ArrayRef<int64_t> step,
                                     ArrayRef<int64_t> count, int output = 0) {
  if (llvm::is_contained(count, 0))
    return imp.error(node) << "takes no element along some dimension";
  Location loc = imp.loc(node);
  Imported source = in;
  if (!in.flattenedCHW.empty()) {
    source.value = imp.toBoundaryLayout(loc, in);
    source.flattenedCHW.clear();
  }
  SmallVector<int64_t> held(
      cast<RankedTensorType>(source.value.getType()).getShape());
  SmallVector<int64_t> begin(held.size(), 0), strides(held.size(), 1);
  for (size_t d = 0; d < first.size(); ++d) {
    int64_t q = qatDim(source, d);
    begin[q] = first[d];
    strides[q] = step[d];
    held[q] = count[d];
  }
  OpBuilder &b = imp.getBuilder();
  Imported out = source;
  out.value = SliceOp::create(b, loc, f32Tensor(imp, held), source.value,
                              b.getDenseI64ArrayAttr(begin),
                              b.getDenseI64ArrayAttr(strides));
  imp.define(node, output, std::move(out));
  return success();
}

LogicalResult mlir::qat::onnx_import::importSlice(Importer &imp,
                                                  const onnx::NodeProto &node) {
  FailureOr<const Imported *> data = imp.input(node, 0);
  if (failed(data))
    return failure();
  if (imp.opset() < 10)
    return imp.error(node) << "Slice before opset 10 is not supported";
  const Imported &in = **data;
  if (!in.isConstant() && !in.isActivation())
    return imp.error(node) << "reads a QuantizeLinear output directly";
  SmallVector<int64_t> shape = in.isConstant()
                                   ? SmallVector<int64_t>(in.constant->shape)
                                   : in.onnxShape();
  int64_t rank = shape.size();
  auto ints = [&](int i, StringRef what) -> FailureOr<SmallVector<int64_t>> {
    FailureOr<const HostTensor *> v = imp.constantInput(node, i, what);
    if (failed(v))
      return failure();
    SmallVector<int64_t> result;
    for (double x : (*v)->values)
      result.push_back(x >= 9.2e18    ? INT64_MAX
                       : x <= -9.2e18 ? INT64_MIN
                                      : static_cast<int64_t>(x));
    return result;
  };
  FailureOr<SmallVector<int64_t>> starts = ints(1, "the starts"),
                                  ends = ints(2, "the ends");
  if (failed(starts) || failed(ends))
    return failure();
  SmallVector<int64_t> axes, steps(starts->size(), 1);
  for (size_t i = 0; i < starts->size(); ++i)
    axes.push_back(i);
  if (imp.hasInput(node, 3)) {
    FailureOr<SmallVector<int64_t>> a = ints(3, "the axes");
    if (failed(a))
      return failure();
    axes = *a;
  }
  if (imp.hasInput(node, 4)) {
    FailureOr<SmallVector<int64_t>> s = ints(4, "the steps");
    if (failed(s))
      return failure();
    steps = *s;
  }
  if (ends->size() != starts->size() || axes.size() != starts->size() ||
      steps.size() != starts->size())
    return imp.error(node) << "starts, ends, axes and steps differ in length";
  // Per dimension: the first index, the step and the count.
  SmallVector<int64_t> first(rank, 0), step(rank, 1), count(shape);
  for (size_t i = 0; i < axes.size(); ++i) {
    FailureOr<int64_t> d = normalizeAxis(imp, node, axes[i], rank);
    if (failed(d))
      return failure();
    int64_t n = shape[*d], s = steps[i];
    if (s == 0)
      return imp.error(node) << "a step is 0";
    auto clampIndex = [&](int64_t v, int64_t lo, int64_t hi) {
      if (v < 0)
        v = v == INT64_MIN ? lo : v + n;
      return std::clamp(v, lo, hi);
    };
    int64_t b = s > 0 ? clampIndex((*starts)[i], 0, n)
                      : clampIndex((*starts)[i], -1, n - 1);
    int64_t e = s > 0 ? clampIndex((*ends)[i], 0, n)
                      : clampIndex((*ends)[i], -1, n - 1);
    first[*d] = b;
    step[*d] = s;
    count[*d] = s > 0 ? std::max<int64_t>(0, (e - b + s - 1) / s)
                      : std::max<int64_t>(0, (b - e - s - 1) / -s);
  }
  if (in.isActivation())
    return sliceActivation(imp, node, in, first, step, count);
  if (in.constantQuant && in.constantQuant->axis)
    return imp.error(node) << "slices a per-axis quantized constant";
  const HostTensor &t = *in.constant;
  SmallVector<int64_t> strides(rank, 1), index(rank, 0);
  for (int64_t d = rank - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * t.shape[d + 1];
  std::vector<double> values;
  FailureOr<int64_t> total =
      imp.elementCount(node, count, "the slice", kMaxFoldedElements);
  if (failed(total))
    return failure();
  for (int64_t flat = 0; flat < *total; ++flat) {
    int64_t src = 0;
    for (int64_t d = 0; d < rank; ++d)
      src += (first[d] + index[d] * step[d]) * strides[d];
    values.push_back(t.values[src]);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < count[d])
        break;
      index[d] = 0;
    }
  }
  imp.define(node, 0,
             Imported::ofConstant(
                 makeHostTensor(count, std::move(values), t.dataType)));
  return success();
}

LogicalResult mlir::qat::onnx_import::importSplit(Importer &imp,
                                                  const onnx::NodeProto &node) {
  FailureOr<const Imported *> data = imp.input(node, 0);
  if (failed(data))
    return failure();
  const Imported &in = **data;
  if (!in.isActivation())
    return imp.error(node) << "splits a constant or a QuantizeLinear output; "
                              "qat splits activations";
  SmallVector<int64_t> shape = in.onnxShape();
  int64_t rank = shape.size();
  FailureOr<int64_t> axisAttr = imp.intAttr(node, "axis", 0);
  if (failed(axisAttr))
    return failure();
  FailureOr<int64_t> axis = normalizeAxis(imp, node, *axisAttr, rank);
  if (failed(axis))
    return failure();
  int64_t outputs = node.output_size(), length = shape[*axis];
  FailureOr<std::optional<SmallVector<int64_t>>> given =
      intsFromAttrOrInput(imp, node, "split", 1);
  if (failed(given))
    return failure();
  SmallVector<int64_t> sizes;
  if (*given) {
    sizes = **given;
  } else {
    if (outputs < 1 || length % outputs != 0)
      return imp.error(node) << "splits " << length << " elements into "
                             << outputs << " equal parts";
    sizes.assign(outputs, length / outputs);
  }
  if (static_cast<int64_t>(sizes.size()) != outputs ||
      llvm::any_of(sizes, [](int64_t n) { return n < 1; }) ||
      std::accumulate(sizes.begin(), sizes.end(), int64_t(0)) != length)
    return imp.error(node) << "split sizes must be " << outputs
                           << " positive numbers adding up to " << length;
  SmallVector<int64_t> first(rank, 0), step(rank, 1);
  for (int64_t i = 0, offset = 0; i < outputs; offset += sizes[i++]) {
    SmallVector<int64_t> count(shape);
    first[*axis] = offset;
    count[*axis] = sizes[i];
    if (failed(sliceActivation(imp, node, in, first, step, count, i)))
      return failure();
  }
  return success();
}
