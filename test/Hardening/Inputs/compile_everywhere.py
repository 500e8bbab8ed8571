# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""qat's side of the cross-backend checks, for the sanitized build: every
program those checks compile goes through qat-compile (qint, LLVM IR and C)
or, for the TFLite golden programs, qat-translate --emit-c and qat-opt
--qint-to-llvm. Harnesses are not built or run: that work is gcc's, clang's
and QEMU's, which the release suite does. Prints each failure and a count.
"""
import argparse
import pathlib
import re
import subprocess
import sys

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("--tools", required=True, type=pathlib.Path)
ap.add_argument("--root", required=True, type=pathlib.Path)
ap.add_argument("--golden-work", required=True, type=pathlib.Path,
                help="where run_golden.py wrote the golden programs")
ap.add_argument("--tflite", required=True, type=pathlib.Path,
                help="the shared TFLite models (../shared/models/tflite)")
ap.add_argument("--work", required=True, type=pathlib.Path)
a = ap.parse_args()
a.work.mkdir(parents=True, exist_ok=True)

runs, failed = 0, 0


def run(*cmd):
    global runs, failed
    runs += 1
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if r.returncode != 0:
        failed += 1
        print(f"FAILED {' '.join(map(str, cmd))}\n{r.stdout}{r.stderr}")


compile_ = a.tools / "qat-compile"
ops = a.root / "test" / "Numerics" / "Inputs" / "single-ops.mlir"
functions = re.findall(r"func\.func @(\w+)", ops.read_text())
for function in functions:
    for rounding in ("double", "single"):
        run(compile_, ops, "--function", function, "--rounding", rounding,
            "--emit=qint,llvm,c", "-o", a.work / "ops")
models = a.root / "test" / "Target" / "ONNX" / "Inputs" / "models"
networks = [[a.root / "examples" / f"{n}.mlir"] for n in
            ("cnn", "dscnn", "resnet")]
networks += [[models / f"{n}.onnx"] for n in
             ("cnn", "dwsep", "conv1d", "deep", "activations", "upsample",
              "residual")]
networks += [[models / "int4.onnx", "--pack-4bit-weights"],
             [models / "cnn.onnx", "--int16-activations=all"]]
for network in networks:
    run(compile_, *network, "--emit=qint,llvm,c", "-o", a.work / "networks")
# The TFLite models of test/Target/TFLite and test/Backends/tflite.test, and
# the integer programs of test/Backends/integer-programs.test.
tflite = [a.tflite / m / f"{m}.tflite" for m in
          ("kws_ref_model", "vww_96_int8", "pretrainedResnet_quant",
           "ad01_int8", "pretrainedResnet_large_int8", "str_ww_ref_model",
           "hello_world_int8", "micro_speech_quantized", "person_detect",
           "trained_lstm_int8", "micro_speech_lstm",
           "dtln_noise_suppression")]
tflite += [a.tflite / "seanet" / op / f"{name}.tflite" for op, name in
           (("leaky_relu", "leaky_relu0"), ("strided_slice", "strided_slice31"),
            ("sub", "sub0"), ("transpose_conv", "transpose_conv0"),
            ("pad", "pad0"))]
for model in tflite:
    networks.append([model])
    run(compile_, model, "--emit=qint,llvm,c", "-o", a.work / "tflite")
programs = a.root / "test" / "Backends" / "Inputs" / "integer-programs.mlir"
for function in re.findall(r"func\.func @(\w+)", programs.read_text()):
    functions.append(function)
    run(compile_, programs, "--function", function, "--emit=qint,llvm,c",
        "-o", a.work / "programs")
# Weights widened to int16 exist in C only.
run(compile_, a.root / "examples" / "dscnn.mlir", "--emit=c",
    "--c-wide-weights=100000", "-o", a.work / "wide")
golden = sorted(a.golden_work.glob("**/*.mlir"))
for program in golden:
    run(a.tools / "qat-translate", "--emit-c", program, "-o", "/dev/null")
    run(a.tools / "qat-opt", "--qint-to-llvm", program, "-o", "/dev/null")
print(f"{len(functions)} functions, {len(networks)} networks, "
      f"{len(golden)} golden programs: {runs} compilations, {failed} failed")
sys.exit(1 if failed else 0)
