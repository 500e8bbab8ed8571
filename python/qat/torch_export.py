"""Exports a PyTorch QAT model (torch.ao FX graph mode, `prepare_qat_fx`) to
a qat dialect function.

Layout: PyTorch activations are NCHW, qat's are NHWC; the exporter moves
every 4-D activation to NHWC, conv filters to OHWI, depthwise filters to
1HWC, and permutes the columns of a fully connected layer that reads a
flattened NCHW tensor, so the exported function computes what the PyTorch
model computes.

Fused ConvBn QAT modules are exported as training computes them in eval mode:
`batch_norm(conv(x, fake_quant(W * g)) * (1 / g) [+ b])` with
`g = gamma / sqrt(running_var + eps)`; qat-fold-batchnorm folds this form
without re-quantizing the weights.
"""
import operator

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from .ir import Enum, Graph

# qat's NHWC dimension order as PyTorch NCHW dimensions, and the inverse.
NCHW_TO_NHWC = (0, 2, 3, 1)
TORCH_DIM_TO_NHWC = {0: 0, 1: 3, 2: 1, 3: 2}


class ExportError(Exception):
    pass


class _Tensor:
    """A qat value and how its dimensions relate to PyTorch's."""

    def __init__(self, value, layout="plain", chw=None):
        self.value = value
        self.layout = layout  # "nhwc": a PyTorch NCHW tensor; "plain": same
        self.chw = chw  # (C, H, W) when the value flattens an NCHW tensor


def _np(t):
    return t.detach().cpu().numpy().astype(np.float32)


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def _fake_quant_attrs(fq, axis_map=None):
    """qat.fake_quant attributes (affine form) of a torch FakeQuantize."""
    scale = fq.scale.detach().cpu().numpy().astype(np.float32).reshape(-1)
    zp = fq.zero_point.detach().cpu().numpy().astype(np.int64).reshape(-1)
    attrs = dict(scale=[float(s) for s in scale], zero_point=[int(z) for z in zp],
                 quant_min=int(fq.quant_min), quant_max=int(fq.quant_max))
    if fq.qscheme in (torch.per_channel_affine, torch.per_channel_symmetric,
                      torch.per_channel_affine_float_qparams):
        axis = int(fq.ch_axis)
        attrs["axis"] = axis_map[axis] if axis_map else axis
    return attrs


