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

#endif // QAT_DIALECT_QAT_TRANSFORMS_PASSES_TD
