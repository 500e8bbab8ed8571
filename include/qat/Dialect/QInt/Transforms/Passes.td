// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Passes.td - passes on the qint dialect --------------*- tablegen -*-===//

#ifndef QAT_DIALECT_QINT_TRANSFORMS_PASSES_TD
#define QAT_DIALECT_QINT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def QIntCheckAccumulatorsPass
    : Pass<"qint-check-accumulators", "::mlir::func::FuncOp"> {
  let summary = "Prove that no accumulator or output stage of a layer can overflow";
  let description = [{
    For every `qint.conv2d`, `qint.depthwise_conv2d` and
    `qint.fully_connected`, bounds each output channel's accumulator by

    ```
    |bias[c]| + sum over the channel's weights |w| * max |x - input_zp|
    ```

    where `x` ranges over the input's possible values: the clamp range
    `[act_min, act_max]` of the kernel that produced it, or all of its
    element type (int8 or int16). Every partial sum is bounded by the same
    total, so the accumulator can overflow at no point of the summation.
    The limit is 2^31 - 1 for int32 accumulators (int8 activations, and
    int16 ones with an i32 bias). An int16 layer with an i64 bias, or none,
    accumulates in int64; its bound must stay below 2^47 (the range of the
    64-bit rescale's product) and the rescaled bound, `bound * ((m + 2^15)
    >> 16) / 2^(15 - shift)` rounded up, within int32. A bound beyond its
    limit is an error naming the op, the channel and the bound; the program
    is left unchanged either way. A weight or bias that is not a constant is
    reported too, since nothing can then be proven.

    The same bound then proves the output stage (`quant_c7` in
    docs/QIntSpec.md): the accumulator rescaled by the channel's multiplier
    and shift (with double rounding, shifted left first when the shift is
    positive) and the rescaled value plus `output_zp` stay within int32, so
    no kernel wraps where the fake-quant graph would saturate. A layer whose
    output scale is thousands of times smaller than its input and weight
    scales fails here, naming the channel. A `qint.requantize` of a constant
    `i32` tensor is proven from its values. A `qint.lstm` is proven per gate
    unit for its two accumulators: the input product (bias included, the
    input ranging as above) and the recurrent product (the hidden state
    ranging over the whole output type), each rescaled to int16.

    ```mlir
    // error: 'qint.fully_connected' op int32 accumulator of output channel 0
    // can reach 2147483901 (bias 2147483647 + weights 1 x input range 254)
    // error: 'qint.fully_connected' op the int32 accumulator of output
    // channel 1 can reach 32893, and shifted left by 20 it leaves int32
    // (its multiplier is too large for the values it rescales) [quant_c7]
    ```

    The C emitter proves the output stages of every program it writes
    (`qint::checkOutputStages`), for any accumulator a layer can hold: a
    program from TFLite's int16 scheme with i32 biases relies on its data to
    keep the accumulator in range, but no kernel may wrap after it.
  }];
}

def QIntExpandTransposeConvPass
    : Pass<"qint-expand-transpose-conv", "::mlir::func::FuncOp"> {
  let summary = "Rewrite each qint.transpose_conv2d as a stride-1 qint.conv2d";
  let description = [{
    A transposed convolution with stride `s`, filter size `k` and padding
    before `p` computes `out[oy] = sum in[iy] * w[ky]` over
    `oy = iy * s - p + ky`. That is the stride-1 `qint.conv2d` of the input
    spread `s` apart (each gap filled with the input zero point, so it adds
    nothing), padded by `k - 1 - p` before and by what the output size
    leaves after, with the filter flipped in H and W. The spread is built
    from the data-movement ops every backend runs (`qint.reshape`,
    `qint.pad`, `qint.slice`); the conv keeps the op's output stage.

    ```mlir
    %y = qint.transpose_conv2d %x, %w {input_zp = 0, output_zp = 0,
        multiplier = array<i32: 1073741824>, shift = array<i32: 0>,
        act_min = -128, act_max = 127, strides = array<i64: 2, 2>,
        pad = array<i64: 0, 0>, rounding = #qint.rounding<double>}
        : (tensor<1x2x2x1xi8>, tensor<1x2x2x1xi8>) -> tensor<1x4x4x1xi8>
    // becomes: the 2x2 input spread to 3x3, then
    %y = qint.conv2d %spread, %flipped {..., pad = array<i64: 1, 1, 1, 1>}
        : (tensor<1x3x3x1xi8>, tensor<1x2x2x1xi8>) -> tensor<1x4x4x1xi8>
    ```

    The filter must be a constant (it is flipped at compile time); the
    pass fails naming the op otherwise. qat's compiler runs it first on
    every integer program.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def QIntPackWeightsPass : Pass<"qint-pack-weights", "::mlir::func::FuncOp"> {
  let summary = "Store int8 weights whose values all fit in 4 bits as i4";
  let description = [{
    A model trained with 4-bit weights reaches qat in an int8 container:
    ONNX opset 13 has no 4-bit type, so the exported weights are int8 with
    values in [-8, 7]. For every `qint.conv2d`, `qint.depthwise_conv2d` and
    `qint.fully_connected` whose constant `i8` weights all lie in [-8, 7],
    the pass replaces them with the same values as an `i4` constant, which
    the C path stores two per byte: half the weight flash, and the same
    results bit for bit (the kernels compute with the same values).
    Weights with any value outside [-8, 7] are left as they are.

    ```mlir
    %w = arith.constant dense<[[3, -8], [7, 0]]> : tensor<2x2xi8>
    // becomes
    %w = arith.constant dense<[[3, -8], [7, 0]]> : tensor<2x2xi4>
    ```

    With `report`, a remark on the function gives the weights packed and
    the bytes they take in int8 and packed.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
  let options = [
    Option<"report", "report", "bool", "false",
           "Emit a remark with the weights packed and the bytes saved">
  ];
}

def QIntPlanMemoryPass : Pass<"qint-plan-memory", "::mlir::func::FuncOp"> {
  let summary = "Give every intermediate tensor an offset in one static arena";
  let description = [{
    Plans the activation memory of an integer program so that a
    microcontroller needs one arena of a size known at compile time and no
    heap. Buffers are the tensors qint kernels produce; a `qint.reshape`
    shares its input's buffer (no copy). Function arguments and returned
    tensors live in the caller's buffers, not in the arena; weights are
    constants.

    A buffer lives from the op that defines it to the last op that reads it
    or any of its aliases (both included: a kernel's inputs and output
    coexist). Buffers are placed greedily by decreasing size, each at the
    lowest offset (a multiple of `alignment`) where it overlaps no placed
    buffer whose lifetime intersects its own.

    With `in-place` (the default), an element-wise kernel (`qint.add`,
    `qint.mul`, `qint.requantize`, `qint.lookup`) whose same-sized operand
    dies at it writes its output over that operand's buffer: every backend's
    kernel reads an element before it writes the same element, so the bytes
    are the same, and a residual network needs one activation buffer less
    at each add. The report then also gives the out-of-place bound: the
    most bytes live at one op with every kernel writing a buffer of its own.

    A kernel that needs working memory (a backend's choice: the C runtime's
    convolutions gather one receptive field) says so with `qint.scratch =
    N : i64` on the op; the pass plans it as a buffer of N bytes that lives
    during that op only and sets `qint.scratch_offset`.

    The pass sets `qint.offset` on each planned tensor's producer (and on its
    reshapes) and `qint.arena_size` on the function. The liveness lower bound
    is the largest number of bytes live at any one op; with `report`, the
    pass emits a remark listing each buffer (producer, size, lifetime,
    offset), the arena size and the bound, and explaining any bytes above it.

    ```mlir
    %a = qint.conv2d ... {qint.offset = 0 : i64} ...
    %b = qint.max_pool2d %a {qint.offset = 1024 : i64} ...
    // func.func @main(...) attributes {qint.arena_size = 1280 : i64}
    ```
  }];
  let options = [
    Option<"alignment", "alignment", "int64_t", "1",
           "Align every offset to this many bytes">,
    Option<"report", "report", "bool", "false",
           "Emit a remark with the plan and the liveness lower bound">,
    Option<"inPlace", "in-place", "bool", "true",
           "Let kernels write over an operand that dies there">,
    Option<"inPlaceWindows", "in-place-windows", "bool", "true",
           "With in-place, let windowed kernels write over their input where "
           "that lowers the peak">
  ];
}

#endif // QAT_DIALECT_QINT_TRANSFORMS_PASSES_TD
