# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The single-layer benchmark cases, as int8 qint programs with fixed random
weights, and the plain loop nests they are compared with."""
import numpy as np

RD = "rounding = #qint.rounding<double>"


def arr(kind, values):
    return f"array<{kind}: {', '.join(str(int(v)) for v in values)}>"


def tensor(shape, elem="i8"):
    return f"tensor<{'x'.join(map(str, shape))}x{elem}>"


def dense(values, shape, elem):
    """A constant of any shape, as MLIR's hex form of the raw
    little-endian elements."""
    data = np.asarray(values, {"i8": "<i1", "i32": "<i4"}[elem]).tobytes()
    return f'arith.constant dense<"0x{data.hex().upper()}"> : {tensor(shape, elem)}'


class Layer:
    """One layer: its qint program, MAC count, and the C of a plain loop
    nest computing it (for the baseline)."""

    def __init__(self, name, kind, in_shape, out_shape, weight_shape, pad=(0, 0, 0, 0),
                 seed=0):
        rng = np.random.default_rng(seed)
        self.name, self.kind = name, kind
        self.in_shape, self.out_shape = in_shape, out_shape
        self.weights = rng.integers(-127, 128, weight_shape)
        channels = out_shape[-1]
        self.bias = rng.integers(-2000, 2000, channels)
        self.multiplier = rng.integers(1 << 30, (1 << 31) - 1, channels)
        self.shift = rng.integers(-9, -6, channels)
        self.input_zp, self.output_zp = 3, -5
        self.pad = pad
        self.weight_shape = weight_shape

    @property
    def macs(self):
        if self.kind == "fully_connected":
            return int(np.prod(self.weight_shape))
        n, oh, ow, oc = self.out_shape
        kh, kw = self.weight_shape[1], self.weight_shape[2]
        per = kh * kw * (1 if self.kind == "depthwise_conv2d" else self.in_shape[3])
        return oh * ow * oc * per

    def mlir(self):
        stage = (f"input_zp = {self.input_zp}, output_zp = {self.output_zp}, "
                 f"multiplier = {arr('i32', self.multiplier)}, "
                 f"shift = {arr('i32', self.shift)}, act_min = -128, "
                 f"act_max = 127, {RD}")
        if self.kind != "fully_connected":
            stage += f", pad = {arr('i64', self.pad)}"
        types = (f"({tensor(self.in_shape)}, {tensor(self.weight_shape)}, "
                 f"{tensor([self.out_shape[-1]], 'i32')}) -> {tensor(self.out_shape)}")
        return (f"func.func @{self.name}(%x: {tensor(self.in_shape)}) -> "
                f"{tensor(self.out_shape)} {{\n"
                f"  %w = {dense(self.weights, self.weight_shape, 'i8')}\n"
                f"  %b = {dense(self.bias, [self.out_shape[-1]], 'i32')}\n"
                f"  %y = qint.{self.kind} %x, %w, %b {{{stage}}} : {types}\n"
                f"  return %y : {tensor(self.out_shape)}\n}}\n")

    def naive_c(self):
        """The layer as the obvious loop nest: centre every input, check
        every tap's bounds, requantize through the runtime's output stage."""
        c = lambda name, kind, v: (
            f"static const {kind} {name}[] = {{"
            + ", ".join(str(int(x)) for x in np.asarray(v).reshape(-1)) + "};\n")
        text = ('#include "qat_rt_internal.h"\n'
                + c("w", "int8_t", self.weights) + c("b", "int32_t", self.bias)
                + c("m", "int32_t", self.multiplier) + c("s", "int32_t", self.shift)
                + "static const qat_rt_output_stage stage = {m, s, "
                f"{self.output_zp}, -128, 127, QAT_RT_DOUBLE_ROUNDING}};\n"
                "void naive(const int8_t *x, int8_t *y) {\n")
        zp = self.input_zp
        if self.kind == "fully_connected":
            o, k = self.weight_shape
            text += (f"  int32_t i, j;\n  for (i = 0; i < {o}; ++i) {{\n"
                     f"    int32_t acc = b[i];\n"
                     f"    for (j = 0; j < {k}; ++j)\n"
                     f"      acc += (x[j] - ({zp})) * w[i * {k} + j];\n"
                     f"    y[i] = qat_rt_output(&stage, acc, i);\n  }}\n}}\n")
            return text
        _, h, wd, ic = self.in_shape
        _, oh, ow, oc = self.out_shape
        kh, kw = self.weight_shape[1], self.weight_shape[2]
        top, left = self.pad[0], self.pad[2]
        depthwise = self.kind == "depthwise_conv2d"
        inner = ("acc += (x[(iy * %d + ix) * %d + o] - (%d)) * w[(ky * %d + kx) * %d + o];"
                 % (wd, ic, zp, kw, oc)) if depthwise else (
            "for (c = 0; c < %d; ++c)\n"
            "              acc += (x[(iy * %d + ix) * %d + c] - (%d)) *\n"
            "                     w[((o * %d + ky) * %d + kx) * %d + c];"
            % (ic, wd, ic, zp, kh, kw, ic))
        text += (
            "  int32_t oy, ox, o, ky, kx, c;\n  (void)c;\n"
            f"  for (oy = 0; oy < {oh}; ++oy)\n"
            f"    for (ox = 0; ox < {ow}; ++ox)\n"
            f"      for (o = 0; o < {oc}; ++o) {{\n"
            "        int32_t acc = b[o];\n"
            f"        for (ky = 0; ky < {kh}; ++ky)\n"
            f"          for (kx = 0; kx < {kw}; ++kx) {{\n"
            f"            int32_t iy = oy + ky - {top}, ix = ox + kx - {left};\n"
            f"            if (iy < 0 || iy >= {h} || ix < 0 || ix >= {wd})\n"
            "              continue;\n"
            f"            {inner}\n"
            "          }\n"
            f"        y[(oy * {ow} + ox) * {oc} + o] = qat_rt_output(&stage, acc, o);\n"
            "      }\n}\n")
        return text


LAYERS = [
    Layer("conv3x3", "conv2d", [1, 32, 32, 3], [1, 32, 32, 16], [16, 3, 3, 3],
          pad=(1, 1, 1, 1), seed=1),
    Layer("pointwise", "conv2d", [1, 16, 16, 32], [1, 16, 16, 64], [64, 1, 1, 32],
          seed=2),
    Layer("depthwise3x3", "depthwise_conv2d", [1, 16, 16, 64], [1, 16, 16, 64],
          [1, 3, 3, 64], pad=(1, 1, 1, 1), seed=3),
    Layer("fc", "fully_connected", [1, 256], [1, 10], [10, 256], seed=4),
]

class Pool:
    """An average pool: no MACs, measured in instructions per input
    element."""

    def __init__(self, name, in_shape, kernel, strides):
        self.name, self.in_shape, self.kernel, self.strides = (
            name, in_shape, kernel, strides)
        n, h, w, c = in_shape
        self.out_shape = [n, (h - kernel[0]) // strides[0] + 1,
                          (w - kernel[1]) // strides[1] + 1, c]

    @property
    def input_elements(self):
        return int(np.prod(self.in_shape))

    def mlir(self):
        return (f"func.func @{self.name}(%x: {tensor(self.in_shape)}) -> "
                f"{tensor(self.out_shape)} {{\n"
                f"  %y = qint.avg_pool2d %x {{kernel = {arr('i64', self.kernel)}, "
                f"strides = {arr('i64', self.strides)}, act_min = -128, "
                f"act_max = 127}} : {tensor(self.in_shape)} -> "
                f"{tensor(self.out_shape)}\n"
                f"  return %y : {tensor(self.out_shape)}\n}}\n")


# The keyword-spotting network's global average pool (MLPerf Tiny DS-CNN:
# 25x5 positions, 64 channels).
POOLS = [Pool("avgpool", [1, 25, 5, 64], [25, 5], [1, 1])]
