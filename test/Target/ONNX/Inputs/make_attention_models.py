#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes ONNX models of attention's pieces to DIR, for attention.test:
a MatMul of two activations (queries by transposed keys, then the
softmax's weights by the values), Gelu in both forms, PyTorch's SiLU
(Mul(x, Sigmoid(x))), PyTorch's opset-13 GELU (an Erf chain),
LayerNormalization (and one whose mean output is
read), a class token and a position embedding as PyTorch exports them
(and an Expand of an activation), and a MatMul whose batch dimensions do
not broadcast.

  make_attention_models.py DIR
"""
import pathlib
import sys

import numpy as np
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nh

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rng = np.random.RandomState(3)
TOKENS, FEATURES, WIDTH = 8, 6, 4


def qdq(x, prefix, scale, zp):
    return [h.make_node("QuantizeLinear", [x, scale, zp], [prefix + "_q"],
                        name=f"/{prefix}/QuantizeLinear"),
            h.make_node("DequantizeLinear", [prefix + "_q", scale, zp],
                        [prefix + "_dq"], name=f"/{prefix}/DequantizeLinear")]


def scales(*values):
    """Each (name, scale[, zero point]) as NAME_s and NAME_z."""
    inits = []
    for name, v, *zp in values:
        inits.append(nh.from_array(np.array(v, np.float32), name + "_s"))
        inits.append(nh.from_array(np.array(zp[0] if zp else 0, np.int8),
                                   name + "_z"))
    return inits


def model(nodes, inits, inputs, output, opset=13):
    graph = h.make_graph(nodes, "g", inputs,
                         [h.make_tensor_value_info(output, T.FLOAT, None)],
                         inits)
    return h.make_model(graph, opset_imports=[h.make_opsetid("", opset)])


def attention():
    """x [1, 8, 6] -> Q, K, V (MatMul by constants) -> softmax(Q K^T) V."""
    inits = scales(("x", 0.02), ("w", 0.004), ("q", 0.012), ("k", 0.013),
                   ("v", 0.01), ("s", 0.02), ("a", 1 / 256, -128),
                   ("o", 0.006))
    nodes = qdq("x", "x", "x_s", "x_z")
    for n in "qkv":
        inits.append(nh.from_array(
            (rng.randn(FEATURES, WIDTH) * 0.3).astype(np.float32), "W" + n))
        nodes += qdq("W" + n, "w" + n, "w_s", "w_z")
        nodes.append(h.make_node("MatMul", ["x_dq", f"w{n}_dq"], [n],
                                 name=f"/{n}/MatMul"))
        nodes += qdq(n, n + "o", n + "_s", n + "_z")
    nodes.append(h.make_node("Transpose", ["ko_dq"], ["kt"], perm=[0, 2, 1],
                             name="/kt/Transpose"))
    nodes.append(h.make_node("MatMul", ["qo_dq", "kt"], ["scores"],
                             name="/scores/MatMul"))
    nodes += qdq("scores", "scores", "s_s", "s_z")
    nodes.append(h.make_node("Softmax", ["scores_dq"], ["weights"], axis=-1,
                             name="/weights/Softmax"))
    nodes += qdq("weights", "weights", "a_s", "a_z")
    nodes.append(h.make_node("MatMul", ["weights_dq", "vo_dq"], ["o"],
                             name="/o/MatMul"))
    nodes += qdq("o", "o", "o_s", "o_z")
    x = h.make_tensor_value_info("x", T.FLOAT, [1, TOKENS, FEATURES])
    return model(nodes, inits, [x], "o_dq")


def functions(kind):
    """x [1, 8, 6] -> one function -> Q/DQ."""
    inits = scales(("x", 0.02), ("y", 0.01))
    nodes = qdq("x", "x", "x_s", "x_z")
    opset = 13
    if kind == "silu":
        nodes.append(h.make_node("Sigmoid", ["x_dq"], ["g"], name="/Sigmoid"))
        nodes.append(h.make_node("Mul", ["x_dq", "g"], ["y"], name="/Mul"))
    else:
        nodes.append(h.make_node("Gelu", ["x_dq"], ["y"], name="/Gelu",
                                 approximate=kind))
        opset = 20
    nodes += qdq("y", "y", "y_s", "y_z")
    x = h.make_tensor_value_info("x", T.FLOAT, [1, TOKENS, FEATURES])
    return model(nodes, inits, [x], "y_dq", opset)


def layer_norm(read_mean=False):
    """x [1, 8, 6] -> LayerNormalization over the features -> Q/DQ."""
    inits = scales(("x", 0.02), ("y", 0.02))
    inits.append(nh.from_array(
        rng.uniform(0.5, 1.5, FEATURES).astype(np.float32), "gamma"))
    inits.append(nh.from_array(
        rng.uniform(-0.2, 0.2, FEATURES).astype(np.float32), "beta"))
    nodes = qdq("x", "x", "x_s", "x_z")
    nodes.append(h.make_node("LayerNormalization", ["x_dq", "gamma", "beta"],
                             ["y", "mean"] if read_mean else ["y"],
                             name="/norm/LayerNormalization", axis=-1,
                             epsilon=1e-5))
    nodes += qdq("y", "y", "y_s", "y_z")
    if read_mean:
        nodes.append(h.make_node("Add", ["y_dq", "mean"], ["z"],
                                 name="/norm/Add"))
    x = h.make_tensor_value_info("x", T.FLOAT, [1, TOKENS, FEATURES])
    return model(nodes, inits, [x], "z" if read_mean else "y_dq", 17)


def erf_gelu(erf_read=False):
    """PyTorch 1.13's GELU at opset 13: Mul(Mul(x, Add(Erf(Div(x, sqrt 2)),
    1)), 0.5) between Q/DQ; with `erf_read` the Erf's output is a graph
    output too, so the chain cannot fuse."""
    inits = scales(("x", 0.02), ("y", 0.01))
    inits += [nh.from_array(np.array(1.4142135381698608, np.float32), "r2"),
              nh.from_array(np.array(1.0, np.float32), "one"),
              nh.from_array(np.array(0.5, np.float32), "half")]
    nodes = qdq("x", "x", "x_s", "x_z") + [
        h.make_node("Div", ["x_dq", "r2"], ["d"], name="/act/Div"),
        h.make_node("Erf", ["d"], ["e"], name="/act/Erf"),
        h.make_node("Add", ["e", "one"], ["a"], name="/act/Add"),
        h.make_node("Mul", ["x_dq", "a"], ["m"], name="/act/Mul"),
        h.make_node("Mul", ["m", "half"], ["y"], name="/act/Mul_1")]
    nodes += qdq("y", "y", "y_s", "y_z")
    x = h.make_tensor_value_info("x", T.FLOAT, [1, TOKENS, FEATURES])
    m = model(nodes, inits, [x], "y_dq")
    if erf_read:
        m.graph.output.append(h.make_tensor_value_info("e", T.FLOAT, None))
    return m


def layer_norm_chain(read_mean=False):
    """PyTorch 1.13's nn.LayerNorm at opset 13, its Constant nodes where
    PyTorch puts them (after their first reader's producer): ReduceMean,
    Sub, Pow 2, ReduceMean, Add eps, Sqrt, Div, Mul weight, Add bias. With
    `read_mean` the mean is a graph output too, so the chain cannot fuse."""
    inits = scales(("x", 0.02), ("y", 0.02))
    inits.append(nh.from_array(
        rng.uniform(0.5, 1.5, FEATURES).astype(np.float32), "weight"))
    inits.append(nh.from_array(
        rng.uniform(-0.2, 0.2, FEATURES).astype(np.float32), "bias"))
    const = lambda name, v: h.make_node(
        "Constant", [], [name], value=nh.from_array(np.array(v, np.float32)))
    nodes = qdq("x", "x", "x_s", "x_z") + [
        h.make_node("ReduceMean", ["x_dq"], ["mu"], axes=[-1], name="/ln/RM"),
        h.make_node("Sub", ["x_dq", "mu"], ["c"], name="/ln/Sub"),
        const("two", 2.0),
        h.make_node("Pow", ["c", "two"], ["sq"], name="/ln/Pow"),
        h.make_node("ReduceMean", ["sq"], ["var"], axes=[-1], name="/ln/RM1"),
        const("eps", 1e-5),
        h.make_node("Add", ["var", "eps"], ["ve"], name="/ln/Add"),
        h.make_node("Sqrt", ["ve"], ["sd"], name="/ln/Sqrt"),
        h.make_node("Div", ["c", "sd"], ["n"], name="/ln/Div"),
        h.make_node("Mul", ["n", "weight"], ["w"], name="/ln/Mul"),
        h.make_node("Add", ["w", "bias"], ["y"], name="/ln/Add_1")]
    nodes += qdq("y", "y", "y_s", "y_z")
    x = h.make_tensor_value_info("x", T.FLOAT, [1, TOKENS, FEATURES])
    m = model(nodes, inits, [x], "y_dq")
    if read_mean:
        m.graph.output.append(h.make_tensor_value_info("mu", T.FLOAT, None))
    return m


def class_token(expand_activation=False):
    """A learned class token before the tokens and a position embedding
    added, as PyTorch 1.13 exports them: the token (Q/DQ of a constant
    [1, 1, 6]) expanded to the batch by a shape that ConstantOfShape, Mul,
    Equal and Where compute from constants, concatenated with x [1, 8, 6],
    then Add of a Q/DQ constant [1, 9, 6]. With `expand_activation` the
    activation is expanded to a batch of two instead."""
    inits = scales(("x", 0.02), ("t", 0.004), ("c", 0.02), ("p", 0.003),
                   ("y", 0.025))
    inits += [nh.from_array(
                  (rng.randn(1, 1, FEATURES) * 0.3).astype(np.float32), "T"),
              nh.from_array((rng.randn(1, TOKENS + 1, FEATURES) * 0.1)
                            .astype(np.float32), "P"),
              nh.from_array(np.array([3], np.int64), "rank"),
              nh.from_array(np.array(-1, np.int64), "minus_one"),
              nh.from_array(np.array([1 + expand_activation, 1, -1],
                                     np.int64), "wanted")]
    nodes = qdq("x", "x", "x_s", "x_z") + qdq("T", "t", "t_s", "t_z") + [
        h.make_node("ConstantOfShape", ["rank"], ["ones"],
                    value=nh.from_array(np.array([1], np.int64)),
                    name="/ConstantOfShape"),
        h.make_node("Mul", ["ones", "minus_one"], ["minus_ones"],
                    name="/Mul"),
        h.make_node("Equal", ["wanted", "minus_ones"], ["keep"],
                    name="/Equal"),
        h.make_node("Where", ["keep", "ones", "wanted"], ["shape"],
                    name="/Where"),
        h.make_node("Expand", ["x_dq" if expand_activation else "t_dq",
                               "shape"], ["token"], name="/Expand")]
    if expand_activation:
        nodes += qdq("token", "c", "c_s", "c_z")
        x = h.make_tensor_value_info("x", T.FLOAT, [1, TOKENS, FEATURES])
        return model(nodes, inits, [x], "c_dq")
    nodes.append(h.make_node("Concat", ["token", "x_dq"], ["joined"], axis=1,
                             name="/Concat"))
    nodes += qdq("joined", "c", "c_s", "c_z") + qdq("P", "p", "p_s", "p_z")
    nodes.append(h.make_node("Add", ["c_dq", "p_dq"], ["y"], name="/Add"))
    nodes += qdq("y", "y", "y_s", "y_z")
    x = h.make_tensor_value_info("x", T.FLOAT, [1, TOKENS, FEATURES])
    return model(nodes, inits, [x], "y_dq")


def unbroadcastable():
    inits = scales(("x", 0.02), ("y", 0.01))
    nodes = qdq("x", "x", "x_s", "x_z") + qdq("z", "z", "x_s", "x_z")
    nodes.append(h.make_node("MatMul", ["x_dq", "z_dq"], ["y"],
                             name="/bad/MatMul"))
    nodes += qdq("y", "y", "y_s", "y_z")
    inputs = [h.make_tensor_value_info("x", T.FLOAT, [2, 4, 6]),
              h.make_tensor_value_info("z", T.FLOAT, [3, 6, 5])]
    return model(nodes, inits, inputs, "y_dq")


def save(name, m):
    (out / f"{name}.onnx").write_bytes(m.SerializeToString())


save("attention", attention())
save("gelu", functions("none"))
save("gelu_tanh", functions("tanh"))
save("silu", functions("silu"))
save("matmul_broadcast", unbroadcastable())
save("layer_norm", layer_norm())
save("gelu_erf", erf_gelu())
save("layer_norm_chain", layer_norm_chain())
save("layer_norm_chain_read", layer_norm_chain(read_mean=True))
save("gelu_erf_read", erf_gelu(erf_read=True))
save("layer_norm_mean", layer_norm(read_mean=True))
save("class_token", class_token())
save("expand_activation", class_token(expand_activation=True))
