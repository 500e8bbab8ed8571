# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""PyTorch's default QAT qconfigs and the constructs of torchvision's
quantizable models (channel shuffle, chunk, squeeze-and-excitation, pools
in ceil mode), through qat.compile."""
import re
import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch.ao.quantization import (DeQuantStub, QuantStub,  # noqa: E402
                                   disable_observer, fuse_modules_qat,
                                   get_default_qat_qconfig, prepare_qat)

import qat  # noqa: E402


def calibrate(model, shape, steps=4):
    model.train()
    gen = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for _ in range(steps):
            model(torch.randn(shape, generator=gen))
    model.apply(disable_observer)
    return model.eval()


def agrees_with_pytorch(compiled, x, expected):
    """The graph within one output step of PyTorch's fake-quant model, the
    int8 program within two and equal to the interpreter's."""
    scale = compiled.outputs[0].scale
    assert np.abs(compiled.interpret_graph(x) - expected).max() \
        <= scale * 1.001
    program = compiled.run(x)
    assert np.array_equal(program, compiled.interpret(x))
    assert np.abs(program - expected).max() <= 2 * scale * 1.001


class Blocks(nn.Module):
    """ShuffleNet's chunk and channel shuffle, a split, MobileNetV3's
    squeeze-and-excitation gate, GoogLeNet's ceil-mode pools, written as
    torchvision's quantizable models are (eager mode, FloatFunctional for
    cat and mul)."""

    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU())
        self.branch = nn.Sequential(nn.Conv2d(4, 4, 1), nn.ReLU())
        self.cat = nn.quantized.FloatFunctional()
        self.rotate = nn.quantized.FloatFunctional()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.se_fc = nn.Conv2d(8, 8, 1)
        self.gate = nn.Hardsigmoid()
        self.mul = nn.quantized.FloatFunctional()
        self.head = nn.Conv2d(8, 4, 1)

    def forward(self, x):
        x = self.stem(self.quant(x))                          # [N, 8, 9, 9]
        a, b = x.chunk(2, dim=1)                              # Slice
        x = self.cat.cat([a, self.branch(b)], 1)
        n, c, h, w = x.shape
        x = x.view(n, 2, c // 2, h, w).transpose(1, 2)        # shuffle
        x = x.reshape(n, c, h, w)
        first, rest = torch.split(x, [3, 5], dim=1)           # Split
        x = self.rotate.cat([rest, first], 1)
        x = self.mul.mul(x, self.gate(self.se_fc(self.pool(x))))
        x = F.max_pool2d(x, 2, ceil_mode=True)                # 9 -> 5
        x = F.avg_pool2d(self.head(x), 2, ceil_mode=True)     # 5 -> 3
        return self.dequant(x)


@pytest.mark.parametrize("backend", ["fbgemm", "qnnpack", "onednn", "x86"])
def test_torchvision_constructs_with_default_qconfig(backend):
    torch.manual_seed(0)
    model = Blocks().train()
    model.qconfig = get_default_qat_qconfig(backend)
    fuse_modules_qat(model, [["stem.0", "stem.1"], ["branch.0", "branch.1"]],
                     inplace=True)
    model = calibrate(prepare_qat(model), (16, 3, 9, 9))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qat.QatWarning)
        compiled = qat.compile(model, torch.zeros(1, 3, 9, 9))
    assert compiled.outputs[0].shape == (1, 3, 3, 4)
    batch = torch.randn(8, 3, 9, 9, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        expected = model(batch).numpy()
    x = batch.numpy()
    agrees_with_pytorch(compiled, x, expected)
    text = compiled.graph_text
    assert "qat.slice" in text and "qat.transpose" in text


class OneSigned(nn.Module):
    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.conv = nn.Conv2d(2, 3, 3)
        with torch.no_grad():
            self.conv.weight[1] = self.conv.weight[1].abs() + 0.01
            self.conv.weight[2] = -self.conv.weight[2].abs() - 0.01

    def forward(self, x):
        return self.dequant(self.conv(self.quant(x)))


def test_one_signed_weight_channels_are_quantized_as_convert_does():
    torch.manual_seed(0)
    model = OneSigned().train()
    model.qconfig = get_default_qat_qconfig("fbgemm")
    model = calibrate(prepare_qat(model), (8, 2, 6, 6))
    fq = model.conv.weight_fake_quant
    # PyTorch's fused fake-quant: asymmetric for the one-signed channels.
    assert fq.zero_point.tolist() == [0, -128, 127]
    with pytest.warns(qat.QatWarning,
                      match=r"module 'conv' \(1 modules in all\) has weight "
                            r"channels that PyTorch's fused fake-quant "
                            r"quantized with zero point -128 or 127"):
        compiled = qat.compile(model, torch.zeros(1, 2, 6, 6))
    # The weights carry the parameters convert() uses: zero point 0 and the
    # observer's symmetric scales.
    scale, zero_point = fq.calculate_qparams()
    assert zero_point.tolist() == [0, 0, 0]
    weights = [line for line in compiled.graph_text.splitlines()
               if "qat.fake_quant" in line and "quant_min = -128" in line
               and "axis" in line]
    assert len(weights) == 1, compiled.graph_text
    got = re.search(r"scale = array<f64: ([^>]*)>", weights[0]).group(1)
    assert np.allclose([float(v) for v in got.split(",")],
                       scale.double().numpy(), rtol=1e-7)
    assert "zero_point = array<i64: 0, 0, 0>" in weights[0]
    # And so the compiled model computes what PyTorch's int8 model does.
    # QNNPACK computes in 32 bits (oneDNN saturates 16-bit pairs of the
    # reduced-range activations fbgemm's qconfig gives).
    torch.backends.quantized.engine = "qnnpack"
    int8 = torch.ao.quantization.convert(model)
    x = torch.randn(4, 2, 6, 6, generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        expected = int8(x).numpy()
    got = compiled.run(x.numpy())
    assert np.array_equal(got, expected)


def test_hand_export_of_a_fused_fake_quant_fails_inside_pytorch():
    # What docs/FromPyTorch.md says: PyTorch cannot export its default QAT
    # fake-quant to ONNX; qat.compile replaces it first.
    torch.manual_seed(0)
    model = OneSigned().train()
    model.qconfig = get_default_qat_qconfig("qnnpack")
    model = calibrate(prepare_qat(model), (8, 2, 6, 6))
    import io
    with pytest.raises(Exception, match="fused_moving_avg_obs_fake_quant"):
        torch.onnx.export(model, torch.zeros(1, 2, 6, 6), io.BytesIO(),
                          opset_version=13)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qat.QatWarning)
        assert qat.compile(model, torch.zeros(1, 2, 6, 6)).outputs[0].shape \
            == (1, 4, 4, 3)


def test_module_paths_from_onnx_node_names():
    from qat._torch import module_path
    assert module_path("/features/features.4/block/block.2/Mul") == \
        "features.4.block.2"
    assert module_path("/stage2/stage2.0/branch2/branch2.3/Conv") == \
        "stage2.0.branch2.3"
    assert module_path("/layer1/layer1.0/conv1/Conv") == "layer1.0.conv1"
    assert module_path("/Add") is None
    from qat._torch import layer_name
    assert layer_name("/c1/Conv, /c1/bn/BatchNormalization", "Net") == \
        "c1 (Conv), c1.bn (BatchNormalization)"
    assert layer_name("/Flatten", "Net") == "Net.forward (Flatten)"
    assert layer_name("input 0", "Net") == "input 0"


class Difference(nn.Module):
    def forward(self, a, b):
        return a - b


class NestedRefusal(nn.Module):
    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.stem = nn.Conv2d(1, 4, 3, padding=1)
        self.tail = nn.Sequential(nn.Identity(), Difference())

    def forward(self, x):
        x = self.stem(self.quant(x))
        return self.dequant(self.tail[1](x, F.relu(x)))


def refusal(model):
    """The diagnostics of compiling `model` (one 1x6x6 input) prepared with
    qnnpack's default QAT qconfig, which qat refuses."""
    torch.manual_seed(0)
    model.qconfig = get_default_qat_qconfig("qnnpack")
    model = calibrate(prepare_qat(model.train()), (4, 1, 6, 6))
    with pytest.raises(qat.CompileError) as e:
        qat.compile(model, torch.zeros(1, 1, 6, 6))
    return e.value.diagnostics


def test_refusals_name_the_pytorch_module():
    messages = [str(d) for d in refusal(NestedRefusal())]
    assert messages == ["NestedRefusal: error: module 'tail.1' (Sub): Sub of "
                        "two activations is not supported"], messages


class Sequence(nn.Module):
    """Linear layers at every position of a [N, T, F] sequence, and a
    batch/time transpose between them (FX mode, as attention blocks are
    written)."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(6, 8)
        self.mix = nn.Linear(5, 3)

    def forward(self, x):                                      # [N, 5, 6]
        x = F.relu(self.embed(x))                              # [N, 5, 8]
        return self.mix(x.transpose(1, 2))                     # [N, 8, 3]


def test_linear_layers_over_a_sequence():
    from torch.ao.quantization import get_default_qat_qconfig_mapping
    from torch.ao.quantization.quantize_fx import prepare_qat_fx
    torch.manual_seed(0)
    model = calibrate(prepare_qat_fx(
        Sequence(), get_default_qat_qconfig_mapping("qnnpack"),
        (torch.zeros(1, 5, 6),)), (16, 5, 6))
    compiled = qat.compile(model, torch.zeros(1, 5, 6))
    batch = torch.randn(8, 5, 6, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        expected = model(batch).numpy()
    # The device holds a 3-D input port as [N, 1, L, C] (channels last, as
    # ONNX's [N, C, L] of a 1-D convolution); the host API takes PyTorch's
    # [N, 5, 6]. The linear layer's output is [N, T, O].
    assert compiled.inputs[0].shape == (1, 1, 6, 5)
    assert compiled.inputs[0].host_shape == (1, 5, 6)
    assert compiled.outputs[0].shape == (1, 8, 3)
    agrees_with_pytorch(compiled, batch.numpy(), expected)


class Grouped(nn.Module):
    """ResNeXt's grouped 3x3 convolution (4 groups, batch norm and ReLU
    fused) between pointwise ones."""

    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.reduce = nn.Sequential(nn.Conv2d(3, 8, 1), nn.ReLU())
        self.grouped = nn.Sequential(
            nn.Conv2d(8, 16, 3, padding=1, groups=4, bias=False),
            nn.BatchNorm2d(16), nn.ReLU())
        self.expand = nn.Conv2d(16, 4, 1)

    def forward(self, x):
        x = self.grouped(self.reduce(self.quant(x)))
        return self.dequant(self.expand(x))


@pytest.mark.parametrize("backend", ["fbgemm", "qnnpack"])
def test_grouped_convolution(backend):
    torch.manual_seed(0)
    model = Grouped().train()
    model.qconfig = get_default_qat_qconfig(backend)
    fuse_modules_qat(model, [["reduce.0", "reduce.1"],
                             ["grouped.0", "grouped.1", "grouped.2"]],
                     inplace=True)
    model = calibrate(prepare_qat(model), (16, 3, 8, 8))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qat.QatWarning)
        compiled = qat.compile(model, torch.zeros(1, 3, 8, 8))
    assert compiled.graph_text.count("qat.conv2d") == 6
    batch = torch.randn(8, 3, 8, 8, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        expected = model(batch).numpy()
    x = batch.numpy()
    agrees_with_pytorch(compiled, x, expected)


class Unobserved(nn.Module):
    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.stem = nn.Conv2d(1, 4, 3, padding=1)
        self.add = nn.quantized.FloatFunctional()

    def forward(self, x):
        x = self.stem(self.quant(x))
        return self.dequant(self.add.add(x, -1.0 * F.relu(x)))


def test_refusals_say_what_to_change_in_pytorch():
    # -1.0 * relu(x): neither the factor nor the product is observed.
    first, second = refusal(Unobserved())[:2]
    assert first.location == "Unobserved.forward"
    assert first.message.startswith(
        "'qat.mul' op input 1 is a constant without quantization parameters")
    assert "pass it through a QuantStub (a number as a torch.tensor)" in \
        first.message
    assert second.message.startswith(
        "'qat.mul' op its result has no quantization parameters")
    assert "(in PyTorch: this module's output is not observed" in \
        second.message


class ConvThenRelu(nn.Module):
    """A convolution and a ReLU left unfused: each observed, the int8
    program computes both in the convolution."""

    def __init__(self):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.body = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU())
        self.fc = nn.Linear(8 * 6 * 6, 4)

    def forward(self, x):
        x = self.body(self.quant(x))
        return self.dequant(self.fc(torch.flatten(x, 1)))


def test_report_names_modules_and_compares_the_tensor_computed():
    model = ConvThenRelu()
    model.qconfig = get_default_qat_qconfig("fbgemm")
    prepare_qat(model.train(), inplace=True)
    calibrate(model, (8, 3, 6, 6))
    x = torch.randn(8, 3, 6, 6, generator=torch.Generator().manual_seed(1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compiled = qat.compile(model, x[:1])
    report = compiled.report(x.numpy())
    names = [l.name for l in report.layers]
    assert names == ["input 0", "body.0 (Conv)", "body.1 (Relu)",
                     "ConvThenRelu.forward (Flatten)", "fc (Gemm)"]
    assert "| body.1 (Relu) | relu |" in report.markdown
    conv, relu = report.layers[1], report.layers[2]
    # The convolution's int8 result is the ReLU's tensor (its clamp folded
    # in), compared with the ReLU's fake-quant values, not the
    # convolution's negative ones.
    assert not conv.has_int8
    assert relu.has_int8 and relu.max_deviation_steps <= 1
    assert relu.macs == 8 * 6 * 6 * 27
