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

--function takes a comma-separated list of one model's functions, and
--model may be repeated (models whose entry is main): every program is
compiled on its own, and one harness per backend runs them all (one build
and one emulator run per backend, however many programs), each on its own
inputs, with the same options.

A mismatch prints the backend, the function, the input, the first
differing index and both values.
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
for flag in ("--qat-compile", "--qat-run"):
    ap.add_argument(flag, required=True)
ap.add_argument("--model", required=True, action="append")
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
options = ["--rounding", a.rounding] if a.rounding else []
options += ["--layout", a.layout] if a.layout else []
options += ([f"--int16-activations={a.int16_activations}"]
            if a.int16_activations else [])
functions = a.function.split(",") if a.function else [None]
if len(a.model) > 1 and a.function:
    sys.exit("--function takes one --model")
programs = [(m, f) for m in a.model for f in functions]
if a.inputs and len(programs) > 1:
    sys.exit("--inputs takes one program")
# int8 ports, or int16 ones (int16 activations at the boundary).
NUMPY = {"int8_t": np.int8, "int16_t": np.int16}
rng = np.random.default_rng(0)


def extremes(t):
    info = np.iinfo(NUMPY[t])
    return info.min, info.max + 1


class Case:
    """One function: its compiled forms, its ports and its inputs."""

    def __init__(self, model, function):
        extra = ["--function", function] if function else []
        c_flags = ["--arena", a.arena, f"--c-wide-weights={a.c_wide_weights}"]
        # One compilation writes all three, unless the reference program
        # must keep int8 weights or the C path has an arena of its own
        # (NAME.h is then the C path's, as the harness needs).
        if a.pack_4bit_weights:
            runs = [(["qint"], []), (["llvm", "c"], ["--pack-4bit-weights"] +
                                     c_flags)]
        elif a.arena != "caller":
            runs = [(["qint", "llvm"], []), (["c"], c_flags)]
        else:
            runs = [(["qint", "llvm", "c"], c_flags)]
        for emits, flags in runs:
            run([a.qat_compile, model, "--emit=" + ",".join(emits), "-o",
                 a.work] + extra + options + flags)
        self.function = function
        self.name = function or pathlib.Path(model).stem
        # The model's facts, from NAME.json (never the header's text).
        facts = json.loads((a.work / f"{self.name}.json").read_text())
        self.facts = facts
        self.inputs = [(p["size"], p["shape"]) for p in facts["inputs"]]
        self.outputs = [(p["size"], p["shape"]) for p in facts["outputs"]]
        self.in_types = [p.get("ctype", "int8_t") for p in facts["inputs"]]
        self.out_types = [p.get("ctype", "int8_t") for p in facts["outputs"]]
        self.trial_bytes = sum(size * np.dtype(NUMPY[t]).itemsize
                               for (size, _), t in zip(self.outputs,
                                                       self.out_types))
        if a.inputs:
            samples = np.load(a.inputs)
            if len(self.inputs) != 1 or \
                    samples.dtype != NUMPY[self.in_types[0]] or \
                    samples[0].size != self.inputs[0][0]:
                sys.exit(f"{a.inputs}: {samples.dtype} samples of "
                         f"{samples[0].size} values do not fit the model's "
                         f"inputs {facts['inputs']}")
            self.trials = [[x.reshape(-1)] for x in samples]
        else:
            self.trials = [[rng.integers(*extremes(t), size, dtype=NUMPY[t])
                            for (size, _), t in zip(self.inputs,
                                                    self.in_types)]
                           for _ in range(a.trials)]
            self.trials += [[np.full(size, extremes(t)[k] - k, NUMPY[t])
                             for (size, _), t in zip(self.inputs,
                                                     self.in_types)]
                            for k in (0, 1)]

    def harness_part(self):
        """Declarations and the loop running this function on its trials."""
        prefix = f"QAT_{self.name.upper()}"
        decl = "".join(
            f"static {t} {self.name}_{kind}{i}[{prefix}_{kind.upper()}{i}_SIZE];\n"
            for kind, types in (("input", self.in_types),
                                ("output", self.out_types))
            for i, t in enumerate(types))
        # The LLVM path always takes the caller's arena; the C path with a
        # static arena ignores it.
        args = ", ".join([f"{self.name}_input{i}"
                          for i in range(len(self.inputs))] +
                         [f"{self.name}_output{i}"
                          for i in range(len(self.outputs))] + ["arena"])
        reads = "".join(
            f"    if (io_read(in, {self.name}_input{i}, sizeof {self.name}_input{i})"
            f" != sizeof {self.name}_input{i})\n      return 4;\n"
            for i in range(len(self.inputs)))
        writes = "".join(
            f"    io_write(out, {self.name}_output{i}, sizeof {self.name}_output{i});\n"
            for i in range(len(self.outputs)))
        loop = (f"  for (int t = 0; t < {len(self.trials)}; ++t) {{\n" + reads +
                f"    if (sizeof arena < {prefix}_ARENA_SIZE ||\n"
                f"        qat_{self.name}_run({args}) != 0)\n"
                "      return 3;\n" + writes + "  }\n")
        return decl, loop

    def oracle(self):
        """qat-run on every trial in one process (--batch), flat int64
        values per trial."""
        cmd = [a.qat_run, a.work / f"{self.name}.qint.mlir", "--function",
               self.function or "main", "--batch"]
        for k, (_, shape) in enumerate(self.inputs):
            np.save(a.work / f"{self.name}.x{k}.npy",
                    np.stack([t[k].reshape(shape) for t in self.trials]))
            cmd += ["--input", a.work / f"{self.name}.x{k}.npy"]
        for k in range(len(self.outputs)):
            cmd += ["--output", a.work / f"{self.name}.y{k}.npy"]
        run(cmd)
        ys = [np.load(a.work / f"{self.name}.y{k}.npy")
              .reshape(len(self.trials), -1).astype(np.int64)
              for k in range(len(self.outputs))]
        return [np.concatenate([y[i] for y in ys])
                for i in range(len(self.trials))]

    def split(self, data):
        """This function's part of a backend's output bytes, as one flat
        int64 array per trial."""
        rows = []
        for i in range(len(self.trials)):
            offset, row = i * self.trial_bytes, []
            for (size, _), t in zip(self.outputs, self.out_types):
                width = np.dtype(NUMPY[t]).itemsize
                row.append(np.frombuffer(data[offset:offset + size * width],
                                         NUMPY[t]).astype(np.int64))
                offset += size * width
            rows.append(np.concatenate(row))
        return rows


