// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Elementwise.cpp - activations, arithmetic, softmax -----------------===//
//
// Binary arithmetic takes two activations of one shape, or an activation and
// a constant that is a scalar, one value per channel, or of the activation's
// full shape. Sub and Div by a constant become Add and Mul by its negation
// and reciprocal, so PyTorch's fused ConvBn export, conv / (gamma / sigma),
// reaches qat-fold-batchnorm in the form it folds.
//
//===----------------------------------------------------------------------===//

#include "Ops.h"

#include "qat/Dialect/QAT/IR/QATOps.h"

#include <cfloat>
#include <cmath>

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::onnx_import;

LogicalResult mlir::qat::onnx_import::importRelu(Importer &imp,
                                                 const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);
  if (failed(x))
    return failure();
  Imported out = **x;
  out.value = ReluOp::create(imp.getBuilder(), imp.loc(node), (*x)->value);
  imp.define(node, 0, std::move(out));
  return success();
}

/// Clip of QuantizeLinear's integers: a narrower quantized range (how
/// PyTorch exports a [0, 127] fake-quant).
static LogicalResult clipQuantized(Importer &imp, const onnx::NodeProto &node,
                                   const Imported &q) {
  int64_t lo = q.quant.qmin, hi = q.quant.qmax;
  if (imp.opset() < 11) {
    for (StringRef name : {"min", "max"}) {
      if (!imp.attr(node, name))
        continue;
      FailureOr<double> bound = imp.floatAttr(node, name, 0);
      if (failed(bound))
        return failure();
      if (std::isnan(*bound))
        return imp.error(node) << "attribute '" << name << "' is NaN";
      // Beyond the quantized range a bound clips nothing; clamping first
      // keeps the conversion to an integer defined.
      double clamped = std::clamp(*bound, -1e9, 1e9);
      if (name == "min")
        lo = static_cast<int64_t>(std::ceil(clamped));
      else
        hi = static_cast<int64_t>(std::floor(clamped));
    }
  } else {
    for (int i = 1; i <= 2; ++i) {
      if (!imp.hasInput(node, i))
        continue;
      FailureOr<const HostTensor *> bound =
          imp.constantInput(node, i, i == 1 ? "the minimum" : "the maximum");
      if (failed(bound))
        return failure();
      if ((*bound)->numElements() != 1)
        return imp.error(node) << "the bounds must be scalars";
      double value = (*bound)->values[0];
      if (std::isnan(value))
        return imp.error(node) << "the bounds must not be NaN";
      // As for the attributes: clamped, then converted.
      value = std::clamp(value, -1e9, 1e9);
      (i == 1 ? lo : hi) =
          static_cast<int64_t>(i == 1 ? std::ceil(value) : std::floor(value));
    }
  }
  Imported out = q;
  out.quant.qmin = std::max(lo, q.quant.qmin);
  out.quant.qmax = std::min(hi, q.quant.qmax);
  if (out.quant.qmin > out.quant.qmax)
    return imp.error(node) << "clips the quantized values to the empty range ["
                           << lo << ", " << hi << "]";
  imp.define(node, 0, std::move(out));
  return success();
}

LogicalResult mlir::qat::onnx_import::importClip(Importer &imp,
                                                 const onnx::NodeProto &node) {
  FailureOr<const Imported *> in = imp.input(node, 0);
  if (failed(in))
    return failure();
  if ((*in)->kind == Imported::Kind::Quantized)
    return clipQuantized(imp, node, **in);
  FailureOr<const Imported *> x = imp.activationInput(node, 0);
  if (failed(x))
    return failure();
  std::optional<double> lo, hi;
  if (imp.opset() < 11) {
    for (StringRef name : {"min", "max"}) {
      if (!imp.attr(node, name))
        continue;
      FailureOr<double> bound = imp.floatAttr(node, name, 0);
      if (failed(bound))
        return failure();
      (name == "min" ? lo : hi) = *bound;
    }
  } else {
    for (int i = 1; i <= 2; ++i) {
      if (!imp.hasInput(node, i))
        continue;
      FailureOr<const HostTensor *> bound =
          imp.constantInput(node, i, i == 1 ? "the minimum" : "the maximum");
      if (failed(bound))
        return failure();
      if ((*bound)->numElements() != 1)
        return imp.error(node) << "the bounds must be scalars";
      (i == 1 ? lo : hi) = static_cast<float>((*bound)->values[0]);
    }
  }
  if (lo && hi && *lo > *hi)
    return imp.error(node) << "the minimum " << *lo << " is above the maximum "
                           << *hi;
  OpBuilder &b = imp.getBuilder();
  Value v = (*x)->value, out;
  if (lo == 0.0 && hi == 6.0)
    out = Relu6Op::create(b, imp.loc(node), v);
  else if (lo == 0.0 && !hi)
    out = ReluOp::create(b, imp.loc(node), v);
  else
    out = ClampOp::create(b, imp.loc(node), v,
                          b.getF64FloatAttr(lo.value_or(-FLT_MAX)),
                          b.getF64FloatAttr(hi.value_or(FLT_MAX)));
  Imported result = **x;
  result.value = out;
  imp.define(node, 0, std::move(result));
  return success();
}

