# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""`qat.compile` and `qat.CompiledModel`."""
from __future__ import annotations

import ctypes
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import threading
import weakref
from dataclasses import dataclass
from typing import (TYPE_CHECKING, Any, Callable, Dict, List, NoReturn,
                    Optional, Sequence, Tuple, Type, TypeVar, Union)

import numpy as np
import numpy.typing as npt

from . import _capi
from ._native import IntArray, IntType, NativeModel
from .errors import (CompileError, Diagnostic, QatMemoryError, QatTypeError,
                     QatValueError)

if TYPE_CHECKING:
    from .report import Report

_Scalar = TypeVar("_Scalar", bound=np.generic)
#: One array per output: the array itself for a model with one output.
Arrays = Union[npt.NDArray[Any], Tuple[npt.NDArray[Any], ...]]
FloatArray = npt.NDArray[np.float32]
FloatArrays = Union[FloatArray, Tuple[FloatArray, ...]]
IntArrays = Union[IntArray, Tuple[IntArray, ...]]
#: qatModelInterpretProgram or qatModelInterpretGraph.
_Interpreter = Callable[["_capi._Model", "ctypes.Array[ctypes.c_void_p]",
                         "ctypes.Array[ctypes.c_void_p]"], bool]


@dataclass(frozen=True)
class Port:
    """An input or output of the compiled model: an int8 tensor (int16
    where its activations were made int16, `compile`'s int16_activations).

    A real value x is passed as ``q = clamp(round(x / scale) + zero_point,
    -128, 127)`` (half away from zero; [-32768, 32767] for int16); an
    output q means ``scale * (q - zero_point)``.

    `shape` and `layout` are the device's: "NHWC", "NCHW" or "NCL" for the
    image ports of an imported model, else "". `source_layout` is the
    port's layout in the model it came from where the device's differs
    ("NCHW" or "NCL" for an ONNX or PyTorch port compiled NHWC, else ""):
    the host API (`run`, `interpret`, `report`, ...) takes and gives data
    in that layout, `host_shape`, and converts.
    """
    shape: Tuple[int, ...]
    scale: Optional[float]
    zero_point: Optional[int]
    layout: str
    dtype: IntType = np.int8
    source_layout: str = ""

    @property
    def size(self) -> int:
        return int(np.prod(self.shape))

    @property
    def host_shape(self) -> Tuple[int, ...]:
        """The shape the host API takes: the source model's (an NCHW
        image's (N, C, H, W), an NCL sequence's (N, C, L)), else `shape`."""
        if self.source_layout == "NCHW":
            n, h, w, c = self.shape
            return (n, c, h, w)
        if self.source_layout == "NCL":
            n, _, length, c = self.shape
            return (n, c, length)
        return self.shape

    @property
    def sample_shape(self) -> Tuple[int, ...]:
        """A sample's shape in a host batch: `host_shape` without its
        leading 1."""
        shape = self.host_shape
        return shape[1:] if shape and shape[0] == 1 else shape

    def to_device(self, batch: npt.NDArray[_Scalar]) -> npt.NDArray[_Scalar]:
        """A batch in `host_shape`'s layout -> the device's layout."""
        if self.source_layout == "NCHW":
            return batch.transpose(0, 2, 3, 1)
        if self.source_layout == "NCL":
            return batch.transpose(0, 2, 1)[:, None]
        return batch

    def to_host(self, batch: npt.NDArray[_Scalar]) -> npt.NDArray[_Scalar]:
        """A batch in the device's layout -> `host_shape`'s layout."""
        if self.source_layout == "NCHW":
            return batch.transpose(0, 3, 1, 2)
        if self.source_layout == "NCL":
            return batch[:, 0].transpose(0, 2, 1)
        return batch

    def quantize(self, x: npt.ArrayLike) -> IntArray:
        """float -> int8, as the model's boundary defines it (double
        arithmetic, ties away from zero, NaN to -128)."""
        scale, zero_point = self._require_quantization()
        v = np.asarray(x, np.float64) / scale
        # round(|v|) half up, signed as v: ties away from zero. In place,
        # one temporary: this runs on every batch the native code takes.
        q = np.abs(v)
        q += 0.5
        np.floor(q, out=q)
        np.copysign(q, v, out=q)
        q += zero_point
        info = np.iinfo(self.dtype)
        np.clip(q, info.min, info.max, out=q)
        q[np.isnan(q)] = info.min
        result: IntArray = q.astype(self.dtype)
        return result

    def dequantize(self, q: npt.ArrayLike) -> FloatArray:
        """int8 (or int16) -> float32: float(scale * (q - zero_point))."""
        scale, zero_point = self._require_quantization()
        return (scale * (np.asarray(q, np.float64) - zero_point)) \
            .astype(np.float32)

    def _require_quantization(self) -> Tuple[float, int]:
        """(scale, zero_point), which a port of a hand-written program may
        not state."""
        if self.scale is None or self.zero_point is None:
            raise QatValueError("this port states no quantization (a "
                                "hand-written int8 program); use the *_int8 "
                                "methods")
        return self.scale, self.zero_point


