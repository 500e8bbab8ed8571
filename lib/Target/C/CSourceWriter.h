// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CSourceWriter.h - one model's C file, kernel by kernel ---*- C++ -*-===//
//
// NAME.c is written in two parts: `static const` data (weights, folded
// biases, parameter blocks) and the body of qat_NAME_run, one checked
// runtime call per kernel. CSourceWriter owns both and the storage of every
// tensor; each op family's file (LayerC.cpp, ElementwiseC.cpp, ...) writes
// its ops' calls through it, as the op's CKernelOpInterface model.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_LIB_TARGET_C_CSOURCEWRITER_H
#define QAT_LIB_TARGET_C_CSOURCEWRITER_H

#include "RuntimeLayout.h"

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Target/C/CKernels.h"
#include "qat/Target/C/EmitC.h"

#include "llvm/ADT/DenseSet.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mlir::qat {

/// A C integer literal; INT32_MIN has none.
std::string cLiteral(int64_t v);

/// The C element type of a tensor value.
std::string cTypeOf(Value v);

bool isInt16(Value v);

/// The values of an integer arith.constant, or nothing for any other value.
std::optional<SmallVector<int64_t>> intConstant(Value v);

/// 4-bit values two per byte, the first of a pair in the low nibble, each
/// byte as the int8 value C stores.
SmallVector<int64_t> packFourBit(ArrayRef<int64_t> values);

/// The runtime's name of a rounding mode.
std::string roundingName(qint::Rounding r);

class CSourceWriter {
public:
  CSourceWriter(func::FuncOp func, const CEmitOptions &options,
                llvm::raw_ostream &os)
      : func(func), options(options), out(os) {}

  /// Writes the whole file.
  LogicalResult emit();

  /// The C expression of a tensor operand: its storage, or a constant
  /// array (written once).
  FailureOr<std::string> operand(Operation *user, Value v);
  /// The expressions of every operand of `op`.
  FailureOr<SmallVector<std::string>> operands(Operation *op);
  /// Where `op` writes its result.
  std::string result(Operation *op) { return storage[op->getResult(0)]; }

  /// A new `static const TYPE NAME[]` holding `values`; returns NAME.
  std::string array(StringRef type, ArrayRef<int64_t> values);
  /// The same for a table several kernels read (TFLite's sigmoid and
  /// softmax tables): written once per file, the first array's NAME for
  /// every later request of the same type and values.
  std::string table(StringRef type, ArrayRef<int64_t> values);
  /// A weight array in the order each QAT_RT_WEIGHT_BLOCK reads: one array
  /// where the orders agree, else both under the preprocessor.
  std::string arrayPerBlock(ArrayRef<int64_t> vectors, ArrayRef<int64_t> words);
  /// Like arrayPerBlock, with `wide` (int64 words of int16 weights) kept
  /// instead where QAT_RT_WIDE_WEIGHTS.
  std::string arrayPerBlockOrWide(ArrayRef<int64_t> vectors,
                                  ArrayRef<int64_t> words,
                                  ArrayRef<int64_t> wide);
  /// A new `static const TYPE NAME = {FIELDS}`; returns &NAME.
  std::string params(StringRef type, ArrayRef<std::string> fields);
  /// A qat_rt_output_stage initializer: one multiplier and shift per
  /// channel, a per-tensor pair repeated.
  std::string outputStage(ArrayRef<int32_t> multiplier, ArrayRef<int32_t> shift,
                          int64_t channels, int64_t outputZp, int64_t actMin,
                          int64_t actMax, qint::Rounding rounding);
  /// The op's planned working memory, or "0" when it needs none.
  FailureOr<std::string> scratch(Operation *op);
  /// A name for a local of the body, unique in the file.
  std::string uniqueName(StringRef kind);

  /// A checked runtime call between the profiling hooks; a failure returns
  /// the kernel's error code. A layer with wide weights calls `wideText`
  /// where the runtime reads them.
  void call(Operation *op, const Twine &text, const Twine &wideText = "");
  /// Text of the body around calls (a block holding a local, say).
  void appendBody(const Twine &text) { body += text.str(); }
  /// The state `op` keeps between runs ("(a + OFFSET)"), planned by
  /// planForC, and a statement of qat_NAME_reset that sets its zero state.
  FailureOr<std::string> state(Operation *op);
  void appendReset(const Twine &statement) { resets += statement.str(); }
  /// Sets a recurrent op's state: the zero state in qat_NAME_reset, or,
  /// when it has initial-state operands, their values at the start of the
  /// first run after qat_NAME_reset (a word after the state marks it).
  /// `resetCall` is the runtime's reset function with its parameters before
  /// the `slots` initial-state pointers and the state; `initial` the
  /// initial-state operands' expressions (none, or one per slot).
  LogicalResult resetState(Operation *op, StringRef resetCall, int slots,
                           ArrayRef<std::string> initial);

  /// Whether the layer's weights are also held widened to int16.
  bool hasWideWeights(Operation *op) const { return wide.contains(op); }

private:
  LogicalResult bindStorage();
  void arrayNamed(StringRef name, StringRef type, ArrayRef<int64_t> values);
  void arrayPerBlockNamed(StringRef name, ArrayRef<int64_t> vectors,
                          ArrayRef<int64_t> words);

  func::FuncOp func;
  const CEmitOptions &options;
  llvm::raw_ostream &out;
  std::string globals, body, resets;
  int counter = 0;
  DenseMap<Value, std::string> storage;
  DenseMap<Value, std::string> constantArrays;
  std::map<std::pair<std::string, std::vector<int64_t>>, std::string> tables;
  /// The error code of each kernel call: its 1-based place among the
  /// program's kernels (modelKernels).
  DenseMap<Operation *, int64_t> position;
  /// The layers whose weights the C also holds widened to int16.
  DenseSet<Operation *> wide;
};

/// The conv and fully connected layers whose int16 weights fit `budget`
/// bytes, taken by the MACs per extra byte (the output pixels each weight
/// serves), most first, then in program order.
DenseSet<Operation *> chooseWideLayers(ArrayRef<Operation *> kernels,
                                       int64_t budget);

template <typename Op, LogicalResult (*Fn)(Op, CSourceWriter &)>
struct CKernelModel
    : CKernelOpInterface::ExternalModel<CKernelModel<Op, Fn>, Op> {
  LogicalResult emitC(Operation *op, CSourceWriter &writer) const {
    return Fn(cast<Op>(op), writer);
  }
};

/// Attaches `Fn` as `Op`'s runtime call.
template <typename Op, LogicalResult (*Fn)(Op, CSourceWriter &)>
void attachCKernel(MLIRContext *context) {
  Op::template attachInterface<CKernelModel<Op, Fn>>(*context);
}

// The families (one file each).
void registerLayerC(DialectRegistry &registry);
void registerElementwiseC(DialectRegistry &registry);
void registerPoolingC(DialectRegistry &registry);
void registerSoftmaxC(DialectRegistry &registry);
void registerDataMovementC(DialectRegistry &registry);
void registerRecurrentC(DialectRegistry &registry);
void registerMatMulC(DialectRegistry &registry);
void registerNormalizationC(DialectRegistry &registry);

} // namespace mlir::qat

#endif // QAT_LIB_TARGET_C_CSOURCEWRITER_H
