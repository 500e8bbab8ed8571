// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Compiler.h - a fake-quant graph to every artifact qat emits -*- C++
//-*-===//
//
// The driver behind qat-compile and the C API: one fake-quant graph in, the
// planned int8 program out, and from it the header, the C source, the LLVM
// IR and the program's text. Each emitter works on the program as planned,
// so the C and LLVM paths share one arena layout.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_COMPILER_COMPILER_H
#define QAT_COMPILER_COMPILER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace mlir::qat {

struct CompileOptions {
  /// Files NAME.*, entry point qat_NAME_run; a C identifier.
  std::string name = "model";
  /// The qat-to-int8 pipeline's options (docs/Compiler.md#options), the
  /// same everywhere: requantization rounding, "double" or "single" (empty:
  /// what the graph records, see kRecordedRounding in QATDialect.h, else
  /// "double"), and
  /// default-range, [min, max] for tensors training left unquantized (empty:
  /// what the graph records, else such a tensor is an error).
  std::string rounding;
  std::vector<double> defaultRange;
  /// The model function when the module holds several (the others are
  /// dropped); empty: the module must hold one.
  std::string function;
  /// Where the graph came from, named in the generated files' first comment.
  std::string source;
  /// The C emitter's flash budget for int16 weights (CEmitOptions).
  int64_t wideWeightBudget = 0;
  /// Windowed kernels at the memory peak write over their input (planForC).
  bool inPlaceWindows = true;
  /// Weights whose int8 values all fit in 4 bits become i4, stored packed
  /// by the C path (qint-pack-weights).
  bool packFourBitWeights = false;
  /// Layers (by their report names, or "all") whose activations become
  /// int16 (qat-int16-activations): mixed precision.
  std::vector<std::string> int16Activations;
};

/// Whether `module` is an integer program: its functions take integer
/// tensors and hold no qat op (a TFLite import, a qint program). The driver
/// compiles such a module without preparing or lowering it.
bool isIntegerProgram(ModuleOp module);

/// Registers what compiling needs: qat's dialects and the LLVM IR
/// translations of the native path.
void registerCompilerDependencies(DialectRegistry &registry);

/// A tensor the per-layer report follows through the levels: a fake_quant
/// of the prepared graph (numbered qat.report_id) and the qint op that
/// computes the same tensor, if lowering kept one.
struct ReportPoint {
  Operation *fakeQuant = nullptr;
  Operation *programOp = nullptr;
  double scale = 0;
  int64_t zeroPoint = 0;
};

/// A fake-quant graph and the planned int8 program compiled from it.
class Compilation {
public:
  /// Compiles `graph` (a fake-quant graph, or an integer program, which is
  /// checked and planned as it is); errors go to the context's diagnostic
  /// handlers.
  static FailureOr<std::unique_ptr<Compilation>>
  compile(OwningOpRef<ModuleOp> graph, const CompileOptions &options);

  /// The fake-quant graph as it was given (a copy taken before lowering).
  ModuleOp getGraph() { return *graph; }
  /// The planned int8 program: int8 inputs and outputs, arena offsets.
  func::FuncOp getProgram();
  const CompileOptions &getOptions() const { return options; }

  /// NAME.h: arena size, each port's size, shape, scale, zero point.
  LogicalResult emitHeader(llvm::raw_ostream &os, bool staticArena = false);
  /// NAME.json: the header's facts and every kernel's error code, location
  /// and memory, for scripts.
  LogicalResult emitModelJSON(llvm::raw_ostream &os);
  /// NAME.c: C99 calling qat's runtime.
  LogicalResult emitCSource(llvm::raw_ostream &os, bool staticArena = false);
  /// NAME.ll: LLVM IR for the host triple with the entry point
  /// qat_NAME_run.
  LogicalResult emitLLVMIR(llvm::raw_ostream &os);
  /// The program as MLIR text.
  void printProgram(llvm::raw_ostream &os);

  /// The graph as lowering saw it (batchnorm folded, parameters on every
  /// tensor), its activation fake_quants numbered 0, 1, ... in order.
  ModuleOp getPreparedGraph() { return *prepared; }
  const std::vector<ReportPoint> &getReportPoints() const { return points; }

private:
  Compilation(OwningOpRef<ModuleOp> graph, OwningOpRef<ModuleOp> prepared,
              OwningOpRef<ModuleOp> program, CompileOptions options)
      : graph(std::move(graph)), prepared(std::move(prepared)),
        program(std::move(program)), options(std::move(options)) {}

  OwningOpRef<ModuleOp> graph;
  OwningOpRef<ModuleOp> prepared;
  OwningOpRef<ModuleOp> program;
  CompileOptions options;
  std::vector<ReportPoint> points;
};

} // namespace mlir::qat

#endif // QAT_COMPILER_COMPILER_H
