# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""qat: compile quantization-aware-trained models to int8 code.

Three lines from a trained model to native int8 inference::

    import qat
    model = qat.compile(qat_module, example_input=torch.zeros(1, 1, 8, 8))
    scores = model.run(images)          # float32 batch in, float32 out

`qat.compile` takes an ONNX QDQ file or ``onnx.ModelProto``, a qat
``.mlir`` fake-quant graph, or a PyTorch QAT module (eager or FX). It runs
qat's compiler in-process through its C API (libQATCAPI.so, loaded with
ctypes); the result runs natively (LLVM IR built by clang, cached), in the
reference interpreter, or is emitted as C for Cortex-M. docs/Python.md
shows the API by example.

Every exception qat raises is a `qat.QatError`: `CompileError` (with the
compiler's diagnostics), `RuntimeFailure`, and `QatValueError` /
`QatTypeError` for wrong arguments, which are `ValueError` / `TypeError`
too (qat.errors lists them). `qat.__version__` is the C library's version
(qatGetVersion()), read on first use.
"""
from typing import TYPE_CHECKING

from . import _capi
from .errors import (CompileError, Diagnostic, QatError, QatImportError,
                     QatMemoryError, QatTypeError, QatValueError, QatWarning,
                     RuntimeFailure)
from .model import CompiledModel, Port, calibrate, compile
from .report import LayerReport, Report

if TYPE_CHECKING:
    #: qat's version: the C library's, qatGetVersion() (CMakeLists.txt's
    #: project version, which pyproject.toml repeats).
    __version__: str
else:
    def __getattr__(name: str) -> str:
        # __version__ is read from the C library when first asked for, so
        # importing qat does not load the library.
        if name == "__version__":
            version = _capi.version()
            globals()["__version__"] = version
            return version
        raise AttributeError(f"module {__name__!r} has no attribute "
                             f"{name!r}")

__all__ = ["compile", "calibrate", "CompiledModel", "Port", "Report",
           "LayerReport", "Diagnostic", "QatWarning", "QatError",
           "CompileError", "RuntimeFailure", "QatValueError", "QatTypeError",
           "QatMemoryError", "QatImportError", "__version__"]
