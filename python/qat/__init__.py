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
"""
from .errors import CompileError, Diagnostic, QatWarning, RuntimeFailure
from .model import CompiledModel, Port, calibrate, compile
from .report import LayerReport, Report

__version__ = "0.1.0"

__all__ = ["compile", "calibrate", "CompiledModel", "Port", "Report", "LayerReport",
           "CompileError", "Diagnostic", "QatWarning", "RuntimeFailure",
           "__version__"]
