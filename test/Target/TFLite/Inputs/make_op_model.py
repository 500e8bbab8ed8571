#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes a .tflite model of one element-wise int8 operator over a [1, 256]
tensor, through flatc and qat's schema:

  make_op_model.py --schema TFLiteSchema.fbs --op LOGISTIC \\
      --input SCALE,ZP --output SCALE,ZP [--alpha A] OUT.tflite

and, with --inputs FILE.npy, the int8 input holding each value -128..127
once (so the output is the operator's table).
"""
import argparse
import json
import pathlib
import subprocess
import tempfile

import numpy as np

CODES = {"LOGISTIC": 14, "TANH": 28, "HARD_SWISH": 117, "LEAKY_RELU": 98,
         "RELU": 19, "RELU6": 21}

ap = argparse.ArgumentParser()
ap.add_argument("--flatc", default="flatc")
ap.add_argument("--schema", required=True)
ap.add_argument("--op", required=True, choices=sorted(CODES))
ap.add_argument("--input", required=True)
ap.add_argument("--output", required=True)
ap.add_argument("--alpha", type=float)
ap.add_argument("--inputs", type=pathlib.Path)
ap.add_argument("out", type=pathlib.Path)
a = ap.parse_args()


def tensor(name, quant):
    scale, zp = quant.split(",")
    return {"shape": [1, 256], "type": "INT8", "buffer": 0, "name": name,
            "quantization": {"scale": [float(scale)],
                             "zero_point": [int(zp)]}}


op = {"opcode_index": 0, "inputs": [0], "outputs": [1]}
if a.alpha is not None:
    op["builtin_options_type"] = "LeakyReluOptions"
    op["builtin_options"] = {"alpha": a.alpha}
model = {
    "version": 3,
    "operator_codes": [{"deprecated_builtin_code": min(CODES[a.op], 127),
                        "builtin_code": CODES[a.op]}],
    "subgraphs": [{"tensors": [tensor("x", a.input), tensor("y", a.output)],
                   "inputs": [0], "outputs": [1], "operators": [op]}],
    "buffers": [{}],
}
with tempfile.TemporaryDirectory() as work:
    src = pathlib.Path(work) / "model.json"
    # flatc reads enum values by name; TensorType is a byte here.
    text = json.dumps(model).replace('"INT8"', "9")
    src.write_text(text)
    subprocess.run([a.flatc, "-b", "-o", work, a.schema, src], check=True)
    a.out.write_bytes((pathlib.Path(work) / "model.bin").read_bytes())
if a.inputs:
    np.save(a.inputs, np.arange(-128, 128, dtype=np.int8).reshape(1, 256))
