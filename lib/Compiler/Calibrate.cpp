// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Calibrate.cpp - post-training quantization in qat's own path -------===//

#include "qat/Compiler/Calibrate.h"
#include "qat/Compiler/Compiler.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/Pass/PassManager.h"
#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QAT/IR/QATUtils.h"
#include "qat/Dialect/QAT/Transforms/Passes.h"
#include "qat/Interpreter/Interpreter.h"
#include "qat/Numerics/FakeQuant.h"
#include "qat/Target/C/EmitC.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSwitch.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::qat;
namespace nx = mlir::qat::numerics;

std::optional<CalibrationMethod>
mlir::qat::parseCalibrationMethod(StringRef name) {
  return llvm::StringSwitch<std::optional<CalibrationMethod>>(name)
      .Case("minmax", CalibrationMethod::MinMax)
      .Case("percentile", CalibrationMethod::Percentile)
      .Case("mse", CalibrationMethod::MSE)
      .Default(std::nullopt);
}

namespace {
/// The tensors a quantized program needs calibrated: inputs, and the
/// outputs of ops that requantize (through a fused activation) or change
/// the range (pointwise functions, concat). Pools, reshapes and the like
/// keep their input's parameters (qat-propagate-scales), softmax has fixed
/// ones.
SmallVector<Value> calibrationPoints(func::FuncOp func) {
  SmallVector<Value> points;
  for (BlockArgument arg : func.getArguments())
    if (!arg.use_empty())
      points.push_back(arg);
  func.walk([&](Operation *op) {
    if (!fusesActivation(op) && !isa<PointwiseOp, ConcatOp>(op))
      return;
    Value out = op->getResult(0);
    if (fusesActivation(op) && out.hasOneUse() &&
        isActivation(*out.getUsers().begin()))
      out = (*out.getUsers().begin())->getResult(0);
    points.push_back(out);
  });
  return points;
}

/// Mean squared error of the 8-bit min/max fake-quant of `values` on
/// [lo, hi].
double quantizationError(ArrayRef<float> values, float lo, float hi) {
  nx::NudgedRange r = nx::nudge(lo, hi, 8, false);
  double sum = 0;
  for (float x : values) {
    double e = nx::fakeQuantMinMax(x, r, nx::TieBreaking::HalfUp) - x;
    sum += e * e;
  }
  return values.empty() ? 0 : sum / values.size();
}

std::pair<float, float> activationRange(std::vector<float> &values,
                                        const CalibrationOptions &options) {
  float lo = 0, hi = 0;
  if (values.empty())
    return {-1, 1};
  auto [mn, mx] = std::minmax_element(values.begin(), values.end());
  lo = std::min(0.0f, *mn);
  hi = std::max(0.0f, *mx);
  if (options.method == CalibrationMethod::Percentile) {
    auto at = [&](double p) {
      size_t k =
          static_cast<size_t>(std::llround(p / 100.0 * (values.size() - 1)));
      std::nth_element(values.begin(), values.begin() + k, values.end());
      return values[k];
    };
    lo = std::min(0.0f, at(100.0 - options.percentile));
    hi = std::max(0.0f, at(options.percentile));
  } else if (options.method == CalibrationMethod::MSE) {
    float bestLo = lo, bestHi = hi;
    double best = quantizationError(values, lo, hi);
    for (int step = 1; step <= 30; ++step) {
      float alpha = std::pow(0.85f, static_cast<float>(step));
      double e = quantizationError(values, lo * alpha, hi * alpha);
      if (e < best) {
        best = e;
        bestLo = lo * alpha;
        bestHi = hi * alpha;
      }
    }
    lo = bestLo;
    hi = bestHi;
  }
  // A tensor that is always zero still needs a grid; any one is exact.
  if (hi == lo)
    hi = lo + 1.0f;
  return {lo, hi};
}

FakeQuantOp insertFakeQuant(OpBuilder &b, Value value,
                            ArrayRef<NamedAttribute> attrs) {
  b.setInsertionPointAfterValue(value);
  auto fq = FakeQuantOp::create(b, value.getLoc(), TypeRange{value.getType()},
                                ValueRange{value}, attrs);
  value.replaceAllUsesExcept(fq.getResult(), fq);
  return fq;
}
} // namespace

