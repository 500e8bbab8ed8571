#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Makes the ONNX test models: small PyTorch 1.13 QAT networks trained for a
few seconds on sklearn's digits, exported with torch.onnx.export at opset 13.

For each model NAME it writes, to models/ beside this script (or --out):
  NAME.onnx               the QDQ model as torch exports it
  NAME.float.npy          the float model's outputs (fake-quant disabled)
  NAME.fakequant.npy      the QAT model's outputs (what training simulated)
  NAME.torch_int8.npy     the outputs of torch's own int8 model (convert())
on the 360 held-out digits of examples/data/digits_test.npz, in that order.

Everything is seeded and single-threaded: running the script again rewrites
the same bytes (test/Target/ONNX/models-reproducible.test checks one model).

  /usr/bin/python3 test/Target/ONNX/Inputs/make_models.py [--only NAME ...]
"""
import argparse
import pathlib
import sys
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import (DeQuantStub, FakeQuantize,
                                   FixedQParamsFakeQuantize,
                                   MovingAverageMinMaxObserver,
                                   MovingAveragePerChannelMinMaxObserver,
                                   QConfig, QConfigMapping, QuantStub,
                                   convert, fuse_modules_qat,
                                   get_default_qat_qconfig_mapping,
                                   prepare_qat)
from torch.ao.quantization.quantize_fx import convert_fx, prepare_qat_fx

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3] / "examples"))
# The digits split (its test split is examples/data/digits_test.npz) and the
# training loop of the bundled examples.
from train import data, fit  # noqa: E402

ACT = FakeQuantize.with_args(observer=MovingAverageMinMaxObserver,
                             quant_min=0, quant_max=255, dtype=torch.quint8,
                             qscheme=torch.per_tensor_affine)
# ONNX's QuantizeLinear allows int8 [-128, 127] only, so weights use it.
WEIGHT = FakeQuantize.with_args(
    observer=MovingAveragePerChannelMinMaxObserver, quant_min=-128,
    quant_max=127, dtype=torch.qint8, qscheme=torch.per_channel_symmetric,
    ch_axis=0)
QCONFIG = QConfig(activation=ACT, weight=WEIGHT)
# 4-bit weights, per tensor: exported in an int8 container (see export()).
WEIGHT4 = FakeQuantize.with_args(observer=MovingAverageMinMaxObserver,
                                 quant_min=-8, quant_max=7, dtype=torch.qint8,
                                 qscheme=torch.per_tensor_symmetric)
QCONFIG4 = QConfig(activation=ACT, weight=WEIGHT4)


def fx_qconfig_mapping():
    """QCONFIG everywhere, except the fixed output ranges FX requires of
    sigmoid, tanh and hardsigmoid (taken from torch's default mapping)."""
    mapping = QConfigMapping().set_global(QCONFIG)
    default = get_default_qat_qconfig_mapping("onednn")
    for op, qconfig in default.object_type_qconfigs.items():
        if getattr(qconfig.activation, "p", None) and \
                qconfig.activation.p.func is FixedQParamsFakeQuantize:
            mapping.set_object_type(op, qconfig)
    return mapping


def conv_bn(cin, cout, k=3, stride=1, groups=1, dims=2):
    conv = nn.Conv2d if dims == 2 else nn.Conv1d
    bn = nn.BatchNorm2d if dims == 2 else nn.BatchNorm1d
    return [conv(cin, cout, k, stride, k // 2, groups=groups, bias=False),
            bn(cout)]


class Eager(nn.Module):
    """Base of the eager-mode models: QuantStub -> body -> DeQuantStub."""
    fuse = []

    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()

    def forward(self, x):
        return self.dequant(self.body(self.quant(x)))


class CNN(Eager):
    """conv+BN+ReLU twice (BN unfolded: the fused ConvBn QAT form), max
    pool, flatten, fully connected."""
    fuse = [["c1", "b1", "r1"], ["c2", "b2", "r2"]]

    def __init__(self):
        super().__init__()
        self.c1, self.b1 = conv_bn(1, 8)
        self.r1, self.pool = nn.ReLU(), nn.MaxPool2d(2)
        self.c2, self.b2 = conv_bn(8, 16)
        self.r2, self.fc = nn.ReLU(), nn.Linear(16 * 4 * 4, 10)

    def body(self, x):
        x = self.pool(self.r1(self.b1(self.c1(x))))
        x = self.r2(self.b2(self.c2(x)))
        return self.fc(torch.flatten(x, 1))


class FoldedCNN(Eager):
    """CNN with its batchnorms folded into the convolutions."""
    fuse = [["c1", "r1"], ["c2", "r2"]]

    def __init__(self):
        super().__init__()
        self.c1, self.r1 = nn.Conv2d(1, 8, 3, padding=1), nn.ReLU()
        self.pool = nn.MaxPool2d(2)
        self.c2, self.r2 = nn.Conv2d(8, 16, 3, padding=1), nn.ReLU()
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def body(self, x):
        x = self.pool(self.r1(self.c1(x)))
        return self.fc(torch.flatten(self.r2(self.c2(x)), 1))


class DWSep(Eager):
    """Depthwise-separable blocks with ReLU6 (exported as Clip), global
    average pool, fully connected."""
    fuse = [["c1", "b1"], ["dw", "bdw"], ["pw", "bpw", "rpw"]]

    def __init__(self):
        super().__init__()
        self.c1, self.b1 = conv_bn(1, 16)
        self.r1 = nn.ReLU6()
        self.dw, self.bdw = conv_bn(16, 16, groups=16)
        self.rdw = nn.ReLU6()
        self.pw, self.bpw = conv_bn(16, 32, k=1)
        self.rpw = nn.ReLU()
        self.gap, self.fc = nn.AdaptiveAvgPool2d(1), nn.Linear(32, 10)

    def body(self, x):
        x = self.r1(self.b1(self.c1(x)))
        x = self.rdw(self.bdw(self.dw(x)))
        x = self.rpw(self.bpw(self.pw(x)))
        return self.fc(torch.flatten(self.gap(x), 1))


class Residual(Eager):
    """A residual add of branches with different scales, a concat, max pool,
    global average pool."""
    fuse = [["c1", "b1", "r1"], ["c2", "b2", "r2"], ["c3", "b3"]]

    def __init__(self):
        super().__init__()
        self.c1, self.b1 = conv_bn(1, 16)
        self.r1 = nn.ReLU()
        self.c2, self.b2 = conv_bn(16, 16)
        self.r2 = nn.ReLU()
        self.c3, self.b3 = conv_bn(16, 16)
        self.add = nn.quantized.FloatFunctional()
        self.cat = nn.quantized.FloatFunctional()
        self.r3, self.pool = nn.ReLU(), nn.MaxPool2d(2)
        self.gap, self.fc = nn.AdaptiveAvgPool2d(1), nn.Linear(32, 10)

    def body(self, x):
        x = self.r1(self.b1(self.c1(x)))
        y = self.b3(self.c3(self.r2(self.b2(self.c2(x)))))
        y = self.r3(self.add.add(x, y))
        z = self.pool(self.cat.cat([x, y], 1))
        return self.fc(torch.flatten(self.gap(z), 1))


class MLP(Eager):
    """Fully connected layers on the flattened image."""
    shape = (64,)
    fuse = [["f1", "r1"], ["f2", "r2"]]

    def __init__(self):
        super().__init__()
        self.f1, self.r1 = nn.Linear(64, 48), nn.ReLU()
        self.f2, self.r2 = nn.Linear(48, 32), nn.ReLU()
        self.f3 = nn.Linear(32, 10)

    def body(self, x):
        return self.f3(self.r2(self.f2(self.r1(self.f1(x)))))


class Conv1D(Eager):
    """1-D convolutions over the image read as a 64-sample signal."""
    shape = (1, 64)
    fuse = [["c1", "b1", "r1"], ["c2", "b2", "r2"]]

    def __init__(self):
        super().__init__()
        self.c1, self.b1 = conv_bn(1, 8, k=5, dims=1)
        self.r1, self.pool = nn.ReLU(), nn.MaxPool1d(2)
        self.c2, self.b2 = conv_bn(8, 16, k=3, stride=2, dims=1)
        self.r2, self.fc = nn.ReLU(), nn.Linear(16 * 16, 10)

    def body(self, x):
        x = self.pool(self.r1(self.b1(self.c1(x))))
        return self.fc(torch.flatten(self.r2(self.b2(self.c2(x))), 1))


class Int4(FoldedCNN):
    """FoldedCNN with 4-bit per-tensor weights."""
    qconfig = QCONFIG4


class Deep(Eager):
    """A MobileNetV2-like network: inverted residual blocks (expand 1x1,
    depthwise 3x3, project 1x1, residual add), ReLU6; 40 layers."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(*conv_bn(1, 16), nn.ReLU6())
        cfg = [(16, 16, 1), (16, 24, 2), (24, 24, 1), (24, 24, 1),
               (24, 32, 2), (32, 32, 1), (32, 32, 1)]
        self.blocks = nn.ModuleList(Inverted(i, o, s) for i, o, s in cfg)
        self.head = nn.Sequential(*conv_bn(32, 64, k=1), nn.ReLU6())
        self.gap, self.fc = nn.AdaptiveAvgPool2d(1), nn.Linear(64, 10)
        self.fuse = [[f"stem.0", "stem.1"], ["head.0", "head.1"]]
        for b, _ in enumerate(cfg):
            self.fuse += [[f"blocks.{b}.body.{i}", f"blocks.{b}.body.{i + 1}"]
                          for i in (0, 3, 6)]

    def body(self, x):
        x = self.stem(x)
        for block in self.blocks:
            x = block(x)
        return self.fc(torch.flatten(self.gap(self.head(x)), 1))


class Inverted(nn.Module):
    def __init__(self, cin, cout, stride, expand=2):
        super().__init__()
        mid = cin * expand
        self.body = nn.Sequential(
            *conv_bn(cin, mid, k=1), nn.ReLU6(),
            *conv_bn(mid, mid, stride=stride, groups=mid), nn.ReLU6(),
            *conv_bn(mid, cout, k=1))
        self.residual = stride == 1 and cin == cout
        self.add = nn.quantized.FloatFunctional()

    def forward(self, x):
        y = self.body(x)
        return self.add.add(x, y) if self.residual else y


class FX(nn.Module):
    """The CNN again, quantized by FX graph mode (prepare_qat_fx)."""
    fx = True

    def __init__(self):
        super().__init__()
        self.c1, self.b1 = conv_bn(1, 8)
        self.pool = nn.MaxPool2d(2)
        self.c2, self.b2 = conv_bn(8, 16)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.b1(self.c1(x))))
        x = F.relu(self.b2(self.c2(x)))
        return self.fc(x.reshape(x.shape[0], -1))


class Activations(nn.Module):
    """Hardswish (exported as HardSigmoid -> Mul), leaky ReLU, tanh,
    hardsigmoid and sigmoid after convolutions, by FX graph mode (which
    gives sigmoid and tanh their fixed output ranges)."""
    fx = True

    def __init__(self):
        super().__init__()
        self.c1, self.b1 = conv_bn(1, 8)
        self.c2, self.b2 = conv_bn(8, 16)
        self.pool = nn.MaxPool2d(2)
        self.c3, self.b3 = conv_bn(16, 16, k=1)
        self.c4, self.b4 = conv_bn(16, 16, k=1)
        self.gap, self.fc = nn.AdaptiveAvgPool2d(1), nn.Linear(32, 10)

    def forward(self, x):
        x = F.hardswish(self.b1(self.c1(x)))
        x = self.pool(F.leaky_relu(self.b2(self.c2(x)), 0.1))
        y = F.hardsigmoid(torch.tanh(self.b3(self.c3(x))))
        z = torch.sigmoid(self.b4(self.c4(x)))
        return self.fc(torch.flatten(self.gap(torch.cat([y, z], 1)), 1))


class Upsample(nn.Module):
    """An encoder-decoder: max pool down, nearest 2x upsample (Resize) back
    up, concat with the skip connection (FX graph mode)."""
    fx = True

    def __init__(self):
        super().__init__()
        self.c1, self.b1 = conv_bn(1, 8)
        self.pool = nn.MaxPool2d(2)
        self.c2, self.b2 = conv_bn(8, 8)
        self.c3, self.b3 = conv_bn(16, 16)
        self.gap, self.fc = nn.AdaptiveAvgPool2d(1), nn.Linear(16, 10)

    def forward(self, x):
        skip = F.relu(self.b1(self.c1(x)))
        y = F.relu(self.b2(self.c2(self.pool(skip))))
        y = F.interpolate(y, scale_factor=2, mode="nearest")
        z = F.relu(self.b3(self.c3(torch.cat([skip, y], 1))))
        return self.fc(torch.flatten(self.gap(z), 1))


MODELS = {"cnn": CNN, "fx_cnn": FX, "dwsep": DWSep, "residual": Residual,
          "mlp": MLP, "conv1d": Conv1D, "int4": Int4, "deep": Deep,
          "activations": Activations, "upsample": Upsample}


def fold_cnn(qat_cnn):
    """FoldedCNN computing what `qat_cnn` (CNN after QAT) computes: the
    conv weights are the ones its fake-quant saw (W * gamma / sigma) and
    the bias absorbs the batchnorm; every fake-quant keeps its parameters."""
    folded = FoldedCNN()
    folded.qconfig = QCONFIG
    fuse_modules_qat(folded.train(), FoldedCNN.fuse, inplace=True)
    prepare_qat(folded, inplace=True)
    for name in ("c1", "c2"):
        src, dst = getattr(qat_cnn, name), getattr(folded, name)
        bn = src.bn
        std = torch.sqrt(bn.running_var + bn.eps)
        g = bn.weight / std
        with torch.no_grad():
            dst.weight.copy_(src.weight * g.reshape(-1, 1, 1, 1))
            dst.bias.copy_(bn.bias - bn.running_mean * g)
        dst.weight_fake_quant.load_state_dict(
            src.weight_fake_quant.state_dict())
    # Activation fake-quants, matched by name.
    src_fq = dict(qat_cnn.named_modules())
    for name, module in folded.named_modules():
        if name.endswith("activation_post_process") and name in src_fq:
            module.load_state_dict(src_fq[name].state_dict())
    folded.fc.load_state_dict(qat_cnn.fc.state_dict())
    folded.apply(torch.ao.quantization.disable_observer)
    return folded.eval()


def to_int8_container(model):
    """4-bit weights as int8 for export: the weights are replaced by their
    4-bit fake-quantized values and the fake-quant's range widened to
    [-128, 127] with the same scale, so the exported QuantizeLinear ->
    DequantizeLinear computes the same values."""
    for module in model.modules():
        fq = getattr(module, "weight_fake_quant", None)
        if fq is None or fq.activation_post_process.quant_max != 7:
            continue
        with torch.no_grad():
            module.weight.copy_(fq(module.weight))
        fq.activation_post_process.quant_min = -128
        fq.activation_post_process.quant_max = 127


def make(name, train, test, out):
    cls = MODELS[name]
    shape = getattr(cls, "shape", (1, 8, 8))
    torch.manual_seed(0)
    model = cls()
    train = (train[0].reshape(-1, *shape), train[1])
    fit(model, train, epochs=12, lr=3e-3, probabilities=False)
    model.eval()
    x_test = test[0].reshape(-1, *shape)
    example = (x_test[:1],)
    if getattr(cls, "fx", False):
        qat = prepare_qat_fx(model.train(), fx_qconfig_mapping(), example)
    else:
        model.qconfig = getattr(cls, "qconfig", QCONFIG)
        fuse_modules_qat(model.train(), model.fuse, inplace=True)
        qat = prepare_qat(model, inplace=False)
    fit(qat, train, epochs=4, lr=5e-4, probabilities=False)
    qat.apply(torch.ao.quantization.disable_observer)
    qat.apply(torch.nn.intrinsic.qat.freeze_bn_stats)
    qat.eval()
    with torch.no_grad():
        fake = qat(x_test).numpy()
        qat.apply(torch.ao.quantization.disable_fake_quant)
        flt = qat(x_test).numpy()
        qat.apply(torch.ao.quantization.enable_fake_quant)
        torch.backends.quantized.engine = "onednn"
        int8 = (convert_fx(_copy(qat)) if getattr(cls, "fx", False)
                else convert(_copy(qat).eval(), inplace=False))
        torch_int8 = int8(x_test).numpy()

    exports = [(name, qat)]
    if name == "cnn":
        exports.append(("cnn_folded", fold_cnn(qat)))
    for export_name, m in exports:
        to_int8_container(m)
        with torch.no_grad():
            got = m(x_test).numpy()
        assert np.array_equal(got, fake), f"{export_name}: export form differs"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(m, example, str(out / f"{export_name}.onnx"),
                              opset_version=13, input_names=["input"],
                              output_names=["scores"])
        np.save(out / f"{export_name}.float.npy", flt)
        np.save(out / f"{export_name}.fakequant.npy", fake)
        np.save(out / f"{export_name}.torch_int8.npy", torch_int8)
        acc = lambda y: (y.argmax(1) == test[1].numpy()).mean() * 100
        print(f"{export_name}: float {acc(flt):.2f}%, fake-quant "
              f"{acc(fake):.2f}%, torch int8 {acc(torch_int8):.2f}%")


def _copy(model):
    import copy
    return copy.deepcopy(model)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", choices=sorted(MODELS))
    ap.add_argument("--out", type=pathlib.Path, default=HERE / "models")
    a = ap.parse_args()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    a.out.mkdir(parents=True, exist_ok=True)
    train, test, _, _ = data()
    for name in a.only or MODELS:
        make(name, train, test, a.out)


if __name__ == "__main__":
    main()
