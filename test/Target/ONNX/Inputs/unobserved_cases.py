#!/usr/bin/python3
"""Graphs with an activation that has no Q/DQ of its own, for
unobserved.test: DequantizeLinear -> Relu (or Clip) -> the next layer, as
exporters write when the activation is not observed.

  unobserved_cases.py DIR    writes relu.onnx and clip.onnx
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


out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
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
