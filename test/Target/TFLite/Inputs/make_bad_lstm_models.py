#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes LSTM variants qat refuses to DIR, each a mutation of TFLite
Micro's trained_lstm_int8 (read from the shared reference data; operator 0
is its UNIDIRECTIONAL_SEQUENCE_LSTM): flatc turns it into JSON with qat's
schema, the script changes one thing, and flatc writes it back.

  make_bad_lstm_models.py --flatc flatc --schema TFLiteSchema.fbs --model M DIR
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
lstm = base["subgraphs"][0]["operators"][0]
assert lstm["builtin_options_type"] == "UnidirectionalSequenceLSTMOptions"


def write(name, mutate):
    model = copy.deepcopy(base)
    mutate(model, model["subgraphs"][0]["operators"][0],
           model["subgraphs"][0]["tensors"])
    path = work / f"{name}.json"
    path.write_text(json.dumps(model))
    subprocess.run([a.flatc, "-b", "-o", work, a.schema, path], check=True)
    (work / f"{name}.bin").rename(a.out / f"{name}.tflite")


def set_input(i, tensor):
    def mutate(m, op, tensors):
        op["inputs"][i] = tensor if tensor is not None else op["inputs"][2]
    return mutate


# No input gate (TFLite's coupled input and forget gates).
write("cifg", set_input(1, -1))
# A peephole (any constant in the place of cell_to_forget_weights).
write("peephole", set_input(10, None))
write("relu", lambda m, op, t: op["builtin_options"].update(
    fused_activation_function=1))
write("cell-scale", lambda m, op, t: t[op["inputs"][19]]["quantization"]
      .update(scale=[t[op["inputs"][19]]["quantization"]["scale"][0] * 1.5]))
write("per-channel", lambda m, op, t: t[op["inputs"][2]]["quantization"]
      .update(scale=[0.01, 0.02], zero_point=[0, 0]))
write("state-vs-output", lambda m, op, t: t[op["outputs"][0]]["quantization"]
      .update(zero_point=[t[op["outputs"][0]]["quantization"]["zero_point"][0]
                          + 1]))
