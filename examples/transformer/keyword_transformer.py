#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""A keyword transformer trained with QAT, compiled by qat.

The keyword transformer (KWT) reads an utterance's feature frames as
tokens: each frame embedded by a Linear layer, a learned position embedding
added, pre-norm transformer blocks (layer norm, multi-head self-attention,
residual add; layer norm, MLP with GELU, residual add), a class token read
out (or the tokens averaged)
and classified. Debian ships no speech corpus, so the frames here are the
rows of sklearn's 8x8 digits: 8 tokens of 8 features, 10 classes (1437
training, 360 held-out images).

The model is trained in float32, then fine-tuned with PyTorch's eager-mode
QAT (fbgemm qconfig, prepare_qat). What eager mode does not observe by
itself is observed explicitly: the products of two activations (Q K^T, A V)
and GELU's output by a QuantStub each, the softmax's by a QuantStub on the
int8 softmax's fixed grid (1/256 from 0), the class token and the position
embedding by a QuantStub, the residual adds and the join by
FloatFunctional. `qat.compile` turns it
into an integer program (qint.fully_connected on the tokens,
qint.batch_matmul, qint.softmax, qint.layer_norm, a GELU table, qint.add,
qint.mean) run natively on the held-out digits.

Prints float, fake-quant and compiled accuracy, the compiled program's
agreement with the fake-quant model, and a summary of the per-layer report
(`--report F` saves it whole: .md, .json or .png); `--onnx-dir D` writes
the QAT model as D/kwt_digits.onnx (the file bench/run_bench.py measures
on Cortex-M).

  /usr/bin/python3 examples/transformer/keyword_transformer.py [--quick]
      [--pool class|mean] [--onnx-dir D] [--report F]

