#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""torchvision's quantizable models, prepared for QAT exactly as PyTorch's
tutorial does, compiled by qat.compile and compared with PyTorch.

For each model and default QAT qconfig: train it briefly in float on a
synthetic 10-class task (gratings in noise; random weights do not survive
a deep network: every input gives the same logits), then as PyTorch's
tutorial does, `fuse_model(is_qat=True)`, the qconfig, `prepare_qat`, a
short QAT fine-tune, observers and batchnorm statistics frozen, `eval()`.
Then on test inputs of the same task:

- graph: qat's fake-quant graph (`interpret_graph`) against the PyTorch
  model qat compiles (its fused fake-quants replaced, one-signed weight
  channels quantized as convert() does), the largest difference in output
  steps, next to what that model itself changes between a batch and one
  sample at a time or between oneDNN's and its native convolutions (float
  summation order, amplified by depth; qat's graph sums exactly);
- compiled: the int8 program (`run`, native code) against the fake-quant
  model and against PyTorch's `convert()`ed int8 model (on QNNPACK): top-1
  agreement, the largest difference in output steps and the share of
  outputs that differ.

  zoo.py [--build build] [--models a,b] [--qconfigs fbgemm,qnnpack] [--size 64]
         [--samples 64] [--float-steps 150] [--qat-steps 30] [--json FILE]

Prints one table row per case and exits 1 if a case does not compile or
its graph is further from the PyTorch model than one step beyond what
that model's own batch size changes.
"""
import argparse
import copy
import json
import os
import pathlib
import sys
import time
import types
import warnings

import numpy as np
import torch

ROOT = pathlib.Path(__file__).resolve().parents[1]

MODELS = ["mobilenet_v2", "mobilenet_v3_large", "resnet18", "resnet50",
          "shufflenet_v2_x0_5", "googlenet", "inception_v3",
          "mobilenet_v1_025"]
QCONFIGS = ["fbgemm", "qnnpack", "onednn"]
# inception_v3 needs a larger image than the others (its stem reduces 8x
# before three 3x3 valid convolutions).
MIN_SIZE = {"inception_v3": 80, "mobilenet_v1_025": 96}
NUM_CLASSES = 10


def synthetic(size, n, generator=None):
    """n images of the synthetic task and their labels: each class a
    coloured grating of its own frequency and orientation, at a random
    phase, in noise (a texture, which global pooling can tell apart)."""
    fixed = torch.Generator().manual_seed(42)
    freq = torch.rand(NUM_CLASSES, 2, generator=fixed) * 6 - 3
    color = torch.randn(NUM_CLASSES, 3, generator=fixed)
    y = torch.randint(NUM_CLASSES, (n,), generator=generator)
    grid = torch.linspace(0, 1, size)
    v, u = torch.meshgrid(grid, grid, indexing="ij")
    phase = torch.rand(n, 1, 1, generator=generator) * 2 * torch.pi
    wave = torch.sin(2 * torch.pi * (freq[y, 0, None, None] * u +
                                     freq[y, 1, None, None] * v) + phase)
    x = color[y][:, :, None, None] * wave[:, None]
    return x + 0.5 * torch.randn(n, 3, size, size, generator=generator), y


def train(model, size, steps, lr, generator):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(steps):
        x, y = synthetic(size, 32, generator)
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()


def mobilenet_v1_025():
    """MobileNetV1 with width 0.25 (the MLPerf Tiny VWW network of
    bench/tiny_models.py), with NUM_CLASSES outputs and a fuse_model."""
    sys.path.insert(0, str(ROOT / "bench"))
    import tiny_models
    model = tiny_models.MobileNetV1()
    model.fc = torch.nn.Linear(256, NUM_CLASSES)
    # Logits out: PyTorch's eager convert() has no quantized softmax.
    model.softmax = torch.nn.Identity()
    model.fuse_model = types.MethodType(
        lambda self, is_qat: tiny_models.fuse(self), model)
    return model


def float_model(name, size, steps):
    """The model trained in float on the synthetic task."""
    from torchvision.models import quantization as zoo
    torch.manual_seed(0)
    kwargs = {"weights": None, "quantize": False}
    if name in ("googlenet", "inception_v3"):
        kwargs.update(aux_logits=False, init_weights=True)
    if name == "mobilenet_v1_025":
        model = mobilenet_v1_025()
    else:
        model = getattr(zoo, name)(num_classes=NUM_CLASSES, **kwargs)
    train(model, size, steps, 1e-3, torch.Generator().manual_seed(0))
    return model.eval()


def qat_model(trained, qconfig, size, steps):
    """As PyTorch's tutorial: fused, prepared with the qconfig, fine-tuned
    with QAT; observers and batchnorm statistics frozen, in eval mode."""
    model = copy.deepcopy(trained)
    model.fuse_model(is_qat=True)
    model.qconfig = torch.ao.quantization.get_default_qat_qconfig(qconfig)
    torch.ao.quantization.prepare_qat(model.train(), inplace=True)
    train(model, size, steps, 1e-4, torch.Generator().manual_seed(1))
    model.apply(torch.ao.quantization.disable_observer)
    model.apply(torch.nn.intrinsic.qat.freeze_bn_stats)
    return model.eval()


def converted(model):
    """PyTorch's own int8 model, on QNNPACK (Debian's torch has no FBGEMM;
    oneDNN saturates 16-bit pairs of fbgemm's reduced-range activations)."""
    torch.backends.quantized.engine = "qnnpack"
    return torch.ao.quantization.convert(copy.deepcopy(model).eval())


