#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes bad .tflite files to DIR, each a mutation of a real model (TFLite
Micro's hello_world_int8, read from the shared reference data): flatc turns
it into JSON with qat's schema, the script changes one thing, and flatc
writes it back. Also a truncated file, a wrong identifier and text.

  make_bad_models.py --flatc flatc --schema TFLiteSchema.fbs --model M DIR
"""
import argparse
import copy
import json
import pathlib
import subprocess

ap = argparse.ArgumentParser()
ap.add_argument("--flatc", default="flatc")
ap.add_argument("--schema", required=True, type=pathlib.Path)
ap.add_argument("--model", required=True, type=pathlib.Path)
ap.add_argument("out", type=pathlib.Path)
a = ap.parse_args()
a.out.mkdir(parents=True, exist_ok=True)
work = a.out / "json"
work.mkdir(exist_ok=True)

subprocess.run([a.flatc, "--json", "--strict-json", "--raw-binary",
                "-o", work, a.schema, "--", a.model], check=True)
base = json.loads((work / (a.model.stem + ".json")).read_text())
sg = base["subgraphs"][0]
# hello_world_int8: three FULLY_CONNECTED; operator 0 reads the input and
# its weights, tensor names in the file.
fc0 = sg["operators"][0]
weights0 = fc0["inputs"][1]


def write(name, mutate):
    model = copy.deepcopy(base)
    mutate(model)
    path = work / f"{name}.json"
    path.write_text(json.dumps(model))
    subprocess.run([a.flatc, "-b", "-o", work, a.schema, path], check=True)
    (work / f"{name}.bin").rename(a.out / f"{name}.tflite")


def op0(m):
    return m["subgraphs"][0]["operators"][0]


def tensor(m, i):
    return m["subgraphs"][0]["tensors"][i]


write("buffer-index", lambda m: tensor(m, weights0).update(buffer=9999))
write("tensor-index", lambda m: op0(m)["inputs"].__setitem__(1, 999))
write("shape-vs-buffer",
      lambda m: tensor(m, weights0).update(shape=[16, 2]))
write("unknown-opcode", lambda m: m["operator_codes"][0].update(
    builtin_code=500, deprecated_builtin_code=127))
write("custom-op", lambda m: m["operator_codes"][0].update(
    builtin_code=32, deprecated_builtin_code=32, custom_code="MyFancyOp"))
write("sparse", lambda m: tensor(m, weights0).update(sparsity={}))
write("opcode-index", lambda m: op0(m).update(opcode_index=77))
write("version", lambda m: m.update(version=2))
write("negative-dimension",
      lambda m: tensor(m, op0(m)["outputs"][0]).update(shape=[1, -1]))
# Operator 0 reads what operator 2 writes: the operators form a cycle.
write("cycle", lambda m: op0(m)["inputs"].__setitem__(
    0, m["subgraphs"][0]["operators"][2]["outputs"][0]))


def float_input(m):
    tensor(m, m["subgraphs"][0]["inputs"][0]).update(type=0)


write("float-input", float_input)


def two_scales(m):
    q = tensor(m, op0(m)["outputs"][0])["quantization"]
    q["scale"] = q["scale"] * 2
    q["zero_point"] = q["zero_point"] * 2


write("activation-scales", two_scales)

raw = a.model.read_bytes()
(a.out / "truncated.tflite").write_bytes(raw[:len(raw) // 2])
(a.out / "identifier.tflite").write_bytes(raw[:4] + b"XXXX" + raw[8:])
(a.out / "text.tflite").write_text("not a model\n")
(a.out / "empty.tflite").write_bytes(b"")