LogicalResult
mlir::qat::onnx_import::importPointwise(Importer &imp,
                                        const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);
  if (failed(x))
    return failure();
  StringRef opType = node.op_type();
  PointwiseFunction function =
      llvm::StringSwitch<PointwiseFunction>(opType)
          .Case("Sigmoid", PointwiseFunction::sigmoid)
          .Case("Tanh", PointwiseFunction::tanh)
          .Case("HardSigmoid", PointwiseFunction::hard_sigmoid)
          .Case("HardSwish", PointwiseFunction::hard_swish)
          .Case("Gelu", PointwiseFunction::gelu)
          .Case("Erf", PointwiseFunction::erf)
          .Default(PointwiseFunction::leaky_relu);
  if (opType == "Gelu") {
    FailureOr<std::string> approximate =
        imp.stringAttr(node, "approximate", "none");
    if (failed(approximate))
      return failure();
    if (*approximate == "tanh")
      function = PointwiseFunction::gelu_tanh;
    else if (*approximate != "none")
      return imp.error(node) << "approximate is '" << *approximate
                             << "'; ONNX's Gelu takes 'none' or 'tanh'";
  }
  OpBuilder &b = imp.getBuilder();
  FloatAttr alpha, beta;
  if (opType == "HardSigmoid" || opType == "LeakyRelu") {
    FailureOr<double> a =
        imp.floatAttr(node, "alpha", opType == "LeakyRelu" ? 0.01 : 0.2);
    if (failed(a))
      return failure();
    alpha = b.getF64FloatAttr(static_cast<float>(*a));
  }
  if (opType == "HardSigmoid") {
    FailureOr<double> v = imp.floatAttr(node, "beta", 0.5);
    if (failed(v))
      return failure();
    beta = b.getF64FloatAttr(static_cast<float>(*v));
  }
  if ((alpha && !std::isfinite(alpha.getValueAsDouble())) ||
      (beta && !std::isfinite(beta.getValueAsDouble())))
    return imp.error(node) << "alpha and beta must be finite";
  Imported out = **x;
  out.value = PointwiseOp::create(b, imp.loc(node), (*x)->value.getType(),
                                  (*x)->value, function, alpha, beta);
  imp.define(node, 0, std::move(out));
  return success();
}