def _port(p: _capi._Port) -> Port:
    shape = tuple(int(p.shape[d]) for d in range(p.rank))
    dtype: IntType = np.int16 if p.bits == 16 else np.int8
    return Port(shape, float(p.scale) if p.hasQuantization else None,
                int(p.zeroPoint) if p.hasQuantization else None,
                _capi.text(p.layout, "port layout"), dtype,
                _capi.text(p.sourceLayout, "port source layout"))


def _diagnostics(handle: _capi._Model) -> List[Diagnostic]:
    lib = _capi.lib()
    result = []
    for i in range(lib.qatModelGetNumDiagnostics(handle)):
        d = lib.qatModelGetDiagnostic(handle, i)
        # Names from the model may hold any bytes; a diagnostic must not
        # fail to decode.
        result.append(Diagnostic(
            _capi.SEVERITY.get(d.severity, "error"),
            _capi.text(d.location, "diagnostic location", errors="replace"),
            _capi.text(d.message, "diagnostic message", errors="replace")))
    return result


def _raise(handle: _capi._Model, what: str,
           torch_model: Optional[str] = None) -> NoReturn:
    diagnostics = _diagnostics(handle)
    if torch_model is not None:
        from ._torch import in_module_terms
        diagnostics = [in_module_terms(d, torch_model) for d in diagnostics]
    text = "\n".join(str(d) for d in diagnostics) or "no diagnostic"
    raise CompileError(f"{what}:\n{text}", diagnostics)


