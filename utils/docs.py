#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Keeps docs/generated/ equal to what `ninja mlir-doc` writes to build/docs/.

  docs.py update BUILD_DIR   copy build/docs/**/*.md into docs/generated/
  docs.py check BUILD_DIR    exit 1 and name each stale or missing file
"""
import pathlib
import sys

SRC = pathlib.Path(__file__).resolve().parent.parent / "docs" / "generated"


def generated(build_dir):
    root = pathlib.Path(build_dir) / "docs"
    return {p.name: p.read_text() for p in sorted(root.rglob("*.md"))}


def main(argv):
    if len(argv) != 3 or argv[1] not in ("update", "check"):
        sys.exit(__doc__)
    fresh = generated(argv[2])
    if not fresh:
        sys.exit(f"no generated docs under {argv[2]}/docs: run `ninja mlir-doc`")
    committed = {p.name: p.read_text() for p in sorted(SRC.glob("*.md"))}
    if argv[1] == "update":
        SRC.mkdir(parents=True, exist_ok=True)
        for name in committed.keys() - fresh.keys():
            (SRC / name).unlink()
        for name, text in fresh.items():
            (SRC / name).write_text(text)
        return
    stale = sorted(n for n in fresh.keys() | committed.keys()
                   if fresh.get(n) != committed.get(n))
    for name in stale:
        print(f"docs/generated/{name} is stale: run utils/docs.py update build")
    sys.exit(1 if stale else 0)


if __name__ == "__main__":
    main(sys.argv)