namespace {
/// The node writing tensor `name`, if one does.
const onnx::NodeProto *producerOf(Importer &imp, StringRef name) {
  for (const onnx::NodeProto &n : imp.onnxModel().graph().node())
    for (const std::string &out : n.output())
      if (out == name)
        return &n;
  return nullptr;
}

/// Whether constant input `i` of `node` holds `value` everywhere (within
/// float32 rounding).
bool constantIs(Importer &imp, const onnx::NodeProto &node, int i,
                double value) {
  FailureOr<const Imported *> in = imp.input(node, i);
  return succeeded(in) && (*in)->isConstant() && (*in)->constant->isFloat() &&
         !(*in)->constantQuant &&
         llvm::all_of((*in)->constant->values, [&](double v) {
           return std::fabs(v - value) <= 1e-6 * std::fabs(value);
         });
}

/// PyTorch 1.13 exports GELU (opset 13) as Mul(Mul(x, Add(Erf(Div(x,
/// sqrt(2))), 1)), 0.5). At the last Mul (`node`, its activation operand
/// `actInput`), with nothing else reading the tensors between: one gelu of
/// x, the chain's qat ops erased.
PointwiseOp fuseErfGelu(Importer &imp, const onnx::NodeProto &node,
                        int actInput, const HostTensor &half,
                        const Imported &act) {
  if (!llvm::all_of(half.values, [](double v) { return v == 0.5; }))
    return {};
  auto single = [&](StringRef name) { return imp.useCount(name) == 1; };
  const onnx::NodeProto *mul = producerOf(imp, node.input(actInput));
  if (!mul || mul->op_type() != "Mul" || !single(node.input(actInput)))
    return {};
  for (int side = 0; side < 2; ++side) {
    const std::string &x = mul->input(side), &sum = mul->input(1 - side);
    const onnx::NodeProto *add = producerOf(imp, sum);
    if (!add || add->op_type() != "Add" || !single(sum))
      continue;
    for (int a = 0; a < 2; ++a) {
      const onnx::NodeProto *erf = producerOf(imp, add->input(a));
      if (!erf || erf->op_type() != "Erf" || !single(add->input(a)) ||
          !constantIs(imp, *add, 1 - a, 1.0))
        continue;
      const onnx::NodeProto *div = producerOf(imp, erf->input(0));
      if (!div || !single(erf->input(0)) || div->input(0) != x ||
          !((div->op_type() == "Div" &&
             constantIs(imp, *div, 1, std::sqrt(2.0))) ||
            (div->op_type() == "Mul" &&
             constantIs(imp, *div, 1, std::sqrt(0.5)))))
        continue;
      FailureOr<const Imported *> in = imp.input(*mul, side);
      FailureOr<const Imported *> sumIn = imp.input(*mul, 1 - side);
      FailureOr<const Imported *> erfIn = imp.input(*add, a);
      FailureOr<const Imported *> divIn = imp.input(*erf, 0);
      if (failed(in) || failed(sumIn) || failed(erfIn) || failed(divIn) ||
          !(*in)->isActivation())
        return {};
      // The chain's ops, last first; each read only by the next.
      SmallVector<Operation *> chain = {act.value.getDefiningOp()};
      for (const Imported *v : {*sumIn, *erfIn, *divIn}) {
        Operation *op = v->isActivation() ? v->value.getDefiningOp() : nullptr;
        if (!op || !op->hasOneUse())
          return {};
        chain.push_back(op);
      }
      if (!chain.front() || !chain.front()->use_empty())
        return {};
      OpBuilder &builder = imp.getBuilder();
      auto gelu = PointwiseOp::create(
          builder,
          FusedLoc::get(builder.getContext(),
                        {imp.loc(*div), imp.loc(*erf), imp.loc(node)}),
          (*in)->value.getType(), (*in)->value, PointwiseFunction::gelu,
          FloatAttr(), FloatAttr());
      for (Operation *op : chain)
        op->erase();
      return gelu;
    }
  }
  return {};
}

/// PyTorch before opset 14 exports hardswish(x) as Mul(x, HardSigmoid(x))
/// with alpha 1/6 and beta 1/2: the same function, one op when the
/// HardSigmoid has no other reader (its output has no Q/DQ of its own).
/// PyTorch's silu(x) exports as Mul(x, Sigmoid(x)) likewise.
PointwiseOp fuseHardSwish(Importer &imp, const onnx::NodeProto &node,
                          const Imported &a, const Imported &b) {
  for (int i = 0; i < 2; ++i) {
    const Imported &x = i ? b : a, &gate = i ? a : b;
    auto g = gate.value.getDefiningOp<PointwiseOp>();
    if (!g || g.getInput() != x.value || imp.useCount(node.input(1 - i)) != 1)
      continue;
    std::optional<PointwiseFunction> fused;
    if (g.getFunction() == PointwiseFunction::sigmoid)
      fused = PointwiseFunction::silu;
    else if (g.getFunction() == PointwiseFunction::hard_sigmoid &&
             static_cast<float>(g.getAlpha()->convertToDouble()) ==
                 1.0f / 6.0f &&
             g.getBeta()->convertToDouble() == 0.5)
      fused = PointwiseFunction::hard_swish;
    if (!fused)
      continue;
    OpBuilder &builder = imp.getBuilder();
    auto swish = PointwiseOp::create(
        builder,
        FusedLoc::get(builder.getContext(), {g.getLoc(), imp.loc(node)}),
        x.value.getType(), x.value, *fused, FloatAttr(), FloatAttr());
    g->erase();
    return swish;
  }
  return {};
}

enum class Arith { Add, Sub, Mul, Div };

Arith arithOf(StringRef opType) {
  return llvm::StringSwitch<Arith>(opType)
      .Case("Add", Arith::Add)
      .Case("Sub", Arith::Sub)
      .Case("Mul", Arith::Mul)
      .Default(Arith::Div);
}

double apply(Arith op, double a, double b) {
  float fa = static_cast<float>(a), fb = static_cast<float>(b);
  switch (op) {
  case Arith::Add:
    return fa + fb;
  case Arith::Sub:
    return fa - fb;
  case Arith::Mul:
    return fa * fb;
  case Arith::Div:
    return fa / fb;
  }
  return 0;
}

/// Numpy-style broadcasting of constants (folding shape arithmetic): `fn`
/// of the operands' elements at each position of the broadcast shape.
LogicalResult foldConstants(Importer &imp, const onnx::NodeProto &node,
                            ArrayRef<const HostTensor *> in, int32_t dataType,
                            function_ref<double(ArrayRef<double>)> fn,
                            std::optional<QuantParams> quant = std::nullopt) {
  size_t rank = 0;
  for (const HostTensor *t : in)
    rank = std::max(rank, t->shape.size());
  SmallVector<int64_t> shape(rank, 1);
  SmallVector<SmallVector<int64_t>> shapes;
  for (const HostTensor *t : in) {
    SmallVector<int64_t> &s = shapes.emplace_back(rank, 1);
    std::copy(t->shape.begin(), t->shape.end(), s.end() - t->shape.size());
    for (size_t d = 0; d < rank; ++d) {
      if (s[d] != shape[d] && s[d] != 1 && shape[d] != 1)
        return imp.error(node) << "cannot broadcast the constants' shapes";
      shape[d] = std::max(shape[d], s[d]);
    }
  }
  FailureOr<int64_t> count =
      imp.elementCount(node, shape, "the folded constant", kMaxFoldedElements);
  if (failed(count))
    return failure();
  std::vector<double> out(*count);
  SmallVector<int64_t> index(rank, 0);
  SmallVector<double> operands(in.size());
  for (int64_t i = 0; i < *count; ++i) {
    for (auto [k, t] : llvm::enumerate(in)) {
      int64_t at = 0;
      for (size_t d = 0; d < rank; ++d)
        at = at * shapes[k][d] + (shapes[k][d] == 1 ? 0 : index[d]);
      operands[k] = t->values[at];
    }
    out[i] = fn(operands);
    for (int64_t d = static_cast<int64_t>(rank) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  imp.define(node, 0,
             Imported::ofConstant(
                 makeHostTensor(shape, std::move(out), dataType), quant));
  return success();
}

LogicalResult foldArith(Importer &imp, const onnx::NodeProto &node, Arith op,
                        const HostTensor &a, const HostTensor &b) {
  bool integral = !a.isFloat() && !b.isFloat();
  return foldConstants(imp, node, {&a, &b}, a.dataType,
                       [&](ArrayRef<double> v) -> double {
                         if (integral && op == Arith::Div)
                           return v[1] == 0 ? 0 : std::trunc(v[0] / v[1]);
                         if (integral)
                           return op == Arith::Add   ? v[0] + v[1]
                                  : op == Arith::Sub ? v[0] - v[1]
                                                     : v[0] * v[1];
                         return apply(op, v[0], v[1]);
                       });
}

/// The constants of a node that computes on constants only (shape
/// arithmetic), or an error naming the first operand that is not one.
FailureOr<SmallVector<const HostTensor *>>
constantOperands(Importer &imp, const onnx::NodeProto &node, int count) {
  SmallVector<const HostTensor *> in;
  for (int i = 0; i < count; ++i) {
    FailureOr<const Imported *> x = imp.input(node, i);
    if (failed(x))
      return failure();
    if (!(*x)->isConstant() || (*x)->constantQuant)
      return imp.error(node)
             << node.op_type() << " of input " << i
             << " that is not a plain constant: qat evaluates "
             << node.op_type()
             << " only on constants (the shape arithmetic an exporter "
                "emits)";
    in.push_back((*x)->constant.get());
  }
  return in;
}
} // namespace

LogicalResult
mlir::qat::onnx_import::importBinary(Importer &imp,
                                     const onnx::NodeProto &node) {
  Arith op = arithOf(node.op_type());
  FailureOr<const Imported *> lhs = imp.input(node, 0);

  if (failed(lhs))
    return failure();
  FailureOr<const Imported *> rhs = imp.input(node, 1);
  if (failed(lhs) || failed(rhs))
    return failure();
  const Imported &a = **lhs, &b = **rhs;
  if (a.kind == Imported::Kind::Quantized ||
      b.kind == Imported::Kind::Quantized)
    return imp.error(node) << "reads a QuantizeLinear output directly";
  if (a.isConstant() && b.isConstant()) {
    if (a.constantQuant || b.constantQuant)
      return imp.error(node) << "computes on quantized constants";
    return foldArith(imp, node, op, *a.constant, *b.constant);
  }
  OpBuilder &builder = imp.getBuilder();
  Location loc = imp.loc(node);

  if (a.isActivation() && b.isActivation()) {
    if (op == Arith::Sub || op == Arith::Div)
      return imp.error(node)
             << node.op_type() << " of two activations is not supported";
    auto shapeOf = [](const Imported &v) {
      return cast<RankedTensorType>(v.value.getType()).getShape();
    };
    // One value per channel (squeeze-and-excitation's [N, C, 1, 1] gate,
    // [N, 1, 1, C] here) broadcast over the other's positions: the kernels
    // take it as a 1-D operand along the last dimension.
    auto perChannel = [&](const Imported &v, const Imported &full) {
      ArrayRef<int64_t> s = shapeOf(v), f = shapeOf(full);
      return s.size() == f.size() && s != f && !s.empty() &&
             s.back() == f.back() && s.front() == 1 && f.front() == 1 &&
             llvm::all_of(s.drop_back(), [](int64_t d) { return d == 1; });
    };
    bool lhsSmall = perChannel(a, b), rhsSmall = perChannel(b, a);
    if (lhsSmall || rhsSmall) {
      Imported out = lhsSmall ? b : a;
      Value lhs = a.value, rhs = b.value;
      Value &small = lhsSmall ? lhs : rhs;
      small = ReshapeOp::create(
          builder, loc,
          RankedTensorType::get({shapeOf(out).back()}, builder.getF32Type()),
          small);
      Type type = out.value.getType();
      out.value = op == Arith::Add
                      ? Value(AddOp::create(builder, loc, type, lhs, rhs))
                      : Value(MulOp::create(builder, loc, type, lhs, rhs));
      imp.define(node, 0, std::move(out));
      return success();
    }
    if (a.value.getType() != b.value.getType() || a.layout != b.layout)
      return imp.error(node)
             << "the operands have different shapes (" << a.value.getType()
             << " and " << b.value.getType()
             << "); qat adds and multiplies tensors of one shape, or one "
                "tensor by a value per channel";
    Imported out = a;
    if (op == Arith::Mul)
      if (PointwiseOp swish = fuseHardSwish(imp, node, a, b)) {
        out.value = swish;
        imp.define(node, 0, std::move(out));
        return success();
      }
    out.flattenedCHW = a.flattenedCHW == b.flattenedCHW
                           ? a.flattenedCHW
                           : SmallVector<int64_t, 3>();
    if (op == Arith::Add)
      out.value =
          AddOp::create(builder, loc, a.value.getType(), a.value, b.value);
    else
      out.value =
          MulOp::create(builder, loc, a.value.getType(), a.value, b.value);
    imp.define(node, 0, std::move(out));
    return success();
  }

  // An activation and a constant.
  bool constantFirst = a.isConstant();
  const Imported &act = constantFirst ? b : a;
  const Imported &cst = constantFirst ? a : b;
  if (constantFirst && (op == Arith::Sub || op == Arith::Div))
    return imp.error(node) << "a constant "
                           << (op == Arith::Sub ? "minus" : "divided by")
                           << " an activation is not supported";
  if (cst.constantQuant && (op == Arith::Sub || op == Arith::Div))
    return imp.error(node) << node.op_type()
                           << " by a quantized constant is not supported";
  const HostTensor &t = *cst.constant;
  if (!t.isFloat())
    return imp.error(node) << "the constant must be float32";
  SmallVector<int64_t> actShape = act.onnxShape();
  ArrayRef<int64_t> qatShape =
      cast<RankedTensorType>(act.value.getType()).getShape();
  int64_t channelDim = act.layout == Layout::ChannelsLast
                           ? 1
                           : static_cast<int64_t>(actShape.size()) - 1;
  // The constant's shape aligned to the activation's from the right.
  if (t.shape.size() > actShape.size())
    return imp.error(node) << "the constant has a higher rank than the "
                              "activation";
  SmallVector<int64_t> aligned(actShape.size() - t.shape.size(), 1);
  aligned.append(t.shape.begin(), t.shape.end());
  bool perChannel = true, full = aligned == actShape;
  for (size_t d = 0; d < aligned.size(); ++d)
    if (aligned[d] != 1 && static_cast<int64_t>(d) != channelDim)
      perChannel = false;
  if (perChannel && aligned[channelDim] != 1 &&
      aligned[channelDim] != actShape[channelDim])
    perChannel = false;

  auto transform = [&](double v) {
    if (op == Arith::Sub)
      return static_cast<double>(-static_cast<float>(v));
    if (op == Arith::Div)
      return static_cast<double>(1.0f / static_cast<float>(v));
    return v;
  };
  // Attention's scaling of its scores, (Q K^T) * c or / c with nothing
  // else reading the product: the matmul's alpha, which its integer
  // multiplier absorbs.
  if (auto matmul = act.value.getDefiningOp<MatMulOp>();
      matmul && (op == Arith::Mul || op == Arith::Div) && !cst.constantQuant &&
      imp.useCount(node.input(constantFirst ? 1 : 0)) == 1 &&
      llvm::all_equal(t.values)) {
    double alpha = matmul.getAlpha().convertToDouble() * transform(t.values[0]);
    if (std::isfinite(alpha) && alpha > 0) {
      matmul.setAlpha(APFloat(alpha));
      imp.define(node, 0, act);
      return success();
    }
  }
  if (op == Arith::Mul && !cst.constantQuant)
    if (PointwiseOp gelu =
            fuseErfGelu(imp, node, constantFirst ? 1 : 0, t, act)) {
      Imported out = act;
      out.value = gelu;
      imp.define(node, 0, std::move(out));
      return success();
    }
  Value operand;
  if (perChannel) {
    int64_t channels = qatShape.back();
    std::vector<double> values(channels);
    for (int64_t c = 0; c < channels; ++c)
      values[c] = transform(t.values[t.numElements() == 1 ? 0 : c]);
    Imported vec = Imported::ofConstant(
        makeHostTensor({channels}, std::move(values), t.dataType),
        cst.constantQuant);
    if (vec.constantQuant) {
      if (t.numElements() != channels && cst.constantQuant->scale.size() > 1)
        return imp.error(node) << "cannot broadcast a per-axis quantized "
                                  "constant";
      vec.constantQuant->axis.reset();
      if (cst.constantQuant->axis)
        vec.constantQuant->axis = 0;
    }
    operand = imp.materialize(node, vec);
  } else if (full) {
    auto moved = std::make_shared<HostTensor>(t);
    moved->shape = actShape;
    for (double &v : moved->values)
      v = transform(v);
    Imported whole = Imported::ofConstant(moved, cst.constantQuant);
    if (act.layout == Layout::Plain) {
      operand = imp.materialize(node, whole);
    } else {
      // NCHW (NCL as NC1L) -> NHWC.
      SmallVector<int64_t> asRank4(actShape);
      if (act.onnxRank == 3)
        asRank4.insert(asRank4.begin() + 2, 1);
      operand = imp.materialize(node, whole, {0, 2, 3, 1},
                                ArrayRef<int64_t>(asRank4));
    }
  } else {
    return imp.error(node) << "the constant's shape broadcasts over more "
                              "than the channel dimension, which qat's "
                              "kernels do not";
  }

  Imported out = act;
  bool add = op == Arith::Add || op == Arith::Sub;
  if (add)
    out.value =
        AddOp::create(builder, loc, act.value.getType(), act.value, operand);
  else
    out.value =
        MulOp::create(builder, loc, act.value.getType(), act.value, operand);

  // MatMul + Add(bias): the bias joins the fully connected layer when
  // nothing else reads the MatMul's output.
  if (add && perChannel && !cst.constantQuant) {
    auto fc = act.value.getDefiningOp<FullyConnectedOp>();
    StringRef actName = node.input(constantFirst ? 1 : 0);
    if (fc && !fc.getBias() && imp.useCount(actName) == 1) {
      Value bias = out.value.getDefiningOp()->getOperand(1);
      out.value.getDefiningOp()->erase();
      bias.getDefiningOp()->moveBefore(fc);
      fc.getBiasMutable().assign(bias);
      fc->setLoc(FusedLoc::get(fc->getContext(), {fc->getLoc(), loc}));
      out.value = fc.getResult();
    }
  }
  imp.define(node, 0, std::move(out));
  return success();
}

LogicalResult
mlir::qat::onnx_import::importSoftmax(Importer &imp,
                                      const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);
  if (failed(x))
    return failure();
  int64_t rank = (*x)->onnxShape().size();
  FailureOr<int64_t> axis =
      imp.intAttr(node, "axis", imp.opset() < 13 ? 1 : -1);
  if (failed(axis))
    return failure();
  FailureOr<int64_t> d = normalizeAxis(imp, node, *axis, rank);
  if (failed(d))
    return failure();
  // Before opset 13, Softmax flattens from `axis` on: the same as the last
  // axis when `axis` is the last or only trailing dimension.
  if ((*x)->layout != Layout::Plain || *d != rank - 1)
    return imp.error(node) << "only a softmax over the last axis of a tensor "
                              "qat holds as it is (such as [N, classes]) is "
                              "supported";
  Imported out = **x;
  out.value =
      SoftmaxOp::create(imp.getBuilder(), imp.loc(node), (*x)->value.getType(),
                        (*x)->value, imp.getBuilder().getF64FloatAttr(1.0));
  imp.define(node, 0, std::move(out));
  return success();
}

LogicalResult
mlir::qat::onnx_import::importLayerNormalization(Importer &imp,
                                                 const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);
  FailureOr<double> epsilon = imp.floatAttr(node, "epsilon", 1e-5);
  FailureOr<int64_t> axis = imp.intAttr(node, "axis", -1);
  FailureOr<int64_t> stash = imp.intAttr(node, "stash_type", 1);
  if (failed(x) || failed(epsilon) || failed(axis) || failed(stash))
    return failure();
  int64_t rank = (*x)->onnxShape().size();
  FailureOr<int64_t> d = normalizeAxis(imp, node, *axis, rank);
  if (failed(d))
    return failure();
  if (*d != rank - 1)
    return imp.error(node) << "normalizes from axis " << *axis
                           << "; qat normalizes the last axis (a sequence's "
                              "features)";
  for (int i = 1; i < node.output_size(); ++i)
    if (!node.output(i).empty() && imp.useCount(node.output(i)) > 0)
      return imp.error(node) << "output '" << node.output(i)
                             << "' (the mean or inverse deviation) is read; "
                                "qat computes Y only";
  if (!std::isfinite(*epsilon) || *epsilon < 0)
    return imp.error(node) << "epsilon is " << *epsilon
                           << "; it must be finite and non-negative";
  const int64_t n = (*x)->onnxShape().back();
  auto parameter = [&](int i, double fill, StringRef what) -> FailureOr<Value> {
    std::vector<double> values(n, fill);
    if (imp.hasInput(node, i)) {
      FailureOr<const Imported *> t = imp.input(node, i);
      if (failed(t))
        return failure();
      if (!(*t)->isConstant() || !(*t)->constant->isFloat() ||
          (*t)->constant->numElements() != n)
        return imp.error(node)
               << what << " '" << node.input(i) << "' must be a float32 "
               << "constant of " << n << " values";
      values = (*t)->constant->values;
    }
    return imp.materialize(
        node, Imported::ofConstant(makeHostTensor({n}, std::move(values),
                                                  onnx::TensorProto::FLOAT)));
  };
  FailureOr<Value> scale = parameter(1, 1.0, "the scale");
  FailureOr<Value> bias = parameter(2, 0.0, "the bias B");
  if (failed(scale) || failed(bias))
    return failure();
  // An activation held channels last (a rank-3 graph input) in ONNX's
  // order, whose last axis is the one normalized.
  Value input = (*x)->layout == Layout::Plain
                    ? (*x)->value
                    : imp.toBoundaryLayout(imp.loc(node), **x);
  OpBuilder &b = imp.getBuilder();
  Value y = LayerNormOp::create(b, imp.loc(node), input.getType(), input,
                                *scale, *bias, b.getF64FloatAttr(*epsilon));
  imp.define(node, 0, Imported::ofValue(y));
  return success();
}

