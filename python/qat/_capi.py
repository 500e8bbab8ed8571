# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""ctypes bindings of qat's C API (include/qat-c/Compiler.h).

Private: the public API is `qat.compile` and `qat.CompiledModel`. The
library is libQATCAPI.so, looked up in $QAT_CAPI_LIBRARY, then inside the
package (as pip installs it), then beside the package in a build tree
(<repo>/build/lib) or an installed tree (<prefix>/lib), then on the
loader's path.

`CAPI` states the functions' Python types for the type checker; `_SIGNATURES`
declares their C types to ctypes. The two list the same functions
(test/python/test_package.py checks it).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import pathlib
from typing import (TYPE_CHECKING, Dict, List, Optional, Protocol, Sequence,
                    Tuple, Union, cast)

from .errors import QatError, QatImportError

if TYPE_CHECKING:
    # What ctypes.byref returns (a type of typeshed's ctypes stub only).
    from ctypes import _CArgObject as _Ref

_HERE = pathlib.Path(__file__).resolve().parent


class _Model(ctypes.Structure):
    ptr: Optional[int]
    _fields_ = [("ptr", ctypes.c_void_p)]


class _Options(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("rounding", ctypes.c_char_p),
                ("layout", ctypes.c_char_p), ("function", ctypes.c_char_p),
                ("hasDefaultRange", ctypes.c_bool),
                ("defaultRangeMin", ctypes.c_double),
                ("defaultRangeMax", ctypes.c_double),
                ("wideWeightBudget", ctypes.c_int64),
                ("int16Activations", ctypes.c_char_p),
                ("outOfPlaceWindows", ctypes.c_bool),
                ("packFourBitWeights", ctypes.c_bool)]


class _Calibration(ctypes.Structure):
    method: Optional[bytes]
    perChannel: bool
    weightBits: int
    _fields_ = [("method", ctypes.c_char_p), ("perChannel", ctypes.c_bool),
                ("weightBits", ctypes.c_int)]


class _Diagnostic(ctypes.Structure):
    severity: int
    location: Optional[bytes]
    message: Optional[bytes]
    _fields_ = [("severity", ctypes.c_int), ("location", ctypes.c_char_p),
                ("message", ctypes.c_char_p)]


class _Port(ctypes.Structure):
    rank: int
    shape: ctypes._Pointer[ctypes.c_int64]
    numElements: int
    hasQuantization: bool
    scale: float
    zeroPoint: int
    layout: Optional[bytes]
    bits: int
    _fields_ = [("rank", ctypes.c_ssize_t),
                ("shape", ctypes.POINTER(ctypes.c_int64)),
                ("numElements", ctypes.c_int64),
                ("hasQuantization", ctypes.c_bool),
                ("scale", ctypes.c_double),
                ("zeroPoint", ctypes.c_int64),
                ("layout", ctypes.c_char_p),
                ("sourceLayout", ctypes.c_char_p),
                ("bits", ctypes.c_int32)]


ARTIFACT = {"header": 0, "c": 1, "c-static-arena": 2, "llvm": 3,
            "program": 4, "graph": 5}
SEVERITY = {0: "error", 1: "warning", 2: "note", 3: "remark"}

