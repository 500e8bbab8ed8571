#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Compiles a model with qat-compile for each backend, runs every backend on
the same int8 inputs with one harness generated from the model's header (it
includes the header, so the header and the entry point are checked too), and
compares every output byte with qat-run on the int8 program.

Backends:
  llvm         qat-compile --emit=llvm, built with clang (host)
  c            qat-compile --emit=c and the runtime, built with host gcc
               under -fsanitize=address,undefined (and compiled by clang)
  m4           the same C for Cortex-M4 with the DSP kernels (SMLAD), run
               under qemu-system-arm -M mps2-an386
  m4-portable  the same with -DQAT_RT_PORTABLE (the plain C kernels)
  m55          the same C for Cortex-M55 with the Helium (MVE) kernels, run
               under qemu-system-arm -M mps3-an547
  c-wide       the c backend with -DQAT_RT_WIDE_WEIGHTS=1: the portable
               kernels over the int16 weights --c-wide-weights emits (the m4
               backend runs their DSP form)

A mismatch prints the backend, the input, the first differing index and
both values.
"""
import argparse
import json
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[3] /
                       "utils" / "harness"))
import targets  # noqa: E402

ap = argparse.ArgumentParser()
for flag in ("--qat-compile", "--qat-run", "--model"):
    ap.add_argument(flag, required=True)
ap.add_argument("--backends", default="llvm,c")
ap.add_argument("--clang", default="clang-22")
ap.add_argument("--cc", default="gcc")
ap.add_argument("--arm-gcc", default="arm-none-eabi-gcc")
ap.add_argument("--qemu", default="qemu-system-arm")
ap.add_argument("--function")
ap.add_argument("--rounding", help="qat-compile's --rounding (default: its own)")
ap.add_argument("--layout", help="qat-compile's --layout (ONNX input)")
ap.add_argument("--arena", default="caller")
ap.add_argument("--c-wide-weights", type=int, default=0,
                help="qat-compile's --c-wide-weights (--emit=c)")
ap.add_argument("--pack-4bit-weights", action="store_true",
                help="qat-compile --pack-4bit-weights for the LLVM and C "
                     "builds; the reference int8 program keeps int8 weights, "
                     "so the packed builds must give its bytes")
ap.add_argument("--int16-activations",
                help="qat-compile's --int16-activations (mixed precision)")
ap.add_argument("--trials", type=int, default=20)
ap.add_argument("--inputs", type=pathlib.Path,
                help="the inputs: a .npy of samples [N, ...] for a model "
                     "with one input port, instead of random ones")
ap.add_argument("--expected", type=pathlib.Path,
                help="with --inputs: the .npy of outputs [N, ...] that "
                     "qat-run and every backend must give byte for byte "
                     "(a reference executor's, e.g. TFLite Micro's)")
ap.add_argument("--work", required=True, type=pathlib.Path)
a = ap.parse_args()
a.work.mkdir(parents=True, exist_ok=True)
backends = a.backends.split(",")


run = targets.run
tools = targets.Tools(cc=a.cc, clang=a.clang, arm_gcc=a.arm_gcc, qemu=a.qemu)
extra = ["--function", a.function] if a.function else []
extra += ["--rounding", a.rounding] if a.rounding else []
extra += ["--layout", a.layout] if a.layout else []
extra += ([f"--int16-activations={a.int16_activations}"]
          if a.int16_activations else [])
for emit in ("qint", "llvm", "c"):
    arena = (["--arena", a.arena, f"--c-wide-weights={a.c_wide_weights}"]
             if emit == "c" else [])
    if a.pack_4bit_weights and emit != "qint":
        arena.append("--pack-4bit-weights")
    run([a.qat_compile, a.model, f"--emit={emit}", "-o", a.work] + extra +
        arena)
name = a.function or pathlib.Path(a.model).stem
prefix = f"QAT_{name.upper()}"
# The model's facts, from NAME.json (never the header's text).
facts = json.loads((a.work / f"{name}.json").read_text())
inputs = [(p["size"], p["shape"]) for p in facts["inputs"]]
outputs = [(p["size"], p["shape"]) for p in facts["outputs"]]
# int8 ports, or int16 ones (int16 activations at the boundary).
NUMPY = {"int8_t": np.int8, "int16_t": np.int16}
in_types = [p.get("ctype", "int8_t") for p in facts["inputs"]]
out_types = [p.get("ctype", "int8_t") for p in facts["outputs"]]
decl = lambda kind, types: "".join(
    f"static {t} {kind}{i}[{prefix}_{kind.upper()}{i}_SIZE];\n"
    for i, t in enumerate(types))
# The LLVM path always takes the caller's arena; the C path with a static
# arena ignores it.
args = ", ".join([f"input{i}" for i in range(len(inputs))] +
                 [f"output{i}" for i in range(len(outputs))] + ["arena"])
reads = "".join(
    f"    if (io_read(in, input{i}, sizeof input{i}) != sizeof input{i})\n"
    f"      break;\n" for i in range(len(inputs)))
writes = "".join(f"    io_write(out, output{i}, sizeof output{i});\n"
                 for i in range(len(outputs)))
harness = (
    '#include "io.h"\n'
    f'#include "{name}.h"\n'
    + decl("input", in_types) + decl("output", out_types) +
    f"static int32_t arena[{prefix}_ARENA_SIZE / 4 + 1];\n"
    "int main(void) {\n"
    "  int in = io_open(QAT_INPUTS, 0), out = io_open(QAT_OUTPUTS, 1);\n"
    "  if (in < 0 || out < 0)\n"
    "    return 2;\n"
    "  for (;;) {\n" + reads +
    f"    if (qat_{name}_run({args}) != 0)\n"
    "      return 3;\n" + writes +
    "  }\n"
    "  io_close(in);\n"
    "  return io_close(out) == 0 ? 0 : 2;\n"
    "}\n")
(a.work / "harness.c").write_text(harness)

rng = np.random.default_rng(0)
def extremes(t):
    info = np.iinfo(NUMPY[t])
    return info.min, info.max + 1


if a.inputs:
    samples = np.load(a.inputs)
    if len(inputs) != 1 or samples.dtype != NUMPY[in_types[0]] or \
            samples[0].size != inputs[0][0]:
        sys.exit(f"{a.inputs}: {samples.dtype} samples of {samples[0].size} "
                 f"values do not fit the model's inputs {facts['inputs']}")
    trials = [[x.reshape(-1)] for x in samples]
else:
    trials = [[rng.integers(*extremes(t), size, dtype=NUMPY[t])
               for (size, _), t in zip(inputs, in_types)]
              for _ in range(a.trials)]
    trials += [[np.full(size, extremes(t)[k] - k, NUMPY[t])
                for (size, _), t in zip(inputs, in_types)] for k in (0, 1)]
expected = None
if a.expected:
    expected = np.load(a.expected).reshape(len(trials), -1).astype(np.int64)
with open(a.work / "inputs.bin", "wb") as f:
    for t in trials:
        for x in t:
            f.write(x.tobytes())



def build_and_run(backend):
    out = a.work / f"outputs.{backend}.bin"
    defines = [f'QAT_INPUTS="{a.work / "inputs.bin"}"', f'QAT_OUTPUTS="{out}"']
    binary = a.work / f"{name}-{backend}.exe"
    if backend == "llvm":
        run([a.clang, "-O2", "-Wno-override-module", f"-I{a.work}",
             f"-I{targets.HARNESS}"] + targets.C_FLAGS +
            [f"-D{d}" for d in defines] +
            [a.work / "harness.c", targets.HARNESS / "io_stdio.c",
             a.work / f"{name}.ll", "-o", binary])
        run([binary])
    else:
        target = backend
        if backend == "c-wide":
            target, defines = "c", defines + ["QAT_RT_WIDE_WEIGHTS=1"]
        targets.build(tools, target, [a.work / "harness.c", a.work / f"{name}.c"],
                      [a.work], defines, binary)
        targets.execute(tools, target, binary)
    return out.read_bytes()


def split(data):
    """A backend's output file as one flat int64 array per trial."""
    trial_bytes = sum(size * np.dtype(NUMPY[t]).itemsize
                      for (size, _), t in zip(outputs, out_types))
    if len(data) != trial_bytes * len(trials):
        return None
    rows = []
    for i in range(len(trials)):
        offset, row = i * trial_bytes, []
        for (size, _), t in zip(outputs, out_types):
            width = np.dtype(NUMPY[t]).itemsize
            row.append(np.frombuffer(data[offset:offset + size * width],
                                     NUMPY[t]).astype(np.int64))
            offset += size * width
        rows.append(np.concatenate(row))
    return rows