class _Exporter:
    def __init__(self, gm, example_inputs):
        self.gm = gm
        self.graph = Graph()
        self.env = {}
        self.example_inputs = list(example_inputs)

    def fail(self, node, why):
        raise ExportError(f"{node.format_node()}: {why}")

    def get(self, node, arg):
        if not isinstance(arg, torch.fx.Node):
            self.fail(node, f"argument {arg!r} is not a tensor")
        return self.env[arg]

    # Emitters -------------------------------------------------------------

    def emit(self, kind, operands, shape, **attrs):
        return self.graph.op(kind, [o for o in operands], shape, **attrs)

    def fake_quant(self, node, t, fq):
        axis_map = TORCH_DIM_TO_NHWC if t.layout == "nhwc" else None
        attrs = _fake_quant_attrs(fq, axis_map)
        return _Tensor(self.emit("fake_quant", [t.value], t.value.shape, **attrs),
                       t.layout, t.chw)

    def conv(self, node, t, mod):
        if t.layout != "nhwc":
            self.fail(node, "convolution input is not a 4-D NCHW tensor")
        if getattr(mod, "padding_mode", "zeros") != "zeros":
            self.fail(node, f"padding_mode {mod.padding_mode} is not supported")
        weight = mod.weight
        bn = getattr(mod, "bn", None)
        if bn is not None:
            g = bn.weight / torch.sqrt(bn.running_var + bn.eps)
            weight = weight * g.reshape(-1, 1, 1, 1)
        w = _np(weight)
        groups = mod.groups
        in_ch = t.value.shape[3]
        if groups == 1:
            filt = w.transpose(0, 2, 3, 1)  # OIHW -> OHWI
            kind, axis_map = "conv2d", {0: 0}
        elif groups == in_ch and w.shape[1] == 1:
            filt = w.transpose(1, 2, 3, 0)  # (C*M)1HW -> 1HW(C*M)
            kind, axis_map = "depthwise_conv2d", {0: 3}
        else:
            self.fail(node, f"grouped convolution (groups={groups}) is not "
                            "supported: only groups=1 and depthwise")
        fw = self.graph.constant(filt)
        if hasattr(mod, "weight_fake_quant"):
            fw = self.emit("fake_quant", [fw], fw.shape,
                           **_fake_quant_attrs(mod.weight_fake_quant, axis_map))
        kh, kw = filt.shape[1:3]
        sh, sw = _pair(mod.stride)
        dh, dw = _pair(mod.dilation)
        if isinstance(mod.padding, str):
            if mod.padding == "valid":
                ph = pw = (0, 0)
            else:  # "same", stride 1: PyTorch puts the odd pixel after.
                th, tw = dh * (kh - 1), dw * (kw - 1)
                ph, pw = (th // 2, th - th // 2), (tw // 2, tw - tw // 2)
        else:
            p = _pair(mod.padding)
            ph, pw = (p[0], p[0]), (p[1], p[1])
        n, h, wd, _ = t.value.shape
        oh = (h + ph[0] + ph[1] - (dh * (kh - 1) + 1)) // sh + 1
        ow = (wd + pw[0] + pw[1] - (dw * (kw - 1) + 1)) // sw + 1
        out_ch = filt.shape[0] if kind == "conv2d" else filt.shape[3]
        operands = [t.value, fw]
        if bn is None and mod.bias is not None:
            operands.append(self.graph.constant(_np(mod.bias)))
        attrs = {}
        if (sh, sw) != (1, 1):
            attrs["strides"] = [sh, sw]
        if (dh, dw) != (1, 1):
            attrs["dilations"] = [dh, dw]
        if ph + pw != (0, 0, 0, 0):
            attrs["pad"] = [ph[0], ph[1], pw[0], pw[1]]
        shape = (n, oh, ow, out_ch)
        y = self.emit(kind, operands, shape, **attrs)
        if bn is not None:
            y = self.emit("mul", [y, self.graph.constant(_np(1.0 / g))], shape)
            if mod.bias is not None:
                y = self.emit("add", [y, self.graph.constant(_np(mod.bias))], shape)
            y = self.batch_norm(y, bn)
        return self.maybe_relu(mod, _Tensor(y, "nhwc"))

    def batch_norm(self, y, bn):
        params = [self.graph.constant(_np(p)) for p in
                  (bn.weight, bn.bias, bn.running_mean, bn.running_var)]
        return self.emit("batch_norm", [y] + params, y.shape,
                         epsilon=float(bn.eps))

    def linear(self, node, t, mod):
        w = _np(mod.weight)
        if t.chw is not None:
            c, h, wd = t.chw
            # PyTorch flattened C-major; qat flattens NHWC, channel fastest.
            w = w.reshape(w.shape[0], c, h, wd).transpose(0, 2, 3, 1).reshape(
                w.shape[0], -1)
        elif t.layout != "plain" or len(t.value.shape) != 2:
            self.fail(node, "fully connected input must be 2-D [N, K]")
        fw = self.graph.constant(w)
        if hasattr(mod, "weight_fake_quant"):
            fw = self.emit("fake_quant", [fw], fw.shape,
                           **_fake_quant_attrs(mod.weight_fake_quant))
        operands = [t.value, fw]
        if mod.bias is not None:
            operands.append(self.graph.constant(_np(mod.bias)))
        y = self.emit("fully_connected", operands,
                      (t.value.shape[0], w.shape[0]))
        return self.maybe_relu(mod, _Tensor(y))

    def maybe_relu(self, mod, t):
        if "ReLU" in type(mod).__name__:
            return _Tensor(self.emit("relu", [t.value], t.value.shape), t.layout)
        return t

    def unary(self, kind, t, **attrs):
        return _Tensor(self.emit(kind, [t.value], t.value.shape, **attrs),
                       t.layout, t.chw)

    def binary(self, node, kind, a, b):
        if not isinstance(b, torch.fx.Node) or not isinstance(a, torch.fx.Node):
            self.fail(node, f"{kind} with a Python scalar is not supported")
        ta, tb = self.get(node, a), self.get(node, b)
        if ta.value.shape != tb.value.shape or ta.layout != tb.layout:
            self.fail(node, f"{kind} needs operands of one shape")
        return _Tensor(self.emit(kind, [ta.value, tb.value], ta.value.shape),
                       ta.layout, ta.chw)

    def pool(self, node, t, kind, kernel, stride, padding, ceil_mode,
             count_include_pad=True):
        if ceil_mode:
            self.fail(node, "ceil_mode pooling is not supported")
        kh, kw = _pair(kernel)
        sh, sw = _pair(stride if stride not in (None, []) else kernel)
        ph, pw = _pair(padding)
        n, h, w, c = t.value.shape
        shape = (n, (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1, c)
        attrs = dict(kernel=[kh, kw], strides=[sh, sw])
        if (ph, pw) != (0, 0):
            attrs["pad"] = [ph, ph, pw, pw]
            if kind == "avg_pool2d" and count_include_pad:
                attrs["count_include_pad"] = True
        return _Tensor(self.emit(kind, [t.value], shape, **attrs), "nhwc")

    def mean(self, node, t, dims, keepdim):
        dims = sorted(d % 4 for d in (dims if isinstance(dims, (list, tuple))
                                      else [dims]))
        if t.layout != "nhwc" or dims != [2, 3]:
            self.fail(node, "only the mean over H and W of a 4-D tensor "
                            "(global average pool) is supported")
        n, _, _, c = t.value.shape
        if keepdim:
            return _Tensor(self.emit("mean", [t.value], (n, 1, 1, c)), "nhwc")
        return _Tensor(self.emit("mean", [t.value], (n, c)))

    def flatten(self, node, t, start_dim):
        if start_dim != 1:
            self.fail(node, "only flatten from dimension 1 is supported")
        if t.layout != "nhwc":
            return t
        n, h, w, c = t.value.shape
        y = self.emit("reshape", [t.value], (n, h * w * c))
        return _Tensor(y, chw=(c, h, w) if h * w > 1 else None)

    def softmax(self, node, t, dim):
        rank = len(t.value.shape)
        if t.layout != "plain" or dim % rank != rank - 1:
            self.fail(node, "softmax is supported over the last dimension of "
                            "a 2-D tensor")
        return self.unary("softmax", t)

    # Dispatch ---------------------------------------------------------------

    def run(self):
        for node in self.gm.graph.nodes:
            if node.op == "placeholder":
                example = self.example_inputs[len(self.graph.inputs)]
                shape = tuple(example.shape)
                if len(shape) == 4:
                    value = self.graph.input(tuple(shape[i] for i in NCHW_TO_NHWC))
                    self.env[node] = _Tensor(value, "nhwc")
                else:
                    self.env[node] = _Tensor(self.graph.input(shape))
            elif node.op == "call_module":
                self.env[node] = self.call_module(node)
            elif node.op == "call_function":
                self.env[node] = self.call_function(node)
            elif node.op == "call_method":
                self.env[node] = self.call_method(node)
            elif node.op == "output":
                outs = node.args[0]
                outs = outs if isinstance(outs, (tuple, list)) else [outs]
                self.graph.outputs = [self.get(node, o).value for o in outs]
            else:
                self.fail(node, f"unsupported node kind {node.op}")
        return self.graph

    def call_module(self, node):
        mod = self.gm.get_submodule(node.target)
        t = self.get(node, node.args[0])
        if isinstance(mod, torch.ao.quantization.FakeQuantizeBase):
            return self.fake_quant(node, t, mod)
        if isinstance(mod, nn.modules.conv._ConvNd):
            return self.conv(node, t, mod)
        if isinstance(mod, nn.Linear):
            return self.linear(node, t, mod)
        if isinstance(mod, nn.BatchNorm2d):
            return _Tensor(self.batch_norm(t.value, mod), t.layout)
        if isinstance(mod, nn.ReLU):
            return self.unary("relu", t)
        if isinstance(mod, nn.ReLU6):
            return self.unary("relu6", t)
        if isinstance(mod, (nn.Identity, nn.Dropout)):
            return t
        if isinstance(mod, nn.MaxPool2d):
            return self.pool(node, t, "max_pool2d", mod.kernel_size, mod.stride,
                             mod.padding, mod.ceil_mode)
        if isinstance(mod, nn.AvgPool2d):
            return self.pool(node, t, "avg_pool2d", mod.kernel_size, mod.stride,
                             mod.padding, mod.ceil_mode, mod.count_include_pad)
        if isinstance(mod, nn.Flatten):
            return self.flatten(node, t, mod.start_dim)
        if isinstance(mod, nn.Softmax):
            return self.softmax(node, t, mod.dim)
        self.fail(node, f"module {type(mod).__name__} is not supported")

    def call_function(self, node):
        fn, args, kw = node.target, node.args, node.kwargs
        if fn in (operator.add, torch.add):
            return self.binary(node, "add", args[0], args[1])
        if fn in (operator.mul, torch.mul):
            return self.binary(node, "mul", args[0], args[1])
        t = self.get(node, args[0])
        if fn in (torch.relu, F.relu):
            return self.unary("relu", t)
        if fn is F.relu6:
            return self.unary("relu6", t)
        if fn is torch.flatten:
            return self.flatten(node, t, args[1] if len(args) > 1 else
                                kw.get("start_dim", 0))
        if fn in (F.softmax, torch.softmax):
            return self.softmax(node, t, args[1] if len(args) > 1 else kw["dim"])
        if fn is torch.mean:
            return self.mean(node, t, args[1], kw.get("keepdim", False))
        self.fail(node, f"function {getattr(fn, '__name__', fn)} is not supported")

    def call_method(self, node):
        name, args, kw = node.target, node.args, node.kwargs
        t = self.get(node, args[0])
        if name == "mean":
            return self.mean(node, t, args[1] if len(args) > 1 else kw["dim"],
                             args[2] if len(args) > 2 else kw.get("keepdim", False))
        if name == "flatten":
            return self.flatten(node, t, args[1] if len(args) > 1 else
                                kw.get("start_dim", 0))
        if name == "relu":
            return self.unary("relu", t)
        if name == "softmax":
            return self.softmax(node, t, args[1] if len(args) > 1 else kw["dim"])
        self.fail(node, f"method .{name}() is not supported")


def export(gm, example_inputs):
    """Returns the qat `Graph` of a prepared (and trained) FX QAT model.

    Put the model in eval mode and disable its observers first, so the
    exported parameters are the ones the model computes with.
    """
    return _Exporter(gm, example_inputs).run()
