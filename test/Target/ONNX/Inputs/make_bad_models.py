#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes malformed or unsupported ONNX models, one per case, to DIR:
errors.test runs the importer on each and checks its message.

  make_bad_models.py DIR
"""
import pathlib
import sys

import numpy as np
import onnx
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nh

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rng = np.random.RandomState(0)


def qdq(x, prefix, scale="s", zp="z", axis=None):
    kw = {} if axis is None else {"axis": axis}
    return [h.make_node("QuantizeLinear", [x, scale, zp], [prefix + "_q"],
                        name=f"/{prefix}/QuantizeLinear", **kw),
            h.make_node("DequantizeLinear", [prefix + "_q", scale, zp],
                        [prefix + "_dq"], name=f"/{prefix}/DequantizeLinear",
                        **kw)]


def params():
    return [nh.from_array(np.array(0.02, np.float32), "s"),
            nh.from_array(np.array(128, np.uint8), "z"),
            nh.from_array(np.full(4, 0.01, np.float32), "ws"),
            nh.from_array(np.zeros(4, np.int8), "wz")]


def model(nodes, inits, inputs=None, outputs=None, opset=13):
    inputs = inputs or [h.make_tensor_value_info("x", T.FLOAT, [1, 4, 6, 6])]
    outputs = outputs if outputs is not None else [
        h.make_tensor_value_info(nodes[-1].output[0], T.FLOAT, None)]
    graph = h.make_graph(nodes, "g", inputs, outputs, inits)
    return h.make_model(graph, opset_imports=[h.make_opsetid("", opset)])


def conv(group=1, wshape=(4, 4, 3, 3), waxis=0, **attrs):
    w = nh.from_array(rng.randn(*wshape).astype(np.float32), "W")
    nodes = qdq("x", "in") + qdq("W", "w", "ws", "wz", axis=waxis)
    nodes.append(h.make_node("Conv", ["in_dq", "w_dq"], ["c"],
                             name="/conv1/Conv", group=group, **attrs))
    nodes += qdq("c", "out")
    return model(nodes, params() + [w])


def save(name, m):
    (out / f"{name}.onnx").write_bytes(m.SerializeToString())


save("group", conv(group=3, wshape=(4, 2, 3, 3)))
save("attribute", conv(ceil_mode=1))
save("axis", conv(waxis=1, wshape=(4, 4, 3, 3)))
m = conv()
m.opset_import[0].version = 9
save("opset", m)
m = conv()
m.graph.node.append(h.make_node("Cos", ["out_dq"], ["e"], name="/act/Cos"))
m.graph.output[0].name = "e"
save("unsupported", m)
save("symbolic", model(
    qdq("x", "in") + [h.make_node("Relu", ["in_dq"], ["y"], name="/relu")],
    params(), inputs=[h.make_tensor_value_info("x", T.FLOAT,
                                               [1, 4, "height", 6])]))
m = conv()
del m.graph.initializer[-1]  # W
save("missing", m)
save("scale-length", model(
    [h.make_node("QuantizeLinear", ["x", "ws", "wz"], ["q"], name="/q",
                 axis=1),
     h.make_node("DequantizeLinear", ["q", "ws", "wz"], ["y"], name="/dq",
                 axis=1)],
    [nh.from_array(np.full(3, 0.01, np.float32), "ws"),
     nh.from_array(np.zeros(3, np.int8), "wz")]))
save("mismatch", model(
    [h.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], name="/q"),
     h.make_node("DequantizeLinear", ["q", "s2", "z"], ["y"], name="/dq")],
    params() + [nh.from_array(np.array(0.04, np.float32), "s2")]))
m = conv()
w = m.graph.initializer[-1]
w.data_type = T.FLOAT16
save("float16", m)
m = conv()
w = m.graph.initializer[-1]
w.data_location = T.EXTERNAL
w.ClearField("raw_data")
w.external_data.add(key="location", value="weights.bin")
save("external", m)
save("no-output", model(qdq("x", "in"), params(), outputs=[]))
(out / "truncated.onnx").write_bytes(conv().SerializeToString()[:150])
(out / "text.onnx").write_text("module {}\n")
save("uint16-input", model(
    [h.make_node("Relu", ["x"], ["y"], name="/relu")], [],
    inputs=[h.make_tensor_value_info("x", T.UINT16, [1, 4])]))
m = conv()
m.graph.initializer[-1].raw_data = b"\0" * 10
save("raw-size", m)
save("sub-activations", model(
    qdq("x", "a") + [h.make_node("Sub", ["a_dq", "a_dq"], ["y"],
                                 name="/sub")], params()))
save("reshape-image", model(
    qdq("x", "in") + [h.make_node("Reshape", ["in_dq", "shape"], ["y"],
                                  name="/view")],
    params() + [nh.from_array(np.array([1, 6, 4, 6], np.int64), "shape")]))
save("qdq-activation-input", model(
    [h.make_node("DequantizeLinear", ["x", "s", "z"], ["y"], name="/dq")],
    params()))
save("clip-attribute-type", model(
    qdq("x", "in") + [h.make_node("Clip", ["in_dq"], ["y"], name="/clip",
                                  min=0)], params(), opset=10))
save("leaky-alpha", model(
    qdq("x", "in") + [h.make_node("LeakyRelu", ["in_dq"], ["y"],
                                  name="/act", alpha=float("inf"))],
    params()))
save("sigmoid-unobserved", model(
    qdq("x", "in") + [h.make_node("Sigmoid", ["in_dq"], ["y"],
                                  name="/gate")], params()))
save("domain", model(
    [h.make_node("QLinearConv", ["x"], ["y"], name="/qconv",
                 domain="com.microsoft")], []))