per_trial = sum(size for size, _ in outputs)
results = {}
for backend in backends:
    got = split(build_and_run(backend))
    if got is None:
        sys.exit(f"{backend}: wrote the wrong number of bytes")
    results[backend] = got

# The oracle: qat-run on every trial in one process (--batch).
cmd = [a.qat_run, a.work / f"{name}.qint.mlir", "--function",
       a.function or "main", "--batch"]
for k, (_, shape) in enumerate(inputs):
    np.save(a.work / f"x{k}.npy",
            np.stack([t[k].reshape(shape) for t in trials]))
    cmd += ["--input", a.work / f"x{k}.npy"]
for k in range(len(outputs)):
    cmd += ["--output", a.work / f"y{k}.npy"]
run(cmd)
oracles = [np.load(a.work / f"y{k}.npy").reshape(len(trials), -1)
           .astype(np.int64) for k in range(len(outputs))]
mismatches = 0
for i, t in enumerate(trials):
    oracle = np.concatenate([o[i] for o in oracles])
    if expected is not None:
        diff = np.nonzero(oracle != expected[i])[0]
        if diff.size:
            j = int(diff[0])
            print(f"qat-run: input {i}: {diff.size} values differ from "
                  f"{a.expected.name}; first at index {j}: {oracle[j]}, "
                  f"expected {expected[i][j]}")
            mismatches += 1
    for backend, got in results.items():
        diff = np.nonzero(oracle != got[i])[0]
        if diff.size:
            j = int(diff[0])
            print(f"{backend}: input {i}: {diff.size} bytes differ; first at "
                  f"index {j}: {got[i][j]}, qat-run {oracle[j]}")
            mismatches += 1
trial_bytes = sum(size * np.dtype(NUMPY[t]).itemsize
                  for (size, _), t in zip(outputs, out_types))
print(f"{name}: {len(trials)} inputs, {trial_bytes * len(trials)} output bytes "
      f"per backend, backends {'+'.join(backends)}, "
      f"{mismatches} mismatching outputs"
      + (f" (qat-run checked against {a.expected.name})"
         if expected is not None else ""))
sys.exit(1 if mismatches else 0)
