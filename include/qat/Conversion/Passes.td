// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
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
      quantization a caller needs. An input whose range is narrower than
      its storage (PyTorch's reduced-range [0, 127], 4-bit levels) is
      clamped to its levels first, as its fake_quant clamps, whatever
      integers the caller passes.

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

def QIntToLoopsPass : Pass<"qint-to-loops", "::mlir::ModuleOp"> {
  let summary = "Lower qint programs on int8 tensors to loops over memrefs";
  let description = [{
    Turns each function of int8 `qint` kernels (as `qat-to-int8` with
    `int8-io` produces) into the C-callable entry point that the native
    (LLVM) and C backends share:

    ```
    int32_t qat_<name>_run(const int8_t *input0, ..., int8_t *output0, ...,
                           void *arena);   // returns 0
    ```

    Here the entry takes memrefs (`memref<...xi8>` inputs, then outputs,
    then the arena as `memref<1xi8>`) and returns an `i32`; lowered to LLVM
    with `use-bare-ptr-memref-call-conv`, every memref argument is a plain
    pointer. Weights and per-channel parameters become constant
    `memref.global`s; each kernel becomes a private function
    (`qat_<name>_run_kernel<k>`, the entry calls them in order) holding an
    `scf.for` nest whose requantization arithmetic is emitted by
    instantiating the numerics library's generic definitions
    (`qat/Numerics/Generic.h`) with `arith` ops, so it cannot drift from what
    `qat-run` computes. One function per kernel keeps the lowering to LLVM
    linear in the program (it splits blocks, at the cost of their length).
    Intermediate tensors live at their planned offsets in the arena when
    `qint-plan-memory` ran, on the stack (`memref.alloca`) otherwise.

    `name` replaces the function's name in the entry point (a module with
    one function); functions with float boundary ops are rejected (compile
    them with `int8-io`).
  }];
  let options = [
    Option<"modelName", "name", "std::string", "\"\"",
           "Entry point qat_<name>_run for the module's only function">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
}

#endif // QAT_CONVERSION_PASSES_TD
