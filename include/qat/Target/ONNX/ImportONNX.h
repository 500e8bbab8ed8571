// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- ImportONNX.h - ONNX QDQ models to qat fake-quant graphs --*- C++ -*-===//
//
// The ONNX front end: a QDQ model (QuantizeLinear -> DequantizeLinear pairs
// around float ops, as `torch.onnx.export` writes a PyTorch QAT model)
// becomes one `qat` function whose ops carry their ONNX node names as
// locations. docs/ONNX.md lists the operators and their mapping.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_TARGET_ONNX_IMPORTONNX_H
#define QAT_TARGET_ONNX_IMPORTONNX_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>

namespace mlir::qat {

/// The memory layout of the imported function's 3-D and 4-D arguments and
/// results (ONNX's channel-first activations).
enum class BoundaryLayout {
  /// Channels last ([N, H, W, C], [N, 1, L, C] for 1-D), as qat's kernels
  /// compute: the compiled model reads and writes its buffers in place.
  NHWC,
  /// ONNX's own order ([N, C, H, W], [N, C, L]): the compiled model
  /// transposes its int8 inputs and outputs.
  NCHW,
};

struct ONNXImportOptions {
  BoundaryLayout layout = BoundaryLayout::NHWC;
  /// The imported function's symbol.
  std::string functionName = "main";
};

/// Imports the ONNX model held in `bytes`; `fileName` names it in
/// diagnostics. Errors are emitted to `context`'s diagnostic handlers and
/// give a null module.
OwningOpRef<ModuleOp> importONNX(llvm::StringRef bytes,
                                 llvm::StringRef fileName, MLIRContext *context,
                                 const ONNXImportOptions &options = {});

/// Whether `path` names an ONNX model (by its `.onnx` extension).
bool isONNXFile(llvm::StringRef path);

/// The deepest bracket nesting MLIR text may have (dense literals nest one
/// level per dimension); deeper text would exhaust the MLIR parser's stack.
constexpr int kMaxTextNesting = 256;

/// Checks MLIR text against kMaxTextNesting before it is parsed; on excess,
/// emits an error at the line and column (in `fileName`) and fails.
LogicalResult checkTextNesting(llvm::StringRef text, llvm::StringRef fileName,
                               MLIRContext *context);

/// Parses a `--layout` value: "nhwc" or "nchw".
std::optional<BoundaryLayout> parseBoundaryLayout(llvm::StringRef name);

/// Registers `--import-onnx` (with `--onnx-layout`) with mlir-translate's
/// registry, for qat-translate.
void registerFromONNXTranslation();

} // namespace mlir::qat

#endif // QAT_TARGET_ONNX_IMPORTONNX_H
