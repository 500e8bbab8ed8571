# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""PyTorch QAT modules to ONNX QDQ bytes, the route into qat for both of
PyTorch's quantization modes.

Eager mode (`prepare_qat`) and FX graph mode (`prepare_qat_fx`) both go
through `torch.onnx.export` at opset 13 and qat's ONNX importer: one
importer, tested on both modes' exports, names every op after the module
path PyTorch gives the ONNX node (``/features/0/Conv``), and covers the
functional forms (pools, pad, cat, view, interpolate, hardswish, sigmoid)
that a second, Python-side exporter would have to cover again.

The module is not changed: a copy is put in eval mode with observers off,
and its fake-quant modules are replaced by frozen equivalents that ONNX can
express (PyTorch's default FX fake-quant, FusedMovingAvgObsFakeQuantize,
has no ONNX export). Weights whose quantized range ONNX cannot state
(4-bit, or [-127, 127]) are stored as their fake-quantized values in an int8
range with the same scale, which gives the same integers. The copy must
compute exactly what the original computes on the example input.
"""
from __future__ import annotations

import copy
import io
import warnings
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from .errors import CompileError, QatWarning

if TYPE_CHECKING:
    # torch is optional and imported where used; these are for annotations.
    import torch
    from torch.ao.quantization.fake_quantize import FakeQuantizeBase

# (quant_min, quant_max) pairs ONNX's QuantizeLinear states (torch 1.13's
# exporter accepts these three).
_ONNX_RANGES = {(0, 255), (-128, 127), (0, 127)}


def _fake_quant_modules(module: torch.nn.Module
                        ) -> List[Tuple[str, FakeQuantizeBase]]:
    """Every (name, fake-quant module); a module FX shares between several
    ops appears under each of its names."""
    from torch.ao.quantization.fake_quantize import FakeQuantizeBase
    return [(name, m)
            for name, m in module.named_modules(remove_duplicate=False)
            if isinstance(m, FakeQuantizeBase)]


def _tensor(module: torch.nn.Module, name: str) -> torch.Tensor:
    """module.name, a tensor (a parameter or buffer)."""
    import torch
    value = getattr(module, name, None)
    if not isinstance(value, torch.Tensor):
        raise CompileError(f"{type(module).__name__}.{name} is not a tensor")
    return value


def _submodule(module: torch.nn.Module, name: str) -> torch.nn.Module:
    """module.name, a module."""
    import torch
    value = getattr(module, name, None)
    if not isinstance(value, torch.nn.Module):
        raise CompileError(f"{type(module).__name__}.{name} is not a module")
    return value


def _range(fq: torch.nn.Module) -> Tuple[int, int]:
    observer = getattr(fq, "activation_post_process", None)
    qmin = getattr(observer, "quant_min", getattr(fq, "quant_min", None))
    qmax = getattr(observer, "quant_max", getattr(fq, "quant_max", None))
    if qmin is None or qmax is None:
        raise CompileError(f"{type(fq).__name__} states no quantization "
                           "range (quant_min, quant_max)")
    return int(qmin), int(qmax)


def _frozen(fq: torch.nn.Module, quant_min: int, quant_max: int,
            qparams: Optional[Tuple[torch.Tensor, torch.Tensor]] = None
            ) -> torch.nn.Module:
    """A module computing what `fq` computes with its observer off, or with
    `qparams` (scale, zero point) instead of its own."""
    import torch
    fq_scale, fq_zero_point = qparams or (_tensor(fq, "scale"),
                                          _tensor(fq, "zero_point"))

    class FrozenFakeQuant(torch.nn.Module):
        # Buffers, which torch.nn.Module's __getattr__ returns.
        scale: torch.Tensor
        zero_point: torch.Tensor

        def __init__(self) -> None:
            super().__init__()
            self.register_buffer("scale", fq_scale.detach().clone())
            self.register_buffer("zero_point",
                                 fq_zero_point.detach().clone().int())
            self.per_channel = fq_scale.numel() > 1 or bool(
                getattr(fq, "is_per_channel", False))
            self.ch_axis = int(getattr(fq, "ch_axis", 0))
            self.quant_min, self.quant_max = quant_min, quant_max

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            if self.per_channel:
                return torch.fake_quantize_per_channel_affine(
                    x, self.scale, self.zero_point, self.ch_axis,
                    self.quant_min, self.quant_max)
            return torch.fake_quantize_per_tensor_affine(
                x, float(self.scale), int(self.zero_point), self.quant_min,
                self.quant_max)

    return FrozenFakeQuant()


def _frozen_int16(fq: torch.nn.Module) -> torch.nn.Module:
    """A 16-bit symmetric activation fake-quant (quant range [-32768,
    32767], zero point 0), exported as a QuantizeLinear/DequantizeLinear
    pair with an int16 zero point: ONNX opset 21's int16 QDQ, which qat
    reads in an opset-13 file too."""
    import torch

    scale = float(_tensor(fq, "scale"))
    zero_point = int(_tensor(fq, "zero_point"))

    class Int16FakeQuant(torch.autograd.Function):
        # Function declares forward(ctx, *args, **kwargs); its subclasses
        # name their own inputs, as torch's documentation does.
        @staticmethod
        def forward(  # type: ignore[override]
                ctx: Any, x: torch.Tensor) -> torch.Tensor:
            return torch.fake_quantize_per_tensor_affine(
                x, scale, zero_point, -32768, 32767)

        # g is a torch._C.Graph, whose `op` torch.onnx adds at run time (the
        # stubs lack it); x and the result are graph values.
        @staticmethod
        def symbolic(g: Any, x: Any) -> Any:
            s = g.op("Constant", value_t=torch.tensor(scale,
                                                      dtype=torch.float32))
            z = g.op("Constant", value_t=torch.tensor(zero_point,
                                                      dtype=torch.int16))
            return g.op("DequantizeLinear", g.op("QuantizeLinear", x, s, z),
                        s, z)

    class FrozenInt16FakeQuant(torch.nn.Module):
        def forward(self, x: torch.Tensor) -> torch.Tensor:
            y: torch.Tensor = Int16FakeQuant.apply(x)
            return y

    return FrozenInt16FakeQuant()


def _replace(root: torch.nn.Module, name: str,
             new: torch.nn.Module) -> None:
    parent_name, _, attr = name.rpartition(".")
    parent = root.get_submodule(parent_name) if parent_name else root
    setattr(parent, attr, new)


def _bn_scale(module: torch.nn.Module,
              weight: torch.Tensor) -> Optional[torch.Tensor]:
    """The factor fused ConvBn QAT modules multiply the weight by before its
    fake-quant (gamma / sigma, along the output channels), or None."""
    bn = getattr(module, "bn", None)
    if bn is None:
        return None
    import torch
    factor: torch.Tensor = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    shape = [1] * weight.dim()
    shape[0] = -1
    return factor.reshape(shape)


def _store_weights_in_int8(root: torch.nn.Module, name: str,
                           module: torch.nn.Module) -> None:
    """Weights of a range ONNX cannot state, as their fake-quantized values
    in [-128, 127] with the same scale (the same integers)."""
    import torch
    fq = _submodule(module, "weight_fake_quant")
    qmin, qmax = _range(fq)
    if (qmin, qmax) in _ONNX_RANGES:
        return
    if qmin < -128 or qmax > 127:
        raise CompileError(
            f"module '{name}': weights quantized to [{qmin}, {qmax}] do not "
            "fit int8")
    with torch.no_grad():
        weight = _tensor(module, "weight")
        factor = _bn_scale(module, weight)
        effective = weight * factor if factor is not None else weight
        narrow = _frozen(fq, qmin, qmax)(effective)
        wide = _frozen(fq, -128, 127)
        stored = narrow / factor if factor is not None else narrow
        check = stored * factor if factor is not None else stored
        if not torch.equal(wide(check), narrow):
            raise CompileError(
                f"module '{name}': its [{qmin}, {qmax}] weights cannot be "
                "stored exactly in int8 for export")
        weight.copy_(stored)
    module.weight_fake_quant = wide


def _symmetric_weight_qparams(root: torch.nn.Module) -> List[str]:
    """Gives every weight fake-quant with a symmetric qscheme the zero points
    and scales that PyTorch's convert() quantizes its weights with.

    PyTorch's fused fake-quant (FusedMovingAvgObsFakeQuantize, the default
    QAT weight fake-quant) computes asymmetric parameters for a channel
    whose weights all have one sign, even under a symmetric qscheme: zero
    point -128 (or 127) and the scale of the channel's range over 255.
    convert() asks the observer instead (calculate_qparams), which gives
    zero point 0 and about twice that scale: PyTorch's own int8 model
    disagrees with its fake-quant model on those channels. qat compiles
    what convert() deploys (docs/FromPyTorch.md says why). Returns the
    names of the modules changed."""
    import torch
    symmetric = (torch.per_channel_symmetric, torch.per_tensor_symmetric)
    changed = []
    for name, m in root.named_modules():
        fq = getattr(m, "weight_fake_quant", None)
        if not isinstance(fq, torch.nn.Module) or not hasattr(m, "weight"):
            continue
        if getattr(fq, "qscheme", None) not in symmetric:
            continue
        zero_point = _tensor(fq, "zero_point")
        if not bool((zero_point != 0).any()):
            continue
        # The fused op recomputes its parameters from the observed range on
        # every call, observer on or off: the module is replaced.
        # FakeQuantizeBase declares it; Module's __getattr__ types hide it.
        observer: Any = fq
        scale, zp = observer.calculate_qparams()
        qmin, qmax = _range(fq)
        m.weight_fake_quant = _frozen(
            fq, qmin, qmax,
            (scale.reshape(_tensor(fq, "scale").shape),
             zp.reshape(zero_point.shape)))
        changed.append(name)
    return changed


def prepare_for_export(module: object,
                       example_input: torch.Tensor) -> torch.nn.Module:
    """A copy of `module` that ONNX can express, computing the same."""
    import torch
    if not isinstance(module, torch.nn.Module):
        raise CompileError(f"expected a torch.nn.Module, got "
                           f"{type(module).__name__}")
    fake_quants = _fake_quant_modules(module)
    if not fake_quants:
        raise CompileError(
            f"{type(module).__name__} has no fake-quant modules: prepare it "
            "for QAT first (torch.ao.quantization.prepare_qat, or "
            "quantize_fx.prepare_qat_fx)")
    # The modules whose computation depends on the mode (a fake-quant's
    # training flag changes nothing; frozen ConvBn modules leave theirs set).
    from torch.nn.modules.batchnorm import _BatchNorm
    from torch.nn.modules.dropout import _DropoutNd
    training = [name or type(module).__name__
                for name, m in module.named_modules()
                if m.training and isinstance(m, (_BatchNorm, _DropoutNd))]
    if training:
        warnings.warn(
            f"module '{training[0]}' is in training mode ({len(training)} "
            "batchnorm or dropout modules are); qat compiles the model in "
            "eval mode, with batchnorm's running statistics (call "
            "model.eval() to silence this)", QatWarning, stacklevel=3)
    observing = [name for name, m in fake_quants
                 if int(m.observer_enabled[0]) == 1]
    if observing:
        warnings.warn(
            f"module '{observing[0]}' still has its observer enabled "
            f"({len(observing)} fake-quant modules do): its range can still "
            "change; qat compiles the current one (apply "
            "torch.ao.quantization.disable_observer to freeze it)",
            QatWarning, stacklevel=3)
    disabled = [name for name, m in fake_quants
                if int(m.fake_quant_enabled[0]) == 0]
    if disabled:
        raise CompileError(
            f"module '{disabled[0]}' has fake quantization disabled, so the "
            "model does not say how that tensor is quantized (apply "
            "torch.ao.quantization.enable_fake_quant)")

    # What the module computes once frozen; neither copy touches the user's.
    frozen = copy.deepcopy(module).eval()
    frozen.apply(torch.ao.quantization.disable_observer)
    symmetrized = _symmetric_weight_qparams(frozen)
    if symmetrized:
        warnings.warn(
            f"module '{symmetrized[0]}' ({len(symmetrized)} modules in all) "
            "has weight channels that PyTorch's fused fake-quant quantized "
            "with zero point -128 or 127 under a symmetric qscheme; qat "
            "quantizes them as PyTorch's convert() does (zero point 0, the "
            "observer's scale), so the compiled model matches PyTorch's own "
            "int8 model there, not the fake-quant one (docs/FromPyTorch.md)",
            QatWarning, stacklevel=3)
    prepared = copy.deepcopy(frozen)
    for name, m in list(prepared.named_modules()):
        if hasattr(m, "weight_fake_quant") and hasattr(m, "weight"):
            _store_weights_in_int8(prepared, name, m)
    replacements: Dict[int, torch.nn.Module] = {}
    for name, fq in _fake_quant_modules(prepared):
        qmin, qmax = _range(fq)
        int16 = (qmin, qmax) == (-32768, 32767)
        if int16 and (_tensor(fq, "scale").numel() != 1
                      or int(_tensor(fq, "zero_point")) != 0):
            raise CompileError(
                f"module '{name}': 16-bit activations must be per tensor "
                "and symmetric (zero point 0, qscheme "
                "torch.per_tensor_symmetric), TFLite's 16x8 scheme")
        if not int16 and (qmin, qmax) not in _ONNX_RANGES:
            raise CompileError(
                f"module '{name}': activations quantized to [{qmin}, "
                f"{qmax}] cannot be exported to ONNX; qat takes 8-bit "
                "ranges and the symmetric 16-bit one, [-32768, 32767]")
        if id(fq) not in replacements:
            replacements[id(fq)] = (_frozen_int16(fq) if int16 else
                                    _frozen(fq, qmin, qmax))
        _replace(prepared, name, replacements[id(fq)])

    with torch.no_grad():
        expected = frozen(example_input)
        got = prepared(example_input)
    same = (torch.equal(expected, got) if isinstance(expected, torch.Tensor)
            else all(torch.equal(a, b) for a, b in zip(expected, got)))
    if not same:
        raise CompileError(
            f"qat's export copy of {type(module).__name__} computes "
            "something else than the module on the example input; please "
            "report this")
    return prepared


def module_path(onnx_name: str) -> Optional[str]:
    """The PyTorch module an exported ONNX node name comes from, or None.

    torch.onnx names a node by its module scopes and its operator,
    ``/features/features.4/block/block.2/Mul``: each scope is the module's
    name in its parent's namespace, where a child of a Sequential or
    ModuleList repeats its parent's name (``features.4`` under
    ``features``). The path is ``features.4.block.2``."""
    parts = [p for p in onnx_name.split("/") if p]
    if len(parts) < 2:
        return None
    path: List[str] = []
    for scope in parts[:-1]:
        if path and scope.startswith(path[-1] + "."):
            path[-1] = scope
        else:
            path.append(scope)
    return ".".join(path)


def _owner(onnx_name: str, model_name: str,
           module_form: str = "module '{}'") -> Optional[str]:
    """What wrote an exported ONNX node, in a PyTorch user's terms: its
    module (its path in `module_form`), or `Model.forward` for an op of the
    model's own forward; None for a name of neither form."""
    path = module_path(onnx_name)
    if path:
        return module_form.format(path)
    if onnx_name.startswith("/") and onnx_name.count("/") == 1:
        return f"{model_name}.forward"
    return None