class CAPI(Protocol):
    """libQATCAPI.so as Python sees it through ctypes: char * comes back as
    bytes (None for NULL), void * as an int (None for NULL), structs as the
    ctypes structures above."""

    def qatGetVersion(self, /) -> Optional[bytes]: ...

    def qatModelCompileFile(self, path: bytes, options: _Ref, /) -> _Model:
        ...

    def qatModelCompileBuffer(self, data: bytes, size: int, source_name: bytes,
                              options: _Ref, /) -> _Model: ...

    def qatModelCalibrateBuffer(
            self, data: bytes, size: int, source_name: bytes, options: _Ref,
            num_inputs: int, ranks: ctypes.Array[ctypes.c_ssize_t],
            shapes: ctypes.Array[ctypes.c_void_p],
            batches: ctypes.Array[ctypes.c_void_p], calibration: _Ref, /
    ) -> _Model: ...

    def qatModelDestroy(self, model: _Model, /) -> None: ...

    def qatModelSucceeded(self, model: _Model, /) -> bool: ...

    def qatModelGetNumDiagnostics(self, model: _Model, /) -> int: ...

    def qatModelGetDiagnostic(self, model: _Model, index: int, /
                              ) -> _Diagnostic: ...

    def qatModelGetDiagnosticText(self, model: _Model, /) -> Optional[bytes]:
        ...

    def qatModelGetNumInputs(self, model: _Model, /) -> int: ...

    def qatModelGetNumOutputs(self, model: _Model, /) -> int: ...

    def qatModelGetInput(self, model: _Model, index: int, /) -> _Port: ...

    def qatModelGetOutput(self, model: _Model, index: int, /) -> _Port: ...

    def qatModelGetName(self, model: _Model, /) -> Optional[bytes]: ...

    def qatModelGetArenaSize(self, model: _Model, /) -> int: ...

    def qatModelGetConstantBytes(self, model: _Model, /) -> int: ...

    def qatModelEmit(self, model: _Model, artifact: int, /) -> Optional[int]:
        ...

    def qatStringDestroy(self, string: Optional[int], /) -> None: ...

    def qatModelInterpretProgram(self, model: _Model,
                                 inputs: ctypes.Array[ctypes.c_void_p],
                                 outputs: ctypes.Array[ctypes.c_void_p], /
                                 ) -> bool: ...

    def qatModelInterpretGraph(self, model: _Model,
                               inputs: ctypes.Array[ctypes.c_void_p],
                               outputs: ctypes.Array[ctypes.c_void_p], /
                               ) -> bool: ...

    def qatModelReport(self, model: _Model, num_samples: int,
                       batches: ctypes.Array[ctypes.c_void_p],
                       labels: Optional[int], json: _Ref, markdown: _Ref, /
                       ) -> bool: ...


_M, _SSIZE, _VOIDP = _Model, ctypes.c_ssize_t, ctypes.c_void_p
_VOIDPP = ctypes.POINTER(ctypes.c_void_p)
#: Every function of `CAPI`: (return type, argument types) for ctypes.
_SIGNATURES: Dict[str, Tuple[Optional[type], List[type]]] = {
    "qatGetVersion": (ctypes.c_char_p, []),
    "qatModelCompileFile": (_M, [ctypes.c_char_p, ctypes.POINTER(_Options)]),
    "qatModelCompileBuffer": (_M, [_VOIDP, ctypes.c_size_t, ctypes.c_char_p,
                                   ctypes.POINTER(_Options)]),
    "qatModelCalibrateBuffer": (_M, [
        _VOIDP, ctypes.c_size_t, ctypes.c_char_p, ctypes.POINTER(_Options),
        _SSIZE, ctypes.POINTER(_SSIZE), _VOIDPP, _VOIDPP,
        ctypes.POINTER(_Calibration)]),
    "qatModelDestroy": (None, [_M]),
    "qatModelSucceeded": (ctypes.c_bool, [_M]),
    "qatModelGetNumDiagnostics": (_SSIZE, [_M]),
    "qatModelGetDiagnostic": (_Diagnostic, [_M, _SSIZE]),
    "qatModelGetDiagnosticText": (ctypes.c_char_p, [_M]),
    "qatModelGetNumInputs": (_SSIZE, [_M]),
    "qatModelGetNumOutputs": (_SSIZE, [_M]),
    "qatModelGetInput": (_Port, [_M, _SSIZE]),
    "qatModelGetOutput": (_Port, [_M, _SSIZE]),
    "qatModelGetName": (ctypes.c_char_p, [_M]),
    "qatModelGetArenaSize": (ctypes.c_int64, [_M]),
    "qatModelGetConstantBytes": (ctypes.c_int64, [_M]),
    "qatModelEmit": (_VOIDP, [_M, ctypes.c_int]),
    "qatStringDestroy": (None, [_VOIDP]),
    "qatModelInterpretProgram": (ctypes.c_bool, [_M, _VOIDPP, _VOIDPP]),
    "qatModelInterpretGraph": (ctypes.c_bool, [_M, _VOIDPP, _VOIDPP]),
    "qatModelReport": (ctypes.c_bool, [_M, _SSIZE, _VOIDPP, _VOIDP, _VOIDPP,
                                       _VOIDPP]),
}


