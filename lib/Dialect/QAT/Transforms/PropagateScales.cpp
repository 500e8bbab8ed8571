// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- PropagateScales.cpp - quantization parameters everywhere -----------===//
//
// The `qat-propagate-scales` pass; Passes.td states its rules.
//
//===----------------------------------------------------------------------===//

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QAT/IR/QATUtils.h"
#include "qat/Dialect/QAT/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::qat {
#define GEN_PASS_DEF_QATPROPAGATESCALESPASS
#include "qat/Dialect/QAT/Transforms/Passes.h.inc"
} // namespace mlir::qat

using namespace mlir;
using namespace mlir::qat;

namespace {
constexpr StringLiteral kInferred = "qat.inferred";

/// The fake_quant that gives `value` its parameters: its defining op.
FakeQuantOp paramsOf(Value value) { return value.getDefiningOp<FakeQuantOp>(); }

/// The fake_quant that quantizes `value`, when it is the value's only user.
FakeQuantOp outputParamsOf(Value value) {
  if (!value.hasOneUse())
    return {};
  return dyn_cast<FakeQuantOp>(*value.getUsers().begin());
}

/// Inserts `fake_quant(value)` with the parameters of `like` right after
/// `value`'s definition and routes every other use of `value` through it.
FakeQuantOp quantizeLike(OpBuilder &builder, Value value, FakeQuantOp like) {
  builder.setInsertionPointAfterValue(value);
  auto fq = cast<FakeQuantOp>(builder.clone(*like));
  fq->setOperand(0, value);
  fq.getResult().setType(cast<RankedTensorType>(value.getType()));
  fq->setLoc(value.getLoc());
  fq->setAttr(kInferred, builder.getUnitAttr());
  value.replaceAllUsesExcept(fq.getResult(), fq);
  return fq;
}

/// Creates a detached-parameter fake_quant on `value` from attributes.
FakeQuantOp quantizeWith(OpBuilder &builder, Value value,
                         ArrayRef<NamedAttribute> attrs) {
  builder.setInsertionPointAfterValue(value);
  auto fq =
      FakeQuantOp::create(builder, value.getLoc(), TypeRange{value.getType()},
                          ValueRange{value}, attrs);
  fq->setAttr(kInferred, builder.getUnitAttr());
  value.replaceAllUsesExcept(fq.getResult(), fq);
  return fq;
}

struct PropagateScalesPass
    : qat::impl::QATPropagateScalesPassBase<PropagateScalesPass> {
  using Base::Base;

  void runOnOperation() override;

  /// One forward/backward sweep; returns true if it changed anything.
  bool sweep(OpBuilder &builder);
  /// Inserts the default-range fake_quant, or reports `value` (produced or
  /// read by `op`) as unquantized.
  LogicalResult requireParams(OpBuilder &builder, Value value, Operation *op,
                              StringRef what);
};

bool PropagateScalesPass::sweep(OpBuilder &builder) {
  bool changed = false;
  SmallVector<Operation *> ops;
  getOperation().walk([&](Operation *op) {
    if (isa<QATDialect>(op->getDialect()) && !isa<FakeQuantOp>(op))
      ops.push_back(op);
  });
  for (Operation *op : ops) {
    Value result = op->getResult(0);
    FakeQuantOp out = outputParamsOf(result);
    FakeQuantOp in =
        op->getNumOperands() ? paramsOf(op->getOperand(0)) : FakeQuantOp();
    bool scalePreserving = op->hasTrait<OpTrait::qat::SharesQuantization>();
    // Forward: scale-preserving ops, and the ops (activations, average
    // pools) that keep their input's scale unless told otherwise.
    if (!out && in &&
        (scalePreserving ||
         op->hasTrait<OpTrait::qat::ForwardsQuantization>())) {
      quantizeLike(builder, result, in);
      changed = true;
      continue;
    }
    // Backward through scale-preserving ops.
    if (scalePreserving && out && !in) {
      Value input = op->getOperand(0);
      if (input.hasOneUse() && !isa<BlockArgument>(input)) {
        quantizeLike(builder, input, out);
        changed = true;
      }
      continue;
    }
    if (auto softmax = dyn_cast<SoftmaxOp>(op); softmax && !out) {
      Builder b(op->getContext());
      quantizeWith(
          builder, result,
          {b.getNamedAttr("scale", b.getDenseF64ArrayAttr({1.0 / 256})),
           b.getNamedAttr("zero_point", b.getDenseI64ArrayAttr({-128})),
           b.getNamedAttr("quant_min", b.getI64IntegerAttr(-128)),
           b.getNamedAttr("quant_max", b.getI64IntegerAttr(127))});
      changed = true;
      continue;
    }
    if (auto concat = dyn_cast<ConcatOp>(op)) {
      SmallVector<FakeQuantOp> inputs;
      for (Value v : concat.getInputs())
        inputs.push_back(paramsOf(v));
      if (!out && llvm::all_of(inputs, [&](FakeQuantOp f) {
            return f && f.hasSameParams(inputs.front());
          })) {
        quantizeLike(builder, result, inputs.front());
        changed = true;
        continue;
      }
      if (!out)
        continue;
      for (OpOperand &operand : concat->getOpOperands()) {
        FakeQuantOp f = paramsOf(operand.get());
        // An input without parameters (a grouped convolution's part)
        // takes the output's: exact, a fake_quant being element-wise.
        if (!f && operand.get().hasOneUse() &&
            !isa<BlockArgument>(operand.get())) {
          quantizeLike(builder, operand.get(), out);
          changed = true;
          continue;
        }
        if (!f || f.hasSameParams(out))
          continue;
        // Re-quantize this input to the output's parameters.
        builder.setInsertionPoint(concat);
        auto requant = cast<FakeQuantOp>(builder.clone(*out));
        requant->setOperand(0, operand.get());
        requant.getResult().setType(
            cast<RankedTensorType>(operand.get().getType()));
        requant->setAttr(kInferred, builder.getUnitAttr());
        operand.set(requant.getResult());
        changed = true;
      }
    }
  }
  return changed;
}

LogicalResult PropagateScalesPass::requireParams(OpBuilder &builder,
                                                 Value value, Operation *op,
                                                 StringRef what) {
  if (defaultRange.size() == 2) {
    Builder b(op->getContext());
    quantizeWith(
        builder, value,
        {b.getNamedAttr("min", b.getDenseF64ArrayAttr({defaultRange[0]})),
         b.getNamedAttr("max", b.getDenseF64ArrayAttr({defaultRange[1]}))});
    return success();
  }
  // A constant read as an activation (a learned position embedding or
  // class token) has a range training could have observed, not guessed.
  if (matchPattern(value, mlir::m_Constant()))
    return op->emitOpError()
           << what << " is a constant without quantization parameters: put "
           << "it through a qat.fake_quant (in ONNX a QuantizeLinear/"
              "DequantizeLinear pair), or pass default-range=min,max to "
              "qat-propagate-scales";
  return op->emitOpError()
         << what << " has no quantization parameters: insert a "
         << "qat.fake_quant there, or pass default-range=min,max to "
            "qat-propagate-scales";
}

void PropagateScalesPass::runOnOperation() {
  func::FuncOp func = getOperation();
  // The float graph must be made of qat ops: an op that computes a float
  // tensor is one whose scales no rule here knows. Ops of the integer level
  // (a partly lowered graph) compute none and pass.
  auto computesNoFloat = [](Operation *op) {
    return llvm::none_of(op->getResultTypes(), [](Type t) {
      return isa<FloatType>(getElementTypeOrSelf(t));
    });
  };
  if (failed(verifyTrainingGraphOps(func, computesNoFloat)) ||
      failed(verifyTensorSizes(func)))
    return signalPassFailure();
  if (!defaultRange.empty() &&
      (defaultRange.size() != 2 || !(defaultRange[0] < defaultRange[1]))) {
    func.emitError() << "default-range needs two values min,max with min < "
                        "max";
    return signalPassFailure();
  }
  OpBuilder builder(func.getContext());

  // An activation of a concatenation of layers (a grouped convolution's
  // ReLU) acts on each part: `concat(act(a), act(b))`, exact since the
  // activation is element-wise, so each part fuses it.
  SmallVector<Operation *> concatActivations;
  func.walk([&](Operation *op) {
    auto concat = isActivation(op) ? op->getOperand(0).getDefiningOp<ConcatOp>()
                                   : ConcatOp();
    if (concat && concat->hasOneUse() &&
        llvm::all_of(concat.getInputs(), [](Value v) {
          return v.hasOneUse() && fusesActivation(v.getDefiningOp());
        }))
      concatActivations.push_back(op);
  });
  for (Operation *act : concatActivations) {
    auto concat = act->getOperand(0).getDefiningOp<ConcatOp>();
    builder.setInsertionPoint(act);
    SmallVector<Value> parts;
    for (Value part : concat.getInputs()) {
      Operation *clone = builder.clone(*act);
      clone->setOperand(0, part);
      clone->getResult(0).setType(part.getType());
      parts.push_back(clone->getResult(0));
    }
    Value joined =
        ConcatOp::create(builder, concat.getLoc(), act->getResult(0).getType(),
                         parts, concat.getAxis());
    act->getResult(0).replaceAllUsesWith(joined);
    act->erase();
    concat.erase();
  }

  // Fuse `fq(p) -> activation -> fq(p)` after a layer into
  // `activation -> fq(p)`.
  func.walk([&](FakeQuantOp inner) {
    if (!inner->hasOneUse() ||
        !fusesActivation(inner.getInput().getDefiningOp()))
      return;
    Operation *act = *inner->getUsers().begin();
    if (!isActivation(act))
      return;
    FakeQuantOp outer = outputParamsOf(act->getResult(0));
    if (!outer || !outer.hasSameParams(inner))
      return;
    inner.getResult().replaceAllUsesWith(inner.getInput());
    inner.erase();
  });

  // Function arguments must be quantized where qat ops read them (a
  // function of other dialects, e.g. an already lowered one, is left alone).
  bool failedAny = false;
  auto unquantizedReader = [](Operation *u) {
    return isa<QATDialect>(u->getDialect()) && !isa<FakeQuantOp>(u);
  };
  for (BlockArgument arg : func.getArguments()) {
    if (!isa<RankedTensorType>(arg.getType()) ||
        llvm::none_of(arg.getUsers(), unquantizedReader))
      continue;
    Operation *reader = *llvm::find_if(arg.getUsers(), unquantizedReader);
    if (failed(requireParams(builder, arg, reader,
                             "function argument " +
                                 std::to_string(arg.getArgNumber()) +
                                 " (an input read here)")))
      failedAny = true;
  }
  if (failedAny)
    return signalPassFailure();

  // Terminates: each sweep that changes anything quantizes an edge that had
  // no fake_quant, and no rule removes one.
  while (sweep(builder)) {
  }

  // Check: every requantizing op's activation inputs and output have
  // parameters (its output possibly through one fused activation). Only
  // the first op of a chain without parameters is reported: the ops after
  // it lack them for the same reason.
  llvm::DenseSet<Value> reported;
  func.walk([&](Operation *op) {
    if (!isa<QATDialect>(op->getDialect()) || isa<FakeQuantOp>(op))
      return;
    auto layer = dyn_cast<LayerOpInterface>(op);
    auto recurrent = dyn_cast<RecurrentOpInterface>(op);
    // A recurrent layer reads one activation, its input (operand 0).
    unsigned activationInputs =
        layer ? layer.getLayerWeightsOperandNumber()
        : recurrent || op->hasTrait<OpTrait::qat::ReadsOneActivation>()
            ? 1
            : op->getNumOperands();
    bool consequence = false;
    for (unsigned i = 0; i < activationInputs; ++i) {
      Value input = op->getOperand(i);
      if (paramsOf(input) || isFusedActivation(op))
        continue;
      if (reported.contains(input)) {
        consequence = true;
        continue;
      }
      if (failed(requireParams(builder, input, op,
                               "input " + std::to_string(i)))) {
        failedAny = true;
        reported.insert(input);
      }
    }
    if (recurrent)
      for (OpOperand &operand : op->getOpOperands())
        if (recurrent.isWeightsOperand(operand.getOperandNumber()) &&
            !paramsOf(operand.get()))
          failedAny |=
              failed(op->emitOpError()
                     << "weights (operand " << operand.getOperandNumber()
                     << ") have no fake_quant: quantization-aware "
                        "training fake-quantizes the weights");
    if (layer && !paramsOf(layer.getLayerWeights()))
      failedAny |= failed(op->emitOpError()
                          << "weights have no fake_quant: quantization-"
                             "aware training fake-quantizes the weights; "
                             "insert a qat.fake_quant on them, or calibrate "
                             "a float model (qat-compile --calibrate, "
                             "qat.calibrate)");
    Value result = op->getResult(0);
    if (fusesActivation(op) && result.hasOneUse() &&
        isActivation(*result.getUsers().begin()))
      return; // the activation's output carries the parameters
    if (outputParamsOf(result))
      return;
    if (consequence) {
      reported.insert(result);
      return;
    }
    if (isa<ConcatOp>(op) && defaultRange.empty() &&
        llvm::all_of(op->getOperands(), [](Value v) { return paramsOf(v); })) {
      op->emitOpError()
          << "inputs are quantized with different parameters and the "
             "result has none, so no common int8 scale is known: quantize "
             "the result (insert a qat.fake_quant; in PyTorch, observe the "
             "concatenation's output)";
      failedAny = true;
      reported.insert(result);
      return;
    }
    if (failed(requireParams(builder, result, op, "its result"))) {
      failedAny = true;
      reported.insert(result);
    }
  });
  if (failedAny)
    signalPassFailure();
}
} // namespace
