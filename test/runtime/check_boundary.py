#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""qat_rt_quantize and qat_rt_dequantize against qat-run's qint.quantize and
qint.dequantize, bit for bit: values on and beside every rounding tie,
random values, huge values, infinities, signed zeros and NaNs, on the host
(sanitized) and on the emulated Cortex-M4 (where double arithmetic is
software)."""
import argparse
import pathlib
import subprocess
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "utils" /
                       "harness"))
import targets  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--qat-run", required=True)
ap.add_argument("--backends", default="c,m4")
ap.add_argument("--work", required=True, type=pathlib.Path)
a = ap.parse_args()
a.work.mkdir(parents=True, exist_ok=True)

SCALE, ZP = 0.1, 3
rng = np.random.default_rng(0)
ties = np.arange(-300, 301) * (SCALE / 2)
x = np.concatenate([
    ties, np.nextafter(ties, np.inf), np.nextafter(ties, -np.inf),
    rng.normal(0, 10, 2000), [1e10, -1e10, 3e38, -3e38, np.inf, -np.inf, 0.0,
                              -0.0, 1e-45, -1e-45, np.nan, -np.nan]]).astype(np.float32)
n = x.size
q_in = rng.integers(-128, 128, n, dtype=np.int8)

program = (
    f"func.func @q(%x: tensor<{n}xf32>) -> tensor<{n}xi8> {{\n"
    f"  %y = qint.quantize %x {{scale = {SCALE!r}, zero_point = {ZP}}} : "
    f"tensor<{n}xf32> -> tensor<{n}xi8>\n  return %y : tensor<{n}xi8>\n}}\n"
    f"func.func @d(%x: tensor<{n}xi8>) -> tensor<{n}xf32> {{\n"
    f"  %y = qint.dequantize %x {{scale = {SCALE!r}, zero_point = {ZP}}} : "
    f"tensor<{n}xi8> -> tensor<{n}xf32>\n  return %y : tensor<{n}xf32>\n}}\n")
(a.work / "boundary.mlir").write_text(program)
np.save(a.work / "x.npy", x)
np.save(a.work / "q.npy", q_in)
for fn, arg in (("q", "x"), ("d", "q")):
    targets.run([a.qat_run, a.work / "boundary.mlir", "--function", fn,
                 "--input", a.work / f"{arg}.npy", "--output",
                 a.work / f"{fn}.out.npy"])
want_q = np.load(a.work / "q.out.npy")
want_d = np.load(a.work / "d.out.npy")

(a.work / "in.bin").write_bytes(x.tobytes() + q_in.tobytes())
harness = f"""#include "io.h"
#include "qat_rt.h"
static float x[{n}], d[{n}];
static int8_t q_in[{n}], q[{n}];
int main(void) {{
  int in = io_open(QAT_INPUTS, 0), out = io_open(QAT_OUTPUTS, 1);
  if (in < 0 || out < 0 || io_read(in, x, sizeof x) != sizeof x ||
      io_read(in, q_in, sizeof q_in) != sizeof q_in)
    return 2;
  if (qat_rt_quantize(x, {n}, {SCALE!r}, {ZP}, q) != 0 ||
      qat_rt_dequantize(q_in, {n}, {SCALE!r}, {ZP}, d) != 0)
    return 3;
  io_write(out, q, sizeof q);
  io_write(out, d, sizeof d);
  io_close(in);
  return io_close(out) == 0 ? 0 : 2;
}}
"""
(a.work / "boundary.c").write_text(harness)
failures = 0
for backend in a.backends.split(","):
    out = a.work / f"out.{backend}.bin"
    binary = a.work / f"boundary-{backend}.exe"
    targets.build(targets.Tools(), backend, [a.work / "boundary.c"], [],
                  [f'QAT_INPUTS="{a.work / "in.bin"}"',
                   f'QAT_OUTPUTS="{out}"'], binary)
    targets.execute(targets.Tools(), backend, binary)
    raw = out.read_bytes()
    got_q = np.frombuffer(raw[:n], np.int8)
    got_d = np.frombuffer(raw[n:], np.float32)
    bad_q = np.nonzero(got_q != want_q)[0]
    bad_d = np.nonzero(got_d.view(np.uint32) != want_d.view(np.uint32))[0]
    for name, bad, got, want, inp in (("quantize", bad_q, got_q, want_q, x),
                                      ("dequantize", bad_d, got_d, want_d, q_in)):
        if bad.size:
            i = int(bad[0])
            print(f"{backend} {name}: {bad.size} differ; first: input "
                  f"{inp[i]!r} gives {got[i]!r}, qat-run {want[i]!r}")
            failures += 1
    print(f"{backend}: quantize and dequantize of {n} values each, "
          f"{'bit-exact' if not (bad_q.size or bad_d.size) else 'MISMATCH'}")
sys.exit(1 if failures else 0)
