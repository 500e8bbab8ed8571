# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Every string a user controls reaches the generated files through one
escaping rule per language (qat/Support/Escape.h). A model with hostile
names (IR locations holding `*/`, `/*`, `??/`, quotes, backslashes,
newlines and bytes that are not UTF-8) in a directory whose name holds the
same is compiled to C, a header, JSON, LLVM IR and both reports; then:

- NAME.c and NAME.h compile with gcc -std=c99 (trigraphs on) -Wall
  -Wextra -Werror -pedantic, and the header defines only its own macros;
- every user string reads back from the C comments exactly, decoding the
  rule (`\\\\`, `\\xNN`, `*\\/`, `/\\*`, `?\\?`);
- NAME.json and the JSON report parse, with U+FFFD for the invalid bytes;
- the Markdown report keeps one table row per layer;
- NAME.ll assembles with clang.
Prints `ok` and each check, or exits 1 naming the first failure.
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys

import numpy as np

# Each name holds one hostile class; the last is the path's directory.
NAMES = ["a*/#define HOSTILE 1 /*", "two\nlines", 'quote"back\\slash\\',
         "tri??/graph??=", "bad\xff\xfebytes", "tab\tpipe|end*"]
DIRECTORY = "dir*/ #define HOSTILE 2 /*??/\n\xff"


def mlir_string(text):
    """An MLIR string literal's body for text of code points < 256."""
    out = ""
    for ch in text:
        c = ord(ch)
        out += ch if 0x20 <= c < 0x7f and ch not in '"\\' else f"\\{c:02X}"
    return out


def graph():
    """One fully connected layer per name, each fake-quantized on a grid of
    2, then a requantization named by the last name."""
    fq = ("qat.fake_quant {v} {{scale = array<f64: {s}>, zero_point = "
          "array<i64: 0>, quant_min = -128, quant_max = {hi}}} : "
          "tensor<1x2xf32>")
    lines = ["func.func @main(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {",
             "  %w = arith.constant dense<[[1.0, 2.0], [3.0, -1.0]]> : "
             "tensor<2x2xf32>",
             "  %wq = qat.fake_quant %w {scale = array<f64: 1.0>, zero_point"
             " = array<i64: 0>, quant_min = -127, quant_max = 127} : "
             "tensor<2x2xf32>",
             "  %v0 = " + fq.format(v="%x", s="1.0", hi=127)]
    for i, name in enumerate(NAMES[:-1]):
        lines += [f"  %y{i} = qat.fully_connected %v{i}, %wq : (tensor<1x2xf32>"
                  f", tensor<2x2xf32>) -> tensor<1x2xf32> "
                  f'loc("{mlir_string(name)}")',
                  f"  %v{i + 1} = " + fq.format(v=f"%y{i}", s="2.0", hi=127)]
    last = len(NAMES) - 1
    lines += [f"  %z = " + fq.format(v=f"%v{last}", s="4.0", hi=3) +
              f' loc("{mlir_string(NAMES[-1])}")',
              "  return %z : tensor<1x2xf32>", "}", ""]
    return "\n".join(lines)


def decode_comment(text):
    """Inverts the C comment rule."""
    out, i = bytearray(), 0
    while i < len(text):
        if text[i] == "\\":
            nxt = text[i + 1]
            if nxt == "x":
                out.append(int(text[i + 2:i + 4], 16))
                i += 4
                continue
            if nxt == "\\":
                out.append(ord("\\"))
            i += 1 if nxt in "/*?" else 2
            continue
        out.append(ord(text[i]))
        i += 1
    return bytes(out)


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tools", required=True)
    parser.add_argument("--runtime", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    work = pathlib.Path(args.work)
    directory = work / os.fsdecode(DIRECTORY.encode("latin-1"))
    directory.mkdir(parents=True)
    model = directory / "m.mlir"
    model.write_text(graph())
    np.save(work / "x.npy", np.array([[1, 2]], np.float32))
    out = work / "out"
    for emit in ("c", "llvm"):
        for report in ("r.md", "r.json"):
            subprocess.run([f"{args.tools}/qat-compile", str(model),
                            f"--emit={emit}", "--name", "m", "-o", str(out),
                            "--report", str(out / report), "--report-inputs",
                            str(work / "x.npy")], check=True)

    for source in ("m.c", "m.h"):
        result = subprocess.run(
            ["gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic",
             "-Wtrigraphs", "-fsyntax-only", f"-I{out}",
             f"-I{args.runtime}/include", "-x", "c", str(out / source)],
            capture_output=True, text=True)
        if result.returncode != 0:
            fail(f"{source} does not compile:\n{result.stderr}")
    macros = subprocess.run(["gcc", "-std=c99", "-dM", "-E", "-x", "c",
                             str(out / "m.h")], capture_output=True,
                            text=True, check=True).stdout
    if "HOSTILE" in macros:
        fail("a name defined a macro in m.h")
    print("ok: m.c and m.h compile warning-free, no macro from a name")

    path = os.fsencode(str(model))
    for source in ("m.c", "m.h"):
        text = (out / source).read_bytes()
        if any(b > 0x7e or (b < 0x20 and b != 0x0a) for b in text):
            fail(f"{source} holds a byte that is not printable ASCII")
        first = text.split(b"\n")[0].decode()
        written = re.match(r"/\* m\.[ch]: generated by qat from (.*)\.( \*/)?$",
                           first).group(1)
        if decode_comment(written) != path:
            fail(f"{source}'s path reads back as {decode_comment(written)!r}")
    comments = re.findall(r"/\* \d+: qint\.\w+ at (.*) \*/",
                          (out / "m.c").read_text())
    wanted = {n.encode("latin-1") for n in NAMES}
    for comment in comments:
        for part in decode_comment(comment).split(b", "):
            if part not in wanted:
                fail(f"kernel comment names {part!r}")
    if not comments:
        fail("no kernel comment names a location")
    print(f"ok: the path and {len(comments)} kernel locations read back "
          "exactly")

    model_json = json.loads((out / "m.json").read_bytes().decode("utf-8"))
    locations = [k["location"] for k in model_json["kernels"]]
    if not any("\ufffd" in l for l in locations):
        fail(f"no U+FFFD in the JSON locations {locations}")
    report = json.loads((out / "r.json").read_bytes().decode("utf-8"))
    print(f"ok: m.json ({len(locations)} kernels) and r.json "
          f"({len(report['layers'])} layers) are valid UTF-8 JSON")

    rows = [line for line in (out / "r.md").read_text("utf-8").split("\n")
            if re.match(r"\| \d+ \|", line)]
    cells = {len(re.split(r"(?<!\\)\|", row)) for row in rows}
    if len(rows) != len(report["layers"]) or len(cells) != 1:
        fail(f"the Markdown table has {len(rows)} rows of cell counts "
             f"{cells} for {len(report['layers'])} layers")
    print(f"ok: r.md has {len(rows)} rows of {cells.pop() - 2} cells")

    result = subprocess.run(["clang-22", "-c", "-w", str(out / "m.ll"), "-o",
                             str(work / "m.o")], capture_output=True,
                            text=True)
    if result.returncode != 0:
        fail(f"m.ll does not assemble:\n{result.stderr}")
    print("ok: m.ll assembles")


if __name__ == "__main__":
    main()
