// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- ImportQuantCasts.cpp - quant.dcast(quant.qcast) to fake_quant ------===//
//
// The `qat-import-quant-casts` pass. It is a pass and not a canonicalization
// pattern because upstream's DequantizeCastOp folder erases the pair first.
//
//===----------------------------------------------------------------------===//

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QAT/Transforms/Passes.h"

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace mlir::qat {
#define GEN_PASS_DEF_QATIMPORTQUANTCASTSPASS
#include "qat/Dialect/QAT/Transforms/Passes.h.inc"
} // namespace mlir::qat

using namespace mlir;
using namespace mlir::qat;

namespace {
/// quant.dcast(quant.qcast(x)) -> qat.fake_quant(x).
///
/// The quant dialect does not define a rounding mode; qat takes round half to
/// even, the rule of StableHLO's quantize() and of ONNX QuantizeLinear.
/// Types that qat.fake_quant cannot express (non-f32 expressed type, dynamic
/// shapes, storage wider than 16 bits, sub-channel blocks) are left alone.
struct QuantCastPairToFakeQuant : OpRewritePattern<quant::DequantizeCastOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(quant::DequantizeCastOp dcast,
                                PatternRewriter &rewriter) const override {
    auto qcast = dcast.getInput().getDefiningOp<quant::QuantizeCastOp>();
    if (!qcast)
      return failure();
    Value input = qcast.getInput();
    auto inputType = dyn_cast<RankedTensorType>(input.getType());
    auto resultType = dyn_cast<RankedTensorType>(dcast.getType());
    if (!inputType || inputType != resultType || !inputType.hasStaticShape() ||
        !inputType.getElementType().isF32())
      return rewriter.notifyMatchFailure(dcast, "not a static f32 tensor pair");
    auto quantType = dyn_cast<quant::QuantizedType>(
        cast<RankedTensorType>(qcast.getType()).getElementType());
    if (!quantType || quantType.getStorageTypeIntegralWidth() > 16)
      return rewriter.notifyMatchFailure(dcast, "storage wider than 16 bits");

    SmallVector<double> scales;
    SmallVector<int64_t> zeroPoints;
    std::optional<int64_t> axis;
    if (auto perTensor = dyn_cast<quant::UniformQuantizedType>(quantType)) {
      scales.push_back(perTensor.getScale());
      zeroPoints.push_back(perTensor.getZeroPoint());
    } else if (auto perAxis =
                   dyn_cast<quant::UniformQuantizedPerAxisType>(quantType)) {
      llvm::append_range(scales, perAxis.getScales());
      llvm::append_range(zeroPoints, perAxis.getZeroPoints());
      axis = perAxis.getQuantizedDimension();
    } else {
      return rewriter.notifyMatchFailure(dcast, "not a uniform quantized type");
    }

    // Leave pairs whose parameters qat.fake_quant would reject rather than
    // create an op that fails to verify.
    int64_t qmin = quantType.getStorageTypeMin();
    int64_t qmax = quantType.getStorageTypeMax();
    if (qmin >= qmax ||
        llvm::any_of(scales,
                     [](double s) { return !std::isfinite(s) || !(s > 0); }) ||
        llvm::any_of(zeroPoints,
                     [&](int64_t zp) { return zp < qmin || zp > qmax; }))
      return rewriter.notifyMatchFailure(dcast, "parameters qat rejects");

    Builder b(rewriter.getContext());
    SmallVector<NamedAttribute> attrs = {
        b.getNamedAttr("scale", b.getDenseF64ArrayAttr(scales)),
        b.getNamedAttr("zero_point", b.getDenseI64ArrayAttr(zeroPoints)),
        b.getNamedAttr("quant_min", b.getI64IntegerAttr(qmin)),
        b.getNamedAttr("quant_max", b.getI64IntegerAttr(qmax)),
        b.getNamedAttr(
            "rounding",
            RoundingModeAttr::get(b.getContext(), RoundingMode::half_to_even))};
    if (axis)
      attrs.push_back(b.getNamedAttr("axis", b.getI64IntegerAttr(*axis)));
    auto fakeQuant =
        FakeQuantOp::create(rewriter, dcast.getLoc(), TypeRange{inputType},
                            ValueRange{input}, attrs);
    rewriter.replaceOp(dcast, fakeQuant.getResult());
    return success();
  }
};
} // namespace

void mlir::qat::populateImportQuantCastsPatterns(RewritePatternSet &patterns) {
  patterns.add<QuantCastPairToFakeQuant>(patterns.getContext());
}

namespace {
struct ImportQuantCastsPass
    : qat::impl::QATImportQuantCastsPassBase<ImportQuantCastsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateImportQuantCastsPatterns(patterns);
    // Folding is off: upstream's dcast folder would erase the very pairs
    // this pass converts.
    GreedyRewriteConfig config;
    config.enableFolding(false);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      signalPassFailure();
  }
};
} // namespace
