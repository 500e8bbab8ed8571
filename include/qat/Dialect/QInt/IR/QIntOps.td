// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QIntOps.td - qint dialect operations ----------------*- tablegen -*-===//
//
// Constraint labels (`qint_conv2d_c3`, and the shared `quant_c*` and
// `window_c*`) refer to docs/QIntSpec.md and reappear in the verifiers and
// in test/Dialect/QInt/invalid.mlir.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_DIALECT_QINT_IR_QINTOPS_TD
#define QAT_DIALECT_QINT_IR_QINTOPS_TD

include "qat/Dialect/QInt/IR/QIntDialect.td"
include "qat/Dialect/QInt/IR/QIntInterfaces.td"
include "qat/Dialect/Common/CommonAttrs.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def QInt_I8Tensor : QAT_BoundedTensorOf<[I8]>;
def QInt_F32Tensor : QAT_BoundedTensorOf<[F32]>;
/// Activations: int8, or int16 (TFLite's 16x8 scheme: symmetric, zero point
/// 0, with int8 weights).
def QInt_ActTensor : QAT_BoundedTensorOf<[I8, I16]>;
def QInt_ActOrI32Tensor : QAT_BoundedTensorOf<[I8, I16, I32]>;
/// Biases: int32, or int64 for int16 activations (a 64-bit accumulator).
def QInt_BiasTensor : QAT_BoundedTensorOf<[I32, I64]>;
/// Weights: int8, or 4-bit (i4, values in [-8, 7]).
def QInt_WeightTensor : QAT_BoundedTensorOf<[I8, I<4>]>;

/// The output stage of a requantizing kernel: per-channel (or per-tensor)
/// fixed-point multiplier and shift, output zero point, clamp range, rounding.
defvar QInt_OutputStage = (ins
  QAT_SI64Attr:$output_zp,
  DenseI32ArrayAttr:$multiplier,
  DenseI32ArrayAttr:$shift,
  QAT_SI64Attr:$act_min,
  QAT_SI64Attr:$act_max,
  QInt_RoundingAttr:$rounding);

//===----------------------------------------------------------------------===//
// Convolutions and fully connected
//===----------------------------------------------------------------------===//

