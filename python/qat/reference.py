"""NumPy reference of the qat dialect's float semantics (docs/Spec.md).

Written for clarity, not speed: it checks exporters against their source
framework and, later, the compiler's interpreter against this reading of the
spec. All arithmetic is float32, as in the training frameworks.
"""
import numpy as np

F32 = np.float32


def _round(x, mode):
    if mode == "half_to_even":
        return np.rint(x)
    if mode == "half_away_from_zero":
        return np.sign(x) * np.floor(np.abs(x) + F32(0.5))
    if mode == "half_up":
        return np.floor(x + F32(0.5))
    raise ValueError(f"unknown rounding {mode}")


def _per_axis(values, shape, axis):
    """Shapes a parameter array to broadcast along `axis` of `shape`."""
    values = np.asarray(values)
    if axis is None:
        return values.reshape(())
    target = [1] * len(shape)
    target[axis] = -1
    return values.reshape(target)


def fake_quant(x, attrs):
    axis = attrs.get("axis")
    if "min" in attrs:
        rounding = str(attrs.get("rounding", "half_up"))
        bits = attrs.get("num_bits", 8)
        qmin = F32(1 if attrs.get("narrow_range", False) else 0)
        qmax = F32(2**bits - 1)
        lo = _per_axis(np.asarray(attrs["min"], F32), x.shape, axis)
        hi = _per_axis(np.asarray(attrs["max"], F32), x.shape, axis)
        scale = (hi - lo) / (qmax - qmin)
        zp_from_min = qmin - lo / scale
        zp = np.where(zp_from_min < qmin, qmin,
                      np.where(zp_from_min > qmax, qmax,
                               _round(zp_from_min, "half_away_from_zero")))
        nudged_min = (qmin - zp) * scale
        nudged_max = (qmax - zp) * scale
        inv = F32(1) / scale
        clamped = np.minimum(np.maximum(x, nudged_min), nudged_max)
        q = _round((clamped - nudged_min) * inv, rounding)
        return (q * scale + nudged_min).astype(F32)
    rounding = str(attrs.get("rounding", "half_to_even"))
    scale = _per_axis(np.asarray(attrs["scale"], F32), x.shape, axis)
    zp = _per_axis(np.asarray(attrs["zero_point"], F32), x.shape, axis)
    inv = F32(1) / scale
    q = np.clip(_round(x * inv, rounding) + zp, attrs["quant_min"],
                attrs["quant_max"])
    return ((q - zp) * scale).astype(F32)


def _pad_hw(x, pad, value=0.0):
    top, bottom, left, right = pad
    return np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)),
                  constant_values=value)


def _windows(x, kernel, strides, dilations, pad, value=0.0):
    """Yields (ky, kx, patch) with patch[n, oy, ox, c] the input element under
    kernel tap (ky, kx) for every output position."""
    xp = _pad_hw(x, pad, value)
    sh, sw = strides
    dh, dw = dilations
    kh, kw = kernel
    oh = (xp.shape[1] - ((kh - 1) * dh + 1)) // sh + 1
    ow = (xp.shape[2] - ((kw - 1) * dw + 1)) // sw + 1
    for ky in range(kh):
        for kx in range(kw):
            y0, x0 = ky * dh, kx * dw
            yield ky, kx, xp[:, y0:y0 + (oh - 1) * sh + 1:sh,
                             x0:x0 + (ow - 1) * sw + 1:sw, :]


def conv2d(x, w, b, attrs):
    acc = None
    for ky, kx, patch in _windows(x, w.shape[1:3], attrs.get("strides", (1, 1)),
                                  attrs.get("dilations", (1, 1)),
                                  attrs.get("pad", (0, 0, 0, 0))):
        term = np.einsum("nhwi,oi->nhwo", patch, w[:, ky, kx, :])
        acc = term if acc is None else acc + term
    return (acc + (b if b is not None else 0)).astype(F32)


def depthwise_conv2d(x, w, b, attrs):
    mult = w.shape[3] // x.shape[3]
    acc = None
    for ky, kx, patch in _windows(x, w.shape[1:3], attrs.get("strides", (1, 1)),
                                  attrs.get("dilations", (1, 1)),
                                  attrs.get("pad", (0, 0, 0, 0))):
        term = np.repeat(patch, mult, axis=3) * w[0, ky, kx, :]
        acc = term if acc is None else acc + term
    return (acc + (b if b is not None else 0)).astype(F32)


def _pool(x, attrs, reduce):
    kernel = attrs["kernel"]
    pad = attrs.get("pad", (0, 0, 0, 0))
    strides = attrs.get("strides", (1, 1))
    fill = -np.inf if reduce == "max" else 0.0
    taps = [p for _, _, p in _windows(x, kernel, strides, (1, 1), pad, fill)]
    stack = np.stack(taps)
    if reduce == "max":
        return stack.max(axis=0).astype(F32)
    if attrs.get("count_include_pad", False):
        count = kernel[0] * kernel[1]
    else:
        ones = np.ones(x.shape[:3] + (1,), F32)
        count = sum(p for _, _, p in _windows(ones, kernel, strides, (1, 1), pad))
    return (stack.sum(axis=0) / count).astype(F32)


def evaluate(graph, *inputs):
    """Runs `graph` on NumPy inputs and returns its outputs as a list."""
    env = dict(graph.constants)
    for value, array in zip(graph.inputs, inputs):
        env[value] = np.asarray(array, F32)
    for op in graph.ops:
        args = [env[v] for v in op.operands]
        a = op.attrs
        k = op.kind
        if k == "fake_quant":
            out = fake_quant(args[0], a)
        elif k == "conv2d":
            out = conv2d(args[0], args[1], args[2] if len(args) > 2 else None, a)
        elif k == "depthwise_conv2d":
            out = depthwise_conv2d(args[0], args[1],
                                   args[2] if len(args) > 2 else None, a)
        elif k == "fully_connected":
            out = args[0] @ args[1].T + (args[2] if len(args) > 2 else 0)
        elif k == "batch_norm":
            x, gamma, beta, mean, var = args
            out = (x - mean) * gamma / np.sqrt(var + F32(a["epsilon"])) + beta
        elif k == "add":
            out = args[0] + args[1]
        elif k == "mul":
            out = args[0] * args[1]
        elif k == "relu":
            out = np.maximum(args[0], F32(0))
        elif k == "relu6":
            out = np.minimum(np.maximum(args[0], F32(0)), F32(6))
        elif k == "clamp":
            out = np.clip(args[0], a["min"], a["max"])
        elif k == "softmax":
            z = args[0] * F32(a.get("beta", 1.0))
            e = np.exp(z - z.max(axis=-1, keepdims=True))
            out = e / e.sum(axis=-1, keepdims=True)
        elif k == "max_pool2d":
            out = _pool(args[0], a, "max")
        elif k == "avg_pool2d":
            out = _pool(args[0], a, "avg")
        elif k == "mean":
            out = args[0].mean(axis=(1, 2)).reshape(op.result.shape)
        elif k == "reshape":
            out = args[0].reshape(op.result.shape)
        elif k == "concat":
            out = np.concatenate(args, axis=a["axis"])
        elif k == "pad":
            p = a["padding"]
            out = np.pad(args[0], list(zip(p[0::2], p[1::2])),
                         constant_values=a.get("value", 0.0))
        else:
            raise NotImplementedError(f"reference has no qat.{k}")
        env[op.result] = np.asarray(out, F32)
        assert env[op.result].shape == op.result.shape, (k, env[op.result].shape)
    return [env[v] for v in graph.outputs]
