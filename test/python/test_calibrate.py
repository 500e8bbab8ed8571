# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""qat.calibrate: post-training quantization through qat's own path."""
import re

import numpy as np
import pytest

import qat
from conftest import ROOT

FLOAT_FC = ROOT / "test" / "Compiler" / "Inputs" / "float_fc.mlir"


def fake_quants(text):
    return re.findall(r"qat\.fake_quant %\S+ \{([^}]*)\}", text)


def test_minmax_ranges_are_the_observed_ones():
    # Samples [1, 2] and [-1, 0.5]: the input spans [-1, 2]; relu(W x + b)
    # gives [5.5, 1] and [0.5, 0]: [0, 5.5]. Weights per output channel:
    # max |row| = 2 and 3, symmetric, narrow range.
    x = np.array([[1, 2], [-1, 0.5]], np.float32)
    model = qat.calibrate(FLOAT_FC, x)
    fqs = fake_quants(model.graph_text)
    assert "max = array<f64: 2.000000e+00>, min = array<f64: -1.000000e+00>" \
        in fqs[0]
    assert ("axis = 0 : i64, max = array<f64: 2.000000e+00, "
            "3.000000e+00>, min = array<f64: -2.000000e+00, "
            "-3.000000e+00>, narrow_range = true, num_bits = 8 : i64") \
        in fqs[1]
    assert "max = array<f64: 5.500000e+00>, min = array<f64: 0.000000e+00>" \
        in fqs[2]
    assert np.abs(model.run(x) - np.array([[5.5, 1], [0.5, 0]])).max() \
        <= 5.5 / 255 * 2


def test_options():
    x = np.array([[1, 2], [-1, 0.5]], np.float32)
    per_tensor = qat.calibrate(FLOAT_FC, x, per_channel=False, weight_bits=4)
    w = fake_quants(per_tensor.graph_text)[1]
    assert "axis" not in w and "num_bits = 4" in w
    assert "max = array<f64: 3.000000e+00>" in w
    def top(data, method):
        m = qat.calibrate(FLOAT_FC, np.stack([data, data], 1),
                          method=method)
        return float(re.search(r"max = array<f64: ([0-9.e+-]+)>",
                               fake_quants(m.graph_text)[0]).group(1))

    # Percentile drops the one outlier; minmax keeps it (so does MSE: one
    # value 99 away costs more than a coarser grid for the rest).
    outlier = np.concatenate([np.linspace(0, 1, 9999), [100.0]]).astype(
        np.float32)
    assert top(outlier, "minmax") == 100.0
    assert top(outlier, "percentile") == pytest.approx(1.0, abs=1e-3)
    # MSE picks the range of least error among shrunken minmax ranges; at
    # 8 bits a tail usually costs more clipped than the coarser grid costs,
    # so it rarely shrinks (never past minmax).
    rng = np.random.RandomState(0)
    tail = rng.laplace(size=20000).astype(np.float32)
    assert 0 < top(tail, "mse") <= top(tail, "minmax")


def test_errors():
    x = np.zeros((2, 2), np.float32)
    with pytest.raises(qat.CompileError, match="already fake-quantized"):
        qat.calibrate(ROOT / "examples" / "cnn.mlir",
                      np.zeros((2, 8, 8, 1), np.float32))
    with pytest.raises(qat.CompileError, match="must be minmax, percentile"):
        qat.calibrate(FLOAT_FC, x, method="kl")
    with pytest.raises(qat.CompileError, match="weight bits must be 2 to 8"):
        qat.calibrate(FLOAT_FC, x, weight_bits=9)
    with pytest.raises(qat.CompileError, match=r"must be float32 of shape "
                                               r"\[N, 2\]"):
        qat.calibrate(FLOAT_FC, np.zeros((2, 3), np.float32))


def test_float_pytorch_model(digits_nchw):
    torch = pytest.importorskip("torch")
    import torch.nn as nn
    images, labels = digits_nchw  # the model's own layout, as run takes it
    torch.manual_seed(0)
    net = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8),
                        nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                        nn.Linear(128, 10))
    with torch.no_grad():
        net(torch.rand(32, 1, 8, 8))  # batchnorm statistics
    net.eval()
    model = qat.calibrate(net, images[:64], example_input=torch.zeros(
        1, 1, 8, 8))
    assert "qat.conv2d" in model.graph_text
    with torch.no_grad():
        expected = net(torch.from_numpy(images))
    agree = (model.run(images).argmax(1) == expected.numpy().argmax(1))
    assert agree.mean() > 0.9
    report = model.report(images[:20], labels=labels[:20])
    assert report.layers[0].name == "input 0"
