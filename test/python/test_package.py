# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The package as a package: one version, typed, one exception base, native
handles freed by finalizers."""
import inspect
import re
import tomllib
import weakref

import numpy as np
import pytest

import qat
import qat.errors
from conftest import MODELS, ROOT
from qat import _capi


def test_one_version():
    cmake = (ROOT / "CMakeLists.txt").read_text()
    match = re.search(r"project\(qat\s+VERSION\s+(\d+\.\d+\.\d+)", cmake)
    assert match, "CMakeLists.txt states no project(qat VERSION x.y.z"
    with open(ROOT / "pyproject.toml", "rb") as f:
        pyproject = tomllib.load(f)
    assert pyproject["project"]["version"] == match.group(1)
    assert qat.__version__ == match.group(1)
    assert qat.__version__ == _capi.lib().qatGetVersion().decode()


def test_typed_package():
    with open(ROOT / "pyproject.toml", "rb") as f:
        pyproject = tomllib.load(f)
    assert (ROOT / "python" / "qat" / "py.typed").is_file()
    assert pyproject["tool"]["setuptools"]["package-data"]["qat"] == \
        ["py.typed"]
    assert pyproject["tool"]["mypy"]["strict"] is True


def test_c_api_signatures_match_the_protocol():
    # _capi.CAPI (the types mypy checks against) and _capi._SIGNATURES (the
    # C types ctypes calls with) must name the same functions.
    protocol = {name for name, _ in inspect.getmembers(_capi.CAPI)
                if name.startswith("qat")}
    assert protocol == set(_capi._SIGNATURES)


def test_every_exception_is_a_qat_error():
    classes = [c for _, c in inspect.getmembers(qat.errors, inspect.isclass)
               if issubclass(c, Exception) and not issubclass(c, Warning)
               and c.__module__ == qat.errors.__name__]
    assert qat.QatError in classes and len(classes) > 1
    for c in classes:
        assert issubclass(c, qat.QatError), c
    assert issubclass(qat.QatValueError, ValueError)
    assert issubclass(qat.QatTypeError, TypeError)
    assert issubclass(qat.QatMemoryError, MemoryError)
    assert issubclass(qat.QatImportError, ImportError)


def test_argument_errors_are_qat_errors(cnn_onnx):
    with pytest.raises(qat.QatError, match="takes a path"):
        qat.compile(42)
    with pytest.raises(qat.QatTypeError):
        qat.compile(42)
    with pytest.raises(qat.QatValueError, match="batch of shape"):
        cnn_onnx.run(np.zeros((1, 3), np.float32))
    with pytest.raises(qat.QatError, match="no such file"):
        qat.compile(MODELS / "no-such-model.onnx")


def test_model_freed_by_finalizer():
    model = qat.compile(MODELS / "cnn.onnx")
    finalizer = model._finalizer
    assert finalizer.alive
    # The finalizer holds the handle, not the model: dropping the last
    # reference frees the model and destroys its handle at once.
    ref = weakref.ref(model)
    del model
    assert ref() is None
    assert not finalizer.alive


def test_docs_state_the_signatures():
    # docs/Python.md writes each entry point's signature as the code has
    # it (annotations left out).
    text = " ".join((ROOT / "docs" / "Python.md").read_text().split())
    for function in (qat.compile, qat.calibrate):
        params = []
        for p in inspect.signature(function).parameters.values():
            if p.kind == p.KEYWORD_ONLY and "*" not in params:
                params.append("*")
            params.append(p.name if p.default is p.empty
                          else f"{p.name}={p.default!r}")
        stated = f"`qat.{function.__name__}({', '.join(params)})`"
        assert stated in text, stated
