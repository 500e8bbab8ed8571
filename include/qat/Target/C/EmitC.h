// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- EmitC.h - qint programs to C calling the qat runtime -----*- C++ -*-===//
//
// The Cortex-M backend: an int8 qint function becomes a C99 file whose one
// entry point calls the runtime kernels (runtime/include/qat_rt.h) with
// compile-time-constant parameters, plus the header every backend shares.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_TARGET_C_EMITC_H
#define QAT_TARGET_C_EMITC_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <string>

namespace mlir::qat {

struct CEmitOptions {
  /// The model name: files NAME.c/NAME.h, entry point qat_NAME_run.
  std::string name;
  /// A static arena inside NAME.c (the entry point ignores its `arena`
  /// argument) instead of the caller's.
  bool staticArena = false;
  /// Named in the files' first comment.
  std::string source;
  /// Extra flash, in bytes, the C may spend on conv and fully connected
  /// weights widened to int16 for targets whose kernels read them faster
  /// (QAT_RT_WIDE_WEIGHTS in qat_rt.h); layers are chosen by the MACs each
  /// extra byte saves work on, most first. 0: none.
  int64_t wideWeightBudget = 0;
  /// Writes the "options" object of NAME.json (the compile options that
  /// decided the program); none when empty.
  std::function<void(llvm::json::OStream &)> writeOptions;
};

/// Whether `name` is a C identifier.
bool isCIdentifier(StringRef name);

/// Why `name` cannot name the model (its files NAME.h/.c, macros QAT_NAME_*,
/// symbols qat_NAME_*), as a phrase that follows "model name 'NAME' ";
/// nullopt when it can.
std::optional<std::string> modelNameProblem(StringRef name);

/// The model name qat derives when none is given: the model function's
/// name if one is chosen, else the source file's name without its last
/// extension, with every character outside [A-Za-z0-9_] replaced by '_'
/// and "model_" before a leading digit ("my-model.onnx" -> my_model,
/// "digits_cnn.qdq.onnx" -> digits_cnn_qdq, "1net.onnx" -> model_1net);
/// "model" when that leaves nothing.
std::string defaultModelName(StringRef sourcePath, StringRef function = "");

/// The one function of `module` that is the model; an error otherwise.
FailureOr<func::FuncOp> getModelFunction(ModuleOp module);

/// Prepares an int8 qint function for emission: marks the runtime's scratch
/// needs (`qint.scratch`) and plans the arena (qint-plan-memory), replacing
/// any earlier plan. `inPlaceWindows` is qint-plan-memory's option of that
/// name: windowed kernels at the peak write over their input (less memory,
/// the same speed).
LogicalResult planForC(func::FuncOp func, bool inPlaceWindows = true);

/// NAME.h: sizes, shapes, scales, zero points and the entry point. Needs the
/// argument and result attributes `qint.scale`/`qint.zero_point` and a
/// planned arena (`qint.arena_size`).
/// The program's kernels in execution order: its qint ops but reshapes
/// (which move no data). The C entry point returns k when the k-th (from 1)
/// fails, and the number of kernels plus one when copying an output that
/// is not written in place fails; NAME.json lists them.
SmallVector<Operation *> modelKernels(func::FuncOp func);

/// NAME.json: the facts of NAME.h for programs (ports, arena) and each
/// kernel's error code, location and memory.
LogicalResult emitModelJSON(func::FuncOp func, const CEmitOptions &options,
                            llvm::raw_ostream &os);

LogicalResult emitModelHeader(func::FuncOp func, const CEmitOptions &options,
                              llvm::raw_ostream &os);

/// NAME.c for a planned function (planForC).
LogicalResult emitModelSource(func::FuncOp func, const CEmitOptions &options,
                              llvm::raw_ostream &os);

/// Registers the translations `emit-c` and `emit-c-header` (options
/// `--c-name`, `--c-static-arena`, `--c-wide-weights`) for qat-translate.
void registerToCTranslations();

} // namespace mlir::qat

#endif // QAT_TARGET_C_EMITC_H
