#!/usr/bin/env bash
# Installs what is missing, builds qat, and runs the main job on the bundled
# example network: compile its fake-quant training graph to an int8 program,
# then classify a held-out digit with both. Safe to run again; a second run
# only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source utils/common.sh
qat_install_packages
qat_build qat-opt qat-run

out=build/examples
mkdir -p "$out"
./build/bin/qat-opt examples/cnn.mlir --qat-to-int8 -o "$out/cnn.int8.mlir"
echo "qat: examples/cnn.mlir -> $out/cnn.int8.mlir" \
  "($(grep -c ' = qint\.' "$out/cnn.int8.mlir") int8 kernels)"

/usr/bin/python3 - "$out" <<'PY'
import subprocess, sys
import numpy as np
out = sys.argv[1]
data = np.load("examples/data/digits_test.npz")
np.save(f"{out}/digit.npy", data["images"][:1].astype(np.float32) / 16.0)
for label, model in (("fake-quant graph", "examples/cnn.mlir"),
                     ("int8 program", f"{out}/cnn.int8.mlir")):
    subprocess.run(["./build/bin/qat-run", model, "--input", f"{out}/digit.npy",
                    "--output", f"{out}/scores.npy"], check=True)
    scores = np.load(f"{out}/scores.npy")[0]
    print(f"qat: {label:16s} says {scores.argmax()} "
          f"(p = {scores.max():.3f}); the label is {data['labels'][0]}")
PY
