# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Native execution of a compiled model: the LLVM IR built into a shared
library by clang for this machine's own instruction set (-march=native),
cached by content hash and that instruction set, loaded with ctypes.

A small C wrapper beside the IR loops over a batch, so a batch of any size
is one call from Python.
"""
from __future__ import annotations

import ctypes
import functools
import hashlib
import os
import pathlib
import shutil
import subprocess
import tempfile
from typing import Any, List, Sequence, Tuple, Type, Union

import numpy as np
import numpy.typing as npt

from .errors import CompileError, RuntimeFailure

#: The element type of a port: numpy.int8, or numpy.int16 for int16 ports.
IntType = Union[Type[np.int8], Type[np.int16]]
#: A batch of int8 (or int16) port values.
IntArray = npt.NDArray[Union[np.int8, np.int16]]


def cache_dir() -> pathlib.Path:
    """$QAT_CACHE_DIR, else $XDG_CACHE_HOME/qat, else ~/.cache/qat."""
    env = os.environ.get("QAT_CACHE_DIR")
    if env:
        return pathlib.Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or pathlib.Path.home() / ".cache"
    return pathlib.Path(base) / "qat"


def clang() -> str:
    """$QAT_CLANG, else clang-22, else clang on PATH."""
    for candidate in (os.environ.get("QAT_CLANG"), "clang-22", "clang"):
        found = shutil.which(candidate) if candidate else None
        if found:
            return found
    raise CompileError("qat: no clang to build the native model (install "
                       "clang-22, or set QAT_CLANG)")


#: clang's optimization flags for the native library. -march=native lets
#: the vectorizer use the host's vector units (2.7x faster than the baseline
#: x86-64 on a 64x64 MobileNetV2 with AVX-512), and -O3 gains another 5-12%
#: on the convolution loops for about 0.5 s more of build (once per model:
#: the library is cached); the integer results are the same, as the tests
#: check against the interpreter.
FLAGS = ["-O3", "-march=native"]


@functools.lru_cache(maxsize=None)
def host_target(compiler: str) -> str:
    """What -march=native means here: clang's predefined macros for it
    (the instruction set extensions), part of the cache key, so that a
    cache directory shared by other machines never loads code built for
    another CPU."""
    result = subprocess.run([compiler, *FLAGS, "-E", "-dM", "-x", "c",
                             os.devnull], capture_output=True, text=True)
    if result.returncode != 0:
        raise CompileError("qat: clang cannot target this machine "
                           f"(-march=native):\n{result.stderr}")
    return result.stdout


def _ctype(dtype: npt.DTypeLike) -> str:
    return "int16_t" if np.dtype(dtype) == np.int16 else "int8_t"


def batch_wrapper(name: str, inputs: Sequence[Tuple[int, IntType]],
                  outputs: Sequence[Tuple[int, IntType]]) -> str:
    """C for `qat_<name>_run_batch(n, inputs..., outputs..., arena)`: runs
    the entry point on n consecutive samples; returns 0, or 1 + the index
    of the sample whose run failed (its status is lost). Ports are (size,
    numpy dtype) pairs, int8 or int16."""
    input_sizes = [s for s, _ in inputs]
    output_sizes = [s for s, _ in outputs]
    ins = [f"const {_ctype(t)} *in{i}" for i, (_, t) in enumerate(inputs)]
    outs = [f"{_ctype(t)} *out{i}" for i, (_, t) in enumerate(outputs)]
    params = ", ".join(ins + outs + ["void *arena"])
    args = ", ".join([f"in{i} + b * {s}" for i, s in enumerate(input_sizes)] +
                     [f"out{i} + b * {s}" for i, s in enumerate(output_sizes)]
                     + ["arena"])
    return ("#include <stdint.h>\n"
            f"int qat_{name}_run({params});\n"
            f"int64_t qat_{name}_run_batch(int64_t n, {params}) {{\n"
            "  for (int64_t b = 0; b < n; ++b)\n"
            f"    if (qat_{name}_run({args}) != 0)\n"
            "      return b + 1;\n"
            "  return 0;\n}\n")


class NativeModel:
    """The model's shared library, loaded."""

    def __init__(self, name: str, llvm_ir: str,
                 inputs: List[Tuple[int, IntType]],
                 outputs: List[Tuple[int, IntType]], arena_size: int) -> None:
        self.inputs, self.outputs = inputs, outputs
        wrapper = batch_wrapper(name, inputs, outputs)
        compiler = clang()
        version = subprocess.run([compiler, "--version"], capture_output=True,
                                 text=True).stdout
        key = hashlib.sha256("\0".join(
            [llvm_ir, wrapper, version, " ".join(FLAGS),
             host_target(compiler)]).encode()
        ).hexdigest()
        self.path = cache_dir() / f"{name}-{key[:24]}.so"
        symbol = f"qat_{name}_run_batch"
        if not self.path.is_file():
            self._build(compiler, llvm_ir, wrapper)
        try:
            self._lib = ctypes.CDLL(str(self.path))
            self._batch = getattr(self._lib, symbol)
        except (OSError, AttributeError):
            # A cached library that does not load (truncated, corrupt, or
            # replaced) is rebuilt once; the fresh build must load.
            self._build(compiler, llvm_ir, wrapper)
            try:
                self._lib = ctypes.CDLL(str(self.path))
                self._batch = getattr(self._lib, symbol)
            except (OSError, AttributeError) as e:
                raise CompileError(f"qat: the native model built at "
                                   f"{self.path} does not load: {e}") from e
        self._batch.restype = ctypes.c_int64
        count = len(inputs) + len(outputs)
        self._batch.argtypes = ([ctypes.c_int64] +
                                [ctypes.c_void_p] * (count + 1))
        self._arena_size = max(arena_size, 1)

    def _build(self, compiler: str, llvm_ir: str, wrapper: str) -> None:
        try:
            self._build_in_cache(compiler, llvm_ir, wrapper)
        except OSError as e:
            raise CompileError(
                f"qat: cannot build the native model in the cache directory "
                f"{self.path.parent} ({e.strerror or e}); set QAT_CACHE_DIR "
                f"to a writable directory") from e

    def _build_in_cache(self, compiler: str, llvm_ir: str,
                        wrapper: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.path.parent) as temporary:
            work = pathlib.Path(temporary)
            (work / "model.ll").write_text(llvm_ir)
            (work / "batch.c").write_text(wrapper)
            built = work / "model.so"
            result = subprocess.run(
                [compiler, *FLAGS, "-shared", "-fPIC", "-w",
                 str(work / "model.ll"), str(work / "batch.c"), "-o",
                 str(built)], capture_output=True, text=True)
            if result.returncode != 0:
                raise CompileError("qat: clang could not build the native "
                                   "model:\n" + result.stderr)
            # Atomic: a concurrent build of the same key is harmless.
            os.replace(built, self.path)

    def _arena(self) -> npt.NDArray[np.uint8]:
        """A fresh arena, 64-byte aligned (the planned offsets assume an
        aligned base)."""
        storage = np.empty(self._arena_size + 64, np.uint8)
        offset = (-storage.ctypes.data) % 64
        return storage[offset:offset + self._arena_size]

    def run(self, inputs: Sequence[npt.NDArray[Any]]) -> List[IntArray]:
        """int8 (int16) batches [n, size] per input -> [n, size] per
        output. Each call has an arena of its own, so calls from several
        threads (ctypes releases the GIL) run at once and never share
        intermediate tensors."""
        n = inputs[0].shape[0]
        outputs: List[IntArray] = [np.empty((n, s), t)
                                   for s, t in self.outputs]
        arena = self._arena()
        status = self._batch(n, *[a.ctypes.data for a in inputs],
                             *[a.ctypes.data for a in outputs],
                             arena.ctypes.data)
        if status:
            raise RuntimeFailure(f"the compiled model failed on sample "
                                 f"{status - 1}")
        return outputs