LogicalResult
mlir::qat::calibrate(ModuleOp graph,
                     const std::vector<std::vector<Tensor>> &samples,
                     const CalibrationOptions &options) {
  FailureOr<func::FuncOp> found = getModelFunction(graph);
  if (failed(found))
    return failure();
  func::FuncOp func = *found;
  if (isIntegerProgram(graph))
    return func.emitError() << "calibration applies to float graphs; this "
                               "model is an integer program already";
  if (options.weightBits < 2 || options.weightBits > 8)
    return func.emitError()
           << "weight bits must be 2 to 8, not " << options.weightBits;
  if (samples.empty())
    return func.emitError() << "calibration needs sample inputs";
  WalkResult quantized = func.walk([](FakeQuantOp fq) {
    fq.emitError() << "the graph is already fake-quantized; calibration "
                      "takes a float graph";
    return WalkResult::interrupt();
  });
  if (quantized.wasInterrupted())
    return failure();

  PassManager fold(graph.getContext());
  fold.nest<func::FuncOp>().addPass(createQATFoldBatchNormPass());
  if (failed(fold.run(graph)))
    return failure();

  // Observe every calibration point on every sample.
  SmallVector<Value> points = calibrationPoints(func);
  llvm::DenseMap<Value, std::vector<float>> observed;
  for (Value v : points)
    observed[v];
  llvm::DenseMap<Operation *, Value> pointOfOp;
  for (Value v : points)
    if (Operation *op = v.getDefiningOp())
      pointOfOp[op] = v;
  for (auto [n, sample] : llvm::enumerate(samples)) {
    if (std::optional<std::string> problem = checkInputs(func, sample))
      return func.emitError() << "calibration sample " << n << ": " << *problem;
    for (auto [i, arg] : llvm::enumerate(func.getArguments()))
      if (auto it = observed.find(arg); it != observed.end())
        it->second.insert(it->second.end(), sample[i].floats.begin(),
                          sample[i].floats.end());
    RunOptions run;
    run.observe = [&](Operation *op, ArrayRef<const Tensor *>,
                      const Tensor &result) {
      if (auto it = pointOfOp.find(op); it != pointOfOp.end())
        observed[it->second].insert(observed[it->second].end(),
                                    result.floats.begin(), result.floats.end());
    };
    if (failed(runFunction(func, sample, run)))
      return failure();
  }

  OpBuilder b(graph.getContext());
  for (Value v : points) {
    auto [lo, hi] = activationRange(observed[v], options);
    insertFakeQuant(b, v,
                    {b.getNamedAttr("min", b.getDenseF64ArrayAttr({lo})),
                     b.getNamedAttr("max", b.getDenseF64ArrayAttr({hi}))});
  }

  // Weights: symmetric, narrow range, per output channel or per tensor.
  WalkResult weights = func.walk([&](LayerOpInterface op) {
    Value w = op.getLayerWeights();
    std::optional<SmallVector<double>> values = getConstantFloats(w);
    if (!values) {
      op->emitError() << "weights must be a constant to calibrate";
      return WalkResult::interrupt();
    }
    int64_t axis = op.getOutputChannelAxis();
    ArrayRef<int64_t> shape = cast<RankedTensorType>(w.getType()).getShape();
    int64_t channels = options.perChannel ? shape[axis] : 1, stride = 1;
    for (int64_t d = axis + 1; d < static_cast<int64_t>(shape.size()); ++d)
      stride *= shape[d];
    SmallVector<double> bound(channels, 0.0);
    for (auto [i, v] : llvm::enumerate(*values)) {
      int64_t c = options.perChannel ? (i / stride) % shape[axis] : 0;
      bound[c] = std::max(bound[c], std::fabs(v));
    }
    SmallVector<double> min, max;
    for (double m : bound) {
      double a = std::max(m, 1e-8);
      min.push_back(-a);
      max.push_back(a);
    }
    SmallVector<NamedAttribute> attrs = {
        b.getNamedAttr("min", b.getDenseF64ArrayAttr(min)),
        b.getNamedAttr("max", b.getDenseF64ArrayAttr(max)),
        b.getNamedAttr("num_bits", b.getI64IntegerAttr(options.weightBits)),
        b.getNamedAttr("narrow_range", b.getBoolAttr(true))};
    if (options.perChannel)
      attrs.push_back(b.getNamedAttr("axis", b.getI64IntegerAttr(axis)));
    b.setInsertionPoint(op);
    auto fq = FakeQuantOp::create(b, w.getLoc(), TypeRange{w.getType()},
                                  ValueRange{w}, attrs);
    op->setOperand(op.getLayerWeightsOperandNumber(), fq.getResult());
    return WalkResult::advance();
  });
  return failure(weights.wasInterrupted());
}
