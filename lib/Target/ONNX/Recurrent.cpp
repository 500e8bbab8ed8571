// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Recurrent.cpp - LSTM and GRU ---------------------------------------===//
//
// ONNX's LSTM and GRU (forward, default activations) as qat.lstm and
// qat.gru. ONNX stacks an LSTM's gates input, output, forget, cell, qat (and
// TFLite) input, forget, cell, output; a GRU's update, reset, new, qat's
// (and PyTorch's) reset, update, new: weights and biases are reordered at
// import. An LSTM's cell state scale, a power of two that ONNX cannot
// state, comes from the model's metadata (`qat.lstm.cell_scale_power` for
// every LSTM, or `qat.lstm.cell_scale_power.<node name>` for one), else
// 2^-11.
//
//===----------------------------------------------------------------------===//

#include "Ops.h"

#include "qat/Dialect/QAT/IR/QATOps.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::onnx_import;

namespace {
/// ONNX's gate block of each of qat's LSTM gates (input, forget, cell,
/// output) and GRU gates (reset, update, new).
constexpr int64_t kOnnxBlock[4] = {0, 2, 3, 1};
constexpr int64_t kOnnxGruBlock[3] = {1, 0, 2};
constexpr int64_t kDefaultCellScalePower = -11;
constexpr int64_t kMaxRecurrentUnits = 1 << 16;

/// Weights [1, G*H, K] in ONNX's gate order as [G, H, K] in qat's, G the
/// size of `blocks` (ONNX's block of each of qat's gates).
FailureOr<Imported> gateWeights(Importer &imp, const onnx::NodeProto &node,
                                int i, int64_t units, int64_t k, StringRef what,
                                ArrayRef<int64_t> blocks = kOnnxBlock) {
  const int64_t gates = blocks.size();
  FailureOr<const Imported *> in = imp.input(node, i);
  if (failed(in))
    return failure();
  if (!(*in)->isConstant() || !(*in)->constant->isFloat())
    return imp.error(node) << what << " '" << node.input(i)
                           << "' must be a float32 constant (an initializer, "
                              "possibly through QuantizeLinear -> "
                              "DequantizeLinear)";
  const HostTensor &t = *(*in)->constant;
  if (t.shape != ArrayRef<int64_t>{1, gates * units, k})
    return imp.error(node) << what << " has shape [" << t.shape
                           << "]; expected [1, " << gates * units << ", " << k
                           << "]";
  if ((*in)->constantQuant && (*in)->constantQuant->axis)
    return imp.error(node) << what << " is quantized per row; qat's "
                           << node.op_type() << " takes one scale per tensor";
  auto reordered = std::make_shared<HostTensor>(t);
  reordered->shape = {gates, units, k};
  for (int64_t g = 0; g < gates; ++g)
    for (int64_t r = 0; r < units * k; ++r)
      reordered->values[g * units * k + r] =
          t.values[blocks[g] * units * k + r];
  Imported result = **in;
  result.constant = reordered;
  return result;
}

/// Whether optional input `i` is absent or a constant of zeros.
bool absentOrZero(Importer &imp, const onnx::NodeProto &node, int i) {
  if (!imp.hasInput(node, i))
    return true;
  FailureOr<const Imported *> in = imp.input(node, i);
  return succeeded(in) && (*in)->isConstant() &&
         llvm::all_of((*in)->constant->values, [](double v) { return v == 0; });
}

int64_t cellScalePower(const onnx::ModelProto &model,
                       const onnx::NodeProto &node) {
  std::optional<int64_t> all, mine;
  for (const onnx::StringStringEntryProto &p : model.metadata_props()) {
    StringRef key = p.key();
    int64_t v;
    if (StringRef(p.value()).getAsInteger(10, v))
      continue;
    if (key == "qat.lstm.cell_scale_power")
      all = v;
    else if (key == "qat.lstm.cell_scale_power." + node.name())
      mine = v;
  }
  return mine ? *mine : all ? *all : kDefaultCellScalePower;
}
/// What an LSTM and a GRU node share, read and checked: a forward layer
/// with the default activations, its input sequence in ONNX's order, its
/// units and its layout.
struct RecurrentNode {
  Value input;
  SmallVector<int64_t> shape; // [T, B, I] or, with layout 1, [B, T, I]
  int64_t units = 0;
  bool timeMajor = true;
};

FailureOr<RecurrentNode> readRecurrentNode(Importer &imp,
                                           const onnx::NodeProto &node,
                                           ArrayRef<StringRef> activations) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);
  FailureOr<int64_t> units = imp.intAttr(node, "hidden_size", 0);
  FailureOr<std::string> direction =
      imp.stringAttr(node, "direction", "forward");
  FailureOr<int64_t> layout = imp.intAttr(node, "layout", 0);
  if (failed(x) || failed(units) || failed(direction) || failed(layout))
    return failure();
  if (*direction != "forward")
    return imp.error(node) << "runs " << *direction << "; qat compiles forward "
                           << node.op_type() << "s";
  if (const onnx::AttributeProto *a = imp.attr(node, "activations")) {
    bool defaults = a->strings_size() == static_cast<int>(activations.size());
    for (int i = 0; defaults && i < a->strings_size(); ++i)
      defaults = StringRef(a->strings(i)).equals_insensitive(activations[i]);
    if (!defaults)
      return imp.error(node)
             << "has activations other than " << llvm::join(activations, ", ");
  }
  RecurrentNode n;
  // A rank-3 activation held channels last is put back in ONNX's order.
  n.input = (*x)->value;
  if ((*x)->layout == Layout::ChannelsLast && (*x)->onnxRank == 3)
    n.input = imp.toBoundaryLayout(imp.loc(node), **x);
  else if ((*x)->layout != Layout::Plain)
    return imp.error(node) << "input '" << node.input(0) << "' is an image; "
                           << "a recurrent layer takes a sequence of rank 3";
  n.shape.assign(cast<RankedTensorType>(n.input.getType()).getShape().begin(),
                 cast<RankedTensorType>(n.input.getType()).getShape().end());
  if (n.shape.size() != 3)
    return imp.error(node) << "input '" << node.input(0)
                           << "' must be a sequence of rank 3";
  // Bounded so that the weight shapes it implies cannot overflow.
  if (*units <= 0 || *units > kMaxRecurrentUnits)
    return imp.error(node) << "hidden_size is " << *units
                           << "; it must be in [1, " << kMaxRecurrentUnits
                           << "]";
  n.units = *units;
  n.timeMajor = *layout == 0;
  if (imp.hasInput(node, 4))
    return imp.error(node) << "has sequence_lens; qat runs every sequence to "
                              "its full length";
  return n;
}

