#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs the bad-input corpus: each case is an input qat must refuse, with the
exact exit code and error lines it must give (never a crash, never success).

A corpus file holds cases like this one:

    ### nan-scale: a NaN scale is refused at the fake_quant
    $ qat-opt in.mlir --qat-to-int8
    --- file: in.mlir
    func.func @f(...) ...
    --- python: x.npy
    np.save(path, np.zeros((1, 2), np.float32))
    --- expect: exit 1
    in.mlir:3:9: error: 'qat.fake_quant' op scale must be ...

Inputs are written to a fresh directory per case, where the command runs.
`python:` sections run with `path`, `np` and (when installed) `onnx` bound.
The expected lines are every output line that says `error:` or starts with
the tool's name (command-line errors), in order.
`--update` rewrites each file's expectations from what the tools print now;
review that diff like code.
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys

import numpy as np

try:
    import onnx
    from onnx import TensorProto, helper
except ImportError:
    onnx = helper = TensorProto = None


class Case:
    def __init__(self, name, source, line):
        self.name, self.source, self.line = name, source, line
        self.command = None
        self.inputs = []  # (kind, filename, text)
        self.exit = None
        self.errors = []


def parse(path):
    cases, case, section = [], None, None
    with open(path) as f:
        lines = f.read().split("\n")
    for number, line in enumerate(lines, 1):
        if line.startswith("### "):
            case = Case(line[4:].split(":")[0].strip(), path, number)
            cases.append(case)
            section = None
        elif case is None:
            continue
        elif line.startswith("$ ") and section is None:
            case.command = line[2:]
        elif line.startswith("--- "):
            kind, _, arg = line[4:].partition(":")
            kind, arg = kind.strip(), arg.strip()
            if kind == "expect":
                case.exit = int(arg.split()[1])
                section = "expect"
            else:
                case.inputs.append([kind, arg, []])
                section = "input"
        elif section == "input":
            case.inputs[-1][2].append(line)
        elif section == "expect" and line:
            case.errors.append(line)
    return cases


def run(case, tools, work):
    directory = os.path.join(work, case.name)
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    for kind, filename, text in case.inputs:
        target = os.path.join(directory, filename)
        body = "\n".join(text).rstrip("\n") + "\n"
        if kind == "file":
            with open(target, "w") as f:
                f.write(body)
        elif kind == "python":
            exec(body, {"path": target, "np": np, "onnx": onnx,
                        "helper": helper, "TensorProto": TensorProto})
        else:
            raise SystemExit(f"{case.source}:{case.line}: unknown section "
                             f"'{kind}'")
    argv = shlex.split(case.command)
    argv[0] = os.path.join(tools, argv[0])
    done = subprocess.run(argv, cwd=directory, capture_output=True,
                          text=True, errors="replace", timeout=120)
    # The tools' directory is not part of a message.
    output = (done.stderr + done.stdout).replace(tools + "/", "").split("\n")
    tool = os.path.basename(argv[0])
    return done.returncode, [l.rstrip() for l in output
                             if "error:" in l or l.startswith(tool + ":")]


def update(path, results):
    with open(path) as f:
        text = f.read()
    blocks = re.split(r"(?m)^(?=### )", text)
    out = [blocks[0]]
    for block in blocks[1:]:
        name = block[4:].split(":")[0].strip()
        code, errors = results[name]
        head = re.split(r"(?m)^--- expect:.*$", block)[0].rstrip("\n")
        out.append(f"{head}\n--- expect: exit {code}\n" +
                   "".join(e + "\n" for e in errors) + "\n")
    with open(path, "w") as f:
        f.write("".join(out).rstrip("\n") + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tools", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--update", action="store_true")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    total = failed = 0
    for path in args.files:
        results = {}
        for case in parse(path):
            total += 1
            code, errors = run(case, args.tools, args.work)
            results[case.name] = (code, errors)
            problems = []
            if code < 0 or code > 1:
                problems.append(f"exit {code}: a crash or an abort")
            if code != case.exit:
                problems.append(f"exit {code}, expected {case.exit}")
            if errors != case.errors:
                problems.append("errors differ:\n  expected:\n" +
                                "".join(f"    {e}\n" for e in case.errors) +
                                "  actual:\n" +
                                "".join(f"    {e}\n" for e in errors))
            if not errors:
                problems.append("no error line: bad input must be named")
            if problems and not args.update:
                failed += 1
                print(f"FAIL {case.name} ({path}:{case.line}): " +
                      "; ".join(problems))
        if args.update:
            update(path, results)
    print(f"{total} cases, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
