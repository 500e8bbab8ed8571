// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- ShapeVerification.h - shape checks shared by qat and qint -*- C++
//-*-===//
//
// The float and the integer level have the same layouts and window
// arithmetic; their verifiers share these checks so the two cannot drift.
// Each check takes the label of the constraint it enforces (docs/Spec.md) and
// ends its message with it.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_DIALECT_COMMON_SHAPEVERIFICATION_H
#define QAT_DIALECT_COMMON_SHAPEVERIFICATION_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mlir::qat {

/// Prints an array as `[a, b, c]` in a diagnostic.
template <typename T>
struct Bracketed {
  ArrayRef<T> values;
};
template <typename T>
Bracketed<T> bracketed(ArrayRef<T> values) {
  return {values};
}
template <typename T>
Diagnostic &operator<<(Diagnostic &diag, Bracketed<T> list) {
  diag << "[";
  llvm::interleaveComma(list.values, diag, [&](T v) { diag << v; });
  return diag << "]";
}

/// The static shape of a ranked tensor value.
ArrayRef<int64_t> shapeOf(Value value);

/// Checks that `value` (called `name`) has rank `rank`.
LogicalResult verifyRank(Operation *op, Value value, StringRef name,
                         int64_t rank, StringRef layout, StringRef label);

/// Checks that the optional `bias` is a 1-D tensor of `channels` elements.
LogicalResult verifyBias(Operation *op, Value bias, int64_t channels,
                         StringRef label);

/// Checks that result 0 has shape `expected`.
LogicalResult verifyResultShape(Operation *op, ArrayRef<int64_t> expected,
                                StringRef label);

/// A batched matrix product's shapes: operands 0 and 1 and result 0 of one
/// rank in [2, 5]; batch dimensions that agree or are 1 in one operand (the
/// result has the larger); inner dimensions, after `adjX` and `adjY`, that
/// agree; result matrices [M, N]. `rankLabel` and `shapeLabel` name the
/// two constraints.
LogicalResult verifyBatchMatMulShapes(Operation *op, bool adjX, bool adjY,
                                      StringRef rankLabel,
                                      StringRef shapeLabel);

/// Equal shapes, or a 1-D operand broadcast along the other's last
/// dimension; the result has the larger shape.
LogicalResult verifyChannelBroadcast(Operation *op, StringRef label);

/// TensorFlow's SAME padding of one dimension: the output is
/// ceil(in / stride) and the odd padding pixel goes after.
std::pair<int64_t, int64_t> samePadding(int64_t in, int64_t kernel,
                                        int64_t stride, int64_t dilation);

/// What the window verifier needs to know about a sliding-window op.
struct WindowInfo {
  ArrayRef<int64_t> inputShape; // NHWC
  SmallVector<int64_t, 2> kernel;
  ArrayRef<int64_t> strides;
  ArrayRef<int64_t> dilations;
  /// [top, bottom, left, right], already resolved from any auto padding.
  std::optional<ArrayRef<int64_t>> pad;
  int64_t outputChannels;
  /// Pools must not have a window that lies entirely in the padding.
  bool isPool;
};

/// Verifies window_c1, window_c2, the pad part of window_c3, window_c4,
/// window_c5 and the result shape (labelled `resultLabel`). `effectivePad`
/// is the padding to use when `info.pad` is absent (e.g. from auto_pad).
LogicalResult verifyWindow(Operation *op, const WindowInfo &info,
                           ArrayRef<int64_t> effectivePad,
                           StringRef resultLabel);

//===----------------------------------------------------------------------===//
// Layer shapes. `prefix` names the op's constraints (`conv2d` or
// `qint_conv2d`); the checks are labelled <prefix>_c1 ... as docs/Spec.md and
// docs/QIntSpec.md number them.
//===----------------------------------------------------------------------===//

/// Convolution (c1 input rank 4, c2 filter rank 4 and for depthwise
/// filter[0] == 1, c3 channels, c4 bias, c5 result shape and window).
/// `pad` is the effective padding [top, bottom, left, right] when the op's
/// own `pad` attribute is absent.
LogicalResult verifyConvShapes(Operation *op, Value input, Value filter,
                               Value bias, ArrayRef<int64_t> strides,
                               ArrayRef<int64_t> dilations,
                               std::optional<ArrayRef<int64_t>> padAttr,
                               ArrayRef<int64_t> effectivePad, bool depthwise,
                               StringRef prefix);

/// Fully connected (c1 input [N, K], or [..., K] with `batchDims`, c2
/// weights [O, K], c3 K, c4 bias, c5 result [N, O] or [..., O]).
LogicalResult verifyFullyConnectedShapes(Operation *op, Value input,
                                         Value weights, Value bias,
                                         StringRef prefix,
                                         bool batchDims = false);

/// Pooling (c1 input rank 4, c2 kernel, c3 result shape and window).
LogicalResult verifyPoolShapes(Operation *op, Value input,
                               ArrayRef<int64_t> kernel,
                               ArrayRef<int64_t> strides,
                               std::optional<ArrayRef<int64_t>> padAttr,
                               ArrayRef<int64_t> effectivePad,
                               StringRef prefix);

/// Global mean over H and W (c1 input rank 4, c2 result [N,1,1,C] or
/// [N,C]).
LogicalResult verifyMeanShapes(Operation *op, StringRef prefix);

/// Reshape (c1 equal element counts).
LogicalResult verifyReshapeShapes(Operation *op, StringRef prefix);

/// Concatenation (c1 an input, c2 axis, c3 inputs agree, c4 result).
LogicalResult verifyConcatShapes(Operation *op, ValueRange inputs, int64_t axis,
                                 StringRef prefix);

/// Transpose (c1 a permutation of the dimensions, c2 result shape).
LogicalResult verifyTransposeShapes(Operation *op, ArrayRef<int64_t> perm,
                                    StringRef prefix);

/// A strided slice of operand 0 (c1 ranks, c2 non-zero strides, c3 every
/// element read lies in the input).
LogicalResult verifySliceShapes(Operation *op, ArrayRef<int64_t> begin,
                                ArrayRef<int64_t> strides, StringRef prefix);

/// Constant padding (c1 padding values, c3 result shape; c2 is the op's
/// padding value).
LogicalResult verifyPadShapes(Operation *op, ArrayRef<int64_t> padding,
                              StringRef prefix);

/// Verifies the quantized activation range [actMin, actMax] within
/// [storageMin, storageMax].
LogicalResult verifyActivationRange(Operation *op, int64_t actMin,
                                    int64_t actMax, int64_t storageMin,
                                    int64_t storageMax, StringRef label);

} // namespace mlir::qat

#endif // QAT_DIALECT_COMMON_SHAPEVERIFICATION_H
