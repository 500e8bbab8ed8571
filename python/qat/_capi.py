# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""ctypes bindings of qat's C API (include/qat-c/Compiler.h).

Private: the public API is `qat.compile` and `qat.CompiledModel`. The
library is libQATCAPI.so, looked up in $QAT_CAPI_LIBRARY, then beside the
package in a build tree (<repo>/build/lib) or an installed tree
(<prefix>/lib), then on the loader's path.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import pathlib
from typing import List, Optional

_HERE = pathlib.Path(__file__).resolve().parent


class _Model(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_void_p)]


class _Options(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("rounding", ctypes.c_char_p),
                ("layout", ctypes.c_char_p), ("function", ctypes.c_char_p),
                ("hasDefaultRange", ctypes.c_bool),
                ("defaultRangeMin", ctypes.c_double),
                ("defaultRangeMax", ctypes.c_double),
                ("wideWeightBudget", ctypes.c_int64),
                ("int16Activations", ctypes.c_char_p)]


class _Calibration(ctypes.Structure):
    _fields_ = [("method", ctypes.c_char_p), ("perChannel", ctypes.c_bool),
                ("weightBits", ctypes.c_int)]


class _Diagnostic(ctypes.Structure):
    _fields_ = [("severity", ctypes.c_int), ("location", ctypes.c_char_p),
                ("message", ctypes.c_char_p)]


class _Port(ctypes.Structure):
    _fields_ = [("rank", ctypes.c_ssize_t),
                ("shape", ctypes.POINTER(ctypes.c_int64)),
                ("numElements", ctypes.c_int64),
                ("hasQuantization", ctypes.c_bool),
                ("scale", ctypes.c_double),
                ("zeroPoint", ctypes.c_int64),
                ("layout", ctypes.c_char_p),
                ("bits", ctypes.c_int32)]


ARTIFACT = {"header": 0, "c": 1, "c-static-arena": 2, "llvm": 3,
            "program": 4, "graph": 5}
SEVERITY = {0: "error", 1: "warning", 2: "note", 3: "remark"}


def _candidates() -> List[pathlib.Path]:
    env = os.environ.get("QAT_CAPI_LIBRARY")
    found = [pathlib.Path(env)] if env else []
    # <repo>/python/qat -> <repo>/build/lib; <prefix>/lib/python3/.../qat ->
    # <prefix>/lib.
    for parent in _HERE.parents:
        found += [parent / "build" / "lib" / "libQATCAPI.so",
                  parent / "lib" / "libQATCAPI.so"]
    return found


def _load() -> ctypes.CDLL:
    for path in _candidates():
        if path.is_file():
            return ctypes.CDLL(str(path))
    name = ctypes.util.find_library("QATCAPI")
    if name:
        return ctypes.CDLL(name)
    raise ImportError(
        "qat: cannot find libQATCAPI.so (build qat with the README's set-up "
        "command, or set QAT_CAPI_LIBRARY to its path)")


_lib: Optional[ctypes.CDLL] = None


def lib() -> ctypes.CDLL:
    """The C API, loaded on first use with its signatures declared."""
    global _lib
    if _lib is not None:
        return _lib
    l = _load()
    m, c_int64, c_ssize = _Model, ctypes.c_int64, ctypes.c_ssize_t
    sig = {
        "qatGetVersion": (ctypes.c_char_p, []),
        "qatModelCompileFile": (m, [ctypes.c_char_p,
                                    ctypes.POINTER(_Options)]),
        "qatModelCompileBuffer": (m, [ctypes.c_void_p, ctypes.c_size_t,
                                      ctypes.c_char_p,
                                      ctypes.POINTER(_Options)]),
        "qatModelCalibrateBuffer": (m, [
            ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p,
            ctypes.POINTER(_Options), c_ssize,
            ctypes.POINTER(c_ssize), ctypes.POINTER(ctypes.c_void_p),
            ctypes.POINTER(ctypes.c_void_p),
            ctypes.POINTER(_Calibration)]),
        "qatModelDestroy": (None, [m]),
        "qatModelSucceeded": (ctypes.c_bool, [m]),
        "qatModelGetNumDiagnostics": (c_ssize, [m]),
        "qatModelGetDiagnostic": (_Diagnostic, [m, c_ssize]),
        "qatModelGetDiagnosticText": (ctypes.c_char_p, [m]),
        "qatModelGetNumInputs": (c_ssize, [m]),
        "qatModelGetNumOutputs": (c_ssize, [m]),
        "qatModelGetInput": (_Port, [m, c_ssize]),
        "qatModelGetOutput": (_Port, [m, c_ssize]),
        "qatModelGetName": (ctypes.c_char_p, [m]),
        "qatModelGetArenaSize": (c_int64, [m]),
        "qatModelGetConstantBytes": (c_int64, [m]),
        "qatModelEmit": (ctypes.c_void_p, [m, ctypes.c_int]),
        "qatStringDestroy": (None, [ctypes.c_void_p]),
        "qatModelInterpretProgram": (ctypes.c_bool, [
            m, ctypes.POINTER(ctypes.c_void_p),
            ctypes.POINTER(ctypes.c_void_p)]),
        "qatModelInterpretGraph": (ctypes.c_bool, [
            m, ctypes.POINTER(ctypes.c_void_p),
            ctypes.POINTER(ctypes.c_void_p)]),
        "qatModelReport": (ctypes.c_bool, [
            m, c_ssize, ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_void_p),
            ctypes.POINTER(ctypes.c_void_p)]),
    }
    for name, (restype, argtypes) in sig.items():
        fn = getattr(l, name)
        fn.restype, fn.argtypes = restype, argtypes
    _lib = l
    return l


def options(name: Optional[str], rounding: Optional[str],
            layout: Optional[str], function: Optional[str],
            default_range=None, wide_weights: int = 0,
            int16_activations=None) -> _Options:
    enc = lambda s: s.encode() if s is not None else None  # noqa: E731
    lo, hi = default_range if default_range is not None else (0.0, 0.0)
    if isinstance(int16_activations, str):
        int16_activations = [int16_activations]
    layers = ",".join(int16_activations) if int16_activations else None
    return _Options(enc(name), enc(rounding), enc(layout), enc(function),
                    default_range is not None, float(lo), float(hi),
                    int(wide_weights), enc(layers))


def emit(model: _Model, artifact: str) -> Optional[str]:
    """An artifact as text, or None when emitting failed."""
    pointer = lib().qatModelEmit(model, ARTIFACT[artifact])
    if not pointer:
        return None
    try:
        return ctypes.string_at(pointer).decode()
    finally:
        lib().qatStringDestroy(pointer)
