# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""An attention head from PyTorch eager-mode QAT: torch.matmul and
torch.bmm between activations compile to qint.batch_matmul, the score
scaling folds into the product's multiplier, nn.Linear on a sequence keeps
its per-channel weights."""
import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")
onnx = pytest.importorskip("onnx")

import qat  # noqa: E402
from qat import _torch  # noqa: E402


class Head(torch.nn.Module):
    """softmax(Q K^T / sqrt(d)) V over 6 tokens of 8 features; the last
    token's output classified. A product of two activations has no module
    to observe it in eager mode: a QuantStub after it is its fake-quant."""

    def __init__(self, d=8, w=8, pool="last"):
        super().__init__()
        self.pool = pool
        self.quant = torch.ao.quantization.QuantStub()
        self.q = torch.nn.Linear(d, w)
        self.k = torch.nn.Linear(d, w)
        self.v = torch.nn.Linear(d, w)
        self.scores = torch.ao.quantization.QuantStub()
        self.softmax = torch.nn.Softmax(dim=-1)
        self.weights = torch.ao.quantization.QuantStub()
        self.mixed = torch.ao.quantization.QuantStub()
        self.fc = torch.nn.Linear(w, 3)
        self.dequant = torch.ao.quantization.DeQuantStub()
        self.scale = 1.0 / w ** 0.5

    def forward(self, x):
        x = self.quant(x)
        s = self.scores(torch.matmul(self.q(x), self.k(x).transpose(-2, -1))
                        * self.scale)
        a = self.weights(self.softmax(s))
        o = self.mixed(torch.bmm(a, self.v(x)))
        # The last position, or the mean over the positions.
        summary = o[:, -1] if self.pool == "last" else o.mean(dim=1)
        return self.dequant(self.fc(summary))


def fake_quantized(model, *shape):
    """`model` prepared with fbgemm's default QAT qconfig, its observers
    run on a random batch of `shape` and frozen; the model in eval mode and
    the batch."""
    model.qconfig = torch.ao.quantization.get_default_qat_qconfig("fbgemm")
    model.train()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.ao.quantization.prepare_qat(model, inplace=True)
    x = torch.randn(*shape)
    for _ in range(4):
        model(x)
    model.apply(torch.ao.quantization.disable_observer)
    return model.eval(), x


def trained(pool="last"):
    torch.manual_seed(0)
    return fake_quantized(Head(pool=pool), 16, 6, 8)


def test_export_is_two_products_of_activations():
    model, x = trained()
    proto = onnx.load_from_string(_torch.to_onnx(model, x[:1]))
    # Three Linear layers on the sequence and the two products.
    assert len([n for n in proto.graph.node if n.op_type == "MatMul"]) == 5


@pytest.mark.parametrize("pool", ["last", "mean"])
def test_compiled_equals_fake_quant(pool):
    model, x = trained(pool)
    compiled = qat.compile(model, example_input=x[:1])
    text = compiled.qint_text
    assert text.count("qint.batch_matmul") == 2
    # K^T is read transposed by the kernel, not transposed.
    assert "adj_y = true" in text
    with torch.no_grad():
        expected = model(x).numpy()
    got = compiled.run(x.numpy())
    assert got.shape == (16, 3)
    assert np.abs(got - expected).max() <= compiled.outputs[0].scale * 1.001
    assert (got.argmax(1) == expected.argmax(1)).mean() == 1.0


class Mlp(torch.nn.Module):
    """A transformer block's MLP: Linear, GELU (observed by a QuantStub),
    Linear. PyTorch 1.13 exports nn.GELU as an Erf chain."""

    def __init__(self):
        super().__init__()
        self.quant = torch.ao.quantization.QuantStub()
        self.fc1 = torch.nn.Linear(8, 16)
        self.gelu = torch.nn.GELU()
        self.observed = torch.ao.quantization.QuantStub()
        self.fc2 = torch.nn.Linear(16, 3)
        self.dequant = torch.ao.quantization.DeQuantStub()

    def forward(self, x):
        return self.dequant(self.fc2(self.observed(self.gelu(
            self.fc1(self.quant(x))))))


def test_gelu_compiles_as_one_table():
    torch.manual_seed(0)
    model, x = fake_quantized(Mlp(), 32, 8)
    compiled = qat.compile(model, example_input=x[:1])
    assert compiled.graph_text.count("qat.pointwise gelu") == 1
    with torch.no_grad():
        expected = model(x).numpy()
    got = compiled.run(x.numpy())
    assert np.abs(got - expected).max() <= compiled.outputs[0].scale * 1.001
    assert (got.argmax(1) == expected.argmax(1)).mean() == 1.0


class Normed(torch.nn.Module):
    """Linear, nn.LayerNorm (observed by a QuantStub), the last position
    classified: PyTorch 1.13 exports the norm as a chain of nine ops."""

    def __init__(self):
        super().__init__()
        self.quant = torch.ao.quantization.QuantStub()
        self.fc1 = torch.nn.Linear(8, 16)
        self.norm = torch.nn.LayerNorm(16)
        self.observed = torch.ao.quantization.QuantStub()
        self.fc2 = torch.nn.Linear(16, 3)
        self.dequant = torch.ao.quantization.DeQuantStub()

    def forward(self, x):
        y = self.observed(self.norm(self.fc1(self.quant(x))))
        return self.dequant(self.fc2(y[:, -1]))


def test_layer_norm_compiles_to_the_integer_layer_norm():
    torch.manual_seed(0)
    model = Normed()
    with torch.no_grad():
        model.norm.weight.uniform_(0.5, 1.5)
        model.norm.bias.uniform_(-0.2, 0.2)
    model, x = fake_quantized(model, 32, 6, 8)
    compiled = qat.compile(model, example_input=x[:1])
    assert compiled.qint_text.count("qint.layer_norm") == 1
    with torch.no_grad():
        expected = model(x).numpy()
    got = compiled.run(x.numpy())
    assert np.abs(got - expected).max() <= compiled.outputs[0].scale * 1.001
    assert (got.argmax(1) == expected.argmax(1)).mean() == 1.0


def test_report_counts_a_sequence_layers_weights_and_macs():
    # nn.Linear on a [batch, tokens, features] sequence runs on its rows
    # (a reshape each side); its report row still counts the layer.
    model, x = trained()
    report = qat.compile(model, example_input=x[:1]).report(x.numpy())
    q = next(layer for layer in report.layers
             if layer.name.startswith("q ") and layer.op == "fully_connected")
    # 6 tokens x 8 inputs x 8 outputs; 64 int8 weights and 8 int32 biases.
    assert (q.macs, q.weight_bytes) == (384, 96)


class Positions(torch.nn.Module):
    """Tokens plus a learned position embedding; `observed` puts the
    embedding through a QuantStub, as eager-mode QAT needs."""

    def __init__(self, observed):
        super().__init__()
        self.observed = observed
        self.quant = torch.ao.quantization.QuantStub()
        self.fc = torch.nn.Linear(8, 8)
        self.position = torch.nn.Parameter(0.1 * torch.randn(1, 6, 8))
        self.position_quant = torch.ao.quantization.QuantStub()
        self.add = torch.ao.nn.quantized.FloatFunctional()
        self.head = torch.nn.Linear(8, 3)
        self.dequant = torch.ao.quantization.DeQuantStub()

    def forward(self, x):
        p = self.position_quant(self.position) if self.observed \
            else self.position
        y = self.add.add(self.fc(self.quant(x)), p)
        return self.dequant(self.head(y[:, -1]))


def prepared_positions(observed):
    torch.manual_seed(0)
    return fake_quantized(Positions(observed), 16, 6, 8)


def test_position_embedding_through_a_quant_stub_compiles():
    model, x = prepared_positions(observed=True)
    compiled = qat.compile(model, example_input=x[:1])
    with torch.no_grad():
        expected = model(x).numpy()
    got = compiled.run(x.numpy())
    assert np.abs(got - expected).max() <= compiled.outputs[0].scale * 1.001


def test_unobserved_position_embedding_names_the_fix():
    model, x = prepared_positions(observed=False)
    with pytest.raises(qat.CompileError) as error:
        qat.compile(model, example_input=x[:1])
    message = str(error.value)
    assert "is a constant without quantization parameters" in message
    assert "pass it through a QuantStub" in message
