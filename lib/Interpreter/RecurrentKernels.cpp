// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- RecurrentKernels.cpp - LSTM over a sequence ------------------------===//

#include "Kernels.h"

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QAT/IR/QATUtils.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/FakeQuant.h"
#include "qat/Numerics/Recurrent.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

using namespace mlir;
using namespace mlir::qat;

namespace {
/// x on the int16 grid of step 2^power, saturated (TFLite's LSTM gates and
/// cell state), rounding half away from zero.
float onInt16Grid(float x, int power) {
  float step = std::ldexp(1.0f, power);
  return std::clamp(std::round(x / step), -32768.0f, 32767.0f) * step;
}

/// The hidden state's grid: that of the per-tensor fake_quant reading the
/// layer's result, if one does (else no rounding).
std::function<float(float)> hiddenGridOf(Operation *op) {
  auto fq = op->hasOneUse() ? dyn_cast<qat::FakeQuantOp>(*op->user_begin())
                            : qat::FakeQuantOp();
  if (!fq || fq.getAxis() || fq.isMinMaxForm())
    return [](float v) { return v; };
  ChannelQuantization q = fq.getChannelQuantization(0);
  numerics::TieBreaking ties = tieBreakingOf(fq);
  return [q, ties](float v) {
    return numerics::fakeQuantAffine(v, static_cast<float>(q.scale),
                                     q.zeroPoint, q.qmin, q.qmax, ties);
  };
}

/// The fake-quant semantics of qat.lstm: TFLite's integer LSTM's grids on
/// float values; the hidden state on the grid of the fake_quant reading the
/// result, if one does.
FailureOr<Tensor> qatLstm(qat::LstmOp op, ArrayRef<const Tensor *> args) {
  const Tensor &x = *args[0], &wx = *args[1], &wh = *args[2], &bias = *args[3];
  Tensor out = resultTensor(op);
  const bool timeMajor = op.getTimeMajor();
  const int64_t T = timeMajor ? x.shape[0] : x.shape[1],
                B = timeMajor ? x.shape[1] : x.shape[0], I = x.shape[2],
                H = wh.shape[1];
  const int cellPower = static_cast<int>(op.getCellScalePower());
  const float clip = static_cast<float>(op.getCellClip().convertToDouble());
  const int gatePower = numerics::kLstmGateScalePower;
  std::function<float(float)> hiddenGrid = hiddenGridOf(op);
  // The initial state on the grids the layer keeps it on.
  const Tensor *h0 = args.size() > 4 ? args[4] : nullptr,
               *c0 = args.size() > 5 ? args[5] : nullptr;
  std::vector<float> h(H), c(H), gates(4 * H);
  for (int64_t b = 0; b < B; ++b) {
    for (int64_t j = 0; j < H; ++j) {
      h[j] = h0 ? hiddenGrid(h0->floats[b * H + j]) : 0.0f;
      c[j] = c0 ? onInt16Grid(c0->floats[b * H + j], cellPower) : 0.0f;
    }
    for (int64_t t = 0; t < T; ++t) {
      const int64_t step = timeMajor ? t * B + b : b * T + t;
      const float *xt = &x.floats[step * I];
      for (int64_t row = 0; row < 4 * H; ++row) {
        float a = bias.floats[row], r = 0.0f;
        for (int64_t k = 0; k < I; ++k)
          a += xt[k] * wx.floats[row * I + k];
        for (int64_t k = 0; k < H; ++k)
          r += h[k] * wh.floats[row * H + k];
        float pre = onInt16Grid(
            onInt16Grid(a, gatePower) + onInt16Grid(r, gatePower), gatePower);
        float g = row / H == numerics::kCellGate
                      ? std::tanh(pre)
                      : 1.0f / (1.0f + std::exp(-pre));
        gates[row] = onInt16Grid(g, -15);
      }
      for (int64_t j = 0; j < H; ++j) {
        float i = gates[j], f = gates[H + j], g = gates[2 * H + j],
              o = gates[3 * H + j];
        float cell = onInt16Grid(onInt16Grid(f * c[j], cellPower) +
                                     onInt16Grid(i * g, cellPower),
                                 cellPower);
        if (clip > 0)
          cell = std::clamp(cell, -clip, clip);
        c[j] = cell;
        h[j] = hiddenGrid(o * onInt16Grid(std::tanh(cell), -15));
      }
      std::copy(h.begin(), h.end(), &out.floats[step * H]);
    }
  }
  return out;
}

/// The fake-quant semantics of qat.gru: the integer GRU's grids on float
/// values; the hidden state on the grid of the fake_quant reading the
/// result, if one does.
FailureOr<Tensor> qatGru(qat::GruOp op, ArrayRef<const Tensor *> args) {
  const Tensor &x = *args[0], &wx = *args[1], &wh = *args[2], &bx = *args[3],
               &bh = *args[4];
  Tensor out = resultTensor(op);
  const bool timeMajor = op.getTimeMajor();
  const int64_t T = timeMajor ? x.shape[0] : x.shape[1],
                B = timeMajor ? x.shape[1] : x.shape[0], I = x.shape[2],
                H = wh.shape[1];
  const int gatePower = numerics::kLstmGateScalePower;
  std::function<float(float)> hiddenGrid = hiddenGridOf(op);
  const Tensor *s0 = args.size() > 5 ? args[5] : nullptr;
  std::vector<float> h(H), s(H), next(H);
  for (int64_t b = 0; b < B; ++b) {
    for (int64_t j = 0; j < H; ++j) {
      s[j] = s0 ? onInt16Grid(s0->floats[b * H + j], -15) : 0.0f;
      h[j] = hiddenGrid(s[j]);
    }
    for (int64_t t = 0; t < T; ++t) {
      const int64_t step = timeMajor ? t * B + b : b * T + t;
      const float *xt = &x.floats[step * I];
      for (int64_t j = 0; j < H; ++j) {
        float a[3], r[3];
        for (int g = 0; g < 3; ++g) {
          int64_t row = g * H + j;
          float va = bx.floats[row], vr = bh.floats[row];
          for (int64_t k = 0; k < I; ++k)
            va += xt[k] * wx.floats[row * I + k];
          for (int64_t k = 0; k < H; ++k)
            vr += h[k] * wh.floats[row * H + k];
          a[g] = onInt16Grid(va, gatePower);
          r[g] = onInt16Grid(vr, gatePower);
        }
        auto sigmoid = [](float v) { return 1.0f / (1.0f + std::exp(-v)); };
        float reset =
            onInt16Grid(sigmoid(onInt16Grid(a[0] + r[0], gatePower)), -15);
        float update =
            onInt16Grid(sigmoid(onInt16Grid(a[1] + r[1], gatePower)), -15);
        float n = onInt16Grid(
            std::tanh(onInt16Grid(a[2] + onInt16Grid(reset * r[2], gatePower),
                                  gatePower)),
            -15);
        // z (s - n) reaches 2: rounded to the step, not saturated.
        s[j] = onInt16Grid(
            n + std::round(update * (s[j] - n) * 32768.0f) / 32768.0f, -15);
        next[j] = hiddenGrid(s[j]);
      }
      h = next;
      std::copy(h.begin(), h.end(), &out.floats[step * H]);
    }
  }
  return out;
}

FailureOr<Tensor> qintLstm(qint::LstmOp op, ArrayRef<const Tensor *> args) {
  const Tensor &input = *args[0];
  Tensor out = resultTensor(op);
  auto narrow = [](const Tensor &t) {
    return std::vector<int8_t>(t.ints.begin(), t.ints.end());
  };
  std::vector<int32_t> x(input.ints.begin(), input.ints.end()),
      y(out.ints.size());
  std::vector<int8_t> wx = narrow(*args[1]), wh = narrow(*args[2]);
  std::vector<int32_t> h0, c0;
  if (args.size() > 5) {
    h0.assign(args[4]->ints.begin(), args[4]->ints.end());
    c0.assign(args[5]->ints.begin(), args[5]->ints.end());
  }
  numerics::lstm(op.getLstmParams(), x.data(), wx.data(), wh.data(),
                 args[3]->ints.data(), y.data(),
                 h0.empty() ? nullptr : h0.data(),
                 c0.empty() ? nullptr : c0.data());
  out.ints.assign(y.begin(), y.end());
  return out;
}
FailureOr<Tensor> qintGru(qint::GruOp op, ArrayRef<const Tensor *> args) {
  const Tensor &input = *args[0];
  Tensor out = resultTensor(op);
  auto narrow = [](const Tensor &t) {
    return std::vector<int8_t>(t.ints.begin(), t.ints.end());
  };
  std::vector<int32_t> x(input.ints.begin(), input.ints.end()),
      y(out.ints.size());
  std::vector<int8_t> wx = narrow(*args[1]), wh = narrow(*args[2]);
  std::vector<int32_t> s0;
  if (args.size() > 5)
    s0.assign(args[5]->ints.begin(), args[5]->ints.end());
  numerics::gru(op.getGruParams(), x.data(), wx.data(), wh.data(),
                args[3]->ints.data(), args[4]->ints.data(), y.data(),
                s0.empty() ? nullptr : s0.data());
  out.ints.assign(y.begin(), y.end());
  return out;
}
} // namespace

void mlir::qat::registerRecurrentKernels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qat::QATDialect *) {
    attachKernel<qat::LstmOp, qatLstm>(ctx);
    attachKernel<qat::GruOp, qatGru>(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachKernel<qint::LstmOp, qintLstm>(ctx);
    attachKernel<qint::GruOp, qintGru>(ctx);
  });
}
