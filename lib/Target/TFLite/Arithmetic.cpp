// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Arithmetic.cpp - TFLite's element-wise operators, softmax, mean ----===//
//
// Add, Sub, Mul, rescales, activations, softmax and mean as qint kernels,
// with TFLite Micro's parameters: its ratios in the precision its Prepare
// computes them, its fixed-point functions as 256-entry tables for int8.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "Activations.h"

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Arithmetic.h"
#include "qat/Numerics/Requantization.h"
#include "qat/Numerics/Softmax.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::tflite_import;
namespace nx = mlir::qat::numerics;

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
  if (add || sub) {
    // Sub's ratios as Add's, in double: TFLite's int16 integration goldens
    // differ in the last step of some SUB outputs with ratios in float.
    std::optional<nx::AddParams> p = nx::prepareAdd(
        a.scales[0], a.zeroPoints[0], b.scales[0], b.zeroPoints[0],
        out.scales[0], out.zeroPoints[0], nx::Rounding::Double,
        out.type == kInt16 ? nx::kAddLeftShiftInt16 : nx::kAddLeftShift);
    if (!p)
      return error(op) << "has input and output scales that give "
                       << (sub ? "sub" : "add") << " multipliers out of range";
    attrs.append({named("left_shift", p->leftShift),
                  named("lhs_multiplier", p->input1.multiplier),
                  named("lhs_shift", p->input1.shift),
                  named("rhs_multiplier", p->input2.multiplier),
                  named("rhs_shift", p->input2.shift),
                  named("output_multiplier", p->output.multiplier),
                  named("output_shift", p->output.shift)});
    Value operands[] = {*lhs, *rhs};
    define(op, sub ? qint::SubOp::create(builder, op.loc, type, operands, attrs)
                         .getResult()
                   : qint::AddOp::create(builder, op.loc, type, operands, attrs)
                         .getResult());
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
