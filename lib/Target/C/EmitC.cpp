// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- EmitC.cpp - qint programs to C calling the qat runtime -------------===//
//
// Writes NAME.c: every weight, folded bias and parameter block a `static
// const` (flash on a microcontroller), then `qat_NAME_run`, one runtime call
// per qint op with its tensors at their planned arena offsets.
//
// The runtime's weighted kernels multiply raw int8 values; the input zero
// point is folded here into the bias (bias - input_zp * sum of weights), and
// the folded accumulator is proven to stay within int32.
//
//===----------------------------------------------------------------------===//

#include "qat/Target/C/EmitC.h"

#include "RuntimeLayout.h"

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Dialect/QInt/Transforms/Passes.h"
#include "qat/Numerics/Softmax.h"
#include "qat/Support/Escape.h"
#include "qat/Support/Location.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"

#include <cctype>

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::c_runtime;

namespace {
/// A C integer literal; INT32_MIN has none.
std::string literal(int64_t v) {
  if (v == INT32_MIN)
    return "(-2147483647 - 1)";
  return std::to_string(v);
}

/// The C element type of a tensor value.
std::string cTypeOf(Value v) {
  switch (cast<RankedTensorType>(v.getType()).getElementTypeBitWidth()) {
  case 16:
    return "int16_t";
  case 32:
    return "int32_t";
  case 64:
    return "int64_t";
  default:
    return "int8_t";
  }
}

bool isInt16(Value v) {
  return cast<RankedTensorType>(v.getType()).getElementType().isInteger(16);
}

/// The values of an integer arith.constant, or nothing for any other value.
std::optional<SmallVector<int64_t>> intConstant(Value v) {
  auto constant = v.getDefiningOp<arith::ConstantOp>();
  auto data =
      constant ? dyn_cast<DenseIntElementsAttr>(constant.getValue()) : nullptr;
  if (!data)
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &x : data.getValues<APInt>())
    values.push_back(x.getSExtValue());
  return values;
}

/// 4-bit values two per byte, the first of a pair in the low nibble, each
/// byte as the int8 value C stores.
SmallVector<int64_t> packFourBit(ArrayRef<int64_t> values) {
  SmallVector<int64_t> bytes((values.size() + 1) / 2, 0);
  for (auto [i, v] : llvm::enumerate(values))
    bytes[i / 2] |= (v & 15) << (i % 2 ? 4 : 0);
  for (int64_t &b : bytes)
    b = b >= 128 ? b - 256 : b;
  return bytes;
}

std::string roundingName(qint::Rounding r) {
  return r == qint::Rounding::single_round ? "QAT_RT_SINGLE_ROUNDING"
                                           : "QAT_RT_DOUBLE_ROUNDING";
}

class SourceEmitter {
public:
  SourceEmitter(func::FuncOp func, const CEmitOptions &options,
                llvm::raw_ostream &os)
      : func(func), options(options), out(os) {}

  LogicalResult emit();

private:
  LogicalResult bindStorage();
  FailureOr<std::string> operand(Operation *user, Value v);
  std::string array(StringRef type, ArrayRef<int64_t> values);
  void arrayNamed(StringRef name, StringRef type, ArrayRef<int64_t> values);
  std::string arrayPerBlock(ArrayRef<int64_t> vectors, ArrayRef<int64_t> words);
  void arrayPerBlockNamed(StringRef name, ArrayRef<int64_t> vectors,
                          ArrayRef<int64_t> words);
  void chooseWideLayers(ArrayRef<Operation *> kernels);
  std::string outputStage(ArrayRef<int32_t> multiplier, ArrayRef<int32_t> shift,
                          int64_t channels, int64_t outputZp, int64_t actMin,
                          int64_t actMax, qint::Rounding rounding);
  FailureOr<std::string> foldedBias(Operation *op, Value weights, Value bias,
                                    int64_t inputZp, bool depthwise);
  FailureOr<std::string> blockedWeights(Operation *op, Value weights);
  FailureOr<std::string> depthwiseWeights(qint::DepthwiseConv2DOp op);
  FailureOr<std::string> scratch(Operation *op);
  std::string params(StringRef type, ArrayRef<std::string> fields);
  LogicalResult emitOp(Operation *op);
  void call(Operation *op, const Twine &text, const Twine &wideText = "");

  func::FuncOp func;
  const CEmitOptions &options;
  llvm::raw_ostream &out;
  std::string globals, body;
  int counter = 0;
  DenseMap<Value, std::string> storage;
  DenseMap<Value, std::string> constantArrays;
  /// The error code of each kernel call: its 1-based place among the
  /// program's kernels (kernelIndex).
  DenseMap<Operation *, int64_t> position;
  /// The layers whose weights the C also holds widened to int16.
  DenseSet<Operation *> wide;
};

std::string SourceEmitter::array(StringRef type, ArrayRef<int64_t> values) {
  std::string name = "qat_" + options.name + "_k" + std::to_string(counter++);
  arrayNamed(name, type, values);
  return name;
}

void SourceEmitter::arrayNamed(StringRef name, StringRef type,
                               ArrayRef<int64_t> values) {
  llvm::raw_string_ostream os(globals);
  os << "static const " << type << " " << name << "[" << values.size()
     << "] = {";
  for (auto [i, v] : llvm::enumerate(values))
    os << (i % 16 ? " " : "\n    ") << literal(v) << ",";
  os << "};\n";
}

