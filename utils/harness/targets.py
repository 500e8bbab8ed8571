# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Builds and runs C harnesses for qat's C backends, on the host and on
emulated Cortex-M cores (QEMU, semihosting). Shared by the backend tests,
the golden tests and the benchmark.

Backends: "c" (host gcc, -fsanitize=address,undefined; every source also
compiled by clang), "m4" (arm-none-eabi-gcc for Cortex-M4, DSP kernels, on
QEMU mps2-an386), "m4-portable" (the same with -DQAT_RT_PORTABLE), "m55"
(Cortex-M55: the Helium (MVE) kernels, on QEMU mps3-an547), "m55-no-mve"
(the same core with -DQAT_RT_NO_MVE: the DSP kernels).

The runtime is compiled once per compiler, flags and runtime text and kept
in a cache directory (QAT_HARNESS_CACHE, by default qat-harness-UID in the
temporary directory): a test suite builds hundreds of harnesses against a
handful of runtime configurations, and the sanitized host build of the
runtime alone takes seconds.
"""
import functools
import hashlib
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "runtime"
HARNESS = ROOT / "utils" / "harness"
RUNTIME_SOURCES = sorted((RUNTIME / "src").glob("*.c"))
C_FLAGS = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"]
M4_FLAGS = ["-mcpu=cortex-m4", "-mthumb", "-mfpu=fpv4-sp-d16",
            "-mfloat-abi=hard", "-O2"]
M55_FLAGS = ["-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard", "-O2"]
QEMU_ARGS = ["-display", "none", "-monitor", "none", "-serial", "none",
             "-semihosting-config", "enable=on,target=native"]
# Per Arm backend: compiler flags, linker script, QEMU board.
ARM_TARGETS = {
    "m4": (M4_FLAGS, "mps2-an386.ld", "mps2-an386"),
    "m4-portable": (M4_FLAGS + ["-DQAT_RT_PORTABLE"], "mps2-an386.ld",
                    "mps2-an386"),
    "m55": (M55_FLAGS, "mps3-an547.ld", "mps3-an547"),
    "m55-no-mve": (M55_FLAGS + ["-DQAT_RT_NO_MVE"], "mps3-an547.ld",
                   "mps3-an547"),
}
ARM_BACKENDS = tuple(ARM_TARGETS)


class Tools:
    def __init__(self, cc="gcc", clang="clang-22", arm_gcc="arm-none-eabi-gcc",
                 qemu="qemu-system-arm"):
        self.cc, self.clang, self.arm_gcc, self.qemu = cc, clang, arm_gcc, qemu


def run(cmd, timeout=900):
    result = subprocess.run([str(c) for c in cmd], capture_output=True,
                            text=True, timeout=timeout)
    if result.returncode != 0:
        sys.exit(f"command failed ({result.returncode}): "
                 f"{' '.join(map(str, cmd))}\n{result.stdout}{result.stderr}")
    return result


@functools.lru_cache(maxsize=None)
def compiler_identity(compiler):
    return run([compiler, "--version"]).stdout


def cache_directory():
    default = pathlib.Path(tempfile.gettempdir()) / f"qat-harness-{os.getuid()}"
    return pathlib.Path(os.environ.get("QAT_HARNESS_CACHE", default))


def runtime_objects(compile_command, syntax_check=None):
    """The runtime's sources compiled by `compile_command` (a compiler and
    its flags), one object each, from the cache when the compiler, the flags
    and every file under runtime/ are the same. `syntax_check`, a second
    compiler's command, must accept every source first."""
    digest = hashlib.sha256()
    for part in [compile_command, syntax_check]:
        digest.update(repr([str(p) for p in part or []]).encode())
        if part:
            digest.update(compiler_identity(str(part[0])).encode())
    for f in sorted(RUNTIME.rglob("*")):
        if f.is_file():
            digest.update(str(f.relative_to(RUNTIME)).encode() + b"\0")
            digest.update(f.read_bytes())
    cache = cache_directory()
    directory = cache / digest.hexdigest()[:32]
    objects = [directory / f"{s.stem}.o" for s in RUNTIME_SOURCES]
    if all(o.exists() for o in objects):
        return objects
    cache.mkdir(parents=True, exist_ok=True)
    scratch = pathlib.Path(tempfile.mkdtemp(dir=cache))
    for source in RUNTIME_SOURCES:
        if syntax_check:
            run(list(syntax_check) + [source])
        run(list(compile_command) + ["-c", source, "-o",
                                     scratch / f"{source.stem}.o"])
    try:
        # A concurrent build of the same runtime may have finished first.
        os.rename(scratch, directory)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)
    return objects


def build(tools, backend, sources, includes, defines, binary, extra=()):
    """Builds `sources` (the harness and generated C) with the runtime.
    The runtime sees the QAT_RT_* defines only (the others are the
    harness's, such as its file names)."""
    runtime_includes = [f"-I{RUNTIME / 'include'}"]
    includes = [f"-I{d}" for d in includes] + runtime_includes + [
        f"-I{HARNESS}"]
    runtime_defines = [f"-D{d}" for d in defines if d.startswith("QAT_RT_")]
    defines = [f"-D{d}" for d in defines]
    sources = list(sources)
    extra = list(extra)
    if backend == "c":
        compile_flags = ["-O1", "-g", "-fsanitize=address,undefined",
                         "-fno-sanitize-recover=all"] + C_FLAGS
        syntax = [tools.clang, "-O2", "-fsyntax-only"] + C_FLAGS
        objects = runtime_objects(
            [tools.cc] + compile_flags + runtime_includes + runtime_defines +
            extra, syntax + runtime_includes + runtime_defines)
        # One clang process checks every source.
        run(syntax + includes + defines + sources)
        run([tools.cc] + compile_flags + includes + defines + sources +
            objects + [HARNESS / "io_stdio.c", "-o", binary] + extra)
    elif backend in ARM_TARGETS:
        flags, script, _ = ARM_TARGETS[backend]
        objects = runtime_objects([tools.arm_gcc] + flags + C_FLAGS +
                                  runtime_includes + runtime_defines + extra)
        run([tools.arm_gcc] + flags + C_FLAGS + includes + defines + sources +
            objects + [HARNESS / "io_semihost.c", HARNESS / "semihost.c",
                       HARNESS / "startup.c", "-T", HARNESS / script,
                       "-nostartfiles", "--specs=nano.specs", "-o", binary] +
            extra)
    else:
        raise ValueError(f"unknown C backend {backend}")


def execute(tools, backend, binary, extra_qemu=()):
    """Runs a built harness; returns what it printed (QEMU's semihosting
    console writes to stderr)."""
    if backend == "c":
        result = run([binary])
    else:
        board = ARM_TARGETS[backend][2]
        result = run([tools.qemu, "-M", board] + QEMU_ARGS +
                     list(extra_qemu) + ["-kernel", binary])
    return result.stdout + result.stderr
