#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks what runtime/ promises about itself (qat_rt.h, docs/Deployment.md)
on its Cortex-M4 build: no heap (no allocation function is referenced), no
library calls but memset/memcpy (which gcc may emit for fill and copy loops)
outside the float boundary functions, no floating-point instruction or
soft-float call outside qat_rt_quantize/qat_rt_dequantize, and no
recursion (no function in the call graph gcc reports reaches itself)."""
import argparse
import collections
import pathlib
import re
import subprocess
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--arm-gcc", default="arm-none-eabi-gcc")
ap.add_argument("--runtime", required=True, type=pathlib.Path)
ap.add_argument("--work", required=True, type=pathlib.Path)
a = ap.parse_args()
a.work.mkdir(parents=True, exist_ok=True)
tool = lambda name: a.arm_gcc.replace("gcc", name)
FLOAT_OK = {"qat_rt_quantize", "qat_rt_dequantize"}
problems = []
calls = collections.defaultdict(set)
functions = 0
boundary_float = 0  # float instructions and soft-float calls where allowed
for portable in ([], ["-DQAT_RT_PORTABLE"]):
    for source in sorted((a.runtime / "src").glob("*.c")):
        obj = a.work / (source.stem + ("-p" if portable else "") + ".o")
        subprocess.run([a.arm_gcc, "-mcpu=cortex-m4", "-mthumb",
                        "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard", "-O2",
                        "-std=c99", "-ffunction-sections", *portable,
                        f"-I{a.runtime / 'include'}", "-c", source, "-o", obj],
                       check=True)
        listing = subprocess.run([tool("objdump"), "-dr", "--no-show-raw-insn",
                                  obj], capture_output=True, text=True,
                                 check=True).stdout
        current = None
        for line in listing.splitlines():
            m = re.match(r"^[0-9a-f]+ <([^>]+)>:", line)
            if m:
                current = m.group(1)
                functions += 1
                continue
            if current in FLOAT_OK and (
                    re.search(r"\s(v[a-z]+\.f(32|64)|vmov|vcvt\S*|vldr|vstr)\s",
                              line) or "__aeabi_" in line):
                boundary_float += 1
            m = re.search(r"R_ARM_THM_(?:CALL|JUMP24)\s+(\S+)", line)
            if m:
                callee = m.group(1)
                calls[current].add(callee)
                if re.match(r"(malloc|calloc|realloc|free)$", callee):
                    problems.append(f"{source.name}: {current} calls {callee}")
                elif current not in FLOAT_OK and not (
                        callee.startswith(("qat_rt_", "memset", "memcpy"))
                        or callee in calls or callee == current):
                    # a static helper of the same file is fine, and so
                    # are gcc's clones of one (name.part.0, .isra.0, ...)
                    if not re.match(r"^[a-z_0-9]+(\.(part|isra|constprop|"
                                    r"cold)\.[0-9]+)*$", callee) or \
                            callee.startswith("__"):
                        problems.append(
                            f"{source.name}: {current} calls {callee}")
            elif current not in FLOAT_OK and re.search(
                    r"\s(v[a-z]+\.f(32|64)|vmov|vcvt\S*|vldr|vstr)\s", line):
                problems.append(f"{source.name}: float instruction in "
                                f"{current}: {line.strip()}")


def reaches_itself(start):
    seen, todo = set(), list(calls[start])
    while todo:
        f = todo.pop()
        if f == start:
            return True
        if f not in seen:
            seen.add(f)
            todo.extend(calls.get(f, ()))
    return False


for f in list(calls):
    if reaches_itself(f):
        problems.append(f"{f} is recursive")
for p in problems:
    print(p)
print(f"runtime: {functions} functions checked (DSP and portable builds); "
      f"floating point only in {' and '.join(sorted(FLOAT_OK))} "
      f"({'found' if boundary_float else 'NOT FOUND: the check is blind'}); "
      f"{len(problems)} problems")
if not boundary_float:
    problems.append("no float use found in the boundary functions")
sys.exit(1 if problems else 0)