class CompiledModel:
    """A model compiled to an int8 program, runnable in-process.

    Created by `qat.compile`. `run` executes the native code (LLVM path,
    built by clang on first use and cached); `interpret` runs the same
    program in qat's reference interpreter, bit-exact with it;
    `interpret_graph` runs the fake-quant graph it was compiled from.

    Threads: one model may be used from several threads at once. `run`
    calls execute concurrently, each with an arena of its own; calls that
    go through the compiler (`interpret*`, `report`, the artifacts) take
    the model's lock in turn, as the C API requires of one model.
    """

    def __init__(self, handle: _capi._Model,
                 torch_model: Optional[str] = None) -> None:
        lib = _capi.lib()
        self._handle = handle
        # A PyTorch model's class name: reports and errors name modules.
        self._torch_model = torch_model
        # Destroys the handle once the model is garbage (or at exit); holds
        # the library and the handle, not the model.
        self._finalizer = weakref.finalize(self, lib.qatModelDestroy, handle)
        self.name: str = _capi.text(lib.qatModelGetName(handle), "model name")
        self.inputs: List[Port] = [
            _port(lib.qatModelGetInput(handle, i))
            for i in range(lib.qatModelGetNumInputs(handle))]
        self.outputs: List[Port] = [
            _port(lib.qatModelGetOutput(handle, i))
            for i in range(lib.qatModelGetNumOutputs(handle))]
        #: Bytes of working memory the model needs (RAM besides its I/O).
        self.arena_size: int = int(lib.qatModelGetArenaSize(handle))
        #: Bytes of constant data: weights, biases, lookup tables.
        self.constant_bytes: int = int(lib.qatModelGetConstantBytes(handle))
        self._native: Optional[NativeModel] = None
        # Serialises the C API calls on this handle (Compiler.h: calls on
        # one model must not overlap) and the native library's first build.
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        def ports(ps: Sequence[Port]) -> str:
            return ", ".join(
                "x".join(map(str, p.shape))
                + (f" {p.layout}" if p.layout else "") for p in ps)
        return (f"<qat.CompiledModel {self.name}: ({ports(self.inputs)}) -> "
                f"({ports(self.outputs)}), arena {self.arena_size} B, "
                f"constants {self.constant_bytes} B>")

    # Artifacts.
    def _emit(self, artifact: str) -> str:
        with self._lock:
            text = _capi.emit(self._handle, artifact)
            if text is None:
                _raise(self._handle, f"cannot emit {artifact} for "
                                     f"{self.name}", self._torch_model)
            return text

    @property
    def qint_text(self) -> str:
        """The int8 program, qint dialect (MLIR text)."""
        return self._emit("program")

    @property
    def graph_text(self) -> str:
        """The fake-quant graph it was compiled from (MLIR text, with its
        locations and the options it was compiled with: saved as .mlir and
        compiled again, it gives the same program)."""
        return self._emit("graph")

    @property
    def header(self) -> str:
        """NAME.h: the entry point and each port's size, shape, scale."""
        return self._emit("header")

    def emit_c(self, directory: Union[str, os.PathLike[str]],
               static_arena: bool = False) -> pathlib.Path:
        """Writes NAME.c and NAME.h (C99 on qat's runtime, for Cortex-M);
        returns NAME.c's path."""
        source = self._emit("c-static-arena" if static_arena else "c")
        return self._write(directory, source, ".c")

    def emit_llvm(self, directory: Union[str, os.PathLike[str]]
                  ) -> pathlib.Path:
        """Writes NAME.ll (LLVM IR for the host) and NAME.h."""
        return self._write(directory, self._emit("llvm"), ".ll")

    def _write(self, directory: Union[str, os.PathLike[str]], text: str,
               extension: str) -> pathlib.Path:
        header = self.header
        directory = pathlib.Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / f"{self.name}.h").write_text(header)
        path = directory / f"{self.name}{extension}"
        path.write_text(text)
        return path

    # Shapes and quantization at the boundary.
    def _batches(self, xs: Sequence[npt.ArrayLike], ports: Sequence[Port],
                 dtype: Optional[Type[np.float32]]
                 ) -> Tuple[int, List[npt.NDArray[Any]]]:
        """The batches `xs` (in each port's host layout) as arrays in the
        device's layout, checked against `ports`, and their batch size N;
        their dtype too when `dtype` is None (the *_int8 methods)."""
        if len(xs) != len(ports):
            raise QatValueError(f"{self.name} takes {len(ports)} input(s), "
                                f"got {len(xs)}")
        arrays: List[npt.NDArray[Any]] = []
        n: Optional[int] = None
        for i, (x, port) in enumerate(zip(xs, ports)):
            a = np.asarray(x)
            want = port.sample_shape
            if a.shape[1:] != want:
                raise QatValueError(
                    f"input {i} of {self.name} must be a batch of shape "
                    f"(N, {', '.join(map(str, want))}), got {a.shape}"
                    + (f" (layout {port.source_layout or port.layout})"
                       if port.layout else ""))
            if n is not None and a.shape[0] != n:
                raise QatValueError("the inputs have different batch sizes")
            n = a.shape[0]
            arrays.append(port.to_device(a.reshape((-1,) +
                                                   port.host_shape[1:])))
        if n is None:
            raise QatValueError(f"{self.name} has no inputs to run on")
        if dtype is None:
            for i, (a, port) in enumerate(zip(arrays, ports)):
                if a.dtype != port.dtype:
                    raise QatValueError(f"input {i} must be "
                                        f"{np.dtype(port.dtype).name}, not "
                                        f"{a.dtype}")
        return n, arrays

    def _shaped(self, flat: Sequence[npt.NDArray[_Scalar]], n: int
                ) -> Union[npt.NDArray[_Scalar],
                           Tuple[npt.NDArray[_Scalar], ...]]:
        shaped = [p.to_host(a.reshape((-1,) + p.shape[1:]))
                  .reshape((n,) + p.sample_shape)
                  for a, p in zip(flat, self.outputs)]
        return shaped[0] if len(shaped) == 1 else tuple(shaped)

    def _dequantized(self, out: IntArrays) -> FloatArrays:
        outs = out if isinstance(out, tuple) else (out,)
        result = tuple(p.dequantize(o) for o, p in zip(outs, self.outputs))
        return result[0] if len(result) == 1 else result

    # Native execution.
    def native(self) -> NativeModel:
        """The model's native shared library (built and loaded on first
        use; cached by content hash under qat._native.cache_dir())."""
        with self._lock:
            if self._native is None:
                self._native = NativeModel(
                    self.name, self._emit("llvm"),
                    [(p.size, p.dtype) for p in self.inputs],
                    [(p.size, p.dtype) for p in self.outputs],
                    self.arena_size)
            return self._native

    def run_int8(self, *q: npt.ArrayLike) -> IntArrays:
        """int8 batches in, int8 batches out, on the native code (int16 for
        int16 ports)."""
        n, arrays = self._batches(q, self.inputs, None)
        flat = [np.ascontiguousarray(a).reshape(n, p.size)
                for a, p in zip(arrays, self.inputs)]
        return self._shaped(self.native().run(flat), n)

    def run(self, *x: npt.ArrayLike) -> FloatArrays:
        """float32 batches in (each input's `host_shape`: the layout of the
        model it came from), dequantized float32 batches out, on the native
        code."""
        self._batches(x, self.inputs, np.float32)
        # Element-wise, so in the host layout; run_int8 converts.
        q = [p.quantize(a) for a, p in zip(x, self.inputs)]
        return self._dequantized(self.run_int8(*q))

    __call__ = run

    # The interpreter.
    def interpret_int8(self, *q: npt.ArrayLike) -> IntArrays:
        """The int8 program in qat's reference interpreter (int16 for int16
        ports)."""
        n, arrays = self._batches(q, self.inputs, None)
        flat_in = [np.ascontiguousarray(a).reshape(n, p.size)
                   for a, p in zip(arrays, self.inputs)]
        flat_out = [np.empty((n, p.size), p.dtype) for p in self.outputs]
        self._interpret(n, flat_in, flat_out,
                        _capi.lib().qatModelInterpretProgram)
        return self._shaped(flat_out, n)

    def interpret(self, *x: npt.ArrayLike) -> FloatArrays:
        """As `run`, but in the reference interpreter (for cross-checks:
        bit-exact with `run`)."""
        self._batches(x, self.inputs, np.float32)
        q = [p.quantize(a) for a, p in zip(x, self.inputs)]
        return self._dequantized(self.interpret_int8(*q))

    def interpret_graph(self, *x: npt.ArrayLike) -> FloatArrays:
        """The fake-quant graph (float32, as training computed it)."""
        n, arrays = self._batches(x, self.inputs, np.float32)
        flat_in = [np.ascontiguousarray(a, np.float32).reshape(n, p.size)
                   for a, p in zip(arrays, self.inputs)]
        flat_out = [np.empty((n, p.size), np.float32) for p in self.outputs]
        self._interpret(n, flat_in, flat_out,
                        _capi.lib().qatModelInterpretGraph)
        return self._shaped(flat_out, n)

    def _interpret(self, n: int, flat_in: Sequence[npt.NDArray[Any]],
                   flat_out: Sequence[npt.NDArray[Any]],
                   function: _Interpreter) -> None:
        ins = (ctypes.c_void_p * len(flat_in))()
        outs = (ctypes.c_void_p * len(flat_out))()
        for b in range(n):
            for i, a in enumerate(flat_in):
                ins[i] = a[b].ctypes.data
            for i, a in enumerate(flat_out):
                outs[i] = a[b].ctypes.data
            with self._lock:
                if not function(self._handle, ins, outs):
                    _raise(self._handle, f"the interpreter failed on sample "
                                         f"{b} of {self.name}",
                           self._torch_model)

    # Where accuracy goes.
    def report(self, *x: npt.ArrayLike,
               labels: Optional[npt.ArrayLike] = None,
               path: Optional[Union[str, os.PathLike[str]]] = None
               ) -> Report:
        """The per-layer report on float32 batches `x` (docs/Report.md):
        the float graph, the fake-quant graph and the int8 program compared
        at every layer, with top-1 agreement and, given `labels`, accuracy
        at each level. `path` also saves it (.md, .json or .png)."""
        from .report import Report
        n, arrays = self._batches(x, self.inputs, np.float32)
        flat = [np.ascontiguousarray(a, np.float32).reshape(n, p.size)
                for a, p in zip(arrays, self.inputs)]
        batches = (ctypes.c_void_p * len(flat))(
            *[a.ctypes.data for a in flat])
        label_array = None
        if labels is not None:
            label_array = np.ascontiguousarray(labels, np.int64).reshape(-1)
            if label_array.shape[0] != n:
                raise QatValueError(f"{label_array.shape[0]} labels for "
                                    f"{n} samples")
        json_text, markdown = ctypes.c_void_p(), ctypes.c_void_p()
        lib = _capi.lib()
        with self._lock:
            if not lib.qatModelReport(
                    self._handle, n, batches,
                    label_array.ctypes.data if label_array is not None
                    else None, ctypes.byref(json_text),
                    ctypes.byref(markdown)):
                _raise(self._handle, f"cannot report on {self.name}",
                       self._torch_model)
        try:
            if not json_text.value or not markdown.value:
                raise CompileError(f"cannot report on {self.name}: the C "
                                   "library returned no report")
            report = Report.from_json(
                ctypes.string_at(json_text.value).decode(),
                ctypes.string_at(markdown.value).decode())
        finally:
            lib.qatStringDestroy(json_text.value)
            lib.qatStringDestroy(markdown.value)
        if self._torch_model is not None:
            from ._torch import layer_name
            model_name = self._torch_model
            report = report.renamed(lambda n: layer_name(n, model_name))
        if path is not None:
            report.save(path)
        return report

    # Flash on a microcontroller.
    def flash(self, target: str = "cortex-m4") -> Dict[str, int]:
        """Flash bytes of the model on a Cortex-M: the generated C and the
        runtime code it reaches, built with arm-none-eabi-gcc -O2 and
        linked with --gc-sections. Returns {"code": .text, "constants":
        .rodata + .data, "total": both}."""
        flags = {"cortex-m4": ["-mcpu=cortex-m4", "-mthumb",
                               "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"],
                 "cortex-m55": ["-mcpu=cortex-m55", "-mthumb",
                                "-mfloat-abi=hard"]}
        if target not in flags:
            raise QatValueError(f"target must be one of {sorted(flags)}")
        gcc = shutil.which("arm-none-eabi-gcc")
        if not gcc:
            raise CompileError("flash() needs arm-none-eabi-gcc "
                               "(Debian's gcc-arm-none-eabi)")
        runtime = _runtime_dir()
        with tempfile.TemporaryDirectory() as temporary:
            work = pathlib.Path(temporary)
            source = self.emit_c(work)
            part = work / "model.o"
            subprocess.run(
                [gcc] + flags[target] + [
                    "-O2", "-std=c99", "-ffunction-sections",
                    "-fdata-sections", "-nostdlib", f"-I{work}",
                    f"-I{runtime / 'include'}",
                    f"-Wl,-r,--gc-sections,-u,qat_{self.name}_run", "-o",
                    str(part), str(source)] +
                [str(s) for s in sorted((runtime / "src").glob("*.c"))],
                check=True, capture_output=True)
            sizes = subprocess.run([gcc[:-3] + "size", "-A", str(part)],
                                   check=True, capture_output=True,
                                   text=True).stdout
        result = {"code": 0, "constants": 0}
        for name, size in re.findall(r"^(\.\S+)\s+(\d+)", sizes, re.M):
            if name.startswith(".text"):
                result["code"] += int(size)
            elif name.startswith((".rodata", ".data")):
                result["constants"] += int(size)
        result["total"] = result["code"] + result["constants"]
        return result


