#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs every test. The last
# line is the summary `N passed, N failed`; the exit status is non-zero when a
# test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source utils/common.sh
qat_install_packages
qat_build all mlir-doc

results=build/test-results.json
rm -f "$results"
status=0
/usr/lib/llvm-22/bin/lit build/test build/unittests -sv --output "$results" || status=$?
/usr/bin/python3 - "$results" <<'PY'
import json, os, sys
# No results file means lit itself failed before running anything.
tests = (json.load(open(sys.argv[1]))["tests"] if os.path.exists(sys.argv[1])
         else [{"code": "FAIL"}])
passed = sum(t["code"] in ("PASS", "XFAIL") for t in tests)
skipped = sum(t["code"] in ("UNSUPPORTED",) for t in tests)
failed = len(tests) - passed - skipped
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
