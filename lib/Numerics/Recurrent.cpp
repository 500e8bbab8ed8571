// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Recurrent.cpp - TFLite's integer LSTM ------------------------------===//

#include "qat/Numerics/Recurrent.h"

#include "qat/Numerics/Generic.h"

#include <algorithm>
#include <vector>

using namespace mlir::qat::numerics;
namespace gen = mlir::qat::numerics::generic;

const std::array<uint16_t, 256> &mlir::qat::numerics::sigmoidInt16Table() {
  // clang-format off
  static const std::array<uint16_t, 256> table = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841,
    39498, 40149, 40794, 41432, 42064, 42688, 43304, 43912, 44511, 45102,
    45683, 46255, 46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464,
    50942, 51409, 51865, 52311, 52745, 53169, 53581, 53983, 54374, 54755,
    55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433, 57724, 58007,
    58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370,
    60565, 60753, 60935, 61110, 61279, 61441, 61599, 61750, 61896, 62036,
    62172, 62302, 62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186,
    63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968,
    64030, 64090, 64148, 64204, 64257, 64308, 64357, 64405, 64450, 64494,
    64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786, 64816, 64845,
    64873, 64900, 64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079,
    65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234,
    65246, 65258, 65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337,
    65345, 65352, 65360, 65367, 65374, 65381, 65387, 65393, 65399, 65404,
    65410, 65415, 65420, 65425, 65429, 65433, 65438, 65442, 65445, 65449,
    65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476, 65479,
    65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498,
    65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511,
    65512, 65513, 65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520,
    65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524, 65525, 65525,
    65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529,
    65529, 65529, 65530, 65530, 65530, 65530, 65531, 65531, 65531, 65531,
    65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
    65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534,
    65534, 65534, 65534, 65534, 65534, 65535,
  };
  // clang-format on
  return table;
}

std::pair<int32_t, int32_t> mlir::qat::numerics::tanhInputRescale(int power) {
  // 3x in steps of 2^-12 from steps of 2^power.
  int shift = 15 + power - 3;
  if (shift < 0)
    return {3, -shift};
  return {3 << shift, 0};
}

namespace {
/// One gate's contribution of `x` (`size` values, zero point `zp`) through
/// weight rows `w`, rescaled to Q3.12 and saturated to int16.
int32_t gateProduct(const LstmParams &p, const int32_t *x, int64_t size,
                    int32_t zp, const int8_t *w, int64_t bias,
                    QuantizedMultiplier m) {
  gen::ScalarDomain d;
  int64_t acc = bias;
  for (int64_t k = 0; k < size; ++k)
    acc += static_cast<int64_t>(x[k] - zp) * w[k];
  int32_t scaled = p.int16
                       ? gen::mbqm64(d, acc, m.multiplier, m.shift)
                       : gen::mbqm(d, static_cast<int32_t>(acc), m.multiplier,
                                   m.shift, p.rounding == Rounding::Single);
  return gen::clamp(d, scaled, -32768, 32767);
}
} // namespace