class QInt_ConvOp<string mnemonic> : QInt_Op<mnemonic, [Pure,
    DeclareOpInterfaceMethods<QInt_KernelOpInterface, ["getMACs"]>,
    DeclareOpInterfaceMethods<QInt_LayerOpInterface>,
    DeclareOpInterfaceMethods<QInt_WindowOpInterface>]> {
  let arguments = !con((ins
    QInt_ActTensor:$input,
    QInt_WeightTensor:$filter,
    Optional<QInt_BiasTensor>:$bias,
    QAT_SI64Attr:$input_zp),
    QInt_OutputStage,
    (ins
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
    DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$pad));
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QInt_Conv2DOp : QInt_ConvOp<"conv2d"> {
  let summary = "int8 2-D convolution with int32 accumulator and requantization";
  let description = [{
    For output channel `o`:
    `acc = bias[o] + sum_{ky, kx, i} (input[n, y*sy + ky*dy - pt,
    x*sx + kx*dx - pl, i] - input_zp) * filter[o, ky, kx, i]` in int32, with
    padded positions contributing nothing, then
    `output = clamp(MultiplyByQuantizedMultiplier(acc, multiplier[o],
    shift[o]) + output_zp, act_min, act_max)` (one multiplier and shift for
    all channels when the arrays have one element). Filters are OHWI and
    symmetric (zero point 0), int8 or 4-bit (`i4`, values in [-8, 7]). See
    docs/Numerics.md.

    With int16 activations (TFLite's 16x8 scheme) the zero points are 0 and
    the filter int8. With an `i64` bias, or none, `acc` is exact in int64 and
    the output stage uses the 64-bit MultiplyByQuantizedMultiplier:
    `(acc * ((multiplier + 2^15) >> 16) + 2^(14 - shift)) >> (15 - shift)`,
    the same under both roundings. With an `i32` bias (TFLite's
    int16xint8xint32 variant) `acc` is int32 and the stage is as for int8.

    ```mlir
    %y = qint.conv2d %x, %w, %b {input_zp = -128, output_zp = -5,
        multiplier = array<i32: 1340000000, 1500000000>,
        shift = array<i32: -9, -8>, act_min = -5, act_max = 127,
        pad = array<i64: 1, 1, 1, 1>, rounding = #qint.rounding<double>}
        : (tensor<1x8x8x3xi8>, tensor<2x3x3x3xi8>, tensor<2xi32>)
        -> tensor<1x8x8x2xi8>
    ```
  }];
}

def QInt_DepthwiseConv2DOp : QInt_ConvOp<"depthwise_conv2d"> {
  let summary = "int8 depthwise 2-D convolution (1HWC filter)";
  let description = [{
    As `qint.conv2d`, but each output channel `c*M + m` (`M` the channel
    multiplier, `filter[3] / input[3]`) reads only input channel `c`:
    `acc = bias[c*M + m] + sum_{ky, kx} (input[n, ..., c] - input_zp) *
    filter[0, ky, kx, c*M + m]`.

    ```mlir
    %y = qint.depthwise_conv2d %x, %w, %b {input_zp = 0, output_zp = 0,
        multiplier = array<i32: 1073741824>, shift = array<i32: -7>,
        act_min = 0, act_max = 127, pad = array<i64: 1, 1, 1, 1>,
        rounding = #qint.rounding<double>}
        : (tensor<1x8x8x4xi8>, tensor<1x3x3x4xi8>, tensor<4xi32>)
        -> tensor<1x8x8x4xi8>
    ```
  }];
}

def QInt_TransposeConv2DOp : QInt_Op<"transpose_conv2d", [Pure,
    QInt_ExpandedBeforeBackends]> {
  let summary = "int8 or 16x8 transposed 2-D convolution (TFLite's TRANSPOSE_CONV)";
  let description = [{
    Every input pixel scatters into the output through the filter: for
    output channel `o`,
    `acc[n, oy, ox, o] = bias[o] + sum (input[n, iy, ix, i] - input_zp) *
    filter[o, ky, kx, i]` over every `iy, ix, ky, kx, i` with
    `oy = iy * sy - pad_top + ky` and `ox = ix * sx - pad_left + kx`, then
    the output stage of `qint.conv2d`. The filter is OHWI as TFLite stores
    it; `pad` is the padding before (top, left), the result type gives the
    output size. Output positions no input reaches hold the bias alone.

    No backend runs this op: `qint-expand-transpose-conv` rewrites it into
    the stride-1 `qint.conv2d` of the input spread `s` apart (zero points
    between), with the filter flipped in H and W, which computes the same
    sums in the same order of terms (exact integer arithmetic).

    ```mlir
    %y = qint.transpose_conv2d %x, %w, %b {input_zp = -128, output_zp = 3,
        multiplier = array<i32: 1380963475>, shift = array<i32: -11>,
        act_min = -128, act_max = 127, strides = array<i64: 2, 2>,
        pad = array<i64: 1, 1>, rounding = #qint.rounding<double>}
        : (tensor<1x4x4x8xi8>, tensor<3x4x4x8xi8>, tensor<3xi32>)
        -> tensor<1x8x8x3xi8>
    ```
  }];
  let arguments = !con((ins
    QInt_ActTensor:$input,
    QInt_WeightTensor:$filter,
    Optional<QInt_BiasTensor>:$bias,
    QAT_SI64Attr:$input_zp),
    QInt_OutputStage,
    (ins DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pad));
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QInt_FullyConnectedOp : QInt_Op<"fully_connected", [Pure,
    DeclareOpInterfaceMethods<QInt_KernelOpInterface, ["getMACs"]>,
    DeclareOpInterfaceMethods<QInt_LayerOpInterface>]> {
  let summary = "int8 matrix times transposed weights, requantized";
  let description = [{
    `acc = bias[o] + sum_k (input[n, k] - input_zp) * weights[o, k]`, then the
    output stage of `qint.conv2d`. Input `[N, K]`, weights `[O, K]`.
    int16 activations as for `qint.conv2d`.

    ```mlir
    %y = qint.fully_connected %x, %w, %b {input_zp = -128, output_zp = 3,
        multiplier = array<i32: 1526191224>, shift = array<i32: -8>,
        act_min = -128, act_max = 127, rounding = #qint.rounding<double>}
        : (tensor<1x64xi8>, tensor<10x64xi8>, tensor<10xi32>) -> tensor<1x10xi8>
    ```
  }];
  let arguments = !con((ins QInt_ActTensor:$input, QInt_WeightTensor:$weights,
                            Optional<QInt_BiasTensor>:$bias, QAT_SI64Attr:$input_zp),
                       QInt_OutputStage);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = [{
    $input `,` $weights (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

/// The operands and parameters of TFLite's int8 Add and Sub.
defvar QInt_AddArguments = (ins QInt_ActTensor:$lhs, QInt_ActTensor:$rhs,
    QAT_SI64Attr:$lhs_zp, QAT_SI64Attr:$rhs_zp, QAT_SI64Attr:$left_shift,
    QAT_SI64Attr:$lhs_multiplier, QAT_SI64Attr:$lhs_shift,
    QAT_SI64Attr:$rhs_multiplier, QAT_SI64Attr:$rhs_shift,
    QAT_SI64Attr:$output_multiplier, QAT_SI64Attr:$output_shift, QAT_SI64Attr:$output_zp,
    QAT_SI64Attr:$act_min, QAT_SI64Attr:$act_max, QInt_RoundingAttr:$rounding);

def QInt_AddOp : QInt_Op<"add", [Pure, QInt_KernelOpInterface,
                                 QInt_ElementwiseInPlace]> {
  let summary = "int8 addition, TFLite's rescaling to a common scale";
  let description = [{
    Per element (TFLite's int8 Add):
    ```
    a = MultiplyByQuantizedMultiplierSmallerThanOneExp(
          (lhs - lhs_zp) << left_shift, lhs_multiplier, lhs_shift)
    b = ... the same for rhs
    output = clamp(MultiplyByQuantizedMultiplierSmallerThanOneExp(
          a + b, output_multiplier, output_shift) + output_zp, act_min, act_max)
    ```
    The operands have the same shape, or one is 1-D along the other's last
    dimension. Operands and result are all int8 or all int16 (zero points 0,
    `left_shift` at most 15).

    ```mlir
    %y = qint.add %a, %b {lhs_zp = -128, rhs_zp = -128, left_shift = 20,
        lhs_multiplier = 1073741824, lhs_shift = 0,
        rhs_multiplier = 1073741824, rhs_shift = 0,
        output_multiplier = 1073741824, output_shift = -19, output_zp = -128,
        act_min = -128, act_max = 127, rounding = #qint.rounding<double>}
        : (tensor<128xi8>, tensor<128xi8>) -> tensor<128xi8>
    ```
  }];
  let arguments = QInt_AddArguments;
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QInt_SubOp : QInt_Op<"sub", [Pure, QInt_KernelOpInterface,
                                 QInt_ElementwiseInPlace]> {
  let summary = "int8 subtraction, TFLite's rescaling to a common scale";
  let description = [{
    As `qint.add`, with the rescaled operands subtracted: `output =
    clamp(MultiplyByQuantizedMultiplierSmallerThanOneExp(a - b,
    output_multiplier, output_shift) + output_zp, act_min, act_max)`
    (TFLite's Sub, int8 or int16).

    ```mlir
    %y = qint.sub %a, %b {lhs_zp = 0, rhs_zp = 0, left_shift = 15,
        lhs_multiplier = 1073741824, lhs_shift = 0,
        rhs_multiplier = 1073741824, rhs_shift = 0,
        output_multiplier = 1073741824, output_shift = -14, output_zp = 0,
        act_min = -32768, act_max = 32767, rounding = #qint.rounding<double>}
        : (tensor<1x80x16xi16>, tensor<1x80x16xi16>) -> tensor<1x80x16xi16>
    ```
  }];
  let arguments = QInt_AddArguments;
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QInt_MulOp : QInt_Op<"mul", [Pure, QInt_KernelOpInterface,
                                 QInt_ElementwiseInPlace]> {
  let summary = "int8 multiplication";
  let description = [{
    Per element (TFLite's int8 Mul): `output = clamp(
    MultiplyByQuantizedMultiplier((lhs - lhs_zp) * (rhs - rhs_zp),
    output_multiplier, output_shift) + output_zp, act_min, act_max)`.
    Broadcasting and int16 operands as `qint.add`.

    ```mlir
    %y = qint.mul %a, %b {lhs_zp = -128, rhs_zp = -128,
        output_multiplier = 1077952640, output_shift = -7, output_zp = -128,
        act_min = -128, act_max = 127, rounding = #qint.rounding<double>}
        : (tensor<160xi8>, tensor<160xi8>) -> tensor<160xi8>
    ```
  }];
  let arguments = (ins QInt_ActTensor:$lhs, QInt_ActTensor:$rhs,
    QAT_SI64Attr:$lhs_zp, QAT_SI64Attr:$rhs_zp,
    QAT_SI64Attr:$output_multiplier, QAT_SI64Attr:$output_shift, QAT_SI64Attr:$output_zp,
    QAT_SI64Attr:$act_min, QAT_SI64Attr:$act_max, QInt_RoundingAttr:$rounding);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QInt_BatchMatMulOp : QInt_Op<"batch_matmul", [Pure,
    DeclareOpInterfaceMethods<QInt_KernelOpInterface, ["getMACs"]>]> {
  let summary = "Matrix product of two activations, batched (TFLite's)";
  let description = [{
    TFLite's BATCH_MATMUL between two activations, as attention's `Q K^T`
    and `A V` need: over the leading (batch) dimensions, broadcast where
    one operand has 1, each matrix of `lhs` (`[M, K]`, or `[K, M]` when
    `adj_x`) times the matching one of `rhs` (`[K, N]`, or `[N, K]` when
    `adj_y`) gives `[M, N]`:

    `output[.., i, j] = clamp(MultiplyByQuantizedMultiplier(sum_k (lhs[..,
    i, k] - lhs_zp) * (rhs[.., k, j] - rhs_zp), output_multiplier,
    output_shift) + output_zp, act_min, act_max)`.

    int8 operands accumulate in int32; int16 operands (zero points 0)
    accumulate in int64 and rescale with TFLite's 64-bit
    MultiplyByQuantizedMultiplier.

    ```mlir
    %y = qint.batch_matmul %q, %k {lhs_zp = -3, rhs_zp = 5,
        output_multiplier = 1853063559, output_shift = -11, output_zp = -128,
        act_min = -128, act_max = 127, adj_y = true,
        rounding = #qint.rounding<double>}
        : (tensor<1x2x8x16xi8>, tensor<1x2x8x16xi8>) -> tensor<1x2x8x8xi8>
    ```
  }];
  let arguments = (ins QInt_ActTensor:$lhs, QInt_ActTensor:$rhs,
    QAT_SI64Attr:$lhs_zp, QAT_SI64Attr:$rhs_zp,
    QAT_SI64Attr:$output_multiplier, QAT_SI64Attr:$output_shift,
    QAT_SI64Attr:$output_zp, QAT_SI64Attr:$act_min, QAT_SI64Attr:$act_max,
    DefaultValuedAttr<BoolAttr, "false">:$adj_x,
    DefaultValuedAttr<BoolAttr, "false">:$adj_y,
    QInt_RoundingAttr:$rounding);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    /// The parameters of the numerics library's batchMatMul().
    ::mlir::qat::numerics::BatchMatMulParams getBatchMatMulParams();
  }];
  let hasVerifier = 1;
}

def QInt_LayerNormOp : QInt_Op<"layer_norm", [Pure,
    QInt_KernelOpInterface, AllTypesMatch<["input", "output"]>]> {
  let summary = "Integer layer normalization over the last dimension";
  let description = [{
    qat's integer layer norm (docs/Numerics.md, section 15), per row of
    the last dimension's `N` values: `c_i = N x_i - sum_k x_k` (exact),
    `D = sum_i c_i^2 + epsilon`; with `a` the shift bringing `D` to [2^60,
    2^62) by a power of four and `r = floor(2^62 / isqrt(D 4^a))`, `t_i =
    round((c_i << a) r / 2^(62 - F))` is the normalized value in Q`F` of
    `1/sqrt(N)`; then `output_i = clamp(MBQM(t_i * gamma_i + beta_i,
    output_multiplier, output_shift) + output_zp, act_min, act_max)`. The
    input's zero point cancels in `c_i`; `gamma` (int16) and `beta` carry
    the affine part and `sqrt(N)`. int8 values: `F = 14`, `beta` int32, the
    rounding mode's MBQM. int16 values (zero point 0): `F = 30`, `beta`
    int64, TFLite's 64-bit rescale.

    ```mlir
    %y = qint.layer_norm %x, %g, %b {epsilon = 100, output_multiplier =
        1073741824, output_shift = -12, output_zp = 0, act_min = -128,
        act_max = 127, rounding = #qint.rounding<double>}
        : (tensor<1x8x16xi8>, tensor<16xi16>, tensor<16xi32>)
        -> tensor<1x8x16xi8>
    ```
  }];
  let arguments = (ins QInt_ActTensor:$input,
    QAT_BoundedTensorOf<[I16]>:$gamma, QAT_BoundedTensorOf<[I32, I64]>:$beta,
    QAT_SI64Attr:$epsilon, QAT_SI64Attr:$output_multiplier,
    QAT_SI64Attr:$output_shift, QAT_SI64Attr:$output_zp,
    QAT_SI64Attr:$act_min, QAT_SI64Attr:$act_max,
    QInt_RoundingAttr:$rounding);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = [{
    $input `,` $gamma `,` $beta attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    /// The parameters of the numerics library's layerNorm().
    ::mlir::qat::numerics::LayerNormParams getLayerNormParams();
  }];
  let hasVerifier = 1;
}

def QInt_RequantizeOp : QInt_Op<"requantize", [Pure, QInt_KernelOpInterface,
                                               QInt_ElementwiseInPlace]> {
  let summary = "Rescale int8, int16 or int32 values to int8 or int16";
  let description = [{
    `output = clamp(MultiplyByQuantizedMultiplier(input - input_zp,
    multiplier[c], shift[c]) + output_zp, act_min, act_max)`, with `c` the
    index along `axis` when the parameters are per axis. Between int8 and
    int16 it is the exact change of precision (mixed precision).

    ```mlir
    %y = qint.requantize %x {input_zp = 3, output_zp = -1,
        multiplier = array<i32: 1431655765>, shift = array<i32: 1>,
        act_min = -128, act_max = 127, rounding = #qint.rounding<double>}
        : tensor<1x4x4x8xi8> -> tensor<1x4x4x8xi8>
    ```

    Canonicalization folds a requantize that only clamps (multiplier 1.0,
    equal zero points, int8 input) into a per-tensor requantize that reads
    it: the rescale `f` is non-decreasing, so `clamp(f(clamp(x, lo, hi)),
    a, b) = clamp(f(x), max(a, f(lo)), min(b, f(hi)))` exactly.
  }];
  let arguments = !con((ins QInt_ActOrI32Tensor:$input, QAT_SI64Attr:$input_zp,
                            OptionalAttr<QAT_SI64Attr>:$axis),
                       QInt_OutputStage);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def QInt_LeakyReluOp : QInt_Op<"leaky_relu", [Pure, SameOperandsAndResultType,
    QInt_KernelOpInterface, QInt_ElementwiseInPlace]> {
  let summary = "Leaky ReLU of int8 or int16 values (TFLite's LeakyRelu)";
  let description = [{
    Per element, `x = input - input_zp`, then `output = clamp(output_zp +
    MultiplyByQuantizedMultiplier(x, identity_multiplier, identity_shift),
    qmin, qmax)` for `x >= 0` and the same with `alpha_multiplier` and
    `alpha_shift` for `x < 0`, the clamp to the type's range. The
    multipliers encode `s_in / s_out` and `alpha * s_in / s_out`. Int8
    models use a `qint.lookup` table instead (the same values); this op
    serves int16 activations.

    ```mlir
    %y = qint.leaky_relu %x {input_zp = 0, output_zp = 0,
        identity_multiplier = 1073741824, identity_shift = 1,
        alpha_multiplier = 1717986918, alpha_shift = -2,
        rounding = #qint.rounding<double>} : tensor<1x2x160x8xi16>
    ```
  }];
  let arguments = (ins QInt_ActTensor:$input, QAT_SI64Attr:$input_zp,
    QAT_SI64Attr:$output_zp, QAT_SI64Attr:$identity_multiplier,
    QAT_SI64Attr:$identity_shift, QAT_SI64Attr:$alpha_multiplier,
    QAT_SI64Attr:$alpha_shift, QInt_RoundingAttr:$rounding);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Pooling, mean, softmax
//===----------------------------------------------------------------------===//

class QInt_Pool2DOp<string mnemonic> : QInt_Op<mnemonic, [Pure,
    AllElementTypesMatch<["input", "output"]>, QInt_KernelOpInterface,
    DeclareOpInterfaceMethods<QInt_WindowOpInterface>]> {
  let arguments = (ins
    QInt_ActTensor:$input,
    DenseI64ArrayAttr:$kernel,
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
    DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$pad,
    QAT_SI64Attr:$act_min,
    QAT_SI64Attr:$act_max);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QInt_MaxPool2DOp : QInt_Pool2DOp<"max_pool2d"> {
  let summary = "int8 max pooling";
  let description = [{
    The maximum over the input elements of each window (padding never
    wins), clamped to [act_min, act_max]. Input and output share their
    quantization.

    ```mlir
    %y = qint.max_pool2d %x {kernel = array<i64: 2, 2>,
        strides = array<i64: 2, 2>, act_min = -128, act_max = 127}
        : tensor<1x4x4x16xi8> -> tensor<1x2x2x16xi8>
    ```
  }];
}

def QInt_AvgPool2DOp : QInt_Pool2DOp<"avg_pool2d"> {
  let summary = "int8 average pooling";
  let description = [{
    The sum of the input elements of each window divided by their count
    (padding excluded), rounding half away from zero, clamped to
    [act_min, act_max] (TFLite's int8 AveragePool). Input and output share
    their quantization.

    ```mlir
    %y = qint.avg_pool2d %x {kernel = array<i64: 2, 2>,
        strides = array<i64: 2, 2>, act_min = -128, act_max = 127}
        : tensor<1x8x8x16xi8> -> tensor<1x4x4x16xi8>
    ```
  }];
}

def QInt_MeanOp : QInt_Op<"mean", [Pure, QInt_KernelOpInterface]> {
  let summary = "int8 mean over H and W (TFLite's int8 Mean)";
  let description = [{
    `sum = sum_{y, x} (input[n, y, x, c] - input_zp)`; `output =
    clamp(roundedDivide(MultiplyByQuantizedMultiplier(sum, multiplier,
    shift), H * W) + output_zp, -128, 127)`, with `multiplier`/`shift`
    encoding `s_in / s_out` and the division rounding half away from zero.

    ```mlir
    %y = qint.mean %x {input_zp = -128, output_zp = -128,
        multiplier = 1073741824, shift = 1, rounding = #qint.rounding<double>}
        : tensor<1x4x4x32xi8> -> tensor<1x32xi8>
    ```
  }];
  let arguments = (ins QInt_I8Tensor:$input, QAT_SI64Attr:$input_zp,
                       QAT_SI64Attr:$output_zp, QAT_SI64Attr:$multiplier,
                       QAT_SI64Attr:$shift, QInt_RoundingAttr:$rounding);
  let results = (outs QInt_I8Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QInt_SoftmaxOp : QInt_Op<"softmax", [Pure, SameOperandsAndResultType,
                                         QInt_KernelOpInterface]> {
  let summary = "int8 softmax over the last dimension (TFLite's int8 Softmax)";
  let description = [{
    TFLite's int8 softmax with its prepared parameters (`input_multiplier`,
    `input_left_shift`, `diff_min` from PreprocessSoftmaxScaling). The output
    has scale 1/256 and zero point -128. See docs/Numerics.md.

    With int16 input and output (TFLite's int16 Softmax) the output has scale
    1/32768 and zero point 0; `input_multiplier` and `input_left_shift` (a
    signed shift here) map the input scale onto steps of 10/65535, and
    exp(x) and 1/(1 + x) come from two 513-entry tables read with linear
    interpolation. `diff_min` applies to int8 only and is 0.

    ```mlir
    %y = qint.softmax %x {input_multiplier = 1077952640, input_left_shift = 19,
        diff_min = -3968, rounding = #qint.rounding<double>} : tensor<2x5xi8>
    ```
  }];
  let arguments = (ins QInt_ActTensor:$input, QAT_SI64Attr:$input_multiplier,
                       QAT_SI64Attr:$input_left_shift,
                       DefaultValuedAttr<QAT_SI64Attr, "0">:$diff_min,
                       QInt_RoundingAttr:$rounding);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Recurrent
//===----------------------------------------------------------------------===//

def QInt_LstmOp : QInt_Op<"lstm", [Pure,
    DeclareOpInterfaceMethods<QInt_KernelOpInterface,
                              ["getMACs", "getConstantBytes"]>]> {
  let summary = "TFLite's integer LSTM over a sequence (int8 or 16x8)";
  let description = [{
    TFLite's UNIDIRECTIONAL_SEQUENCE_LSTM without peepholes, projection or
    layer norm, as TensorFlow Lite Micro computes it. The input is `[T, B,
    I]` when `time_major`, else `[B, T, I]`; the output is the hidden state
    at every step, `[T, B, H]` or `[B, T, H]`, with the output's zero point
    and scale. Each batch starts from hidden state `output_zp` (real 0) and
    cell state 0, or from `initial(hidden, cell)`: `[B, H]` each, the hidden
    state of the output's type and grid, the cell state int16 at the cell
    scale. Weights and bias stack the gates in the order input,
    forget, cell, output: `input_weights [4, H, I]`, `recurrent_weights [4,
    H, H]`, `bias [4, H]`.

    At each step, for gate `g` and unit `j`, two int16 contributions at the
    gate scale 2^-12, each `clamp(MultiplyByQuantizedMultiplier(acc, m, s),
    -32768, 32767)` of its own accumulator:
    `bias[g, j] + sum_k (x[k] - input_zp) * input_weights[g, j, k]` by
    `input_multiplier[g]`/`input_shift[g]`, and `sum_k (h[k] - output_zp) *
    recurrent_weights[g, j, k]` by the `recurrent_*` pair; their saturating
    int16 sum goes through TFLite's int16 sigmoid (tanh for the cell gate),
    giving Q0.15. Then `c = sat16(sat16(f * c >> forget) + sat16(i * g >>
    update))`, clipped to `[-cell_clip, cell_clip]` when `cell_clip > 0`,
    and `h = clamp(MultiplyByQuantizedMultiplier(tanh(c) * o, hidden) +
    output_zp)` to the output type, where `tanh(c)` reads the cell state at
    scale 2^`cell_scale_power`. With int16 activations the zero points are
    0, the bias int64 and the gate accumulators int64 (TFLite's 64-bit
    MultiplyByQuantizedMultiplier). See docs/Numerics.md.

    ```mlir
    %y = qint.lstm %x, %wx, %wh, %b {input_zp = -128, output_zp = 1,
        input_multiplier = array<i32: 1080990464, 1084475904, 1082850560,
                                      1080487424>,
        input_shift = array<i32: -2, -2, -2, -2>,
        recurrent_multiplier = array<i32: 1584295680, 1591598720, 1599350272,
                                          1611693952>,
        recurrent_shift = array<i32: -2, -2, -2, -2>,
        forget_multiplier = 1073741824, forget_shift = -14,
        update_multiplier = 1073741824, update_shift = -15,
        hidden_multiplier = 1441324494, hidden_shift = -22,
        cell_scale_power = -14, cell_clip = 0, time_major = true,
        rounding = #qint.rounding<double>}
        : (tensor<10x1x22xi8>, tensor<4x11x22xi8>, tensor<4x11x11xi8>,
           tensor<4x11xi32>) -> tensor<10x1x11xi8>
    ```
  }];
  let arguments = (ins QInt_ActTensor:$input, QInt_I8Tensor:$input_weights,
      QInt_I8Tensor:$recurrent_weights, QInt_BiasTensor:$bias,
      Variadic<QInt_ActTensor>:$initial_state, QAT_SI64Attr:$input_zp, QAT_SI64Attr:$output_zp,
      DenseI32ArrayAttr:$input_multiplier, DenseI32ArrayAttr:$input_shift,
      DenseI32ArrayAttr:$recurrent_multiplier,
      DenseI32ArrayAttr:$recurrent_shift,
      QAT_SI64Attr:$forget_multiplier, QAT_SI64Attr:$forget_shift,
      QAT_SI64Attr:$update_multiplier, QAT_SI64Attr:$update_shift,
      QAT_SI64Attr:$hidden_multiplier, QAT_SI64Attr:$hidden_shift,
      QAT_SI64Attr:$cell_scale_power, QAT_SI64Attr:$cell_clip,
      BoolAttr:$time_major, QInt_RoundingAttr:$rounding);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = [{
    $input `,` $input_weights `,` $recurrent_weights `,` $bias
    (`initial` `(` $initial_state^ `)`)? attr-dict `:`
    functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    /// The parameters of the numerics library's lstm().
    ::mlir::qat::numerics::LstmParams getLstmParams();
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

def QInt_GruOp : QInt_Op<"gru", [Pure,
    DeclareOpInterfaceMethods<QInt_KernelOpInterface,
                              ["getMACs", "getConstantBytes"]>]> {
  let summary = "qat's integer GRU over a sequence (int8, int16 gates)";
  let description = [{
    PyTorch's GRU (`n = tanh(x W_n + b_xn + r * (h U_n + b_hn))`, `h' = (1 -
    z) * n + z * h`) on the grids of `qint.lstm`; TFLite has no integer GRU,
    so these are qat's own formulas (docs/Numerics.md). Layouts as
    `qint.lstm`; the gates are stacked reset, update, new:
    `input_weights [3, H, I]`, `recurrent_weights [3, H, H]`, `input_bias`
    and `recurrent_bias [3, H]` (int32).

    For gate `g` and unit `j`, `a_g` and `b_g` are the input and recurrent
    contributions `sat16(MBQM(bias + sum (v - zp) * w))` at 2^-12, each
    with its own bias; `r = sigmoid(sat16(a_r + b_r))`, `z =
    sigmoid(sat16(a_z + b_z))`, `n = tanh(sat16(a_n + rdbpot(r * b_n,
    15)))` (Q0.15, TFLite's table functions); the state `s` (int16 in Q0.15,
    0 at the start, or `initial(%s0)`, `[B, H]` int16) becomes `sat16(n + rdbpot(z * (s - n), 15))`, and the
    hidden state, the step's output and the next step's recurrent input, is
    `clamp(MBQM(s, hidden) + output_zp, -128, 127)` (that of the initial
    state at the start).

    ```mlir
    %y = qint.gru %x, %wx, %wh, %bx, %bh {input_zp = -3, output_zp = 0,
        input_multiplier = array<i32: 1080990464, 1084475904, 1082850560>,
        input_shift = array<i32: -2, -2, -2>,
        recurrent_multiplier = array<i32: 1584295680, 1591598720, 1599350272>,
        recurrent_shift = array<i32: -2, -2, -2>,
        hidden_multiplier = 1073741824, hidden_shift = -7, time_major = false,
        rounding = #qint.rounding<double>}
        : (tensor<1x8x8xi8>, tensor<3x16x8xi8>, tensor<3x16x16xi8>,
           tensor<3x16xi32>, tensor<3x16xi32>) -> tensor<1x8x16xi8>
    ```
  }];
  let arguments = (ins QInt_I8Tensor:$input, QInt_I8Tensor:$input_weights,
      QInt_I8Tensor:$recurrent_weights, QAT_BoundedTensorOf<[I32]>:$input_bias,
      QAT_BoundedTensorOf<[I32]>:$recurrent_bias,
      Optional<QAT_BoundedTensorOf<[I16]>>:$initial_state,
      QAT_SI64Attr:$input_zp, QAT_SI64Attr:$output_zp,
      DenseI32ArrayAttr:$input_multiplier, DenseI32ArrayAttr:$input_shift,
      DenseI32ArrayAttr:$recurrent_multiplier,
      DenseI32ArrayAttr:$recurrent_shift,
      QAT_SI64Attr:$hidden_multiplier, QAT_SI64Attr:$hidden_shift,
      BoolAttr:$time_major, QInt_RoundingAttr:$rounding);
  let results = (outs QInt_I8Tensor:$output);
  let assemblyFormat = [{
    $input `,` $input_weights `,` $recurrent_weights `,` $input_bias `,`
    $recurrent_bias (`initial` `(` $initial_state^ `)`)? attr-dict `:`
    functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    /// The parameters of the numerics library's gru().
    ::mlir::qat::numerics::GruParams getGruParams();
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def QInt_LookupOp : QInt_Op<"lookup", [Pure, SameOperandsAndResultType,
    QInt_ElementwiseInPlace,
    DeclareOpInterfaceMethods<QInt_KernelOpInterface, ["getConstantBytes"]>]> {
  let summary = "Element-wise int8 function by a 256-entry table";
  let description = [{
    `output[i] = table[input[i] + 128]`. Lowering fills the table from the
    input and output quantization of a `qat.pointwise` function (sigmoid,
    tanh, hard_swish, ...), so a table lookup reproduces the fake-quant graph
    exactly.

    ```mlir
    %y = qint.lookup %x {table = array<i8: -128, -128, ..., 127>}
        : tensor<1x8x8x16xi8>
    ```
  }];
  let arguments = (ins QInt_I8Tensor:$input, DenseI8ArrayAttr:$table);
  let results = (outs QInt_I8Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def QInt_PadOp : QInt_Op<"pad", [Pure, QInt_KernelOpInterface,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Constant padding of an int8 tensor";
  let description = [{
    `padding = [before_0, after_0, ...]`; new elements are `value`, normally
    the zero point (the quantized 0).

    ```mlir
    %y = qint.pad %x {padding = array<i64: 0, 0, 0, 0, 1, 2, 1, 2>, value = -128}
        : tensor<1x2x2x2xi8> -> tensor<1x2x5x5xi8>
    ```
  }];
  let arguments = (ins QInt_ActTensor:$input, DenseI64ArrayAttr:$padding,
                       QAT_SI64Attr:$value);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QInt_ConcatOp : QInt_Op<"concat", [Pure, QInt_KernelOpInterface]> {
  let summary = "Concatenation of int8 tensors sharing one quantization";
  let description = [{
    ```mlir
    %y = qint.concat %a, %b {axis = 3}
        : (tensor<1x4x4x8xi8>, tensor<1x4x4x2xi8>) -> tensor<1x4x4x10xi8>
    ```
  }];
  let arguments = (ins Variadic<QInt_ActTensor>:$inputs, QAT_SI64Attr:$axis);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = "$inputs attr-dict `:` functional-type($inputs, results)";
  let hasVerifier = 1;
}

def QInt_TransposeOp : QInt_Op<"transpose", [Pure, QInt_KernelOpInterface,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Dimensions permuted: result dimension i is input dimension permutation[i]";
  let description = [{
    ```mlir
    %y = qint.transpose %x {permutation = array<i64: 0, 2, 3, 1>}
        : tensor<1x3x8x8xi8> -> tensor<1x8x8x3xi8>
    ```
  }];
  let arguments = (ins QInt_ActTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def QInt_SliceOp : QInt_Op<"slice", [Pure, QInt_KernelOpInterface,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Every `strides[d]`-th element from `begin[d]` along each dimension";
  let description = [{
    `output[i_0, ..., i_r] = input[begin_0 + i_0 * strides_0, ...,
    begin_r + i_r * strides_r]`; the result type gives how many elements
    each dimension takes. A stride may be negative (the elements are taken
    backwards from `begin`). TFLite's StridedSlice, its masks resolved.

    ```mlir
    %y = qint.slice %x {begin = array<i64: 0, 1, 0, 0>,
        strides = array<i64: 1, 1, 2, 1>}
        : tensor<1x3x8x4xi8> -> tensor<1x2x4x4xi8>
    ```
  }];
  let arguments = (ins QInt_ActTensor:$input, DenseI64ArrayAttr:$begin,
                       DenseI64ArrayAttr:$strides);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QInt_ReshapeOp : QInt_Op<"reshape", [Pure,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Same elements in row-major order, another shape";
  let description = [{
    ```mlir
    %y = qint.reshape %x : tensor<1x2x2x16xi8> -> tensor<1x64xi8>
    ```
  }];
  let arguments = (ins QInt_ActOrI32Tensor:$input);
  let results = (outs QInt_ActOrI32Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Graph boundary
//===----------------------------------------------------------------------===//

def QInt_QuantizeOp : QInt_Op<"quantize", [Pure, QInt_KernelOpInterface]> {
  let summary = "float to int8 at the graph boundary (TFLite's Quantize)";
  let description = [{
    `output = clamp(round_half_away_from_zero(input / scale) + zero_point,
    -128, 127)`, computed in double.

    ```mlir
    %q = qint.quantize %x {scale = 0.0039215686274509803, zero_point = -128}
        : tensor<1x8x8x1xf32> -> tensor<1x8x8x1xi8>
    ```
  }];
  let arguments = (ins QInt_F32Tensor:$input, F64Attr:$scale,
                       QAT_SI64Attr:$zero_point);
  let results = (outs QInt_ActTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QInt_DequantizeOp : QInt_Op<"dequantize", [Pure, QInt_KernelOpInterface]> {
  let summary = "int8 to float at the graph boundary (TFLite's Dequantize)";
  let description = [{
    `output = float(scale * (input - zero_point))`, computed in double.

    ```mlir
    %y = qint.dequantize %q {scale = 0.00390625, zero_point = -128}
        : tensor<1x10xi8> -> tensor<1x10xf32>
    ```
  }];
  let arguments = (ins QInt_ActTensor:$input, F64Attr:$scale,
                       QAT_SI64Attr:$zero_point);
  let results = (outs QInt_F32Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

#endif // QAT_DIALECT_QINT_IR_QINTOPS_TD