std::string SourceEmitter::params(StringRef type,
                                  ArrayRef<std::string> fields) {
  std::string name = "qat_" + options.name + "_p" + std::to_string(counter++);
  llvm::raw_string_ostream os(globals);
  os << "static const " << type << " " << name << " = {";
  auto print = [&](const std::string &f) { os << f; };
  llvm::interleave(fields, os, print, ", ");
  os << "};\n";
  return "&" + name;
}

/// One multiplier and shift per channel, a per-tensor pair repeated.
std::string SourceEmitter::outputStage(ArrayRef<int32_t> multiplier,
                                       ArrayRef<int32_t> shift,
                                       int64_t channels, int64_t outputZp,
                                       int64_t actMin, int64_t actMax,
                                       qint::Rounding rounding) {
  SmallVector<int64_t> m, s;
  for (int64_t c = 0; c < channels; ++c) {
    size_t i = multiplier.size() == 1 ? 0 : c;
    m.push_back(multiplier[i]);
    s.push_back(shift[i]);
  }
  std::string mName = array("int32_t", m), sName = array("int32_t", s);
  return "{" + mName + ", " + sName + ", " + literal(outputZp) + ", " +
         literal(actMin) + ", " + literal(actMax) + ", " +
         roundingName(rounding) + "}";
}

/// Tensors: arguments are the caller's inputs; a returned tensor (through
/// any reshape) is written straight into the caller's output; the rest live
/// at their planned arena offsets. Reshapes share their input's storage.
LogicalResult SourceEmitter::bindStorage() {
  for (BlockArgument arg : func.getArguments())
    storage[arg] = "input" + std::to_string(arg.getArgNumber());
  Operation *terminator = func.getBody().front().getTerminator();
  DenseMap<Operation *, std::string> outputOf;
  for (auto [i, v] : llvm::enumerate(terminator->getOperands())) {
    Value root = v;
    while (auto reshape = root.getDefiningOp<qint::ReshapeOp>())
      root = reshape.getInput();
    Operation *producer = root.getDefiningOp();
    if (producer && isa<qint::QIntDialect>(producer->getDialect()) &&
        !outputOf.count(producer))
      outputOf[producer] = "output" + std::to_string(i);
  }
  for (Operation &op : func.getBody().front()) {
    if (auto reshape = dyn_cast<qint::ReshapeOp>(op)) {
      continue;
    }
    if (!isa<qint::QIntDialect>(op.getDialect()))
      continue;
    auto it = outputOf.find(&op);
    if (it != outputOf.end()) {
      storage[op.getResult(0)] = it->second;
      continue;
    }
    auto offset = op.getAttrOfType<IntegerAttr>("qint.offset");
    if (!offset)
      return op.emitError("has no arena offset: plan the memory first "
                          "(qint-plan-memory)");
    // The plan aligns an int16 tensor to 2 bytes.
    std::string at = "(a + " + std::to_string(offset.getInt()) + ")";
    storage[op.getResult(0)] =
        isInt16(op.getResult(0)) ? "((int16_t *)(void *)" + at + ")" : at;
  }
  return success();
}

/// The C expression for a tensor operand: its storage, or a constant array.
FailureOr<std::string> SourceEmitter::operand(Operation *user, Value v) {
  while (auto reshape = v.getDefiningOp<qint::ReshapeOp>())
    v = reshape.getInput();
  auto it = storage.find(v);
  if (it != storage.end())
    return it->second;
  auto cached = constantArrays.find(v);
  if (cached != constantArrays.end())
    return cached->second;
  std::optional<SmallVector<int64_t>> values = intConstant(v);
  if (!values)
    return user->emitError("operand is neither a tensor of the program nor "
                           "an integer constant");
  return constantArrays[v] = array(cTypeOf(v), *values);
}

/// bias[o] - input_zp * sum(weights of o), checked to keep every partial
/// sum of the raw-input kernels within int32.
FailureOr<std::string> SourceEmitter::foldedBias(Operation *op, Value weights,
                                                 Value bias, int64_t inputZp,
                                                 bool depthwise) {
  std::optional<SmallVector<int64_t>> all = intConstant(weights);
  if (!all)
    return op->emitError("the C backend needs constant weights (it folds the "
                         "input zero point into the bias)");
  std::optional<SmallVector<int64_t>> b;
  if (bias) {
    b = intConstant(bias);
    if (!b)
      return op->emitError("the C backend needs a constant bias");
  }
  ArrayRef<int64_t> shape = shapeOf(weights);
  // Output o's weights: a row of the [O, ...] tensor, or (depthwise) every
  // out_c-th element of [1, H, W, out_c].
  int64_t outputs = depthwise ? shape.back() : shape.front();
  int64_t perOutput = numElements(weights) / outputs;
  SmallVector<int64_t> folded;
  for (int64_t o = 0; o < outputs; ++o) {
    int64_t sum = 0;
    for (int64_t k = 0; k < perOutput; ++k)
      sum += depthwise ? (*all)[k * outputs + o] : (*all)[o * perOutput + k];
    int64_t value = (b ? (*b)[o] : 0) - inputZp * sum;
    // |sum of raw products| <= perOutput * 128 * 128.
    int64_t bound = std::abs(value) + perOutput * 128 * 128;
    if (bound > INT32_MAX)
      return op->emitError() << "output channel " << o
                             << ": the C kernels' accumulator (folded bias "
                             << value << " plus up to " << perOutput
                             << " int8 products) could exceed int32";
    folded.push_back(value);
  }
  return array("int32_t", folded);
}

