#!/usr/bin/python3
"""Checks that docs/Spec.md, the verifiers and invalid.mlir name the same
constraint labels: each label in the spec is enforced in QATOps.cpp (or by an
ODS constraint, listed below) and tested by a function `@<label>` or
`@<label>_<case>` in invalid.mlir, and nothing is tested that the spec lacks.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Constraints that ODS enforces (type constraints, AllTypesMatch): their
# messages are MLIR's own, so they carry no label.
ODS_ENFORCED = {"tensor_c1", "tensor_c2"}

spec = set(re.findall(r"`([a-z0-9_]+_c\d+)`", (ROOT / "docs/Spec.md").read_text()))
verifier = set(re.findall(r"\b([a-z0-9_]+_c\d+)\b",
                          (ROOT / "lib/Dialect/QAT/IR/QATOps.cpp").read_text()))
tested = set()
for name in re.findall(r"func\.func @([a-z0-9_]+)",
                       (ROOT / "test/Dialect/QAT/invalid.mlir").read_text()):
    m = re.match(r"([a-z0-9_]+_c\d+)(_[a-z0-9_]+)?$", name)
    if m:
        tested.add(m.group(1))

errors = []
for label in sorted(spec - verifier - ODS_ENFORCED):
    errors.append(f"{label}: in docs/Spec.md but not enforced in QATOps.cpp")
for label in sorted(verifier - spec):
    errors.append(f"{label}: in QATOps.cpp but not in docs/Spec.md")
for label in sorted(spec - tested):
    errors.append(f"{label}: no @{label} test in invalid.mlir")
for label in sorted(tested - spec):
    errors.append(f"{label}: tested in invalid.mlir but not in docs/Spec.md")
for e in errors:
    print(e)
print(f"{len(spec)} labels, {len(errors)} problems")
sys.exit(1 if errors else 0)
