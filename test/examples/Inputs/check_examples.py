#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs each example's fake-quant graph in qat-run on held-out digits and
compares with the outputs PyTorch's QAT model gave (examples/data/).

PyTorch sums in float32 and qat-run exactly, so an inner fake-quant can
round the other way on a value within PyTorch's float error of a tie:
the bound is one output quantization step (the deviation is reported), and
the predicted classes must be identical.
"""
import argparse
import pathlib
import subprocess
import sys

import numpy as np

import qat

ap = argparse.ArgumentParser()
ap.add_argument("--qat-run", required=True)
ap.add_argument("--examples", required=True, type=pathlib.Path)
ap.add_argument("--work", required=True, type=pathlib.Path)
ap.add_argument("--images", type=int, default=20)
a = ap.parse_args()
a.work.mkdir(parents=True, exist_ok=True)
data = np.load(a.examples / "data" / "digits_test.npz")
images = data["images"].astype(np.float32) / 16.0
ok = True
for name in ("cnn", "dscnn", "resnet"):
    model = a.examples / f"{name}.mlir"
    expected = np.load(a.examples / "data" / f"{name}.expected.npy")
    # The output quantization step (cnn's softmax has the fixed 1/256).
    step = qat.compile(model).outputs[0].scale
    got = []
    for i in range(a.images):
        np.save(a.work / "in.npy", images[i:i + 1])
        subprocess.run([a.qat_run, str(model), "--input", str(a.work / "in.npy"),
                        "--output", str(a.work / "out.npy")], check=True)
        got.append(np.load(a.work / "out.npy"))
    got = np.concatenate(got)
    ref = expected[:a.images]
    deviation = float(np.abs(got - ref).max() / step)
    agree = float((got.argmax(1) == ref.argmax(1)).mean())
    print(f"{name}: {a.images} images, max deviation {deviation:.2f} steps, "
          f"argmax agreement {agree:.2f}")
    ok &= deviation <= 1.0001 and agree == 1.0
sys.exit(0 if ok else 1)
