// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Int16Activations.cpp - chosen activations to 16-bit ranges ---------===//
//
// The `qat-int16-activations` pass; its description in Passes.td states the
// rewrite and how layers are named.
//
//===----------------------------------------------------------------------===//

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QAT/IR/QATUtils.h"
#include "qat/Dialect/QAT/Transforms/Passes.h"
#include "qat/Support/Location.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringSet.h"

#include <cmath>

namespace mlir::qat {
#define GEN_PASS_DEF_QATINT16ACTIVATIONSPASS
#include "qat/Dialect/QAT/Transforms/Passes.h.inc"
} // namespace mlir::qat

using namespace mlir;
using namespace mlir::qat;

namespace {
/// Whether the fake_quant quantizes weights (every use is a layer's weight
/// operand) rather than an activation.
bool quantizesWeights(FakeQuantOp fq) {
  return !fq->use_empty() && llvm::all_of(fq->getUses(), isLayerWeights);
}

/// The names a fake_quant answers to: its producer's (through a fused
/// activation, the layer's too) and its own location's.
SmallVector<std::string> namesOf(FakeQuantOp fq) {
  SmallVector<std::string> names;
  // A fused location (a conv with its folded batchnorm) describes itself
  // as "a, b": each part names it too.
  auto add = [&](Location loc) {
    std::string name = describeLocation(loc);
    if (name.empty())
      return;
    names.push_back(name);
    SmallVector<StringRef> parts;
    StringRef(name).split(parts, ", ");
    if (parts.size() > 1)
      for (StringRef part : parts)
        names.push_back(part.str());
  };
  // The layer first (the name the per-layer report shows; "input N" for a
  // function argument), then an activation fused into it, then the
  // fake_quant.
  if (auto arg = dyn_cast<BlockArgument>(fq.getInput()))
    names.push_back("input " + std::to_string(arg.getArgNumber()));
  Operation *producer = fq.getInput().getDefiningOp();
  if (producer && !isa<FakeQuantOp>(producer)) {
    if (isFusedActivation(producer))
      add(producer->getOperand(0).getDefiningOp()->getLoc());
    add(producer->getLoc());
  }
  add(fq.getLoc());
  return names;
}

struct Int16ActivationsPass
    : qat::impl::QATInt16ActivationsPassBase<Int16ActivationsPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (layers.empty())
      return;
    bool all = llvm::is_contained(layers, "all");
    llvm::StringSet<> wanted, matched;
    for (const std::string &name : layers)
      wanted.insert(name);
    SmallVector<std::string> candidates;
    bool failedAny = false;
    func.walk([&](FakeQuantOp fq) {
      if (quantizesWeights(fq))
        return;
      SmallVector<std::string> names = namesOf(fq);
      if (names.empty())
        return;
      candidates.push_back(names.front());
      auto hit = llvm::find_if(
          names, [&](const std::string &n) { return wanted.contains(n); });
      if (!all && hit == names.end())
        return;
      if (hit != names.end())
        matched.insert(*hit);
      if (fq.getAxis()) {
        fq.emitOpError() << "quantizes an activation per axis; it cannot "
                            "become int16";
        failedAny = true;
        return;
      }
      auto [lo, hi] = fq.getRealRange();
      double bound = std::max(std::fabs(lo), std::fabs(hi));
      if (!(bound > 0) || !std::isfinite(bound)) {
        fq.emitOpError() << "has the empty or non-finite range [" << lo << ", "
                         << hi << "]; it cannot become int16";
        failedAny = true;
        return;
      }
      Builder b(fq.getContext());
      RoundingMode rounding = fq.getEffectiveRounding();
      fq.removeMinAttr();
      fq.removeMaxAttr();
      fq.removeNumBitsAttr();
      fq.removeNarrowRangeAttr();
      fq.setScaleAttr(b.getDenseF64ArrayAttr({bound / 32767}));
      fq.setZeroPointAttr(b.getDenseI64ArrayAttr({0}));
      fq.setQuantMinAttr(b.getI64IntegerAttr(-32768));
      fq.setQuantMaxAttr(b.getI64IntegerAttr(32767));
      fq.setRoundingAttr(RoundingModeAttr::get(fq.getContext(), rounding));
    });
    for (const std::string &name : layers) {
      if (name == "all" || matched.contains(name))
        continue;
      InFlightDiagnostic diag = mlir::emitError(func.getLoc())
                                << "no activation named '" << name
                                << "' to make int16; the activations are: ";
      llvm::sort(candidates);
      candidates.erase(llvm::unique(candidates), candidates.end());
      llvm::interleave(candidates, diag, "; ");
      failedAny = true;
    }
    if (failedAny)
      signalPassFailure();
  }
};
} // namespace
