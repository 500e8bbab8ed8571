#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Resize and Upsample variants for resize.test.

  resize_cases.py make DIR     writes CASE.onnx for every case, and for the
                               accepted ones CASE.in.npy (an NHWC input) and
                               CASE.expected.npy (the input repeated)
  resize_cases.py check DIR CASE
                               compares DIR/CASE.out.npy with the expected
"""
import pathlib
import sys

import numpy as np
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nh

# name: (op, opset, attributes, scales or None, sizes or None, accepted,
#        factors (sh, sw) when accepted)
CASES = {
    "pytorch": ("Resize", 13, {"mode": "nearest", "nearest_mode": "floor",
                               "coordinate_transformation_mode":
                                   "asymmetric"},
                [1, 1, 2, 2], None, (2, 2)),
    "sizes-half-pixel": ("Resize", 13, {}, None, [1, 3, 12, 8], (3, 2)),
    "opset10": ("Resize", 10, {"mode": "nearest"}, [1, 1, 1, 3], None,
                (1, 3)),
    "upsample": ("Upsample", 10, {"mode": "nearest"}, [1, 1, 2, 1], None,
                 (2, 1)),
    "linear": ("Resize", 13, {"mode": "linear"}, [1, 1, 2, 2], None, None),
    "fraction": ("Resize", 13, {"mode": "nearest"}, [1, 1, 1.5, 1.5], None,
                 None),
    "channels": ("Resize", 13, {"mode": "nearest"}, [1, 2, 1, 1], None, None),
    "rule": ("Resize", 13, {"mode": "nearest", "nearest_mode":
                            "round_prefer_ceil",
                            "coordinate_transformation_mode": "asymmetric"},
             [1, 1, 2, 2], None, None),
}
SCALE, ZP = 0.05, 128  # uint8 input quantization


def make(out):
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.RandomState(0)
    for name, (op, opset, attrs, scales, sizes, factors) in CASES.items():
        inits = [nh.from_array(np.array(SCALE, np.float32), "s"),
                 nh.from_array(np.array(ZP, np.uint8), "z")]
        nodes = [h.make_node("QuantizeLinear", ["x", "s", "z"], ["q"],
                             name="/in/QuantizeLinear"),
                 h.make_node("DequantizeLinear", ["q", "s", "z"], ["dq"],
                             name="/in/DequantizeLinear")]
        inputs = ["dq"]
        if op == "Resize" and opset >= 11:
            inputs.append("")  # roi
        if scales is not None:
            inits.append(nh.from_array(np.array(scales, np.float32),
                                       "scales"))
            inputs.append("scales")
        else:
            inputs += ["", "sizes"]
            inits.append(nh.from_array(np.array(sizes, np.int64), "sizes"))
        nodes.append(h.make_node(op, inputs, ["y"], name="/up", **attrs))
        graph = h.make_graph(
            nodes, "g", [h.make_tensor_value_info("x", T.FLOAT, [1, 3, 4, 4])],
            [h.make_tensor_value_info("y", T.FLOAT, None)], inits)
        model = h.make_model(graph,
                             opset_imports=[h.make_opsetid("", opset)])
        (out / f"{name}.onnx").write_bytes(model.SerializeToString())
        if factors:
            x = rng.uniform(-5, 5, (1, 4, 4, 3)).astype(np.float32)
            q = np.clip(np.round(x / np.float32(SCALE)) + ZP, 0, 255)
            dq = ((q - ZP) * np.float32(SCALE)).astype(np.float32)
            expected = dq.repeat(factors[0], axis=1).repeat(factors[1],
                                                           axis=2)
            np.save(out / f"{name}.in.npy", x)
            np.save(out / f"{name}.expected.npy", expected)


def check(out, name):
    got = np.load(out / f"{name}.out.npy")
    expected = np.load(out / f"{name}.expected.npy")
    same = got.shape == expected.shape and np.array_equal(got, expected)
    print(f"{name}: shape {'x'.join(map(str, got.shape))}, "
          f"{'equal to' if same else 'DIFFERENT from'} the repeated input")


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(pathlib.Path(sys.argv[2]))
    else:
        check(pathlib.Path(sys.argv[2]), sys.argv[3])
