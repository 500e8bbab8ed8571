#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Test-set accuracy of each example network: its fake-quant graph and its
int8 program (qat-opt --qat-to-int8), both run by qat-run on the 360
held-out digits. Run from the repository root after building:

  /usr/bin/python3 examples/evaluate.py [--images N] [--build build]
"""
import argparse
import pathlib
import subprocess
import tempfile

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
ap = argparse.ArgumentParser()
ap.add_argument("--build", default="build", type=pathlib.Path)
ap.add_argument("--images", type=int, default=360)
ap.add_argument("--networks", default="cnn,dscnn,resnet")
a = ap.parse_args()
data = np.load(HERE / "data" / "digits_test.npz")
images = data["images"][: a.images].astype(np.float32) / 16.0
labels = data["labels"][: a.images]
qat_opt, qat_run = a.build / "bin" / "qat-opt", a.build / "bin" / "qat-run"

with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    print(f"| network | fake-quant accuracy | int8 accuracy | same prediction |")
    print(f"|---|---|---|---|")
    for name in a.networks.split(","):
        model = HERE / f"{name}.mlir"
        lowered = tmp / f"{name}.int8.mlir"
        subprocess.run([qat_opt, model, "--qat-to-int8", "-o", lowered],
                       check=True)
        predictions = {"fq": [], "int8": []}
        for i, image in enumerate(images):
            np.save(tmp / "x.npy", image[None])
            for kind, path in (("fq", model), ("int8", lowered)):
                subprocess.run([qat_run, path, "--input", tmp / "x.npy",
                                "--output", tmp / "y.npy"], check=True)
                predictions[kind].append(int(np.load(tmp / "y.npy").argmax()))
        fq, q = np.array(predictions["fq"]), np.array(predictions["int8"])
        print(f"| {name} | {(fq == labels).mean():.4f} | "
              f"{(q == labels).mean():.4f} | {(fq == q).mean():.4f} |")
