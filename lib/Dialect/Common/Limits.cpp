// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Limits.cpp - size limits every qat component enforces --------------===//

#include "qat/Dialect/Common/Limits.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

std::optional<int64_t> mlir::qat::boundedElementCount(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  bool empty = false;
  for (int64_t dim : shape) {
    if (dim < 0 || dim > kMaxTensorElements)
      return std::nullopt;
    empty |= dim == 0;
    // Both factors are at most 2^31 - 1, so the product fits in int64_t.
    count = std::min<int64_t>(count * std::max<int64_t>(dim, 1),
                              kMaxTensorElements + 1);
  }
  if (count > kMaxTensorElements)
    return std::nullopt;
  return empty ? 0 : count;
}

bool mlir::qat::isWithinTensorLimit(Type type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  return ranked && boundedElementCount(ranked.getShape()).has_value();
}

static bool isOversized(Type type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  return ranked && ranked.hasStaticShape() && !qat::isWithinTensorLimit(ranked);
}

static InFlightDiagnostic oversized(InFlightDiagnostic diag, Type type) {
  return std::move(diag) << "has type " << type << ", more than "
                         << qat::kMaxTensorElements
                         << " elements, the most qat supports in one tensor";
}

LogicalResult mlir::qat::verifyTensorSizes(Operation *root) {
  WalkResult walk = root->walk([](Operation *op) {
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          if (isOversized(arg.getType())) {
            oversized(op->emitOpError()
                          << "argument " << arg.getArgNumber() << " ",
                      arg.getType());
            return WalkResult::interrupt();
          }
    for (OpResult result : op->getResults())
      if (isOversized(result.getType())) {
        oversized(op->emitOpError()
                      << "result " << result.getResultNumber() << " ",
                  result.getType());
        return WalkResult::interrupt();
      }
    return WalkResult::advance();
  });
  return failure(walk.wasInterrupted());
}