namespace {
/// The constant float values of input `i` of `node`, if it is one.
std::optional<std::vector<double>>
floatsOf(Importer &imp, const onnx::NodeProto &node, int i) {
  if (!imp.hasInput(node, i))
    return std::nullopt;
  return imp.peekFloats(node.input(i));
}

/// The one node reading `name` (and nothing else, no graph output), of
/// type `opType`.
const onnx::NodeProto *onlyReader(Importer &imp, StringRef name,
                                  StringRef opType) {
  SmallVector<const onnx::NodeProto *> readers = imp.readersOf(name);
  if (readers.size() != 1 || imp.useCount(name) != 1 ||
      readers.front()->op_type() != opType)
    return nullptr;
  return readers.front();
}

/// Whether a ReduceMean reduces exactly the last of `rank` axes, keeping it.
bool meanOfLastAxis(Importer &imp, const onnx::NodeProto &node, int64_t rank) {
  const onnx::AttributeProto *axes = imp.attr(node, "axes");
  const onnx::AttributeProto *keep = imp.attr(node, "keepdims");
  return axes && axes->ints_size() == 1 &&
         (axes->ints(0) == -1 || axes->ints(0) == rank - 1) &&
         (!keep || keep->i() == 1) && node.input_size() == 1;
}
} // namespace

