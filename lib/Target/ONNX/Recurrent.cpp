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
} // namespace

LogicalResult mlir::qat::onnx_import::importLSTM(Importer &imp,
                                                 const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);
  FailureOr<int64_t> units = imp.intAttr(node, "hidden_size", 0);
  FailureOr<std::string> direction =
      imp.stringAttr(node, "direction", "forward");
  FailureOr<int64_t> inputForget = imp.intAttr(node, "input_forget", 0);
  FailureOr<int64_t> layout = imp.intAttr(node, "layout", 0);
  if (failed(x) || failed(units) || failed(direction) || failed(inputForget) ||
      failed(layout))
    return failure();
  if (*direction != "forward")
    return imp.error(node) << "runs " << *direction
                           << "; qat compiles forward LSTMs";
  if (*inputForget != 0)
    return imp.error(node) << "couples its input and forget gates "
                              "(input_forget); qat compiles LSTMs with all "
                              "four gates";
  if (const onnx::AttributeProto *a = imp.attr(node, "activations")) {
    static const char *kDefault[] = {"Sigmoid", "Tanh", "Tanh"};
    if (a->strings_size() != 3 || llvm::any_of(llvm::seq(0, 3), [&](int i) {
          return StringRef(a->strings(i)).lower() !=
                 StringRef(kDefault[i]).lower();
        }))
      return imp.error(node) << "has activations other than Sigmoid, Tanh, "
                                "Tanh";
  }
  // A rank-3 activation held channels last is put back in ONNX's order.
  Value input = (*x)->value;
  if ((*x)->layout == Layout::ChannelsLast && (*x)->onnxRank == 3)
    input = imp.toBoundaryLayout(imp.loc(node), **x);
  else if ((*x)->layout != Layout::Plain)
    return imp.error(node) << "input '" << node.input(0)
                           << "' is an image; an LSTM takes a sequence of "
                              "rank 3";
  ArrayRef<int64_t> shape = cast<RankedTensorType>(input.getType()).getShape();
  if (shape.size() != 3)
    return imp.error(node) << "input '" << node.input(0)
                           << "' must be a sequence of rank 3";
  const int64_t features = shape[2];
  // Bounded so that the weight shapes it implies cannot overflow.
  if (*units <= 0 || *units > kMaxRecurrentUnits)
    return imp.error(node) << "hidden_size is " << *units
                           << "; it must be in [1, " << kMaxRecurrentUnits
                           << "]";
  FailureOr<Imported> w =
      gateWeights(imp, node, 1, *units, features, "the input weights W");
  FailureOr<Imported> r =
      gateWeights(imp, node, 2, *units, *units, "the recurrent weights R");
  if (failed(w) || failed(r))
    return failure();
  // Wb + Rb, reordered.
  std::vector<double> bias(4 * *units, 0.0);
  if (imp.hasInput(node, 3)) {
    FailureOr<const Imported *> b = imp.input(node, 3);
    if (failed(b))
      return failure();
    if (!(*b)->isConstant() || !(*b)->constant->isFloat() ||
        (*b)->constant->shape != ArrayRef<int64_t>{1, 8 * *units})
      return imp.error(node) << "the bias B must be a float32 constant [1, "
                             << 8 * *units << "]";
    const std::vector<double> &v = (*b)->constant->values;
    for (int64_t g = 0; g < 4; ++g)
      for (int64_t j = 0; j < *units; ++j)
        bias[g * *units + j] =
            static_cast<float>(v[kOnnxBlock[g] * *units + j] +
                               v[(4 + kOnnxBlock[g]) * *units + j]);
  }
  if (imp.hasInput(node, 4))
    return imp.error(node) << "has sequence_lens; qat runs every sequence to "
                              "its full length";
  for (int i : {5, 6})
    if (!absentOrZero(imp, node, i))
      return imp.error(node)
             << "has a nonzero initial " << (i == 5 ? "hidden" : "cell")
             << " state; qat's LSTM starts from zero";
  if (imp.hasInput(node, 7))
    return imp.error(node) << "has peepholes (P); qat compiles LSTMs without";
  if (node.output_size() > 2 && !node.output(2).empty() &&
      imp.useCount(node.output(2)) > 0)
    return imp.error(node) << "final cell state Y_c ('" << node.output(2)
                           << "') is read; qat's LSTM outputs the hidden "
                              "states";

  OpBuilder &b = imp.getBuilder();
  Location loc = imp.loc(node);
  auto biasTensor = std::make_shared<HostTensor>();
  biasTensor->shape = {4, *units};
  biasTensor->values = bias;
  const bool timeMajor = *layout == 0;
  const int64_t steps = timeMajor ? shape[0] : shape[1],
                batches = timeMajor ? shape[1] : shape[0];
  SmallVector<int64_t> outShape = {shape[0], shape[1], *units};
  Value lstm =
      LstmOp::create(b, loc, f32Tensor(imp, outShape), input,
                     imp.materialize(node, *w), imp.materialize(node, *r),
                     imp.materialize(node, Imported::ofConstant(biasTensor)),
                     b.getI64IntegerAttr(cellScalePower(imp.onnxModel(), node)),
                     b.getF64FloatAttr(0.0), b.getBoolAttr(timeMajor));
  // Y is [T, 1, B, H] (layout 1: [B, T, 1, H]); Y_h [1, B, H] the last step.
  SmallVector<int64_t> yShape =
      timeMajor ? SmallVector<int64_t>{steps, 1, batches, *units}
                : SmallVector<int64_t>{batches, steps, 1, *units};
  imp.define(node, 0,
             Imported::ofValue(
                 ReshapeOp::create(b, loc, f32Tensor(imp, yShape), lstm)));
  if (node.output_size() > 1 && !node.output(1).empty()) {
    SmallVector<int64_t> begin = {timeMajor ? steps - 1 : 0,
                                  timeMajor ? 0 : steps - 1, 0};
    SmallVector<int64_t> lastShape = {timeMajor ? 1 : batches,
                                      timeMajor ? batches : 1, *units};
    Value last = SliceOp::create(b, loc, f32Tensor(imp, lastShape), lstm,
                                 b.getDenseI64ArrayAttr(begin),
                                 b.getDenseI64ArrayAttr({1, 1, 1}));
    SmallVector<int64_t> hShape = {1, batches, *units};
    imp.define(node, 1,
               Imported::ofValue(
                   ReshapeOp::create(b, loc, f32Tensor(imp, hShape), last)));
  }
  return success();
}

