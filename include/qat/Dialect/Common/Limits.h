// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Limits.h - size limits every qat component enforces ------*- C++ -*-===//
//
// One tensor holds at most 2^31 - 1 elements: the C runtime and the
// generated C count elements in int32_t, and every size computed from a
// bounded tensor (bytes, offsets, padded extents) then fits in int64_t with
// room to spare. The verifiers refuse larger tensors, so no later stage can
// meet one; readers of files (.npy, ONNX) check before they allocate.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_DIALECT_COMMON_LIMITS_H
#define QAT_DIALECT_COMMON_LIMITS_H

#include "mlir/IR/Operation.h"
#include "mlir/IR/Types.h"
#include "mlir/Support/LLVM.h"

#include <cstdint>
#include <limits>
#include <optional>

namespace mlir::qat {

/// The most elements one tensor may hold, and the largest value of any one
/// dimension, stride, dilation, kernel or padding.
constexpr int64_t kMaxTensorElements = std::numeric_limits<int32_t>::max();

/// The number of elements of `shape`, or nullopt when a dimension is negative
/// (dynamic) or exceeds kMaxTensorElements, or the product does. Never
/// overflows.
std::optional<int64_t> boundedElementCount(ArrayRef<int64_t> shape);

/// Whether `type` is a ranked tensor with a static shape within the limits.
bool isWithinTensorLimit(Type type);

/// Refuses, at the value's location, any statically shaped tensor in `root`
/// (block arguments and op results alike) beyond the limits: the check for
/// what no op verifier sees, such as a function's signature or a constant.
LogicalResult verifyTensorSizes(Operation *root);

} // namespace mlir::qat

#endif // QAT_DIALECT_COMMON_LIMITS_H