/// [rows, ...] weights in the runtime's blocked order. The block width
/// depends on the kernels the runtime is built with (QAT_RT_WEIGHT_BLOCK in
/// qat_rt.h), so where the two orders differ the source holds both and the
/// preprocessor keeps the one the runtime reads: one C file serves every
/// target, and each binary carries one copy. A wide layer's source also
/// holds its weights widened to int16, kept where QAT_RT_WIDE_WEIGHTS.
FailureOr<std::string> SourceEmitter::blockedWeights(Operation *op,
                                                     Value weights) {
  std::optional<SmallVector<int64_t>> values = intConstant(weights);
  if (!values)
    return op->emitError("the C backend needs constant weights (it reorders "
                         "them for the kernels)");
  int64_t rows = shapeOf(weights).front(), k = numElements(weights) / rows;
  SmallVector<int64_t> vectors = blocked(*values, rows, k, kVectorBlock);
  SmallVector<int64_t> words = blocked(*values, rows, k, kWordBlock);
  if (isFourBit(weights))
    return arrayPerBlock(packFourBit(vectors), packFourBit(words));
  if (!wide.contains(op))
    return arrayPerBlock(vectors, words);
  std::string name = "qat_" + options.name + "_k" + std::to_string(counter++);
  globals += "#if QAT_RT_WIDE_WEIGHTS\n";
  arrayNamed(name, "int64_t", wideBlocked(*values, rows, k));
  globals += "#else\n";
  arrayPerBlockNamed(name, vectors, words);
  globals += "#endif\n";
  return name;
}

/// A weight array in the order each QAT_RT_WEIGHT_BLOCK reads: one array
/// where the orders agree, else both under the preprocessor.
std::string SourceEmitter::arrayPerBlock(ArrayRef<int64_t> vectors,
                                         ArrayRef<int64_t> words) {
  std::string name = "qat_" + options.name + "_k" + std::to_string(counter++);
  arrayPerBlockNamed(name, vectors, words);
  return name;
}

void SourceEmitter::arrayPerBlockNamed(StringRef name,
                                       ArrayRef<int64_t> vectors,
                                       ArrayRef<int64_t> words) {
  if (vectors == words)
    return arrayNamed(name, "int8_t", words);
  globals +=
      "#if QAT_RT_WEIGHT_BLOCK == " + std::to_string(kVectorBlock) + "\n";
  arrayNamed(name, "int8_t", vectors);
  globals += "#else\n";
  arrayNamed(name, "int8_t", words);
  globals += "#endif\n";
}

/// The conv and fully connected layers whose int16 weights fit the budget,
/// taken by the MACs per extra byte (the output pixels each weight serves),
/// most first, then in program order.
void SourceEmitter::chooseWideLayers(ArrayRef<Operation *> kernels) {
  struct Candidate {
    Operation *op;
    int64_t extraBytes, macsPerByte;
  };
  SmallVector<Candidate> candidates;
  for (Operation *op : kernels) {
    Value weights, output;
    if (auto conv = dyn_cast<qint::Conv2DOp>(op)) {
      weights = conv.getFilter();
      output = conv.getOutput();
    } else if (auto fc = dyn_cast<qint::FullyConnectedOp>(op)) {
      weights = fc.getWeights();
      output = fc.getOutput();
    } else {
      continue;
    }
    if (isFourBit(weights) || isInt16(op->getOperand(0)) ||
        isInt16(op->getResult(0)))
      continue; // the s4 and s16 kernels read their own orders
    int64_t rows = shapeOf(weights).front();
    int64_t extra = rows * roundUp4(numElements(weights) / rows);
    candidates.push_back({op, extra, numElements(output) / rows});
  }
  llvm::stable_sort(candidates, [](const Candidate &a, const Candidate &b) {
    return a.macsPerByte > b.macsPerByte;
  });
  int64_t spent = 0;
  for (const Candidate &c : candidates)
    if (spent + c.extraBytes <= options.wideWeightBudget) {
      spent += c.extraBytes;
      wide.insert(c.op);
    }
}

/// A depthwise filter, blocked when the runtime's fast path takes it.
FailureOr<std::string>
SourceEmitter::depthwiseWeights(qint::DepthwiseConv2DOp op) {
  ArrayRef<int64_t> in = shapeOf(op.getInput()), f = shapeOf(op.getFilter());
  int64_t taps = f[1] * f[2];
  if (isFourBit(op.getFilter())) {
    std::optional<SmallVector<int64_t>> values = intConstant(op.getFilter());
    if (!values)
      return op->emitError("the C backend needs constant 4-bit weights (it "
                           "packs them)");
    return array("int8_t", packFourBit(*values));
  }
  if (f[3] != in[3] || taps > kDepthwiseMaxTaps)
    return operand(op, op.getFilter());
  std::optional<SmallVector<int64_t>> values = intConstant(op.getFilter());
  if (!values)
    return op->emitError("the C backend needs constant weights (it reorders "
                         "them for the kernels)");
  return arrayPerBlock(blockedDepthwise(*values, taps, f[3], kVectorBlock),
                       blockedDepthwise(*values, taps, f[3], kWordBlock));
}

/// The op's planned working memory, or "0" when it needs none.
FailureOr<std::string> SourceEmitter::scratch(Operation *op) {
  if (scratchBytes(op) == 0)
    return std::string("0");
  auto offset = op->getAttrOfType<IntegerAttr>("qint.scratch_offset");
  if (!offset)
    return op->emitError("has no scratch offset: plan the memory for C "
                         "first");
  return "(a + " + std::to_string(offset.getInt()) + ")";
}

