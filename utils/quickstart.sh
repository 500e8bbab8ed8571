#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Installs what is missing, builds qat, makes `import qat` work for
# /usr/bin/python3, and runs the main job on the bundled example network:
# compile its fake-quant training graph to an int8 program, classify a
# held-out digit with both, classify all 360 held-out digits natively from
# Python, then compile it to C for Cortex-M and classify the digit again on
# an emulated Cortex-M4 (QEMU mps2-an386); finally a short run of the
# PTQ-against-QAT table (examples/digits, docs/Tutorial.md). Safe to run
# again; a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source utils/common.sh
qat_install_packages
qat_build all   # every tool and library the README and docs name
qat_install_python_package

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

/usr/bin/python3 - <<'PY'
import numpy as np
import qat
model = qat.compile("examples/cnn.mlir")
data = np.load("examples/data/digits_test.npz")
scores = model.run(data["images"].astype(np.float32) / 16.0)
accuracy = (scores.argmax(1) == data["labels"]).mean()
print(f"qat: Python, qat.compile + run on {len(scores)} digits (native): "
      f"accuracy {accuracy:.4f} (docs/Python.md)")
PY

./build/bin/qat-compile examples/cnn.mlir --emit=c -o "$out/c"
echo "qat: examples/cnn.mlir -> $out/c/cnn.c, cnn.h" \
  "(arena $(/usr/bin/python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['arena_size'])" "$out/c/cnn.json") bytes;" \
  "docs/Deployment.md)"

/usr/bin/python3 - "$out" <<'PY'
import pathlib, sys
import numpy as np
import qat
sys.path.insert(0, "utils/harness")
import targets
out = pathlib.Path(sys.argv[1]).resolve()
model = qat.compile("examples/cnn.mlir")  # its ports: scale, zero point
digit = np.load(out / "digit.npy")
(out / "digit.bin").write_bytes(model.inputs[0].quantize(digit).tobytes())
(out / "c/main.c").write_text("""#include "io.h"
#include "cnn.h"
static int8_t image[QAT_CNN_INPUT0_SIZE], scores[QAT_CNN_OUTPUT0_SIZE];
static int32_t arena[QAT_CNN_ARENA_SIZE / 4 + 1];
int main(void) {
  int in = io_open(QAT_INPUTS, 0), result = io_open(QAT_OUTPUTS, 1);
  if (in < 0 || result < 0 || io_read(in, image, sizeof image) != sizeof image)
    return 2;
  if (qat_cnn_run(image, scores, arena) != 0)
    return 3;
  io_write(result, scores, sizeof scores);
  return io_close(result);
}
""")
targets.build(targets.Tools(), "m4", [out / "c/main.c", out / "c/cnn.c"],
              [out / "c"], [f'QAT_INPUTS="{out / "digit.bin"}"',
                            f'QAT_OUTPUTS="{out / "c/scores.bin"}"'],
              out / "c/cnn-m4.elf")
targets.execute(targets.Tools(), "m4", out / "c/cnn-m4.elf")
scores = np.frombuffer((out / "c/scores.bin").read_bytes(), np.int8)
p = model.outputs[0].dequantize(scores)
label = np.load("examples/data/digits_test.npz")["labels"][0]
print(f"qat: {'C on Cortex-M4':16s} says {p.argmax()} "
      f"(p = {p.max():.3f}, QEMU mps2-an386); the label is {label}")
PY

echo "qat: PTQ against QAT, short version (docs/Tutorial.md has the full one):"
/usr/bin/python3 examples/digits/digits.py --quick --out "$out/digits"
