// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- qat-kernel-fuzzer.cpp - the C runtime against the interpreter ------===//
//
// The input chooses one qint op (a weighted layer, an element-wise or
// pooling kernel, softmax, a data movement, an LSTM or a GRU), its shapes,
// parameters, weights and input data. Parameters the qint verifier or the
// output-stage proof refuses end the run (those programs never reach the
// runtime); for the rest, the runtime's kernel, built with ASan and UBSan, must
// give exactly the bytes qat-run gives, with the weight orders, folded biases
// and scratch sizes the C emitter uses (RuntimeLayout.h), and must agree with
// the compiler on its scratch size.
//
//===----------------------------------------------------------------------===//

#include "../../../lib/Target/C/RuntimeLayout.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Dialect/QInt/Transforms/Passes.h"
#include "qat/InitAllDialects.h"
#include "qat/Interpreter/Interpreter.h"
#include "qat/Numerics/Recurrent.h"
#include "qat/Numerics/Softmax.h"
#include "qat_rt.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace mlir;
namespace rt = mlir::qat::c_runtime;

namespace {
using Ints = std::vector<int64_t>;

std::string join(const Ints &v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i)
    s += (i ? ", " : "") + std::to_string(v[i]);
  return s;
}

/// Little-endian hex of `bytes`-wide integers: a dense literal of any shape.
std::string hex(const Ints &values, int bytes) {
  static const char digits[] = "0123456789ABCDEF";
  std::string s;
  for (int64_t v : values)
    for (int b = 0; b < bytes; ++b) {
      auto byte = static_cast<uint8_t>(static_cast<uint64_t>(v) >> (8 * b));
      s += digits[byte >> 4];
      s += digits[byte & 15];
    }
  return s;
}

std::string tensorType(const Ints &shape, const char *element) {
  std::string s = "tensor<";
  for (int64_t d : shape)
    s += std::to_string(d) + "x";
  return s + element + ">";
}