/// A checked runtime call between the profiling hooks; a failure returns
/// the kernel's error code, which is also its index in the hooks. The
/// comment names the op and where the user wrote it. A layer with wide
/// weights calls `wideText` where the runtime reads them.
void SourceEmitter::call(Operation *op, const Twine &text,
                         const Twine &wideText) {
  int64_t index = position.lookup(op);
  llvm::raw_string_ostream os(body);
  os << "  /* " << index << ": " << op->getName();
  std::string where = escapeCComment(describeLocation(op->getLoc()));
  if (!where.empty())
    os << " at " << where;
  os << " */\n  QAT_KERNEL_BEGIN(" << index << ");\n";
  std::string wideCall = wideText.str();
  if (wideCall.empty())
    os << "  if (" << text << " != 0)\n";
  else
    os << "#if QAT_RT_WIDE_WEIGHTS\n  if (" << wideCall
       << " != 0)\n#else\n  if (" << text << " != 0)\n#endif\n";
  os << "    return " << index << ";\n  QAT_KERNEL_END(" << index << ");\n";
}

LogicalResult SourceEmitter::emitOp(Operation *op) {
  auto operands = [&]() -> FailureOr<SmallVector<std::string>> {
    SmallVector<std::string> result;
    for (Value v : op->getOperands()) {
      FailureOr<std::string> e = operand(op, v);
      if (failed(e))
        return failure();
      result.push_back(*e);
    }
    return result;
  };
  auto result = [&]() { return storage[op->getResult(0)]; };
  auto convParams = [&](auto conv) {
    ArrayRef<int64_t> in = shapeOf(conv.getInput()),
                      o = shapeOf(conv.getOutput()),
                      f = shapeOf(conv.getFilter());
    ArrayRef<int64_t> pad = conv.getPad(), s = conv.getStrides(),
                      d = conv.getDilations();
    SmallVector<std::string> fields;
    for (int64_t v :
         {in[0], in[1], in[2], in[3], o[1], o[2], o[3], f[1], f[2], s[0], s[1],
          d[0], d[1], pad[0], pad[2], conv.getInputZp()})
      fields.push_back(literal(v));
    fields.push_back(outputStage(conv.getMultiplier(), conv.getShift(), o[3],
                                 conv.getOutputZp(), conv.getActMin(),
                                 conv.getActMax(), conv.getRounding()));
    return params("qat_rt_conv_params", fields);
  };

  // Layers with an int16 input or output: qint's weight order, the bias
  // widened to int64 (for fully connected, with the input zero point folded
  // in: its kernel reads raw inputs).
  auto int16Layer = [&](StringRef kernel, Value input, Value weights,
                        Value bias, int64_t inputZp,
                        const std::string &params) -> LogicalResult {
    FailureOr<std::string> in = operand(op, input), w = operand(op, weights);
    std::optional<SmallVector<int64_t>> weightValues = intConstant(weights);
    if (failed(in) || failed(w))
      return failure();
    if (!weightValues)
      return op->emitError("the C backend needs constant weights");
    int64_t outputs = shapeOf(weights).front();
    SmallVector<int64_t> values(outputs, 0);
    if (bias) {
      std::optional<SmallVector<int64_t>> b = intConstant(bias);
      if (!b)
        return op->emitError("the C backend needs a constant bias");
      values = *b;
    }
    bool fold = isa<qint::FullyConnectedOp>(op) && inputZp != 0;
    if (fold) {
      int64_t perOutput = numElements(weights) / outputs;
      for (int64_t o = 0; o < outputs; ++o)
        for (int64_t k = 0; k < perOutput; ++k)
          values[o] -= inputZp * (*weightValues)[o * perOutput + k];
    }
    std::string biasArray =
        bias || fold ? array("int64_t", values) : std::string("0");
    bool int64Accumulator = qint::hasInt64Accumulator(input, bias);
    std::string precision = std::string("(qat_rt_precision){") +
                            (int64Accumulator ? "QAT_RT_ACCUMULATOR_INT64"
                                              : "QAT_RT_ACCUMULATOR_INT32") +
                            ", " + (isInt16(input) ? "2" : "1") + ", " +
                            (isInt16(op->getResult(0)) ? "2" : "1") + "}";
    call(op, kernel + "(" + params + ", " + precision + ", " + *in + ", " + *w +
                 ", " + biasArray + ", " + result() + ")");
    return success();
  };
  auto isInt16Layer = [&](Value input) {
    return isInt16(input) || isInt16(op->getResult(0));
  };

  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](qint::Conv2DOp conv) -> LogicalResult {
        if (isInt16Layer(conv.getInput()))
          return int16Layer("qat_rt_conv2d_s16", conv.getInput(),
                            conv.getFilter(), conv.getBias(), conv.getInputZp(),
                            convParams(conv));
        FailureOr<std::string> in = operand(op, conv.getInput());
        FailureOr<std::string> bias =
            foldedBias(op, conv.getFilter(), conv.getBias(), conv.getInputZp(),
                       /*depthwise=*/false);
        if (failed(in) || failed(bias))
          return failure();
        FailureOr<std::string> filter = blockedWeights(op, conv.getFilter());
        FailureOr<std::string> work = scratch(op);
        if (failed(filter) || failed(work))
          return failure();
        std::string args = "(" + convParams(conv) + ", " + *in + ", " +
                           *filter + ", " + *bias + ", " + *work + ", " +
                           result() + ")";
        call(op,
             (isFourBit(conv.getFilter()) ? "qat_rt_conv2d_s4"
                                          : "qat_rt_conv2d") +
                 args,
             wide.contains(op) ? "qat_rt_conv2d_wide" + args : "");
        return success();
      })
      .Case([&](qint::DepthwiseConv2DOp conv) -> LogicalResult {
        if (isInt16Layer(conv.getInput()))
          return int16Layer("qat_rt_depthwise_conv2d_s16", conv.getInput(),
                            conv.getFilter(), conv.getBias(), conv.getInputZp(),
                            convParams(conv));
        FailureOr<std::string> in = operand(op, conv.getInput()),
                               filter = depthwiseWeights(conv);
        FailureOr<std::string> bias =
            foldedBias(op, conv.getFilter(), conv.getBias(), conv.getInputZp(),
                       /*depthwise=*/true);
        if (failed(in) || failed(filter) || failed(bias))
          return failure();
        FailureOr<std::string> work = scratch(op);
        if (failed(work))
          return failure();
        // The s4 kernel reads its packed filter in place: no scratch.
        std::string args =
            convParams(conv) + ", " + *in + ", " + *filter + ", " + *bias;
        if (isFourBit(conv.getFilter()))
          call(op,
               "qat_rt_depthwise_conv2d_s4(" + args + ", " + result() + ")");
        else
          call(op, "qat_rt_depthwise_conv2d(" + args + ", " + *work + ", " +
                       result() + ")");
        return success();
      })
      .Case([&](qint::FullyConnectedOp fc) -> LogicalResult {
        auto fcParams = [&] {
          ArrayRef<int64_t> inShape = shapeOf(fc.getInput());
          int64_t outputs = shapeOf(fc.getWeights())[0];
          return params("qat_rt_fc_params",
                        {literal(inShape[0]), literal(inShape[1]),
                         literal(outputs),
                         outputStage(fc.getMultiplier(), fc.getShift(), outputs,
                                     fc.getOutputZp(), fc.getActMin(),
                                     fc.getActMax(), fc.getRounding())});
        };
        if (isInt16Layer(fc.getInput()))
          return int16Layer("qat_rt_fully_connected_s16", fc.getInput(),
                            fc.getWeights(), fc.getBias(), fc.getInputZp(),
                            fcParams());
        FailureOr<std::string> in = operand(op, fc.getInput());
        FailureOr<std::string> bias =
            foldedBias(op, fc.getWeights(), fc.getBias(), fc.getInputZp(),
                       /*depthwise=*/false);
        if (failed(in) || failed(bias))
          return failure();
        FailureOr<std::string> weights = blockedWeights(op, fc.getWeights());
        FailureOr<std::string> work = scratch(op);
        if (failed(weights) || failed(work))
          return failure();
        std::string p = fcParams();
        std::string args = "(" + p + ", " + *in + ", " + *weights + ", " +
                           *bias + ", " + *work + ", " + result() + ")";
        call(op,
             (isFourBit(fc.getWeights()) ? "qat_rt_fully_connected_s4"
                                         : "qat_rt_fully_connected") +
                 args,
             wide.contains(op) ? "qat_rt_fully_connected_wide" + args : "");
        return success();
      })
      .Case([&](qint::AddOp add) -> LogicalResult {
        auto ops = operands();
        if (failed(ops))
          return failure();
        std::string p = params(
            "qat_rt_add_params",
            {literal(numElements(add.getOutput())),
             literal(broadcastSize(add.getLhs(), add.getOutput())),
             literal(broadcastSize(add.getRhs(), add.getOutput())),
             literal(add.getLhsZp()), literal(add.getRhsZp()),
             literal(add.getLeftShift()), literal(add.getLhsMultiplier()),
             literal(add.getLhsShift()), literal(add.getRhsMultiplier()),
             literal(add.getRhsShift()), literal(add.getOutputMultiplier()),
             literal(add.getOutputShift()), literal(add.getOutputZp()),
             literal(add.getActMin()), literal(add.getActMax()),
             roundingName(add.getRounding())});
        call(op, std::string(isInt16(add.getOutput()) ? "qat_rt_add_s16("
                                                      : "qat_rt_add(") +
                     p + ", " + (*ops)[0] + ", " + (*ops)[1] + ", " + result() +
                     ")");
        return success();
      })
      .Case([&](qint::MulOp mul) -> LogicalResult {
        auto ops = operands();
        if (failed(ops))
          return failure();
        std::string p = params(
            "qat_rt_mul_params",
            {literal(numElements(mul.getOutput())),
             literal(broadcastSize(mul.getLhs(), mul.getOutput())),
             literal(broadcastSize(mul.getRhs(), mul.getOutput())),
             literal(mul.getLhsZp()), literal(mul.getRhsZp()),
             literal(mul.getOutputMultiplier()), literal(mul.getOutputShift()),
             literal(mul.getOutputZp()), literal(mul.getActMin()),
             literal(mul.getActMax()), roundingName(mul.getRounding())});
        call(op, std::string(isInt16(mul.getOutput()) ? "qat_rt_mul_s16("
                                                      : "qat_rt_mul(") +
                     p + ", " + (*ops)[0] + ", " + (*ops)[1] + ", " + result() +
                     ")");
        return success();
      })
      .Case([&](qint::RequantizeOp rq) -> LogicalResult {
        FailureOr<std::string> in = operand(op, rq.getInput());
        if (failed(in))
          return failure();
        ArrayRef<int64_t> shape = shapeOf(rq.getInput());
        int64_t channels = 1, inner = 1;
        if (std::optional<int64_t> axis = rq.getAxis()) {
          channels = shape[*axis];
          for (int64_t d = *axis + 1; d < static_cast<int64_t>(shape.size());
               ++d)
            inner *= shape[d];
        }
        std::string p =
            params("qat_rt_requantize_params",
                   {literal(numElements(rq.getInput())), literal(channels),
                    literal(inner), literal(rq.getInputZp()),
                    outputStage(rq.getMultiplier(), rq.getShift(), channels,
                                rq.getOutputZp(), rq.getActMin(),
                                rq.getActMax(), rq.getRounding())});
        auto bytesOf = [](Value v) {
          return cast<RankedTensorType>(v.getType()).getElementTypeBitWidth() /
                 8;
        };
        int64_t inBytes = bytesOf(rq.getInput()),
                outBytes = bytesOf(rq.getOutput());
        if (outBytes == 2 || inBytes == 2)
          call(op, "qat_rt_requantize_mixed(" + p + ", " + *in + ", " +
                       literal(inBytes) + ", " + result() + ", " +
                       literal(outBytes) + ")");
        else
          call(op, std::string(inBytes == 4 ? "qat_rt_requantize_i32("
                                            : "qat_rt_requantize_i8(") +
                       p + ", " + *in + ", " + result() + ")");
        return success();
      })
      .Case<qint::MaxPool2DOp, qint::AvgPool2DOp>(
          [&](auto pool) -> LogicalResult {
            FailureOr<std::string> in = operand(op, pool.getInput());
            if (failed(in))
              return failure();
            ArrayRef<int64_t> i = shapeOf(pool.getInput()),
                              o = shapeOf(pool.getOutput());
            ArrayRef<int64_t> k = pool.getKernel(), s = pool.getStrides(),
                              pad = pool.getPad();
            SmallVector<std::string> fields;
            for (int64_t v :
                 {i[0], i[1], i[2], i[3], o[1], o[2], k[0], k[1], s[0], s[1],
                  pad[0], pad[2], pool.getActMin(), pool.getActMax()})
              fields.push_back(literal(v));
            std::string p = params("qat_rt_pool_params", fields);
            std::string kernel = isa<qint::MaxPool2DOp>(op)
                                     ? "qat_rt_max_pool2d"
                                     : "qat_rt_avg_pool2d";
            if (isInt16(pool.getInput()))
              kernel += "_s16";
            call(op, kernel + "(" + p + ", " + *in + ", " + result() + ")");
            return success();
          })
      .Case([&](qint::MeanOp mean) -> LogicalResult {
        FailureOr<std::string> in = operand(op, mean.getInput());
        if (failed(in))
          return failure();
        ArrayRef<int64_t> i = shapeOf(mean.getInput());
        std::string p =
            params("qat_rt_mean_params",
                   {literal(i[0]), literal(i[1]), literal(i[2]), literal(i[3]),
                    literal(mean.getInputZp()), literal(mean.getOutputZp()),
                    literal(mean.getMultiplier()), literal(mean.getShift()),
                    roundingName(mean.getRounding())});
        call(op, "qat_rt_mean(" + p + ", " + *in + ", " + result() + ")");
        return success();
      })
      .Case([&](qint::SoftmaxOp softmax) -> LogicalResult {
        FailureOr<std::string> in = operand(op, softmax.getInput());
        if (failed(in))
          return failure();
        int64_t depth = shapeOf(softmax.getInput()).back();
        std::string p =
            params("qat_rt_softmax_params",
                   {literal(numElements(softmax.getInput()) / depth),
                    literal(depth), literal(softmax.getInputMultiplier()),
                    literal(softmax.getInputLeftShift()),
                    literal(softmax.getDiffMin()),
                    roundingName(softmax.getRounding())});
        if (isInt16(softmax.getInput())) {
          auto table = [&](const numerics::Int16Table &t) {
            return array("int16_t", SmallVector<int64_t>(t.begin(), t.end()));
          };
          call(op, "qat_rt_softmax_s16(" + p + ", " +
                       table(numerics::softmaxInt16ExpTable()) + ", " +
                       table(numerics::softmaxInt16ReciprocalTable()) + ", " +
                       *in + ", " + result() + ")");
          return success();
        }
        call(op, "qat_rt_softmax(" + p + ", " + *in + ", " + result() + ")");
        return success();
      })
      .Case([&](qint::LookupOp lookup) -> LogicalResult {
        FailureOr<std::string> in = operand(op, lookup.getInput());
        if (failed(in))
          return failure();
        SmallVector<int64_t> table(lookup.getTable().begin(),
                                   lookup.getTable().end());
        call(op, "qat_rt_lookup(" + array("int8_t", table) + ", " + *in + ", " +
                     literal(numElements(lookup.getInput())) + ", " + result() +
                     ")");
        return success();
      })
      .Case([&](qint::PadOp pad) -> LogicalResult {
        FailureOr<std::string> in = operand(op, pad.getInput());
        if (failed(in))
          return failure();
        ArrayRef<int64_t> shape = shapeOf(pad.getInput());
        if (shape.size() > 4)
          return op->emitError("the C runtime pads tensors of rank at most 4");
        std::string inShape, before, after;
        for (auto [d, size] : llvm::enumerate(shape)) {
          std::string sep = d ? ", " : "";
          inShape += sep + literal(size);
          before += sep + literal(pad.getPadding()[2 * d]);
          after += sep + literal(pad.getPadding()[2 * d + 1]);
        }
        std::string p = params("qat_rt_pad_params",
                               {literal(shape.size()), "{" + inShape + "}",
                                "{" + before + "}", "{" + after + "}",
                                literal(pad.getValue())});
        call(op, "qat_rt_pad(" + p + ", " + *in + ", " + result() + ")");
        return success();
      })
      .Case([&](qint::TransposeOp transpose) -> LogicalResult {
        FailureOr<std::string> in = operand(op, transpose.getInput());
        if (failed(in))
          return failure();
        ArrayRef<int64_t> shape = shapeOf(transpose.getInput());
        if (shape.size() > 4)
          return op->emitError(
              "the C runtime transposes tensors of rank at most 4");
        std::string inShape, permutation;
        for (auto [d, size] : llvm::enumerate(shape)) {
          std::string sep = d ? ", " : "";
          inShape += sep + literal(size);
          permutation += sep + literal(transpose.getPermutation()[d]);
        }
        std::string p = params("qat_rt_transpose_params",
                               {literal(shape.size()), "{" + inShape + "}",
                                "{" + permutation + "}"});
        call(op, "qat_rt_transpose(" + p + ", " + *in + ", " + result() + ")");
        return success();
      })
      .Case([&](qint::ConcatOp concat) -> LogicalResult {
        auto ops = operands();
        if (failed(ops))
          return failure();
        int64_t axis = concat.getAxis(), outer = 1;
        ArrayRef<int64_t> outShape = shapeOf(concat.getOutput());
        for (int64_t d = 0; d < axis; ++d)
          outer *= outShape[d];
        SmallVector<int64_t> inner;
        for (Value v : concat.getInputs())
          inner.push_back(numElements(v) / outer);
        std::string innerName = array("int32_t", inner);
        std::string p =
            params("qat_rt_concat_params",
                   {literal(outer), literal(inner.size()), innerName});
        std::string list =
            "qat_" + options.name + "_in" + std::to_string(counter++);
        llvm::raw_string_ostream os(body);
        os << "  {\n    const int8_t *const " << list << "[] = {"
           << llvm::join(*ops, ", ") << "};\n";
        os.flush();
        call(op, "qat_rt_concat(" + p + ", " + list + ", " + result() + ")");
        body += "  }\n";
        return success();
      })
      .Case([&](qint::ReshapeOp) { return success(); })
      .Default([&](Operation *) {
        // The checks in emit() leave only qint ops with a kernel here.
        return op->emitError("the C backend has no kernel for this op");
      });
}

