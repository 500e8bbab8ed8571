// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Recurrent.cpp - UNIDIRECTIONAL_SEQUENCE_LSTM -----------------------===//
//
// TFLite's integer LSTM as TensorFlow Lite Micro prepares it: each gate's
// input and recurrent products rescaled to the gate scale 2^-12, the cell
// state at the power-of-two scale of its variable tensor, the hidden state
// at the scale and zero point of the output-state variable tensor.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Recurrent.h"

#include <cmath>

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::tflite_import;
namespace nx = mlir::qat::numerics;

namespace {
// UNIDIRECTIONAL_SEQUENCE_LSTM's inputs.
constexpr unsigned kInput = 0, kInputWeights = 1, kRecurrentWeights = 5,
                   kPeepholes = 9, kBiases = 12, kProjection = 16,
                   kHiddenState = 18, kCellState = 19, kLayerNorm = 20;
constexpr const char *kGateNames[] = {"input", "forget", "cell", "output"};
constexpr int8_t kActTanh = 4;
} // namespace

LogicalResult Importer::importLstm(const OperatorInfo &op) {
  // Every input but the first may be omitted; each is checked below.
  if (failed(expectOperands(op, 1, 24)))
    return failure();
  if (op.inputs.size() < 20)
    return error(op) << "has " << op.inputs.size()
                     << " inputs; it takes 20 to 24";
  const auto *o = op.op->builtin_options_as_UnidirectionalSequenceLSTMOptions();
  if (!o)
    return error(op) << "has no UnidirectionalSequenceLSTMOptions";
  if (o->fused_activation_function() != kActTanh)
    return error(op) << "uses activation "
                     << int(o->fused_activation_function())
                     << " for its cell gate and state; qat compiles TANH (4)";
  if (o->diagonal_recurrent_tensors())
    return error(op) << "has diagonal recurrent weights; qat compiles full "
                        "recurrent matrices";
  if (!hasInput(op, kInputWeights) || !hasInput(op, kRecurrentWeights))
    return error(op) << "has no input gate (coupled input and forget gates); "
                        "qat compiles LSTMs with all four gates";
  for (unsigned i = kInputWeights; i < kPeepholes; ++i)
    if (!hasInput(op, i))
      return error(op) << "omits its weights input " << i;
  for (unsigned i = kBiases; i < kBiases + 4; ++i)
    if (!hasInput(op, i))
      return error(op) << "omits its gate bias input " << i
                       << "; qat compiles LSTMs with all four biases";
  for (unsigned i = kPeepholes; i < kPeepholes + 3; ++i)
    if (hasInput(op, i))
      return error(op) << "has peephole weights (input " << i
                       << "); qat compiles LSTMs without peepholes";
  if (hasInput(op, kProjection) || hasInput(op, kProjection + 1))
    return error(op) << "has a projection; qat compiles LSTMs without one";
  for (unsigned i = kLayerNorm; i < op.inputs.size(); ++i)
    if (hasInput(op, i))
      return error(op) << "has layer norm coefficients (input " << i
                       << "); qat compiles LSTMs without layer norm";
  for (unsigned i : {kHiddenState, kCellState})
    if (!hasInput(op, i))
      return error(op) << "has no " << (i == kHiddenState ? "output" : "cell")
                       << " state tensor (input " << i << ")";

  const TensorInfo &x = input(op, kInput), &out = output(op);
  const TensorInfo &hidden = input(op, kHiddenState),
                   &cell = input(op, kCellState);
  FailureOr<Value> in = activation(op, kInput);
  if (failed(in) || failed(checkActivation(op, out, "output")) ||
      failed(checkActivation(op, hidden, "output state")))
    return failure();
  if (x.type != out.type || hidden.type != out.type)
    return error(op) << "reads " << tensorTypeName(x.type) << ", keeps its "
                     << "output state in " << tensorTypeName(hidden.type)
                     << " and writes " << tensorTypeName(out.type)
                     << "; all must be one type";
  if (hidden.scales[0] != out.scales[0] ||
      hidden.zeroPoints[0] != out.zeroPoints[0])
    return error(op) << "output state '" << hidden.name << "' (scale "
                     << hidden.scales[0] << ", zero point "
                     << hidden.zeroPoints[0] << ") and output '" << out.name
                     << "' (scale " << out.scales[0] << ", zero point "
                     << out.zeroPoints[0] << ") differ; the output is the "
                     << "state itself";
  if (cell.type != kInt16 || cell.scales.size() != 1 || cell.zeroPoints[0] != 0)
    return error(op) << "cell state '" << cell.name
                     << "' must be INT16 with one scale and zero point 0";
  // TFLite's CheckedLog2: a power of two to within 1e-3 in the exponent.
  if (!std::isfinite(cell.scales[0]) || !(cell.scales[0] > 0))
    return error(op) << "cell state '" << cell.name << "' has scale "
                     << cell.scales[0] << "; it must be finite and positive";
  const double log2Scale = std::log2(cell.scales[0]);
  const double power = std::round(log2Scale);
  if (std::abs(log2Scale - power) >= 1e-3 || power < -31 || power > 2)
    return error(op) << "cell state '" << cell.name << "' has scale "
                     << cell.scales[0]
                     << "; TFLite's integer LSTM needs a power of two in "
                        "[2^-31, 2^2]";
  if (x.shape.size() != 3)
    return error(op) << "has input [" << x.shape
                     << "]; it is [time, batch, features] or [batch, time, "
                        "features]";
  const int64_t features = x.shape[2];
  const TensorInfo &wxInfo = input(op, kInputWeights);
  if (wxInfo.shape.size() != 2 || wxInfo.shape[1] != features)
    return error(op) << "has input weights [" << wxInfo.shape << "] for "
                     << features << " input features";
  const int64_t units = wxInfo.shape[0];
  if (out.shape != ArrayRef<int64_t>{x.shape[0], x.shape[1], units})
    return error(op) << "has output [" << out.shape << "]; it is ["
                     << x.shape[0] << ", " << x.shape[1] << ", " << units
                     << "]";

  // Weights, stacked by gate, and their per-tensor scales.
  SmallVector<APInt> wx, wh, biases;
  double weightScale[2][4];
  const bool int16 = x.type == kInt16;
  for (int g = 0; g < 4; ++g)
    for (int recurrent = 0; recurrent < 2; ++recurrent) {
      unsigned i = (recurrent ? kRecurrentWeights : kInputWeights) + g;
      const TensorInfo &w = input(op, i);
      const int64_t cols = recurrent ? units : features;
      if (w.type != kInt8 || w.shape != ArrayRef<int64_t>{units, cols})
        return error(op) << kGateNames[g] << " gate's "
                         << (recurrent ? "recurrent" : "input") << " weights '"
                         << w.name << "' must be INT8 [" << units << ", "
                         << cols << "], but are " << tensorTypeName(w.type)
                         << " [" << w.shape << "]";
      if (w.scales.empty() ||
          llvm::any_of(w.scales, [&](double s) { return s != w.scales[0]; }) ||
          llvm::any_of(w.zeroPoints, [](int64_t z) { return z != 0; }))
        return error(op) << "weights '" << w.name << "' must have one scale "
                         << "and zero point 0 (TFLite's LSTM is per tensor)";
      weightScale[recurrent][g] = w.scales[0];
      FailureOr<SmallVector<int64_t>> values =
          constantInts(op, i, "LSTM weights");
      if (failed(values))
        return failure();
      for (int64_t v : *values)
        (recurrent ? wh : wx).push_back(APInt(8, v, /*isSigned=*/true));
    }
  for (int g = 0; g < 4; ++g) {
    const TensorInfo &b = input(op, kBiases + g);
    if (b.type != (int16 ? kInt64 : kInt32) ||
        b.shape != ArrayRef<int64_t>{units})
      return error(op) << kGateNames[g] << " gate's bias (input " << kBiases + g
                       << ") must be " << (int16 ? "INT64" : "INT32") << " ["
                       << units << "]";
    FailureOr<SmallVector<int64_t>> values =
        constantInts(op, kBiases + g, "LSTM bias");
    if (failed(values))
      return failure();
    for (int64_t v : *values)
      biases.push_back(APInt(int16 ? 64 : 32, v, /*isSigned=*/true));
  }

  // The multipliers, in double from the stored float scales.
  auto quantize = [&](double real,
                      const Twine &what) -> FailureOr<nx::QuantizedMultiplier> {
    std::optional<nx::QuantizedMultiplier> m =
        nx::quantizeMultiplier(real, nx::Rounding::Double);
    if (!m)
      return error(op) << what << " has effective scale " << real
                       << ", which no fixed-point multiplier represents";
    return *m;
  };
  const double gateScale = std::ldexp(1.0, nx::kLstmGateScalePower);
  const double gateOutputScale = std::ldexp(1.0, -15);
  const double cellScale = std::ldexp(1.0, static_cast<int>(power));
  SmallVector<int32_t> gateMultipliers[2], gateShifts[2];
  for (int g = 0; g < 4; ++g)
    for (int recurrent = 0; recurrent < 2; ++recurrent) {
      double inScale = recurrent ? hidden.scales[0] : x.scales[0];
      FailureOr<nx::QuantizedMultiplier> m =
          quantize(inScale * weightScale[recurrent][g] / gateScale,
                   Twine("the ") + kGateNames[g] + " gate's " +
                       (recurrent ? "recurrent" : "input") + " product");
      if (failed(m))
        return failure();
      gateMultipliers[recurrent].push_back(m->multiplier);
      gateShifts[recurrent].push_back(m->shift);
    }
  FailureOr<nx::QuantizedMultiplier> forget =
      quantize(gateOutputScale * cellScale / cellScale, "forget x cell");
  FailureOr<nx::QuantizedMultiplier> update = quantize(
      gateOutputScale * gateOutputScale / cellScale, "input x cell gate");
  FailureOr<nx::QuantizedMultiplier> hiddenStage =
      quantize(gateOutputScale * gateOutputScale / hidden.scales[0],
               "output gate x tanh(cell)");
  if (failed(forget) || failed(update) || failed(hiddenStage))
    return failure();
  // TFLite Micro's quantized clip: the float clip over the cell scale,
  // saturated to int16 and truncated.
  int64_t cellClip = 0;
  if (o->cell_clip() > 0) {
    cellClip = static_cast<int16_t>(
        std::min(std::max(static_cast<double>(o->cell_clip()) / cell.scales[0],
                          -32768.0),
                 32767.0));
    if (cellClip <= 0)
      return error(op) << "clips its cell state at " << o->cell_clip()
                       << ", less than one step of the cell scale "
                       << cell.scales[0];
  }

  auto constant = [&](ArrayRef<int64_t> shape, unsigned bits,
                      ArrayRef<APInt> values) -> Value {
    auto type = RankedTensorType::get(shape, builder.getIntegerType(bits));
    return arith::ConstantOp::create(builder, op.loc,
                                     DenseElementsAttr::get(type, values));
  };
  Value inputWeights = constant({4, units, features}, 8, wx);
  Value recurrentWeights = constant({4, units, units}, 8, wh);
  Value bias = constant({4, units}, int16 ? 64 : 32, biases);
  auto pairAttr = [&](StringRef name, ArrayRef<int32_t> values) {
    return builder.getNamedAttr(name, builder.getDenseI32ArrayAttr(values));
  };
  Value result = qint::LstmOp::create(
      builder, op.loc, TypeRange{storageType(out)},
      ValueRange{*in, inputWeights, recurrentWeights, bias},
      {named("input_zp", x.zeroPoints[0]),
       named("output_zp", hidden.zeroPoints[0]),
       pairAttr("input_multiplier", gateMultipliers[0]),
       pairAttr("input_shift", gateShifts[0]),
       pairAttr("recurrent_multiplier", gateMultipliers[1]),
       pairAttr("recurrent_shift", gateShifts[1]),
       named("forget_multiplier", forget->multiplier),
       named("forget_shift", forget->shift),
       named("update_multiplier", update->multiplier),
       named("update_shift", update->shift),
       named("hidden_multiplier", hiddenStage->multiplier),
       named("hidden_shift", hiddenStage->shift),
       named("cell_scale_power", static_cast<int64_t>(power)),
       named("cell_clip", cellClip),
       builder.getNamedAttr("time_major", builder.getBoolAttr(o->time_major())),
       doubleRounding()});
  define(op, result);
  return success();
}
