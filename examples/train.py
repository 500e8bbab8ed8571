#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Trains the bundled example networks with PyTorch QAT and exports them.

Deterministic: fixed seeds, one thread, the handwritten digits data set that
Debian's python3-sklearn ships (8x8 grey images, 10 classes; pixels 0..16,
scaled to [0, 1]). For each network it trains in float, then fine-tunes with
fake-quant (torch.ao FX QAT: quint8 activations, per-channel symmetric int8
weights in [-127, 127]), freezes observers and batchnorm statistics, and
compiles it with `qat.compile` (PyTorch -> ONNX -> qat's importer). It
checks the fake-quant graph qat imported against PyTorch on every test
image, and writes, per network:

  <name>.mlir                 the fake-quant graph (func @main, NHWC input)
  data/<name>.expected.npy    PyTorch's outputs on data/digits_test.npz

and data/digits_test.npz (the held-out images as uint8 0..16, NHWC, and
labels). Run: /usr/bin/python3 examples/train.py  (about a minute).
"""
import pathlib
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.datasets import load_digits
from torch.ao.quantization import (FakeQuantize, MovingAverageMinMaxObserver,
                                   MovingAveragePerChannelMinMaxObserver,
                                   QConfig, QConfigMapping)
from torch.ao.quantization.quantize_fx import prepare_qat_fx

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "python"))  # before an installed qat
import qat  # noqa: E402

QCONFIG = QConfig(
    activation=FakeQuantize.with_args(
        observer=MovingAverageMinMaxObserver, quant_min=0, quant_max=255,
        dtype=torch.quint8, qscheme=torch.per_tensor_affine),
    weight=FakeQuantize.with_args(
        observer=MovingAveragePerChannelMinMaxObserver, quant_min=-127,
        quant_max=127, dtype=torch.qint8, qscheme=torch.per_channel_symmetric,
        ch_axis=0))


def conv_bn(cin, cout, k=3, stride=1, groups=1):
    return [nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False),
            nn.BatchNorm2d(cout)]


class CNN(nn.Module):
    """conv+batchnorm+relu twice, max pool, fully connected, softmax."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            *conv_bn(1, 8), nn.ReLU(), *conv_bn(8, 16, stride=2), nn.ReLU(),
            nn.MaxPool2d(2))
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        return F.softmax(self.fc(torch.flatten(self.features(x), 1)), dim=1)


class DSCNN(nn.Module):
    """Depthwise-separable blocks with relu6, global average pool."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            *conv_bn(1, 8), nn.ReLU6(),
            *conv_bn(8, 8, groups=8), nn.ReLU6(), *conv_bn(8, 16, k=1), nn.ReLU6(),
            *conv_bn(16, 16, stride=2, groups=16), nn.ReLU6(),
            *conv_bn(16, 32, k=1), nn.ReLU6())
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        return self.fc(self.features(x).mean((2, 3)))


class ResNet(nn.Module):
    """A stem and one residual block whose add joins two scales."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(*conv_bn(1, 16), nn.ReLU())
        self.branch = nn.Sequential(*conv_bn(16, 16), nn.ReLU(), *conv_bn(16, 16))
        self.relu = nn.ReLU()
        self.pool = nn.AvgPool2d(2)
        self.fc = nn.Linear(256, 10)

    def forward(self, x):
        x = self.stem(x)
        x = self.relu(self.branch(x) + x)
        return self.fc(torch.flatten(self.pool(x), 1))


NETWORKS = {"cnn": CNN, "dscnn": DSCNN, "resnet": ResNet}


def data():
    digits = load_digits()
    images = digits.images.astype(np.float32) / 16.0
    order = np.random.default_rng(0).permutation(len(images))
    train, test = order[:1437], order[1437:]
    to_t = lambda idx: (torch.from_numpy(images[idx][:, None]),
                        torch.from_numpy(digits.target[idx]).long())
    return to_t(train), to_t(test), digits.images[test], digits.target[test]


def loss_fn(out, y, probabilities):
    if probabilities:  # the model ends in softmax
        return F.nll_loss(torch.log(out.clamp_min(1e-4)), y)
    return F.cross_entropy(out, y)


def fit(model, train, epochs, lr, probabilities):
    x, y = train
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    gen = torch.Generator().manual_seed(1)
    for _ in range(epochs):
        model.train()
        for idx in torch.randperm(len(x), generator=gen).split(32):
            opt.zero_grad()
            loss_fn(model(x[idx]), y[idx], probabilities).backward()
            opt.step()


def accuracy(model, test):
    model.eval()
    with torch.no_grad():
        return (model(test[0]).argmax(1) == test[1]).float().mean().item()


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    train, test, test_images, test_labels = data()
    (HERE / "data").mkdir(exist_ok=True)
    np.savez_compressed(HERE / "data" / "digits_test.npz",
                        images=test_images.astype(np.uint8)[..., None],
                        labels=test_labels.astype(np.uint8))
    for name, cls in NETWORKS.items():
        torch.manual_seed(0)
        model = cls()
        probs = name == "cnn"
        fit(model, train, epochs=30, lr=3e-3, probabilities=probs)
        float_acc = accuracy(model, test)
        example = (test[0][:1],)
        qat_model = prepare_qat_fx(model.train(), QConfigMapping().set_global(QCONFIG),
                                   example)
        fit(qat_model, train, epochs=8, lr=5e-4, probabilities=probs)
        qat_model.apply(torch.ao.quantization.disable_observer)
        qat_model.apply(torch.nn.intrinsic.qat.freeze_bn_stats)
        qat_acc = accuracy(qat_model, test)

        compiled = qat.compile(qat_model, example[0], name=name)
        with torch.no_grad():
            expected = qat_model(test[0]).numpy()
        images = test[0].numpy()  # the model's own NCHW
        imported = compiled.interpret_graph(images)
        ref_acc = float((imported.argmax(1) == test[1].numpy()).mean())
        # The largest deviation in output steps tells whether the imported
        # graph computes what PyTorch computes (float summation order may
        # flip a rounding, so a step or two is expected; a wrong layout or
        # parameter shows as many).
        step = compiled.outputs[0].scale
        deviation = np.abs(imported - expected).max() / step
        agree = float((imported.argmax(1) == expected.argmax(1)).mean())
        print(f"{name}: float {float_acc:.4f}, QAT {qat_acc:.4f}, imported "
              f"graph (qat's interpreter) {ref_acc:.4f}; vs PyTorch: max "
              f"deviation {deviation:.2f} output steps, argmax agreement "
              f"{agree:.4f}")
        if deviation > 2 or agree < 0.99:
            sys.exit(f"{name}: the imported graph does not match PyTorch")
        (HERE / f"{name}.mlir").write_text(
            f"// {name}: {cls.__doc__}\n"
            f"// Generated by examples/train.py: PyTorch QAT on sklearn's digits;\n"
            f"// test accuracy float {float_acc:.4f}, fake-quant {qat_acc:.4f}.\n"
            + compiled.graph_text)
        np.save(HERE / "data" / f"{name}.expected.npy", expected)


if __name__ == "__main__":
    main()