LogicalResult SourceEmitter::emit() {
  auto isPort = [](Type type) {
    Type element = cast<RankedTensorType>(type).getElementType();
    return element.isInteger(8) || element.isInteger(16);
  };
  for (BlockArgument arg : func.getArguments())
    if (!isPort(arg.getType()))
      return func.emitError() << "input " << arg.getArgNumber()
                              << " is not an int8 or int16 tensor; the C "
                                 "backend takes integer inputs and outputs "
                                 "(int8-io)";
  for (auto [i, type] : llvm::enumerate(func.getResultTypes()))
    if (!isPort(type))
      return func.emitError() << "output " << i
                              << " is not an int8 or int16 tensor; the C "
                                 "backend takes integer inputs and outputs "
                                 "(int8-io)";
  auto arena = func->getAttrOfType<IntegerAttr>("qint.arena_size");
  if (!arena)
    return func.emitError("has no planned arena (qint.arena_size)");
  SmallVector<Operation *> kernels = modelKernels(func);
  for (auto [i, op] : llvm::enumerate(kernels))
    position[op] = i + 1;
  // Copies of outputs not written in place come after every kernel.
  position[func.getBody().front().getTerminator()] = kernels.size() + 1;
  chooseWideLayers(kernels);
  // Ops the runtime has no kernel for, before any storage is looked up.
  for (Operation &op : func.getBody().front()) {
    if (isa<qint::QuantizeOp, qint::DequantizeOp>(op))
      return op.emitError("the C backend takes int8 inputs and outputs; "
                          "lower the model with int8-io");
    if (!isa<qint::QIntDialect>(op.getDialect()) &&
        !isa<arith::ConstantOp, func::ReturnOp>(op))
      return op.emitError("the C backend has no kernel for this op");
    if (isa<qint::PadOp, qint::ConcatOp, qint::TransposeOp>(op) &&
        isInt16(op.getResult(0)))
      return op.emitError("the C runtime pads, concatenates and transposes "
                          "int8 tensors only; this one is int16");
  }
  if (failed(bindStorage()))
    return failure();

  Block &block = func.getBody().front();
  for (Operation &op : block) {
    if (isa<arith::ConstantOp>(op) || isa<func::ReturnOp>(op))
      continue;
    if (failed(emitOp(&op)))
      return failure();
  }
  // Outputs not written in place: an input, a constant, or a tensor returned
  // twice.
  for (auto [i, v] : llvm::enumerate(block.getTerminator()->getOperands())) {
    std::string target = "output" + std::to_string(i);
    FailureOr<std::string> from = operand(block.getTerminator(), v);
    if (failed(from))
      return failure();
    if (*from == target)
      continue;
    if (isInt16(v))
      call(block.getTerminator(), "qat_rt_copy((const int8_t *)(const void *)" +
                                      *from + ", " +
                                      literal(2 * numElements(v)) +
                                      ", (int8_t *)(void *)" + target + ")");
    else
      call(block.getTerminator(), "qat_rt_copy(" + *from + ", " +
                                      literal(numElements(v)) + ", " + target +
                                      ")");
  }

  int64_t arenaSize = arena.getInt();
  out << "/* " << options.name << ".c: generated by qat";
  if (!options.source.empty())
    out << " from " << escapeCComment(options.source);
  out << ".\n * Build with qat's runtime: runtime/include and the C files of "
         "runtime/src. "
         "*/\n#include \""
      << options.name << ".h\"\n#include \"qat_rt.h\"\n\n"
      << "/* Hooks around each kernel call, for profiling: define them before\n"
         " * compiling this file (index: the number in each call's comment). "
         "*/\n"
         "#ifndef QAT_KERNEL_BEGIN\n#define QAT_KERNEL_BEGIN(index)\n#endif\n"
         "#ifndef QAT_KERNEL_END\n#define QAT_KERNEL_END(index)\n#endif\n\n"
      << globals << "\n";
  if (options.staticArena && arenaSize > 0)
    out << "/* The arena, in RAM; int32_t for 4-byte alignment. */\n"
        << "static int32_t qat_" << options.name << "_arena[" << arenaSize
        << " / 4 + 1];\n\n";
  out << "int qat_" << options.name << "_run(";
  for (BlockArgument arg : func.getArguments())
    out << "const " << cTypeOf(arg) << " *input" << arg.getArgNumber() << ", ";
  for (auto [i, v] : llvm::enumerate(block.getTerminator()->getOperands()))
    out << cTypeOf(v) << " *output" << i << ", ";
  out << "void *arena) {\n";
  if (arenaSize == 0)
    out << "  (void)arena;\n";
  else if (options.staticArena)
    out << "  int8_t *const a = (int8_t *)qat_" << options.name
        << "_arena;\n  (void)arena;\n";
  else
    out << "  int8_t *const a = (int8_t *)arena;\n  if (!a)\n    return -1;\n";
  out << body << "  return 0;\n}\n";
  return success();
}
} // namespace

