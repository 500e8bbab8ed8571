#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes ONNX LSTM and GRU models with initial states to DIR, for
recurrent.test: a constant initial state, one dequantized from a graph
input, and a misshapen one.

  make_recurrent_models.py DIR
"""
import pathlib
import sys

import numpy as np
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nh

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rng = np.random.RandomState(0)
STEPS, FEATURES, UNITS = 6, 2, 5


def qdq(x, prefix, scale, zp):
    return [h.make_node("QuantizeLinear", [x, scale, zp], [prefix + "_q"],
                        name=f"/{prefix}/QuantizeLinear"),
            h.make_node("DequantizeLinear", [prefix + "_q", scale, zp],
                        [prefix + "_dq"], name=f"/{prefix}/DequantizeLinear")]


def recurrent(op, gates, initial_h=None, initial_c=None, state_input=False):
    """x [T, 1, I] -> op -> Y [T, 1, 1, H], with W and R through Q/DQ;
    initial_h/initial_c: arrays (initializers), or "input" for the graph
    input h0 through Q/DQ."""
    inits = [nh.from_array(np.array(0.02, np.float32), "s"),
             nh.from_array(np.array(0, np.int8), "z"),
             nh.from_array(np.array(0.01, np.float32), "ws"),
             nh.from_array(np.array(0, np.int8), "wz"),
             nh.from_array((rng.randn(1, gates * UNITS, FEATURES) * 0.5)
                           .astype(np.float32), "W"),
             nh.from_array((rng.randn(1, gates * UNITS, UNITS) * 0.3)
                           .astype(np.float32), "R")]
    nodes = qdq("x", "in", "s", "z") + qdq("W", "w", "ws", "wz") + \
        qdq("R", "r", "ws", "wz")
    inputs = [h.make_tensor_value_info("x", T.FLOAT, [STEPS, 1, FEATURES])]
    names = ["in_dq", "w_dq", "r_dq", "", ""]
    for name, value in (("initial_h", initial_h), ("initial_c", initial_c)):
        if value is None:
            continue
        if isinstance(value, str):
            inputs.append(h.make_tensor_value_info("h0", T.FLOAT,
                                                   [1, 1, UNITS]))
            nodes += qdq("h0", "h0", "s", "z")
            names.append("h0_dq")
        else:
            inits.append(nh.from_array(value.astype(np.float32), name))
            names.append(name)
    nodes.append(h.make_node(op, names, ["y"], name=f"/rnn/{op}",
                             hidden_size=UNITS,
                             **({"linear_before_reset": 1} if op == "GRU"
                                else {})))
    nodes += qdq("y", "out", "s", "z")
    graph = h.make_graph(nodes, "g", inputs,
                         [h.make_tensor_value_info("out_dq", T.FLOAT, None)],
                         inits)
    return h.make_model(graph, opset_imports=[h.make_opsetid("", 14)])


def save(name, m):
    (out / f"{name}.onnx").write_bytes(m.SerializeToString())


state = rng.uniform(-0.9, 0.9, (1, 1, UNITS))
save("lstm_initial", recurrent("LSTM", 4, initial_h="input",
                               initial_c=state * 2))
save("lstm_zero_cell", recurrent("LSTM", 4, initial_h=state))
save("gru_initial", recurrent("GRU", 3, initial_h=state))
save("gru_initial_input", recurrent("GRU", 3, initial_h="input"))
save("lstm_initial_shape",
     recurrent("LSTM", 4, initial_h=np.full((1, 2, UNITS), 0.5)))
