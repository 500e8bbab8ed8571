#!/usr/bin/env bash
# Installs what is missing, builds qat, and runs the main job on the bundled
# example network. Safe to run again; a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source utils/common.sh
qat_install_packages
qat_build qat-opt

in=examples/cnn.mlir
out=build/examples/cnn.mlir
mkdir -p build/examples
./build/bin/qat-opt "$in" --qat-import-quant-casts --canonicalize -o "$out"
ops=$(grep -c ' = qat\.' "$out" || true)
fq=$(grep -c 'qat\.fake_quant' "$out" || true)
echo "qat: $in verified and canonicalized: $ops qat ops, $fq of them" \
  "fake_quant -> $out"
