#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Prints the shell command blocks (```sh) of markdown files, in order, as
one script; test/docs/commands.test runs it. `--skip-first` leaves out a
file's first block (the README's own set-up and test commands); a block
right after a `<!-- not run by commands.test: why -->` line is left out
too (building the checkout itself, as utils/check.sh does).

  doc-commands.py [--skip-first FILE]... FILE...
"""
import argparse
import pathlib
import re

ap = argparse.ArgumentParser()
ap.add_argument("--skip-first", action="append", default=[])
ap.add_argument("files", nargs="+")
a = ap.parse_args()
skip = {pathlib.Path(f).resolve() for f in a.skip_first}
for name in a.files:
    path = pathlib.Path(name)
    blocks = [body for skip_mark, body in re.findall(
        r"(<!-- not run by commands.test[^>]*-->\n)?^```sh\n(.*?)^```",
        path.read_text(), re.M | re.S) if not skip_mark]
    if path.resolve() in skip:
        blocks = blocks[1:]
    for i, block in enumerate(blocks):
        print(f"# {path.name}, block {i + 1}")
        print(f"echo '== {path.name} {i + 1}'")
        print(block)
