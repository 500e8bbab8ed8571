# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""PyTorch QAT modules through qat.compile: eager and FX, the constructs
users write, warnings and refusals naming the module."""
import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch.ao.quantization import (DeQuantStub, QuantStub,  # noqa: E402
                                   disable_observer, fuse_modules_qat,
                                   get_default_qat_qconfig,
                                   get_default_qat_qconfig_mapping,
                                   prepare_qat)
from torch.ao.quantization.quantize_fx import prepare_qat_fx  # noqa: E402

import qat  # noqa: E402

torch.manual_seed(0)
EXAMPLE = torch.zeros(1, 1, 8, 8)


def calibrate(model, shape=(16, 1, 8, 8), steps=4):
    """A few forward passes so every observer has seen data, then frozen
    and in eval mode (what a user compiles)."""
    model.train()
    gen = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for _ in range(steps):
            model(torch.rand(shape, generator=gen))
    model.apply(disable_observer)
    return model.eval()


def check(model, compiled, batch, steps=2):
    """The imported graph is PyTorch's model within one output step (qat
    sums exactly, PyTorch in float32: a value within PyTorch's rounding
    error of a tie may round the other way); the int8 program stays within
    `steps` output steps of it."""
    with torch.no_grad():
        expected = model(batch).numpy()
    x = batch.numpy()   # the host API takes PyTorch's own layout
    scale = compiled.outputs[0].scale
    assert np.abs(compiled.interpret_graph(x) - expected).max() \
        <= scale * 1.001
    deviation = np.abs(compiled.run(x) - expected).max()
    assert deviation <= steps * scale + 1e-6


class FXConstructs(nn.Module):
    """What the issue lists for FX mode, in one network."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.conv1d = nn.Conv1d(8, 8, 3, padding=1)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = F.hardswish(self.bn(self.conv(x)))            # hardswish
        x = F.max_pool2d(x, 2)                            # functional pool
        x = F.pad(x, (1, 1, 1, 1))                        # F.pad
        x = F.avg_pool2d(x, 2)                            # functional pool
        x = self.conv1d(x.reshape(x.size(0), 8, -1))      # reshape, Conv1d
        x = x.view(x.size(0), 8, 3, 3)                    # view
        x = F.interpolate(x, scale_factor=2)              # upsample
        x = x * torch.sigmoid(x)                          # sigmoid
        x = torch.cat([x, x], 1)                          # torch.cat
        x = self.gap(x).flatten(1)                        # AdaptiveAvgPool2d
        return self.fc(x)


def test_fx_constructs():
    model = calibrate(prepare_qat_fx(
        FXConstructs(), get_default_qat_qconfig_mapping("onednn"),
        (EXAMPLE,)))
    with warnings.catch_warnings():
        warnings.simplefilter("error", qat.QatWarning)
        compiled = qat.compile(model, EXAMPLE)
    assert compiled.name == "GraphModule"
    check(model, compiled, torch.rand(8, 1, 8, 8))


class Eager(nn.Module):
    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.conv, self.bn, self.relu = (nn.Conv2d(1, 8, 3, padding=1),
                                         nn.BatchNorm2d(8), nn.ReLU())
        self.hs = nn.Hardswish()
        self.pool = nn.MaxPool2d(2)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        x = self.pool(self.hs(self.relu(self.bn(self.conv(self.quant(x))))))
        return self.dequant(self.fc(torch.flatten(self.gap(x), 1)))


def eager_model(qconfig="onednn"):
    model = Eager().train()
    model.qconfig = get_default_qat_qconfig(qconfig)
    fuse_modules_qat(model, [["conv", "bn", "relu"]], inplace=True)
    return prepare_qat(model)


def test_eager_constructs():
    model = calibrate(eager_model())
    compiled = qat.compile(model, EXAMPLE)
    check(model, compiled, torch.rand(8, 1, 8, 8))


def test_reduce_range_activations():
    # fbgemm's default quantizes activations to [0, 127]: QuantizeLinear ->
    # Clip -> DequantizeLinear in ONNX.
    model = calibrate(eager_model("fbgemm"))
    check(model, qat.compile(model, EXAMPLE), torch.rand(8, 1, 8, 8))


