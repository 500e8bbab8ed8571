# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Builds and runs C harnesses for qat's C backends, on the host and on
emulated Cortex-M cores (QEMU, semihosting). Shared by the backend tests,
the golden tests and the benchmark.

Backends: "c" (host gcc, -fsanitize=address,undefined; every source also
compiled by clang), "m4" (arm-none-eabi-gcc for Cortex-M4, DSP kernels, on
QEMU mps2-an386), "m4-portable" (the same with -DQAT_RT_PORTABLE), "m55"
(Cortex-M55: the Helium (MVE) kernels, on QEMU mps3-an547), "m55-no-mve"
(the same core with -DQAT_RT_NO_MVE: the DSP kernels).
"""
import pathlib
import subprocess
import sys

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


def build(tools, backend, sources, includes, defines, binary, extra=()):
    """Builds `sources` (the harness and generated C) with the runtime."""
    includes = [f"-I{d}" for d in list(includes) + [RUNTIME / "include",
                                                    HARNESS]]
    defines = [f"-D{d}" for d in defines]
    sources = list(sources) + RUNTIME_SOURCES
    if backend == "c":
        for source in sources:
            run([tools.clang, "-O2", "-fsyntax-only"] + C_FLAGS + includes +
                defines + [source])
        run([tools.cc, "-O1", "-g", "-fsanitize=address,undefined",
             "-fno-sanitize-recover=all"] + C_FLAGS + includes + defines +
            sources + [HARNESS / "io_stdio.c", "-o", binary] + list(extra))
    elif backend in ARM_TARGETS:
        flags, script, _ = ARM_TARGETS[backend]
        run([tools.arm_gcc] + flags + C_FLAGS + includes + defines + sources +
            [HARNESS / "io_semihost.c", HARNESS / "semihost.c",
             HARNESS / "startup.c", "-T", HARNESS / script,
             "-nostartfiles", "--specs=nano.specs", "-o", binary] + list(extra))
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
