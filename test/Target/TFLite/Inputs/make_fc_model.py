#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes a FULLY_CONNECTED .tflite model (input [1, 16] int8, weights
[8, 16] with values in [-8, 7], int32 bias, per-channel scales) through
flatc and qat's schema, its weights stored as INT8 or as INT4 (two per
byte, the first in the low nibble), and an input batch.

  make_fc_model.py --schema TFLiteSchema.fbs --weights int8|int4 OUT.tflite
      [--inputs X.npy]
"""
import argparse
import json
import pathlib
import subprocess
import tempfile

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--flatc", default="flatc")
ap.add_argument("--schema", required=True)
ap.add_argument("--weights", choices=["int8", "int4"], required=True)
ap.add_argument("--inputs", type=pathlib.Path)
ap.add_argument("--float-io", action="store_true",
                help="FLOAT32 graph input and output: a QUANTIZE before the "
                     "layer and a DEQUANTIZE after it")
ap.add_argument("out", type=pathlib.Path)
a = ap.parse_args()

rng = np.random.default_rng(3)
w = rng.integers(-8, 8, size=(8, 16), dtype=np.int8)
bias = rng.integers(-500, 500, size=8, dtype=np.int32)
if a.weights == "int8":
    data, wtype = w.tobytes(), 9
else:
    flat = (w.reshape(-1).astype(np.int16) & 0xF).astype(np.uint8)
    data, wtype = bytes(flat[0::2] | (flat[1::2] << 4)), 17


def quant(scales, zps, dim=0):
    return {"scale": scales, "zero_point": zps, "quantized_dimension": dim}


model = {
    "version": 3,
    "operator_codes": [{"deprecated_builtin_code": 9, "builtin_code": 9}],
    "subgraphs": [{
        "tensors": [
            {"shape": [1, 16], "type": 9, "buffer": 0, "name": "x",
             "quantization": quant([0.05], [-3])},
            {"shape": [8, 16], "type": wtype, "buffer": 1, "name": "w",
             "quantization": quant([0.01 + 0.002 * c for c in range(8)],
                                   [0] * 8)},
            {"shape": [8], "type": 2, "buffer": 2, "name": "b",
             "quantization": quant([0.0005 + 0.0001 * c for c in range(8)],
                                   [0] * 8)},
            {"shape": [1, 8], "type": 9, "buffer": 0, "name": "y",
             "quantization": quant([0.04], [5])},
        ],
        "inputs": [0], "outputs": [3],
        "operators": [{"opcode_index": 0, "inputs": [0, 1, 2],
                       "outputs": [3],
                       "builtin_options_type": "FullyConnectedOptions",
                       "builtin_options": {}}],
    }],
    "buffers": [{}, {"data": list(data)}, {"data": list(bias.tobytes())}],
}
if a.float_io:
    sg = model["subgraphs"][0]
    sg["tensors"] += [
        {"shape": [1, 16], "type": 0, "buffer": 0, "name": "x_float"},
        {"shape": [1, 8], "type": 0, "buffer": 0, "name": "y_float"}]
    model["operator_codes"] += [
        {"deprecated_builtin_code": 114,
         "builtin_code": 114},
        {"deprecated_builtin_code": 6, "builtin_code": 6}]
    sg["operators"] = [{"opcode_index": 1, "inputs": [4], "outputs": [0]},
                       sg["operators"][0],
                       {"opcode_index": 2, "inputs": [3], "outputs": [5]}]
    sg["inputs"], sg["outputs"] = [4], [5]
with tempfile.TemporaryDirectory() as work:
    src = pathlib.Path(work) / "model.json"
    src.write_text(json.dumps(model))
    subprocess.run([a.flatc, "-b", "-o", work, a.schema, src], check=True)
    a.out.write_bytes((pathlib.Path(work) / "model.bin").read_bytes())
if a.inputs:
    np.save(a.inputs, rng.integers(-128, 128, size=(1, 16), dtype=np.int8))
