#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Feeds qat-compile mutated copies of an ONNX model (random bytes, and
random attribute values, dimensions and node inputs) and fails if any run
ends in anything but success or a reported error (exit 0 or 1): a crash,
an assertion or a signal. Seeded, so a failure reproduces; the failing
model is kept in --work."""
import argparse
import pathlib
import random
import subprocess
import sys

import onnx

ap = argparse.ArgumentParser()
ap.add_argument("--qat-compile", required=True)
ap.add_argument("--model", required=True)
ap.add_argument("--work", required=True, type=pathlib.Path)
ap.add_argument("--cases", type=int, default=100)
a = ap.parse_args()
a.work.mkdir(parents=True, exist_ok=True)
rng = random.Random(1)
base = pathlib.Path(a.model).read_bytes()
model = onnx.load(a.model)


def structural():
    m = onnx.ModelProto()
    m.CopyFrom(model)
    node = rng.choice(m.graph.node)
    r = rng.random()
    if r < 0.3 and node.attribute:
        attr = rng.choice(node.attribute)
        if attr.ints:
            attr.ints[rng.randrange(len(attr.ints))] = rng.choice(
                [-5, 0, 1, 100, 2**40])
        elif attr.type == onnx.AttributeProto.INT:
            attr.i = rng.choice([-5, 0, 3, 2**40])
    elif r < 0.6:
        t = rng.choice(m.graph.initializer)
        if t.dims:
            t.dims[rng.randrange(len(t.dims))] = rng.choice([0, 1, 3, 10**6])
    elif r < 0.8 and node.input:
        node.input[rng.randrange(len(node.input))] = rng.choice(
            [m.graph.node[0].output[0], "", m.graph.input[0].name])
    else:
        dims = m.graph.input[0].type.tensor_type.shape.dim
        dims[rng.randrange(len(dims))].dim_value = rng.choice(
            [0, 2, 3, 1000, 2**31])
    return m.SerializeToString()


def bytewise():
    b = bytearray(base)
    for _ in range(rng.randint(1, 8)):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


bad = 0
for i in range(a.cases):
    data = bytewise() if i % 2 else structural()
    path = a.work / "mutant.onnx"
    path.write_bytes(data)
    p = subprocess.run([a.qat_compile, path, "--emit=qint", "-o",
                        a.work / "out"], capture_output=True)
    if p.returncode not in (0, 1):
        bad += 1
        (a.work / f"failure{i}.onnx").write_bytes(data)
        print(f"case {i}: exit {p.returncode}\n{p.stderr.decode()[-2000:]}")
print(f"{a.cases} mutated models, {bad} crashes")
sys.exit(1 if bad else 0)
