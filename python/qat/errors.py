# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The exceptions and warnings of the qat package."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List


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


class CompileError(Exception):
    """The compiler refused the model; `diagnostics` says where and why."""

    def __init__(self, message: str, diagnostics: List[Diagnostic] = ()):
        super().__init__(message)
        self.diagnostics = list(diagnostics)


class RuntimeFailure(Exception):
    """A compiled model reported a failure while running."""


class QatWarning(UserWarning):
    """Something about the model qat compiled that the user should know."""