cases = [Case(m, f) for m, f in programs]
if len({c.name for c in cases}) != len(cases):
    sys.exit("two programs of one name: give them separate runs")
expected = None
if a.expected:
    expected = np.load(a.expected).reshape(len(cases[0].trials), -1) \
        .astype(np.int64)
parts = [c.harness_part() for c in cases]
harness = (
    '#include "io.h"\n' +
    "".join(f'#include "{c.name}.h"\n' for c in cases) +
    "".join(decl for decl, _ in parts) +
    # One arena with room for any of the functions.
    "static int32_t arena[(" +
    " + ".join(f"QAT_{c.name.upper()}_ARENA_SIZE" for c in cases) +
    ") / 4 + 1];\n"
    "int main(void) {\n"
    "  int in = io_open(QAT_INPUTS, 0), out = io_open(QAT_OUTPUTS, 1);\n"
    "  if (in < 0 || out < 0)\n"
    "    return 2;\n" + "".join(loop for _, loop in parts) +
    "  io_close(in);\n"
    "  return io_close(out) == 0 ? 0 : 2;\n"
    "}\n")
(a.work / "harness.c").write_text(harness)
with open(a.work / "inputs.bin", "wb") as f:
    for c in cases:
        for t in c.trials:
            for x in t:
                f.write(x.tobytes())


def build_and_run(backend):
    out = a.work / f"outputs.{backend}.bin"
    defines = [f'QAT_INPUTS="{a.work / "inputs.bin"}"', f'QAT_OUTPUTS="{out}"']
    binary = a.work / f"harness-{backend}.exe"
    if backend == "llvm":
        run([a.clang, "-O2", "-Wno-override-module", f"-I{a.work}",
             f"-I{targets.HARNESS}"] + targets.C_FLAGS +
            [f"-D{d}" for d in defines] +
            [a.work / "harness.c", targets.HARNESS / "io_stdio.c"] +
            [a.work / f"{c.name}.ll" for c in cases] + ["-o", binary])
        run([binary])
    else:
        target = backend
        if backend == "c-wide":
            target, defines = "c", defines + ["QAT_RT_WIDE_WEIGHTS=1"]
        targets.build(tools, target,
                      [a.work / "harness.c"] +
                      [a.work / f"{c.name}.c" for c in cases],
                      [a.work], defines, binary)
        targets.execute(tools, target, binary)
    return out.read_bytes()


total_bytes = sum(c.trial_bytes * len(c.trials) for c in cases)
results = {}
for backend in backends:
    data = build_and_run(backend)
    if len(data) != total_bytes:
        sys.exit(f"{backend}: wrote {len(data)} bytes, expected {total_bytes}")
    results[backend], offset = {}, 0
    for c in cases:
        size = c.trial_bytes * len(c.trials)
        results[backend][c.name] = c.split(data[offset:offset + size])
        offset += size


def first_difference(want, got):
    """(how many values differ, the first index), or None when equal."""
    diff = np.nonzero(want != got)[0]
    return (diff.size, int(diff[0])) if diff.size else None


mismatches = 0
for c in cases:
    oracles = c.oracle()
    case_mismatches = 0
    for i, oracle in enumerate(oracles):
        # qat-run against the reference executor's outputs, then every
        # backend against qat-run.
        checks = ([("qat-run", a.expected.name, expected[i], oracle)]
                  if expected is not None else [])
        checks += [(backend, "qat-run", oracle, results[backend][c.name][i])
                   for backend in backends]
        for who, against, want, got in checks:
            d = first_difference(want, got)
            if d:
                print(f"{who}: {c.name}: input {i}: {d[0]} values differ; "
                      f"first at index {d[1]}: {got[d[1]]}, {against} "
                      f"{want[d[1]]}")
                case_mismatches += 1
    mismatches += case_mismatches
    print(f"{c.name}: {len(c.trials)} inputs, {c.trial_bytes * len(c.trials)} "
          f"output bytes per backend, backends {'+'.join(backends)}, "
          f"{case_mismatches} mismatching outputs"
          + (f" (qat-run checked against {a.expected.name})"
             if expected is not None else ""))
sys.exit(1 if mismatches else 0)