/// The float32 bias B [1, 2 * G * H] of a node with G gates, or zeros.
FailureOr<std::vector<double>> readBias(Importer &imp,
                                        const onnx::NodeProto &node,
                                        int64_t gates, int64_t units) {
  if (!imp.hasInput(node, 3))
    return std::vector<double>(2 * gates * units, 0.0);
  FailureOr<const Imported *> b = imp.input(node, 3);
  if (failed(b))
    return failure();
  if (!(*b)->isConstant() || !(*b)->constant->isFloat() ||
      (*b)->constant->shape != ArrayRef<int64_t>{1, 2 * gates * units})
    return imp.error(node) << "the bias B must be a float32 constant [1, "
                           << 2 * gates * units << "]";
  return (*b)->constant->values;
}

/// Optional input `i`, an initial state [1, B, H], as [B, H]; null when it
/// is absent or a constant of zeros (the zero state).
FailureOr<Value> initialState(Importer &imp, const onnx::NodeProto &node, int i,
                              const RecurrentNode &n, StringRef what) {
  if (absentOrZero(imp, node, i))
    return Value();
  FailureOr<const Imported *> in = imp.input(node, i);
  if (failed(in))
    return failure();
  const int64_t batches = n.timeMajor ? n.shape[1] : n.shape[0];
  SmallVector<int64_t> expected = {1, batches, n.units};
  if ((*in)->kind == Imported::Kind::Quantized)
    return imp.error(node) << "initial " << what << " '" << node.input(i)
                           << "' is quantized but not dequantized";
  if ((*in)->onnxShape() != ArrayRef<int64_t>(expected))
    return imp.error(node) << "initial " << what << " '" << node.input(i)
                           << "' has shape [" << (*in)->onnxShape()
                           << "]; expected [" << expected << "]";
  SmallVector<int64_t> shape = {batches, n.units};
  if ((*in)->isConstant()) {
    if (!(*in)->constant->isFloat())
      return imp.error(node) << "initial " << what << " '" << node.input(i)
                             << "' must be float32";
    return imp.materialize(node, **in, {}, ArrayRef<int64_t>(shape));
  }
  Value v = (*in)->value;
  if ((*in)->layout == Layout::ChannelsLast)
    v = imp.toBoundaryLayout(imp.loc(node), **in);
  return ReshapeOp::create(imp.getBuilder(), imp.loc(node),
                           f32Tensor(imp, shape), v)
      .getResult();
}

