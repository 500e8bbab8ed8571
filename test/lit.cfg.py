# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# -*- Python -*-
# lit configuration of check-qat: fast tests that need no C compiler.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "QAT"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".py"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.qat_obj_root, "test")

# Catch a CHECK variable reused across a CHECK-LABEL, and prefixes no line uses.
config.environment["FILECHECK_OPTS"] = (
    "-enable-var-scope --allow-unused-prefixes=false")

llvm_config.use_default_substitutions()

# A QAT_SANITIZE build runs the suite under ASan and UBSan. Uninstrumented
# hosts that load an instrumented qat library (python3 through the C API,
# mlir-opt-22 through the plugin) get the shared sanitizer runtime preloaded;
# leak checking is off in them (the interpreter's own allocations at exit are
# not qat's) and on in qat's tools. allow_user_poisoning=0: LLVM's
# BumpPtrAllocator poisons its slabs when compiled with ASan, so qat's
# instrumented copies of it poison memory that the uninstrumented copies in
# Debian's libMLIR.so then reuse without unpoisoning (a false
# use-after-poison).
python = config.python_executable
if config.qat_sanitize:
    config.available_features.add("sanitizer")
    asan = "allow_user_poisoning=0:detect_leaks=1:abort_on_error=0"
    config.environment["ASAN_OPTIONS"] = asan
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    preload = ("env LD_PRELOAD=%s/libclang_rt.asan-x86_64.so "
               "ASAN_OPTIONS=allow_user_poisoning=0:detect_leaks=0 "
               % config.qat_sanitizer_runtime_dir)
    # The preload reaches the hosts, not their children (sitecustomize.py).
    llvm_config.with_environment(
        "PYTHONPATH", os.path.join(config.qat_src_root, "utils", "sanitizer"),
        append_path=True)
    python = preload + python
    config.substitutions.append(("%preload_sanitizer", preload))
else:
    config.substitutions.append(("%preload_sanitizer", ""))
config.substitutions.append(("%PYTHON", python))
config.substitutions.append(("%qat_src_root", config.qat_src_root))
config.substitutions.append(("%qat_obj_root", config.qat_obj_root))
# Reference data produced by others (TFLite's golden vectors, trained .tflite
# models and TensorFlow Lite Micro's outputs for them) is read in place,
# never copied in: QAT_SHARED_DIR (utils/check.sh sets it, see
# utils/common.sh), or ../shared beside the checkout.
shared = os.environ.get("QAT_SHARED_DIR", os.path.join(
    os.path.dirname(os.path.abspath(config.qat_src_root)), "shared"))
if not os.path.isdir(os.path.join(shared, "golden")):
    lit_config.warning(f"no reference data at {shared} (set QAT_SHARED_DIR); "
                       "the golden and TFLite tests will fail")
config.substitutions.append(("%qat_shared", shared))
# mypy's incremental cache, kept outside the checkout as ccache's is: it
# validates every entry by its file's hash, so a fresh clone reuses it (the
# check takes 1 s instead of 50).
config.substitutions.append(("%mypy_cache", os.path.join(
    os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")),
    "qat-mypy")))

llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PYTHONPATH",
                             os.path.join(config.qat_src_root, "python"),
                             append_path=True)

tool_dirs = [config.qat_tools_dir, config.llvm_tools_dir]
# QAT_OPT_CHECK_IR_ROUNDTRIP=1 makes every qat-opt run check that its output
# parses back to the same IR, as upstream's MLIR_OPT_CHECK_IR_ROUNDTRIP does.
qat_opt = ToolSubst("qat-opt", unresolved="fatal")
if os.environ.get("QAT_OPT_CHECK_IR_ROUNDTRIP"):
    qat_opt = ToolSubst("qat-opt", "qat-opt --verify-roundtrip",
                        unresolved="fatal")
llvm_config.add_tool_substitutions(
    [qat_opt, "qat-run", "qat-compile", "qat-translate", "qat-capi-test"],
    tool_dirs)
config.substitutions.append(
    ("%qat_run", os.path.join(config.qat_tools_dir, "qat-run")))

# Optional features: tests that need them say `REQUIRES: torch` or
# `REQUIRES: clang-format`; utils/check.sh installs both.
import shutil
import subprocess

if subprocess.run([config.python_executable, "-c", "import torch"],
                  capture_output=True).returncode == 0:
    config.available_features.add("torch")
if subprocess.run([config.python_executable, "-c", "import torchvision"],
                  capture_output=True).returncode == 0:
    config.available_features.add("torchvision")
if subprocess.run([config.python_executable, "-c", "import onnx"],
                  capture_output=True).returncode == 0:
    config.available_features.add("onnx")
# The Python package's type check (test/python/mypy.test).
if shutil.which("mypy"):
    config.available_features.add("mypy")
clang_format = shutil.which("clang-format-22")
if clang_format:
    config.available_features.add("clang-format")
    config.substitutions.append(("%clang_format", clang_format))
if shutil.which("mlir-opt-22"):
    config.available_features.add("mlir-opt")
clang = shutil.which("clang-22")
if clang:
    config.available_features.add("clang")
    config.substitutions.append(("%clang", clang))
config.substitutions.append(
    ("%qat_compile", os.path.join(config.qat_tools_dir, "qat-compile")))
config.substitutions.append(
    ("%qat_translate", os.path.join(config.qat_tools_dir, "qat-translate")))
# The plain tool, for scripts that pipe its output on (no --verify-roundtrip).
config.substitutions.append(
    ("%qat_opt", os.path.join(config.qat_tools_dir, "qat-opt")))
# The C backend's tests build with host gcc (sanitizers) and clang, and for
# the emulated Cortex-M4 with arm-none-eabi-gcc and qemu-system-arm.
if shutil.which("gcc"):
    config.available_features.add("gcc")
if shutil.which("arm-none-eabi-gcc") and shutil.which("qemu-system-arm"):
    config.available_features.add("cortex-m")
