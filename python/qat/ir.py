"""A minimal in-memory qat graph that prints as MLIR text.

Exporters build a `Graph`; `Graph.to_mlir()` writes it as one `func.func`,
and `qat.reference.evaluate()` runs it with NumPy.
"""
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Value:
    name: str
    shape: tuple

    @property
    def type(self):
        return tensor_type(self.shape)


@dataclass
class Op:
    kind: str  # the op name without the dialect, e.g. "conv2d"
    operands: list
    result: Value
    attrs: dict = field(default_factory=dict)


class Enum(str):
    """An enum attribute, printed as `#qat.<kind><<value>>`."""

    def __new__(cls, kind, value):
        obj = super().__new__(cls, value)
        obj.kind = kind
        return obj


def tensor_type(shape):
    return "tensor<" + "".join(f"{d}x" for d in shape) + "f32>"


def format_f32(v):
    # The shortest decimal that reads back as the same float32.
    return np.format_float_scientific(np.float32(v), unique=True, trim="0")


def format_f64(v):
    # repr() is the shortest round-tripping decimal; MLIR wants a '.' in it.
    mantissa, e, exponent = repr(float(v)).partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    return mantissa + e + exponent


def format_attr(value):
    if isinstance(value, Enum):
        return f"#qat.{value.kind}<{str(value)}>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return format_f64(value)
    if isinstance(value, (list, tuple, np.ndarray)):
        values = list(value)
        if all(isinstance(v, (int, np.integer)) for v in values):
            return "array<i64: " + ", ".join(str(int(v)) for v in values) + ">"
        return "array<f64: " + ", ".join(format_f64(v) for v in values) + ">"
    raise TypeError(f"cannot print attribute {value!r}")


class Graph:
    def __init__(self):
        self.inputs = []
        self.outputs = []
        self.constants = {}  # Value -> np.ndarray (float32)
        self.ops = []
        self._count = 0

    def _fresh(self, shape):
        self._count += 1
        return Value(f"%v{self._count}", tuple(int(d) for d in shape))

    def input(self, shape):
        value = Value(f"%arg{len(self.inputs)}", tuple(shape))
        self.inputs.append(value)
        return value

    def constant(self, array):
        array = np.ascontiguousarray(array, dtype=np.float32)
        value = self._fresh(array.shape)
        self.constants[value] = array
        return value

    def op(self, kind, operands, shape, **attrs):
        result = self._fresh(shape)
        self.ops.append(Op(kind, list(operands), result,
                           {k: v for k, v in attrs.items() if v is not None}))
        return result

    def to_mlir(self, name="main"):
        lines = []
        args = ", ".join(f"{v.name}: {v.type}" for v in self.inputs)
        results = ", ".join(v.type for v in self.outputs)
        lines.append(f"func.func @{name}({args}) -> ({results}) {{")
        for value, array in self.constants.items():
            lines.append(f"  {value.name} = arith.constant dense<{_nested(array)}> : "
                         f"{value.type}")
        for op in self.ops:
            lines.append("  " + _print_op(op))
        names = ", ".join(v.name for v in self.outputs)
        lines.append(f"  return {names} : {results}")
        lines.append("}")
        return "\n".join(lines) + "\n"


def _nested(array):
    if array.ndim == 1:
        return "[" + ", ".join(format_f32(x) for x in array) + "]"
    return "[" + ", ".join(_nested(a) for a in array) + "]"


# Ops whose custom syntax prints only the operand type.
_SAME_TYPE = {"fake_quant", "relu", "relu6", "clamp", "softmax"}
# Ops printed as `: type -> type`.
_UNARY_MAP = {"max_pool2d", "avg_pool2d", "mean", "reshape", "pad"}


def _print_op(op):
    operands = ", ".join(v.name for v in op.operands)
    attrs = ""
    if op.attrs:
        attrs = " {" + ", ".join(f"{k} = {format_attr(v)}"
                                 for k, v in sorted(op.attrs.items())) + "}"
    head = f"{op.result.name} = qat.{op.kind} {operands}{attrs}"
    if op.kind in _SAME_TYPE:
        return f"{head} : {op.result.type}"
    if op.kind in _UNARY_MAP:
        return f"{head} : {op.operands[0].type} -> {op.result.type}"
    if op.kind == "batch_norm":
        return f"{head} : {op.operands[0].type}, {op.operands[1].type}"
    types = ", ".join(v.type for v in op.operands)
    return f"{head} : ({types}) -> {op.result.type}"
