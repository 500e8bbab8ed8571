#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Models with several input channels and image outputs, for layout.test.

  layout_cases.py make DIR
      writes CASE.onnx and CASE.nchw.npy (an input in ONNX's order) and
      CASE.nhwc.npy (the same input channels last) for every case
  layout_cases.py check DIR CASE
      compares DIR/CASE.nchw.out.npy (qat-run --layout=nchw) with
      DIR/CASE.nhwc.out.npy (qat-run --layout=nhwc) put in ONNX's order

Cases: image (Conv 3 -> 4 channels, NCHW output), sequence (1-D Conv, NCL
output) and flat (Conv then Flatten: the output is the flattened image,
which ONNX orders (c, h, w)).
"""
import pathlib
import sys

import numpy as np
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nh

CASES = {"image": [1, 3, 5, 6], "sequence": [1, 3, 10], "flat": [1, 3, 5, 6]}


def qdq(x, prefix, scale, zp, axis=None):
    kw = {} if axis is None else {"axis": axis}
    return [h.make_node("QuantizeLinear", [x, scale, zp], [prefix + "_q"],
                        name=f"/{prefix}/QuantizeLinear", **kw),
            h.make_node("DequantizeLinear", [prefix + "_q", scale, zp],
                        [prefix + "_dq"], name=f"/{prefix}/DequantizeLinear",
                        **kw)]


def make(out):
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.RandomState(0)
    for name, shape in CASES.items():
        k = [3, 3] if len(shape) == 4 else [3]
        w = rng.uniform(-0.5, 0.5, [4, 3] + k).astype(np.float32)
        inits = [nh.from_array(np.array(0.05, np.float32), "s"),
                 nh.from_array(np.array(128, np.uint8), "z"),
                 nh.from_array(np.array(0.1, np.float32), "so"),
                 nh.from_array(np.array(120, np.uint8), "zo"),
                 nh.from_array(np.full(4, 0.004, np.float32), "ws"),
                 nh.from_array(np.zeros(4, np.int8), "wz"),
                 nh.from_array(w, "W")]
        nodes = qdq("x", "in", "s", "z") + qdq("W", "w", "ws", "wz", axis=0)
        nodes.append(h.make_node("Conv", ["in_dq", "w_dq"], ["c"],
                                 name="/conv/Conv", pads=[1] * 2 * len(k)))
        nodes += qdq("c", "out", "so", "zo")
        last = "out_dq"
        if name == "flat":
            nodes.append(h.make_node("Flatten", [last], ["f"],
                                     name="/flatten/Flatten"))
            nodes += qdq("f", "flat", "so", "zo")
            last = "flat_dq"
        graph = h.make_graph(
            nodes, "g", [h.make_tensor_value_info("x", T.FLOAT, shape)],
            [h.make_tensor_value_info(last, T.FLOAT, None)], inits)
        model = h.make_model(graph, opset_imports=[h.make_opsetid("", 13)])
        (out / f"{name}.onnx").write_bytes(model.SerializeToString())
        x = rng.uniform(-6, 6, shape).astype(np.float32)
        np.save(out / f"{name}.nchw.npy", x)
        held = (x.transpose(0, 2, 3, 1) if len(shape) == 4 else
                x.transpose(0, 2, 1)[:, None])
        np.save(out / f"{name}.nhwc.npy", np.ascontiguousarray(held))


def check(out, name):
    nchw = np.load(out / f"{name}.nchw.out.npy")
    nhwc = np.load(out / f"{name}.nhwc.out.npy")
    if name == "image":
        expected = nhwc.transpose(0, 3, 1, 2)
    elif name == "sequence":  # [N, 1, L, C] -> [N, C, L]
        expected = nhwc[:, 0].transpose(0, 2, 1)
    else:  # flattened (h, w, c) -> (c, h, w)
        expected = nhwc.reshape(1, 5, 6, 4).transpose(0, 3, 1, 2).reshape(1,
                                                                          -1)
    same = nchw.shape == expected.shape and np.array_equal(nchw, expected)
    print(f"{name}: nchw output {'x'.join(map(str, nchw.shape))}, "
          f"{'equal to' if same else 'DIFFERENT from'} the nhwc output "
          f"in ONNX's order")


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(pathlib.Path(sys.argv[2]))
    else:
        check(pathlib.Path(sys.argv[2]), sys.argv[3])