void mlir::qat::numerics::lstm(const LstmParams &p, const int32_t *input,
                               const int8_t *inputWeights,
                               const int8_t *recurrentWeights,
                               const int64_t *bias, int32_t *output,
                               const int32_t *initialHidden,
                               const int32_t *initialCell) {
  gen::ScalarDomain d;
  const bool single = p.rounding == Rounding::Single;
  const int64_t T = p.timeSteps, B = p.batches, I = p.inputSize,
                H = p.hiddenSize;
  const std::array<uint16_t, 256> &table = sigmoidInt16Table();
  auto load = [&](int32_t i) { return static_cast<int32_t>(table[i]); };
  auto [tanhMultiplier, tanhShift] = tanhInputRescale(p.cellScalePower);
  auto [gateMultiplier, gateShift] = tanhInputRescale(kLstmGateScalePower);
  const int32_t outMin = p.int16 ? -32768 : -128,
                outMax = p.int16 ? 32767 : 127;
  std::vector<int32_t> hidden(H), cell(H), gates(4 * H);
  // Batches are independent: each runs its own sequence.
  for (int64_t b = 0; b < B; ++b) {
    for (int64_t j = 0; j < H; ++j) {
      hidden[j] = initialHidden ? initialHidden[b * H + j] : p.outputZp;
      cell[j] = initialCell ? initialCell[b * H + j] : 0;
    }
    for (int64_t t = 0; t < T; ++t) {
      const int64_t step = p.timeMajor ? t * B + b : b * T + t;
      const int32_t *x = input + step * I;
      for (int g = 0; g < 4; ++g)
        for (int64_t j = 0; j < H; ++j) {
          int32_t fromInput =
              gateProduct(p, x, I, p.inputZp, inputWeights + (g * H + j) * I,
                          bias[g * H + j], p.input[g]);
          int32_t fromHidden = gateProduct(p, hidden.data(), H, p.outputZp,
                                           recurrentWeights + (g * H + j) * H,
                                           0, p.recurrent[g]);
          int32_t sum = gen::addInt16Saturating(d, fromInput, fromHidden);
          gates[g * H + j] =
              g == kCellGate
                  ? gen::tanhInt16(d, sum, gateMultiplier, gateShift, load)
                  : gen::sigmoidInt16(d, sum, load);
        }
      for (int64_t j = 0; j < H; ++j) {
        auto product = [&](int32_t a, int32_t b, QuantizedMultiplier m) {
          return gen::clamp(d,
                            gen::mbqm(d, a * b, m.multiplier, m.shift, single),
                            -32768, 32767);
        };
        int32_t kept = product(gates[kForgetGate * H + j], cell[j], p.forget);
        int32_t added = product(gates[kInputGate * H + j],
                                gates[kCellGate * H + j], p.update);
        int32_t c = gen::addInt16Saturating(d, kept, added);
        if (p.cellClip > 0)
          c = gen::clamp(d, c, -p.cellClip, p.cellClip);
        cell[j] = c;
        int32_t activated =
            gen::tanhInt16(d, c, tanhMultiplier, tanhShift, load);
        hidden[j] =
            gen::clamp(d,
                       gen::mbqm(d, activated * gates[kOutputGate * H + j],
                                 p.hidden.multiplier, p.hidden.shift, single) +
                           p.outputZp,
                       outMin, outMax);
      }
      std::copy(hidden.begin(), hidden.end(), output + step * H);
    }
  }
}

void mlir::qat::numerics::gru(const GruParams &p, const int32_t *input,
                              const int8_t *inputWeights,
                              const int8_t *recurrentWeights,
                              const int64_t *inputBias,
                              const int64_t *recurrentBias, int32_t *output,
                              const int32_t *initialState) {
  gen::ScalarDomain d;
  const int64_t T = p.timeSteps, B = p.batches, I = p.inputSize,
                H = p.hiddenSize;
  const std::array<uint16_t, 256> &table = sigmoidInt16Table();
  auto load = [&](int32_t i) { return static_cast<int32_t>(table[i]); };
  auto [gateMultiplier, gateShift] = tanhInputRescale(kLstmGateScalePower);
  LstmParams fc; // the gate products' rounding and width
  fc.rounding = p.rounding;
  std::vector<int32_t> hidden(H), state(H), next(H);
  for (int64_t b = 0; b < B; ++b) {
    for (int64_t j = 0; j < H; ++j) {
      state[j] = initialState ? initialState[b * H + j] : 0;
      hidden[j] = gruHidden(p, state[j]);
    }
    for (int64_t t = 0; t < T; ++t) {
      const int64_t step = p.timeMajor ? t * B + b : b * T + t;
      const int32_t *x = input + step * I;
      for (int64_t j = 0; j < H; ++j) {
        int32_t a[3], r[3];
        for (int g = 0; g < 3; ++g) {
          a[g] =
              gateProduct(fc, x, I, p.inputZp, inputWeights + (g * H + j) * I,
                          inputBias[g * H + j], p.input[g]);
          r[g] = gateProduct(fc, hidden.data(), H, p.outputZp,
                             recurrentWeights + (g * H + j) * H,
                             recurrentBias[g * H + j], p.recurrent[g]);
        }
        int32_t reset = gen::sigmoidInt16(
            d, gen::addInt16Saturating(d, a[kResetGate], r[kResetGate]), load);
        int32_t update = gen::sigmoidInt16(
            d, gen::addInt16Saturating(d, a[kUpdateGate], r[kUpdateGate]),
            load);
        int32_t n = gen::tanhInt16(
            d, gen::gruNewGateInput(d, a[kNewGate], reset, r[kNewGate]),
            gateMultiplier, gateShift, load);
        state[j] = gen::gruState(d, n, update, state[j]);
        next[j] = gruHidden(p, state[j]);
      }
      hidden = next;
      std::copy(hidden.begin(), hidden.end(), output + step * H);
    }
  }
}

int32_t mlir::qat::numerics::gruHidden(const GruParams &p, int32_t s) {
  gen::ScalarDomain d;
  return gen::clamp(d,
                    gen::mbqm(d, s, p.hidden.multiplier, p.hidden.shift,
                              p.rounding == Rounding::Single) +
                        p.outputZp,
                    -128, 127);
}
