// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- BoundaryAttributes.h - attributes on a model's ports -----*- C++ -*-===//
//
// A model function's arguments and results carry what the compiled model's
// header and JSON state about each port: its layout (`qat.layout`,
// `qint.layout`), its layout in the source model where the boundary
// changed it (`qat.source_layout`, `qint.source_layout`: an ONNX NCHW image
// the device takes NHWC, for the host API to convert) and, at the integer
// level, its quantization (`qint.scale`,
// `qint.zero_point`). Both dialects verify them where they are attached, so
// no later stage meets a value it would have to guard against.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_DIALECT_COMMON_BOUNDARYATTRIBUTES_H
#define QAT_DIALECT_COMMON_BOUNDARYATTRIBUTES_H

#include "mlir/IR/Operation.h"

namespace mlir::qat {

/// The layouts a port may state: NHWC, NCHW (images) and NCL (sequences).
bool isBoundaryLayout(StringRef layout);

/// Verifies `attribute` on argument or result `index` of `op` (`kind` is
/// "argument" or "result") when it is one of the port attributes above:
/// `port_c1` (docs/Spec.md), `qint_port_c1` to `qint_port_c3`
/// (docs/QIntSpec.md).
LogicalResult verifyBoundaryAttribute(Operation *op, StringRef kind,
                                      unsigned index, NamedAttribute attribute);

} // namespace mlir::qat

#endif // QAT_DIALECT_COMMON_BOUNDARYATTRIBUTES_H