FailureOr<bool> mlir::qat::onnx_import::fuseLayerNormChain(
    Importer &imp, const onnx::NodeProto &mean, const Imported &x) {
  const int64_t rank = x.onnxShape().size();
  if (rank < 1 || !meanOfLastAxis(imp, mean, rank))
    return false;
  const std::string &input = mean.input(0);
  // x - mean(x), read by the square and the division.
  const onnx::NodeProto *sub = onlyReader(imp, mean.output(0), "Sub");
  if (!sub || sub->input(0) != input || imp.useCount(sub->output(0)) != 2)
    return false;
  const onnx::NodeProto *pow = nullptr, *div = nullptr;
  for (const onnx::NodeProto *r : imp.readersOf(sub->output(0))) {
    if (r->op_type() == "Pow" && r->input(0) == sub->output(0))
      pow = r;
    else if (r->op_type() == "Div" && r->input(0) == sub->output(0))
      div = r;
  }
  if (!pow || !div)
    return false;
  std::optional<std::vector<double>> two = floatsOf(imp, *pow, 1);
  if (!two || !llvm::all_of(*two, [](double v) { return v == 2.0; }))
    return false;
  const onnx::NodeProto *variance =
      onlyReader(imp, pow->output(0), "ReduceMean");
  if (!variance || !meanOfLastAxis(imp, *variance, rank))
    return false;
  const onnx::NodeProto *add = onlyReader(imp, variance->output(0), "Add");
  if (!add)
    return false;
  std::optional<std::vector<double>> epsilon =
      floatsOf(imp, *add, add->input(0) == variance->output(0) ? 1 : 0);
  if (!epsilon || epsilon->size() != 1 || !std::isfinite((*epsilon)[0]) ||
      (*epsilon)[0] < 0)
    return false;
  const onnx::NodeProto *sqrt = onlyReader(imp, add->output(0), "Sqrt");
  if (!sqrt || onlyReader(imp, sqrt->output(0), "Div") != div ||
      div->input(1) != sqrt->output(0))
    return false;
  // The affine part, when the chain goes on to Mul(., weight) and
  // Add(., bias) of per-feature constants.
  const int64_t n = x.onnxShape().back();
  std::vector<double> gamma(n, 1.0), beta(n, 0.0);
  SmallVector<const onnx::NodeProto *> chain = {sub, pow,  variance,
                                                add, sqrt, div};
  const onnx::NodeProto *last = div;
  auto perFeature = [&](const onnx::NodeProto &node, std::vector<double> &to) {
    int other = node.input(0) == last->output(0) ? 1 : 0;
    std::optional<std::vector<double>> v = floatsOf(imp, node, other);
    if (!v || static_cast<int64_t>(v->size()) != n)
      return false;
    to = *v;
    chain.push_back(&node);
    last = &node;
    return true;
  };
  if (const onnx::NodeProto *mul = onlyReader(imp, last->output(0), "Mul"))
    if (perFeature(*mul, gamma))
      if (const onnx::NodeProto *bias = onlyReader(imp, last->output(0), "Add"))
        perFeature(*bias, beta);
  auto constant = [&](std::vector<double> values) {
    return imp.materialize(
        mean, Imported::ofConstant(makeHostTensor({n}, std::move(values),
                                                  onnx::TensorProto::FLOAT)));
  };
  Value in = x.layout == Layout::Plain ? x.value
                                       : imp.toBoundaryLayout(imp.loc(mean), x);
  OpBuilder &b = imp.getBuilder();
  SmallVector<Location> locs = {imp.loc(mean)};
  for (const onnx::NodeProto *node : chain)
    locs.push_back(imp.loc(*node));
  Value y = LayerNormOp::create(
      b, FusedLoc::get(b.getContext(), locs), in.getType(), in, constant(gamma),
      constant(beta), b.getF64FloatAttr((*epsilon)[0]));
  imp.define(*last, 0, Imported::ofValue(y));
  for (const onnx::NodeProto *node : chain)
    imp.absorb(*node);
  return true;
}

