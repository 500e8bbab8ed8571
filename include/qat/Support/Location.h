// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Location.h - locations in the user's terms ----------------*- C++
//-*-===//
//
// Diagnostics, the per-layer report and the generated C name an op by where
// the user wrote it: the ONNX node (and so the PyTorch module) names, or the
// file:line:col of an IR file.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_SUPPORT_LOCATION_H
#define QAT_SUPPORT_LOCATION_H

#include "mlir/IR/Location.h"

#include <string>

namespace mlir::qat {

/// A location in the user's terms: ONNX node (PyTorch module) names, then
/// file:line:col, the parts of a fused location joined by ", "; empty when
/// unknown.
std::string describeLocation(Location loc);

} // namespace mlir::qat

#endif // QAT_SUPPORT_LOCATION_H
