// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- RuntimeLayout.h - what the C runtime expects of its data -*- C++ -*-===//
//
// The compile-time side of runtime/include/qat_rt.h: each kernel's working
// memory (from the runtime's own qat_rt_scratch.h) and the weight orders the
// kernels read; the backend tests and the kernel fuzzer run both.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_LIB_TARGET_C_RUNTIMELAYOUT_H
#define QAT_LIB_TARGET_C_RUNTIMELAYOUT_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/Value.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"

#include "qat_rt_scratch.h"

namespace mlir::qat::c_runtime {

inline int64_t numElements(Value v) {
  return cast<RankedTensorType>(v.getType()).getNumElements();
}

inline ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

inline int64_t roundUp4(int64_t k) { return (k + 3) / 4 * 4; }

/// Whether `weights` are 4-bit: stored packed, run by the *_s4 kernels.
inline bool isFourBit(Value weights) {
  return cast<RankedTensorType>(weights.getType())
      .getElementType()
      .isInteger(4);
}

/// Elements of a binary op's operand as the runtime indexes it: a rank-1
/// operand broadcasts over the output (qat-run's broadcastIndex), any other
/// has the output's size.
int64_t broadcastSize(Value operand, Value output);

/// A windowed op's parameters as the runtime's kernels take them (the
/// output stage left empty).
qat_rt_conv_params convParams(Operation *op);

/// The runtime's parameters of a qint.batch_matmul: shapes, broadcast
/// strides and output stage.
qat_rt_batch_matmul_params batchMatMulParams(qint::BatchMatMulOp op);

/// Bytes of working memory the op's runtime kernel needs (0 for none), by
/// the runtime's own definition (qat_rt_scratch.h).
int64_t scratchBytes(Operation *op);

/// Bytes of state the op keeps from one run of the program to the next
/// (an LSTM's hidden and cell state, a GRU's hidden state; 0 for the
/// others).
int64_t stateBytes(Operation *op);

/// Whether a recurrent op starts from initial-state operands: its state
/// region then ends in a word that qat_NAME_reset sets, so that the next
/// run loads them.
bool hasInitialState(Operation *op);

/// Bytes of the op's region of the program's state: its state in whole
/// words, and the word of hasInitialState.
int64_t stateRegionBytes(Operation *op);

/// The most taps of the runtime's blocked depthwise path.
constexpr int64_t kDepthwiseMaxTaps = 25;

/// Columns per block of the runtime's blocked weight order, and channels
/// per group of its blocked depthwise order (QAT_RT_WEIGHT_BLOCK): a word
/// for the scalar and DSP kernels, one int8 vector for the Helium kernels.
constexpr int64_t kWordBlock = 4;
constexpr int64_t kVectorBlock = 16;

/// [rows, k] weights in the runtime's blocked order with blocks `block`
/// columns wide.
SmallVector<int64_t> blocked(ArrayRef<int64_t> w, int64_t rows, int64_t k,
                             int64_t block);

/// [rows, k] weights in the runtime's wide blocked order: blocks of a word,
/// each row's four weights w0..w3 of a block as one int64 holding int16s
/// w0, w2, w1, w3 from the low bits up.
SmallVector<int64_t> wideBlocked(ArrayRef<int64_t> w, int64_t rows, int64_t k);

/// [taps, channels] depthwise weights in the runtime's blocked order with
/// groups of `block` channels.
SmallVector<int64_t> blockedDepthwise(ArrayRef<int64_t> w, int64_t taps,
                                      int64_t channels, int64_t block);

} // namespace mlir::qat::c_runtime

#endif // QAT_LIB_TARGET_C_RUNTIMELAYOUT_H