SmallVector<Operation *> mlir::qat::modelKernels(func::FuncOp func) {
  SmallVector<Operation *> kernels;
  for (Operation &op : func.getBody().front())
    if (isa<qint::KernelOpInterface>(op))
      kernels.push_back(&op);
  return kernels;
}

bool mlir::qat::isCIdentifier(StringRef name) {
  return !name.empty() && !isdigit(name.front()) &&
         llvm::all_of(name, [](char c) { return isalnum(c) || c == '_'; });
}

std::optional<std::string> mlir::qat::modelNameProblem(StringRef name) {
  if (!isCIdentifier(name))
    return std::string("is not a C identifier");
  // The runtime owns qat_rt_* and QAT_RT_*, and its header is qat_rt.h.
  if (name == "rt" || name.starts_with("rt_") || name.lower() == "qat_rt")
    return ("is reserved: its files or symbols (" + name + ".h, qat_" + name +
            "_run) would collide with the runtime's (qat_rt.h, qat_rt_*)")
        .str();
  // NAME.h sits in an include directory of the build: named like a header
  // the generated C or the runtime includes, it would be included in its
  // place. Compared without case, for case-insensitive file systems.
  static constexpr StringLiteral kHeaders[] = {
      // C99 and C11
      "assert", "complex", "ctype", "errno", "fenv", "float", "inttypes",
      "iso646", "limits", "locale", "math", "setjmp", "signal", "stdalign",
      "stdarg", "stdatomic", "stdbool", "stddef", "stdint", "stdio", "stdlib",
      "stdnoreturn", "string", "tgmath", "threads", "time", "uchar", "wchar",
      "wctype",
      // the runtime's, and the Arm intrinsics it includes
      "qat_rt_internal", "dot", "vector", "arm_acle", "arm_mve"};
  for (StringRef header : kHeaders)
    if (name.equals_insensitive(header))
      return ("is reserved: " + name + ".h would shadow the header <" + header +
              ".h> that the generated C or the runtime includes")
          .str();
  return std::nullopt;
}

