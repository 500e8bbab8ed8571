# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The exceptions and warnings of the qat package.

Every exception qat raises derives from `QatError`, so ``except
qat.QatError`` catches them all:

- `CompileError`: the compiler refused the model (or its native build, or
  a tool it needs, failed); carries the diagnostics.
- `RuntimeFailure`: a compiled model reported a failure while running.
- `QatValueError`, `QatTypeError`: a wrong argument (a batch of the wrong
  shape or dtype, a model of a type qat does not take); they are also
  `ValueError` and `TypeError`, which code may keep catching.
- `QatMemoryError` (also a `MemoryError`): the C library ran out of
  memory; `QatImportError` (also an `ImportError`): libQATCAPI.so is not
  found.

`QatWarning` is the category of qat's warnings.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Diagnostic:
    """One compiler diagnostic.

    `location` names the place in the user's own terms: the model file, an
    ONNX node such as ``/conv1/Conv`` (for a PyTorch model, the module
    path), or ``file.mlir:12:5``.
    """
    severity: str  # "error", "warning", "note", "remark"
    location: str
    message: str

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity}: {self.message}"


class QatError(Exception):
    """The base class of every exception the qat package raises."""


class CompileError(QatError):
    """The compiler refused the model; `diagnostics` says where and why."""

    def __init__(self, message: str,
                 diagnostics: Iterable[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)


class RuntimeFailure(QatError):
    """A compiled model reported a failure while running."""


class QatValueError(QatError, ValueError):
    """An argument with a wrong value, e.g. a batch of the wrong shape or
    dtype (a `ValueError` too)."""


class QatTypeError(QatError, TypeError):
    """An argument of a type qat does not take (a `TypeError` too)."""


class QatMemoryError(QatError, MemoryError):
    """The C library could not allocate a model (a `MemoryError` too)."""


class QatImportError(QatError, ImportError):
    """qat's C library, libQATCAPI.so, cannot be found or loaded (an
    `ImportError` too)."""


class QatWarning(UserWarning):
    """Something about the model qat compiled that the user should know."""
