// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Interpreter.h - the reference interpreter of qat and qint -*- C++
//-*-===//
//
// Executes a function of the qat dialect (float, with fake-quant semantics)
// or of the qint dialect (the integer contract, through the numerics
// library). It is the oracle every pass and backend is tested against, so it
// is written for obvious correctness: one plain loop nest per op, no
// undefined behaviour (an int32 accumulator that would overflow is an error,
// not a wrapped value).
//
//===----------------------------------------------------------------------===//

#ifndef QAT_INTERPRETER_INTERPRETER_H
#define QAT_INTERPRETER_INTERPRETER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "qat/Interpreter/Tensor.h"

#include <functional>

#include "qat/Interpreter/InterpreterInterfaces.h.inc"

namespace mlir::qat {

/// Attaches every op's interpreter kernel (InterpretableOpInterface) to the
/// qat and qint dialects: each context that runs the interpreter is built
/// from a registry that had this (qat::registerAllExtensions does).
void registerInterpreterKernels(DialectRegistry &registry);

/// Checks `inputs` against the function's argument types; on mismatch
/// returns a message naming the argument and both types.
std::optional<std::string> checkInputs(func::FuncOp func,
                                       llvm::ArrayRef<Tensor> inputs);

/// The most the default bound on the bytes of tensors the interpreter holds
/// at once may be (4 GiB): far above any model qat targets.
constexpr uint64_t kDefaultInterpreterMemoryLimit = uint64_t(4) << 30;

/// The default bound: kDefaultInterpreterMemoryLimit, or half of what the
/// process can still allocate (qat::allocatableBytes: a `ulimit -v`, a
/// container's limit, the machine's RAM) when that is less, so a tensor
/// the host cannot hold is an error naming it rather than an abort.
uint64_t defaultInterpreterMemoryLimit();

/// How to run a function, beyond its inputs.
struct RunOptions {
  /// The most bytes of tensors alive at once; an op whose result would pass
  /// it is refused, naming the op and the tensor, before anything is
  /// allocated.
  uint64_t memoryLimit = defaultInterpreterMemoryLimit();
  /// Whether qat.fake_quant quantizes; off, it passes its input through and
  /// a training graph computes its float model.
  bool fakeQuant = true;
  /// Called after each op with its operands and result (e.g. to record
  /// every layer's output).
  std::function<void(Operation *, llvm::ArrayRef<const Tensor *>,
                     const Tensor &)>
      observe;
};

/// Runs `func` on `inputs` (which must pass checkInputs). On failure it has
/// emitted an error at the op that could not be executed.
FailureOr<llvm::SmallVector<Tensor>>
runFunction(func::FuncOp func, llvm::ArrayRef<Tensor> inputs,
            const RunOptions &options = {});

} // namespace mlir::qat

#endif // QAT_INTERPRETER_INTERPRETER_H
