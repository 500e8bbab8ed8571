#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Host-side speed of the Python API: compile time and the time to classify
10,000 digits, natively (`CompiledModel.run`), in the reference interpreter
(`interpret`), and with `qat-run` once per sample (how scripts evaluated
models before the package; measured on --qat-run-samples samples and
scaled to 10,000, since the per-sample cost is one process each).

  /usr/bin/python3 bench/python_api.py [--build build] [--markdown FILE]

Writes a markdown table (stdout, or --markdown). Timings depend on the
machine; the table says which.
"""
import argparse
import os
import pathlib
import platform
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
ap = argparse.ArgumentParser()
ap.add_argument("--build", type=pathlib.Path, default=ROOT / "build")
ap.add_argument("--markdown", type=pathlib.Path)
ap.add_argument("--count", type=int, default=10000)
ap.add_argument("--qat-run-samples", type=int, default=50)
ap.add_argument("--torchvision", type=int, default=256, metavar="N",
                help="also time CompiledModel.run on N images of two 64x64 "
                     "torchvision models, as bench/zoo.py prepares them "
                     "(0: skip)")
a = ap.parse_args()
os.environ.setdefault("QAT_CAPI_LIBRARY", str(a.build / "lib" /
                                              "libQATCAPI.so"))
sys.path.insert(0, str(ROOT / "python"))
import qat  # noqa: E402

data = np.load(ROOT / "examples" / "data" / "digits_test.npz")
images = data["images"].astype(np.float32) / 16.0
batch = np.resize(images, (a.count,) + images.shape[1:])
models = [("cnn.onnx (PyTorch eager QAT)",
           ROOT / "test/Target/ONNX/Inputs/models/cnn.onnx"),
          ("deep.onnx (40 layers)",
           ROOT / "test/Target/ONNX/Inputs/models/deep.onnx"),
          ("examples/dscnn.mlir", ROOT / "examples/dscnn.mlir")]
rows = []
with tempfile.TemporaryDirectory() as cache:
    os.environ["QAT_CACHE_DIR"] = cache  # a cold native build per model
    for label, path in models:
        t0 = time.perf_counter()
        model = qat.compile(path)
        compile_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        model.native()
        build_s = time.perf_counter() - t0
        # One channel: the same bytes in the ONNX models' NCHW and the
        # .mlir graph's NHWC, each model's own layout.
        x = batch.reshape((-1,) + model.inputs[0].sample_shape)
        t0 = time.perf_counter()
        native = model.run(x)
        run_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        checked = min(a.count, 1000)
        interpreted = model.interpret(x[:checked])
        interpret_s = (time.perf_counter() - t0) * a.count / checked
        assert np.array_equal(native[:checked], interpreted)
        work = pathlib.Path(cache) / "run"
        work.mkdir(exist_ok=True)
        t0 = time.perf_counter()
        for i in range(a.qat_run_samples):
            np.save(work / "x.npy", images[i:i + 1])
            subprocess.run([str(a.build / "bin" / "qat-run"), str(path),
                            "--input", str(work / "x.npy"), "--output",
                            str(work / "y.npy")], check=True)
        per_sample = (time.perf_counter() - t0) / a.qat_run_samples
        rows.append((label, compile_s, build_s, run_s, interpret_s,
                     per_sample * a.count, per_sample * a.count / run_s))

lines = [f"Host: {platform.processor() or platform.machine()}, "
         f"{os.cpu_count()} cores, Python {platform.python_version()}; "
         f"{a.count:,} digits per model.", "",
         f"| model | qat.compile | native build (cold cache) | run, {a.count:,} | "
         f"interpret, {a.count:,} (from {min(a.count, 1000):,}) | qat-run per sample, {a.count:,} "
         f"(from {a.qat_run_samples}) | run vs qat-run |",
         "|---|---:|---:|---:|---:|---:|---:|"]
for label, c, b, r, i, q, ratio in rows:
    lines.append(f"| {label} | {c:.3f} s | {b:.2f} s | {r:.3f} s | {i:.1f} s "
                 f"| {q:.0f} s | {ratio:,.0f}x |")


def torchvision_rows():
    """ms per image of CompiledModel.run on MobileNetV2 and ResNet18 at
    64x64 (fbgemm's default QAT qconfig, trained briefly as bench/zoo.py
    does: the weights matter for the answers, not for the time), and the
    int8 program's agreement on top-1 with PyTorch's own int8 model."""
    import torch
    sys.path.insert(0, str(ROOT / "bench"))
    import zoo
    rows = []
    for name in ("mobilenet_v2", "resnet18"):
        trained = zoo.float_model(name, 64, 20)
        module = zoo.qat_model(trained, "fbgemm", 64, 5)
        x, _ = zoo.synthetic(64, a.torchvision, torch.Generator().manual_seed(7))
        model = qat.compile(module, x[:1])
        model.native()
        model.run(x[:2].numpy())
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            y = model.run(x.numpy())
            times.append((time.perf_counter() - t0) / len(x) * 1e3)
        with torch.no_grad():
            reference = zoo.converted(module)(x).numpy()
        agree = (y.argmax(1) == reference.argmax(1)).mean()
        rows.append(f"| {name}, 64x64, fbgemm QAT | {sorted(times)[1]:.2f} ms "
                    f"| {min(times):.2f}-{max(times):.2f} ms | {agree:.3f} |")
    return ["", f"CompiledModel.run, one thread, {a.torchvision} images in "
            "one call, median of three passes:", "",
            "| model | ms per image | range | top-1 as PyTorch's int8 model |",
            "|---|---:|---:|---:|"] + rows


if a.torchvision:
    with tempfile.TemporaryDirectory() as cache:
        os.environ["QAT_CACHE_DIR"] = cache
        lines += torchvision_rows()
text = "\n".join(lines) + "\n"
if a.markdown:
    a.markdown.write_text(text)
print(text)
