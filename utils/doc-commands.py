#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Prints the shell command blocks (```sh) of markdown files, in order, as
one script; test/docs/commands.test runs it. `--skip-first` leaves out a
file's first block (the README's own set-up and test commands); a block
right after a `<!-- not run by commands.test: why -->` line is left out
too (building the checkout itself, as utils/check.sh does). `--all ROOT`
takes every markdown file git tracks under ROOT (README.md first, then in
path order), so a new page's commands run without anyone listing it, and
leaves out the README's first block.

  doc-commands.py [--skip-first FILE]... FILE...
  doc-commands.py --all ROOT
"""
import argparse
import pathlib
import re
import subprocess

ap = argparse.ArgumentParser()
ap.add_argument("--skip-first", action="append", default=[])
ap.add_argument("--all", type=pathlib.Path)
ap.add_argument("files", nargs="*")
a = ap.parse_args()
files = [pathlib.Path(f) for f in a.files]
skip = {pathlib.Path(f).resolve() for f in a.skip_first}
if a.all:
    tracked = subprocess.run(["git", "-C", a.all, "ls-files", "*.md"],
                             check=True, capture_output=True,
                             text=True).stdout.split()
    tracked.sort(key=lambda f: (f != "README.md", f))
    files += [a.all / f for f in tracked]
    skip.add((a.all / "README.md").resolve())
for path in files:
    blocks = [body for skip_mark, body in re.findall(
        r"(<!-- not run by commands.test[^>]*-->\n)?^```sh\n(.*?)^```",
        path.read_text(), re.M | re.S) if not skip_mark]
    if path.resolve() in skip:
        blocks = blocks[1:]
    for i, block in enumerate(blocks):
        print(f"# {path.name}, block {i + 1}")
        print(f"echo '== {path.name} {i + 1}'")
        print(block)