def layer_name(onnx_names: str, model_name: str) -> str:
    """A per-layer report's layer (one ONNX node, or several joined by
    ", "), named by its PyTorch modules and the operators the export made
    of them: ``features.4.block.2 (Mul)``."""
    def one(name: str) -> str:
        owner = _owner(name, model_name, "{}")
        return f"{owner} ({name.rsplit('/', 1)[-1]})" if owner else name
    return ", ".join(dict.fromkeys(one(n) for n in onnx_names.split(", ")))


# What a PyTorch user changes for the compiler's refusals that arise from
# how the model was prepared.
_PYTORCH_HINTS = [
    ("is a constant without quantization parameters",
     "a tensor, nn.Parameter or number that forward() uses directly (a "
     "position embedding, a class token, a constant factor) is not "
     "observed: pass it through a QuantStub (a number as a torch.tensor), "
     "as examples/transformer/keyword_transformer.py does"),
    ("has no quantization parameters",
     "this module's output is not observed: FX's default QConfigMapping "
     "leaves some functions (SiLU, GELU, ...) unobserved; give it an "
     "observer (a FloatFunctional or a qconfig for that module), replace "
     "it by one PyTorch quantizes (nn.Hardswish, nn.ReLU), or pass "
     "default_range=(min, max) to qat.compile"),
    ("inputs are quantized with different parameters",
     "concatenate with torch.nn.quantized.FloatFunctional().cat, whose "
     "observer quantizes the result, as torchvision's models do"),
    ("weights must be symmetric",
     "quantize the weights with a symmetric qscheme "
     "(torch.per_channel_symmetric or torch.per_tensor_symmetric)"),
]


