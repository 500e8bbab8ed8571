// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Quantization.cpp - QuantizeLinear and DequantizeLinear -------------===//
//
// A QuantizeLinear -> DequantizeLinear pair with equal parameters is one
// qat.fake_quant in the affine form (ONNX rounds half to even and saturates,
// as the form does). A DequantizeLinear of an integer initializer is a
// constant already on its grid: int8/uint8 weights keep a fake_quant with
// those parameters, int32 biases become their float values.
//
//===----------------------------------------------------------------------===//

#include "Ops.h"

#include "qat/Dialect/QAT/IR/QATOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::onnx_import;

namespace {
/// The quantized range of a zero-point data type, or nullopt.
std::optional<std::pair<int64_t, int64_t>> rangeOf(int32_t dataType) {
  switch (dataType) {
  case onnx::TensorProto::UINT8:
    return std::make_pair<int64_t, int64_t>(0, 255);
  case onnx::TensorProto::INT8:
    return std::make_pair<int64_t, int64_t>(-128, 127);
  // int16 QDQ as ONNX opset 21 defines it (qat's 16-bit activations).
  case onnx::TensorProto::INT16:
    return std::make_pair<int64_t, int64_t>(-32768, 32767);
  case onnx::TensorProto::INT32:
    return std::make_pair<int64_t, int64_t>(INT32_MIN, INT32_MAX);
  default:
    return std::nullopt;
  }
}

/// Reads inputs 1 (scale) and 2 (zero point) and the `axis` attribute of a
/// QuantizeLinear or DequantizeLinear whose data has ONNX shape `shape`.
/// `dataType` is the integer type when the node's data input fixes it.
FailureOr<QuantParams> readParams(Importer &imp, const onnx::NodeProto &node,
                                  ArrayRef<int64_t> shape,
                                  std::optional<int32_t> dataType) {
  FailureOr<const HostTensor *> scale = imp.constantInput(node, 1, "the scale");
  if (failed(scale))
    return failure();
  if (!(*scale)->isFloat())
    return imp.error(node) << "the scale must be float32, not "
                           << dataTypeName((*scale)->dataType);
  QuantParams q;
  int64_t count = (*scale)->numElements();
  if (count == 0)
    return imp.error(node) << "the scale is empty";
  for (double s : (*scale)->values) {
    float f = static_cast<float>(s);
    if (!(f > 0) || !std::isfinite(f))
      return imp.error(node)
             << "scale " << s << " must be positive and finite in float32";
    q.scale.push_back(s);
  }

  int32_t zpType = dataType.value_or(onnx::TensorProto::UINT8);
  std::vector<double> zp(count, 0.0);
  if (imp.hasInput(node, 2)) {
    FailureOr<const HostTensor *> z =
        imp.constantInput(node, 2, "the zero point");
    if (failed(z))
      return failure();
    if (dataType && (*z)->dataType != *dataType)
      return imp.error(node)
             << "the zero point is " << dataTypeName((*z)->dataType)
             << " but the data is " << dataTypeName(*dataType);
    zpType = (*z)->dataType;
    if ((*z)->numElements() != count)
      return imp.error(node) << "the zero point has " << (*z)->numElements()
                             << " elements and the scale " << count;
    zp = (*z)->values;
  }
  std::optional<std::pair<int64_t, int64_t>> range = rangeOf(zpType);
  if (!range)
    return imp.error(node) << "quantized type " << dataTypeName(zpType)
                           << " is not supported (qat imports uint8, int8 "
                              "and int16, and int32 for biases)";
  q.qmin = range->first;
  q.qmax = range->second;
  for (double z : zp)
    q.zeroPoint.push_back(static_cast<int64_t>(z));

  if (count > 1 || !(*scale)->shape.empty()) {
    // A 1-D scale is per axis (a one-element 1-D scale on a one-element
    // axis is too, but equals per tensor, which lowering prefers).
    if ((*scale)->shape.size() > 1)
      return imp.error(node) << "the scale must be a scalar or 1-D, not of "
                                "rank "
                             << (*scale)->shape.size();
    if (count > 1) {
      FailureOr<int64_t> axis = imp.intAttr(node, "axis", 1);
      if (failed(axis))
        return failure();
      FailureOr<int64_t> d = normalizeAxis(imp, node, *axis, shape.size());
      if (failed(d))
        return failure();
      if (shape[*d] != count)
        return imp.error(node)
               << "the scale has " << count << " elements, but axis " << *d
               << " of the data has " << shape[*d];
      q.axis = *d;
    }
  }
  return q;
}

void printParams(InFlightDiagnostic &diag, const QuantParams &q) {
  diag << "scale " << (q.scale.size() == 1 ? "" : "[");
  llvm::interleaveComma(q.scale, diag);
  diag << (q.scale.size() == 1 ? "" : "]") << ", zero point "
       << (q.zeroPoint.size() == 1 ? "" : "[");
  llvm::interleaveComma(q.zeroPoint, diag);
  diag << (q.zeroPoint.size() == 1 ? "" : "]");
}
} // namespace

