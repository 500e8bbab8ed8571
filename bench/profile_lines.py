#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Attributes the instructions a bench binary executes to functions and
source lines.

    bench/run_bench.py --cases kws            # builds /tmp/qat-bench/kws/*.elf
    bench/profile_lines.py /tmp/qat-bench/kws/kws.m55.elf --target m55

QEMU runs one instruction per translation block (-singlestep) and logs
every block it executes (-d exec, chaining off), so each log line is one
executed instruction; the log streams through a pipe (a large model
executes tens of millions). addr2line maps each address to its function
and source line (the binaries need -g for lines; run_bench.py builds with
it). The counts cover the whole run, so the harness's own code (main with
its calibration loop, the stack painting, semihosting) appears beside the
model's: the model's share is everything else.
"""
import argparse
import collections
import os
import pathlib
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] /
                       "utils" / "harness"))
import targets  # noqa: E402


def executed(log):
    """Instruction address -> times executed, from a -singlestep exec log."""
    counts = collections.Counter()
    pattern = re.compile(r"\[[0-9a-f]+/([0-9a-f]+)/")
    for line in log:
        m = pattern.search(line)
        if m:
            counts[m.group(1)] += 1
    return collections.Counter({int(k, 16): n for k, n in counts.items()})


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("elf", type=pathlib.Path)
    ap.add_argument("--target", default="m4", choices=targets.ARM_BACKENDS)
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args()
    tools = targets.Tools()
    board = targets.ARM_TARGETS[a.target][2]
    with tempfile.TemporaryDirectory() as tmp:
        fifo = pathlib.Path(tmp) / "exec.log"
        os.mkfifo(fifo)
        qemu = subprocess.Popen(
            [tools.qemu, "-M", board] + targets.QEMU_ARGS +
            ["-kernel", a.elf, "-singlestep", "-d", "exec,nochain", "-D", fifo],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(fifo, errors="replace") as log:
            counts = executed(log)
        if qemu.wait() != 0:
            sys.exit(f"{a.elf}: qemu exited with {qemu.returncode}")
    addresses = sorted(counts)
    mapped = subprocess.run(
        [tools.arm_gcc.replace("gcc", "addr2line"), "-f", "-e", a.elf],
        input="".join(f"{x:#x}\n" for x in addresses), capture_output=True,
        text=True, check=True).stdout.splitlines()
    by_function, by_line = collections.Counter(), collections.Counter()
    for i, address in enumerate(addresses):
        function, line = mapped[2 * i], mapped[2 * i + 1]
        line = re.sub(r" \(discriminator \d+\)", "", line)
        by_function[function] += counts[address]
        by_line[(function, line.split("/")[-1])] += counts[address]
    total = sum(counts.values())
    print(f"{a.elf.name}: {total} instructions executed in all\n")
    print("| function | instructions | share |\n|---|---:|---:|")
    for function, n in by_function.most_common(a.top):
        print(f"| {function} | {n} | {100 * n / total:.1f}% |")
    print("\n| function | line | instructions | share |\n|---|---|---:|---:|")
    for (function, line), n in by_line.most_common(a.top):
        print(f"| {function} | {line} | {n} | {100 * n / total:.1f}% |")


if __name__ == "__main__":
    main()
