#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Builds Inputs/fixed_point.c with the runtime and runs it on each backend;
prints what it reports."""
import argparse
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "utils" /
                       "harness"))
import targets  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--backends", default="c,m4,m4-portable,m55")
ap.add_argument("--work", required=True, type=pathlib.Path)
a = ap.parse_args()
a.work.mkdir(parents=True, exist_ok=True)
source = pathlib.Path(__file__).resolve().parent / "Inputs" / "fixed_point.c"
runtime_src = pathlib.Path(__file__).resolve().parents[2] / "runtime" / "src"
failures = 0
for backend in a.backends.split(","):
    binary = a.work / f"fixed-point-{backend}.exe"
    targets.build(targets.Tools(), backend, [source], [runtime_src], [],
                  binary)
    text = targets.execute(targets.Tools(), backend, binary)
    found = dict(re.findall(r"(checks|mismatches)[: ]+(\d+)", text))
    print(f"{backend}: {found.get('checks', '?')} checks, "
          f"{found.get('mismatches', '?')} mismatches")
    failures += found.get("mismatches") != "0"
sys.exit(1 if failures else 0)