LogicalResult mlir::qat::onnx_import::importGRU(Importer &imp,
                                                const onnx::NodeProto &node) {
  FailureOr<const Imported *> x = imp.activationInput(node, 0);
  FailureOr<int64_t> units = imp.intAttr(node, "hidden_size", 0);
  FailureOr<std::string> direction =
      imp.stringAttr(node, "direction", "forward");
  FailureOr<int64_t> linearBeforeReset =
      imp.intAttr(node, "linear_before_reset", 0);
  FailureOr<int64_t> layout = imp.intAttr(node, "layout", 0);
  if (failed(x) || failed(units) || failed(direction) ||
      failed(linearBeforeReset) || failed(layout))
    return failure();
  if (*direction != "forward")
    return imp.error(node) << "runs " << *direction
                           << "; qat compiles forward GRUs";
  if (*linearBeforeReset != 1)
    return imp.error(node) << "applies the reset gate before the recurrent "
                              "weights (linear_before_reset = 0); qat "
                              "compiles PyTorch's GRU, linear_before_reset = "
                              "1";
  if (const onnx::AttributeProto *a = imp.attr(node, "activations")) {
    static const char *kDefault[] = {"Sigmoid", "Tanh"};
    if (a->strings_size() != 2 || llvm::any_of(llvm::seq(0, 2), [&](int i) {
          return StringRef(a->strings(i)).lower() !=
                 StringRef(kDefault[i]).lower();
        }))
      return imp.error(node) << "has activations other than Sigmoid, Tanh";
  }
  Value input = (*x)->value;
  if ((*x)->layout == Layout::ChannelsLast && (*x)->onnxRank == 3)
    input = imp.toBoundaryLayout(imp.loc(node), **x);
  else if ((*x)->layout != Layout::Plain)
    return imp.error(node) << "input '" << node.input(0)
                           << "' is an image; a GRU takes a sequence of rank "
                              "3";
  ArrayRef<int64_t> shape = cast<RankedTensorType>(input.getType()).getShape();
  if (shape.size() != 3)
    return imp.error(node) << "input '" << node.input(0)
                           << "' must be a sequence of rank 3";
  // Bounded so that the weight shapes it implies cannot overflow.
  if (*units <= 0 || *units > kMaxRecurrentUnits)
    return imp.error(node) << "hidden_size is " << *units
                           << "; it must be in [1, " << kMaxRecurrentUnits
                           << "]";
  const int64_t features = shape[2];
  FailureOr<Imported> w = gateWeights(imp, node, 1, *units, features,
                                      "the input weights W", kOnnxGruBlock);
  FailureOr<Imported> r = gateWeights(imp, node, 2, *units, *units,
                                      "the recurrent weights R", kOnnxGruBlock);
  if (failed(w) || failed(r))
    return failure();
  auto inputBias = std::make_shared<HostTensor>();
  auto recurrentBias = std::make_shared<HostTensor>();
  inputBias->shape = recurrentBias->shape = {3, *units};
  inputBias->values.assign(3 * *units, 0.0);
  recurrentBias->values.assign(3 * *units, 0.0);
  if (imp.hasInput(node, 3)) {
    FailureOr<const Imported *> b = imp.input(node, 3);
    if (failed(b))
      return failure();
    if (!(*b)->isConstant() || !(*b)->constant->isFloat() ||
        (*b)->constant->shape != ArrayRef<int64_t>{1, 6 * *units})
      return imp.error(node) << "the bias B must be a float32 constant [1, "
                             << 6 * *units << "]";
    const std::vector<double> &v = (*b)->constant->values;
    for (int64_t g = 0; g < 3; ++g)
      for (int64_t j = 0; j < *units; ++j) {
        inputBias->values[g * *units + j] = v[kOnnxGruBlock[g] * *units + j];
        recurrentBias->values[g * *units + j] =
            v[(3 + kOnnxGruBlock[g]) * *units + j];
      }
  }
  if (imp.hasInput(node, 4))
    return imp.error(node) << "has sequence_lens; qat runs every sequence to "
                              "its full length";
  if (!absentOrZero(imp, node, 5))
    return imp.error(node) << "has a nonzero initial hidden state; qat's GRU "
                              "starts from zero";
  OpBuilder &b = imp.getBuilder();
  Location loc = imp.loc(node);
  const bool timeMajor = *layout == 0;
  const int64_t steps = timeMajor ? shape[0] : shape[1],
                batches = timeMajor ? shape[1] : shape[0];
  SmallVector<int64_t> outShape = {shape[0], shape[1], *units};
  Value gru =
      GruOp::create(b, loc, f32Tensor(imp, outShape), input,
                    imp.materialize(node, *w), imp.materialize(node, *r),
                    imp.materialize(node, Imported::ofConstant(inputBias)),
                    imp.materialize(node, Imported::ofConstant(recurrentBias)),
                    b.getBoolAttr(timeMajor));
  SmallVector<int64_t> yShape =
      timeMajor ? SmallVector<int64_t>{steps, 1, batches, *units}
                : SmallVector<int64_t>{batches, steps, 1, *units};
  imp.define(node, 0,
             Imported::ofValue(
                 ReshapeOp::create(b, loc, f32Tensor(imp, yShape), gru)));
  if (node.output_size() > 1 && !node.output(1).empty()) {
    SmallVector<int64_t> begin = {timeMajor ? steps - 1 : 0,
                                  timeMajor ? 0 : steps - 1, 0};
    SmallVector<int64_t> lastShape = {timeMajor ? 1 : batches,
                                      timeMajor ? batches : 1, *units};
    Value last = SliceOp::create(b, loc, f32Tensor(imp, lastShape), gru,
                                 b.getDenseI64ArrayAttr(begin),
                                 b.getDenseI64ArrayAttr({1, 1, 1}));
    SmallVector<int64_t> hShape = {1, batches, *units};
    imp.define(node, 1,
               Imported::ofValue(
                   ReshapeOp::create(b, loc, f32Tensor(imp, hShape), last)));
  }
  return success();
}
