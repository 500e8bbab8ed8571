#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs qat-run on each ONNX model's imported fake-quant graph (qat-run reads
the .onnx directly) for the first N held-out digits and compares with the
fake-quant outputs PyTorch computed: prints, per model, how many outputs
match exactly and the largest difference in output steps."""
import argparse
import pathlib
import subprocess

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--qat-run", required=True)
ap.add_argument("--models", required=True, type=pathlib.Path)
ap.add_argument("--digits", required=True, type=pathlib.Path)
ap.add_argument("--work", required=True, type=pathlib.Path)
ap.add_argument("--count", type=int, default=10)
ap.add_argument("names", nargs="+")
a = ap.parse_args()
a.work.mkdir(parents=True, exist_ok=True)
images = np.load(a.digits)["images"].astype(np.float32) / 16.0
shapes = {"mlp": (1, 64), "conv1d": (1, 1, 64, 1)}
for name in a.names:
    expected = np.load(a.models / f"{name}.fakequant.npy")[:a.count]
    got = []
    for i in range(a.count):
        x = a.work / f"{name}.{i}.npy"
        np.save(x, images[i].reshape(shapes.get(name, (1, 8, 8, 1))))
        y = a.work / f"{name}.{i}.out.npy"
        subprocess.run([a.qat_run, a.models / f"{name}.onnx", "--input", x,
                        "--output", y], check=True)
        got.append(np.load(y)[0])
    got = np.array(got)
    # The output grid's step: the smallest gap between distinct values.
    levels = np.unique(expected)
    step = np.diff(levels).min() if len(levels) > 1 else 1.0
    steps = np.round(np.abs(got - expected) / step).astype(int)
    print(f"{name}: {np.sum(got == expected)} of {got.size} outputs equal "
          f"PyTorch's fake-quant outputs, max difference {steps.max()} steps")
