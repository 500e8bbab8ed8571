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

#endif // QAT_DIALECT_QAT_TRANSFORMS_PASSES_TD
