#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks that the specs, the verifiers and the diagnostics tests name the
same constraint labels. For each dialect: every label in its spec is enforced
by a verifier under lib/Dialect (or by an ODS constraint, listed below) and
tested by a function `@<label>` or `@<label>_<case>` in its invalid.mlir;
nothing is tested that the spec lacks; and every label a verifier uses is in
some spec.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DIALECTS = {  # spec page, diagnostics test
    "qat": ("docs/Spec.md", "test/Dialect/QAT/invalid.mlir"),
    "qint": ("docs/QIntSpec.md", "test/Dialect/QInt/invalid.mlir"),
}
# Constraints that ODS enforces (type constraints, AllTypesMatch): their
# messages are MLIR's own, so they carry no label.
ODS_ENFORCED = {"tensor_c1", "tensor_c2", "qint_tensor_c1", "qint_tensor_c2"}
LABEL = r"[a-z0-9_]+_c\d+"

verifier = set()
for cpp in (ROOT / "lib/Dialect").rglob("*.cpp"):
    verifier |= set(re.findall(rf"\b({LABEL})\b", cpp.read_text()))

errors, total, all_spec = [], 0, set()
for dialect, (spec_path, test_path) in DIALECTS.items():
    if not (ROOT / spec_path).exists():
        continue
    spec = set(re.findall(rf"`({LABEL})`", (ROOT / spec_path).read_text()))
    all_spec |= spec
    total += len(spec)
    tested = set()
    for name in re.findall(r"func\.func @([a-z0-9_]+)",
                           (ROOT / test_path).read_text()):
        m = re.match(rf"({LABEL})(_[a-z0-9_]+)?$", name)
        if m:
            tested.add(m.group(1))
    for label in sorted(spec - verifier - ODS_ENFORCED):
        errors.append(f"{label}: in {spec_path} but enforced by no verifier")
    for label in sorted(spec - tested):
        errors.append(f"{label}: no @{label} test in {test_path}")
    for label in sorted(tested - spec):
        errors.append(f"{label}: tested in {test_path} but not in {spec_path}")
for label in sorted(verifier - all_spec):
    errors.append(f"{label}: used by a verifier but in no spec")
for e in errors:
    print(e)
print(f"{total} labels, {len(errors)} problems")
sys.exit(1 if errors else 0)
