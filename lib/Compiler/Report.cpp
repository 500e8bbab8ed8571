// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Report.cpp - where a compiled model's accuracy goes, layer by layer ===//

#include "qat/Compiler/Report.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QAT/IR/QATUtils.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Dialect/QInt/Transforms/Passes.h"
#include "qat/Interpreter/Interpreter.h"
#include "qat/Numerics/FakeQuant.h"
#include "qat/Support/Escape.h"
#include "qat/Support/Location.h"
#include "qat/Target/C/EmitC.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::qat;
namespace nx = mlir::qat::numerics;

namespace {
/// Sums over every sample of one tensor's comparisons.
struct Stats {
  double floatSquares = 0, fakeQuantNoise = 0;
  double fakeQuantSquares = 0, int8Noise = 0;
  int64_t maxSteps = 0, differing = 0, elements = 0, saturated = 0;
  std::vector<int64_t> deviationCounts =
      std::vector<int64_t>(kMaxHistogramSteps + 1, 0);
};

double sqnr(double signal, double noise) {
  if (noise == 0)
    return std::numeric_limits<double>::infinity();
  if (signal == 0)
    return -std::numeric_limits<double>::infinity();
  return 10 * std::log10(signal / noise);
}

/// The op a numbered tensor comes from, for naming: the layer under a fused
/// activation, the fake_quant a requantization reads.
Operation *sourceOf(FakeQuantOp fq, std::string &opName) {
  Operation *producer = fq.getInput().getDefiningOp();
  if (!producer) {
    opName = "input";
    return nullptr;
  }
  if (isFusedActivation(producer)) {
    Operation *layer = producer->getOperand(0).getDefiningOp();
    opName = (layer->getName().stripDialect() + "+" +
              producer->getName().stripDialect())
                 .str();
    return layer;
  }
  opName = isa<FakeQuantOp>(producer)
               ? "requantize"
               : producer->getName().stripDialect().str();
  return producer;
}

void measureLayer(Operation *op, LayerReport &layer) {
  layer.activationBytes = qint::storageBytes(op->getResult(0).getType());
  // A layer on a sequence runs on its rows: the kernel's result is
  // reshaped back, and that reshape holds the layer's tensor.
  if (auto reshape = dyn_cast<qint::ReshapeOp>(op))
    if (Operation *kernel = reshape->getOperand(0).getDefiningOp();
        kernel && isa<qint::KernelOpInterface>(kernel) && kernel->hasOneUse() &&
        !kernel->hasAttr("qat.report"))
      op = kernel;
  if (auto kernel = dyn_cast<qint::KernelOpInterface>(op)) {
    layer.weightBytes = kernel.getConstantBytes();
    layer.macs = kernel.getMACs();
  }
  if (std::optional<int64_t> bound = qint::accumulatorBound(op))
    layer.headroomBits =
        *bound <= 0 ? 31
                    : static_cast<int64_t>(std::floor(std::log2(
                          static_cast<double>(qint::accumulatorLimit(op)) /
                          static_cast<double>(*bound))));
}

int64_t argmax(const Tensor &t) {
  int64_t best = 0;
  for (int64_t i = 1; i < t.numElements(); ++i)
    if ((t.isFloat() ? t.floats[i] : t.ints[i]) >
        (t.isFloat() ? t.floats[best] : t.ints[best]))
      best = i;
  return best;
}
} // namespace

