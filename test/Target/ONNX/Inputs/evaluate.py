#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Compiles each ONNX test model with qat-compile --emit=llvm, runs it
natively (a shared library built by clang and called through ctypes) on the
360 held-out digits, and compares its outputs with the model's own
fake-quant outputs and with torch's int8 model (make_models.py saved both).

Per model and rounding mode it prints accuracy at each level, top-1
agreement, and the deviation in output steps, then PASS or FAIL against
the acceptance bounds: accuracy within 0.5 points of the fake-quant
accuracy, and top-1 agreement with the fake-quant model of at least 99%
(97% for models named in --deep). Exits non-zero on any FAIL.
"""
import argparse
import json
import ctypes
import pathlib
import subprocess
import sys

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--qat-compile", required=True)
ap.add_argument("--clang", default="clang-22")
ap.add_argument("--models", required=True, type=pathlib.Path)
ap.add_argument("--digits", required=True, type=pathlib.Path)
ap.add_argument("--work", required=True, type=pathlib.Path)
ap.add_argument("--rounding", default="double,single")
ap.add_argument("--deep", default="deep")
ap.add_argument("--same-program", nargs=2, action="append", default=[],
                metavar=("A", "B"),
                help="models whose compiled outputs must be identical")
ap.add_argument("names", nargs="+")
a = ap.parse_args()
a.work.mkdir(parents=True, exist_ok=True)

digits = np.load(a.digits)
images = digits["images"].astype(np.float32) / 16.0  # (360, 8, 8, 1)
labels = digits["labels"].astype(np.int64)


def compile_and_run(name, rounding):
    out = a.work / f"{name}-{rounding}"
    subprocess.run([a.qat_compile, a.models / f"{name}.onnx", "--emit=llvm",
                    f"--rounding={rounding}", f"--name={name}", "-o", out],
                   check=True)
    lib = out / f"lib{name}.so"
    subprocess.run([a.clang, "-O2", "-shared", "-fPIC", "-Wno-override-module",
                    out / f"{name}.ll", "-o", lib], check=True)
    # The model's facts, from NAME.json (never the header's text).
    facts = json.loads((out / f"{name}.json").read_text())
    port_in, port_out = facts["inputs"][0], facts["outputs"][0]
    in_scale, in_zp = port_in["scale"], port_in["zero_point"]
    out_scale, out_zp = port_out["scale"], port_out["zero_point"]
    in_size = port_in["size"]
    out_size = port_out["size"]
    arena_size = facts["arena_size"]
    run = getattr(ctypes.CDLL(str(lib)), f"qat_{name}_run")
    arena = (ctypes.c_int32 * (arena_size // 4 + 1))()
    # The models read one channel, so NCHW and qat's NHWC are one order.
    flat = images.reshape(len(images), -1)
    assert flat.shape[1] == in_size, (name, flat.shape, in_size)
    q = np.clip(np.round(flat / np.float32(in_scale)) + in_zp, -128,
                127).astype(np.int8)
    result = np.zeros((len(images), out_size), np.int8)
    for i in range(len(images)):
        x = np.ascontiguousarray(q[i])
        rc = run(x.ctypes.data_as(ctypes.c_void_p),
                 result[i].ctypes.data_as(ctypes.c_void_p), arena)
        assert rc == 0, (name, i, rc)
    return result.astype(np.int64), out_scale, out_zp


def levels(values, scale, zp):
    return np.round(values.astype(np.float64) / scale).astype(np.int64) + zp


failed = False
outputs = {}
acc = lambda y: (y.argmax(1) == labels).mean() * 100
for name in a.names:
    fake = np.load(a.models / f"{name}.fakequant.npy")
    torch_int8 = np.load(a.models / f"{name}.torch_int8.npy")
    flt = np.load(a.models / f"{name}.float.npy")
    for rounding in a.rounding.split(","):
        got, scale, zp = compile_and_run(name, rounding)
        outputs[(name, rounding)] = got
        fq, ti = levels(fake, scale, zp), levels(torch_int8, scale, zp)
        agree = (got.argmax(1) == fq.argmax(1)).mean() * 100
        agree_torch = (got.argmax(1) == ti.argmax(1)).mean() * 100
        dev, dev_torch = np.abs(got - fq), np.abs(got - ti)
        bound = 97.0 if name in a.deep.split(",") else 99.0
        ok = abs(acc(got) - acc(fake)) <= 0.5 and agree >= bound
        failed |= not ok
        print(f"{name} {rounding}: accuracy float {acc(flt):.2f}, "
              f"fake-quant {acc(fake):.2f}, torch int8 {acc(torch_int8):.2f}, "
              f"qat {acc(got):.2f}; top-1 agreement {agree:.2f}% with "
              f"fake-quant, {agree_torch:.2f}% with torch int8; deviation "
              f"max {dev.max()} steps ({(dev > 0).mean() * 100:.2f}% of "
              f"outputs) from fake-quant, max {dev_torch.max()} "
              f"({(dev_torch > 0).mean() * 100:.2f}%) from torch int8: "
              f"{'PASS' if ok else 'FAIL'}")

for x, y in a.same_program:
    for rounding in a.rounding.split(","):
        same = np.array_equal(outputs[(x, rounding)], outputs[(y, rounding)])
        failed |= not same
        print(f"{x} and {y} {rounding}: "
              f"{'identical' if same else 'DIFFERENT'} outputs on "
              f"{len(images)} inputs")
sys.exit(1 if failed else 0)
