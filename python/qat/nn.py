# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""PyTorch modules for quantization-aware training of what PyTorch's own QAT
flow leaves in float: `qat.nn.LSTM` and `qat.nn.GRU`.

`torch.ao.quantization.prepare_qat` has no QAT form of `torch.nn.LSTM` in
PyTorch 1.13 (its quantizable LSTM is for post-training calibration and
exports as one unrolled cell per time step). `qat.nn.LSTM` is a drop-in
replacement that trains through the grids of TFLite's integer LSTM, the
kernel qat compiles it to (`qint.lstm`, docs/Recurrent.md): weights int8 per
tensor, gate pre-activations int16 at 2^-12, gates int16 at 2^-15, the cell
state int16 at a power-of-two scale, the hidden state on the grid of an
ordinary activation fake-quant (`hidden_fake_quant`). Trained this way, the
compiled model computes what training saw, to within rounding.

It exports to ONNX as one `LSTM` node with its weights as
DequantizeLinear of int8 constants and its output through the hidden
state's QuantizeLinear/DequantizeLinear; the cell state's scale goes into
the model's metadata (`qat.lstm.cell_scale_power.<node name>`), which qat's
importer reads.
"""
from __future__ import annotations

import math
import threading
from typing import Any, List, Optional, Tuple

import torch
from torch import nn

# Cell scale powers of the qat.nn.LSTM modules an ONNX export runs, in the
# order their LSTM nodes appear (the _torch exporter writes them into the
# model's metadata).
_export_record = threading.local()

_GATE_POWER = -12  # gate pre-activations: int16 at 2^-12 (Q3.12)
_GATE_OUT_POWER = -15  # gate outputs: int16 at 2^-15 (Q0.15)
# PyTorch stacks the gates input, forget, cell, output, as qat does; ONNX
# stacks input, output, forget, cell.
_ONNX_ORDER = (0, 3, 1, 2)


def _int16_grid(x: torch.Tensor, power: int) -> torch.Tensor:
    """x rounded to the int16 grid of step 2^power, saturated, with a
    straight-through gradient."""
    return torch.fake_quantize_per_tensor_affine(x, 2.0**power, 0, -32768,
                                                 32767)


def _weight_scale(w: torch.Tensor) -> float:
    """The symmetric per-tensor int8 scale of w (max |w| / 127)."""
    return max(float(w.detach().abs().max()), 1e-8) / 127.0


def _int8_weights(w: torch.Tensor) -> torch.Tensor:
    return torch.fake_quantize_per_tensor_affine(w, _weight_scale(w), 0, -127,
                                                 127)


def _onnx_weights(w: torch.Tensor, gates: int, order: Tuple[int, ...]
                  ) -> Tuple[torch.Tensor, float]:
    """w's int8 levels [1, gates * H, K] in ONNX's gate order, and its
    scale (the levels and scale _int8_weights trains with)."""
    scale = _weight_scale(w)
    levels = torch.clamp(torch.round(w.detach() / scale), -127, 127)
    blocks = levels.reshape(gates, w.shape[0] // gates, -1)[list(order)]
    return blocks.reshape(1, w.shape[0], -1).to(torch.int8), scale


def _untraced(compute: Any) -> Any:
    """compute() run outside the ONNX tracer and without gradients: the
    values an export node passes on (its symbolic writes the node)."""
    # (torch's stubs lack the tracer's state setter.)
    set_tracing_state: Any = getattr(torch._C, "_set_tracing_state")
    tracing = torch._C._get_tracing_state()
    set_tracing_state(None)
    try:
        with torch.no_grad():
            return compute()
    finally:
        set_tracing_state(tracing)


def _missing(g: Any) -> Any:
    """An absent optional input of an ONNX node."""
    n = g.op("prim::Constant")
    n.setType(torch._C.OptionalType.ofTensor())
    return n


def _initial_state(module: nn.Module, state: Optional[torch.Tensor],
                   batches: int, what: str) -> Optional[torch.Tensor]:
    """An initial state [1, B, H] as [B, H] (None stays None)."""
    if state is None:
        return None
    expected = (1, batches, getattr(module, "hidden_size"))
    if tuple(state.shape) != expected:
        raise ValueError(
            f"qat.nn.{type(module).__name__}: the initial {what} has shape "
            f"{tuple(state.shape)}; expected {expected} (one layer, batch, "
            "hidden_size)")
    return state[0]


def _refuse_time_major(module: nn.Module) -> None:
    if not getattr(module, "batch_first"):
        # qat.compile takes one sample of the batch along the input's first
        # dimension, which is time here.
        raise ValueError(
            f"qat.nn.{type(module).__name__} with batch_first=False: "
            "qat.compile takes the batch as the first dimension of a "
            "model's input, so a time-major layer would compile for its "
            "first time step only; build it with batch_first=True (and a "
            "[batch, time, features] input)")


class _LstmExport(torch.autograd.Function):
    """The ONNX form of qat.nn.LSTM: forward passes on the fake-quant result
    computed outside the trace (so tracing sees its values), symbolic writes
    the LSTM node."""

    @staticmethod
    def forward(  # type: ignore[override]
            ctx: Any, x: torch.Tensor, y: torch.Tensor, last: torch.Tensor,
            cell: torch.Tensor, h0: Optional[torch.Tensor],
            c0: Optional[torch.Tensor], spec: Any
    ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        return y.clone(), last.clone(), cell.clone()

    @staticmethod
    def symbolic(g: Any, x: Any, y: Any, last: Any, cell: Any, h0: Any,
                 c0: Any, spec: Any) -> Any:
        def constant(t: torch.Tensor) -> Any:
            return g.op("Constant", value_t=t)

        def dequantized(levels: torch.Tensor, scale: float) -> Any:
            return g.op("DequantizeLinear", constant(levels),
                        constant(torch.tensor(scale, dtype=torch.float32)),
                        constant(torch.tensor(0, dtype=torch.int8)))

        if spec["batch_first"]:
            x = g.op("Transpose", x, perm_i=[1, 0, 2])
        inputs = [x, dequantized(spec["w"], spec["w_scale"]),
                  dequantized(spec["r"], spec["r_scale"]), constant(spec["b"])]
        if h0 is not None:
            inputs += [_missing(g), h0, c0]
        y, y_h, y_c = g.op("LSTM", *inputs,
                           hidden_size_i=spec["hidden_size"], outputs=3)
        y = g.op("Squeeze", y, constant(torch.tensor([1])))
        if spec["batch_first"]:
            y = g.op("Transpose", y, perm_i=[1, 0, 2])
        return y, y_h, y_c


class LSTM(nn.Module):
    """A single-layer unidirectional `torch.nn.LSTM` (same parameters, same
    state_dict keys, `batch_first` either way) that trains through the
    integer LSTM's grids.

    `cell_scale_power`: the cell state's scale is 2^cell_scale_power; None
    (the default) observes the largest |cell| in training mode and takes the
    smallest power of two whose int16 range holds it (TFLite's choice),
    kept in the buffer `cell_scale_power` (-11, a range of +-16, before any
    training step).
    `hidden_fake_quant`: the hidden state's (and output's) fake-quant; by
    default PyTorch's default activation fake-quant (quint8, moving-average
    min/max), like any other activation of a QAT model.
    """
    # Buffers, which torch.nn.Module's __getattr__ returns.
    cell_scale_power: torch.Tensor
    cell_abs_max: torch.Tensor

    def __init__(self, input_size: int, hidden_size: int,
                 batch_first: bool = False,
                 cell_scale_power: Optional[int] = None,
                 hidden_fake_quant: Optional[nn.Module] = None) -> None:
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.batch_first = batch_first
        self.fixed_cell_scale = cell_scale_power is not None
        k = 1.0 / math.sqrt(hidden_size)

        def param(*shape: int) -> nn.Parameter:
            return nn.Parameter(torch.empty(*shape).uniform_(-k, k))

        self.weight_ih_l0 = param(4 * hidden_size, input_size)
        self.weight_hh_l0 = param(4 * hidden_size, hidden_size)
        self.bias_ih_l0 = param(4 * hidden_size)
        self.bias_hh_l0 = param(4 * hidden_size)
        self.register_buffer(
            "cell_scale_power",
            torch.tensor(-11 if cell_scale_power is None else
                         cell_scale_power, dtype=torch.int64))
        self.register_buffer("cell_abs_max", torch.tensor(0.0))
        if hidden_fake_quant is None:
            # torch's FakeQuantize is untyped.
            hidden_fake_quant = \
                torch.ao.quantization.FakeQuantize()  # type: ignore[no-untyped-call]
        self.hidden_fake_quant = hidden_fake_quant

    @classmethod
    def from_float(cls, lstm: nn.LSTM, **kwargs: Any) -> "LSTM":
        """A qat.nn.LSTM with the weights of a float nn.LSTM."""
        if (lstm.num_layers != 1 or lstm.bidirectional or not lstm.bias
                or lstm.proj_size):
            raise ValueError("qat.nn.LSTM replaces single-layer, "
                             "unidirectional nn.LSTMs with biases and no "
                             "projection")
        kwargs.setdefault("batch_first", lstm.batch_first)
        module = cls(lstm.input_size, lstm.hidden_size, **kwargs)
        module.load_state_dict(lstm.state_dict(), strict=False)
        return module

    def _cell_power(self, cell_abs: torch.Tensor) -> int:
        if self.training and not self.fixed_cell_scale:
            self.cell_abs_max.copy_(torch.maximum(self.cell_abs_max,
                                                  cell_abs.detach()))
            biggest = max(float(self.cell_abs_max), 2.0**-15)
            power = min(max(math.ceil(math.log2(biggest)) - 15, -31), 2)
            self.cell_scale_power.fill_(power)
        return int(self.cell_scale_power)

    def forward(self, x: torch.Tensor,
                state: Optional[Tuple[torch.Tensor, torch.Tensor]] = None
                ) -> Tuple[torch.Tensor, Tuple[torch.Tensor, torch.Tensor]]:
        """`state`: None (zero state) or the initial (h_0, c_0), each
        [1, batch, hidden_size] as for torch.nn.LSTM; h_0 goes on the hidden
        state's grid (`hidden_fake_quant`), c_0 on the cell state's."""
        if x.dim() != 3:
            raise ValueError(f"qat.nn.LSTM takes a batch of sequences of "
                             f"rank 3, not of rank {x.dim()}")
        batches = x.shape[0] if self.batch_first else x.shape[1]
        if state is not None and (not isinstance(state, (tuple, list))
                                  or len(state) != 2):
            raise ValueError("qat.nn.LSTM's initial state is a pair "
                             "(h_0, c_0)")
        h0 = _initial_state(self, state[0], batches, "hidden state h_0") \
            if state is not None else None
        c0 = _initial_state(self, state[1], batches, "cell state c_0") \
            if state is not None else None
        if torch.onnx.is_in_onnx_export():
            y, last, cell = self._export(x, h0, c0)
            return self.hidden_fake_quant(y), (last, cell)
        y, last, cell, _ = self._sequence(x, h0, c0)
        return y, (last, cell)

    def _sequence(self, x: torch.Tensor, h0: Optional[torch.Tensor] = None,
                  c0: Optional[torch.Tensor] = None
                  ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor, int]:
        """The outputs, last hidden state and last cell state, and the cell
        scale power used, from the initial state [B, H] (or zero state)."""
        seq = x.transpose(0, 1) if self.batch_first else x  # [T, B, I]
        H = self.hidden_size
        wx = _int8_weights(self.weight_ih_l0)
        wh = _int8_weights(self.weight_hh_l0)
        b = self.bias_ih_l0 + self.bias_hh_l0
        power = self._cell_power(torch.tensor(0.0) if c0 is None
                                 else c0.abs().max())
        h = (seq.new_zeros(seq.shape[1], H) if h0 is None
             else self.hidden_fake_quant(h0))
        c = (seq.new_zeros(seq.shape[1], H) if c0 is None
             else _int16_grid(c0, power))
        outputs: List[torch.Tensor] = []
        for xt in seq:
            a = _int16_grid(xt @ wx.t() + b, _GATE_POWER)
            r = _int16_grid(h @ wh.t(), _GATE_POWER)
            pre = _int16_grid(a + r, _GATE_POWER)
            i, f, g, o = pre.chunk(4, dim=1)
            i = _int16_grid(torch.sigmoid(i), _GATE_OUT_POWER)
            f = _int16_grid(torch.sigmoid(f), _GATE_OUT_POWER)
            g = _int16_grid(torch.tanh(g), _GATE_OUT_POWER)
            o = _int16_grid(torch.sigmoid(o), _GATE_OUT_POWER)
            power = self._cell_power((f * c + i * g).abs().max())
            c = _int16_grid(_int16_grid(f * c, power) +
                            _int16_grid(i * g, power), power)
            h = self.hidden_fake_quant(
                o * _int16_grid(torch.tanh(c), _GATE_OUT_POWER))
            outputs.append(h)
        y = torch.stack(outputs)  # [T, B, H]
        if self.batch_first:
            y = y.transpose(0, 1)
        return y, h.unsqueeze(0), c.unsqueeze(0), power

    def _export(self, x: torch.Tensor, h0: Optional[torch.Tensor],
                c0: Optional[torch.Tensor]
                ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        _refuse_time_major(self)
        H = self.hidden_size
        w, w_scale = _onnx_weights(self.weight_ih_l0, 4, _ONNX_ORDER)
        r, r_scale = _onnx_weights(self.weight_hh_l0, 4, _ONNX_ORDER)
        b = (self.bias_ih_l0 + self.bias_hh_l0).detach().reshape(4, H)
        b = b[list(_ONNX_ORDER)].reshape(1, 4 * H)
        # The summed bias as Wb, Rb zero.
        onnx_bias = torch.cat([b, torch.zeros_like(b)], dim=1).float()
        powers = getattr(_export_record, "powers", None)
        if powers is not None:
            powers.append(int(self.cell_scale_power))
        spec = {"w": w, "w_scale": w_scale, "r": r, "r_scale": r_scale,
                "b": onnx_bias, "hidden_size": H,
                "batch_first": self.batch_first}
        y, last, cell, _ = _untraced(lambda: self._sequence(
            x.detach(), None if h0 is None else h0.detach(),
            None if c0 is None else c0.detach()))
        result: Tuple[torch.Tensor, torch.Tensor, torch.Tensor] = \
            _LstmExport.apply(x, y, last, cell,
                              None if h0 is None else h0.unsqueeze(0),
                              None if c0 is None else c0.unsqueeze(0), spec)
        return result


class _GruExport(torch.autograd.Function):
    """The ONNX form of qat.nn.GRU, as _LstmExport's."""

    @staticmethod
    def forward(  # type: ignore[override]
            ctx: Any, x: torch.Tensor, y: torch.Tensor, last: torch.Tensor,
            h0: Optional[torch.Tensor], spec: Any
    ) -> Tuple[torch.Tensor, torch.Tensor]:
        return y.clone(), last.clone()

    @staticmethod
    def symbolic(g: Any, x: Any, y: Any, last: Any, h0: Any,
                 spec: Any) -> Any:
        def constant(t: torch.Tensor) -> Any:
            return g.op("Constant", value_t=t)

        def dequantized(levels: torch.Tensor, scale: float) -> Any:
            return g.op("DequantizeLinear", constant(levels),
                        constant(torch.tensor(scale, dtype=torch.float32)),
                        constant(torch.tensor(0, dtype=torch.int8)))

        x = g.op("Transpose", x, perm_i=[1, 0, 2])
        inputs = [x, dequantized(spec["w"], spec["w_scale"]),
                  dequantized(spec["r"], spec["r_scale"]), constant(spec["b"])]
        if h0 is not None:
            inputs += [_missing(g), h0]
        y, y_h = g.op("GRU", *inputs, hidden_size_i=spec["hidden_size"],
                      linear_before_reset_i=1, outputs=2)
        y = g.op("Squeeze", y, constant(torch.tensor([1])))
        return g.op("Transpose", y, perm_i=[1, 0, 2]), y_h


