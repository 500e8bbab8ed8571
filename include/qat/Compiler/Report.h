// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Report.h - where a compiled model's accuracy goes, layer by layer -*- C++
//-*-===//
//
// Runs sample inputs through the three levels one compiler holds: the float
// graph (fake-quant off), the fake-quant graph, and the int8 program (the
// interpreter, bit-exact with the device code), and compares them tensor by
// tensor at every layer output the program keeps.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_COMPILER_REPORT_H
#define QAT_COMPILER_REPORT_H

#include "qat/Compiler/Compiler.h"
#include "qat/Interpreter/Tensor.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::qat {

constexpr int64_t kMaxHistogramSteps = 16;

struct LayerReport {
  /// The source's name (ONNX node, PyTorch module, file:line:col) and the
  /// op that produces the tensor ("conv2d+relu", "input", ...).
  std::string name, op;
  /// Signal to noise in dB: fake-quant against float, int8 against
  /// fake-quant (infinite when identical).
  double sqnrFakeQuant = 0, sqnrInt8 = 0;
  /// Whether the int8 program keeps this tensor (otherwise the int8 fields
  /// are not meaningful: lowering fused or removed it).
  bool hasInt8 = false;
  /// The largest |int8 - fake-quant| in output steps, and the fraction of
  /// elements that differ at all.
  int64_t maxDeviationSteps = 0;
  double differing = 0;
  /// How many elements deviate by 0, 1, 2, ... steps (the last entry
  /// counts kMaxHistogramSteps and more).
  std::vector<int64_t> deviationCounts;
  /// The fraction of values the fake-quant clamps at its range's ends.
  double saturated = 0;
  /// Bits the proven worst-case int32 accumulator leaves below overflow.
  std::optional<int64_t> headroomBits;
  int64_t activationBytes = 0, weightBytes = 0, macs = 0;
  /// More than one step from the fake-quant graph, and why when known.
  bool flagged = false;
  std::string cause;
};

struct Report {
  std::string model, rounding;
  int64_t samples = 0;
  std::vector<LayerReport> layers;
  /// Top-1 agreement of the first output between levels.
  double agreementFakeQuantFloat = 0, agreementInt8FakeQuant = 0;
  /// Accuracy at each level, when labels were given.
  std::optional<double> accuracyFloat, accuracyFakeQuant, accuracyInt8;
};

/// `samples` holds one vector of float tensors (the function's inputs) per
/// sample; `labels` one class per sample, or none. Errors go to the
/// context's diagnostic handlers.
FailureOr<Report> buildReport(Compilation &compilation,
                              const std::vector<std::vector<Tensor>> &samples,
                              std::optional<llvm::ArrayRef<int64_t>> labels);

/// Splits one batch per model input ([N, ...] where a sample has the
/// input's shape, its leading 1 replaced by N) into samples; on mismatch,
/// an error at the program.
FailureOr<std::vector<std::vector<Tensor>>>
samplesFromBatches(func::FuncOp graph, llvm::ArrayRef<Tensor> batches);

void printReportMarkdown(const Report &report, llvm::raw_ostream &os);
void printReportJSON(const Report &report, llvm::raw_ostream &os);

} // namespace mlir::qat

#endif // QAT_COMPILER_REPORT_H
