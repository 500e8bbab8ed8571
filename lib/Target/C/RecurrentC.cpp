// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- RecurrentC.cpp - LSTM runtime calls --------------------------------===//
//
// The int8 kernel reads its weights in rows padded to whole words and its
// zero points folded into two biases; the int16 one reads qint's order and
// its int64 bias. Both read the sigmoid table the other backends use,
// written into the model's C file.
//
//===----------------------------------------------------------------------===//

#include "CSourceWriter.h"

#include "qat/Numerics/Recurrent.h"

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::c_runtime;

namespace {
/// A per-gate array field of a parameter block: "{v0, v1, ...}".
std::string gates(ArrayRef<int32_t> values) {
  std::string s = "{";
  for (int32_t v : values)
    s += (s.size() > 1 ? ", " : "") + cLiteral(v);
  return s + "}";
}

/// TFLite's sigmoid table, once per file however many layers read it.
std::string sigmoidTable(CSourceWriter &w) {
  const std::array<uint16_t, 256> &sigmoid = numerics::sigmoidInt16Table();
  return w.table("uint16_t",
                 SmallVector<int64_t>(sigmoid.begin(), sigmoid.end()));
}

std::string lstmParams(qint::LstmOp op, CSourceWriter &w) {
  numerics::LstmParams p = op.getLstmParams();
  auto [tanhMultiplier, tanhShift] =
      numerics::tanhInputRescale(p.cellScalePower);
  return w.params(
      "qat_rt_lstm_params",
      {cLiteral(p.timeSteps),         cLiteral(p.batches),
       cLiteral(p.inputSize),         cLiteral(p.hiddenSize),
       p.timeMajor ? "1" : "0",       cLiteral(p.inputZp),
       cLiteral(p.outputZp),          gates(op.getInputMultiplier()),
       gates(op.getInputShift()),     gates(op.getRecurrentMultiplier()),
       gates(op.getRecurrentShift()), cLiteral(p.forget.multiplier),
       cLiteral(p.forget.shift),      cLiteral(p.update.multiplier),
       cLiteral(p.update.shift),      cLiteral(p.hidden.multiplier),
       cLiteral(p.hidden.shift),      cLiteral(tanhMultiplier),
       cLiteral(tanhShift),           cLiteral(p.cellClip),
       roundingName(op.getRounding())});
}

/// Gate weights [G * H, cols] in the runtime's blocked order (rows padded
/// to whole words, four rows interleaved per block), in both block widths.
std::string blockedRows(CSourceWriter &w, ArrayRef<int64_t> values,
                        int64_t cols) {
  int64_t rows = static_cast<int64_t>(values.size()) / cols;
  return w.arrayPerBlock(blocked(values, rows, cols, kVectorBlock),
                         blocked(values, rows, cols, kWordBlock));
}

/// bias[r] - zp * (sum of row r of w), or the same without a bias.
SmallVector<int64_t> foldedRows(ArrayRef<int64_t> bias, ArrayRef<int64_t> w,
                                int64_t cols, int64_t zp, int64_t rows) {
  SmallVector<int64_t> out(rows, 0);
  for (int64_t r = 0; r < rows; ++r) {
    int64_t v = bias.empty() ? 0 : bias[r];
    for (int64_t c = 0; c < cols; ++c)
      v -= zp * w[r * cols + c];
    out[r] = v;
  }
  return out;
}

/// The expressions of the op's initial-state operands.
FailureOr<SmallVector<std::string>>
initialState(Operation *op, ValueRange states, CSourceWriter &w) {
  SmallVector<std::string> out;
  for (Value v : states) {
    FailureOr<std::string> e = w.operand(op, v);
    if (failed(e))
      return failure();
    out.push_back(*e);
  }
  return out;
}

LogicalResult lstm(qint::LstmOp op, CSourceWriter &w) {
  FailureOr<std::string> in = w.operand(op, op.getInput());
  FailureOr<std::string> work = w.scratch(op);
  FailureOr<std::string> state = w.state(op);
  if (failed(in) || failed(work) || failed(state))
    return failure();
  std::optional<SmallVector<int64_t>> wx = intConstant(op.getInputWeights()),
                                      wh =
                                          intConstant(op.getRecurrentWeights()),
                                      bias = intConstant(op.getBias());
  if (!wx || !wh || !bias)
    return op.emitError("the C backend needs constant weights and bias");
  numerics::LstmParams p = op.getLstmParams();
  std::string table = sigmoidTable(w);
  std::string params = lstmParams(op, w);
  const int64_t rows = 4 * p.hiddenSize;
  const std::string kernel = p.int16 ? "qat_rt_lstm_s16" : "qat_rt_lstm";
  FailureOr<SmallVector<std::string>> initial =
      initialState(op, op.getInitialState(), w);
  if (failed(initial) ||
      failed(w.resetState(op, kernel + "_reset(" + params, 2, *initial)))
    return failure();
  if (p.int16) {
    w.call(op, "qat_rt_lstm_s16(" + params + ", " + *in + ", " +
                   w.array("int8_t", *wx) + ", " + w.array("int8_t", *wh) +
                   ", " + w.array("int64_t", *bias) + ", " + table + ", " +
                   *work + ", " + *state + ", " + w.result(op) + ")");
    return success();
  }
  std::string inputWeights = blockedRows(w, *wx, p.inputSize);
  std::string recurrentWeights = blockedRows(w, *wh, p.hiddenSize);
  std::string inputBias =
      w.array("int32_t", foldedRows(*bias, *wx, p.inputSize, p.inputZp, rows));
  std::string recurrentBias =
      w.array("int32_t", foldedRows({}, *wh, p.hiddenSize, p.outputZp, rows));
  w.call(op, "qat_rt_lstm(" + params + ", " + *in + ", " + inputWeights + ", " +
                 recurrentWeights + ", " + inputBias + ", " + recurrentBias +
                 ", " + table + ", " + *work + ", " + *state + ", " +
                 w.result(op) + ")");
  return success();
}
LogicalResult gru(qint::GruOp op, CSourceWriter &w) {
  FailureOr<std::string> in = w.operand(op, op.getInput());
  FailureOr<std::string> work = w.scratch(op);
  FailureOr<std::string> state = w.state(op);
  if (failed(in) || failed(work) || failed(state))
    return failure();
  std::optional<SmallVector<int64_t>> wx = intConstant(op.getInputWeights()),
                                      wh =
                                          intConstant(op.getRecurrentWeights()),
                                      bx = intConstant(op.getInputBias()),
                                      bh = intConstant(op.getRecurrentBias());
  if (!wx || !wh || !bx || !bh)
    return op.emitError("the C backend needs constant weights and biases");
  numerics::GruParams p = op.getGruParams();
  std::string params = w.params(
      "qat_rt_gru_params",
      {cLiteral(p.timeSteps), cLiteral(p.batches), cLiteral(p.inputSize),
       cLiteral(p.hiddenSize), p.timeMajor ? "1" : "0", cLiteral(p.inputZp),
       cLiteral(p.outputZp), gates(op.getInputMultiplier()),
       gates(op.getInputShift()), gates(op.getRecurrentMultiplier()),
       gates(op.getRecurrentShift()), cLiteral(p.hidden.multiplier),
       cLiteral(p.hidden.shift), roundingName(op.getRounding())});
  const int64_t rows = 3 * p.hiddenSize;
  std::string table = sigmoidTable(w);
  FailureOr<SmallVector<std::string>> initial = initialState(
      op,
      op.getInitialState() ? ValueRange(op.getInitialState()) : ValueRange(),
      w);
  if (failed(initial) ||
      failed(w.resetState(op, "qat_rt_gru_reset(" + params, 1, *initial)))
    return failure();
  w.call(op, "qat_rt_gru(" + params + ", " + *in + ", " +
                 blockedRows(w, *wx, p.inputSize) + ", " +
                 blockedRows(w, *wh, p.hiddenSize) + ", " +
                 w.array("int32_t",
                         foldedRows(*bx, *wx, p.inputSize, p.inputZp, rows)) +
                 ", " +
                 w.array("int32_t",
                         foldedRows(*bh, *wh, p.hiddenSize, p.outputZp, rows)) +
                 ", " + table + ", " + *work + ", " + *state + ", " +
                 w.result(op) + ")");
  return success();
}
} // namespace

void mlir::qat::registerRecurrentC(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachCKernel<qint::LstmOp, lstm>(ctx);
    attachCKernel<qint::GruOp, gru>(ctx);
  });
}
