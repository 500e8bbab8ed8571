#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs a reference and a candidate program (same float signature) in qat-run
on the same inputs and compares their outputs.

  --rel-tol T     every element within T relative (to the largest magnitude
                  of the reference output)
  --max-steps K   every element within K steps of --step (the output
                  quantization step; one per result, comma-separated, for a
                  function with several results); reports how many differ at
                  all and the argmax agreement (of the first result)

Inputs are drawn uniformly from [--low, --high] (or taken from --images, the
example digits), with a fixed seed.
"""
import argparse
import pathlib
import subprocess
import sys

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--qat-run", required=True)
ap.add_argument("--reference", required=True)
ap.add_argument("--candidate", required=True)
ap.add_argument("--function", default="main")
ap.add_argument("--shape", required=True,
                type=lambda s: [int(d) for d in s.split("x")])
ap.add_argument("--trials", type=int, default=10)
ap.add_argument("--low", type=float, default=-1.0)
ap.add_argument("--high", type=float, default=1.0)
ap.add_argument("--images", type=pathlib.Path)
ap.add_argument("--rel-tol", type=float)
ap.add_argument("--max-steps", type=float)
ap.add_argument("--step", type=lambda s: [float(v) for v in s.split(",")])
ap.add_argument("--work", required=True, type=pathlib.Path)
a = ap.parse_args()
a.work.mkdir(parents=True, exist_ok=True)


RESULTS = len(a.step) if a.step else 1


def run(model, xs, tag):
    """Each input of `xs` through `model` in one qat-run (--batch): per
    input, its results."""
    src = a.work / f"{tag}.in.npy"
    dsts = [a.work / f"{tag}.out{k}.npy" for k in range(RESULTS)]
    np.save(src, np.stack(xs))
    cmd = [a.qat_run, model, "--function", a.function, "--batch",
           "--input", str(src)]
    for d in dsts:
        cmd += ["--output", str(d)]
    subprocess.run(cmd, check=True)
    outs = [np.load(d) for d in dsts]
    return [[o[i] for o in outs] for i in range(len(xs))]


rng = np.random.default_rng(0)
if a.images:
    pixels = np.load(a.images)["images"][: a.trials].astype(np.float32) / 16.0
    inputs = [p[None] for p in pixels]
else:
    inputs = [rng.uniform(a.low, a.high, a.shape).astype(np.float32)
              for _ in range(a.trials)]
refs, cands = run(a.reference, inputs, "r"), run(a.candidate, inputs, "c")
ref = np.stack([r[0] for r in refs])
cand = np.stack([c[0] for c in cands])
n = f"{len(inputs)} inputs, {sum(r.size for r in refs[0]) * len(inputs)} elements"
if a.rel_tol is not None:
    err = float(np.abs(cand - ref).max() / max(np.abs(ref).max(), 1e-30))
    print(f"{n}: max relative error {err:.1e} (bound {a.rel_tol:.0e})")
    sys.exit(0 if err <= a.rel_tol else 1)


def deviation(c, r, step):
    """|c - r| in steps, less the float32 rounding of both values (half an
    ulp each), which an int16 grid's step can be within a thousandth of."""
    c, r = c.astype(np.float64), r.astype(np.float64)
    ulps = (np.abs(c) + np.abs(r)) * 2.0 ** -24
    return np.maximum(np.abs(c - r) - ulps, 0) / step


steps = np.concatenate([
    deviation(np.stack([c[k] for c in cands]), np.stack([r[k] for r in refs]),
              a.step[k]).reshape(-1) for k in range(RESULTS)])
worst = float(steps.max())
differ = int(np.count_nonzero(steps > 1e-3))
flat = lambda t: t.reshape(len(inputs), -1)
agree = float((flat(ref).argmax(1) == flat(cand).argmax(1)).mean())
print(f"{n}: {differ} differ, max deviation {worst:.2f} steps "
      f"(bound {a.max_steps:g}), argmax agreement {agree:.2f}")
sys.exit(0 if worst <= a.max_steps + 1e-3 else 1)
