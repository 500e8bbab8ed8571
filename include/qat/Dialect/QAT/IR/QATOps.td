// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATOps.td - qat dialect operations ------------------*- tablegen -*-===//
//
// Ops of the training graph. Constraint labels (`conv2d_c3`) refer to
// docs/Spec.md and reappear in the verifiers and in test/Dialect/QAT.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_DIALECT_QAT_IR_QATOPS_TD
#define QAT_DIALECT_QAT_IR_QATOPS_TD

include "qat/Dialect/QAT/IR/QATDialect.td"
include "qat/Dialect/QAT/IR/QATEnums.td"
include "qat/Dialect/QAT/IR/QATInterfaces.td"
include "qat/Dialect/Common/CommonAttrs.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

/// Every tensor of the training graph is a statically shaped f32 tensor.
def QAT_Tensor : QAT_BoundedTensorOf<[F32]>;

//===----------------------------------------------------------------------===//
// Fake quantization
//===----------------------------------------------------------------------===//

def QAT_FakeQuantOp : QAT_Op<"fake_quant", [Pure, SameOperandsAndResultType]> {
  let summary = "Quantize and dequantize a tensor, as quantization-aware training does";
  let description = [{
    Rounds every element to the nearest of a set of evenly spaced levels and
    clamps it to the representable range, returning float values. The levels
    are the ones the deployed integer program uses for this tensor.

    Parameters are per tensor, or per slice along `axis` (per axis, one value
    for each index of that dimension). They take one of two forms.

    **TensorFlow form** (`FakeQuantWithMinMaxVars[PerChannel]`): `min`, `max`,
    `num_bits` (2 to 16, default 8) and `narrow_range` (default false). The
    range is nudged so that zero is exactly representable, exactly as
    TensorFlow's kernel does, in float32 arithmetic:

    ```
    qmin = narrow_range ? 1 : 0,  qmax = 2^num_bits - 1
    scale = (max - min) / (qmax - qmin)
    zp_from_min = qmin - min / scale
    zp = zp_from_min < qmin ? qmin
       : zp_from_min > qmax ? qmax : round_half_away_from_zero(zp_from_min)
    nudged_min = (qmin - zp) * scale,  nudged_max = (qmax - zp) * scale
    y = round((clamp(x, nudged_min, nudged_max) - nudged_min) * (1 / scale))
          * scale + nudged_min
    ```

    where `round` is `half_up` (TensorFlow computes `floor(v + 0.5)`).

    **Affine form** (PyTorch `fake_quantize_per_{tensor,channel}_affine`,
    ONNX QuantizeLinear/DequantizeLinear): `scale`, `zero_point`,
    `quant_min`, `quant_max`, evaluated in float32 as PyTorch does:

    ```
    q = clamp(round(x * (1 / scale)) + zero_point, quant_min, quant_max)
    y = (q - zero_point) * scale
    ```

    where `round` is `half_to_even` (PyTorch's `nearbyint`, ONNX's rounding).

    `rounding` overrides the form's rounding when the source framework
    rounds otherwise. Unsigned ranges (`quant_min = 0, quant_max = 255`,
    PyTorch quint8 and ONNX uint8) are expressed as they are; lowering maps
    them to int8 storage exactly.

    Example:

    ```mlir
    // TensorFlow form, per tensor.
    %0 = qat.fake_quant %x {min = array<f64: -1.0>, max = array<f64: 1.0>,
                            num_bits = 8, narrow_range = false}
        : tensor<1x8x8x3xf32>
    // PyTorch form, symmetric per output channel of an OHWI filter.
    %1 = qat.fake_quant %w {axis = 0, scale = array<f64: 0.02, 0.01>,
                            zero_point = array<i64: 0, 0>,
                            quant_min = -127, quant_max = 127}
        : tensor<2x3x3x3xf32>
    ```
  }];
  let arguments = (ins
    QAT_Tensor:$input,
    OptionalAttr<DenseF64ArrayAttr>:$min,
    OptionalAttr<DenseF64ArrayAttr>:$max,
    OptionalAttr<QAT_SI64Attr>:$num_bits,
    OptionalAttr<BoolAttr>:$narrow_range,
    OptionalAttr<DenseF64ArrayAttr>:$scale,
    OptionalAttr<DenseI64ArrayAttr>:$zero_point,
    OptionalAttr<QAT_SI64Attr>:$quant_min,
    OptionalAttr<QAT_SI64Attr>:$quant_max,
    OptionalAttr<QAT_SI64Attr>:$axis,
    OptionalAttr<QAT_RoundingModeAttr>:$rounding
  );
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// True for the TensorFlow (min/max) form, false for the affine form.
    bool isMinMaxForm() { return getMin().has_value(); }
    /// The bit width of the TensorFlow form (8 when not given).
    int64_t getNumBitsOrDefault() { return getNumBits().value_or(8); }
    /// The rounding of the op: the explicit `rounding`, or the form's own.
    ::mlir::qat::RoundingMode getEffectiveRounding();
    /// True when `other` quantizes with exactly the same parameters.
    bool hasSameParams(FakeQuantOp other);
    /// The number of parameter sets: the `axis` extent, or 1 per tensor.
    int64_t getNumChannels();
    /// The integer grid of channel `c` (0 per tensor), the TensorFlow form
    /// nudged as its kernel nudges it (in float32).
    ::mlir::qat::ChannelQuantization getChannelQuantization(int64_t c);
    /// The real range [lowest, highest] channel `c` represents: the nudged
    /// range of the TensorFlow form, `scale * (qmin - zp)` to
    /// `scale * (qmax - zp)` of the affine form.
    std::pair<double, double> getRealRange(int64_t c = 0);
  }];
}

