// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATDialect.h - qat dialect -------------------------------*- C++ -*-===//
//
// The qat dialect: float training graphs with fake-quant ops.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_DIALECT_QAT_IR_QATDIALECT_H
#define QAT_DIALECT_QAT_IR_QATDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Dialect.h"

#include "qat/Dialect/QAT/IR/QATOpsDialect.h.inc"

namespace mlir::qat {
/// Registers the qat dialect.
void registerQATDialect(DialectRegistry &registry);

/// Attributes of a module holding a fake-quant graph that record the
/// compile options deciding its program (docs/Compiler.md): the ONNX
/// importer records single rounding (ONNX and PyTorch fake-quant round
/// once), and a compilation records every such option it used on its graph,
/// so compiling that graph's text again gives the same program. An option
/// the caller sets wins over the recorded one. The dialect verifies them.
///   qat.rounding = "double" | "single"
///   qat.default_range = array<f64: min, max>
///   qat.int16_activations = ["layer", ...]
///   qat.pack_4bit_weights (unit)
inline constexpr llvm::StringLiteral kRecordedRounding = "qat.rounding";
inline constexpr llvm::StringLiteral kRecordedDefaultRange =
    "qat.default_range";
inline constexpr llvm::StringLiteral kRecordedInt16Activations =
    "qat.int16_activations";
inline constexpr llvm::StringLiteral kRecordedPackFourBitWeights =
    "qat.pack_4bit_weights";
} // namespace mlir::qat

#endif // QAT_DIALECT_QAT_IR_QATDIALECT_H
