#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Small hand-built graphs for the import tests.

  graph_cases.py make DIR
      relu.onnx, clip.onnx    an activation with no Q/DQ of its own:
                              DequantizeLinear -> Relu (or Clip) -> the next
                              layer, as exporters write when it is not
                              observed (unobserved.test)
      gemm_transa.onnx        Gemm with transA = 1 on a [K, 1] activation,
                              and gemm_transa.in.npy (gemm.test)
      clipped_range.onnx      QuantizeLinear -> Clip(0, 127) ->
                              DequantizeLinear, PyTorch's [0, 127] export
      computed_pads.onnx      Pad whose pads are computed from constants
                              (ConstantOfShape, Concat, Reshape, Slice,
                              Transpose, Cast), as torch exports F.pad
  graph_cases.py check-gemm DIR
      compares DIR/gemm_transa.out.npy (qat-run) with NumPy's
      fake_quant(A)^T fake_quant(B) + C, then fake_quant
"""
import pathlib
import sys

import numpy as np
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nh


def qdq(x, prefix, scale, zp, axis=None):
    kw = {} if axis is None else {"axis": axis}
    return [h.make_node("QuantizeLinear", [x, scale, zp], [prefix + "_q"],
                        name=f"/{prefix}/QuantizeLinear", **kw),
            h.make_node("DequantizeLinear", [prefix + "_q", scale, zp],
                        [prefix + "_dq"], name=f"/{prefix}/DequantizeLinear",
                        **kw)]


def fake_quant(x, scale, zp, qmin=0, qmax=255):
    x = np.asarray(x, np.float32)
    q = np.clip(np.round(x / np.float32(scale)) + zp, qmin, qmax)
    return ((q - zp) * np.float32(scale)).astype(np.float32)


GEMM_W = np.arange(-6, 6, dtype=np.float32).reshape(4, 3) / 8
GEMM_C = np.array([0.5, -0.25, 0.125], np.float32)


def make_gemm(out):
    inits = [nh.from_array(np.array(0.05, np.float32), "s"),
             nh.from_array(np.array(128, np.uint8), "z"),
             nh.from_array(np.array(0.125, np.float32), "ws"),
             nh.from_array(np.array(0, np.int8), "wz"),
             nh.from_array(np.array(0.1, np.float32), "so"),
             nh.from_array(np.array(128, np.uint8), "zo"),
             nh.from_array(GEMM_W, "W"), nh.from_array(GEMM_C, "C")]
    nodes = qdq("x", "in", "s", "z") + qdq("W", "w", "ws", "wz")
    nodes.append(h.make_node("Gemm", ["in_dq", "w_dq", "C"], ["y"],
                             name="/fc/Gemm", transA=1))
    nodes += qdq("y", "out", "so", "zo")
    graph = h.make_graph(
        nodes, "g", [h.make_tensor_value_info("x", T.FLOAT, [4, 1])],
        [h.make_tensor_value_info("out_dq", T.FLOAT, None)], inits)
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 13)])
    (out / "gemm_transa.onnx").write_bytes(model.SerializeToString())
    np.save(out / "gemm_transa.in.npy",
            np.array([[1.3], [-2.2], [0.4], [3.1]], np.float32))


def check_gemm(out):
    x = np.load(out / "gemm_transa.in.npy")
    a = fake_quant(x, 0.05, 128)
    w = fake_quant(GEMM_W, 0.125, 0, -128, 127)
    expected = fake_quant(a.T @ w + GEMM_C, 0.1, 128)
    got = np.load(out / "gemm_transa.out.npy")
    same = got.shape == expected.shape and np.array_equal(got, expected)
    print(f"gemm_transa: output {'x'.join(map(str, got.shape))}, "
          f"{'equal to' if same else 'DIFFERENT from'} NumPy's")


def make_clipped_range(out):
    inits = [nh.from_array(np.array(0.05, np.float32), "s"),
             nh.from_array(np.array(0, np.uint8), "z"),
             nh.from_array(np.array(0, np.uint8), "lo"),
             nh.from_array(np.array(127, np.uint8), "hi")]
    nodes = [h.make_node("QuantizeLinear", ["x", "s", "z"], ["q"],
                         name="/in/QuantizeLinear"),
             h.make_node("Clip", ["q", "lo", "hi"], ["c"], name="/in/Clip"),
             h.make_node("DequantizeLinear", ["c", "s", "z"], ["y"],
                         name="/in/DequantizeLinear"),
             h.make_node("Relu", ["y"], ["r"], name="/relu")]
    graph = h.make_graph(
        nodes, "g", [h.make_tensor_value_info("x", T.FLOAT, [1, 8])],
        [h.make_tensor_value_info("r", T.FLOAT, None)], inits)
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 13)])
    (out / "clipped_range.onnx").write_bytes(model.SerializeToString())


def make_computed_pads(out):
    i64 = lambda v, n: nh.from_array(np.array(v, np.int64), n)  # noqa: E731
    inits = [nh.from_array(np.array(0.05, np.float32), "s"),
             nh.from_array(np.array(128, np.uint8), "z"),
             i64([4], "four"), i64([0, 0, 2, 1], "given"),
             i64([-1, 2], "pairs"), i64([-1], "rev_start"),
             i64([-9223372036854775807], "rev_end"), i64([0], "axis0"),
             i64([-1], "step"), i64([-1], "flat")]
    nodes = qdq("x", "in", "s", "z") + [
        h.make_node("ConstantOfShape", ["four"], ["zeros"], name="/cos",
                    value=nh.from_array(np.array([0], np.int64))),
        h.make_node("Concat", ["given", "zeros"], ["all"], name="/cat",
                    axis=0),
        h.make_node("Reshape", ["all", "pairs"], ["p2"], name="/r1"),
        h.make_node("Slice", ["p2", "rev_start", "rev_end", "axis0", "step"],
                    ["rev"], name="/slice"),
        h.make_node("Transpose", ["rev"], ["t"], name="/t", perm=[1, 0]),
        h.make_node("Reshape", ["t", "flat"], ["pads"], name="/r2"),
        h.make_node("Cast", ["pads"], ["pads64"], name="/cast", to=7),
        h.make_node("Pad", ["in_dq", "pads64"], ["y"], name="/pad")]
    nodes += qdq("y", "out", "s", "z")
    graph = h.make_graph(
        nodes, "g", [h.make_tensor_value_info("x", T.FLOAT, [1, 3, 4, 4])],
        [h.make_tensor_value_info("out_dq", T.FLOAT, None)], inits)
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 13)])
    (out / "computed_pads.onnx").write_bytes(model.SerializeToString())


if sys.argv[1] == "check-gemm":
    check_gemm(pathlib.Path(sys.argv[2]))
    sys.exit(0)
out = pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
make_gemm(out)
make_clipped_range(out)
make_computed_pads(out)
rng = np.random.RandomState(0)
for name in ("relu", "clip"):
    inits = [nh.from_array(np.array(0.05, np.float32), "s"),
             nh.from_array(np.array(128, np.uint8), "z"),
             nh.from_array(np.array(0.08, np.float32), "s1"),
             nh.from_array(np.array(100, np.uint8), "z1"),
             nh.from_array(np.array(0.1, np.float32), "s2"),
             nh.from_array(np.array(128, np.uint8), "z2"),
             nh.from_array(np.full(4, 0.004, np.float32), "ws"),
             nh.from_array(np.zeros(4, np.int8), "wz"),
             nh.from_array(rng.uniform(-0.5, 0.5, [4, 3, 3, 3])
                           .astype(np.float32), "W1"),
             nh.from_array(rng.uniform(-0.5, 0.5, [4, 4, 3, 3])
                           .astype(np.float32), "W2"),
             nh.from_array(np.array(0.0, np.float32), "lo"),
             nh.from_array(np.array(6.0, np.float32), "hi")]
    nodes = qdq("x", "in", "s", "z") + qdq("W1", "w1", "ws", "wz", axis=0)
    nodes.append(h.make_node("Conv", ["in_dq", "w1_dq"], ["c1"],
                             name="/conv1/Conv", pads=[1, 1, 1, 1]))
    nodes += qdq("c1", "c1", "s1", "z1")
    if name == "relu":
        nodes.append(h.make_node("Relu", ["c1_dq"], ["a"], name="/act/Relu"))
    else:
        nodes.append(h.make_node("Clip", ["c1_dq", "lo", "hi"], ["a"],
                                 name="/act/Clip"))
    nodes += qdq("W2", "w2", "ws", "wz", axis=0)
    nodes.append(h.make_node("Conv", ["a", "w2_dq"], ["c2"],
                             name="/conv2/Conv", pads=[1, 1, 1, 1]))
    nodes += qdq("c2", "c2", "s2", "z2")
    graph = h.make_graph(
        nodes, "g", [h.make_tensor_value_info("x", T.FLOAT, [1, 3, 6, 6])],
        [h.make_tensor_value_info("c2_dq", T.FLOAT, None)], inits)
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 13)])
    (out / f"{name}.onnx").write_bytes(model.SerializeToString())
