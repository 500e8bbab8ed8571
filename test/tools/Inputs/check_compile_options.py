# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The compile options exist on every surface or on none: the C struct
QatCompileOptions, qat-compile's flags, Python's qat.compile keywords and
the ctypes mirror of the struct all hold exactly the options of
include/qat-c/CompileOptions.def. Prints one line per surface, or the
differences and exit status 1.

  check_compile_options.py SRC_ROOT QAT_COMPILE
"""
import inspect
import pathlib
import re
import subprocess
import sys

# qat-compile's flags that choose outputs, not the compilation.
OUTPUT_FLAGS = {"emit", "o", "arena", "report", "report-inputs",
                "report-labels", "calibrate", "calibration", "weight-bits",
                "per-tensor-weights", "help", "help-list", "version"}


def main():
    root, qat_compile = pathlib.Path(sys.argv[1]), sys.argv[2]
    sys.path.insert(0, str(root / "python"))
    import qat
    from qat import _capi

    table = re.findall(r"^QAT_COMPILE_OPTION\((\w+), ([\w-]+), (\w+)\)",
                       (root / "include/qat-c/CompileOptions.def")
                       .read_text(), re.M)
    fields = [f for f, _, _ in table]
    problems = []

    header = (root / "include/qat-c/Compiler.h").read_text()
    body = re.search(r"typedef struct QatCompileOptions \{(.*?)\} "
                     r"QatCompileOptions;", header, re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    struct = re.findall(r"(\w+)(?:\s*,\s*(\w+))?\s*;", body)
    struct = [n for pair in struct for n in pair if n]
    # A struct field belongs to the option whose name it contains
    # (defaultRange: hasDefaultRange, defaultRangeMin, defaultRangeMax).
    owner = {s: [f for f in fields if f.lower() in s.lower()]
             for s in struct}
    problems += [f"C field {s} is no option of the table"
                 for s, o in owner.items() if not o]
    problems += [f"option {f} has no field in QatCompileOptions"
                 for f in fields if not any(f in o for o in owner.values())]

    ctypes_fields = [n for n, _ in _capi._Options._fields_]
    if ctypes_fields != struct:
        problems.append(f"ctypes _Options {ctypes_fields} differs from the "
                        f"C struct {struct}")

    signature = inspect.signature(qat.compile)
    keywords = {n for n, p in signature.parameters.items()
                if p.kind == p.KEYWORD_ONLY}
    want = {k for _, _, k in table}
    problems += [f"qat.compile lacks keyword {k}" for k in want - keywords]
    problems += [f"qat.compile keyword {k} is no option of the table"
                 for k in keywords - want]

    help_text = subprocess.run([qat_compile, "--help-list"],
                               capture_output=True, text=True).stdout
    flags = set(re.findall(r"^\s+--?([\w-]+)", help_text, re.M)) - OUTPUT_FLAGS
    table_flags = {f for _, f, _ in table}
    problems += [f"qat-compile lacks --{f}" for f in table_flags - flags]
    problems += [f"qat-compile --{f} is no option of the table"
                 for f in flags - table_flags]

    if problems:
        print("\n".join(problems))
        return 1
    print(f"{len(table)} options; C struct: {len(struct)} fields; ctypes: "
          f"the same; qat.compile: {len(keywords)} keywords; qat-compile: "
          f"{len(flags)} flags")
    return 0


if __name__ == "__main__":
    sys.exit(main())