FailureOr<Report>
mlir::qat::buildReport(Compilation &compilation,
                       const std::vector<std::vector<Tensor>> &samples,
                       std::optional<ArrayRef<int64_t>> labels) {
  FailureOr<func::FuncOp> graph =
      getModelFunction(compilation.getPreparedGraph());
  if (failed(graph))
    return failure();
  func::FuncOp program = compilation.getProgram();
  if (isIntegerProgram(compilation.getGraph()))
    return emitError(program.getLoc())
           << "the per-layer report compares a fake-quant graph with its "
              "integer program; this model is an integer program already (a "
              "TFLite model), with no fake-quant graph to compare";
  const std::vector<ReportPoint> &points = compilation.getReportPoints();
  if (samples.empty())
    return emitError(program.getLoc()) << "the report needs sample inputs";
  if (labels && labels->size() != samples.size())
    return emitError(program.getLoc())
           << "there are " << labels->size() << " labels for " << samples.size()
           << " samples";

  llvm::DenseMap<Operation *, int64_t> idOfFakeQuant;
  llvm::DenseMap<Operation *, SmallVector<int64_t>> idsOfProgramOp;
  for (auto [id, p] : llvm::enumerate(points)) {
    idOfFakeQuant[p.fakeQuant] = id;
    if (p.programOp)
      idsOfProgramOp[p.programOp].push_back(id);
  }
  std::vector<Stats> stats(points.size());
  int64_t agreeFakeQuant = 0, agreeInt8 = 0;
  int64_t correctFloat = 0, correctFakeQuant = 0, correctInt8 = 0;

  for (auto [n, sample] : llvm::enumerate(samples)) {
    if (std::optional<std::string> problem = checkInputs(*graph, sample))
      return emitError(program.getLoc())
             << "report sample " << n << ": " << *problem;
    std::vector<Tensor> floats(points.size()), fakeQuants(points.size()),
        int8s(points.size());
    std::vector<bool> haveInt8(points.size(), false);

    RunOptions off;
    off.fakeQuant = false;
    off.observe = [&](Operation *op, ArrayRef<const Tensor *>,
                      const Tensor &result) {
      if (auto it = idOfFakeQuant.find(op); it != idOfFakeQuant.end())
        floats[it->second] = result;
    };
    FailureOr<SmallVector<Tensor>> floatOut = runFunction(*graph, sample, off);

    RunOptions on;
    on.observe = [&](Operation *op, ArrayRef<const Tensor *> operands,
                     const Tensor &result) {
      auto it = idOfFakeQuant.find(op);
      if (it == idOfFakeQuant.end())
        return;
      fakeQuants[it->second] = result;
      auto [lo, hi] = cast<FakeQuantOp>(op).getRealRange();
      double half = points[it->second].scale / 2;
      for (float x : operands[0]->floats)
        stats[it->second].saturated += x < lo - half || x > hi + half;
    };
    FailureOr<SmallVector<Tensor>> fakeQuantOut =
        runFunction(*graph, sample, on);

    SmallVector<Tensor> quantized;
    for (auto [i, t] : llvm::enumerate(sample)) {
      auto scale = program.getArgAttrOfType<FloatAttr>(i, "qint.scale");
      auto zp = program.getArgAttrOfType<IntegerAttr>(i, "qint.zero_point");
      if (!scale || !zp)
        return program.emitError()
               << "input " << i << " states no quantization to report on";
      // int8, or int16 where the input's activations are int16.
      bool wide = cast<RankedTensorType>(program.getArgumentTypes()[i])
                      .getElementType()
                      .isInteger(16);
      Tensor q =
          Tensor::zeros(wide ? ElementKind::I16 : ElementKind::I8, t.shape);
      for (int64_t k = 0; k < t.numElements(); ++k)
        q.ints[k] =
            nx::quantize(t.floats[k], scale.getValueAsDouble(), zp.getInt(),
                         wide ? -32768 : -128, wide ? 32767 : 127);
      quantized.push_back(std::move(q));
    }
    RunOptions int8;
    int8.observe = [&](Operation *op, ArrayRef<const Tensor *>,
                       const Tensor &result) {
      auto it = idsOfProgramOp.find(op);
      if (it == idsOfProgramOp.end())
        return;
      for (int64_t id : it->second) {
        int8s[id] = result;
        haveInt8[id] = true;
      }
    };
    FailureOr<SmallVector<Tensor>> int8Out =
        runFunction(program, quantized, int8);
    if (failed(floatOut) || failed(fakeQuantOut) || failed(int8Out))
      return failure();

    for (size_t id = 0; id < points.size(); ++id) {
      Stats &s = stats[id];
      const Tensor &f = floats[id], &q = fakeQuants[id];
      for (int64_t k = 0; k < q.numElements(); ++k) {
        s.floatSquares += double(f.floats[k]) * f.floats[k];
        double e = double(q.floats[k]) - f.floats[k];
        s.fakeQuantNoise += e * e;
        s.fakeQuantSquares += double(q.floats[k]) * q.floats[k];
      }
      s.elements += q.numElements();
      if (!haveInt8[id])
        continue;
      const ReportPoint &p = points[id];
      for (int64_t k = 0; k < q.numElements(); ++k) {
        double real = nx::dequantize(int8s[id].ints[k], p.scale,
                                     static_cast<int32_t>(p.zeroPoint));
        double e = real - q.floats[k];
        s.int8Noise += e * e;
        int64_t steps = std::llround(std::fabs(e) / p.scale);
        s.maxSteps = std::max(s.maxSteps, steps);
        s.differing += steps != 0;
        ++s.deviationCounts[std::min(steps, kMaxHistogramSteps)];
      }
    }
    // The first output's class at each level (int8 dequantizes monotonically,
    // so its argmax is the int8 one).
    int64_t classFloat = argmax((*floatOut)[0]),
            classFakeQuant = argmax((*fakeQuantOut)[0]),
            classInt8 = argmax((*int8Out)[0]);
    agreeFakeQuant += classFakeQuant == classFloat;
    agreeInt8 += classInt8 == classFakeQuant;
    if (labels) {
      int64_t label = (*labels)[n];
      correctFloat += classFloat == label;
      correctFakeQuant += classFakeQuant == label;
      correctInt8 += classInt8 == label;
    }
  }

  Report report;
  report.model = compilation.getOptions().name;
  report.rounding = compilation.getOptions().rounding;
  report.samples = samples.size();
  double count = static_cast<double>(samples.size());
  report.agreementFakeQuantFloat = agreeFakeQuant / count;
  report.agreementInt8FakeQuant = agreeInt8 / count;
  if (labels) {
    report.accuracyFloat = correctFloat / count;
    report.accuracyFakeQuant = correctFakeQuant / count;
    report.accuracyInt8 = correctInt8 / count;
  }
  for (auto [id, p] : llvm::enumerate(points)) {
    const Stats &s = stats[id];
    auto fq = cast<FakeQuantOp>(p.fakeQuant);
    LayerReport layer;
    Operation *source = sourceOf(fq, layer.op);
    // A requantization is named by its own fake_quant, a layer by itself.
    bool requantize = isa_and_nonnull<FakeQuantOp>(source);
    layer.name = requantize ? describeLocation(fq->getLoc())
                 : source   ? describeLocation(source->getLoc())
                            : "";
    if (layer.name.empty())
      layer.name =
          source ? layer.op + " #" + std::to_string(id)
                 : "input " +
                       std::to_string(
                           cast<BlockArgument>(fq.getInput()).getArgNumber());
    layer.sqnrFakeQuant = sqnr(s.floatSquares, s.fakeQuantNoise);
    layer.saturated = s.elements ? double(s.saturated) / s.elements : 0;
    layer.hasInt8 = p.programOp != nullptr;
    if (layer.hasInt8) {
      layer.sqnrInt8 = sqnr(s.fakeQuantSquares, s.int8Noise);
      layer.maxDeviationSteps = s.maxSteps;
      layer.differing = s.elements ? double(s.differing) / s.elements : 0;
      layer.deviationCounts = s.deviationCounts;
      while (layer.deviationCounts.size() > 1 &&
             layer.deviationCounts.back() == 0)
        layer.deviationCounts.pop_back();
      measureLayer(p.programOp, layer);
    }
    layer.flagged = layer.hasInt8 && s.maxSteps > 1;
    if (layer.flagged) {
      // Why, when the compiler knows: an input that already deviates, then
      // what this op does.
      // The input's deviation, in its steps and in this layer's.
      int64_t inputSteps = 0;
      double inputScale = p.scale;
      SmallVector<Operation *> inputs;
      if (requantize)
        inputs.push_back(source);
      else if (source)
        for (Value operand : source->getOperands())
          inputs.push_back(operand.getDefiningOp());
      for (Operation *def : inputs)
        if (auto it = idOfFakeQuant.find(def);
            def && it != idOfFakeQuant.end() &&
            stats[it->second].maxSteps > inputSteps) {
          inputSteps = stats[it->second].maxSteps;
          inputScale = points[it->second].scale;
        }
      Operation *op = p.programOp;
      auto rounding = op->getAttrOfType<qint::RoundingAttr>("rounding");
      bool feedsConcat = llvm::any_of(
          fq->getUsers(), [](Operation *user) { return isa<ConcatOp>(user); });
      if (inputSteps > 0) {
        std::string text;
        llvm::raw_string_ostream os(text);
        os << "its input already deviates by " << inputSteps << " step(s)";
        if (inputScale != p.scale)
          os << llvm::format(" (%.3g of this layer's)",
                             inputSteps * inputScale / p.scale);
        layer.cause = text;
      } else if (isa<qint::AddOp>(op))
        layer.cause = "add rescales each input before the sum (three "
                      "roundings)";
      else if (isa<qint::RequantizeOp>(op) && feedsConcat)
        layer.cause = "re-quantization to the concat's scale";
      else if (layer.saturated > 0)
        layer.cause = "saturation";
      else if (rounding && rounding.getValue() == qint::Rounding::double_round)
        layer.cause = "double rounding (rounding=single follows the "
                      "fake-quant graph more closely)";
      else
        layer.cause = "integer requantization rounds differently from the "
                      "float graph";
    }
    report.layers.push_back(std::move(layer));
  }
  return report;
}