/// A float32 zero state [B, H].
Value zeroState(Importer &imp, const onnx::NodeProto &node,
                const RecurrentNode &n) {
  auto t = std::make_shared<HostTensor>();
  t->shape = {n.timeMajor ? n.shape[1] : n.shape[0], n.units};
  t->values.assign(t->shape[0] * t->shape[1], 0.0);
  return imp.materialize(node, Imported::ofConstant(t));
}

std::shared_ptr<HostTensor> gateMatrix(int64_t gates, int64_t units,
                                       std::vector<double> values) {
  auto t = std::make_shared<HostTensor>();
  t->shape = {gates, units};
  t->values = std::move(values);
  return t;
}

/// Defines Y ([T, 1, B, H], or [B, T, 1, H] with layout 1) and Y_h ([1, B,
/// H], the last step) from the layer's result [T, B, H] (or [B, T, H]).
void defineSequenceOutputs(Importer &imp, const onnx::NodeProto &node,
                           const RecurrentNode &n, Value result) {
  OpBuilder &b = imp.getBuilder();
  Location loc = imp.loc(node);
  const int64_t steps = n.timeMajor ? n.shape[0] : n.shape[1],
                batches = n.timeMajor ? n.shape[1] : n.shape[0];
  SmallVector<int64_t> yShape =
      n.timeMajor ? SmallVector<int64_t>{steps, 1, batches, n.units}
                  : SmallVector<int64_t>{batches, steps, 1, n.units};
  imp.define(node, 0,
             Imported::ofValue(
                 ReshapeOp::create(b, loc, f32Tensor(imp, yShape), result)));
  if (node.output_size() < 2 || node.output(1).empty())
    return;
  SmallVector<int64_t> begin = {n.timeMajor ? steps - 1 : 0,
                                n.timeMajor ? 0 : steps - 1, 0};
  SmallVector<int64_t> lastShape = {n.timeMajor ? 1 : batches,
                                    n.timeMajor ? batches : 1, n.units};
  Value last = SliceOp::create(b, loc, f32Tensor(imp, lastShape), result,
                               b.getDenseI64ArrayAttr(begin),
                               b.getDenseI64ArrayAttr({1, 1, 1}));
  SmallVector<int64_t> hShape = {1, batches, n.units};
  imp.define(node, 1,
             Imported::ofValue(
                 ReshapeOp::create(b, loc, f32Tensor(imp, hShape), last)));
}
} // namespace

