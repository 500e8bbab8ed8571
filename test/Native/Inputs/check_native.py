#!/usr/bin/python3
"""Compiles a model with qat-compile --emit=llvm, builds it with clang and the
C harness, runs it on int8 inputs, and compares every output byte with
qat-run on the int8 program (qat-compile --emit=qint). A mismatch prints the
input, the first differing index and both values.
"""
import argparse
import pathlib
import re
import subprocess
import sys

import numpy as np

ap = argparse.ArgumentParser()
for flag in ("--qat-compile", "--qat-run", "--clang", "--model", "--harness"):
    ap.add_argument(flag, required=True)
ap.add_argument("--function")
ap.add_argument("--rounding", default="double")
ap.add_argument("--trials", type=int, default=20)
ap.add_argument("--work", required=True, type=pathlib.Path)
a = ap.parse_args()
a.work.mkdir(parents=True, exist_ok=True)

extra = ["--function", a.function] if a.function else []
extra += ["--rounding", a.rounding]
for emit in ("llvm", "qint"):
    subprocess.run([a.qat_compile, a.model, f"--emit={emit}", "-o", a.work] +
                   extra, check=True)
name = a.function or pathlib.Path(a.model).stem
header = (a.work / f"{name}.h").read_text()
size = lambda kind: int(re.search(rf"_{kind}0_SIZE (\d+)", header).group(1))
shape = lambda kind: [int(d) for d in re.search(
    rf"_{kind}0_SHAPE \{{([^}}]*)\}}", header).group(1).split(",")]
binary = a.work / name
subprocess.run([a.clang, "-O2", "-w", f"-I{a.work}", f'-DQAT_HEADER="{name}.h"',
                f"-DQAT_PREFIX=QAT_{name.upper()}", f"-DQAT_RUN=qat_{name}_run",
                a.harness, a.work / f"{name}.ll", "-o", binary], check=True)

rng = np.random.default_rng(0)
inputs = [rng.integers(-128, 128, size("INPUT"),
                       dtype=np.int8) for _ in range(a.trials)]
inputs += [np.full(size("INPUT"), -128, np.int8),
           np.full(size("INPUT"), 127, np.int8)]
np.concatenate(inputs).tofile(a.work / "inputs.bin")
subprocess.run([binary, a.work / "inputs.bin", a.work / "outputs.bin"],
               check=True)
native = np.fromfile(a.work / "outputs.bin", np.int8).reshape(len(inputs), -1)

mismatches = 0
for i, x in enumerate(inputs):
    np.save(a.work / "x.npy", x.reshape(shape("INPUT")))
    subprocess.run([a.qat_run, a.work / f"{name}.qint.mlir", "--function",
                    "main" if not a.function else a.function, "--input",
                    a.work / "x.npy", "--output", a.work / "y.npy"],
                   check=True)
    oracle = np.load(a.work / "y.npy").reshape(-1)
    diff = np.nonzero(oracle != native[i])[0]
    if diff.size:
        j = int(diff[0])
        print(f"input {i}: {diff.size} bytes differ; first at index {j}: "
              f"native {native[i][j]}, qat-run {oracle[j]}")
        mismatches += 1
print(f"{name}: {len(inputs)} inputs, {native.size} output bytes, "
      f"{mismatches} mismatching inputs")
sys.exit(1 if mismatches else 0)