int64_t count(const Ints &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// Everything one case needs: the qint function's text and, for the
/// runtime, what its kernel reads.
struct Case {
  std::string op;         // "conv2d", "add", ...
  Ints inShape, outShape; // the first input's and the result's
  Ints in2Shape;          // a second input (add, mul, concat)
  Ints weightShape;       // conv, depthwise, fully connected
  Ints weights, bias;     // constants (empty bias: none)
  std::string attributes; // the op's attribute dictionary's body
  Ints input, input2;     // data
  // The runtime's view of the output stage.
  std::vector<int32_t> multiplier, shift;
  int32_t inputZp = 0, outputZp = 0, actMin = -128, actMax = 127;
  qat_rt_rounding rounding = QAT_RT_DOUBLE_ROUNDING;
  // Windowed kernels.
  Ints kernel, strides{1, 1}, dilations{1, 1}, pad{0, 0, 0, 0};
  Ints table;       // lookup
  int64_t axis = 0; // concat, requantize (-1: per tensor)
  Ints permutation; // transpose
  // Recurrent layers: the second weights and biases ([G, H, H], [G, H]).
  Ints recurrentWeights, recurrentBias;
  // Their initial state [B, H] (stateShape; empty: zero state): an LSTM's
  // int8 hidden and int16 cell state, a GRU's int16 Q0.15 state.
  Ints stateShape, initialHidden, initial16;
  // Layer norm: int16 values (an int64 beta, TFLite's 64-bit rescale).
  bool int16 = false;
};

int8_t i8(FuzzedDataProvider &p) { return p.ConsumeIntegral<int8_t>(); }

Ints int8s(FuzzedDataProvider &p, int64_t n, int64_t lo = -128,
           int64_t hi = 127) {
  Ints v(n);
  for (int64_t &x : v)
    x = p.ConsumeIntegralInRange<int64_t>(lo, hi);
  return v;
}

/// A multiplier and shift as qint takes them: mostly the usual right
/// shifts, sometimes left shifts, zero, and the ends of the ranges.
void outputStage(FuzzedDataProvider &p, Case &c, int64_t channels) {
  bool perChannel = p.ConsumeBool();
  for (int64_t i = 0; i < (perChannel ? channels : 1); ++i) {
    int32_t m = p.ConsumeBool()
                    ? p.ConsumeIntegralInRange<int32_t>(1 << 30, 0x7FFFFFFF)
                    : p.PickValueInArray<int32_t>({0, 1 << 30, 0x7FFFFFFF, 1});
    int32_t s = p.ConsumeBool() ? p.ConsumeIntegralInRange<int32_t>(-20, -1)
                                : p.ConsumeIntegralInRange<int32_t>(-31, 8);
    c.multiplier.push_back(m);
    c.shift.push_back(s);
  }
  c.outputZp = i8(p);
  c.actMin = i8(p);
  c.actMax = p.ConsumeIntegralInRange<int32_t>(c.actMin, 127);
  c.rounding =
      p.ConsumeBool() ? QAT_RT_SINGLE_ROUNDING : QAT_RT_DOUBLE_ROUNDING;
  if (c.rounding == QAT_RT_SINGLE_ROUNDING)
    for (int32_t &s : c.shift)
      s = std::min(s, 30);
}

std::string roundingAttr(const Case &c) {
  return c.rounding == QAT_RT_SINGLE_ROUNDING ? "#qint.rounding<single>"
                                              : "#qint.rounding<double>";
}

std::string stageAttributes(const Case &c) {
  Ints m(c.multiplier.begin(), c.multiplier.end());
  Ints s(c.shift.begin(), c.shift.end());
  return "output_zp = " + std::to_string(c.outputZp) +
         ", multiplier = array<i32: " + join(m) +
         ">, shift = array<i32: " + join(s) +
         ">, act_min = " + std::to_string(c.actMin) +
         ", act_max = " + std::to_string(c.actMax) +
         ", rounding = " + roundingAttr(c);
}

int64_t windowOut(int64_t in, int64_t k, int64_t s, int64_t d, int64_t lo,
                  int64_t hi) {
  int64_t span = (k - 1) * d + 1, padded = in + lo + hi;
  return padded < span ? 0 : (padded - span) / s + 1;
}

/// Window geometry: kernel, strides, dilations (unless `noDilation`),
/// padding smaller than the kernel.
void window(FuzzedDataProvider &p, Case &c, bool noDilation) {
  c.kernel = {p.ConsumeIntegralInRange<int64_t>(1, 5),
              p.ConsumeIntegralInRange<int64_t>(1, 5)};
  c.strides = {p.ConsumeIntegralInRange<int64_t>(1, 3),
               p.ConsumeIntegralInRange<int64_t>(1, 3)};
  if (!noDilation)
    c.dilations = {p.ConsumeIntegralInRange<int64_t>(1, 2),
                   p.ConsumeIntegralInRange<int64_t>(1, 2)};
  for (int i = 0; i < 4; ++i)
    c.pad[i] = p.ConsumeIntegralInRange<int64_t>(0, c.kernel[i / 2] - 1);
}

std::string windowAttributes(const Case &c, bool pool) {
  std::string s = "strides = array<i64: " + join(c.strides) +
                  ">, pad = array<i64: " + join(c.pad) + ">";
  if (pool)
    return "kernel = array<i64: " + join(c.kernel) + ">, " + s;
  return s + ", dilations = array<i64: " + join(c.dilations) + ">";
}

Ints imageShape(FuzzedDataProvider &p, int64_t maxChannels) {
  return {p.ConsumeIntegralInRange<int64_t>(1, 2),
          p.ConsumeIntegralInRange<int64_t>(1, 9),
          p.ConsumeIntegralInRange<int64_t>(1, 9),
          p.ConsumeIntegralInRange<int64_t>(1, maxChannels)};
}

/// Biases that keep every accumulator far from int32's ends.
Ints biases(FuzzedDataProvider &p, int64_t n) {
  Ints b(n);
  for (int64_t &x : b)
    x = p.ConsumeIntegralInRange<int64_t>(-100000, 100000);
  return b;
}

/// Fills `c` for the kernel the input picks; false when it cannot.
bool generate(FuzzedDataProvider &p, Case &c) {
  static const char *const kOps[] = {"conv2d",
                                     "depthwise_conv2d",
                                     "fully_connected",
                                     "add",
                                     "sub",
                                     "mul",
                                     "requantize",
                                     "max_pool2d",
                                     "avg_pool2d",
                                     "mean",
                                     "softmax",
                                     "lookup",
                                     "pad",
                                     "transpose",
                                     "slice",
                                     "leaky_relu",
                                     "concat",
                                     "lstm",
                                     "gru",
                                     "batch_matmul",
                                     "layer_norm"};
  c.op = p.PickValueInArray(kOps);
  if (c.op == "lstm" || c.op == "gru") {
    // Sequences of a few steps: each element of a random input and state
    // through a gate's saturation, table functions and rescales.
    const int64_t gates = c.op == "lstm" ? 4 : 3;
    const int64_t steps = p.ConsumeIntegralInRange<int64_t>(1, 4),
                  batches = p.ConsumeIntegralInRange<int64_t>(1, 2),
                  features = p.ConsumeIntegralInRange<int64_t>(1, 9),
                  units = p.ConsumeIntegralInRange<int64_t>(1, 7);
    const bool timeMajor = p.ConsumeBool();
    c.inShape = timeMajor ? Ints{steps, batches, features}
                          : Ints{batches, steps, features};
    c.outShape = {c.inShape[0], c.inShape[1], units};
    c.weightShape = {gates, units, features};
    c.weights = int8s(p, gates * units * features, -127, 127);
    c.recurrentWeights = int8s(p, gates * units * units, -127, 127);
    c.bias.resize(gates * units);
    for (int64_t &b : c.bias)
      b = p.ConsumeIntegralInRange<int64_t>(-(1 << 14), 1 << 14);
    if (c.op == "gru") {
      c.recurrentBias.resize(gates * units);
      for (int64_t &b : c.recurrentBias)
        b = p.ConsumeIntegralInRange<int64_t>(-(1 << 14), 1 << 14);
    }
    c.inputZp = i8(p);
    c.outputZp = i8(p);
    c.rounding =
        p.ConsumeBool() ? QAT_RT_SINGLE_ROUNDING : QAT_RT_DOUBLE_ROUNDING;
    auto pairs = [&](const char *name) {
      Ints m, s;
      for (int64_t g = 0; g < gates; ++g) {
        m.push_back(p.ConsumeIntegralInRange<int32_t>(1 << 30, 0x7FFFFFFF));
        s.push_back(p.ConsumeIntegralInRange<int32_t>(-10, 2));
      }
      return std::string(name) + "_multiplier = array<i32: " + join(m) + ">, " +
             name + "_shift = array<i32: " + join(s) + ">, ";
    };
    auto scalar = [&](const char *name, int32_t lo, int32_t hi) {
      return std::string(name) + "_multiplier = " +
             std::to_string(
                 p.ConsumeIntegralInRange<int32_t>(1 << 30, 0x7FFFFFFF)) +
             ", " + name +
             "_shift = " + std::to_string(p.ConsumeIntegralInRange(lo, hi)) +
             ", ";
    };
    c.attributes = "input_zp = " + std::to_string(c.inputZp) +
                   ", output_zp = " + std::to_string(c.outputZp) + ", " +
                   pairs("input") + pairs("recurrent");
    if (c.op == "lstm")
      c.attributes +=
          scalar("forget", -16, -12) + scalar("update", -20, -12) +
          scalar("hidden", -24, -14) + "cell_scale_power = " +
          std::to_string(p.ConsumeIntegralInRange(-15, -9)) + ", cell_clip = " +
          std::to_string(p.ConsumeBool() ? 0
                                         : p.ConsumeIntegralInRange(1, 32767)) +
          ", ";
    else
      c.attributes += scalar("hidden", -10, -5);
    c.attributes += std::string("time_major = ") +
                    (timeMajor ? "true" : "false") +
                    ", rounding = " + roundingAttr(c);
    if (p.ConsumeBool()) {
      c.stateShape = {batches, units};
      if (c.op == "lstm")
        c.initialHidden = int8s(p, batches * units);
      c.initial16 = int8s(p, batches * units, -32768, 32767);
    }
    c.input = int8s(p, count(c.inShape));
    return true;
  }
  if (c.op == "conv2d" || c.op == "depthwise_conv2d") {
    bool depthwise = c.op == "depthwise_conv2d";
    c.inShape = imageShape(p, 12);
    window(p, c, /*noDilation=*/false);
    int64_t outC = depthwise
                       ? c.inShape[3] * p.ConsumeIntegralInRange<int64_t>(1, 3)
                       : p.ConsumeIntegralInRange<int64_t>(1, 12);
    c.outShape = {c.inShape[0],
                  windowOut(c.inShape[1], c.kernel[0], c.strides[0],
                            c.dilations[0], c.pad[0], c.pad[1]),
                  windowOut(c.inShape[2], c.kernel[1], c.strides[1],
                            c.dilations[1], c.pad[2], c.pad[3]),
                  outC};
    c.weightShape = depthwise
                        ? Ints{1, c.kernel[0], c.kernel[1], outC}
                        : Ints{outC, c.kernel[0], c.kernel[1], c.inShape[3]};
    c.weights = int8s(p, count(c.weightShape));
    if (p.ConsumeBool())
      c.bias = biases(p, outC);
    c.inputZp = i8(p);
    outputStage(p, c, outC);
    c.attributes = "input_zp = " + std::to_string(c.inputZp) + ", " +
                   stageAttributes(c) + ", " + windowAttributes(c, false);
  } else if (c.op == "fully_connected") {
    c.inShape = {p.ConsumeIntegralInRange<int64_t>(1, 3),
                 p.ConsumeIntegralInRange<int64_t>(1, 40)};
    int64_t outputs = p.ConsumeIntegralInRange<int64_t>(1, 20);
    c.outShape = {c.inShape[0], outputs};
    c.weightShape = {outputs, c.inShape[1]};
    c.weights = int8s(p, count(c.weightShape));
    if (p.ConsumeBool())
      c.bias = biases(p, outputs);
    c.inputZp = i8(p);
    outputStage(p, c, outputs);
    c.attributes =
        "input_zp = " + std::to_string(c.inputZp) + ", " + stageAttributes(c);
  } else if (c.op == "layer_norm") {
    // Rows of 1 to 40 int8 or int16 values, any gamma and beta the
    // verifier accepts, an epsilon from none to one that dominates small
    // variances.
    c.int16 = p.ConsumeBool();
    const int64_t size = p.ConsumeIntegralInRange<int64_t>(1, 40);
    c.inShape = {p.ConsumeIntegralInRange<int64_t>(1, 3), size};
    c.outShape = c.inShape;
    c.weightShape = {size};
    c.weights = int8s(p, size, -32768, 32767); // gamma, int16
    const int64_t betaLimit = int64_t(1) << (c.int16 ? 46 : 30);
    c.bias.resize(size);
    for (int64_t &b : c.bias)
      b = p.ConsumeIntegralInRange<int64_t>(-betaLimit, betaLimit);
    c.actMin =
        c.int16 ? p.ConsumeIntegralInRange<int32_t>(-32768, 32767) : i8(p);
    c.actMax =
        p.ConsumeIntegralInRange<int32_t>(c.actMin, c.int16 ? 32767 : 127);
    c.rounding =
        p.ConsumeBool() ? QAT_RT_SINGLE_ROUNDING : QAT_RT_DOUBLE_ROUNDING;
    c.attributes =
        "epsilon = " +
        std::to_string(p.ConsumeIntegralInRange<int64_t>(0, 1 << 24)) +
        ", output_multiplier = " +
        std::to_string(p.ConsumeIntegralInRange<int32_t>(1 << 30, 0x7FFFFFFF)) +
        ", output_shift = " +
        std::to_string(c.int16 ? p.ConsumeIntegralInRange(-31, -20)
                               : p.ConsumeIntegralInRange(-28, -8)) +
        ", output_zp = " + std::to_string(c.int16 ? 0 : i8(p)) +
        ", act_min = " + std::to_string(c.actMin) +
        ", act_max = " + std::to_string(c.actMax) +
        ", rounding = " + roundingAttr(c);
  } else if (c.op == "batch_matmul") {
    // Ranks 2 to 4, batch dimensions broadcast (1 in one operand), either
    // operand's matrices transposed.
    const int64_t rank = p.ConsumeIntegralInRange<int64_t>(2, 4);
    const int64_t m = p.ConsumeIntegralInRange<int64_t>(1, 6),
                  n = p.ConsumeIntegralInRange<int64_t>(1, 6),
                  k = p.ConsumeIntegralInRange<int64_t>(1, 21);
    const bool adjX = p.ConsumeBool(), adjY = p.ConsumeBool();
    for (int64_t d = 0; d + 2 < rank; ++d) {
      int64_t size = p.ConsumeIntegralInRange<int64_t>(1, 3);
      int which = p.ConsumeIntegralInRange(0, 2); // 1 in lhs, in rhs, neither
      c.inShape.push_back(which == 0 ? 1 : size);
      c.in2Shape.push_back(which == 1 ? 1 : size);
      c.outShape.push_back(size);
    }
    Ints lhsMatrix = adjX ? Ints{k, m} : Ints{m, k},
         rhsMatrix = adjY ? Ints{n, k} : Ints{k, n};
    c.inShape.insert(c.inShape.end(), lhsMatrix.begin(), lhsMatrix.end());
    c.in2Shape.insert(c.in2Shape.end(), rhsMatrix.begin(), rhsMatrix.end());
    c.outShape.insert(c.outShape.end(), {m, n});
    c.actMin = i8(p);
    c.actMax = p.ConsumeIntegralInRange<int32_t>(c.actMin, 127);
    c.rounding =
        p.ConsumeBool() ? QAT_RT_SINGLE_ROUNDING : QAT_RT_DOUBLE_ROUNDING;
    c.attributes =
        "lhs_zp = " + std::to_string(i8(p)) +
        ", rhs_zp = " + std::to_string(i8(p)) + ", output_multiplier = " +
        std::to_string(p.ConsumeIntegralInRange<int32_t>(1 << 30, 0x7FFFFFFF)) +
        ", output_shift = " +
        std::to_string(p.ConsumeIntegralInRange(-16, -4)) +
        ", output_zp = " + std::to_string(i8(p)) +
        ", act_min = " + std::to_string(c.actMin) +
        ", act_max = " + std::to_string(c.actMax) +
        ", adj_x = " + (adjX ? "true" : "false") +
        ", adj_y = " + (adjY ? "true" : "false") +
        ", rounding = " + roundingAttr(c);
  } else if (c.op == "add" || c.op == "sub" || c.op == "mul") {
    c.inShape = imageShape(p, 12);
    c.outShape = c.inShape;
    // A rank-1 operand of the channel count broadcasts over the pixels.
    c.in2Shape = p.ConsumeBool() ? Ints{c.inShape[3]} : c.inShape;
    if (p.ConsumeBool())
      std::swap(c.inShape, c.in2Shape);
    int32_t lhsZp = i8(p), rhsZp = i8(p), outZp = i8(p);
    c.actMin = i8(p);
    c.actMax = p.ConsumeIntegralInRange<int32_t>(c.actMin, 127);
    c.rounding =
        p.ConsumeBool() ? QAT_RT_SINGLE_ROUNDING : QAT_RT_DOUBLE_ROUNDING;
    auto m = [&] {
      return p.ConsumeIntegralInRange<int32_t>(1 << 30, 0x7FFFFFFF);
    };
    std::string common = ", output_zp = " + std::to_string(outZp) +
                         ", act_min = " + std::to_string(c.actMin) +
                         ", act_max = " + std::to_string(c.actMax) +
                         ", rounding = " + roundingAttr(c);
    if (c.op != "mul")
      c.attributes =
          "lhs_zp = " + std::to_string(lhsZp) +
          ", rhs_zp = " + std::to_string(rhsZp) + ", left_shift = " +
          std::to_string(p.ConsumeIntegralInRange<int32_t>(0, 22)) +
          ", lhs_multiplier = " + std::to_string(m()) + ", lhs_shift = " +
          std::to_string(p.ConsumeIntegralInRange<int32_t>(-31, 0)) +
          ", rhs_multiplier = " + std::to_string(m()) + ", rhs_shift = " +
          std::to_string(p.ConsumeIntegralInRange<int32_t>(-31, 0)) +
          ", output_multiplier = " + std::to_string(m()) + ", output_shift = " +
          std::to_string(p.ConsumeIntegralInRange<int32_t>(-31, 0)) + common;
    else
      c.attributes =
          "lhs_zp = " + std::to_string(lhsZp) +
          ", rhs_zp = " + std::to_string(rhsZp) +
          ", output_multiplier = " + std::to_string(m()) + ", output_shift = " +
          std::to_string(p.ConsumeIntegralInRange<int32_t>(-31, 8)) + common;
  } else if (c.op == "leaky_relu") {
    c.inShape = imageShape(p, 12);
    c.outShape = c.inShape;
    c.inputZp = i8(p);
    c.outputZp = i8(p);
    c.rounding =
        p.ConsumeBool() ? QAT_RT_SINGLE_ROUNDING : QAT_RT_DOUBLE_ROUNDING;
    auto m = [&] {
      return p.ConsumeIntegralInRange<int32_t>(1 << 30, 0x7FFFFFFF);
    };
    c.attributes = "input_zp = " + std::to_string(c.inputZp) +
                   ", output_zp = " + std::to_string(c.outputZp) +
                   ", identity_multiplier = " + std::to_string(m()) +
                   ", identity_shift = " +
                   std::to_string(p.ConsumeIntegralInRange<int32_t>(-31, 8)) +
                   ", alpha_multiplier = " + std::to_string(m()) +
                   ", alpha_shift = " +
                   std::to_string(p.ConsumeIntegralInRange<int32_t>(-31, 8)) +
                   ", rounding = " + roundingAttr(c);
  } else if (c.op == "requantize") {
    c.inShape = imageShape(p, 12);
    c.outShape = c.inShape;
    c.axis = p.ConsumeBool() ? p.ConsumeIntegralInRange<int64_t>(0, 3) : -1;
    c.inputZp = i8(p);
    outputStage(p, c, c.axis < 0 ? 1 : c.inShape[c.axis]);
    if (c.axis < 0 && c.multiplier.size() != 1)
      return false;
    c.attributes = "input_zp = " + std::to_string(c.inputZp) + ", " +
                   (c.axis >= 0 ? "axis = " + std::to_string(c.axis) + ", "
                                : std::string()) +
                   stageAttributes(c);
  } else if (c.op == "max_pool2d" || c.op == "avg_pool2d") {
    c.inShape = imageShape(p, 12);
    window(p, c, /*noDilation=*/true);
    c.outShape = {c.inShape[0],
                  windowOut(c.inShape[1], c.kernel[0], c.strides[0], 1,
                            c.pad[0], c.pad[1]),
                  windowOut(c.inShape[2], c.kernel[1], c.strides[1], 1,
                            c.pad[2], c.pad[3]),
                  c.inShape[3]};
    c.actMin = i8(p);
    c.actMax = p.ConsumeIntegralInRange<int32_t>(c.actMin, 127);
    c.attributes = windowAttributes(c, true) +
                   ", act_min = " + std::to_string(c.actMin) +
                   ", act_max = " + std::to_string(c.actMax);
  } else if (c.op == "mean") {
    c.inShape = imageShape(p, 12);
    c.outShape = {c.inShape[0], c.inShape[3]};
    c.inputZp = i8(p);
    c.outputZp = i8(p);
    c.multiplier = {p.ConsumeIntegralInRange<int32_t>(1 << 30, 0x7FFFFFFF)};
    c.shift = {p.ConsumeIntegralInRange<int32_t>(-31, 8)};
    c.rounding =
        p.ConsumeBool() ? QAT_RT_SINGLE_ROUNDING : QAT_RT_DOUBLE_ROUNDING;
    c.attributes = "input_zp = " + std::to_string(c.inputZp) +
                   ", output_zp = " + std::to_string(c.outputZp) +
                   ", multiplier = " + std::to_string(c.multiplier[0]) +
                   ", shift = " + std::to_string(c.shift[0]) +
                   ", rounding = " + roundingAttr(c);
  } else if (c.op == "softmax") {
    c.inShape = {p.ConsumeIntegralInRange<int64_t>(1, 4),
                 p.ConsumeIntegralInRange<int64_t>(1, 40)};
    c.outShape = c.inShape;
    c.multiplier = {p.ConsumeIntegralInRange<int32_t>(1 << 30, 0x7FFFFFFF)};
    c.shift = {p.ConsumeIntegralInRange<int32_t>(0, 31)};
    c.axis = -p.ConsumeIntegralInRange<int64_t>(0, 4000); // diff_min
    c.rounding =
        p.ConsumeBool() ? QAT_RT_SINGLE_ROUNDING : QAT_RT_DOUBLE_ROUNDING;
    if (c.rounding == QAT_RT_SINGLE_ROUNDING)
      c.shift[0] = std::min(c.shift[0], 30);
    c.attributes = "input_multiplier = " + std::to_string(c.multiplier[0]) +
                   ", input_left_shift = " + std::to_string(c.shift[0]) +
                   ", diff_min = " + std::to_string(c.axis) +
                   ", rounding = " + roundingAttr(c);
  } else if (c.op == "lookup") {
    c.inShape = imageShape(p, 12);
    c.outShape = c.inShape;
    c.table = int8s(p, 256);
    c.attributes = "table = array<i8: " + join(c.table) + ">";
  } else if (c.op == "pad") {
    c.inShape = imageShape(p, 6);
    c.outShape = c.inShape;
    Ints padding(8);
    for (int d = 0; d < 4; ++d)
      for (int side = 0; side < 2; ++side) {
        padding[2 * d + side] = p.ConsumeIntegralInRange<int64_t>(0, 2);
        c.outShape[d] += padding[2 * d + side];
      }
    c.pad = padding;
    c.outputZp = i8(p); // the padding value
    c.attributes = "padding = array<i64: " + join(padding) +
                   ">, value = " + std::to_string(c.outputZp);
  } else if (c.op == "transpose") {
    c.inShape = imageShape(p, 6);
    c.permutation = {0, 1, 2, 3};
    for (int i = 3; i > 0; --i)
      std::swap(c.permutation[i],
                c.permutation[p.ConsumeIntegralInRange<int>(0, i)]);
    for (int64_t d : c.permutation)
      c.outShape.push_back(c.inShape[d]);
    c.attributes = "permutation = array<i64: " + join(c.permutation) + ">";
  } else if (c.op == "slice") {
    c.inShape = imageShape(p, 6);
    Ints begin, strides;
    for (int64_t d = 0; d < 4; ++d) {
      int64_t size = c.inShape[d];
      int64_t stride = p.ConsumeIntegralInRange<int64_t>(-3, 3);
      if (stride == 0)
        stride = 1;
      int64_t start = p.ConsumeIntegralInRange<int64_t>(0, size - 1);
      int64_t room = stride > 0 ? (size - 1 - start) / stride : start / -stride;
      c.outShape.push_back(p.ConsumeIntegralInRange<int64_t>(1, room + 1));
      begin.push_back(start);
      strides.push_back(stride);
    }
    c.pad = begin;
    c.strides = strides;
    c.attributes = "begin = array<i64: " + join(begin) +
                   ">, strides = array<i64: " + join(strides) + ">";
  } else { // concat
    c.inShape = imageShape(p, 6);
    c.axis = p.ConsumeIntegralInRange<int64_t>(0, 3);
    c.in2Shape = c.inShape;
    c.in2Shape[c.axis] = p.ConsumeIntegralInRange<int64_t>(1, 5);
    c.outShape = c.inShape;
    c.outShape[c.axis] += c.in2Shape[c.axis];
    c.attributes = "axis = " + std::to_string(c.axis);
  }
  if (count(c.outShape) == 0)
    return false;
  c.input = c.int16 ? int8s(p, count(c.inShape), -32768, 32767)
                    : int8s(p, count(c.inShape));
  if (!c.in2Shape.empty())
    c.input2 = int8s(p, count(c.in2Shape));
  return true;
}

/// A recurrent case's function: its weights and biases as constants.
std::string recurrentProgram(const Case &c) {
  const int64_t gates = c.weightShape[0], units = c.weightShape[1];
  std::string in = tensorType(c.inShape, "i8"),
              out = tensorType(c.outShape, "i8"),
              wx = tensorType(c.weightShape, "i8"),
              wh = tensorType({gates, units, units}, "i8"),
              b = tensorType({gates, units}, "i32");
  std::string body = "  %wx = arith.constant dense<\"0x" + hex(c.weights, 1) +
                     "\"> : " + wx + "\n  %wh = arith.constant dense<\"0x" +
                     hex(c.recurrentWeights, 1) + "\"> : " + wh +
                     "\n  %bx = arith.constant dense<\"0x" + hex(c.bias, 4) +
                     "\"> : " + b + "\n";
  std::string operands = "%x, %wx, %wh, %bx",
              types = in + ", " + wx + ", " + wh + ", " + b;
  if (c.op == "gru") {
    body += "  %bh = arith.constant dense<\"0x" + hex(c.recurrentBias, 4) +
            "\"> : " + b + "\n";
    operands += ", %bh";
    types += ", " + b;
  }
  if (!c.stateShape.empty()) {
    std::string h8 = tensorType(c.stateShape, "i8"),
                h16 = tensorType(c.stateShape, "i16");
    std::string initial;
    if (!c.initialHidden.empty()) {
      body += "  %h0 = arith.constant dense<\"0x" + hex(c.initialHidden, 1) +
              "\"> : " + h8 + "\n";
      initial = "%h0, ";
      types += ", " + h8;
    }
    body += "  %s0 = arith.constant dense<\"0x" + hex(c.initial16, 2) +
            "\"> : " + h16 + "\n";
    operands += " initial(" + initial + "%s0)";
    types += ", " + h16;
  }
  return "func.func @main(%x: " + in + ") -> " + out + " {\n" + body +
         "  %r = qint." + c.op + " " + operands + " {" + c.attributes +
         "} : (" + types + ") -> " + out + "\n  return %r : " + out + "\n}\n";
}

/// A layer norm's function: gamma (i16) and beta (i32; i64 for int16
/// values) as constants.
std::string layerNormProgram(const Case &c) {
  std::string t = tensorType(c.inShape, c.int16 ? "i16" : "i8"),
              g = tensorType(c.weightShape, "i16"),
              b = tensorType(c.weightShape, c.int16 ? "i64" : "i32");
  return "func.func @main(%x: " + t + ") -> " + t +
         " {\n  %g = arith.constant dense<\"0x" + hex(c.weights, 2) +
         "\"> : " + g + "\n  %b = arith.constant dense<\"0x" +
         hex(c.bias, c.int16 ? 8 : 4) + "\"> : " + b +
         "\n  %r = qint.layer_norm %x, %g, %b {" + c.attributes + "} : (" + t +
         ", " + g + ", " + b + ") -> " + t + "\n  return %r : " + t + "\n}\n";
}

std::string program(const Case &c) {
  if (c.op == "lstm" || c.op == "gru")
    return recurrentProgram(c);
  if (c.op == "layer_norm")
    return layerNormProgram(c);
  std::string in = tensorType(c.inShape, "i8"),
              out = tensorType(c.outShape, "i8");
  std::string args = "%x: " + in, operands = "%x", types = in;
  if (!c.in2Shape.empty()) {
    args += ", %y: " + tensorType(c.in2Shape, "i8");
    operands += ", %y";
    types += ", " + tensorType(c.in2Shape, "i8");
  }
  std::string body;
  if (!c.weightShape.empty()) {
    std::string w = tensorType(c.weightShape, "i8");
    body += "  %w = arith.constant dense<\"0x" + hex(c.weights, 1) +
            "\"> : " + w + "\n";
    operands += ", %w";
    types += ", " + w;
    if (!c.bias.empty()) {
      std::string b = tensorType({(int64_t)c.bias.size()}, "i32");
      body +=
          "  %b = arith.constant dense<[" + join(c.bias) + "]> : " + b + "\n";
      operands += ", %b";
      types += ", " + b;
    }
  }
  bool unary = c.in2Shape.empty() && c.weightShape.empty();
  std::string signature = unary && c.op != "concat"
                              ? in + " -> " + out
                              : "(" + types + ") -> " + out;
  if (c.op == "softmax" || c.op == "lookup" || c.op == "leaky_relu")
    signature = in;
  return "func.func @main(" + args + ") -> " + out + " {\n" + body +
         "  %r = qint." + c.op + " " + operands + " {" + c.attributes +
         "} : " + signature + "\n  return %r : " + out + "\n}\n";
}

[[noreturn]] void mismatch(const Case &c, const std::string &text,
                           const char *what) {
  std::fprintf(stderr, "qat-kernel-fuzzer: %s for\n%s", what, text.c_str());
  std::abort();
}

/// rows x cols weights in the runtime's blocked order, and each row's
/// bias less zp times its sum (qint's weights as qat_rt_lstm and
/// qat_rt_gru read them).
std::vector<int8_t> blockedWeights(const Ints &w, int64_t cols) {
  int64_t rows = static_cast<int64_t>(w.size()) / cols;
  SmallVector<int64_t> b =
      rt::blocked(llvm::ArrayRef<int64_t>(w), rows, cols, QAT_RT_WEIGHT_BLOCK);
  return std::vector<int8_t>(b.begin(), b.end());
}

std::vector<int32_t> foldedBias(const Ints &bias, const Ints &w, int64_t cols,
                                int64_t zp) {
  std::vector<int32_t> out;
  for (size_t r = 0; r < bias.size(); ++r) {
    int64_t v = bias[r];
    for (int64_t k = 0; k < cols; ++k)
      v -= zp * w[r * cols + k];
    out.push_back(static_cast<int32_t>(v));
  }
  return out;
}

/// The runtime's output for a recurrent case, from zero state.
bool runRecurrent(const Case &c, Operation *op, std::vector<int8_t> &out,
                  const std::string &text) {
  const int64_t features = c.weightShape[2], units = c.weightShape[1];
  std::vector<int8_t> x(c.input.begin(), c.input.end());
  std::vector<int8_t> wx = blockedWeights(c.weights, features),
                      wh = blockedWeights(c.recurrentWeights, units);
  std::vector<int8_t> scratch(rt::scratchBytes(op) + 1),
      state(rt::stateBytes(op) + 4);
  const std::array<uint16_t, 256> &table = qat::numerics::sigmoidInt16Table();
  out.assign(count(c.outShape), 0);
  if (auto lstm = dyn_cast<qint::LstmOp>(op)) {
    qat::numerics::LstmParams n = lstm.getLstmParams();
    qat_rt_lstm_params p{};
    p.time_steps = (int32_t)n.timeSteps;
    p.batches = (int32_t)n.batches;
    p.input_size = (int32_t)n.inputSize;
    p.hidden_size = (int32_t)n.hiddenSize;
    p.time_major = n.timeMajor;
    p.input_zp = n.inputZp;
    p.output_zp = n.outputZp;
    for (int g = 0; g < 4; ++g) {
      p.input_multiplier[g] = n.input[g].multiplier;
      p.input_shift[g] = n.input[g].shift;
      p.recurrent_multiplier[g] = n.recurrent[g].multiplier;
      p.recurrent_shift[g] = n.recurrent[g].shift;
    }
    p.forget_multiplier = n.forget.multiplier;
    p.forget_shift = n.forget.shift;
    p.update_multiplier = n.update.multiplier;
    p.update_shift = n.update.shift;
    p.hidden_multiplier = n.hidden.multiplier;
    p.hidden_shift = n.hidden.shift;
    auto [tm, ts] = qat::numerics::tanhInputRescale(n.cellScalePower);
    p.tanh_multiplier = tm;
    p.tanh_shift = ts;
    p.cell_clip = n.cellClip;
    p.rounding = c.rounding;
    if (qat_rt_lstm_scratch_size(&p) != rt::scratchBytes(op) ||
        qat_rt_lstm_state_size(&p) != rt::stateBytes(op))
      mismatch(c, text, "the compiler and the runtime size the LSTM apart");
    std::vector<int32_t> bx =
                             foldedBias(c.bias, c.weights, features, c.inputZp),
                         bh = foldedBias(Ints(c.bias.size(), 0),
                                         c.recurrentWeights, units, c.outputZp);
    std::vector<int8_t> h0(c.initialHidden.begin(), c.initialHidden.end());
    std::vector<int16_t> c0(c.initial16.begin(), c.initial16.end());
    return qat_rt_lstm_reset(&p, h0.empty() ? nullptr : h0.data(),
                             c0.empty() ? nullptr : c0.data(),
                             state.data()) == 0 &&
           qat_rt_lstm(&p, x.data(), wx.data(), wh.data(), bx.data(), bh.data(),
                       table.data(), scratch.data(), state.data(),
                       out.data()) == 0;
  }
  auto gru = cast<qint::GruOp>(op);
  qat::numerics::GruParams n = gru.getGruParams();
  qat_rt_gru_params p{};
  p.time_steps = (int32_t)n.timeSteps;
  p.batches = (int32_t)n.batches;
  p.input_size = (int32_t)n.inputSize;
  p.hidden_size = (int32_t)n.hiddenSize;
  p.time_major = n.timeMajor;
  p.input_zp = n.inputZp;
  p.output_zp = n.outputZp;
  for (int g = 0; g < 3; ++g) {
    p.input_multiplier[g] = n.input[g].multiplier;
    p.input_shift[g] = n.input[g].shift;
    p.recurrent_multiplier[g] = n.recurrent[g].multiplier;
    p.recurrent_shift[g] = n.recurrent[g].shift;
  }
  p.hidden_multiplier = n.hidden.multiplier;
  p.hidden_shift = n.hidden.shift;
  p.rounding = c.rounding;
  if (qat_rt_gru_scratch_size(&p) != rt::scratchBytes(op) ||
      qat_rt_gru_state_size(&p) != rt::stateBytes(op))
    mismatch(c, text, "the compiler and the runtime size the GRU apart");
  std::vector<int32_t> bx = foldedBias(c.bias, c.weights, features, c.inputZp),
                       bh = foldedBias(c.recurrentBias, c.recurrentWeights,
                                       units, c.outputZp);
  std::vector<int16_t> s0(c.initial16.begin(), c.initial16.end());
  return qat_rt_gru_reset(&p, s0.empty() ? nullptr : s0.data(), state.data()) ==
             0 &&
         qat_rt_gru(&p, x.data(), wx.data(), wh.data(), bx.data(), bh.data(),
                    table.data(), scratch.data(), state.data(),
                    out.data()) == 0;
}

/// The runtime's output for `c`; false when the kernel refused it.
bool runRuntime(const Case &c, Operation *op, std::vector<int8_t> &out,
                const std::string &text) {
  if (c.op == "lstm" || c.op == "gru")
    return runRecurrent(c, op, out, text);
  std::vector<int8_t> x(c.input.begin(), c.input.end()),
      y(c.input2.begin(), c.input2.end());
  qat_rt_output_stage stage{
      c.multiplier.data(), c.shift.data(), c.outputZp, c.actMin, c.actMax,
      c.rounding};
  // Scratch as the C emitter plans it, checked against the runtime's own
  // definition.
  std::vector<int8_t> scratchBuffer(rt::scratchBytes(op));
  // As the emitter passes it: NULL when the kernel needs none.
  int8_t *scratch = scratchBuffer.empty() ? nullptr : scratchBuffer.data();
  auto checkScratch = [&](int32_t runtimeBytes) {
    if (runtimeBytes != rt::scratchBytes(op))
      mismatch(c, text, "the compiler and the runtime disagree on scratch");
  };
  // Weighted layers: the input zero point folded into the bias.
  auto folded = [&](bool depthwise) {
    int64_t outputs = depthwise ? c.weightShape[3] : c.weightShape[0];
    int64_t perOutput = count(c.weightShape) / outputs;
    std::vector<int32_t> b(outputs);
    for (int64_t o = 0; o < outputs; ++o) {
      int64_t sum = 0;
      for (int64_t k = 0; k < perOutput; ++k)
        sum += depthwise ? c.weights[k * outputs + o]
                         : c.weights[o * perOutput + k];
      b[o] = static_cast<int32_t>((c.bias.empty() ? 0 : c.bias[o]) -
                                  c.inputZp * sum);
    }
    return b;
  };
  auto narrow = [](const llvm::SmallVector<int64_t> &v) {
    return std::vector<int8_t>(v.begin(), v.end());
  };
  std::vector<int32_t> perChannel;
  auto repeated = [&](int64_t channels) {
    // The runtime reads one multiplier and shift per channel.
    if (c.multiplier.size() == 1 && channels > 1) {
      static thread_local std::vector<int32_t> m, s;
      m.assign(channels, c.multiplier[0]);
      s.assign(channels, c.shift[0]);
      stage.multiplier = m.data();
      stage.shift = s.data();
    }
  };
  out.assign(count(c.outShape), 0);
  int status = -1;
  if (c.op == "conv2d" || c.op == "depthwise_conv2d") {
    bool depthwise = c.op == "depthwise_conv2d";
    repeated(c.outShape[3]);
    qat_rt_conv_params p{(int32_t)c.inShape[0],
                         (int32_t)c.inShape[1],
                         (int32_t)c.inShape[2],
                         (int32_t)c.inShape[3],
                         (int32_t)c.outShape[1],
                         (int32_t)c.outShape[2],
                         (int32_t)c.outShape[3],
                         (int32_t)c.kernel[0],
                         (int32_t)c.kernel[1],
                         (int32_t)c.strides[0],
                         (int32_t)c.strides[1],
                         (int32_t)c.dilations[0],
                         (int32_t)c.dilations[1],
                         (int32_t)c.pad[0],
                         (int32_t)c.pad[2],
                         c.inputZp,
                         stage};
    std::vector<int32_t> b = folded(depthwise);
    int64_t taps = c.kernel[0] * c.kernel[1];
    if (depthwise) {
      checkScratch(qat_rt_depthwise_conv2d_scratch_size(&p));
      std::vector<int8_t> f =
          c.outShape[3] == c.inShape[3] && taps <= rt::kDepthwiseMaxTaps
              ? narrow(rt::blockedDepthwise(c.weights, taps, c.outShape[3],
                                            rt::kWordBlock))
              : std::vector<int8_t>(c.weights.begin(), c.weights.end());
      status = qat_rt_depthwise_conv2d(&p, x.data(), f.data(), b.data(),
                                       scratch, out.data());
    } else {
      checkScratch(qat_rt_conv2d_scratch_size(&p));
      std::vector<int8_t> f = narrow(
          rt::blocked(c.weights, c.weightShape[0],
                      count(c.weightShape) / c.weightShape[0], rt::kWordBlock));
      status =
          qat_rt_conv2d(&p, x.data(), f.data(), b.data(), scratch, out.data());
    }
  } else if (c.op == "fully_connected") {
    repeated(c.outShape[1]);
    qat_rt_fc_params p{(int32_t)c.inShape[0], (int32_t)c.inShape[1],
                       (int32_t)c.outShape[1], stage};
    checkScratch(qat_rt_fully_connected_scratch_size(&p));
    std::vector<int32_t> b = folded(false);
    std::vector<int8_t> w = narrow(rt::blocked(
        c.weights, c.weightShape[0], c.weightShape[1], rt::kWordBlock));
    status = qat_rt_fully_connected(&p, x.data(), w.data(), b.data(), scratch,
                                    out.data());
  } else if (auto norm = dyn_cast<qint::LayerNormOp>(op)) {
    qat::numerics::LayerNormParams n = norm.getLayerNormParams();
    qat_rt_layer_norm_params p{
        (int32_t)n.rows, (int32_t)n.size, n.epsilon, n.output.multiplier,
        n.output.shift,  n.outputZp,      n.actMin,  n.actMax,
        c.rounding};
    std::vector<int16_t> gamma(c.weights.begin(), c.weights.end());
    std::vector<int32_t> beta(c.bias.begin(), c.bias.end());
    status =
        qat_rt_layer_norm(&p, x.data(), gamma.data(), beta.data(), out.data());
  } else if (auto bmm = dyn_cast<qint::BatchMatMulOp>(op)) {
    qat_rt_batch_matmul_params p = rt::batchMatMulParams(bmm);
    checkScratch(qat_rt_batch_matmul_scratch_size(&p));
    status = qat_rt_batch_matmul(&p, x.data(), y.data(), scratch, out.data());
  } else if (c.op == "add" || c.op == "sub" || c.op == "mul") {
    Value lhs = op->getOperand(0), rhs = op->getOperand(1),
          result = op->getResult(0);
    if (auto sub = dyn_cast<qint::SubOp>(op)) {
      qat_rt_add_params p{(int32_t)count(c.outShape),
                          (int32_t)rt::broadcastSize(lhs, result),
                          (int32_t)rt::broadcastSize(rhs, result),
                          (int32_t)sub.getLhsZp(),
                          (int32_t)sub.getRhsZp(),
                          (int32_t)sub.getLeftShift(),
                          (int32_t)sub.getLhsMultiplier(),
                          (int32_t)sub.getLhsShift(),
                          (int32_t)sub.getRhsMultiplier(),
                          (int32_t)sub.getRhsShift(),
                          (int32_t)sub.getOutputMultiplier(),
                          (int32_t)sub.getOutputShift(),
                          (int32_t)sub.getOutputZp(),
                          (int32_t)sub.getActMin(),
                          (int32_t)sub.getActMax(),
                          c.rounding};
      status = qat_rt_sub(&p, x.data(), y.data(), out.data());
    } else if (auto add = dyn_cast<qint::AddOp>(op)) {
      qat_rt_add_params p{(int32_t)count(c.outShape),
                          (int32_t)rt::broadcastSize(lhs, result),
                          (int32_t)rt::broadcastSize(rhs, result),
                          (int32_t)add.getLhsZp(),
                          (int32_t)add.getRhsZp(),
                          (int32_t)add.getLeftShift(),
                          (int32_t)add.getLhsMultiplier(),
                          (int32_t)add.getLhsShift(),
                          (int32_t)add.getRhsMultiplier(),
                          (int32_t)add.getRhsShift(),
                          (int32_t)add.getOutputMultiplier(),
                          (int32_t)add.getOutputShift(),
                          (int32_t)add.getOutputZp(),
                          (int32_t)add.getActMin(),
                          (int32_t)add.getActMax(),
                          c.rounding};
      status = qat_rt_add(&p, x.data(), y.data(), out.data());
    } else {
      auto mul = cast<qint::MulOp>(op);
      qat_rt_mul_params p{(int32_t)count(c.outShape),
                          (int32_t)rt::broadcastSize(lhs, result),
                          (int32_t)rt::broadcastSize(rhs, result),
                          (int32_t)mul.getLhsZp(),
                          (int32_t)mul.getRhsZp(),
                          (int32_t)mul.getOutputMultiplier(),
                          (int32_t)mul.getOutputShift(),
                          (int32_t)mul.getOutputZp(),
                          (int32_t)mul.getActMin(),
                          (int32_t)mul.getActMax(),
                          c.rounding};
      status = qat_rt_mul(&p, x.data(), y.data(), out.data());
    }
  } else if (c.op == "requantize") {
    int64_t channels = 1, inner = 1;
    if (c.axis >= 0) {
      channels = c.inShape[c.axis];
      for (int64_t d = c.axis + 1; d < 4; ++d)
        inner *= c.inShape[d];
    }
    repeated(channels);
    qat_rt_requantize_params p{(int32_t)count(c.inShape), (int32_t)channels,
                               (int32_t)inner, c.inputZp, stage};
    status = qat_rt_requantize_i8(&p, x.data(), out.data());
  } else if (c.op == "max_pool2d" || c.op == "avg_pool2d") {
    qat_rt_pool_params p{(int32_t)c.inShape[0],
                         (int32_t)c.inShape[1],
                         (int32_t)c.inShape[2],
                         (int32_t)c.inShape[3],
                         (int32_t)c.outShape[1],
                         (int32_t)c.outShape[2],
                         (int32_t)c.kernel[0],
                         (int32_t)c.kernel[1],
                         (int32_t)c.strides[0],
                         (int32_t)c.strides[1],
                         (int32_t)c.pad[0],
                         (int32_t)c.pad[2],
                         c.actMin,
                         c.actMax};
    status = c.op == "max_pool2d" ? qat_rt_max_pool2d(&p, x.data(), out.data())
                                  : qat_rt_avg_pool2d(&p, x.data(), out.data());
  } else if (c.op == "mean") {
    qat_rt_mean_params p{(int32_t)c.inShape[0],
                         (int32_t)c.inShape[1],
                         (int32_t)c.inShape[2],
                         (int32_t)c.inShape[3],
                         c.inputZp,
                         c.outputZp,
                         c.multiplier[0],
                         c.shift[0],
                         c.rounding};
    status = qat_rt_mean(&p, x.data(), out.data());
  } else if (c.op == "softmax") {
    qat_rt_softmax_params p{(int32_t)c.inShape[0], (int32_t)c.inShape[1],
                            c.multiplier[0],       c.shift[0],
                            (int32_t)c.axis,       c.rounding};
    status = qat_rt_softmax(&p, x.data(), out.data());
    // The table path the C emitter takes for attention's softmaxes: the
    // exponentials from the numerics library, the same outputs.
    qat::numerics::SoftmaxParams params{c.multiplier[0], c.shift[0],
                                        (int32_t)c.axis};
    std::vector<int32_t> exps;
    for (int64_t k = 0; k < std::min<int64_t>(256, 1 - c.axis); ++k)
      exps.push_back(
          qat::numerics::softmaxExp((int32_t)-k, params,
                                    c.rounding == QAT_RT_SINGLE_ROUNDING
                                        ? qat::numerics::Rounding::Single
                                        : qat::numerics::Rounding::Double));
    std::vector<int8_t> tabled(out.size());
    if (qat_rt_softmax_table(&p, exps.data(), x.data(), tabled.data()) !=
            status ||
        tabled != out)
      mismatch(c, text,
               "the softmax's table path and its computed path differ");
  } else if (c.op == "lookup") {
    std::vector<int8_t> table(c.table.begin(), c.table.end());
    status =
        qat_rt_lookup(table.data(), x.data(), (int32_t)x.size(), out.data());
  } else if (c.op == "pad") {
    qat_rt_pad_params p{};
    p.rank = 4;
    for (int d = 0; d < 4; ++d) {
      p.in_shape[d] = (int32_t)c.inShape[d];
      p.before[d] = (int32_t)c.pad[2 * d];
      p.after[d] = (int32_t)c.pad[2 * d + 1];
    }
    p.value = (int8_t)c.outputZp;
    status = qat_rt_pad(&p, x.data(), out.data());
  } else if (c.op == "transpose") {
    qat_rt_transpose_params p{};
    p.rank = 4;
    for (int d = 0; d < 4; ++d) {
      p.in_shape[d] = (int32_t)c.inShape[d];
      p.permutation[d] = (int32_t)c.permutation[d];
    }
    status = qat_rt_transpose(&p, x.data(), out.data());
  } else if (c.op == "leaky_relu") {
    auto lr = cast<qint::LeakyReluOp>(op);
    qat_rt_leaky_relu_params p{(int32_t)count(c.inShape),
                               1,
                               (int32_t)lr.getInputZp(),
                               (int32_t)lr.getOutputZp(),
                               (int32_t)lr.getIdentityMultiplier(),
                               (int32_t)lr.getIdentityShift(),
                               (int32_t)lr.getAlphaMultiplier(),
                               (int32_t)lr.getAlphaShift(),
                               c.rounding};
    status = qat_rt_leaky_relu(&p, x.data(), out.data());
  } else if (c.op == "slice") {
    qat_rt_slice_params p{};
    p.rank = 4;
    p.element_bytes = 1;
    for (int d = 0; d < 4; ++d) {
      p.in_shape[d] = (int32_t)c.inShape[d];
      p.out_shape[d] = (int32_t)c.outShape[d];
      p.begin[d] = (int32_t)c.pad[d];
      p.strides[d] = (int32_t)c.strides[d];
    }
    status = qat_rt_slice(&p, x.data(), out.data());
  } else { // concat
    int32_t outer = 1;
    for (int64_t d = 0; d < c.axis; ++d)
      outer *= (int32_t)c.inShape[d];
    int32_t inner[2] = {(int32_t)(count(c.inShape) / outer),
                        (int32_t)(count(c.in2Shape) / outer)};
    qat_rt_concat_params p{outer, 2, inner};
    const int8_t *inputs[2] = {x.data(), y.data()};
    status = qat_rt_concat(&p, inputs, out.data());
  }
  return status == 0;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FuzzedDataProvider provider(data, size);
  Case c;
  if (!generate(provider, c))
    return 0;
  std::string text = program(c);
  // To read a finding: QAT_KERNEL_FUZZER_PRINT=1 qat-kernel-fuzzer FILE.
  if (std::getenv("QAT_KERNEL_FUZZER_PRINT"))
    std::fprintf(stderr, "%s", text.c_str());

  static DialectRegistry *registry = [] {
    auto *r = new DialectRegistry;
    qat::registerAllDialects(*r);
    return r;
  }();
  MLIRContext context(*registry);
  ScopedDiagnosticHandler silence(&context, [](Diagnostic &) {});
  // The verifier and the output-stage proof define what reaches a kernel.
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &context);
  if (!module || failed(qint::checkOutputStages(*module)))
    return 0;
  auto func = cast<func::FuncOp>(module->getBody()->front());
  Operation *op = &*std::prev(func.getBody().front().end(), 2);

  llvm::SmallVector<qat::Tensor> args;
  auto tensor = [&](const Ints &shape, const Ints &values) {
    qat::Tensor t = qat::Tensor::zeros(
        c.int16 ? qat::ElementKind::I16 : qat::ElementKind::I8, shape);
    std::copy(values.begin(), values.end(), t.ints.begin());
    return t;
  };
  args.push_back(tensor(c.inShape, c.input));
  if (!c.in2Shape.empty())
    args.push_back(tensor(c.in2Shape, c.input2));
  FailureOr<llvm::SmallVector<qat::Tensor>> expected =
      qat::runFunction(func, args);
  if (failed(expected))
    return 0; // an accumulator the data takes out of int32: no contract

  const qat::Tensor &want = (*expected)[0];
  if (c.int16) {
    // An int16 layer norm: its own entry point and element type.
    qat::numerics::LayerNormParams n =
        cast<qint::LayerNormOp>(op).getLayerNormParams();
    qat_rt_layer_norm_params p{
        (int32_t)n.rows, (int32_t)n.size, n.epsilon, n.output.multiplier,
        n.output.shift,  n.outputZp,      n.actMin,  n.actMax,
        c.rounding};
    std::vector<int16_t> x(c.input.begin(), c.input.end()),
        gamma(c.weights.begin(), c.weights.end()), out(x.size());
    std::vector<int64_t> beta(c.bias.begin(), c.bias.end());
    if (qat_rt_layer_norm_s16(&p, x.data(), gamma.data(), beta.data(),
                              out.data()) != 0)
      mismatch(c, text, "the runtime refused a program the verifier accepts");
    for (size_t i = 0; i < out.size(); ++i)
      if (out[i] != want.ints[i]) {
        std::fprintf(stderr, "element %zu: runtime %d, qat-run %lld\n", i,
                     out[i], static_cast<long long>(want.ints[i]));
        mismatch(c, text, "the runtime and qat-run differ");
      }
    return 0;
  }
  std::vector<int8_t> got;
  if (!runRuntime(c, op, got, text))
    mismatch(c, text, "the runtime refused a program the verifier accepts");
  for (size_t i = 0; i < got.size(); ++i)
    if (got[i] != want.ints[i]) {
      std::fprintf(stderr, "element %zu: runtime %d, qat-run %lld\n", i, got[i],
                   static_cast<long long>(want.ints[i]));
      mismatch(c, text, "the runtime and qat-run differ");
    }
  return 0;
}
