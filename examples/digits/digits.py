#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""PTQ against QAT on the digits, end to end through qat.

For each variant it trains a small CNN in float32 (PyTorch), quantizes it
two ways and compiles both with qat:

  PTQ   qat.calibrate on 256 training images (minmax ranges), the float
        model's own weights quantized after training;
  QAT   PyTorch quantization-aware fine-tuning (eager mode), compiled with
        qat.compile.

Both int8 programs run natively (CompiledModel.run) on the 360 held-out
digits; the QAT one also runs as C on an emulated Cortex-M4 (QEMU
mps2-an386) for a subset, byte for byte against the native run. The table
gives each accuracy and its drop against float, and the QAT program's
agreement with PyTorch's own convert()ed int8 model. Each variant writes
the per-layer reports of both programs (markdown and PNG) to --out.

  /usr/bin/python3 examples/digits/digits.py [--quick] [--out DIR]

Deterministic (fixed seeds, one thread). --quick trains less, for the
quickstart.
"""
import argparse
import copy
import pathlib
import sys
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import (DeQuantStub, FakeQuantize,
                                   MovingAverageMinMaxObserver,
                                   MovingAveragePerChannelMinMaxObserver,
                                   QConfig, QuantStub, convert,
                                   fuse_modules_qat, prepare_qat)

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "python"))  # before an installed qat
sys.path.insert(0, str(ROOT / "examples"))
import qat  # noqa: E402
from train import data, fit  # noqa: E402


def activation():
    return FakeQuantize.with_args(observer=MovingAverageMinMaxObserver,
                                  quant_min=0, quant_max=255,
                                  dtype=torch.quint8)


def qconfig(bits, per_channel):
    top = 2 ** (bits - 1) - 1
    if per_channel:
        weight = FakeQuantize.with_args(
            observer=MovingAveragePerChannelMinMaxObserver,
            quant_min=-top, quant_max=top, dtype=torch.qint8,
            qscheme=torch.per_channel_symmetric)
    else:
        weight = FakeQuantize.with_args(
            observer=MovingAverageMinMaxObserver, quant_min=-top,
            quant_max=top, dtype=torch.qint8,
            qscheme=torch.per_tensor_symmetric)
    return QConfig(activation=activation(), weight=weight)


class CNN(nn.Module):
    """conv3x3+BN+ReLU twice, max pool, fully connected."""
    fuse = [["c1", "b1", "r1"], ["c2", "b2", "r2"]]

    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.c1, self.b1, self.r1 = (nn.Conv2d(1, 8, 3, padding=1,
                                               bias=False),
                                     nn.BatchNorm2d(8), nn.ReLU())
        self.c2, self.b2, self.r2 = (nn.Conv2d(8, 16, 3, padding=1,
                                               bias=False),
                                     nn.BatchNorm2d(16), nn.ReLU())
        self.pool, self.fc = nn.MaxPool2d(2), nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = self.r1(self.b1(self.c1(self.quant(x))))
        x = self.pool(self.r2(self.b2(self.c2(x))))
        return self.dequant(self.fc(torch.flatten(x, 1)))


class DWSep(nn.Module):
    """Depthwise-separable blocks (depthwise 3x3 + pointwise 1x1, BN, ReLU),
    global average pool, fully connected."""
    fuse = [["c1", "b1", "r1"], ["d2", "bd2", "rd2"], ["p2", "bp2", "rp2"],
            ["d3", "bd3", "rd3"], ["p3", "bp3", "rp3"]]

    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()

        def block(cin, cout, k=3, groups=1, stride=1):
            return (nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups,
                              bias=False), nn.BatchNorm2d(cout), nn.ReLU())
        self.c1, self.b1, self.r1 = block(1, 16)
        self.d2, self.bd2, self.rd2 = block(16, 16, groups=16)
        self.p2, self.bp2, self.rp2 = block(16, 32, k=1)
        self.d3, self.bd3, self.rd3 = block(32, 32, groups=32, stride=2)
        self.p3, self.bp3, self.rp3 = block(32, 32, k=1)
        self.gap, self.fc = nn.AdaptiveAvgPool2d(1), nn.Linear(32, 10)

    def forward(self, x):
        x = self.r1(self.b1(self.c1(self.quant(x))))
        x = self.rd2(self.bd2(self.d2(x)))
        x = self.rp2(self.bp2(self.p2(x)))
        x = self.rd3(self.bd3(self.d3(x)))
        x = self.rp3(self.bp3(self.p3(x)))
        return self.dequant(self.fc(torch.flatten(self.gap(x), 1)))


# name: (network, weight bits, per channel, float epochs, QAT epochs)
VARIANTS = {
    "cnn-int8": (CNN, 8, True, 20, 6),
    "dwsep-int4": (DWSep, 4, False, 30, 10),
}


def accuracy(scores, labels):
    return float((np.asarray(scores).argmax(1) == labels).mean())


def run_on_cortex_m4(model, images, work):
    """The model's C on QEMU's Cortex-M4 for `images`: the int8 outputs."""
    sys.path.insert(0, str(ROOT / "utils" / "harness"))
    import targets
    work.mkdir(parents=True, exist_ok=True)
    model.emit_c(work)
    port = model.inputs[0]
    # The device takes the compiled port's layout (NHWC).
    q = np.ascontiguousarray(port.to_device(port.quantize(images)))
    (work / "in.bin").write_bytes(q.tobytes())
    name, n = model.name, len(images)
    (work / "main.c").write_text(f"""#include "io.h"
