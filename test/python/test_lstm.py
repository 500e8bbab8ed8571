# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""qat.nn.LSTM: PyTorch QAT of an LSTM on the integer LSTM's grids, and its
compilation to qint.lstm through the ONNX export."""
import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("onnx")

import qat  # noqa: E402
import qat.nn  # noqa: E402
from qat import _torch  # noqa: E402


class Reader(torch.nn.Module):
    def __init__(self, batch_first, units=6, features=5):
        super().__init__()
        self.batch_first = batch_first
        self.quant = torch.ao.quantization.QuantStub()
        self.lstm = qat.nn.LSTM(features, units, batch_first=batch_first)
        self.fc = torch.nn.Linear(units, 3)
        self.dequant = torch.ao.quantization.DeQuantStub()

    def forward(self, x):
        y, (h, _) = self.lstm(self.quant(x))
        last = y[:, -1] if self.batch_first else y[-1]
        return self.dequant(self.fc(last))


def trained(batch_first):
    torch.manual_seed(0)
    model = Reader(batch_first)
    model.qconfig = torch.ao.quantization.get_default_qat_qconfig("fbgemm")
    model.train()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.ao.quantization.prepare_qat(model, inplace=True)
    shape = (4, 7, 5) if batch_first else (7, 4, 5)
    x = torch.randn(*shape)
    for _ in range(4):
        model(x)
    model.apply(torch.ao.quantization.disable_observer)
    return model.eval()


def test_from_float_keeps_the_weights():
    lstm = torch.nn.LSTM(5, 6, batch_first=True)
    q = qat.nn.LSTM.from_float(lstm)
    for name, value in lstm.state_dict().items():
        assert torch.equal(q.state_dict()[name], value)
    assert q.batch_first
    with pytest.raises(ValueError, match="single-layer"):
        qat.nn.LSTM.from_float(torch.nn.LSTM(5, 6, num_layers=2))


def test_initial_state_shape_is_checked():
    q = qat.nn.LSTM(5, 6)
    x = torch.zeros(3, 2, 5)
    with pytest.raises(ValueError, match=r"expected \(1, 2, 6\)"):
        q(x, (torch.zeros(1, 1, 6), torch.zeros(1, 1, 6)))
    with pytest.raises(ValueError, match="pair"):
        q(x, torch.zeros(1, 2, 6))
    with pytest.raises(ValueError, match=r"expected \(1, 2, 6\)"):
        qat.nn.GRU(5, 6, batch_first=False)(x, torch.zeros(2, 6))


def test_initial_state_changes_the_sequence():
    torch.manual_seed(3)
    q = qat.nn.LSTM(5, 6)
    x = torch.randn(3, 2, 5)
    q(x)  # observes the hidden state's range
    q.apply(torch.ao.quantization.disable_observer)
    q.eval()
    h0, c0 = torch.full((1, 2, 6), 0.5), torch.full((1, 2, 6), -1.0)
    with torch.no_grad():
        zero, _ = q(x)
        same, _ = q(x, (torch.zeros(1, 2, 6), torch.zeros(1, 2, 6)))
        started, _ = q(x, (h0, c0))
    assert torch.equal(zero, same)
    assert not torch.equal(zero[0], started[0])


def test_cell_scale_is_observed_in_training():
    q = qat.nn.LSTM(5, 6)
    assert int(q.cell_scale_power) == -11
    q.train()
    q(torch.randn(9, 2, 5) * 4)
    power = int(q.cell_scale_power)
    biggest = float(q.cell_abs_max)
    assert biggest > 0
    # The smallest power of two whose int16 range holds the largest |cell|.
    assert 2.0 ** power * 32768 >= biggest > 2.0 ** (power - 1) * 32768


def test_compiled_equals_fake_quant():
    model = trained(batch_first=True)
    compiled = qat.compile(model, example_input=torch.zeros(1, 7, 5))
    step = compiled.outputs[0].scale
    torch.manual_seed(1)
    x = torch.randn(16, 7, 5)
    with torch.no_grad():
        expected = model(x).numpy()
    got = compiled.run(x.numpy())
    assert got.shape == (16, 3)
    # The integer LSTM's table sigmoid and tanh round differently from
    # PyTorch's float ones only across a step.
    assert np.abs(got - expected).max() <= step * 1.001
    assert (got.argmax(1) == expected.argmax(1)).mean() >= 0.9


def test_time_major_is_refused_by_compile():
    # Python's batches are the first dimension; a time-major model's first
    # dimension is time.
    model = trained(batch_first=False)
    with pytest.raises(qat.CompileError, match="batch_first=True"):
        qat.compile(model, example_input=torch.zeros(7, 1, 5))


def test_export_states_the_cell_scale():
    import onnx
    model = trained(True)
    data = _torch.to_onnx(model, torch.zeros(1, 7, 5))
    proto = onnx.load_from_string(data)
    lstm = [n for n in proto.graph.node if n.op_type == "LSTM"]
    assert len(lstm) == 1
    entries = {p.key: p.value for p in proto.metadata_props}
    key = f"qat.lstm.cell_scale_power.{lstm[0].name}"
    assert entries[key] == str(int(model.lstm.cell_scale_power))


class GruReader(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.quant = torch.ao.quantization.QuantStub()
        self.gru = qat.nn.GRU(5, 6, batch_first=True)
        self.fc = torch.nn.Linear(6, 3)
        self.dequant = torch.ao.quantization.DeQuantStub()

    def forward(self, x):
        y, _ = self.gru(self.quant(x))
        return self.dequant(self.fc(y[:, -1]))


def test_gru_from_float_and_compiled_equals_fake_quant():
    gru = torch.nn.GRU(5, 6, batch_first=True)
    q = qat.nn.GRU.from_float(gru)
    for name, value in gru.state_dict().items():
        assert torch.equal(q.state_dict()[name], value)
    torch.manual_seed(0)
    model = GruReader()
    model.qconfig = torch.ao.quantization.get_default_qat_qconfig("fbgemm")
    model.train()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.ao.quantization.prepare_qat(model, inplace=True)
    x = torch.randn(16, 7, 5)
    for _ in range(4):
        model(x)
    model.apply(torch.ao.quantization.disable_observer)
    model.eval()
    compiled = qat.compile(model, example_input=x[:1])
    with torch.no_grad():
        expected = model(x).numpy()
    got = compiled.run(x.numpy())
    assert np.abs(got - expected).max() <= compiled.outputs[0].scale * 1.001


class Seeded(torch.nn.Module):
    """A recurrent layer whose initial state is computed from the
    sequence's first step (an encoder's summary, say): activations on grids
    of their own, which the compiled program requantizes onto the layer's
    state grids."""

    def __init__(self, gru):
        super().__init__()
        self.gru = gru
        self.quant = torch.ao.quantization.QuantStub()
        self.h_init = torch.nn.Linear(5, 6)
        self.c_init = torch.nn.Linear(5, 6)
        self.layer = (qat.nn.GRU(5, 6, batch_first=True) if gru
                      else qat.nn.LSTM(5, 6, batch_first=True))
        self.fc = torch.nn.Linear(6, 3)
        self.dequant = torch.ao.quantization.DeQuantStub()

    def forward(self, x):
        x = self.quant(x)
        first = x[:, 0]
        h0 = self.h_init(first).unsqueeze(0)
        if self.gru:
            y, _ = self.layer(x, h0)
        else:
            y, _ = self.layer(x, (h0, self.c_init(first).unsqueeze(0)))
        return self.dequant(self.fc(y[:, -1]))


@pytest.mark.parametrize("gru", [False, True])
def test_initial_state_compiled_equals_fake_quant(gru):
    torch.manual_seed(2)
    model = Seeded(gru)
    model.qconfig = torch.ao.quantization.get_default_qat_qconfig("fbgemm")
    model.train()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.ao.quantization.prepare_qat(model, inplace=True)
    x = torch.randn(16, 7, 5)
    for _ in range(4):
        model(x)
    model.apply(torch.ao.quantization.disable_observer)
    model.eval()
    import onnx
    proto = onnx.load_from_string(_torch.to_onnx(model, x[:1]))
    node = [n for n in proto.graph.node if n.op_type in ("LSTM", "GRU")][0]
    # X, W, R, B, no sequence_lens, initial_h (and initial_c).
    assert len(node.input) == (6 if gru else 7) and node.input[4] == ""
    compiled = qat.compile(model, example_input=x[:1])
    with torch.no_grad():
        expected = model(x).numpy()
    got = compiled.run(x.numpy())
    # Requantizing the initial state rounds once more than the fake-quant
    # graph does: within one output step, like the gates' tables.
    assert np.abs(got - expected).max() <= compiled.outputs[0].scale * 1.001
