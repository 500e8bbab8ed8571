#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Compile-time scaling: how qat's passes and emitters grow with the program.

Generates chains of N fully connected layers (each with its fake-quants: four
qat ops and a constant per layer) for N up to 5,000 layers (20,000 qat ops),
and times, per N:

- the qat-to-int8 pipeline (`qat-opt --qat-to-int8`), with MLIR's per-pass
  timing, so each pass's share is visible;
- `qat-compile --emit=c` and `--emit=llvm` end to end (pipeline, memory
  planning, emitter);

a single layer whose weights are a splat constant of growing size (the
same 700-byte file describes 1 M to 64 M weights), and clang-22 -O2 on the
native path's `.ll` for 100 and 1,000 layers.

Prints a markdown table of seconds and of the ratio to the previous size:
linear scaling doubles with N (ratio 2.0). Timings are figures for the docs,
never assertions.

    /usr/bin/python3 bench/compile_time.py [--build build] [--markdown FILE]
"""

import argparse
import os
import re
import subprocess
import tempfile
import time

ACT = ("scale = array<f64: 0.05>, zero_point = array<i64: 0>, "
       "quant_min = -128, quant_max = 127")
WGT = ("scale = array<f64: 0.01>, zero_point = array<i64: 0>, "
       "quant_min = -127, quant_max = 127")


def chain(layers, width=8):
    t = f"tensor<1x{width}xf32>"
    w = f"tensor<{width}x{width}xf32>"
    lines = [f"func.func @main(%x: {t}) -> {t} {{",
             f"  %a0 = qat.fake_quant %x {{{ACT}}} : {t}"]
    for i in range(layers):
        values = ", ".join(
            "[" + ", ".join(f"{((r * 7 + c * 3 + i) % 11 - 5) / 10}"
                            for c in range(width)) + "]"
            for r in range(width))
        lines += [
            f"  %w{i} = arith.constant dense<[{values}]> : {w}",
            f"  %q{i} = qat.fake_quant %w{i} {{{WGT}}} : {w}",
            f"  %y{i} = qat.fully_connected %a{i}, %q{i} : ({t}, {w}) -> {t}",
            f"  %r{i} = qat.relu %y{i} : {t}",
            f"  %a{i + 1} = qat.fake_quant %r{i} {{{ACT}}} : {t}",
        ]
    lines += [f"  return %a{layers} : {t}", "}"]
    return "\n".join(lines) + "\n"


def splat(elements):
    k = 1024
    n = elements // k
    return (
        f"func.func @main(%x: tensor<1x{k}xf32>) -> tensor<1x{n}xf32> {{\n"
        f"  %w = arith.constant dense<0.5> : tensor<{n}x{k}xf32>\n"
        f"  %xq = qat.fake_quant %x {{{ACT}}} : tensor<1x{k}xf32>\n"
        f"  %wq = qat.fake_quant %w {{{WGT}}} : tensor<{n}x{k}xf32>\n"
        f"  %y = qat.fully_connected %xq, %wq : (tensor<1x{k}xf32>, "
        f"tensor<{n}x{k}xf32>) -> tensor<1x{n}xf32>\n"
        f"  %yq = qat.fake_quant %y {{scale = array<f64: 64.0>, "
        f"zero_point = array<i64: 0>, quant_min = -128, quant_max = 127}} "
        f": tensor<1x{n}xf32>\n"
        f"  return %yq : tensor<1x{n}xf32>\n}}\n")


def timed(argv, cwd):
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    return elapsed, done.stderr


def pass_times(timing):
    """Wall time per pass from -mlir-timing's report."""
    out = {}
    for line in timing.splitlines():
        m = re.match(r"\s*([0-9.]+) \(\s*[0-9.]+%\)\s+(\S.*)$", line)
        if m and not m.group(2).startswith(("Total", "Parser", "Output",
                                            "Verifier", "Rest", "'")):
            out[m.group(2).strip()] = out.get(m.group(2).strip(), 0) + float(
                m.group(1))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--markdown")
    parser.add_argument("--layers", default="625,1250,2500,5000")
    parser.add_argument("--splats", default="1048576,4194304,16777216,67108864")
    parser.add_argument("--clang-layers", default="100,1000",
                        help="chains whose .ll clang-22 -O2 compiles")
    args = parser.parse_args()
    bin_dir = os.path.abspath(os.path.join(args.build, "bin"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        previous = None
        for layers in map(int, args.layers.split(",")):
            path = os.path.join(tmp, f"chain{layers}.mlir")
            with open(path, "w") as f:
                f.write(chain(layers))
            pipeline, timing = timed(
                [f"{bin_dir}/qat-opt", path, "--qat-to-int8", "-mlir-timing",
                 "-o", os.devnull], tmp)
            c, _ = timed([f"{bin_dir}/qat-compile", path, "--emit=c",
                          "--name", "m", "-o", tmp], tmp)
            ll, _ = timed([f"{bin_dir}/qat-compile", path, "--emit=llvm",
                           "--name", "m", "-o", tmp], tmp)
            slowest = max(pass_times(timing).items(), key=lambda kv: kv[1],
                          default=("-", 0))
            row = (layers * 4, pipeline, c, ll, slowest)
            ratio = ([f"{a / b:.2f}" for a, b in zip(row[1:4], previous[1:4])]
                     if previous else ["", "", ""])
            rows.append((row, ratio))
            previous = row
        splat_rows = []
        previous = None
        for elements in map(int, args.splats.split(",")):
            path = os.path.join(tmp, f"splat{elements}.mlir")
            with open(path, "w") as f:
                f.write(splat(elements))
            seconds, _ = timed([f"{bin_dir}/qat-opt", path, "--qat-to-int8",
                                "-o", os.devnull], tmp)
            ratio = f"{seconds / previous:.2f}" if previous else ""
            splat_rows.append((elements, os.path.getsize(path), seconds,
                               ratio))
            previous = seconds

        clang_rows = []
        previous = None
        for layers in map(int, args.clang_layers.split(",")):
            path = os.path.join(tmp, f"native{layers}.mlir")
            with open(path, "w") as f:
                f.write(chain(layers))
            timed([f"{bin_dir}/qat-compile", path, "--emit=llvm", "--name",
                   f"n{layers}", "-o", tmp], tmp)
            seconds, _ = timed(["clang-22", "-O2", "-c", f"n{layers}.ll", "-o",
                                f"n{layers}.o"], tmp)
            ratio = f"{seconds / previous:.2f}" if previous else ""
            clang_rows.append((layers, seconds, ratio))
            previous = seconds

    out = ["| qat ops | qat-to-int8 (s) | x | qat-compile --emit=c (s) | x "
           "| qat-compile --emit=llvm (s) | x | slowest pass (s) |",
           "|---:|---:|---:|---:|---:|---:|---:|---|"]
    for (ops, p, c, ll, (name, t)), ratio in rows:
        out.append(f"| {ops:,} | {p:.2f} | {ratio[0]} | {c:.2f} | {ratio[1]} "
                   f"| {ll:.2f} | {ratio[2]} | {name} {t:.2f} |")
    out += ["", "| splat weights | file bytes | qat-to-int8 (s) | x |",
            "|---:|---:|---:|---:|"]
    for elements, size, seconds, ratio in splat_rows:
        out.append(f"| {elements:,} | {size} | {seconds:.2f} | {ratio} |")
    out += ["", "| layers | clang-22 -O2 -c on the .ll (s) | x |", "|---:|---:|---:|"]
    for layers, seconds, ratio in clang_rows:
        out.append(f"| {layers:,} | {seconds:.2f} | {ratio} |")
    text = "\n".join(out) + "\n"
    print(text, end="")
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