LogicalResult mlir::qat::onnx_import::importLSTM(Importer &imp,
                                                 const onnx::NodeProto &node) {
  FailureOr<RecurrentNode> n =
      readRecurrentNode(imp, node, {"Sigmoid", "Tanh", "Tanh"});
  FailureOr<int64_t> inputForget = imp.intAttr(node, "input_forget", 0);
  if (failed(n) || failed(inputForget))
    return failure();
  if (*inputForget != 0)
    return imp.error(node) << "couples its input and forget gates "
                              "(input_forget); qat compiles LSTMs with all "
                              "four gates";
  const int64_t units = n->units;
  FailureOr<Imported> w =
      gateWeights(imp, node, 1, units, n->shape[2], "the input weights W");
  FailureOr<Imported> r =
      gateWeights(imp, node, 2, units, units, "the recurrent weights R");
  FailureOr<std::vector<double>> b = readBias(imp, node, 4, units);
  if (failed(w) || failed(r) || failed(b))
    return failure();
  // Wb + Rb, reordered.
  std::vector<double> bias(4 * units);
  for (int64_t g = 0; g < 4; ++g)
    for (int64_t j = 0; j < units; ++j)
      bias[g * units + j] =
          static_cast<float>((*b)[kOnnxBlock[g] * units + j] +
                             (*b)[(4 + kOnnxBlock[g]) * units + j]);
  FailureOr<Value> h0 =
      initialState(imp, node, 5, *n, "hidden state initial_h");
  FailureOr<Value> c0 = initialState(imp, node, 6, *n, "cell state initial_c");
  if (failed(h0) || failed(c0))
    return failure();
  SmallVector<Value, 2> initial;
  if (*h0 || *c0)
    initial = {*h0 ? *h0 : zeroState(imp, node, *n),
               *c0 ? *c0 : zeroState(imp, node, *n)};
  if (imp.hasInput(node, 7))
    return imp.error(node) << "has peepholes (P); qat compiles LSTMs without";
  if (node.output_size() > 2 && !node.output(2).empty() &&
      imp.useCount(node.output(2)) > 0)
    return imp.error(node) << "final cell state Y_c ('" << node.output(2)
                           << "') is read; qat's LSTM outputs the hidden "
                              "states";
  OpBuilder &builder = imp.getBuilder();
  Value lstm = LstmOp::create(
      builder, imp.loc(node), f32Tensor(imp, {n->shape[0], n->shape[1], units}),
      n->input, imp.materialize(node, *w), imp.materialize(node, *r),
      imp.materialize(node, Imported::ofConstant(gateMatrix(4, units, bias))),
      initial, builder.getI64IntegerAttr(cellScalePower(imp.onnxModel(), node)),
      builder.getF64FloatAttr(0.0), builder.getBoolAttr(n->timeMajor));
  defineSequenceOutputs(imp, node, *n, lstm);
  return success();
}

LogicalResult mlir::qat::onnx_import::importGRU(Importer &imp,
                                                const onnx::NodeProto &node) {
  FailureOr<RecurrentNode> n =
      readRecurrentNode(imp, node, {"Sigmoid", "Tanh"});
  FailureOr<int64_t> linearBeforeReset =
      imp.intAttr(node, "linear_before_reset", 0);
  if (failed(n) || failed(linearBeforeReset))
    return failure();
  if (*linearBeforeReset != 1)
    return imp.error(node) << "applies the reset gate before the recurrent "
                              "weights (linear_before_reset = 0); qat "
                              "compiles PyTorch's GRU, linear_before_reset = "
                              "1";
  const int64_t units = n->units;
  FailureOr<Imported> w = gateWeights(imp, node, 1, units, n->shape[2],
                                      "the input weights W", kOnnxGruBlock);
  FailureOr<Imported> r = gateWeights(imp, node, 2, units, units,
                                      "the recurrent weights R", kOnnxGruBlock);
  FailureOr<std::vector<double>> b = readBias(imp, node, 3, units);
  if (failed(w) || failed(r) || failed(b))
    return failure();
  // Wb and Rb apart: the new gate's Rb is inside the reset gate's product.
  std::vector<double> inputBias(3 * units), recurrentBias(3 * units);
  for (int64_t g = 0; g < 3; ++g)
    for (int64_t j = 0; j < units; ++j) {
      inputBias[g * units + j] = (*b)[kOnnxGruBlock[g] * units + j];
      recurrentBias[g * units + j] = (*b)[(3 + kOnnxGruBlock[g]) * units + j];
    }
  FailureOr<Value> h0 =
      initialState(imp, node, 5, *n, "hidden state initial_h");
  if (failed(h0))
    return failure();
  OpBuilder &builder = imp.getBuilder();
  Value gru = GruOp::create(
      builder, imp.loc(node), f32Tensor(imp, {n->shape[0], n->shape[1], units}),
      n->input, imp.materialize(node, *w), imp.materialize(node, *r),
      imp.materialize(node,
                      Imported::ofConstant(gateMatrix(3, units, inputBias))),
      imp.materialize(
          node, Imported::ofConstant(gateMatrix(3, units, recurrentBias))),
      *h0, builder.getBoolAttr(n->timeMajor));
  defineSequenceOutputs(imp, node, *n, gru);
  return success();
}
