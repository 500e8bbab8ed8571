#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Seeds for the ONNX fuzzer (utils/fuzz.sh): one small model per operator
and per attribute the importer reads, each importable, so mutations start
from every handler and every option of it.

  make_fuzz_seeds.py DIR                  write the seeds
  make_fuzz_seeds.py --check OPTABLE --qat-translate TOOL DIR
      also check that the seeds cover every operator and attribute of
      lib/Target/ONNX/OpTable.cpp, and that each imports
"""
import argparse
import pathlib
import re
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nh

rng = np.random.RandomState(0)
# (operator, attributes) each seed exercises.
covered = []


def qdq(x, prefix, scale="s", zp="z"):
    return [h.make_node("QuantizeLinear", [x, scale, zp], [prefix + "_q"],
                        name=f"/{prefix}/QuantizeLinear"),
            h.make_node("DequantizeLinear", [prefix + "_q", scale, zp],
                        [prefix + "_dq"], name=f"/{prefix}/DequantizeLinear")]


def params(channels=4):
    return [nh.from_array(np.array(0.02, np.float32), "s"),
            nh.from_array(np.array(128, np.uint8), "z"),
            nh.from_array(np.full(channels, 0.01, np.float32), "ws"),
            nh.from_array(np.zeros(channels, np.int8), "wz")]


def weights(name, shape, axis=0):
    """A per-axis quantized constant: its Q/DQ nodes and initializers."""
    w = nh.from_array(rng.randn(*shape).astype(np.float32), name)
    nodes = [h.make_node("QuantizeLinear", [name, "ws", "wz"], [name + "_q"],
                         name=f"/{name}/QuantizeLinear", axis=axis),
             h.make_node("DequantizeLinear", [name + "_q", "ws", "wz"],
                         [name + "_dq"], name=f"/{name}/DequantizeLinear",
                         axis=axis)]
    return nodes, [w]


def save(out, name, nodes, inits, shape=(1, 4, 6, 6), opset=13,
         observed=True, attributes=()):
    """A model: x (float, `shape`) -> Q/DQ -> nodes -> (Q/DQ) -> output."""
    last = nodes[-1].output[0]
    if observed:
        nodes = nodes + qdq(last, "out")
        last = "out_dq"
    graph = h.make_graph(nodes, "g",
                         [h.make_tensor_value_info("x", T.FLOAT, shape)],
                         [h.make_tensor_value_info(last, T.FLOAT, None)],
                         inits)
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", opset)])
    (out / f"{name}.onnx").write_bytes(model.SerializeToString())
    for n in nodes:
        covered.append((n.op_type, sorted(a.name for a in n.attribute)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", metavar="OPTABLE")
    parser.add_argument("--qat-translate", metavar="TOOL")
    parser.add_argument("out")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    x = qdq("x", "in")

    # Layers.
    w, wi = weights("W", (4, 4, 3, 3))
    save(out, "conv", x + w + [h.make_node(
        "Conv", ["in_dq", "W_dq", "B"], ["y"], name="/op/Conv",
        kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1],
        dilations=[1, 1], group=1)], params() + wi +
        [nh.from_array(np.zeros(4, np.float32), "B")])
    save(out, "conv-auto-pad", x + w + [h.make_node(
        "Conv", ["in_dq", "W_dq"], ["y"], name="/op/Conv",
        auto_pad="SAME_UPPER", strides=[2, 2])], params() + wi)
    w, wi = weights("D", (4, 1, 3, 3))
    save(out, "depthwise", x + w + [h.make_node(
        "Conv", ["in_dq", "D_dq"], ["y"], name="/op/Conv", group=4,
        dilations=[2, 2], pads=[2, 2, 2, 2])], params() + wi)
    w, wi = weights("G", (3, 16))
    save(out, "gemm", x[:2] + w + [h.make_node(
        "Gemm", ["in_dq", "G_dq", "C"], ["y"], name="/op/Gemm", alpha=1.0,
        beta=1.0, transA=0, transB=1)], params(3) + wi +
        [nh.from_array(np.zeros(3, np.float32), "C")], shape=(1, 16))
    w, wi = weights("M", (16, 3), axis=1)
    save(out, "matmul", x + w + [h.make_node(
        "MatMul", ["in_dq", "M_dq"], ["y"], name="/op/MatMul")],
        params(3) + wi, shape=(1, 16))
    # Two activations (attention's products): x [1, 4, 6, 6] by itself.
    save(out, "matmul-activations", x + [h.make_node(
        "MatMul", ["in_dq", "in_dq"], ["y"], name="/op/MatMul")], params())
    w, wi = weights("W", (4, 4, 3, 3))
    bn = [nh.from_array(np.ones(4, np.float32) * v, n)
          for n, v in (("g", 1.5), ("b", 0.1), ("m", 0.2), ("v", 2.0))]
    save(out, "batchnorm", x + w + [
        h.make_node("Conv", ["in_dq", "W_dq"], ["c"], name="/op/Conv",
                    pads=[1, 1, 1, 1]),
        h.make_node("BatchNormalization", ["c", "g", "b", "m", "v"], ["y"],
                    name="/op/BatchNormalization", epsilon=1e-5,
                    momentum=0.9, training_mode=0)], params() + wi + bn)
    save(out, "batchnorm-opset8", x + w + [
        h.make_node("Conv", ["in_dq", "W_dq"], ["c"], name="/op/Conv",
                    pads=[1, 1, 1, 1]),
        h.make_node("BatchNormalization", ["c", "g", "b", "m", "v"], ["y"],
                    name="/op/BatchNormalization", spatial=1)],
        params() + wi + bn, opset=10)
    save(out, "maxpool", x + [h.make_node(
        "MaxPool", ["in_dq"], ["y"], name="/op/MaxPool", kernel_shape=[2, 2],
        strides=[2, 2], pads=[0, 0, 0, 0], dilations=[1, 1], ceil_mode=0,
        storage_order=0)], params(), observed=False)
    save(out, "maxpool-auto-pad", x + [h.make_node(
        "MaxPool", ["in_dq"], ["y"], name="/op/MaxPool", kernel_shape=[3, 3],
        auto_pad="SAME_LOWER")], params(), observed=False)
    save(out, "avgpool", x + [h.make_node(
        "AveragePool", ["in_dq"], ["y"], name="/op/AveragePool",
        kernel_shape=[2, 2], strides=[2, 2], pads=[0, 0, 0, 0], ceil_mode=0,
        count_include_pad=0)], params())
    save(out, "avgpool-auto-pad", x + [h.make_node(
        "AveragePool", ["in_dq"], ["y"], name="/op/AveragePool",
        kernel_shape=[3, 3], auto_pad="VALID")], params())
    save(out, "global-avgpool", x + [h.make_node(
        "GlobalAveragePool", ["in_dq"], ["y"], name="/op/GlobalAveragePool")],
        params())
    save(out, "global-maxpool", x + [h.make_node(
        "GlobalMaxPool", ["in_dq"], ["y"], name="/op/GlobalMaxPool")],
        params(), observed=False)
    save(out, "reducemean", x + [h.make_node(
        "ReduceMean", ["in_dq"], ["y"], name="/op/ReduceMean", axes=[2, 3],
        keepdims=1)], params())

    # Element-wise.
    for op in ("Relu", "Sigmoid", "Tanh", "HardSwish"):
        save(out, op.lower(), x + [h.make_node(op, ["in_dq"], ["y"],
                                               name=f"/op/{op}")], params())
    save(out, "gelu", x + [h.make_node(
        "Gelu", ["in_dq"], ["y"], name="/op/Gelu", approximate="tanh")],
        params(), opset=20)
    save(out, "layer-norm", x + [h.make_node(
        "LayerNormalization", ["in_dq", "ln_scale", "ln_bias"], ["y"],
        name="/op/LayerNormalization", axis=-1, epsilon=1e-5, stash_type=1)],
        params() + [nh.from_array(np.ones(6, np.float32), "ln_scale"),
                    nh.from_array(np.zeros(6, np.float32), "ln_bias")],
        opset=17)
    save(out, "erf", x + [h.make_node("Erf", ["in_dq"], ["y"],
                                      name="/op/Erf")], params())
    save(out, "silu", x + [
        h.make_node("Sigmoid", ["in_dq"], ["g"], name="/op/Sigmoid"),
        h.make_node("Mul", ["in_dq", "g"], ["y"], name="/op/Mul")], params())
    save(out, "hardsigmoid", x + [h.make_node(
        "HardSigmoid", ["in_dq"], ["y"], name="/op/HardSigmoid", alpha=0.2,
        beta=0.5)], params())
    save(out, "leakyrelu", x + [h.make_node(
        "LeakyRelu", ["in_dq"], ["y"], name="/op/LeakyRelu", alpha=0.1)],
        params())
    save(out, "clip", x + [h.make_node(
        "Clip", ["in_dq", "lo", "hi"], ["y"], name="/op/Clip")], params() +
        [nh.from_array(np.array(0, np.float32), "lo"),
         nh.from_array(np.array(6, np.float32), "hi")])
    save(out, "clip-opset10", x + [h.make_node(
        "Clip", ["in_dq"], ["y"], name="/op/Clip", min=0.0, max=6.0)],
        params(), opset=10)
    for op in ("Add", "Sub", "Mul", "Div"):
        save(out, op.lower(), x + qdq("x", "b") + [h.make_node(
            op, ["in_dq", "b_dq" if op in ("Add", "Mul") else "k"], ["y"],
            name=f"/op/{op}")], params() +
            [nh.from_array(np.array(2, np.float32), "k")])
    save(out, "softmax", x[:2] + [h.make_node(
        "Softmax", ["in_dq"], ["y"], name="/op/Softmax", axis=-1)], params(),
        shape=(1, 10))

    # Data movement and shape arithmetic.
    save(out, "identity", x + [h.make_node(
        "Identity", ["in_dq"], ["y"], name="/op/Identity")], params(),
        observed=False)
    shape_chain = [
        h.make_node("Shape", ["in_dq"], ["sh"], name="/op/Shape", start=0,
                    end=4),
        h.make_node("Gather", ["sh", "zero"], ["n"], name="/op/Gather",
                    axis=0),
        h.make_node("Cast", ["n"], ["n64"], name="/op/Cast", to=T.INT64),
        h.make_node("Unsqueeze", ["n64", "axes0"], ["n1"],
                    name="/op/Unsqueeze"),
        h.make_node("Constant", [], ["minus1"], name="/op/Constant",
                    value=nh.from_array(np.array([-1], np.int64))),
        h.make_node("Concat", ["n1", "minus1"], ["target"],
                    name="/op/Concat", axis=0),
        h.make_node("Reshape", ["in_dq", "target"], ["y"],
                    name="/op/Reshape", allowzero=0)]
    save(out, "flatten-chain", x + shape_chain, params() +
         [nh.from_array(np.array(0, np.int64), "zero"),
          nh.from_array(np.array([0], np.int64), "axes0")], observed=False)
    for attribute, value in (("value_float", 2.0), ("value_floats", [2.0]),
                             ("value_int", 2), ("value_ints", [2])):
        save(out, f"constant-{attribute}", x + [
            h.make_node("Constant", [], ["k"], name="/op/Constant",
                        **{attribute: value}),
            h.make_node("Cast", ["k"], ["kf"], name="/op/Cast", to=T.FLOAT),
            h.make_node("Mul", ["in_dq", "kf"], ["y"], name="/op/Mul")],
            params())
    save(out, "flatten", x + [h.make_node(
        "Flatten", ["in_dq"], ["y"], name="/op/Flatten", axis=1)], params(),
        observed=False)
    save(out, "squeeze", x + [
        h.make_node("GlobalAveragePool", ["in_dq"], ["p"],
                    name="/op/GlobalAveragePool"),
        h.make_node("Squeeze", ["p", "axes23"], ["y"], name="/op/Squeeze")],
        params() + [nh.from_array(np.array([2, 3], np.int64), "axes23")])
    save(out, "squeeze-opset11", x + [
        h.make_node("GlobalAveragePool", ["in_dq"], ["p"],
                    name="/op/GlobalAveragePool"),
        h.make_node("Squeeze", ["p"], ["y"], name="/op/Squeeze",
                    axes=[2, 3])], params(), opset=11)
    save(out, "unsqueeze-opset11", x[:2] + [h.make_node(
        "Unsqueeze", ["in_dq"], ["y"], name="/op/Unsqueeze", axes=[1])],
        params(), shape=(1, 10), opset=11, observed=False)
    save(out, "transpose", x + [
        h.make_node("GlobalAveragePool", ["in_dq"], ["p"],
                    name="/op/GlobalAveragePool"),
        h.make_node("Transpose", ["p"], ["y"], name="/op/Transpose",
                    perm=[0, 2, 3, 1])], params())
    save(out, "concat", x + qdq("x", "b") + [h.make_node(
        "Concat", ["in_dq", "b_dq"], ["y"], name="/op/Concat", axis=1)],
        params())
    save(out, "pad", x + [h.make_node(
        "Pad", ["in_dq", "pads", "zero_value"], ["y"], name="/op/Pad",
        mode="constant")], params() +
        [nh.from_array(np.array([0, 0, 1, 1, 0, 0, 1, 1], np.int64), "pads"),
         nh.from_array(np.array(0, np.float32), "zero_value")])
    save(out, "pad-opset10", x + [h.make_node(
        "Pad", ["in_dq"], ["y"], name="/op/Pad", mode="constant",
        pads=[0, 0, 1, 1, 0, 0, 1, 1], value=0.0)], params(), opset=10)
    save(out, "resize", x + [h.make_node(
        "Resize", ["in_dq", "roi", "scales"], ["y"], name="/op/Resize",
        mode="nearest", coordinate_transformation_mode="asymmetric",
        nearest_mode="floor", cubic_coeff_a=-0.75, exclude_outside=0,
        extrapolation_value=0.0)], params() +
        [nh.from_array(np.zeros(0, np.float32), "roi"),
         nh.from_array(np.array([1, 1, 2, 2], np.float32), "scales")])
    save(out, "upsample", x + [h.make_node(
        "Upsample", ["in_dq", "scales"], ["y"], name="/op/Upsample",
        mode="nearest")], params() +
        [nh.from_array(np.array([1, 1, 2, 2], np.float32), "scales")],
        opset=9 + 1)
    save(out, "constant-of-shape", x + [
        h.make_node("ConstantOfShape", ["cs"], ["k"],
                    name="/op/ConstantOfShape",
                    value=nh.from_array(np.array([2], np.float32))),
        h.make_node("Mul", ["in_dq", "k"], ["y"], name="/op/Mul")],
        params() + [nh.from_array(np.array([1, 4, 6, 6], np.int64), "cs")])
    save(out, "expand-where-equal", x + [
        h.make_node("Equal", ["wanted", "minus_ones"], ["keep"],
                    name="/op/Equal"),
        h.make_node("Where", ["keep", "ones", "wanted"], ["shape"],
                    name="/op/Where"),
        h.make_node("Expand", ["per_channel", "shape"], ["k"],
                    name="/op/Expand"),
        h.make_node("Mul", ["in_dq", "k"], ["y"], name="/op/Mul")],
        params() + [nh.from_array(np.array([1, 4, -1, 6], np.int64),
                                  "wanted"),
                    nh.from_array(np.full(4, -1, np.int64), "minus_ones"),
                    nh.from_array(np.array([1, 1, 6, 1], np.int64), "ones"),
                    nh.from_array(np.full((1, 4, 1, 1), 2, np.float32),
                                  "per_channel")])
    save(out, "slice", x + [
        h.make_node("Slice", ["full", "st", "en", "ax"], ["k"],
                    name="/op/Slice"),
        h.make_node("Mul", ["in_dq", "k"], ["y"], name="/op/Mul")],
        params() + [nh.from_array(np.full((1, 8, 1, 1), 2, np.float32),
                                  "full"),
                    nh.from_array(np.array([0], np.int64), "st"),
                    nh.from_array(np.array([4], np.int64), "en"),
                    nh.from_array(np.array([1], np.int64), "ax")])
    save(out, "slice-activation", x + [
        h.make_node("Slice", ["in_dq", "st", "en", "ax"], ["y"],
                    name="/op/Slice")],
        params() + [nh.from_array(np.array([1], np.int64), "st"),
                    nh.from_array(np.array([3], np.int64), "en"),
                    nh.from_array(np.array([1], np.int64), "ax")])
    save(out, "split", x + [
        h.make_node("Split", ["in_dq", "sizes"], ["a", "b"], name="/op/Split",
                    axis=1),
        h.make_node("Concat", ["b", "a"], ["y"], name="/op/Concat", axis=1)],
        params() + [nh.from_array(np.array([1, 3], np.int64), "sizes")])
    save(out, "split-opset11", x + [
        h.make_node("Split", ["in_dq"], ["a", "b"], name="/op/Split", axis=1,
                    split=[2, 2]),
        h.make_node("Concat", ["b", "a"], ["y"], name="/op/Concat", axis=1)],
        params(), opset=11)
    save(out, "cast-saturate", x + [
        h.make_node("Constant", [], ["k"], name="/op/Constant",
                    value_float=2.0),
        h.make_node("Cast", ["k"], ["kf"], name="/op/Cast", to=T.FLOAT,
                    saturate=1),
        h.make_node("Mul", ["in_dq", "kf"], ["y"], name="/op/Mul")],
        params(), opset=19)

    # A sequence [T, B, I] = [5, 1, 4] through an LSTM of 3 units.
    lstm_weights = []
    lstm_inits = [nh.from_array(np.array(0.01, np.float32), "lws"),
                  nh.from_array(np.array(0, np.int8), "lwz"),
                  nh.from_array(np.zeros((1, 24), np.float32), "LB"),
                  nh.from_array(np.array([1], np.int64), "sq")]
    for name, shape in (("LW", (1, 12, 4)), ("LR", (1, 12, 3))):
        lstm_inits.append(nh.from_array(
            rng.randn(*shape).astype(np.float32) * 0.3, name))
        lstm_weights += [
            h.make_node("QuantizeLinear", [name, "lws", "lwz"], [name + "_q"],
                        name=f"/{name}/QuantizeLinear"),
            h.make_node("DequantizeLinear", [name + "_q", "lws", "lwz"],
                        [name + "_dq"], name=f"/{name}/DequantizeLinear")]
    save(out, "lstm", x + lstm_weights + [
        h.make_node("LSTM", ["in_dq", "LW_dq", "LR_dq", "LB"], ["seq", "last"],
                    name="/op/LSTM", hidden_size=3, direction="forward",
                    activations=["Sigmoid", "Tanh", "Tanh"], input_forget=0,
                    layout=0),
        h.make_node("Squeeze", ["seq", "sq"], ["y"], name="/op/Squeeze")],
        params() + lstm_inits, shape=(5, 1, 4), opset=14)

    # The same sequence through a GRU of 3 units.
    gru_weights = []
    gru_inits = [nh.from_array(np.array(0.01, np.float32), "gws"),
                 nh.from_array(np.array(0, np.int8), "gwz"),
                 nh.from_array(np.zeros((1, 18), np.float32), "GB"),
                 nh.from_array(np.array([1], np.int64), "gsq")]
    for name, shape in (("GW", (1, 9, 4)), ("GR", (1, 9, 3))):
        gru_inits.append(nh.from_array(
            rng.randn(*shape).astype(np.float32) * 0.3, name))
        gru_weights += [
            h.make_node("QuantizeLinear", [name, "gws", "gwz"], [name + "_q"],
                        name=f"/{name}/QuantizeLinear"),
            h.make_node("DequantizeLinear", [name + "_q", "gws", "gwz"],
                        [name + "_dq"], name=f"/{name}/DequantizeLinear")]
    save(out, "gru", x + gru_weights + [
        h.make_node("GRU", ["in_dq", "GW_dq", "GR_dq", "GB"], ["seq", "last"],
                    name="/op/GRU", hidden_size=3, direction="forward",
                    activations=["Sigmoid", "Tanh"], linear_before_reset=1,
                    layout=0),
        h.make_node("Squeeze", ["seq", "gsq"], ["y"], name="/op/Squeeze")],
        params() + gru_inits, shape=(5, 1, 4), opset=14)

    seeds = len(list(out.glob("*.onnx")))
    if not args.check:
        return 0
    table = pathlib.Path(args.check).read_text()
    lists = dict(re.findall(r"const StringRef (k\w+)\[\] = \{([^}]*)\}",
                            table))
    wanted = {}
    for op, attrs in re.findall(r'\{"(\w+)", \w+, A\((k\w+)\)\}', table):
        wanted[op] = set(re.findall(r'"(\w+)"', lists[attrs])) - {""}
    seen = {}
    for op, attrs in covered:
        seen.setdefault(op, set()).update(attrs)
    missing = [f"{op}: {sorted(attrs - seen.get(op, set())) or 'the op'}"
               for op, attrs in sorted(wanted.items())
               if op not in seen or attrs - seen[op]]
    attributes = sum(len(a) for a in wanted.values())
    if missing:
        print("not covered by a seed:\n  " + "\n  ".join(missing))
        return 1
    print(f"{seeds} seeds cover all {len(wanted)} operators and "
          f"{attributes} attributes of the op table")
    failed = [p.name for p in sorted(out.glob("*.onnx"))
              if subprocess.run([args.qat_translate, "--import-onnx", str(p)],
                                capture_output=True).returncode != 0]
    print(f"{seeds - len(failed)} of {seeds} import" +
          (f"; not: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
