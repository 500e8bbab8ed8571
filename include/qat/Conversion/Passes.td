//===- Passes.td - level-changing passes -------------------*- tablegen -*-===//

#ifndef QAT_CONVERSION_PASSES_TD
#define QAT_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def QATLowerToIntPass : Pass<"qat-lower-to-int", "::mlir::func::FuncOp"> {
  let summary = "Lower a scale-propagated qat graph to the qint integer program";
  let description = [{
    Rewrites a function in the form `qat-propagate-scales` produces into
    `qint` kernels on int8 tensors with int32 accumulators:

    - weights become int8 constants, quantized by their fake_quant's own
      formula (per channel when it is per axis); they must be symmetric
      (zero point 0 in int8 storage);
    - biases become int32 constants with scale `s_in * s_w[c]`, rounded half
      away from zero; a bias beyond int32 is an error naming the channel;
    - each layer (conv2d, depthwise_conv2d, fully_connected, add, mul,
      mean, softmax) and its output fake_quant become one kernel, with the
      per-channel multiplier and shift of `M = s_in * s_w[c] / s_out` from
      `QuantizeMultiplier`, and a relu, relu6 or clamp between them fused
      into the output clamp range;
    - a fake_quant of an already quantized value with other parameters
      becomes `qint.requantize`;
    - unsigned ranges are stored in int8 centred by -2^(bits-1): [0, 255]
      (PyTorch quint8, ONNX uint8, TensorFlow's 8-bit levels) with every
      level and the zero point shifted by -128, 4-bit [0, 15] by -8 (exact
      either way); signed ranges narrower than int8 keep their range, and
      the kernels clamp to it;
    - at the boundary, float inputs are quantized with `qint.quantize` and
      results dequantized with `qint.dequantize`, or, with `int8-io`, the
      function takes and returns int8 tensors. Either way each argument and
      result carries `qint.scale` and `qint.zero_point` attributes, the
      quantization a caller needs.

    The rounding of every requantization is the `rounding` option
    (`double`, TFLite Micro's and CMSIS-NN's default, or `single`).

    The pass rewrites by walking the function's DAG rather than with
    pattern-based dialect conversion: lowering one layer reads a window of
    ops (the layer, a fused activation, its output fake_quant) and the
    parameters of its operands' fake_quants. Its guarantee is the same: any
    `qat` op or float tensor left inside the body is an error.

    Before:

    ```mlir
    %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, ...}
    %wq = qat.fake_quant %w {scale = array<f64: 0.25>, zero_point = array<i64: 0>, ...}
    %y = qat.fully_connected %xq, %wq, %b : ...
    %r = qat.relu %y : tensor<1x4xf32>
    %yq = qat.fake_quant %r {scale = array<f64: 0.125>, zero_point = array<i64: -128>, ...}
    ```

    After:

    ```mlir
    %q = qint.quantize %x {scale = 5.000000e-01 : f64, zero_point = 0 : i64}
    %y = qint.fully_connected %q, %w_i8, %b_i32 {input_zp = 0, output_zp = -128,
        multiplier = array<i32: 1073741824>, shift = array<i32: 0>,
        act_min = -128, act_max = 127, rounding = #qint.rounding<double>}
    %r = qint.dequantize %y {scale = 1.250000e-01 : f64, zero_point = -128 : i64}
    ```
  }];
  let options = [
    Option<"rounding", "rounding", "std::string", "\"double\"",
           "Requantization rounding: double (gemmlowp, TFLite Micro, "
           "CMSIS-NN) or single">,
    Option<"int8IO", "int8-io", "bool", "false",
           "Take and return int8 tensors instead of quantizing and "
           "dequantizing float ones">
  ];
  let dependentDialects = ["::mlir::qint::QIntDialect",
                           "::mlir::arith::ArithDialect"];
}

#endif // QAT_CONVERSION_PASSES_TD