def steps(a, b, scale):
    return np.abs(np.rint((a - b) / scale)).astype(np.int64)


def compare(got, want, scale):
    d = steps(got, want, scale)
    return {"top1": float((got.argmax(1) == want.argmax(1)).mean()),
            "max_steps": int(d.max()),
            "differ": float((d != 0).mean())}


def run_case(name, qconfig, size, trained, samples, qat_steps):
    import qat
    row = {"model": name, "qconfig": qconfig, "size": size}
    model = qat_model(trained, qconfig, size, qat_steps)
    x, labels = synthetic(size, samples, torch.Generator().manual_seed(2))
    from qat._torch import prepare_for_export
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # What qat compiles: the fake-quant model with PyTorch's fused
        # fake-quants replaced (one-signed weight channels quantized as
        # convert() does; docs/FromPyTorch.md).
        exported = prepare_for_export(model, x[:1])
    with torch.no_grad():
        fake = model(x).numpy()
        reference = exported(x).numpy()
        # PyTorch's fake-quant model is defined up to float summation
        # order: one sample at a time, or with its native convolutions
        # instead of oneDNN's, it differs from itself by this.
        alone = np.concatenate([exported(x[i:i + 1]).numpy()
                                for i in range(len(x))])
        with torch.backends.mkldnn.flags(enabled=False):
            native = exported(x).numpy()
    start = time.time()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compiled = qat.compile(model, x[:1])
    except qat.CompileError as e:
        row["error"] = str(e).splitlines()[-1]
        return row
    row["compile_s"] = round(time.time() - start, 1)
    images = x.numpy()  # the model's own NCHW, as qat's host API takes it
    scale = compiled.outputs[0].scale
    row["torch_noise_steps"] = int(max(steps(alone, reference, scale).max(),
                                       steps(native, reference, scale).max()))
    graph = compiled.interpret_graph(images)
    row["graph_max_steps"] = int(steps(graph, reference, scale).max())
    program = compiled.run(images)
    with torch.no_grad():
        int8 = converted(model)(x).numpy()
    truth = labels.numpy()
    row["accuracy"] = {
        "fake_quant": float((fake.argmax(1) == truth).mean()),
        "int8": float((program.argmax(1) == truth).mean()),
        "convert": float((int8.argmax(1) == truth).mean())}
    row["vs_fake_quant"] = compare(program, fake, scale)
    row["vs_convert"] = compare(program, int8, scale)
    row["convert_vs_fake_quant"] = compare(int8, fake, scale)
    return row


def cell(c):
    return f"{c['top1']:.3f}, {c['max_steps']}, {100 * c['differ']:.1f}%"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--qconfigs", default=",".join(QCONFIGS))
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--samples", type=int, default=64)
    ap.add_argument("--float-steps", type=int, default=150)
    ap.add_argument("--qat-steps", type=int, default=30)
    ap.add_argument("--json")
    ap.add_argument("--build", type=pathlib.Path, default=ROOT / "build")
    args = ap.parse_args()
    os.environ.setdefault("QAT_CAPI_LIBRARY",
                          str(args.build / "lib" / "libQATCAPI.so"))
    sys.path.insert(0, str(ROOT / "python"))
    rows, failed = [], 0
    print("| model | qconfig | size | compiled | accuracy: fake-quant, qat "
          "int8, PyTorch int8 | graph vs the model qat compiles, max steps (its "
          "own spread) | qat int8 vs fake-quant: top-1, max steps, "
          "outputs differing | qat int8 vs PyTorch int8 | PyTorch int8 vs "
          "fake-quant |")
    print("|---|---|---:|---|---|---|---|---|---|")
    for name in args.models.split(","):
        size = max(args.size, MIN_SIZE.get(name, 0))
        trained = float_model(name, size, args.float_steps)
        for qconfig in args.qconfigs.split(","):
            row = run_case(name, qconfig, size, trained, args.samples,
                           args.qat_steps)
            rows.append(row)
            if "error" in row:
                failed += 1
                print(f"| {name} | {qconfig} | {size} | no: {row['error']} "
                      "| | | | | |", flush=True)
                continue
            # The graph is within one step of PyTorch's own spread (what
            # its batch size changes): float summation order decides a
            # rounding here and there, and depth amplifies it.
            if row["graph_max_steps"] > row["torch_noise_steps"] + 1:
                failed += 1
            a = row["accuracy"]
            print(f"| {name} | {qconfig} | {size} | yes ({row['compile_s']} s) "
                  f"| {a['fake_quant']:.3f}, {a['int8']:.3f}, "
                  f"{a['convert']:.3f} "
                  f"| {row['graph_max_steps']} ({row['torch_noise_steps']}) "
                  f"| {cell(row['vs_fake_quant'])} "
                  f"| {cell(row['vs_convert'])} "
                  f"| {cell(row['convert_vs_fake_quant'])} |", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    print(f"zoo: {len(rows) - failed} of {len(rows)} cases compiled, their "
          "graphs within one step of PyTorch's own spread")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