def in_module_terms(diagnostic: Any, model_name: str) -> Any:
    """A diagnostic of the compiled export, naming PyTorch modules instead
    of ONNX nodes and the model instead of its temporary ONNX file."""
    import re
    from .errors import Diagnostic

    def node(match: Any) -> str:
        name, op = match.group(1), match.group(2) or ""
        owner = _owner(name, model_name) or f"'{name}'"
        return f"{owner}{op}"

    pattern = r"ONNX node '([^']*)'( \([A-Za-z]+\))?"
    message = re.sub(pattern, node, diagnostic.message)
    for symptom, hint in _PYTORCH_HINTS:
        if symptom in message:
            message += f" (in PyTorch: {hint})"
            break
    location = diagnostic.location
    if location == model_name + ".onnx":
        location = model_name
    elif location.startswith("/"):
        owners = [_owner(n.strip(), model_name) for n in location.split(",")]
        named = [o for o in dict.fromkeys(owners) if o]
        if named:
            location = ", ".join(named)
    return Diagnostic(diagnostic.severity, location, message)


def to_onnx(module: torch.nn.Module, example_input: object) -> bytes:
    """ONNX bytes (opset 13) of a PyTorch QAT module."""
    import torch
    if example_input is None:
        raise CompileError(
            "a PyTorch model needs example_input: one sample, with its batch "
            "dimension of 1 (e.g. torch.zeros(1, 1, 8, 8))")
    sample = (example_input if isinstance(example_input, torch.Tensor)
              else torch.as_tensor(example_input))[:1].float()
    prepared = prepare_for_export(module, sample)
    buffer = io.BytesIO()
    from . import nn as qat_nn
    qat_nn.begin_export()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(prepared, (sample,), buffer,
                              opset_version=13, input_names=["input"],
                              output_names=["output"])
    except Exception as e:  # torch raises many kinds
        raise CompileError(
            f"PyTorch could not export {type(module).__name__} to ONNX: "
            f"{e}") from e
    finally:
        powers = qat_nn.end_export()
    if not powers:
        return buffer.getvalue()
    return _with_cell_scales(buffer.getvalue(), powers)