def test_narrow_weight_ranges_are_stored_exactly():
    from torch.ao.quantization import (FakeQuantize, MovingAverageMinMaxObserver,
                                       MovingAveragePerChannelMinMaxObserver,
                                       QConfig)
    for qmin, qmax, per_channel in ((-127, 127, True), (-8, 7, False)):
        observer = (MovingAveragePerChannelMinMaxObserver if per_channel
                    else MovingAverageMinMaxObserver)
        scheme = (torch.per_channel_symmetric if per_channel
                  else torch.per_tensor_symmetric)
        model = Eager().train()
        model.qconfig = QConfig(
            activation=FakeQuantize.with_args(
                observer=MovingAverageMinMaxObserver, quant_min=0,
                quant_max=255, dtype=torch.quint8),
            weight=FakeQuantize.with_args(
                observer=observer, quant_min=qmin, quant_max=qmax,
                dtype=torch.qint8, qscheme=scheme))
        fuse_modules_qat(model, [["conv", "bn", "relu"]], inplace=True)
        model = calibrate(prepare_qat(model))
        compiled = qat.compile(model, EXAMPLE)
        check(model, compiled, torch.rand(8, 1, 8, 8))


def test_training_mode_and_observers_warn_and_leave_the_model_alone():
    model = eager_model().train()
    with torch.no_grad():
        model(torch.rand(4, 1, 8, 8))
    before = {k: v.clone() for k, v in model.state_dict().items()}
    with pytest.warns(qat.QatWarning) as record:
        qat.compile(model, EXAMPLE)
    messages = [str(w.message) for w in record]
    assert any("module 'conv.bn' is in training mode" in m
               for m in messages), messages
    assert any("module 'quant.activation_post_process' still has its "
               "observer enabled" in m for m in messages), messages
    after = model.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)
    assert model.training


def test_refusals_name_the_module():
    with pytest.raises(qat.CompileError, match="needs example_input"):
        qat.compile(calibrate(eager_model()))
    with pytest.raises(qat.CompileError, match="has no fake-quant modules"):
        qat.compile(nn.Linear(4, 2), torch.zeros(1, 4))

    model = calibrate(eager_model())
    model.apply(torch.ao.quantization.disable_fake_quant)
    with pytest.raises(qat.CompileError,
                       match="module 'quant.activation_post_process' has "
                             "fake quantization disabled"):
        qat.compile(model, EXAMPLE)

    class Gelu(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(4, 4)
            self.act = nn.GELU()

        def forward(self, x):
            return self.act(self.fc(x))
    model = calibrate(prepare_qat_fx(
        Gelu(), get_default_qat_qconfig_mapping("onednn"),
        (torch.zeros(1, 4),)), shape=(8, 4))
    # GELU imports (one table, fused from PyTorch's Erf chain), but FX
    # leaves its output unobserved: the refusal names the module and says
    # so.
    with pytest.raises(qat.CompileError) as e:
        qat.compile(model, torch.zeros(1, 4))
    assert "module 'act'" in str(e.value), str(e.value)
    assert "this module's output is not observed" in str(e.value), \
        str(e.value)


def test_trained_model_keeps_its_accuracy(digits):
    """A QAT model trained briefly on the digits: compiled, it classifies
    the held-out digits as its fake-quant model does."""
    images, labels = digits
    from sklearn.datasets import load_digits
    data = load_digits()
    x = torch.from_numpy(data.images[:1000].astype(np.float32)[:, None] / 16)
    y = torch.from_numpy(data.target[:1000]).long()
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.quant, self.dequant = QuantStub(), DeQuantStub()
            self.conv, self.bn, self.relu = (nn.Conv2d(1, 8, 3, padding=1),
                                             nn.BatchNorm2d(8), nn.ReLU())
            self.pool, self.fc = nn.MaxPool2d(2), nn.Linear(128, 10)

        def forward(self, x):
            x = self.pool(self.relu(self.bn(self.conv(self.quant(x)))))
            return self.dequant(self.fc(torch.flatten(x, 1)))

    torch.manual_seed(0)
    model = Net().train()
    model.qconfig = get_default_qat_qconfig("onednn")
    fuse_modules_qat(model, [["conv", "bn", "relu"]], inplace=True)
    model = prepare_qat(model)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    gen = torch.Generator().manual_seed(0)
    for _ in range(6):
        for idx in torch.randperm(len(x), generator=gen).split(32):
            opt.zero_grad()
            F.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
    model.apply(disable_observer)
    model.apply(torch.nn.intrinsic.qat.freeze_bn_stats)
    model.eval()
    compiled = qat.compile(model, EXAMPLE)
    test = torch.from_numpy(images.transpose(0, 3, 1, 2))
    with torch.no_grad():
        fake = model(test).numpy()
    fake_accuracy = (fake.argmax(1) == labels).mean()
    compiled_accuracy = (compiled.run(test.numpy()).argmax(1) == labels).mean()
    assert fake_accuracy > 0.8
    assert abs(compiled_accuracy - fake_accuracy) <= 0.005
