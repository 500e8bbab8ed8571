//===- Passes.td - passes on the qint dialect --------------*- tablegen -*-===//

#ifndef QAT_DIALECT_QINT_TRANSFORMS_PASSES_TD
#define QAT_DIALECT_QINT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def QIntCheckAccumulatorsPass
    : Pass<"qint-check-accumulators", "::mlir::func::FuncOp"> {
  let summary = "Prove that no int32 accumulator of a conv or fully connected layer can overflow";
  let description = [{
    For every `qint.conv2d`, `qint.depthwise_conv2d` and
    `qint.fully_connected`, bounds each output channel's accumulator by

    ```
    |bias[c]| + sum over the channel's weights |w| * max |x - input_zp|
    ```

    where `x` ranges over the input's possible values: the clamp range
    `[act_min, act_max]` of the kernel that produced it, or all of int8.
    Every partial sum is bounded by the same total, so the accumulator can
    overflow at no point of the summation. A bound beyond 2^31 - 1 is an
    error naming the op, the channel and the bound; the program is left
    unchanged either way. A weight or bias that is not a constant is
    reported too, since nothing can then be proven.

    ```mlir
    // error: 'qint.fully_connected' op int32 accumulator of output channel 0
    // can reach 2147483901 (bias 2147483647 + weights 1 x input range 254)
    ```
  }];
}

#endif // QAT_DIALECT_QINT_TRANSFORMS_PASSES_TD