def _runtime_dir() -> pathlib.Path:
    """qat's C runtime sources: inside the package (as pip installs it),
    <repo>/runtime or <prefix>/share/qat/runtime."""
    here = pathlib.Path(__file__).resolve().parent
    for parent in (here, *here.parents):
        for candidate in (parent / "runtime", parent / "share" / "qat" /
                          "runtime"):
            if (candidate / "include" / "qat_rt.h").is_file():
                return candidate
    raise CompileError("qat: cannot find the C runtime (runtime/)")


def compile(model: Any, example_input: Any = None, *,
            rounding: Optional[str] = None, layout: Optional[str] = None,
            name: Optional[str] = None, function: Optional[str] = None,
            default_range: Optional[Tuple[float, float]] = None,
            wide_weights: int = 0,
            int16_activations: Optional[Sequence[str]] = None,
            in_place_windows: bool = True,
            pack_4bit_weights: bool = False) -> CompiledModel:
    """Compiles a quantization-aware model to an int8 program, in-process.

    `model` is a path to a ``.onnx`` (ONNX QDQ) or ``.mlir`` (qat
    fake-quant graph) file, an ``onnx.ModelProto``, or a PyTorch QAT module
    (eager ``prepare_qat`` or FX ``prepare_qat_fx``; it needs
    `example_input`, one sample with its batch dimension of 1).

    `rounding` is "single" (the default for ONNX and PyTorch models, whose
    fake-quant rounds once) or "double" (TFLite Micro and CMSIS-NN's
    arithmetic; the default for .mlir). `layout` ("nhwc", the default, or
    "nchw") is the layout of image inputs and outputs of ONNX and PyTorch
    models. `name` names the entry point qat_NAME_run and emitted files.
    `default_range` ``(min, max)`` quantizes tensors training left without
    parameters to that range instead of failing (qat-to-int8's
    default-range; docs/Compiler.md lists the options). `wide_weights` is
    the extra flash, in bytes, `emit_c` may spend on int16 copies of conv
    and fully connected weights, which Cortex-M cores with DSP and no Helium
    run faster on (0, the default: none). `int16_activations` lists layers,
    by the names the per-layer report gives them, whose activations become
    int16 (TFLite's 16x8 scheme), or ``["all"]``: mixed precision
    (docs/MixedPrecision.md). `in_place_windows` (default true) lets the
    convolutions and pools at the memory peak write over their input (a
    smaller arena); false gives each its own buffer. `pack_4bit_weights`
    stores weights whose int8 values all lie in [-8, 7] as 4-bit values, two
    per byte, in `emit_c`'s source (half their flash, the same results).
    These are the options of qat-compile and the C API too (one table,
    include/qat-c/CompileOptions.def).

    Raises `qat.CompileError` carrying the compiler's diagnostics.
    """
    lib = _capi.lib()
    # A PyTorch model's class name: its diagnostics name modules.
    torch_model: Optional[str] = None
    if isinstance(model, (str, os.PathLike)):
        path = pathlib.Path(model)
        if not path.is_file():
            raise CompileError(f"{path}: no such file")
        opts = _capi.options(name, rounding, layout, function, default_range,
                             wide_weights, int16_activations,
                             in_place_windows, pack_4bit_weights)
        handle = lib.qatModelCompileFile(str(path).encode(),
                                         ctypes.byref(opts))
    else:
        source: bytes
        if type(model).__name__ == "ModelProto":
            source = model.SerializeToString()
            source_name = (model.graph.name or "model") + ".onnx"
        elif _is_torch_module(model):
            from ._torch import to_onnx
            source = to_onnx(model, example_input)
            torch_model = type(model).__name__
            source_name = torch_model + ".onnx"
        else:
            raise QatTypeError(
                "qat.compile takes a path (.onnx or .mlir), an "
                "onnx.ModelProto or a PyTorch QAT module, not "
                f"{type(model).__name__}")
        opts = _capi.options(name, rounding, layout, function, default_range,
                             wide_weights, int16_activations,
                             in_place_windows, pack_4bit_weights)
        handle = lib.qatModelCompileBuffer(source, len(source),
                                           source_name.encode(),
                                           ctypes.byref(opts))
    if not handle.ptr:
        raise QatMemoryError("qat: out of memory")
    if not lib.qatModelSucceeded(handle):
        try:
            _raise(handle, "qat could not compile the model", torch_model)
        finally:
            lib.qatModelDestroy(handle)
    return CompiledModel(handle, torch_model)


