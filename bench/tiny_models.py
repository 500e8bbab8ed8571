# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The four MLPerf Tiny reference architectures as PyTorch eager QAT models.

- kws: DS-CNN-S on a 49x10x1 spectrogram (conv 10x4/2 to 64 channels, four
  depthwise-separable blocks of 64, global average pool, 12 classes);
- vww: MobileNetV1 with width 0.25 on a 96x96x3 image (2 classes);
- ic: ResNet-8 (16, 32 and 64 filters) on a 32x32x3 image (10 classes);
- ad: the fully connected autoencoder 640 -> 128x4 -> 8 -> 128x4 -> 640.

Weights are random (seeded) and every fake-quant range is calibrated on
random inputs: the benchmark counts instructions, which depend on the
shapes, not on what the weights learned. Convolutions are fused with their
batch norms and ReLUs the way QAT trains them (fuse_modules_qat). PyTorch
cannot fuse Linear with BatchNorm1d for QAT, so the autoencoder's batch
norms are taken as already folded into its Linear layers: the int8 program
is the same. Same-padding convolutions with stride 2 use symmetric padding,
which gives TensorFlow's output shapes (and MAC counts) on these inputs.
"""
import torch
import torch.nn as nn
from torch.ao.quantization import (DeQuantStub, QuantStub, disable_observer,
                                   fuse_modules_qat, get_default_qat_qconfig,
                                   prepare_qat)


def conv_bn_relu(cin, cout, kernel, stride=1, padding=0, groups=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, kernel, stride, padding, groups=groups,
                  bias=False),
        nn.BatchNorm2d(cout), nn.ReLU())


def separable(cin, cout, stride=1):
    """A depthwise 3x3 and a pointwise 1x1, each with batch norm and ReLU."""
    return nn.Sequential(conv_bn_relu(cin, cin, 3, stride, 1, groups=cin),
                         conv_bn_relu(cin, cout, 1))


class DSCNN(nn.Module):
    shape = (1, 1, 49, 10)

    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.conv = conv_bn_relu(1, 64, (10, 4), 2, (5, 1))
        self.blocks = nn.Sequential(*[separable(64, 64) for _ in range(4)])
        self.pool = nn.AvgPool2d((25, 5))
        self.fc = nn.Linear(64, 12)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        x = self.pool(self.blocks(self.conv(self.quant(x))))
        return self.dequant(self.softmax(self.fc(torch.flatten(x, 1))))


class MobileNetV1(nn.Module):
    shape = (1, 3, 96, 96)
    # (output channels, stride) of the 13 separable blocks, width 0.25.
    blocks = [(16, 1), (32, 2), (32, 1), (64, 2), (64, 1), (128, 2),
              (128, 1), (128, 1), (128, 1), (128, 1), (128, 1), (256, 2),
              (256, 1)]

    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.conv = conv_bn_relu(3, 8, 3, 2, 1)
        layers, cin = [], 8
        for cout, stride in self.blocks:
            layers.append(separable(cin, cout, stride))
            cin = cout
        self.features = nn.Sequential(*layers)
        self.pool = nn.AvgPool2d(3)
        self.fc = nn.Linear(256, 2)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        x = self.pool(self.features(self.conv(self.quant(x))))
        return self.dequant(self.softmax(self.fc(torch.flatten(x, 1))))


class ResidualStack(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = conv_bn_relu(cin, cout, 3, stride, 1)
        self.conv2 = nn.Sequential(nn.Conv2d(cout, cout, 3, 1, 1, bias=False),
                                   nn.BatchNorm2d(cout))
        self.shortcut = (nn.Sequential(nn.Conv2d(cin, cout, 1, stride,
                                                 bias=False),
                                       nn.BatchNorm2d(cout))
                         if stride != 1 else None)
        self.add = nn.quantized.FloatFunctional()
        self.relu = nn.ReLU()

    def forward(self, x):
        skip = self.shortcut(x) if self.shortcut is not None else x
        return self.relu(self.add.add(self.conv2(self.conv1(x)), skip))


class ResNet8(nn.Module):
    shape = (1, 3, 32, 32)

    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.conv = conv_bn_relu(3, 16, 3, 1, 1)
        self.stacks = nn.Sequential(ResidualStack(16, 16, 1),
                                    ResidualStack(16, 32, 2),
                                    ResidualStack(32, 64, 2))
        self.pool = nn.AvgPool2d(8)
        self.fc = nn.Linear(64, 10)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        x = self.pool(self.stacks(self.conv(self.quant(x))))
        return self.dequant(self.softmax(self.fc(torch.flatten(x, 1))))


class Autoencoder(nn.Module):
    shape = (1, 640)
    widths = [640, 128, 128, 128, 128, 8, 128, 128, 128, 128]

    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.layers = nn.Sequential(*[
            nn.Sequential(nn.Linear(a, b), nn.ReLU())
            for a, b in zip(self.widths, self.widths[1:])])
        self.out = nn.Linear(128, 640)

    def forward(self, x):
        return self.dequant(self.out(self.layers(self.quant(x))))


MODELS = {"kws": DSCNN, "vww": MobileNetV1, "ic": ResNet8,
          "ad": Autoencoder}


def fuse(model):
    """Each Conv-BN(-ReLU) and Linear-ReLU into one QAT module."""
    groups = [m for m in model.modules()
              if isinstance(m, nn.Sequential) and len(m) > 1 and
              isinstance(m[0], (nn.Conv2d, nn.Linear)) and
              [type(k) for k in m][1:] in ([nn.BatchNorm2d, nn.ReLU],
                                           [nn.BatchNorm2d], [nn.ReLU])]
    for group in groups:
        fuse_modules_qat(group, [[str(i) for i in range(len(group))]],
                         inplace=True)
    return model


def build(name, seed=0, calibration_batches=4):
    """The model `name`, prepared for QAT, its ranges calibrated on random
    inputs, frozen and in eval mode; and one example input."""
    torch.manual_seed(seed)
    model = MODELS[name]().train()
    # version 0: the FakeQuantize modules (the fused observer of version 1
    # can leave a zero point of -128 on a symmetric per-channel weight).
    model.qconfig = get_default_qat_qconfig("onednn", version=0)
    model = prepare_qat(fuse(model))
    gen = torch.Generator().manual_seed(seed)
    batch = (16,) + model.shape[1:]
    with torch.no_grad():
        for _ in range(calibration_batches):
            model(torch.rand(batch, generator=gen) * 2 - 1)
    model.apply(disable_observer)
    return model.eval(), torch.zeros(model.shape)