# PyTorch stacks a GRU's gates reset, update, new; ONNX update, reset, new.
_ONNX_GRU_ORDER = (1, 0, 2)


class GRU(nn.Module):
    """A single-layer unidirectional `torch.nn.GRU` (same parameters and
    state_dict keys; `batch_first=True`, as qat.compile takes batches) that
    trains through the grids of qat's integer GRU (`qint.gru`,
    docs/Recurrent.md): int8 weights per tensor, gate contributions and
    pre-activations int16 at 2^-12, gates and the state int16 at 2^-15,
    the hidden state on `hidden_fake_quant`'s grid.
    """

    def __init__(self, input_size: int, hidden_size: int,
                 batch_first: bool = True,
                 hidden_fake_quant: Optional[nn.Module] = None) -> None:
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.batch_first = batch_first
        k = 1.0 / math.sqrt(hidden_size)

        def param(*shape: int) -> nn.Parameter:
            return nn.Parameter(torch.empty(*shape).uniform_(-k, k))

        self.weight_ih_l0 = param(3 * hidden_size, input_size)
        self.weight_hh_l0 = param(3 * hidden_size, hidden_size)
        self.bias_ih_l0 = param(3 * hidden_size)
        self.bias_hh_l0 = param(3 * hidden_size)
        if hidden_fake_quant is None:
            # torch's FakeQuantize is untyped.
            hidden_fake_quant = \
                torch.ao.quantization.FakeQuantize()  # type: ignore[no-untyped-call]
        self.hidden_fake_quant = hidden_fake_quant

    @classmethod
    def from_float(cls, gru: nn.GRU, **kwargs: Any) -> "GRU":
        """A qat.nn.GRU with the weights of a float nn.GRU."""
        if gru.num_layers != 1 or gru.bidirectional or not gru.bias:
            raise ValueError("qat.nn.GRU replaces single-layer, "
                             "unidirectional nn.GRUs with biases")
        kwargs.setdefault("batch_first", gru.batch_first)
        module = cls(gru.input_size, gru.hidden_size, **kwargs)
        module.load_state_dict(gru.state_dict(), strict=False)
        return module

    def forward(self, x: torch.Tensor, state: Optional[torch.Tensor] = None
                ) -> Tuple[torch.Tensor, torch.Tensor]:
        """`state`: None (zero state) or the initial h_0, [1, batch,
        hidden_size] as for torch.nn.GRU, put on the Q0.15 state's grid."""
        if x.dim() != 3:
            raise ValueError(f"qat.nn.GRU takes a batch of sequences of "
                             f"rank 3, not of rank {x.dim()}")
        batches = x.shape[0] if self.batch_first else x.shape[1]
        h0 = _initial_state(self, state, batches, "hidden state h_0")
        if torch.onnx.is_in_onnx_export():
            y, last = self._export(x, h0)
            return self.hidden_fake_quant(y), last
        y, last = self._sequence(x, h0)
        return y, last

    def _sequence(self, x: torch.Tensor, h0: Optional[torch.Tensor] = None
                  ) -> Tuple[torch.Tensor, torch.Tensor]:
        seq = x.transpose(0, 1) if self.batch_first else x  # [T, B, I]
        H = self.hidden_size
        wx = _int8_weights(self.weight_ih_l0)
        wh = _int8_weights(self.weight_hh_l0)
        s = (seq.new_zeros(seq.shape[1], H) if h0 is None
             else _int16_grid(h0, _GATE_OUT_POWER))
        h = (seq.new_zeros(seq.shape[1], H) if h0 is None
             else self.hidden_fake_quant(s))
        outputs: List[torch.Tensor] = []
        for xt in seq:
            a = _int16_grid(xt @ wx.t() + self.bias_ih_l0, _GATE_POWER)
            b = _int16_grid(h @ wh.t() + self.bias_hh_l0, _GATE_POWER)
            a_r, a_z, a_n = a.chunk(3, dim=1)
            b_r, b_z, b_n = b.chunk(3, dim=1)
            r = _int16_grid(torch.sigmoid(_int16_grid(a_r + b_r, _GATE_POWER)),
                            _GATE_OUT_POWER)
            z = _int16_grid(torch.sigmoid(_int16_grid(a_z + b_z, _GATE_POWER)),
                            _GATE_OUT_POWER)
            n = _int16_grid(torch.tanh(_int16_grid(
                a_n + _int16_grid(r * b_n, _GATE_POWER), _GATE_POWER)),
                _GATE_OUT_POWER)
            # z (s - n) reaches 2: a step of 2^-15 without saturation.
            step = 2.0 ** _GATE_OUT_POWER
            s = _int16_grid(n + torch.fake_quantize_per_tensor_affine(
                z * (s - n), step, 0, -65536, 65535), _GATE_OUT_POWER)
            h = self.hidden_fake_quant(s)
            outputs.append(h)
        y = torch.stack(outputs)
        if self.batch_first:
            y = y.transpose(0, 1)
        return y, h.unsqueeze(0)

    def _export(self, x: torch.Tensor, h0: Optional[torch.Tensor]
                ) -> Tuple[torch.Tensor, torch.Tensor]:
        _refuse_time_major(self)
        H = self.hidden_size
        w, w_scale = _onnx_weights(self.weight_ih_l0, 3, _ONNX_GRU_ORDER)
        r, r_scale = _onnx_weights(self.weight_hh_l0, 3, _ONNX_GRU_ORDER)
        order = list(_ONNX_GRU_ORDER)
        bx = self.bias_ih_l0.detach().reshape(3, H)[order].reshape(1, 3 * H)
        bh = self.bias_hh_l0.detach().reshape(3, H)[order].reshape(1, 3 * H)
        spec = {"w": w, "w_scale": w_scale, "r": r, "r_scale": r_scale,
                "b": torch.cat([bx, bh], dim=1).float(), "hidden_size": H}
        y, last = _untraced(lambda: self._sequence(
            x.detach(), None if h0 is None else h0.detach()))
        result: Tuple[torch.Tensor, torch.Tensor] = _GruExport.apply(
            x, y, last, None if h0 is None else h0.unsqueeze(0), spec)
        return result


def begin_export() -> None:
    """Starts recording the cell scale powers of the LSTMs an export runs."""
    _export_record.powers = []


def end_export() -> List[int]:
    """The powers recorded since begin_export, in execution order."""
    powers: List[int] = getattr(_export_record, "powers", None) or []
    _export_record.powers = None
    return powers