FailureOr<std::vector<std::vector<Tensor>>>
mlir::qat::samplesFromBatches(func::FuncOp graph, ArrayRef<Tensor> batches) {
  ArrayRef<Type> types = graph.getArgumentTypes();
  if (batches.size() != types.size())
    return emitError(graph.getLoc())
           << "the model takes " << types.size() << " input(s), but "
           << batches.size() << " batch(es) were given";
  std::vector<std::vector<Tensor>> samples;
  for (auto [i, batch] : llvm::enumerate(batches)) {
    ArrayRef<int64_t> shape = cast<RankedTensorType>(types[i]).getShape();
    // A sample is the input's shape; a leading 1 is the batch dimension.
    ArrayRef<int64_t> sample =
        !shape.empty() && shape[0] == 1 ? shape.drop_front() : shape;
    ArrayRef<int64_t> got(batch.shape);
    if (!batch.isFloat() || got.empty() || got.drop_front() != sample) {
      auto diag = emitError(graph.getLoc())
                  << "sample batch " << i << " must be float32 of shape [N";
      for (int64_t d : sample)
        diag << ", " << d;
      diag << "], but is " << batch.typeString();
      return diag;
    }
    int64_t n = got[0], size = batch.numElements() / std::max<int64_t>(n, 1);
    if (i == 0)
      samples.resize(n);
    else if (static_cast<int64_t>(samples.size()) != n)
      return emitError(graph.getLoc())
             << "the sample batches have different sizes";
    for (int64_t k = 0; k < n; ++k) {
      Tensor t = Tensor::zeros(ElementKind::F32, shape);
      std::copy(batch.floats.begin() + k * size,
                batch.floats.begin() + (k + 1) * size, t.floats.begin());
      samples[k].push_back(std::move(t));
    }
  }
  return samples;
}