def _is_torch_module(model: Any) -> bool:
    try:
        import torch
    except ImportError:
        return False
    return isinstance(model, torch.nn.Module)


def calibrate(model: Any, data: Any, *, method: str = "minmax",
              per_channel: bool = True, weight_bits: int = 8,
              example_input: Any = None, rounding: Optional[str] = None,
              layout: Optional[str] = None,
              name: Optional[str] = None) -> CompiledModel:
    """Post-training quantization in qat's own path: calibrates a float
    model on `data` and compiles it, like `compile` does a QAT model.

    `model` is a float PyTorch module (with `example_input`), an ONNX file
    or ``onnx.ModelProto`` without Q/DQ, or a float qat ``.mlir`` graph.
    `data` is a float32 batch ``(N, ...)`` in the model's own layout (an
    ONNX or PyTorch image NCHW, as `run` then takes it). `method` chooses the
    activation ranges: "minmax", "percentile" (99.99th) or "mse"; weights
    are symmetric with `weight_bits` bits, per output channel unless
    `per_channel` is false. The result's `graph_text` is the calibrated
    fake-quant graph; `report` compares it with the float model layer by
    layer.
    """
    lib = _capi.lib()
    if isinstance(model, (str, os.PathLike)):
        path = pathlib.Path(model)
        if not path.is_file():
            raise CompileError(f"{path}: no such file")
        source, source_name = path.read_bytes(), path.name
    elif type(model).__name__ == "ModelProto":
        source = model.SerializeToString()
        source_name = (model.graph.name or "model") + ".onnx"
    elif _is_torch_module(model):
        from ._torch import float_to_onnx
        source = float_to_onnx(model, example_input)
        source_name = type(model).__name__ + ".onnx"
    else:
        raise QatTypeError(
            "qat.calibrate takes a path (.onnx or .mlir), an "
            "onnx.ModelProto or a float PyTorch module, not "
            f"{type(model).__name__}")
    try:
        import torch
        if isinstance(data, torch.Tensor):
            data = data.detach().numpy()
    except ImportError:
        pass
    batch = np.ascontiguousarray(data, np.float32)
    if batch.ndim == 0 or batch.shape[0] == 0:
        raise QatValueError("calibration needs a batch of at least one "
                            "sample")
    # The importer gives an ONNX image (rank 4) or sequence (rank 3) an NHWC
    # boundary unless told NCHW; the library calibrates on that.
    if source_name.endswith(".onnx") and (layout or "nhwc").lower() == "nhwc":
        if batch.ndim == 4:
            batch = np.ascontiguousarray(batch.transpose(0, 2, 3, 1))
        elif batch.ndim == 3:
            batch = np.ascontiguousarray(batch.transpose(0, 2, 1)[:, None])
    opts = _capi.options(name, rounding, layout, None)
    calibration = _capi._Calibration(method.encode(), per_channel,
                                     weight_bits)
    shape = np.array(batch.shape, np.int64)
    ranks = (ctypes.c_ssize_t * 1)(batch.ndim)
    shapes = (ctypes.c_void_p * 1)(shape.ctypes.data)
    batches = (ctypes.c_void_p * 1)(batch.ctypes.data)
    handle = lib.qatModelCalibrateBuffer(
        source, len(source), source_name.encode(), ctypes.byref(opts), 1,
        ranks, shapes, batches, ctypes.byref(calibration))
    if not handle.ptr:
        raise QatMemoryError("qat: out of memory")
    if not lib.qatModelSucceeded(handle):
        try:
            _raise(handle, "qat could not calibrate the model")
        finally:
            lib.qatModelDestroy(handle)
    return CompiledModel(handle)