LogicalResult mlir::qat::onnx_import::importEqual(Importer &imp,
                                                  const onnx::NodeProto &node) {
  FailureOr<SmallVector<const HostTensor *>> in =
      constantOperands(imp, node, 2);
  if (failed(in))
    return failure();
  return foldConstants(imp, node, *in, onnx::TensorProto::BOOL,
                       [](ArrayRef<double> v) -> double {
                         return static_cast<float>(v[0]) ==
                                static_cast<float>(v[1]);
                       });
}

LogicalResult mlir::qat::onnx_import::importWhere(Importer &imp,
                                                  const onnx::NodeProto &node) {
  FailureOr<SmallVector<const HostTensor *>> in =
      constantOperands(imp, node, 3);
  if (failed(in))
    return failure();
  return foldConstants(
      imp, node, *in, (*in)[1]->dataType,
      [](ArrayRef<double> v) { return v[0] != 0 ? v[1] : v[2]; });
}

LogicalResult
mlir::qat::onnx_import::importExpand(Importer &imp,
                                     const onnx::NodeProto &node) {
  FailureOr<const Imported *> input = imp.input(node, 0);
  FailureOr<const HostTensor *> shape = imp.constantInput(node, 1, "the shape");
  if (failed(input) || failed(shape))
    return failure();
  FailureOr<SmallVector<int64_t>> dims =
      imp.boundedIntegers(node, **shape, "the shape");
  if (failed(dims))
    return failure();
  const Imported &x = **input;
  SmallVector<int64_t> from = x.onnxShape();
  size_t rank = std::max(from.size(), dims->size());
  SmallVector<int64_t> to(rank, 1), a(rank, 1), b(rank, 1);
  std::copy(from.begin(), from.end(), a.end() - from.size());
  std::copy(dims->begin(), dims->end(), b.end() - dims->size());
  for (size_t d = 0; d < rank; ++d) {
    if (a[d] != b[d] && a[d] != 1 && b[d] != 1)
      return imp.error(node) << "cannot expand dimension " << d << " of size "
                             << a[d] << " to " << b[d];
    to[d] = std::max(a[d], b[d]);
  }
  // A learned class token expanded over a batch of one: nothing moves.
  if (to == from) {
    imp.define(node, 0, x);
    return success();
  }
  if (!x.isConstant())
    return imp.error(node) << "expands an activation; qat broadcasts "
                              "activations only inside element-wise ops";
  if (x.constantQuant && x.constantQuant->axis)
    return imp.error(node) << "expands a constant quantized per axis";
  FailureOr<int64_t> count =
      imp.elementCount(node, to, "the expanded constant", kMaxFoldedElements);
  if (failed(count))
    return failure();
  HostTensor target;
  target.shape.assign(to.begin(), to.end());
  target.values.assign(*count, 0);
  return foldConstants(
      imp, node, {x.constant.get(), &target}, x.constant->dataType,
      [](ArrayRef<double> v) { return v[0]; }, x.constantQuant);
}