//===----------------------------------------------------------------------===//
// Convolutions and fully connected
//===----------------------------------------------------------------------===//

class QAT_ConvOp<string mnemonic>
    : QAT_Op<mnemonic, [Pure, QAT_FusesActivation, QAT_RequantizesOutput,
                        DeclareOpInterfaceMethods<QAT_LayerOpInterface>]> {
  let arguments = (ins
    QAT_Tensor:$input,
    QAT_Tensor:$filter,
    Optional<QAT_Tensor>:$bias,
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
    OptionalAttr<DenseI64ArrayAttr>:$pad,
    OptionalAttr<QAT_AutoPadAttr>:$auto_pad
  );
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// Padding as [top, bottom, left, right], resolving `auto_pad`.
    ::llvm::SmallVector<int64_t, 4> getEffectivePad();
  }];
}

def QAT_Conv2DOp : QAT_ConvOp<"conv2d"> {
  let summary = "2-D convolution, NHWC input, OHWI filter, optional bias";
  let description = [{
    `output[n, y, x, o] = bias[o] + sum_{i, ky, kx} input[n, y*sy + ky*dy - pt,
    x*sx + kx*dx - pl, i] * filter[o, ky, kx, i]`, with input elements
    outside the image read as zero.

    `strides` and `dilations` are [h, w] (default 1). Padding is either
    explicit, `pad = [top, bottom, left, right]`, or `auto_pad` (`same`:
    TensorFlow's SAME, the odd pixel at the bottom/right; `valid`: none);
    neither means no padding. Canonicalization rewrites `auto_pad` into
    `pad`. The result is `[N, OH, OW, O]` with
    `OH = (H + pt + pb - ((KH - 1) * dy + 1)) / sy + 1` (likewise OW).

    ```mlir
    %y = qat.conv2d %x, %w, %b {strides = array<i64: 2, 2>,
                                pad = array<i64: 0, 1, 0, 1>}
        : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>)
        -> tensor<1x4x4x16xf32>
    ```
  }];
}

def QAT_DepthwiseConv2DOp : QAT_ConvOp<"depthwise_conv2d"> {
  let summary = "Depthwise 2-D convolution, NHWC input, 1HWC filter";
  let description = [{
    Each input channel `c` is convolved with its own `M` filters, `M` the
    channel multiplier, giving output channels `c * M .. c * M + M - 1`:
    `output[n, y, x, c*M + m] = bias[c*M + m] + sum_{ky, kx}
    input[n, y*sy + ky*dy - pt, x*sx + kx*dx - pl, c] * filter[0, ky, kx, c*M + m]`.
    The filter is `[1, KH, KW, C * M]` (TFLite's layout). Strides,
    dilations and padding as in `qat.conv2d`.

    ```mlir
    %y = qat.depthwise_conv2d %x, %w, %b {auto_pad = #qat.auto_pad<same>}
        : (tensor<1x8x8x16xf32>, tensor<1x3x3x16xf32>, tensor<16xf32>)
        -> tensor<1x8x8x16xf32>
    ```
  }];
}

def QAT_FullyConnectedOp : QAT_Op<"fully_connected", [Pure,
    QAT_FusesActivation, QAT_RequantizesOutput,
    DeclareOpInterfaceMethods<QAT_LayerOpInterface>]> {
  let summary = "Matrix times transposed weights plus optional bias";
  let description = [{
    `output[n, o] = bias[o] + sum_k input[n, k] * weights[o, k]`: the input
    is `[N, K]`, the weights `[O, K]` (TFLite's and PyTorch's layout), the
    result `[N, O]`. Flatten an NHWC activation with `qat.reshape` first.

    ```mlir
    %y = qat.fully_connected %x, %w, %b
        : (tensor<1x64xf32>, tensor<10x64xf32>, tensor<10xf32>) -> tensor<1x10xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input, QAT_Tensor:$weights,
                       Optional<QAT_Tensor>:$bias);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $weights (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QAT_BatchNormOp : QAT_Op<"batch_norm", [Pure,
    AllTypesMatch<["input", "output"]>,
    AllTypesMatch<["gamma", "beta", "mean", "variance"]>]> {
  let summary = "Inference-mode batch normalization over the last dimension";
  let description = [{
    `output[..., c] = (input[..., c] - mean[c]) * gamma[c]
    / sqrt(variance[c] + epsilon) + beta[c]`, with the frozen statistics of
    training. `qat-fold-batchnorm` folds it into the producing conv or fully
    connected layer.

    ```mlir
    %y = qat.batch_norm %x, %gamma, %beta, %mean, %var {epsilon = 1.0e-05}
        : tensor<1x8x8x16xf32>, tensor<16xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input, QAT_Tensor:$gamma, QAT_Tensor:$beta,
                       QAT_Tensor:$mean, QAT_Tensor:$variance,
                       F64Attr:$epsilon);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $gamma `,` $beta `,` $mean `,` $variance attr-dict `:`
    type($input) `,` type($gamma)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

class QAT_BinaryOp<string mnemonic, list<Trait> traits = []>
    : QAT_Op<mnemonic, !listconcat([Pure, Commutative, QAT_FusesActivation,
                                    QAT_RequantizesOutput], traits)> {
  let arguments = (ins QAT_Tensor:$lhs, QAT_Tensor:$rhs);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QAT_AddOp : QAT_BinaryOp<"add"> {
  let summary = "Elementwise addition, with per-channel broadcast";
  let description = [{
    `output = lhs + rhs`. The operands have the same shape, or one of them
    is a 1-D tensor of the other's last (channel) dimension and is broadcast
    along it. The result has the full shape.

    ```mlir
    %y = qat.add %a, %b : (tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>)
        -> tensor<1x8x8x16xf32>
    ```
  }];
}

def QAT_MulOp : QAT_BinaryOp<"mul"> {
  let summary = "Elementwise multiplication, with per-channel broadcast";
  let description = [{
    `output = lhs * rhs`, broadcasting as `qat.add`. PyTorch's fused
    ConvBn QAT modules divide the conv output by the batchnorm factor with a
    per-channel `qat.mul` by a constant.

    ```mlir
    %y = qat.mul %a, %s : (tensor<1x8x8x16xf32>, tensor<16xf32>)
        -> tensor<1x8x8x16xf32>
    ```
  }];
}

def QAT_MatMulOp : QAT_Op<"matmul", [Pure, QAT_FusesActivation,
                                     QAT_RequantizesOutput]> {
  let summary = "Matrix product of two activations, batched";
  let description = [{
    `output[.., i, j] = alpha * sum_k lhs[.., i, k] * rhs[.., k, j]` over
    the leading (batch) dimensions, broadcast where one operand has 1; with
    `adj_x` the lhs matrices are `[K, M]`, with `adj_y` the rhs matrices
    `[N, K]` (attention's `Q K^T`). Operands and result have one rank in
    [2, 5]. `alpha` (positive) is attention's `1/sqrt(d)`, which the
    integer kernel's multiplier absorbs. Both operands are activations (a
    constant operand is a fully connected layer's weights); the result is
    requantized by the `qat.fake_quant` that reads it, and lowers to
    `qint.batch_matmul`.

    ```mlir
    %s = qat.matmul %q, %k {adj_y = true}
        : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x8xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$lhs, QAT_Tensor:$rhs,
      DefaultValuedAttr<BoolAttr, "false">:$adj_x,
      DefaultValuedAttr<BoolAttr, "false">:$adj_y,
      DefaultValuedAttr<F64Attr, "1.0">:$alpha);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def QAT_LayerNormOp : QAT_Op<"layer_norm", [Pure, QAT_RequantizesOutput,
    QAT_ReadsOneActivation, AllTypesMatch<["input", "output"]>]> {
  let summary = "Layer normalization over the last dimension, affine";
  let description = [{
    `output = gamma * (x - mean) / sqrt(var + epsilon) + beta` over each
    row of the last dimension (mean and variance of that row, the variance
    biased, as PyTorch's and ONNX's), `gamma` and `beta` constants of the
    last dimension's size. The result is requantized by the
    `qat.fake_quant` that reads it; lowered, `qint.layer_norm` computes it
    with integers only.

    ```mlir
    %y = qat.layer_norm %x, %gamma, %beta {epsilon = 1.0e-05}
        : (tensor<1x8x16xf32>, tensor<16xf32>, tensor<16xf32>)
        -> tensor<1x8x16xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input, QAT_Tensor:$gamma,
      QAT_Tensor:$beta, DefaultValuedAttr<F64Attr, "1.0e-05">:$epsilon);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $gamma `,` $beta attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

class QAT_UnaryOp<string mnemonic, list<Trait> traits = []>
    : QAT_Op<mnemonic, !listconcat([Pure, SameOperandsAndResultType], traits)> {
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def QAT_ReluOp : QAT_UnaryOp<"relu", [QAT_ForwardsQuantization,
    DeclareOpInterfaceMethods<QAT_ActivationOpInterface>]> {
  let summary = "max(x, 0)";
  let description = [{
    ```mlir
    %y = qat.relu %x : tensor<1x8x8x16xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input);
  let hasFolder = 1;
}

def QAT_Relu6Op : QAT_UnaryOp<"relu6", [QAT_ForwardsQuantization,
    DeclareOpInterfaceMethods<QAT_ActivationOpInterface>]> {
  let summary = "min(max(x, 0), 6)";
  let description = [{
    ```mlir
    %y = qat.relu6 %x : tensor<1x8x8x16xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input);
  let hasFolder = 1;
}

def QAT_ClampOp : QAT_UnaryOp<"clamp", [QAT_ForwardsQuantization,
    DeclareOpInterfaceMethods<QAT_ActivationOpInterface>]> {
  let summary = "min(max(x, min), max)";
  let description = [{
    ```mlir
    %y = qat.clamp %x {min = -1.0, max = 1.0} : tensor<1x8x8x16xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input, F64Attr:$min, F64Attr:$max);
  let hasVerifier = 1;
}

def QAT_SoftmaxOp : QAT_UnaryOp<"softmax", [QAT_RequantizesOutput]> {
  let summary = "Softmax over the last dimension";
  let description = [{
    `output[..., i] = exp(beta * x[..., i]) / sum_j exp(beta * x[..., j])`,
    `beta` defaulting to 1 (TFLite's parameter).

    ```mlir
    %y = qat.softmax %x : tensor<1x10xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input,
                       DefaultValuedAttr<F64Attr, "1.0">:$beta);
  let hasVerifier = 1;
}

def QAT_PointwiseOp : QAT_UnaryOp<"pointwise", [QAT_RequantizesOutput]> {
  let summary = "An element-wise function that int8 code computes by table";
  let description = [{
    `output = f(input)` for one of:

    | `function` | f(x) | parameters |
    |---|---|---|
    | `sigmoid` | 1 / (1 + exp(-x)) | |
    | `tanh` | tanh(x) | |
    | `hard_sigmoid` | max(0, min(1, alpha * x + beta)) | `alpha`, `beta` |
    | `hard_swish` | x * min(max(x + 3, 0), 6) / 6 | |
    | `leaky_relu` | x >= 0 ? x : alpha * x | `alpha` |

    Sigmoid and tanh are evaluated in double and rounded once to float; the
    others in float32 in the order written. The op's input and result must
    each be fake-quantized per tensor: lowering evaluates `f` at every input
    level and fake-quantizes the result with the output's parameters, which
    gives a 256-entry `qint.lookup` table equal to the fake-quant graph by
    construction.

    ```mlir
    %y = qat.pointwise hard_sigmoid %x {alpha = 0.2, beta = 0.5}
        : tensor<1x8x8x16xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input, QAT_PointwiseFunction:$function,
                       OptionalAttr<F64Attr>:$alpha,
                       OptionalAttr<F64Attr>:$beta);
  let assemblyFormat = "$function $input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Recurrent
//===----------------------------------------------------------------------===//

def QAT_LstmOp : QAT_Op<"lstm", [Pure, QAT_RequantizesOutput,
    DeclareOpInterfaceMethods<QAT_RecurrentOpInterface>]> {
  let summary = "LSTM over a sequence, with TFLite's integer LSTM's grids";
  let description = [{
    A unidirectional LSTM without peepholes or projection. The input is
    `[T, B, I]` when `time_major`, else `[B, T, I]`; the result is the
    hidden state at every step in the same layout with `H` features. The
    weights stack the gates input, forget, cell, output: `input_weights
    [4, H, I]`, `recurrent_weights [4, H, H]` (each a per-tensor, or per-gate
    along axis 0, symmetric int8 `qat.fake_quant` of a constant), `bias [4,
    H]` (PyTorch's and ONNX's two biases summed). Each batch starts from
    zero state, or from `initial(hidden, cell)`, each `[B, H]`: the hidden
    state is put on the result's grid and the cell state on its int16 grid.

    Its fake-quant semantics are the grids of TFLite's integer LSTM, so the
    integer program (`qint.lstm`) computes it to within rounding: at every
    step each gate's input product `x W + b` and recurrent product `h U` are
    fake-quantized to int16 at scale 2^-12 and summed (saturating there);
    the gate is `sigmoid` (the cell gate `tanh`) fake-quantized to int16 at
    2^-15; the cell state `c = f * c + i * g` is int16 at
    2^`cell_scale_power`, clipped to `[-cell_clip, cell_clip]` when
    `cell_clip > 0`; and `h = o * tanh(c)` is fake-quantized by the
    `qat.fake_quant` that reads the result, which is the hidden state's
    (and the output's) quantization.

    ```mlir
    %y = qat.lstm %x, %wx, %wh, %b {cell_scale_power = -11, cell_clip = 0.0,
        time_major = false}
        : (tensor<1x8x8xf32>, tensor<4x16x8xf32>, tensor<4x16x16xf32>,
           tensor<4x16xf32>) -> tensor<1x8x16xf32>
    %z = qat.lstm %x, %wx, %wh, %b initial(%h0, %c0) {cell_scale_power = -11}
        : (tensor<1x8x8xf32>, tensor<4x16x8xf32>, tensor<4x16x16xf32>,
           tensor<4x16xf32>, tensor<1x16xf32>, tensor<1x16xf32>)
        -> tensor<1x8x16xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input, QAT_Tensor:$input_weights,
      QAT_Tensor:$recurrent_weights, QAT_Tensor:$bias,
      Variadic<QAT_Tensor>:$initial_state,
      QAT_SI64Attr:$cell_scale_power,
      DefaultValuedAttr<F64Attr, "0.0">:$cell_clip,
      DefaultValuedAttr<BoolAttr, "false">:$time_major);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $input_weights `,` $recurrent_weights `,` $bias
    (`initial` `(` $initial_state^ `)`)? attr-dict `:`
    functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    /// The initial hidden and cell states, or null (zero state).
    ::mlir::Value getInitialHidden() {
      return getInitialState().empty() ? nullptr : getInitialState()[0];
    }
    ::mlir::Value getInitialCell() {
      return getInitialState().size() < 2 ? nullptr : getInitialState()[1];
    }
  }];
  let hasVerifier = 1;
}

def QAT_GruOp : QAT_Op<"gru", [Pure, QAT_RequantizesOutput,
    DeclareOpInterfaceMethods<QAT_RecurrentOpInterface>]> {
  let summary = "GRU over a sequence, on the integer GRU's grids";
  let description = [{
    PyTorch's GRU (one layer, one direction): with gates stacked reset,
    update, new, `input_weights [3, H, I]`, `recurrent_weights [3, H, H]`,
    `input_bias` and `recurrent_bias [3, H]`; layouts as `qat.lstm`. Its
    fake-quant semantics are the grids of `qint.gru`: each gate's input and
    recurrent contributions and pre-activations on int16 at 2^-12, the
    gates and the state on int16 at 2^-15, the hidden state (the result,
    and the next step's recurrent input) on the result's `qat.fake_quant`:

    ```
    a_g = q(x W_g + bx_g, -12);  b_g = q(h U_g + bh_g, -12)
    r, z = q(sigmoid(q(a + b, -12)), -15)
    n = q(tanh(q(a_n + q(r * b_n, -12), -12)), -15)
    s = q(n + round(z * (s - n)), -15);  h = fq(s)
    ```

    where `round` rounds to a multiple of 2^-15 without saturating (the
    product reaches 2). The state starts at 0, or at `q(initial, -15)` for
    `initial(%h0)` (`[B, H]`), and `h = fq(s)`.

    ```mlir
    %y = qat.gru %x, %wx, %wh, %bx, %bh {time_major = false}
        : (tensor<1x8x8xf32>, tensor<3x16x8xf32>, tensor<3x16x16xf32>,
           tensor<3x16xf32>, tensor<3x16xf32>) -> tensor<1x8x16xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input, QAT_Tensor:$input_weights,
      QAT_Tensor:$recurrent_weights, QAT_Tensor:$input_bias,
      QAT_Tensor:$recurrent_bias, Optional<QAT_Tensor>:$initial_state,
      DefaultValuedAttr<BoolAttr, "false">:$time_major);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $input_weights `,` $recurrent_weights `,` $input_bias `,`
    $recurrent_bias (`initial` `(` $initial_state^ `)`)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

class QAT_Pool2DOp<string mnemonic, dag extraArgs = (ins),
                   list<Trait> traits = []>
    : QAT_Op<mnemonic, !listconcat([Pure], traits)> {
  let arguments = !con((ins
    QAT_Tensor:$input,
    DenseI64ArrayAttr:$kernel,
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
    OptionalAttr<DenseI64ArrayAttr>:$pad,
    OptionalAttr<QAT_AutoPadAttr>:$auto_pad), extraArgs);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// Padding as [top, bottom, left, right], resolving `auto_pad`.
    ::llvm::SmallVector<int64_t, 4> getEffectivePad();
  }];
}

def QAT_MaxPool2DOp : QAT_Pool2DOp<"max_pool2d", (ins),
                                   [QAT_SharesQuantization]> {
  let summary = "2-D max pooling over NHWC";
  let description = [{
    The maximum over each `kernel` window; padded positions never win.
    `kernel` and `strides` are [h, w]; padding as in `qat.conv2d`.

    ```mlir
    %y = qat.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<1x8x8x16xf32> -> tensor<1x4x4x16xf32>
    ```
  }];
}

def QAT_AvgPool2DOp : QAT_Pool2DOp<"avg_pool2d",
    (ins DefaultValuedAttr<BoolAttr, "false">:$count_include_pad),
    [QAT_ForwardsQuantization]> {
  let summary = "2-D average pooling over NHWC";
  let description = [{
    The mean over each `kernel` window. Padded positions are excluded from
    the count (TFLite), unless `count_include_pad` (PyTorch's default) is
    set.

    ```mlir
    %y = qat.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<1x8x8x16xf32> -> tensor<1x4x4x16xf32>
    ```
  }];
}

def QAT_MeanOp : QAT_Op<"mean", [Pure, QAT_ForwardsQuantization,
                                 QAT_RequantizesOutput]> {
  let summary = "Global average pool: the mean over H and W of NHWC";
  let description = [{
    The result is `[N, 1, 1, C]` or, dropping the reduced dimensions,
    `[N, C]`.

    ```mlir
    %y = qat.mean %x : tensor<1x8x8x16xf32> -> tensor<1x16xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def QAT_ReshapeOp : QAT_Op<"reshape", [Pure, QAT_SharesQuantization]> {
  let summary = "Same elements in row-major order, another shape";
  let description = [{
    ```mlir
    %y = qat.reshape %x : tensor<1x4x4x16xf32> -> tensor<1x256xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QAT_TransposeOp : QAT_Op<"transpose", [Pure, QAT_SharesQuantization]> {
  let summary = "Dimensions permuted: result dimension i is input dimension permutation[i]";
  let description = [{
    The ONNX importer uses it at the graph boundary when the compiled model
    takes or returns NCHW tensors (`--layout=nchw`).

    ```mlir
    %y = qat.transpose %x {permutation = array<i64: 0, 2, 3, 1>}
        : tensor<1x3x8x8xf32> -> tensor<1x8x8x3xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QAT_SliceOp : QAT_Op<"slice", [Pure, QAT_SharesQuantization]> {
  let summary = "Every `strides[d]`-th element from `begin[d]` along each dimension";
  let description = [{
    `output[i_0, ..., i_r] = input[begin_0 + i_0 * strides_0, ...]`; the
    result type gives how many elements each dimension takes, and a
    negative stride takes them backwards. The ONNX importer uses it for a
    Slice (and so PyTorch's chunk, split and indexing) of an activation.

    ```mlir
    %y = qat.slice %x {begin = array<i64: 0, 0, 0, 24>,
        strides = array<i64: 1, 1, 1, 1>}
        : tensor<1x8x8x48xf32> -> tensor<1x8x8x24xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input, DenseI64ArrayAttr:$begin,
                       DenseI64ArrayAttr:$strides);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QAT_ConcatOp : QAT_Op<"concat", [Pure]> {
  let summary = "Concatenation along one dimension";
  let description = [{
    The inputs have the same rank and agree on every dimension but `axis`;
    the result's `axis` dimension is the sum of theirs.

    ```mlir
    %y = qat.concat %a, %b {axis = 3}
        : (tensor<1x8x8x16xf32>, tensor<1x8x8x8xf32>) -> tensor<1x8x8x24xf32>
    ```
  }];
  let arguments = (ins Variadic<QAT_Tensor>:$inputs, QAT_SI64Attr:$axis);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, results)
  }];
  let hasVerifier = 1;
}

def QAT_PadOp : QAT_Op<"pad", [Pure, QAT_SharesQuantization]> {
  let summary = "Constant padding";
  let description = [{
    `padding` holds `[before_0, after_0, before_1, after_1, ...]`, one pair
    per dimension; new elements are `value` (default 0).

    ```mlir
    %y = qat.pad %x {padding = array<i64: 0, 0, 1, 1, 1, 1, 0, 0>}
        : tensor<1x8x8x16xf32> -> tensor<1x10x10x16xf32>
    ```
  }];
  let arguments = (ins QAT_Tensor:$input, DenseI64ArrayAttr:$padding,
                       DefaultValuedAttr<F64Attr, "0.0">:$value);
  let results = (outs QAT_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

#endif // QAT_DIALECT_QAT_IR_QATOPS_TD
