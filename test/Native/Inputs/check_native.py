#!/usr/bin/python3
"""Compiles a model with qat-compile --emit=llvm, builds it with clang and a
C harness generated from the model's header (it includes the header, so the
header and the entry point are checked too), runs it on int8 inputs, and
compares every output byte with qat-run on the int8 program (qat-compile
--emit=qint). A mismatch prints the input, the output, the first differing
index and both values.
"""
import argparse
import pathlib
import re
import subprocess
import sys

import numpy as np

ap = argparse.ArgumentParser()
for flag in ("--qat-compile", "--qat-run", "--clang", "--model"):
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
prefix = f"QAT_{name.upper()}"
header = (a.work / f"{name}.h").read_text()


def ports(kind):
    sizes = re.findall(rf"{prefix}_{kind}(\d+)_SIZE (\d+)", header)
    shapes = re.findall(rf"{prefix}_{kind}(\d+)_SHAPE \{{([^}}]*)\}}", header)
    return [(int(s), [int(d) for d in shape.split(",")])
            for (_, s), (_, shape) in zip(sizes, shapes)]


inputs, outputs = ports("INPUT"), ports("OUTPUT")
decl = lambda kind, n: "".join(
    f"  static int8_t {kind}{i}[{prefix}_{kind.upper()}{i}_SIZE];\n"
    for i in range(n))
args = ", ".join([f"input{i}" for i in range(len(inputs))] +
                 [f"output{i}" for i in range(len(outputs))] + ["arena"])
reads = "".join(
    f"    if (fread(input{i}, 1, sizeof input{i}, in) != sizeof input{i})\n"
    f"      break;\n" for i in range(len(inputs)))
writes = "".join(f"    fwrite(output{i}, 1, sizeof output{i}, out);\n"
                 for i in range(len(outputs)))
harness = (
    "#include <stdio.h>\n"
    f'#include "{name}.h"\n'
    "int main(int argc, char **argv) {\n"
    + decl("input", len(inputs)) + decl("output", len(outputs)) +
    f"  static unsigned char arena[{prefix}_ARENA_SIZE];\n"
    "  FILE *in, *out;\n"
    "  if (argc != 3 || !(in = fopen(argv[1], \"rb\")) ||\n"
    "      !(out = fopen(argv[2], \"wb\")))\n"
    "    return 2;\n"
    "  for (;;) {\n" + reads +
    f"    if (qat_{name}_run({args}) != 0)\n"
    "      return 3;\n" + writes +
    "  }\n"
    "  fclose(in);\n"
    "  return fclose(out) == 0 ? 0 : 2;\n"
    "}\n")
(a.work / "harness.c").write_text(harness)
binary = a.work / name
subprocess.run([a.clang, "-O2", "-std=c99", "-Wall", "-Wextra", "-Werror",
                "-Wno-override-module", f"-I{a.work}", a.work / "harness.c",
                a.work / f"{name}.ll", "-o", binary], check=True)

rng = np.random.default_rng(0)
trials = [[rng.integers(-128, 128, size, dtype=np.int8) for size, _ in inputs]
          for _ in range(a.trials)]
trials += [[np.full(size, v, np.int8) for size, _ in inputs] for v in (-128, 127)]
with open(a.work / "inputs.bin", "wb") as f:
    for t in trials:
        for x in t:
            f.write(x.tobytes())
subprocess.run([binary, a.work / "inputs.bin", a.work / "outputs.bin"],
               check=True)
native = np.fromfile(a.work / "outputs.bin", np.int8)
per_trial = sum(size for size, _ in outputs)
native = native.reshape(len(trials), per_trial)

mismatches = 0
for i, t in enumerate(trials):
    cmd = [a.qat_run, a.work / f"{name}.qint.mlir", "--function",
           a.function or "main"]
    for k, (x, (_, shape)) in enumerate(zip(t, inputs)):
        np.save(a.work / f"x{k}.npy", x.reshape(shape))
        cmd += ["--input", a.work / f"x{k}.npy"]
    for k in range(len(outputs)):
        cmd += ["--output", a.work / f"y{k}.npy"]
    subprocess.run(cmd, check=True)
    offset = 0
    for k, (size, _) in enumerate(outputs):
        oracle = np.load(a.work / f"y{k}.npy").reshape(-1)
        got = native[i][offset:offset + size]
        offset += size
        diff = np.nonzero(oracle != got)[0]
        if diff.size:
            j = int(diff[0])
            print(f"input {i}, output {k}: {diff.size} bytes differ; first at "
                  f"index {j}: native {got[j]}, qat-run {oracle[j]}")
            mismatches += 1
print(f"{name}: {len(trials)} inputs, {native.size} output bytes, "
      f"{mismatches} mismatching outputs")
sys.exit(1 if mismatches else 0)