LogicalResult
mlir::qat::onnx_import::importQuantizeLinear(Importer &imp,
                                             const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.input(node, 0);
  if (failed(x))
    return failure();
  if ((*x)->kind == Imported::Kind::Quantized ||
      ((*x)->isConstant() &&
       ((*x)->constantQuant || !(*x)->constant->isFloat())))
    return imp.error(node) << "quantizes '" << node.input(0)
                           << "', which is not a float tensor";
  FailureOr<QuantParams> q =
      readParams(imp, node, (*x)->onnxShape(), std::nullopt);
  if (failed(q))
    return failure();
  if (q->qmin == INT32_MIN)
    return imp.error(node) << "QuantizeLinear to int32 is not supported";
  Imported out;
  out.kind = Imported::Kind::Quantized;
  out.source = std::make_shared<Imported>(**x);
  out.quant = *q;
  imp.define(node, 0, std::move(out));
  return success();
}

LogicalResult
mlir::qat::onnx_import::importDequantizeLinear(Importer &imp,
                                               const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.input(node, 0);
  if (failed(x))
    return failure();
  const Imported &in = **x;

  if (in.kind == Imported::Kind::Quantized) {
    FailureOr<QuantParams> q =
        readParams(imp, node, in.onnxShape(), std::nullopt);
    if (failed(q))
      return failure();
    // The range is QuantizeLinear's, narrowed by any Clip of the integers
    // in between (PyTorch writes [0, 127] as QuantizeLinear -> Clip).
    q->qmin = in.quant.qmin;
    q->qmax = in.quant.qmax;
    if (!q->sameGrid(in.quant)) {
      InFlightDiagnostic diag = imp.error(node);
      diag << "dequantizes with ";
      printParams(diag, *q);
      diag << ", but '" << node.input(0) << "' was quantized with ";
      printParams(diag, in.quant);
      diag << "; qat imports QuantizeLinear -> DequantizeLinear pairs with "
              "equal parameters";
      return diag;
    }
    const Imported &src = *in.source;
    if (src.isConstant()) {
      imp.define(node, 0, Imported::ofConstant(src.constant, *q));
      return success();
    }
    std::optional<int64_t> axis;
    if (q->axis)
      axis = qatDim(src, *q->axis);
    Value fq = imp.fakeQuant(imp.loc(node), src.value, *q, axis);
    Imported out = src;
    out.value = fq;
    imp.define(node, 0, std::move(out));
    return success();
  }

  if (!in.isConstant())
    return imp.error(node) << "dequantizes '" << node.input(0)
                           << "', an activation that no QuantizeLinear "
                              "quantized; qat imports float inputs";
  if (in.constantQuant || in.constant->isFloat())
    return imp.error(node) << "dequantizes '" << node.input(0)
                           << "', which is not an integer tensor";
  const HostTensor &t = *in.constant;
  FailureOr<QuantParams> q = readParams(imp, node, t.shape, t.dataType);
  if (failed(q))
    return failure();
  // ONNX's DequantizeLinear, in float32: (x - zero_point) * scale.
  int64_t stride = 1;
  if (q->axis)
    for (size_t d = *q->axis + 1; d < t.shape.size(); ++d)
      stride *= t.shape[d];
  std::vector<double> values(t.values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    size_t c = q->axis ? (i / stride) % t.shape[*q->axis] : 0;
    float level = static_cast<float>(t.values[i] - q->zeroPoint[c]);
    values[i] = level * static_cast<float>(q->scale[c]);
  }
  auto dequantized =
      makeHostTensor(t.shape, std::move(values), onnx::TensorProto::FLOAT);
  // int32 data is a bias: lowering re-derives its integers from the layer's
  // scales, so it needs no fake_quant of its own.
  if (t.dataType == onnx::TensorProto::INT32)
    imp.define(node, 0, Imported::ofConstant(dequantized));
  else
    imp.define(node, 0, Imported::ofConstant(dequantized, *q));
  return success();
}
