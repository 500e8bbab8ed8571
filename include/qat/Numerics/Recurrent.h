// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Recurrent.h - TFLite's integer LSTM ----------------------*- C++ -*-===//
//
// The integer LSTM of TFLite's UNIDIRECTIONAL_SEQUENCE_LSTM (int8 or int16
// activations, int8 weights, int16 gates and cell state), as TFLite Micro's
// reference kernel computes it. docs/Numerics.md states the formulas; the
// gate functions are the generic ones (qat/Numerics/Generic.h), so the LLVM
// path computes the same bits.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_NUMERICS_RECURRENT_H
#define QAT_NUMERICS_RECURRENT_H

#include "qat/Numerics/Requantization.h"

#include <array>
#include <cstdint>
#include <optional>

namespace mlir::qat::numerics {

/// TFLite's table of sigmoid(i / 24) in Q0.16 (i in [0, 255], the last entry
/// 65535), which its int16 logistic and tanh interpolate. It is TFLite's own
/// data, not a formula: rounding 65536 sigmoid(i / 24) differs from it in 44
/// entries by one.
const std::array<uint16_t, 256> &sigmoidInt16Table();

/// The LSTM's gate scale: gate pre-activations are int16 in Q3.12, gate
/// outputs in Q0.15.
constexpr int kLstmGateScalePower = -12;

/// TFLite's tanh input rescale for an int16 input of scale 2^power:
/// {multiplier, right shift} (the multiplier 3 shifted left when the input
/// needs a left shift). Needs power in [-31, 2].
std::pair<int32_t, int32_t> tanhInputRescale(int power);

/// Gate order of every per-gate array: input, forget, cell, output.
enum LstmGate { kInputGate = 0, kForgetGate, kCellGate, kOutputGate };

struct LstmParams {
  int64_t timeSteps = 0, batches = 0, inputSize = 0, hiddenSize = 0;
  bool timeMajor = true;
  /// int16 activations (16x8): int64 biases and accumulators.
  bool int16 = false;
  int32_t inputZp = 0, outputZp = 0;
  /// Each gate's input and recurrent (hidden) products to Q3.12.
  std::array<QuantizedMultiplier, 4> input{}, recurrent{};
  /// forget gate x cell state -> cell, input gate x cell gate -> cell,
  /// output gate x tanh(cell) -> output.
  QuantizedMultiplier forget{}, update{}, hidden{};
  int32_t cellScalePower = -15;
  /// The cell state is clipped to [-cellClip, cellClip] when > 0.
  int32_t cellClip = 0;
  Rounding rounding = Rounding::Double;
};

/// The whole sequence from the initial hidden and cell states ([B, H] each,
/// on the output's and the cell's grids), or from the zero state (hidden
/// state at output_zp, cell state 0) where they are null. `input` is [T, B,
/// I] (time-major) or [B, T, I], `output` the same with H; weights [4, H, I]
/// and [4, H, H], bias [4, H] (int32 values for int8 activations),
/// activations widened to int32.
void lstm(const LstmParams &p, const int32_t *input, const int8_t *inputWeights,
          const int8_t *recurrentWeights, const int64_t *bias, int32_t *output,
          const int32_t *initialHidden = nullptr,
          const int32_t *initialCell = nullptr);

/// GRU gate order of every per-gate array: reset, update, new (PyTorch's).
enum GruGate { kResetGate = 0, kUpdateGate, kNewGate };

struct GruParams {
  int64_t timeSteps = 0, batches = 0, inputSize = 0, hiddenSize = 0;
  bool timeMajor = true;
  int32_t inputZp = 0, outputZp = 0;
  /// Each gate's input and recurrent products (biases included) to Q3.12.
  std::array<QuantizedMultiplier, 3> input{}, recurrent{};
  /// The Q0.15 state to the output.
  QuantizedMultiplier hidden{};
  Rounding rounding = Rounding::Double;
};

/// qat's integer GRU (int8 activations, int16 gates and a Q0.15 state; the
/// formulas in docs/Numerics.md) over the whole sequence from the initial
/// Q0.15 state [B, H], or from zero state where it is null. Weights [3, H,
/// I] and [3, H, H], biases [3, H] each; layouts as for lstm().
void gru(const GruParams &p, const int32_t *input, const int8_t *inputWeights,
         const int8_t *recurrentWeights, const int64_t *inputBias,
         const int64_t *recurrentBias, int32_t *output,
         const int32_t *initialState = nullptr);

/// The GRU's hidden state (its output) of Q0.15 state s.
int32_t gruHidden(const GruParams &p, int32_t s);

} // namespace mlir::qat::numerics

#endif // QAT_NUMERICS_RECURRENT_H