def _candidates() -> List[pathlib.Path]:
    env = os.environ.get("QAT_CAPI_LIBRARY")
    found = [pathlib.Path(env)] if env else []
    # Inside the package (pip install); <repo>/python/qat -> <repo>/build/lib;
    # <prefix>/lib/python3/.../qat -> <prefix>/lib.
    found.append(_HERE / "libQATCAPI.so")
    for parent in _HERE.parents:
        found += [parent / "build" / "lib" / "libQATCAPI.so",
                  parent / "lib" / "libQATCAPI.so"]
    return found


def _load() -> ctypes.CDLL:
    path: Optional[str] = next(
        (str(p) for p in _candidates() if p.is_file()), None)
    if path is None:
        path = ctypes.util.find_library("QATCAPI")
    if path is None:
        raise QatImportError(
            "qat: cannot find libQATCAPI.so (build qat with the README's "
            "set-up command, or set QAT_CAPI_LIBRARY to its path)")
    try:
        return ctypes.CDLL(path)
    except OSError as e:
        raise QatImportError(f"qat: cannot load {path}: {e}") from e


_lib: Optional[CAPI] = None


def lib() -> CAPI:
    """The C API, loaded on first use with its signatures declared.

    The library stays loaded for the process's life (ctypes never unloads
    one), so it needs no finalizer."""
    global _lib
    if _lib is not None:
        return _lib
    l = _load()
    for name, (restype, argtypes) in _SIGNATURES.items():
        try:
            fn = getattr(l, name)
        except AttributeError as e:
            raise QatImportError(
                f"qat: {l._name} has no {name}: a libQATCAPI.so of another "
                "qat version") from e
        fn.restype, fn.argtypes = restype, argtypes
    _lib = cast(CAPI, l)
    return _lib


def text(value: Optional[bytes], what: str, errors: str = "strict") -> str:
    """A string the C API returned, decoded; NULL where the C API promises
    a string is an error."""
    if value is None:
        raise QatError(f"qat: the C library returned no {what} (NULL)")
    return value.decode(errors=errors)


def version() -> str:
    """qatGetVersion(): the version of the C library, which is qat's."""
    return text(lib().qatGetVersion(), "version")


def options(name: Optional[str], rounding: Optional[str],
            layout: Optional[str], function: Optional[str],
            default_range: Optional[Tuple[float, float]] = None,
            wide_weights: int = 0,
            int16_activations: Union[str, Sequence[str], None] = None,
            in_place_windows: bool = True,
            pack_4bit_weights: bool = False) -> _Options:
    def enc(s: Optional[str]) -> Optional[bytes]:
        return s.encode() if s is not None else None

    lo, hi = default_range if default_range is not None else (0.0, 0.0)
    if isinstance(int16_activations, str):
        int16_activations = [int16_activations]
    layers = ",".join(int16_activations) if int16_activations else None
    return _Options(enc(name), enc(rounding), enc(layout), enc(function),
                    default_range is not None, float(lo), float(hi),
                    int(wide_weights), enc(layers), not in_place_windows,
                    bool(pack_4bit_weights))


def emit(model: _Model, artifact: str) -> Optional[str]:
    """An artifact as text, or None when emitting failed."""
    pointer = lib().qatModelEmit(model, ARTIFACT[artifact])
    if not pointer:
        return None
    try:
        return ctypes.string_at(pointer).decode()
    finally:
        lib().qatStringDestroy(pointer)