namespace {
std::string decibels(double v) {
  if (std::isinf(v))
    return v > 0 ? "inf" : "-inf";
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format("%.1f", v);
  return text;
}

std::string percent(double v) {
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format("%.2f%%", 100 * v);
  return text;
}
} // namespace

void mlir::qat::printReportMarkdown(const Report &r, llvm::raw_ostream &os) {
  os << "# Per-layer report: " << escapeMarkdownCell(r.model) << "\n\n"
     << r.samples << " sample(s); rounding " << r.rounding
     << ". SQNR in dB: fake-quant against the float graph, int8 against "
        "the fake-quant graph. Deviation in output steps of int8 from "
        "fake-quant; flagged (!) above one step.\n\n"
     << "| # | layer | op | SQNR fq/float | SQNR int8/fq | max dev | "
        "differing | saturated | headroom bits | activation B | weight B | "
        "MACs | flag |\n"
     << "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";
  for (auto [i, l] : llvm::enumerate(r.layers)) {
    os << "| " << i << " | " << escapeMarkdownCell(l.name) << " | " << l.op
       << " | " << decibels(l.sqnrFakeQuant) << " | ";
    if (l.hasInt8)
      os << decibels(l.sqnrInt8) << " | " << l.maxDeviationSteps << " | "
         << percent(l.differing) << " | ";
    else
      os << "- | - | - | ";
    os << percent(l.saturated) << " | "
       << (l.headroomBits ? std::to_string(*l.headroomBits) : "-") << " | "
       << (l.hasInt8 ? std::to_string(l.activationBytes) : "-") << " | "
       << l.weightBytes << " | " << l.macs << " | "
       << (l.flagged ? "! " + escapeMarkdownCell(l.cause) : "") << " |\n";
  }
  os << "\nTop-1 agreement: fake-quant with float "
     << percent(r.agreementFakeQuantFloat) << ", int8 with fake-quant "
     << percent(r.agreementInt8FakeQuant) << ".\n";
  if (r.accuracyFloat)
    os << "Accuracy: float " << percent(*r.accuracyFloat) << ", fake-quant "
       << percent(*r.accuracyFakeQuant) << ", int8 " << percent(*r.accuracyInt8)
       << ".\n";
}

