// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Passes.td - passes on the qat dialect ---------------*- tablegen -*-===//

#ifndef QAT_DIALECT_QAT_TRANSFORMS_PASSES_TD
#define QAT_DIALECT_QAT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def QATImportQuantCastsPass : Pass<"qat-import-quant-casts"> {
  let summary = "Turn upstream quant.dcast(quant.qcast(x)) pairs into qat.fake_quant";
  let description = [{
    Graphs from other MLIR front ends mark quantization with a
    `quant.qcast` to a `!quant.uniform` type followed by a `quant.dcast` back
    to float. This pass rewrites each such pair into the equivalent
    `qat.fake_quant` in affine form (scale, zero point and the storage range
    of the quantized type as `quant_min`/`quant_max`; per-axis types keep
    their axis), so those graphs enter the same pipeline as qat's own.

    Run it before `--canonicalize`: upstream folds `dcast(qcast(x))` to `x`,
    which drops the quantization the graph describes.

    The quant dialect leaves rounding unspecified; the pass records
    `half_to_even`, the rule of StableHLO's `quantize` and ONNX
    QuantizeLinear. Pairs that `qat.fake_quant` cannot express (an expressed
    type other than f32, dynamic shapes, storage wider than 16 bits,
    sub-channel quantization) are left as they are.

    Before:

    ```mlir
    %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i8:f32, 0.1:-3>>
    %y = quant.dcast %q : tensor<4x!quant.uniform<i8:f32, 0.1:-3>> to tensor<4xf32>
    ```

    After:

    ```mlir
    %y = qat.fake_quant %x {quant_max = 127 : i64, quant_min = -128 : i64,
                            rounding = #qat.rounding<half_to_even>,
                            scale = array<f64: 1.000000e-01>,
                            zero_point = array<i64: -3>} : tensor<4xf32>
    ```
  }];
  let dependentDialects = ["::mlir::qat::QATDialect"];
}

