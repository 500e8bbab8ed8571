#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Test-set accuracy of each example network: its fake-quant graph and its
int8 program, both run by qat's reference interpreter on the 360 held-out
digits in one batch each (qat.compile with qat-opt --qat-to-int8's default,
double rounding). Run from the repository root after the set-up command:

  /usr/bin/python3 examples/evaluate.py [--images N] [--networks cnn,...]
"""
import argparse
import pathlib
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "python"))
import qat  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--images", type=int, default=360)
ap.add_argument("--networks", default="cnn,dscnn,resnet")
a = ap.parse_args()
data = np.load(HERE / "data" / "digits_test.npz")
images = data["images"][: a.images].astype(np.float32) / 16.0
labels = data["labels"][: a.images]

print("| network | fake-quant accuracy | int8 accuracy | same prediction |")
print("|---|---|---|---|")
for name in a.networks.split(","):
    model = qat.compile(HERE / f"{name}.mlir", rounding="double")
    fq = model.interpret_graph(images).argmax(1)
    q = model.interpret(images).argmax(1)
    print(f"| {name} | {(fq == labels).mean():.4f} | "
          f"{(q == labels).mean():.4f} | {(fq == q).mean():.4f} |")
