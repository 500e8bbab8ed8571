# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The native cache and empty batches: a cache directory that cannot be
used is a qat.CompileError naming it, a corrupt cached library is rebuilt,
and an empty batch gives an empty result (docs/Python.md)."""
import os
import subprocess
import sys

import numpy as np
import pytest

import qat
from conftest import ROOT


@pytest.fixture
def fresh_model():
    # A model of its own: its native library is built on first use.
    return qat.compile(ROOT / "examples" / "cnn.mlir")


@pytest.mark.parametrize("where", ["a-file", "a-file/sub", "/dev/null/qat",
                                   "/sys/qat"])
def test_unusable_cache_directory(fresh_model, tmp_path, monkeypatch, where):
    (tmp_path / "a-file").write_text("not a directory")
    path = where if where.startswith("/") else str(tmp_path / where)
    monkeypatch.setenv("QAT_CACHE_DIR", path)
    with pytest.raises(qat.CompileError) as e:
        fresh_model.run(np.zeros((1, 8, 8, 1), np.float32))
    assert f"cannot build the native model in the cache directory {path}" \
        in str(e.value)
    assert "set QAT_CACHE_DIR to a writable directory" in str(e.value)


def host_environment():
    # Under the sanitizer build the child hosts the instrumented C API too,
    # so it needs the preload that utils/sanitizer/sitecustomize.py removed.
    env = dict(os.environ)
    if "QAT_SANITIZER_PRELOAD" in env:
        env["LD_PRELOAD"] = env["QAT_SANITIZER_PRELOAD"]
    return env


def test_corrupt_cached_library_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("QAT_CACHE_DIR", str(tmp_path))
    x = np.random.RandomState(0).rand(5, 8, 8, 1).astype(np.float32)
    # Another process fills the cache (a library this process loaded could
    # not be overwritten under it).
    np.save(tmp_path / "x.npy", x)
    subprocess.run([sys.executable, "-c",
                    "import sys, numpy, qat; numpy.save(sys.argv[2], "
                    "qat.compile(sys.argv[1]).run(numpy.load(sys.argv[3])))",
                    str(ROOT / "examples" / "cnn.mlir"),
                    str(tmp_path / "want.npy"), str(tmp_path / "x.npy")],
                   check=True, env=host_environment())
    (library,) = tmp_path.glob("*.so")
    library.write_bytes(b"\x7fELF truncated")
    got = qat.compile(ROOT / "examples" / "cnn.mlir").run(x)
    np.testing.assert_array_equal(got, np.load(tmp_path / "want.npy"))
    assert library.stat().st_size > 1000


def test_cache_key_includes_the_instruction_set(tmp_path, monkeypatch):
    # The library is built for this machine's vector units (-march=native):
    # a cache directory another CPU shares must not hand it over.
    from qat import _native
    monkeypatch.setenv("QAT_CACHE_DIR", str(tmp_path))
    model = qat.compile(ROOT / "examples" / "cnn.mlir")
    here = model.native().path
    assert "#define __x86_64__ 1" in _native.host_target(_native.clang()) \
        or "#define __aarch64__ 1" in _native.host_target(_native.clang())
    monkeypatch.setattr(_native, "host_target", lambda compiler: "other")
    other = qat.compile(ROOT / "examples" / "cnn.mlir").native().path
    assert other != here and other.is_file() and here.is_file()


def test_empty_batches(cnn_onnx):
    empty = np.zeros((0, 1, 8, 8), np.float32)
    for run in (cnn_onnx.run, cnn_onnx.interpret, cnn_onnx.interpret_graph):
        out = run(empty)
        assert out.shape == (0, 10) and out.dtype == np.float32
    assert cnn_onnx.run_int8(np.zeros((0, 1, 8, 8), np.int8)).shape == (0, 10)
    with pytest.raises(qat.CompileError, match="at least one sample"):
        cnn_onnx.report(empty)
