# The PyTorch FX QAT exporter: every module and function it handles, checked
# against PyTorch with the NumPy reference, printed, and parsed by qat-opt.
# REQUIRES: torch
# RUN: %PYTHON %s > %t.mlir 2> %t.err
# RUN: FileCheck %s --input-file %t.mlir
# RUN: qat-opt %t.mlir --verify-roundtrip > /dev/null
# RUN: FileCheck %s --check-prefix=ERR --input-file %t.err

import sys
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import (FakeQuantize, MovingAverageMinMaxObserver,
                                   MovingAveragePerChannelMinMaxObserver,
                                   QConfig, QConfigMapping)
from torch.ao.quantization.quantize_fx import prepare_qat_fx

from qat import reference, torch_export

warnings.filterwarnings("ignore")
torch.manual_seed(0)
QCONFIG = QConfig(
    activation=FakeQuantize.with_args(observer=MovingAverageMinMaxObserver,
                                      quant_min=0, quant_max=255,
                                      dtype=torch.quint8),
    weight=FakeQuantize.with_args(observer=MovingAveragePerChannelMinMaxObserver,
                                  quant_min=-127, quant_max=127,
                                  dtype=torch.qint8,
                                  qscheme=torch.per_channel_symmetric))


class Everything(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)  # fused with bn
        self.bn = nn.BatchNorm2d(8)
        self.relu = nn.ReLU()
        self.dw = nn.Conv2d(8, 16, 3, padding=1, groups=8, bias=False)  # mult 2
        self.pw = nn.Conv2d(16, 8, 1)  # plain QAT conv with bias, no bn
        self.pool = nn.MaxPool2d(2)
        self.avg = nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
        self.fc = nn.Linear(8 * 2 * 2, 6)
        self.head = nn.Linear(8, 6)

    def forward(self, x):
        y = self.relu(self.bn(self.conv(x)))
        z = F.relu6(self.dw(y))
        z = self.pw(z) + y
        p = self.avg(self.pool(z))
        a = self.fc(torch.flatten(p, 1))
        b = self.head(p.mean((2, 3)))
        return F.softmax(a * b, dim=1)


x = torch.randn(1, 3, 8, 8)
model = prepare_qat_fx(Everything().train(), QConfigMapping().set_global(QCONFIG),
                       (x,))
for _ in range(3):
    model(torch.randn(4, 3, 8, 8))
model.apply(torch.ao.quantization.disable_observer)
model.eval()
graph = torch_export.export(model, (x,))
inputs = torch.randn(16, 1, 3, 8, 8)
with torch.no_grad():
    expected = np.concatenate([model(i).numpy() for i in inputs])
actual = np.concatenate([reference.evaluate(graph, i.numpy().transpose(0, 2, 3, 1))[0]
                         for i in inputs])
# The output is a float softmax (torch leaves it unquantized here), so
# compare in absolute terms: float summation order differs, and a flipped
# rounding in an inner fake_quant moves the output by well under 0.05.
error = float(np.abs(actual - expected).max())
assert error < 0.05, f"exported graph differs from PyTorch by {error}"
assert (actual.argmax(1) == expected.argmax(1)).mean() >= 0.9
print(graph.to_mlir())

# CHECK-LABEL: func.func @main(%arg0: tensor<1x8x8x3xf32>) -> (tensor<1x6xf32>)
# Input fake-quant: quint8, per tensor.
# CHECK: qat.fake_quant %arg0 {quant_max = 255, quant_min = 0, scale = array<f64: {{.*}}>, zero_point = array<i64: {{[0-9]+}}>} : tensor<1x8x8x3xf32>
# ConvBn: fake_quant(W * g) per output channel, conv without bias, * (1/g), + b, batch_norm.
# CHECK: %[[W:.*]] = qat.fake_quant %{{.*}} {axis = 0, quant_max = 127, quant_min = -127, {{.*}}} : tensor<8x3x3x3xf32>
# CHECK: %[[C:.*]] = qat.conv2d %{{.*}}, %[[W]] {pad = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x8x3xf32>, tensor<8x3x3x3xf32>) -> tensor<1x4x4x8xf32>
# CHECK: %[[S:.*]] = qat.mul %[[C]], %{{.*}} : (tensor<1x4x4x8xf32>, tensor<8xf32>)
# CHECK: %[[B:.*]] = qat.add %[[S]], %{{.*}} : (tensor<1x4x4x8xf32>, tensor<8xf32>)
# CHECK: %[[N:.*]] = qat.batch_norm %[[B]], {{.*}} {epsilon = 1.0e-05} : tensor<1x4x4x8xf32>, tensor<8xf32>
# CHECK: qat.relu %[[N]]
# Depthwise filter 1HWC, its per-channel axis moved to 3.
# CHECK: qat.fake_quant %{{.*}} {axis = 3, {{.*}}} : tensor<1x3x3x16xf32>
# CHECK: qat.depthwise_conv2d {{.*}} : (tensor<1x4x4x8xf32>, tensor<1x3x3x16xf32>) -> tensor<1x4x4x16xf32>
# CHECK: qat.relu6
# CHECK: qat.conv2d {{.*}} : (tensor<1x4x4x16xf32>, tensor<8x1x1x16xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
# CHECK: qat.add {{.*}} : (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
# CHECK: qat.max_pool2d {{.*}} {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x4x4x8xf32> -> tensor<1x2x2x8xf32>
# count_include_pad=False is qat's default, so it is not printed.
# CHECK: qat.avg_pool2d {{.*}} {kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x2x2x8xf32> -> tensor<1x2x2x8xf32>
# CHECK: qat.reshape {{.*}} : tensor<1x2x2x8xf32> -> tensor<1x32xf32>
# CHECK: qat.fully_connected {{.*}} : (tensor<1x32xf32>, tensor<6x32xf32>, tensor<6xf32>) -> tensor<1x6xf32>
# CHECK: qat.mean {{.*}} : tensor<1x2x2x8xf32> -> tensor<1x8xf32>
# CHECK: qat.fully_connected {{.*}} : (tensor<1x8xf32>, tensor<6x8xf32>, tensor<6xf32>) -> tensor<1x6xf32>
# CHECK: qat.mul {{.*}} : (tensor<1x6xf32>, tensor<1x6xf32>) -> tensor<1x6xf32>
# CHECK: qat.softmax {{.*}} : tensor<1x6xf32>


# Unsupported input is a clear error naming the node, not a wrong graph.
class Grouped(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, groups=2)

    def forward(self, x):
        return self.conv(x)


bad = prepare_qat_fx(Grouped().train(), QConfigMapping().set_global(QCONFIG),
                     (torch.randn(1, 4, 6, 6),))
try:
    torch_export.export(bad, (torch.randn(1, 4, 6, 6),))
    print("no error", file=sys.stderr)
except torch_export.ExportError as e:
    print(e, file=sys.stderr)
# ERR: %conv : [#users=1] = call_module[target=conv](args = (%activation_post_process_0,), kwargs = {}): grouped convolution (groups=2) is not supported: only groups=1 and depthwise
