#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Installs what is missing, builds everything, and runs every test: the suite
# on the release build (build/), the same suite on the ASan+UBSan build
# (build-san/), and each libFuzzer harness for 30 s (utils/fuzz.sh; longer
# runs are for outside CI: `bash utils/fuzz.sh 1800`). Each phase prints
# its duration. The last line is the summary `N passed, N failed, N
# skipped`; the exit status is non-zero when a test fails or a fuzzer finds
# something.
#
#   utils/check.sh --quick   the edit-build-test loop: the release build and
#                            its suite without the emulated Cortex-M
#                            comparisons, the benchmarks, the packaging
#                            checks and the sanitizer and fuzz phases
#                            (about 2 min 15 s on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
source utils/common.sh
phase_start=$SECONDS
phase() {
  echo "== $1: $((SECONDS - phase_start)) s"
  phase_start=$SECONDS
}
if [ "${1:-}" = "--quick" ]; then
  qat_build all
  phase "release build"
  # The slow end of the suite: QEMU runs of every backend and of the
  # firmware example, the benchmarks, the exhaustive single-op sweeps,
  # mypy, the docs' command blocks on a fresh copy, the installed-package
  # and pip checks.
  /usr/lib/llvm-22/bin/lit build/test build/unittests -s \
    --filter-out 'Backends/|golden/golden-c|bench/|Numerics/(single-ops|networks)|python/(mypy|pip-install)|docs/commands|TFLite/seanet|ONNX/mutations|examples/(firmware|embedding)'
  phase "quick suite"
  exit 0
fi
qat_install_packages
qat_build all mlir-doc
phase "release build"
qat_build_sanitized all mlir-doc
phase "sanitizer build"

status=0
rm -f build/test-results.json build-san/test-results.json build-san/fuzz-results.json
/usr/lib/llvm-22/bin/lit build/test build/unittests -sv \
  --output build/test-results.json || status=$?
phase "release suite"
echo "== the same suite under AddressSanitizer and UndefinedBehaviorSanitizer"
/usr/lib/llvm-22/bin/lit build-san/test build-san/unittests -sv \
  --output build-san/test-results.json || status=$?
phase "sanitizer suite"
echo "== fuzzing, 30 s per target"
fuzz=0
bash utils/fuzz.sh 30 | tee build-san/fuzz-results.txt || fuzz=$?
[ $fuzz -ne 0 ] && status=$fuzz
phase "fuzzing"

/usr/bin/python3 - build/test-results.json build-san/test-results.json \
  build-san/fuzz-results.txt <<'PY'
import json, os, sys
tests = []
for path in sys.argv[1:3]:
    # No results file means lit itself failed before running anything.
    tests += (json.load(open(path))["tests"] if os.path.exists(path)
              else [{"code": "FAIL"}])
passed = sum(t["code"] in ("PASS", "XFAIL") for t in tests)
skipped = sum(t["code"] in ("UNSUPPORTED",) for t in tests)
failed = len(tests) - passed - skipped
# Each fuzz target is one test: "qat-ir-fuzzer: ok, ..." or "...: FINDING".
fuzz = sys.argv[3]
lines = ([l for l in open(fuzz) if l.startswith("qat-")]
         if os.path.exists(fuzz) else [])
fuzz_passed = sum(": ok," in l for l in lines)
passed += fuzz_passed
failed += max(len(lines), 5) - fuzz_passed
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
