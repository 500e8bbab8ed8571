#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs TensorFlow Lite Micro's int16 integration models (a directory of
<name>.tflite files with <name>_input<k>_int16.csv inputs and the golden
<name>_golden_int16.csv outputs TFLite produced) through qat-run, and
compares every output value.

Prints one line per model, "ok <name>: N values", "MISMATCH ..." or
"refused <name>: <the importer's error>", then a summary. Exits non-zero
on a mismatch (a refusal is reported, not a failure: the summary counts
them, and the test checks the count).
"""
import argparse
import pathlib
import re
import subprocess
import sys

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--qat-run", required=True)
ap.add_argument("--qat-translate", required=True)
ap.add_argument("--work", required=True, type=pathlib.Path)
ap.add_argument("dirs", nargs="+", type=pathlib.Path)
a = ap.parse_args()
a.work.mkdir(parents=True, exist_ok=True)


def csv(path):
    return np.array([int(v) for v in path.read_text().split(",") if v.strip()],
                    np.int64)


def natural(path):
    return [int(t) if t.isdigit() else t
            for t in re.split(r"(\d+)", path.stem)]


ok = refused = mismatched = values = 0
for d in a.dirs:
    for model in sorted(d.glob("*.tflite"), key=natural):
        name = model.stem
        imported = subprocess.run([a.qat_translate, "--import-tflite", model],
                                  capture_output=True, text=True)
        if imported.returncode != 0:
            reason = imported.stderr.strip().splitlines()[0]
            reason = reason.split("error: ", 1)[-1]
            print(f"refused {name}: {reason}")
            refused += 1
            continue
        signature = re.search(r"func\.func @main\((.*?)\) ->",
                              imported.stdout).group(1)
        shapes = [tuple(int(x) for x in s.split("x"))
                  for s in re.findall(r"tensor<([0-9x]+)xi16>", signature)]
        cmd = [a.qat_run, model]
        # The function's int16 ports take the int16 inputs in order (an
        # INT32 output shape that TFLite Micro never reads is no port).
        files = sorted(d.glob(f"{name}_input*_int16.csv"), key=natural)
        if len(files) != len(shapes):
            print(f"MISMATCH {name}: {len(shapes)} ports, "
                  f"{len(files)} int16 inputs")
            mismatched += 1
            continue
        for k, (shape, path) in enumerate(zip(shapes, files)):
            x = csv(path)
            np.save(a.work / f"{name}.x{k}.npy", x.astype(np.int16)
                    .reshape(shape))
            cmd += ["--input", a.work / f"{name}.x{k}.npy"]
        cmd += ["--output", a.work / f"{name}.y.npy"]
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0:
            print(f"MISMATCH {name}: qat-run failed: {result.stderr.strip()}")
            mismatched += 1
            continue
        got = np.load(a.work / f"{name}.y.npy").reshape(-1).astype(np.int64)
        want = csv(d / f"{name}_golden_int16.csv")
        if got.shape != want.shape or (got != want).any():
            diff = (np.nonzero(got != want)[0] if got.shape == want.shape
                    else [0])
            print(f"MISMATCH {name}: {len(diff)} of {want.size} values differ"
                  f" (first at {diff[0]})")
            mismatched += 1
            continue
        print(f"ok {name}: {want.size} values")
        ok += 1
        values += want.size
print(f"seanet: {ok} models bit-exact ({values} values), {refused} refused, "
      f"{mismatched} mismatching")
sys.exit(1 if mismatched else 0)
