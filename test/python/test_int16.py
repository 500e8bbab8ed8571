# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""int16 activations through the Python package: the option, int16 ports,
native runs against the interpreter, and 16-bit PyTorch fake-quants."""
import numpy as np
import pytest

import qat
from conftest import MODELS


def test_all_int16_ports_and_runs(digits_nchw):
    images, labels = digits_nchw
    model = qat.compile(MODELS / "cnn.onnx", int16_activations=["all"])
    (port,) = model.inputs
    assert port.dtype == np.int16 and port.zero_point == 0
    assert model.outputs[0].dtype == np.int16
    q = port.quantize(images)
    assert q.dtype == np.int16
    assert q.max() == 32767  # a white pixel is the top of the range
    native = model.run_int8(q)
    assert native.dtype == np.int16
    assert np.array_equal(native, model.interpret_int8(q))
    assert np.array_equal(model.run(images), model.interpret(images))
    # The same network, finer: it classifies the digits as the int8 one.
    int8 = qat.compile(MODELS / "cnn.onnx")
    agree = (model.run(images).argmax(1) == int8.run(images).argmax(1)).mean()
    assert agree >= 0.99


def test_one_int16_layer_keeps_int8_ports(digits_nchw):
    images, _ = digits_nchw
    model = qat.compile(MODELS / "cnn.onnx", int16_activations="/c2/Conv")
    assert model.inputs[0].dtype == np.int8
    assert model.outputs[0].dtype == np.int8
    assert "-> tensor<1x4x4x16xi16>" in model.qint_text
    assert np.array_equal(model.run(images), model.interpret(images))
    with pytest.raises(ValueError, match="must be int8, not int16"):
        model.run_int8(np.zeros((1, 1, 8, 8), np.int16))


def test_unknown_layer_names_the_candidates():
    with pytest.raises(qat.CompileError) as e:
        qat.compile(MODELS / "cnn.onnx", int16_activations=["/c9/Conv"])
    message = e.value.diagnostics[0].message
    assert message.startswith("no activation named '/c9/Conv' to make int16")
    assert "/c2/Conv, /c2/bn/BatchNormalization" in message


def test_pytorch_16bit_fake_quants_become_int16():
    torch = pytest.importorskip("torch")
    from torch.ao.quantization import (DeQuantStub, FakeQuantize,
                                       MovingAverageMinMaxObserver, QConfig,
                                       QuantStub, prepare_qat)

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.quant, self.dequant = QuantStub(), DeQuantStub()
            self.fc = torch.nn.Linear(4, 3)

        def forward(self, x):
            return self.dequant(self.fc(self.quant(x)))

    torch.manual_seed(0)
    net = Net()
    net.qconfig = QConfig(
        activation=FakeQuantize.with_args(
            observer=MovingAverageMinMaxObserver, quant_min=-32768,
            quant_max=32767, dtype=torch.qint32,
            qscheme=torch.per_tensor_symmetric),
        weight=torch.ao.quantization.default_weight_fake_quant)
    prepare_qat(net, inplace=True)
    x = torch.randn(64, 4)
    net(x)
    net.eval().apply(torch.ao.quantization.disable_observer)
    model = qat.compile(net, x[:1])
    assert model.inputs[0].dtype == np.int16
    assert model.outputs[0].dtype == np.int16
    with torch.no_grad():
        expected = net(x).numpy()
    got = model.run(x.numpy())
    # Within two output steps of PyTorch's fake-quant graph.
    assert np.abs(got - expected).max() <= 2 * model.outputs[0].scale