def _with_cell_scales(data: bytes, powers: List[int]) -> bytes:
    """The ONNX model with each qat.nn.LSTM's cell scale power in its
    metadata, keyed by its LSTM node's name (the nodes appear in the order
    the modules ran)."""
    import onnx
    model = onnx.load_from_string(data)
    nodes = [n for n in model.graph.node if n.op_type == "LSTM"]
    if len(nodes) != len(powers):
        raise CompileError(
            f"the export holds {len(nodes)} LSTM nodes for {len(powers)} "
            "qat.nn.LSTM calls; please report this")
    for i, (node, power) in enumerate(zip(nodes, powers)):
        if not node.name:
            node.name = f"LSTM_{i}"
        entry = model.metadata_props.add()
        entry.key = f"qat.lstm.cell_scale_power.{node.name}"
        entry.value = str(power)
    return bytes(model.SerializeToString())


def float_to_onnx(module: torch.nn.Module, example_input: object) -> bytes:
    """ONNX bytes (opset 13) of a float PyTorch module, in eval mode (a
    copy; batchnorm folds into the convolutions on export)."""
    import torch
    if example_input is None:
        raise CompileError(
            "a PyTorch model needs example_input: one sample, with its batch "
            "dimension of 1 (e.g. torch.zeros(1, 1, 8, 8))")
    if _fake_quant_modules(module):
        raise CompileError(
            f"{type(module).__name__} already has fake-quant modules; "
            "qat.calibrate takes a float model (compile a QAT model with "
            "qat.compile)")
    sample = torch.as_tensor(example_input)[:1].float()
    frozen = copy.deepcopy(module).eval()
    buffer = io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(frozen, (sample,), buffer,
                              opset_version=13, input_names=["input"],
                              output_names=["output"])
    except Exception as e:  # torch raises many kinds
        raise CompileError(
            f"PyTorch could not export {type(module).__name__} to ONNX: "
            f"{e}") from e
    return buffer.getvalue()