#include "{name}.h"
static int8_t x[QAT_{name.upper()}_INPUT0_SIZE], y[QAT_{name.upper()}_OUTPUT0_SIZE];
static int32_t arena[QAT_{name.upper()}_ARENA_SIZE / 4 + 1];
int main(void) {{
  int in = io_open(QAT_INPUTS, 0), out = io_open(QAT_OUTPUTS, 1), i;
  if (in < 0 || out < 0)
    return 2;
  for (i = 0; i < {n}; ++i) {{
    if (io_read(in, x, sizeof x) != sizeof x || qat_{name}_run(x, y, arena))
      return 3;
    io_write(out, y, sizeof y);
  }}
  return io_close(out);
}}
""")
    tools = targets.Tools()
    targets.build(tools, "m4", [work / "main.c", work / f"{name}.c"], [work],
                  [f'QAT_INPUTS="{work / "in.bin"}"',
                   f'QAT_OUTPUTS="{work / "out.bin"}"'], work / "m4.elf")
    targets.execute(tools, "m4", work / "m4.elf")
    return np.frombuffer((work / "out.bin").read_bytes(), np.int8).reshape(
        n, -1)


def variant(name, spec, train, test, out, quick, m4_images):
    cls, bits, per_channel, float_epochs, qat_epochs = spec
    if quick:
        float_epochs, qat_epochs = max(2, float_epochs // 5), 2
    images = test[0].numpy()  # NCHW, as the PyTorch model takes it
    labels = test[1].numpy()
    torch.manual_seed(0)
    model = cls()
    fit(model, train, epochs=float_epochs, lr=3e-3, probabilities=False)
    model.eval()
    with torch.no_grad():
        float_acc = accuracy(model(test[0]).numpy(), labels)

    # PTQ: qat's calibration of the float model.
    calibration = train[0][:256].numpy()
    ptq = qat.calibrate(model, calibration, weight_bits=bits,
                        per_channel=per_channel,
                        example_input=test[0][:1], name="ptq")
    ptq_fake = accuracy(ptq.interpret_graph(images), labels)
    ptq_compiled = accuracy(ptq.run(images), labels)

    # QAT: PyTorch fine-tuning from the float weights.
    qat_model = copy.deepcopy(model).train()
    qat_model.qconfig = qconfig(bits, per_channel)
    fuse_modules_qat(qat_model, cls.fuse, inplace=True)
    qat_model = prepare_qat(qat_model)
    fit(qat_model, train, epochs=qat_epochs, lr=5e-4, probabilities=False)
    qat_model.apply(torch.ao.quantization.disable_observer)
    qat_model.apply(torch.nn.intrinsic.qat.freeze_bn_stats)
    qat_model.eval()
    with torch.no_grad():
        qat_fake = accuracy(qat_model(test[0]).numpy(), labels)
    compiled = qat.compile(qat_model, test[0][:1], name="qat")
    qat_scores = compiled.run(images)
    qat_compiled = accuracy(qat_scores, labels)

    # PyTorch's own int8 model of the same QAT network.
    torch.backends.quantized.engine = "onednn"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch_int8 = convert(copy.deepcopy(qat_model).eval())
        with torch.no_grad():
            torch_scores = torch_int8(test[0]).numpy()
    step = compiled.outputs[0].scale
    agreement = float((qat_scores.argmax(1) == torch_scores.argmax(1))
                      .mean())
    max_steps = int(np.round(np.abs(qat_scores - torch_scores).max() / step))

    # A subset as C on the Cortex-M4, against the native bytes.
    m4 = run_on_cortex_m4(compiled, images[:m4_images], out / name / "m4")
    native = compiled.run_int8(compiled.inputs[0].quantize(
        images[:m4_images]))
    m4_same = bool(np.array_equal(m4, native.reshape(m4_images, -1)))

    for label, m in (("ptq", ptq), ("qat", compiled)):
        report = m.report(images, labels=labels)
        report.save(out / name / f"{label}-report.md")
        report.save(out / name / f"{label}-report.png")
    return dict(name=name, bits=bits, per_channel=per_channel,
                float=float_acc, ptq_fake=ptq_fake,
                ptq_compiled=ptq_compiled, qat_fake=qat_fake,
                qat_compiled=qat_compiled, agreement=agreement,
                max_steps=max_steps, m4_images=m4_images, m4_same=m4_same)


def table(rows):
    pct = lambda v: f"{100 * v:.2f}"  # noqa: E731
    drop = lambda v, f: f"{100 * (v - f):+.2f}"  # noqa: E731
    lines = [
        "| variant | weights | float | PTQ fake-quant | QAT fake-quant | "
        "PTQ compiled | QAT compiled | PTQ drop | QAT drop | QAT vs torch "
        "int8: top-1 agreement, max steps | Cortex-M4 (QEMU) = native |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        weights = (f"int{r['bits']} per "
                   f"{'channel' if r['per_channel'] else 'tensor'}")
        lines.append(
            f"| {r['name']} | {weights} | {pct(r['float'])} | "
            f"{pct(r['ptq_fake'])} | {pct(r['qat_fake'])} | "
            f"{pct(r['ptq_compiled'])} | {pct(r['qat_compiled'])} | "
            f"{drop(r['ptq_compiled'], r['float'])} | "
            f"{drop(r['qat_compiled'], r['float'])} | "
            f"{pct(r['agreement'])}%, {r['max_steps']} | "
            f"{'yes' if r['m4_same'] else 'NO'} ({r['m4_images']} digits) |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true",
                    help="train briefly (the quickstart's short version)")
    ap.add_argument("--out", type=pathlib.Path, default=HERE / "results")
    ap.add_argument("--variants", nargs="*", choices=sorted(VARIANTS))
    a = ap.parse_args()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    train, test, _, _ = data()
    rows = []
    for name in a.variants or VARIANTS:
        rows.append(variant(name, VARIANTS[name], train, test, a.out,
                            a.quick, 10 if a.quick else 40))
    text = table(rows)
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "table.md").write_text(text)
    print(text, end="")
    bad = [r["name"] for r in rows if not r["m4_same"]]
    if bad:
        sys.exit(f"the Cortex-M4 outputs differ from the native ones: {bad}")


if __name__ == "__main__":
    main()
