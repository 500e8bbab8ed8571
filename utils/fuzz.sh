#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Runs qat's libFuzzer harnesses (tools/qat-fuzzers) on seeds from the test
# suite: `bash utils/fuzz.sh [SECONDS [TARGET...]]` gives each target (ir,
# kernel, npy, onnx, tflite; default all) SECONDS (default 60), as many at a
# time as there are cores.
# Builds build-san (QAT_SANITIZE=ON QAT_FUZZ=ON) if needed. Prints one
# line per target with its executions and time, and exits non-zero on any
# finding (crash, sanitizer report, leak, timeout or out-of-memory), whose
# input is kept in build-san/fuzz/findings/ to turn into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
source utils/common.sh
seconds=${1:-60}
shift || true
targets=("${@:-ir kernel npy onnx tflite}")
targets=(${targets[*]})
qat_build_sanitized qat-ir-fuzzer qat-kernel-fuzzer qat-npy-fuzzer \
  qat-onnx-fuzzer qat-tflite-fuzzer

work=build-san/fuzz
mkdir -p "$work/findings"
# Seeds: the suite's own IR and ONNX models, and .npy files of every dtype
# qat-run reads (and some it refuses).
for target in "${targets[@]}"; do
  rm -rf "$work/seeds/$target"
  mkdir -p "$work/seeds/$target" "$work/corpus/$target"
  case $target in
  ir)
    find test examples -name '*.mlir' -size -64k -not -path '*/Output/*' \
      -exec cp --backup=numbered -t "$work/seeds/ir" {} + ;;
  onnx)
    # The test models, one small model per operator and attribute the
    # importer reads, and the bad files the tests refuse.
    cp test/Target/ONNX/Inputs/models/*.onnx "$work/seeds/onnx/"
    /usr/bin/python3 test/Target/ONNX/Inputs/make_fuzz_seeds.py \
      "$work/seeds/onnx"
    /usr/bin/python3 test/Target/ONNX/Inputs/make_bad_models.py \
      "$work/seeds/onnx/bad" && mv "$work/seeds/onnx/bad"/* "$work/seeds/onnx/"
    rmdir "$work/seeds/onnx/bad" ;;
  tflite)
    # The shared TFLite models up to 100 KB (read from the reference data
    # beside the checkout) and the bad files the tests refuse.
    shared=$QAT_SHARED_DIR
    find "$shared/models/tflite" -name '*.tflite' -size -100k \
      -exec cp --backup=numbered -t "$work/seeds/tflite" {} +
    /usr/bin/python3 test/Target/TFLite/Inputs/make_bad_models.py \
      --schema lib/Target/TFLite/TFLiteSchema.fbs \
      --model "$shared/models/tflite/hello_world_int8/hello_world_int8.tflite" \
      "$work/seeds/tflite/bad"
    mv "$work/seeds/tflite/bad"/*.tflite "$work/seeds/tflite/"
    rm -rf "$work/seeds/tflite/bad" ;;
  kernel)
    # Any bytes choose a kernel and its parameters; a few lengths of fixed
    # pseudo-random bytes start every kernel kind.
    /usr/bin/python3 - "$work/seeds/kernel" <<'PY'
import random, sys
rng = random.Random(0)
for i in range(64):
    n = rng.choice([16, 64, 256, 1024, 4096])
    open(f"{sys.argv[1]}/seed{i}", "wb").write(bytes(rng.randrange(256)
                                                     for _ in range(n)))
PY
    ;;
  npy)
    /usr/bin/python3 - "$work/seeds/npy" <<'PY'
import sys
import numpy as np
out = sys.argv[1]
for i, (shape, dtype) in enumerate([((1, 4), np.float32), ((1, 4), np.int8),
                                    ((1, 4), np.int32), ((2, 2), np.float32),
                                    ((0, 4), np.float32), ((1, 4), ">f4"),
                                    ((1, 4), np.float64)]):
    np.save(f"{out}/seed{i}.npy", np.arange(np.prod(shape)).reshape(shape)
            .astype(dtype))
PY
    ;;
  *)
    echo "unknown fuzz target '$target' (ir, kernel, npy, onnx, tflite)" >&2
    exit 2 ;;
  esac
done

# One fuzzer per core at a time, each for the whole SECONDS: the five
# targets take three rounds on a 2-core machine instead of five.
fuzz_target() {
  local target=$1 log="$work/qat-$1-fuzzer.log" result runs
  # ASan's allow_user_poisoning=0: see test/lit.cfg.py (LLVM's allocators in
  # Debian's uninstrumented libMLIR.so).
  if ASAN_OPTIONS=allow_user_poisoning=0 \
     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     "build-san/bin/qat-$target-fuzzer" "$work/corpus/$target" \
       "$work/seeds/$target" -max_total_time="$seconds" -timeout=60 \
       -rss_limit_mb=4096 -print_final_stats=1 \
       -artifact_prefix="$work/findings/$target-" >"$log" 2>&1; then
    result=ok
  else
    result=FINDING
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" |
         grep -o '[0-9]*$' || echo 0)
  {
    echo "qat-$target-fuzzer: $result, $runs executions in ${seconds} s ($log)"
    if [ $result = FINDING ]; then
      grep -m5 -E 'ERROR|runtime error|Test unit written' "$log" || true
    fi
  } >"$work/qat-$target-fuzzer.result"
}
cores=$(nproc)
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$cores" ]; do
    wait -n || true
  done
  rm -f "$work/qat-$target-fuzzer.result"
  fuzz_target "$target" &
done
wait
status=0
for target in "${targets[@]}"; do
  result="$work/qat-$target-fuzzer.result"
  if [ -f "$result" ]; then
    cat "$result"
  else
    echo "qat-$target-fuzzer: FINDING, no result (the script failed)"
  fi
  grep -q "^qat-$target-fuzzer: ok," "$result" 2>/dev/null || status=1
done
exit $status
