#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs a fake-quant function and its integer program with qat-run on the
same inputs and compares them element by element, in output steps.

The integer program takes int8 input q; the fake-quant function takes the
float (q - input_zp) * input_scale. Its result y is compared with the
dequantized integer result (q_out - output_zp) * output_scale; the test fails
when any element is more than --max-steps output steps away (0: exact).
"""
import argparse
import pathlib
import subprocess
import sys

import numpy as np


def run(qat_run, model, function, array, work, tag):
    src, dst = work / f"{tag}.in.npy", work / f"{tag}.out.npy"
    np.save(src, array)
    subprocess.run([qat_run, model, "--function", function, "--input", str(src),
                    "--output", str(dst)], check=True)
    return np.load(dst)


def main():
    ap = argparse.ArgumentParser()
    for flag in ("--qat-run", "--model", "--float-function", "--int-function"):
        ap.add_argument(flag, required=True)
    ap.add_argument("--shape", required=True, type=lambda s: [int(d) for d in s.split("x")])
    ap.add_argument("--input-scale", type=float, required=True)
    ap.add_argument("--input-zp", type=int, required=True)
    ap.add_argument("--output-scale", type=float, required=True)
    ap.add_argument("--output-zp", type=int, required=True)
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--max-steps", type=int, default=0)
    ap.add_argument("--work", required=True, type=pathlib.Path)
    a = ap.parse_args()
    a.work.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    trials = [rng.integers(-128, 128, size=a.shape, dtype=np.int8)
              for _ in range(a.trials)]
    trials += [np.full(a.shape, -128, np.int8), np.full(a.shape, 127, np.int8)]
    elements, differing, worst = 0, 0, 0
    for i, q in enumerate(trials):
        x = ((q.astype(np.float32) - a.input_zp) * np.float32(a.input_scale))
        y = run(a.qat_run, a.model, a.float_function, x, a.work, f"f{i}")
        q_out = run(a.qat_run, a.model, a.int_function, q, a.work, f"i{i}")
        steps_y = np.rint(y.reshape(-1) / np.float32(a.output_scale)).astype(np.int64)
        steps_q = q_out.reshape(-1).astype(np.int64) - a.output_zp
        assert np.array_equal(steps_y * np.float32(a.output_scale), y.reshape(-1)), \
            "fake-quant output is not on the output grid"
        diff = np.abs(steps_y - steps_q)
        if diff.max() > a.max_steps:
            j = int(np.argmax(diff))
            print(f"input {i}: flat index {j} differs by {diff[j]} steps: "
                  f"fake-quant {steps_y[j]}, integer {steps_q[j]} (steps from "
                  f"the zero point)")
            sys.exit(1)
        elements += diff.size
        differing += int(np.count_nonzero(diff))
        worst = max(worst, int(diff.max()))
    print(f"{len(trials)} inputs, {elements} output elements: {differing} "
          f"differ, by at most {worst} step(s)")


if __name__ == "__main__":
    main()
