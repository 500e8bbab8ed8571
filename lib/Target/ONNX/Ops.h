// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Ops.h - the importer's node handlers ---------------------*- C++ -*-===//
//
// One function per ONNX operator (or family), grouped by file:
// Quantization.cpp, Layers.cpp, Elementwise.cpp, DataMovement.cpp; the op
// table in OpTable.cpp lists which handles what.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_LIB_TARGET_ONNX_OPS_H
#define QAT_LIB_TARGET_ONNX_OPS_H

#include "Importer.h"

namespace mlir::qat::onnx_import {

#define QAT_ONNX_HANDLER(name)                                                 \
  LogicalResult name(Importer &imp, const onnx::NodeProto &node);

// Quantization.cpp
QAT_ONNX_HANDLER(importQuantizeLinear)
QAT_ONNX_HANDLER(importDequantizeLinear)

// Layers.cpp
QAT_ONNX_HANDLER(importConv)
QAT_ONNX_HANDLER(importGemm)
QAT_ONNX_HANDLER(importMatMul)
QAT_ONNX_HANDLER(importBatchNormalization)
QAT_ONNX_HANDLER(importMaxPool)
QAT_ONNX_HANDLER(importAveragePool)
QAT_ONNX_HANDLER(importGlobalAveragePool)
QAT_ONNX_HANDLER(importGlobalMaxPool)
QAT_ONNX_HANDLER(importReduceMean)

// Recurrent.cpp
QAT_ONNX_HANDLER(importLSTM)
QAT_ONNX_HANDLER(importGRU)

// Elementwise.cpp
QAT_ONNX_HANDLER(importRelu)
QAT_ONNX_HANDLER(importClip)
QAT_ONNX_HANDLER(importBinary)
QAT_ONNX_HANDLER(importEqual)
QAT_ONNX_HANDLER(importWhere)
QAT_ONNX_HANDLER(importExpand)
QAT_ONNX_HANDLER(importSoftmax)
QAT_ONNX_HANDLER(importLayerNormalization)

/// PyTorch 1.13's nn.LayerNorm at opset 13 (ReduceMean, Sub, Pow,
/// ReduceMean, Add eps, Sqrt, Div, then Mul weight and Add bias) from its
/// first ReduceMean `mean` of `x`: one qat.layer_norm defining the chain's
/// last tensor, the chain's nodes absorbed. False when `mean` does not
/// start such a chain.
FailureOr<bool> fuseLayerNormChain(Importer &imp, const onnx::NodeProto &mean,
                                   const Imported &x);
QAT_ONNX_HANDLER(importPointwise)
QAT_ONNX_HANDLER(importResize)
QAT_ONNX_HANDLER(importConstantOfShape)
QAT_ONNX_HANDLER(importSlice)
QAT_ONNX_HANDLER(importSplit)

// DataMovement.cpp
QAT_ONNX_HANDLER(importIdentity)
QAT_ONNX_HANDLER(importConstant)
QAT_ONNX_HANDLER(importReshape)
QAT_ONNX_HANDLER(importFlatten)
QAT_ONNX_HANDLER(importSqueeze)
QAT_ONNX_HANDLER(importUnsqueeze)
QAT_ONNX_HANDLER(importTranspose)
QAT_ONNX_HANDLER(importConcat)
QAT_ONNX_HANDLER(importPad)
QAT_ONNX_HANDLER(importShape)
QAT_ONNX_HANDLER(importGather)
QAT_ONNX_HANDLER(importCast)

#undef QAT_ONNX_HANDLER

//===----------------------------------------------------------------------===//
// Helpers shared by the handlers
//===----------------------------------------------------------------------===//

/// `axis` (possibly negative) as a dimension of a rank-`rank` tensor, or an
/// error.
FailureOr<int64_t> normalizeAxis(Importer &imp, const onnx::NodeProto &node,
                                 int64_t axis, int64_t rank);

/// The qat dimension holding ONNX dimension `d` of `in`.
int64_t qatDim(const Imported &in, int64_t d);

/// Defines output 0 as `in` reshaped to the ONNX shape `shape`, when that is
/// possible without moving data in qat's layout; an error otherwise.
LogicalResult reshapeActivation(Importer &imp, const onnx::NodeProto &node,
                                const Imported &in, ArrayRef<int64_t> shape);

/// A new constant tensor on the host.
std::shared_ptr<const HostTensor> makeHostTensor(ArrayRef<int64_t> shape,
                                                 std::vector<double> values,
                                                 int32_t dataType);

/// An f32 tensor type.
RankedTensorType f32Tensor(Importer &imp, ArrayRef<int64_t> shape);

} // namespace mlir::qat::onnx_import

#endif // QAT_LIB_TARGET_ONNX_OPS_H
