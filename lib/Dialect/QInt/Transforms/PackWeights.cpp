// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- PackWeights.cpp - int8 weights that fit in 4 bits become i4 --------===//
//
// The `qint-pack-weights` pass; Passes.td states what it does.
//
//===----------------------------------------------------------------------===//

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Dialect/QInt/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace mlir::qint {
#define GEN_PASS_DEF_QINTPACKWEIGHTSPASS
#include "qat/Dialect/QInt/Transforms/Passes.h.inc"
} // namespace mlir::qint

using namespace mlir;
using namespace mlir::qint;

namespace {
/// The same values as an i4 constant, if `weights` is an i8 constant whose
/// values all lie in [-8, 7].
std::optional<DenseElementsAttr> asFourBit(Value weights) {
  auto constant = weights.getDefiningOp<arith::ConstantOp>();
  auto dense = constant ? dyn_cast<DenseIntElementsAttr>(constant.getValue())
                        : DenseIntElementsAttr();
  if (!dense || !dense.getElementType().isInteger(8))
    return std::nullopt;
  SmallVector<APInt> values;
  values.reserve(dense.getNumElements());
  for (const APInt &v : dense.getValues<APInt>()) {
    int64_t x = v.getSExtValue();
    if (x < -8 || x > 7)
      return std::nullopt;
    values.push_back(APInt(4, static_cast<uint64_t>(x), /*isSigned=*/true));
  }
  auto type = RankedTensorType::get(dense.getType().getShape(),
                                    IntegerType::get(weights.getContext(), 4));
  return DenseElementsAttr::get(type, values);
}

struct PackWeightsPass : qint::impl::QIntPackWeightsPassBase<PackWeightsPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    int64_t layers = 0, weightCount = 0, packedBytes = 0;
    func.walk([&](LayerOpInterface op) {
      OpOperand *weights = &op.getLayerWeightsOperand();
      // Layers with int16 activations keep int8 weights (TFLite's 16x8).
      auto isInt16 = [](Value v) {
        return cast<ShapedType>(v.getType()).getElementType().isInteger(16);
      };
      if (isInt16(op.getLayerInput()) || isInt16(op->getResult(0)))
        return;
      std::optional<DenseElementsAttr> fourBit = asFourBit(weights->get());
      if (!fourBit)
        return;
      // A constant of its own, so that another user of the int8 one keeps
      // it.
      OpBuilder builder(op);
      Value replacement =
          arith::ConstantOp::create(builder, weights->get().getLoc(), *fourBit);
      Operation *old = weights->get().getDefiningOp();
      weights->set(replacement);
      if (old->use_empty())
        old->erase();
      ++layers;
      weightCount += fourBit->getNumElements();
      packedBytes += storageBytes(replacement.getType());
    });
    if (report)
      func.emitRemark() << "packed the weights of " << layers
                        << " layer(s) into 4 bits: " << weightCount
                        << " weights, " << weightCount << " bytes as int8, "
                        << packedBytes << " packed";
  }
};
} // namespace