FailureOr<func::FuncOp> mlir::qat::getModelFunction(ModuleOp module) {
  SmallVector<func::FuncOp> funcs(module.getOps<func::FuncOp>());
  if (funcs.size() != 1) {
    mlir::emitError(module.getLoc())
        << "the module must hold one function (the model), but holds "
        << funcs.size();
    return failure();
  }
  func::FuncOp func = funcs.front();
  if (!func.getBody().hasOneBlock()) {
    func.emitError("the model must be one block of qint ops");
    return failure();
  }
  if (failed(verifyTensorSizes(func)))
    return failure();
  return func;
}

LogicalResult mlir::qat::planForC(func::FuncOp func, bool inPlaceWindows) {
  // Always plan afresh: a plan made without the runtime's scratch (plain
  // qint-plan-memory) would not fit the kernels.
  MLIRContext *context = func.getContext();
  Builder builder(context);
  func.walk([&](Operation *op) {
    if (int64_t bytes = scratchBytes(op))
      op->setAttr("qint.scratch", builder.getI64IntegerAttr(bytes));
  });
  // The runtime's kernels compute exactly what quant_c7 allows:
  // hand-written programs are proven here too.
  if (failed(qint::checkOutputStages(func)))
    return failure();
  PassManager pm(context, func::FuncOp::getOperationName());
  qint::QIntPlanMemoryPassOptions plan;
  plan.inPlaceWindows = inPlaceWindows;
  pm.addPass(qint::createQIntPlanMemoryPass(plan));
  return pm.run(func);
}

LogicalResult mlir::qat::emitModelSource(func::FuncOp func,
                                         const CEmitOptions &options,
                                         llvm::raw_ostream &os) {
  StringRef name = options.name;
  if (std::optional<std::string> problem = modelNameProblem(name))
    return func.emitError() << "model name '" << name << "' " << *problem;
  std::string text;
  llvm::raw_string_ostream buffer(text);
  if (failed(SourceEmitter(func, options, buffer).emit()))
    return failure();
  os << text;
  return success();
}