void mlir::qat::printReportJSON(const Report &r, llvm::raw_ostream &os) {
  llvm::json::OStream json(os, 2);
  auto number = [&](llvm::StringRef key, double v) {
    if (std::isfinite(v))
      json.attribute(key, v);
    else
      json.attribute(key, v > 0 ? "inf" : "-inf");
  };
  json.object([&] {
    json.attribute("model", escapeJSONString(r.model));
    json.attribute("rounding", r.rounding);
    json.attribute("samples", r.samples);
    json.attribute("agreement_fakequant_float", r.agreementFakeQuantFloat);
    json.attribute("agreement_int8_fakequant", r.agreementInt8FakeQuant);
    if (r.accuracyFloat) {
      json.attribute("accuracy_float", *r.accuracyFloat);
      json.attribute("accuracy_fakequant", *r.accuracyFakeQuant);
      json.attribute("accuracy_int8", *r.accuracyInt8);
    }
    json.attributeArray("layers", [&] {
      for (const LayerReport &l : r.layers)
        json.object([&] {
          json.attribute("name", escapeJSONString(l.name));
          json.attribute("op", l.op);
          number("sqnr_fakequant_db", l.sqnrFakeQuant);
          json.attribute("has_int8", l.hasInt8);
          if (l.hasInt8) {
            number("sqnr_int8_db", l.sqnrInt8);
            json.attribute("max_deviation_steps", l.maxDeviationSteps);
            json.attribute("differing", l.differing);
            json.attributeArray("deviation_counts", [&] {
              for (int64_t c : l.deviationCounts)
                json.value(c);
            });
            json.attribute("activation_bytes", l.activationBytes);
          }
          json.attribute("saturated", l.saturated);
          if (l.headroomBits)
            json.attribute("headroom_bits", *l.headroomBits);
          json.attribute("weight_bytes", l.weightBytes);
          json.attribute("macs", l.macs);
          json.attribute("flagged", l.flagged);
          if (l.flagged)
            json.attribute("cause", escapeJSONString(l.cause));
        });
    });
  });
  os << "\n";
}