def QATFoldBatchNormPass : Pass<"qat-fold-batchnorm", "::mlir::func::FuncOp"> {
  let summary = "Fold qat.batch_norm into the preceding conv, depthwise conv or fully connected layer";
  let description = [{
    Folds every `qat.batch_norm` into the layer that produces its input, so
    the integer program has no batchnorm. With `g = gamma / sqrt(variance +
    epsilon)` per channel, a layer output `y` (with its own bias `cb`)
    followed by an optional per-channel `qat.mul` by `s` and `qat.add` of
    `b` becomes the same layer with weights scaled by `k = s * g` and bias
    `(cb * s + b - mean) * g + beta`.

    **PyTorch's fused ConvBn QAT form** (`conv(x, fq(W * g)) * (1 / g) + b`
    then `batch_norm`): here `k = 1` (to float32 rounding, 1e-5 relative),
    so the weights are left exactly as training fake-quantized them and only
    the bias changes. This is where deployed accuracy is usually lost, and
    why this form is recognised by its structure (a `qat.mul` by a constant
    between layer and batchnorm) rather than re-derived.

    **TensorFlow's form** (the fake-quant sits on the unfolded weights): the
    weights are scaled by `k` and their fake-quant parameters follow. Per
    axis (along the output channels) each channel's range scales by `k`
    (a negative `gamma` flips it): the folded weights quantize to the same
    levels training saw, up to float rounding. Per tensor there is no such
    exact rescaling: the range is re-derived from the folded weights
    (min/max, or max |w| for the symmetric affine form), the deployed
    weights differ from the trained ones, and the pass warns. Train
    per-channel, or in PyTorch's fused form, to avoid that.

    A batch_norm (with its mul and add) of a concatenation of layers along
    the channels, as a grouped convolution imports, is split into one per
    part first, each folded into its layer (they act on each channel
    alone).

    A batch_norm that cannot be folded (its input does not come from a conv,
    depthwise conv or fully connected layer through at most a per-channel
    mul and add, a value in that chain has other users, or a parameter is
    not a constant) is an error naming the reason; it is never dropped.

    Before:

    ```mlir
    %wq = qat.fake_quant %w {axis = 0, ...} : tensor<8x3x3x1xf32>
    %c = qat.conv2d %x, %wq : (...) -> tensor<1x8x8x8xf32>
    %s = qat.mul %c, %inv_g : (tensor<1x8x8x8xf32>, tensor<8xf32>) -> ...
    %y = qat.batch_norm %s, %gamma, %beta, %mean, %var {epsilon = 1.0e-05} : ...
    ```

    After:

    ```mlir
    %wq = qat.fake_quant %w {axis = 0, ...} : tensor<8x3x3x1xf32>
    %y = qat.conv2d %x, %wq, %folded_bias : (...) -> tensor<1x8x8x8xf32>
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def QATPropagateScalesPass
    : Pass<"qat-propagate-scales", "::mlir::func::FuncOp"> {
  let summary = "Give every activation tensor quantization parameters";
  let description = [{
    Brings a (batchnorm-folded) training graph to the form that
    `qat-lower-to-int` reads: every activation edge runs through a
    `qat.fake_quant`, whose parameters are those of the int8 tensor the
    device holds there. Parameters that came from training are never
    changed, only propagated; every fake_quant the pass inserts carries the
    unit attribute `qat.inferred`.

    Rules, applied to a fixpoint:
    - Scale-preserving ops (`qat.reshape`, `qat.transpose`,
      `qat.max_pool2d`, `qat.pad`, and `qat.relu`/`relu6`/`clamp` on an
      already quantized input) pass
      parameters forward (input to output) and, except the activations,
      backward (output to input).
    - `qat.avg_pool2d` and `qat.mean` without output parameters take their
      input's (TFLite's int8 kernels keep the scale).
    - `qat.concat`: without output parameters it takes its inputs' when
      they agree; each input whose parameters differ from the output's is
      re-quantized to them (a fake_quant with the output's parameters),
      and an input without parameters takes the output's (exact: a
      fake_quant is element-wise, so it commutes with the concatenation).
      A relu, relu6 or clamp of a concatenation of layers (a grouped
      convolution) is applied to each part instead, where it fuses.
    - `qat.softmax` output: scale 1/256, zero point -128 ([-128, 127]), as
      TFLite's int8 softmax produces.
    - A layer's output followed by `fake_quant(p) -> relu|relu6|clamp ->
      fake_quant(p)` becomes `relu|relu6|clamp -> fake_quant(p)` (exact:
      rounding commutes with clamping to bounds that are themselves
      rounded), so the activation fuses into the layer's clamp range.
    - Biases need no fake_quant: their scale is the input scale times the
      weight scale, per channel, and `qat-lower-to-int` derives it.

    A tensor that still has no parameters is an error naming the op that
    produces or reads it, and suggesting the fix: insert a `qat.fake_quant`,
    or pass `default-range=min,max`, which quantizes every such tensor
    to that range (TensorFlow form, 8 bits) instead.

    Before:

    ```mlir
    %a = qat.fake_quant %x {...} : tensor<1x4x4x8xf32>
    %p = qat.max_pool2d %a {kernel = array<i64: 2, 2>, ...} : ... -> tensor<1x2x2x8xf32>
    %r = qat.reshape %p : tensor<1x2x2x8xf32> -> tensor<1x32xf32>
    ```

    After:

    ```mlir
    %a = qat.fake_quant %x {...} : tensor<1x4x4x8xf32>
    %p = qat.max_pool2d %a {...} : tensor<1x4x4x8xf32> -> tensor<1x2x2x8xf32>
    %pq = qat.fake_quant %p {..., qat.inferred} : tensor<1x2x2x8xf32>
    %r = qat.reshape %pq : tensor<1x2x2x8xf32> -> tensor<1x32xf32>
    %rq = qat.fake_quant %r {..., qat.inferred} : tensor<1x32xf32>
    ```
  }];
  let options = [
    ListOption<"defaultRange", "default-range", "double",
               "Quantize tensors without parameters to [min, max] instead "
               "of failing (two values: min,max)">
  ];
}

def QATInt16ActivationsPass
    : Pass<"qat-int16-activations", "::mlir::func::FuncOp"> {
  let summary = "Give chosen activations 16-bit ranges (mixed precision)";
  let description = [{
    Rewrites the activation `qat.fake_quant`s of the chosen layers to
    TFLite's 16x8 scheme: the same real range, held in symmetric int16
    levels, `scale = max(|lo|, |hi|) / 32767`, zero point 0, `[-32768,
    32767]`, with the fake_quant's own tie-breaking. `qat-lower-to-int` then
    gives those tensors int16 storage and the layers around them the int16
    kernels; where an int8 tensor meets an int16 one, the layer's output
    stage (or an exact widening, `128 * (q - zp)`) changes precision, so the
    integer program still matches the rewritten fake-quant graph.

    A layer is chosen by the name the per-layer report gives it: the
    location of the op that produces its input (the layer, or its fused
    relu/relu6/clamp), or of the fake_quant itself: an ONNX node name, a
    PyTorch module path, or `file:line:col`; `input N` for the function's
    argument N. `all` chooses every activation. Run it
    before `qat-propagate-scales`, which carries the new parameters through
    pools and reshapes. A name that matches no activation fake_quant is an
    error listing the names that would.

    Raising precision after training changes the graph that was trained:
    the finer levels are closer to the float network, which is what 16-bit
    activations are for, but the reference is the rewritten graph.

    ```mlir
    // qat-int16-activations{layers=conv1}
    %y = qat.fake_quant %c {scale = array<f64: 0.02>, zero_point = array<i64: -128>,
                            quant_min = -128, quant_max = 127} : ...
    // becomes: scale = 2.55 / 32767 = 7.782e-05, zero point 0,
    //          quant_min = -32768, quant_max = 32767
    ```
  }];
  let options = [
    ListOption<"layers", "layers", "std::string",
               "Names of the layers (or 'all') whose activations become "
               "int16">
  ];
}

#endif // QAT_DIALECT_QAT_TRANSFORMS_PASSES_TD