Deterministic (fixed seeds, one thread); --quick trains less.
"""
import argparse
import pathlib
import sys
import warnings

import numpy as np
import torch
import torch.nn as nn
from torch.ao.nn.quantized import FloatFunctional
from torch.ao.quantization import (
    DeQuantStub, QConfig, QuantStub, default_fixed_qparams_range_0to1_fake_quant,
    default_weight_fake_quant, disable_observer, get_default_qat_qconfig,
    prepare_qat)

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "python"))  # before an installed qat
sys.path.insert(0, str(ROOT / "examples"))
import qat  # noqa: E402
from train import accuracy, data, fit  # noqa: E402

TOKENS, FEATURES = 8, 8  # the digit's rows, each a frame of 8 features
WIDTH, HEADS, HIDDEN, BLOCKS = 32, 2, 64, 2


class SelfAttention(nn.Module):
    """Multi-head self-attention: softmax(Q K^T / sqrt(d)) V per head."""

    def __init__(self):
        super().__init__()
        self.q, self.k, self.v = (nn.Linear(WIDTH, WIDTH) for _ in range(3))
        # A product of two activations has no module to observe it in
        # eager mode: a QuantStub after it is its fake-quant.
        self.scores, self.mixed = QuantStub(), QuantStub()
        self.softmax = nn.Softmax(dim=-1)
        # Eager mode leaves softmax unobserved; its int8 kernel writes on
        # 1/256 from 0 (TFLite's grid), so the weights train on that grid.
        self.weights = QuantStub(QConfig(
            activation=default_fixed_qparams_range_0to1_fake_quant,
            weight=default_weight_fake_quant))
        self.out = nn.Linear(WIDTH, WIDTH)
        self.scale = (WIDTH // HEADS) ** -0.5

    def heads(self, x):
        """[N, T, WIDTH] -> [N, HEADS, T, WIDTH / HEADS]."""
        return x.reshape(x.shape[0], x.shape[1], HEADS,
                         WIDTH // HEADS).transpose(1, 2)

    def forward(self, x):
        q, k, v = self.heads(self.q(x)), self.heads(self.k(x)), self.heads(
            self.v(x))
        s = self.scores(torch.matmul(q, k.transpose(-2, -1)) * self.scale)
        o = self.mixed(torch.matmul(self.weights(self.softmax(s)), v))
        return self.out(o.transpose(1, 2).reshape(x.shape))


class Block(nn.Module):
    """A pre-norm transformer block."""

    def __init__(self):
        super().__init__()
        self.norm1, self.attention = nn.LayerNorm(WIDTH), SelfAttention()
        self.norm2 = nn.LayerNorm(WIDTH)
        self.fc1, self.fc2 = nn.Linear(WIDTH, HIDDEN), nn.Linear(HIDDEN, WIDTH)
        self.gelu, self.gelu_out = nn.GELU(), QuantStub()
        self.add1, self.add2 = FloatFunctional(), FloatFunctional()

    def forward(self, x):
        x = self.add1.add(x, self.attention(self.norm1(x)))
        y = self.fc2(self.gelu_out(self.gelu(self.fc1(self.norm2(x)))))
        return self.add2.add(x, y)


class KeywordTransformer(nn.Module):
    """Frames embedded, a learned class token put before them (or not),
    positions added, BLOCKS blocks, a final layer norm, the class token
    read out (or the tokens' mean) and classified."""

    def __init__(self, pool="class"):
        super().__init__()
        self.pool = pool
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.embed = nn.Linear(FEATURES, WIDTH)
        tokens = TOKENS + (pool == "class")
        self.position = nn.Parameter(0.02 * torch.randn(1, tokens, WIDTH))
        self.position_quant, self.add_position = QuantStub(), FloatFunctional()
        if pool == "class":
            self.token = nn.Parameter(0.02 * torch.randn(1, 1, WIDTH))
            self.token_quant, self.join = QuantStub(), FloatFunctional()
        self.blocks = nn.Sequential(*(Block() for _ in range(BLOCKS)))
        self.norm = nn.LayerNorm(WIDTH)
        self.head = nn.Linear(WIDTH, 10)

    def forward(self, image):
        x = self.embed(self.quant(image).reshape(-1, TOKENS, FEATURES))
        if self.pool == "class":
            token = self.token_quant(self.token).expand(x.shape[0], 1, WIDTH)
            x = self.join.cat([token, x], dim=1)
        x = self.add_position.add(x, self.position_quant(self.position))
        x = self.norm(self.blocks(x))
        x = x.mean(dim=1) if self.pool == "mean" else x[:, 0]
        return self.dequant(self.head(x))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--pool", choices=("class", "mean"), default="class")
    ap.add_argument("--onnx-dir", type=pathlib.Path,
                    help="write the QAT model as ONNX here")
    ap.add_argument("--report", type=pathlib.Path,
                    help="save the per-layer report here (.md, .json, .png)")
    a = ap.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    train, test, _, _ = data()
    float_epochs, qat_epochs = (6, 2) if a.quick else (40, 10)

    model = KeywordTransformer(a.pool)
    fit(model, train, float_epochs, 2e-3, probabilities=False)
    float_accuracy = accuracy(model, test)

    model.qconfig = get_default_qat_qconfig("fbgemm")
    model.train()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prepare_qat(model, inplace=True)
    fit(model, train, qat_epochs, 5e-4, probabilities=False)
    model.apply(disable_observer)
    fake_quant_accuracy = accuracy(model, test)
    with torch.no_grad():
        fake_quant_scores = model(test[0]).numpy()

    compiled = qat.compile(model, example_input=test[0][:1])
    images, labels = test[0].numpy(), test[1].numpy()
    scores = compiled.run(images)
    compiled_accuracy = float((scores.argmax(1) == labels).mean())
    agreement = float((scores.argmax(1) == fake_quant_scores.argmax(1)).mean())
    step = compiled.outputs[0].scale
    steps = int(np.round(np.abs(scores - fake_quant_scores).max() / step))
    print("| model | float | fake-quant | compiled | compiled = fake-quant "
          "(top-1) | max deviation (output steps) |")
    print("|---|---|---|---|---|---|")
    print(f"| KWT ({BLOCKS} blocks, {HEADS} heads, width {WIDTH}, "
          f"{a.pool} pooling) on digit rows | {float_accuracy:.4f} | "
          f"{fake_quant_accuracy:.4f} | {compiled_accuracy:.4f} | "
          f"{agreement:.4f} | {steps} |")

    report = compiled.report(images, labels=labels, path=a.report)
    summarize(report)
    if a.onnx_dir:
        from qat import _torch
        a.onnx_dir.mkdir(parents=True, exist_ok=True)
        (a.onnx_dir / "kwt_digits.onnx").write_bytes(
            _torch.to_onnx(model, test[0][:1]))


def summarize(report):
    """Where the error goes: along the residual stream (the embedding, each
    block's two residual adds, the classifier) and by kind of op. SQNR of
    the fake-quant graph against the float graph (what QAT trained with)
    and of the int8 program against the fake-quant graph (what compiling
    adds); deviation in the tensor's own steps."""
    print(f"\nPer-layer report: {len(report.layers)} tensors, "
          f"{len(report.flagged)} flagged; top-1 agreement int8 with "
          f"fake-quant {report.agreement_int8_fakequant:.2%}")
    print("| residual stream | SQNR fake-quant/float (dB) | "
          "SQNR int8/fake-quant (dB) | max deviation (steps) |")
    print("|---|---|---|---|")
    stream = [layer for layer in report.layers if layer.op == "add"]
    stream.append(report.layers[-1])
    for layer in stream:
        print(f"| {layer.name} | {layer.sqnr_fakequant_db:.1f} | "
              f"{layer.sqnr_int8_db:.1f} | {layer.max_deviation_steps} |")
    print("\n| op | tensors | lowest SQNR int8/fake-quant (dB) | "
          "max deviation (steps) | MACs |")
    print("|---|---|---|---|---|")
    kinds = {}
    for layer in report.layers:
        if layer.sqnr_int8_db is not None and layer.op != "input":
            kinds.setdefault(layer.op, []).append(layer)
    for op, layers in sorted(kinds.items()):
        print(f"| {op} | {len(layers)} | "
              f"{min(l.sqnr_int8_db for l in layers):.1f} | "
              f"{max(l.max_deviation_steps for l in layers)} | "
              f"{sum(l.macs for l in layers)} |")
    print(f"\nThe report's own fake-quant graph (qat's float evaluation of "
          f"the export): accuracy float {report.accuracy_float:.4f}, "
          f"fake-quant {report.accuracy_fakequant:.4f}, int8 "
          f"{report.accuracy_int8:.4f}")


if __name__ == "__main__":
    main()
