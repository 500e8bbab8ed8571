#!/usr/bin/env bash
# Installs what is missing, builds qat, and runs the main job on the bundled
# example network: compile its fake-quant training graph to an int8 program,
# classify a held-out digit with both, then compile it to C for Cortex-M and
# classify the digit again on an emulated Cortex-M4 (QEMU mps2-an386). Safe
# to run again; a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source utils/common.sh
qat_install_packages
qat_build qat-opt qat-run qat-compile

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

./build/bin/qat-compile examples/cnn.mlir --emit=c -o "$out/c"
echo "qat: examples/cnn.mlir -> $out/c/cnn.c, cnn.h" \
  "(arena $(sed -n 's/#define QAT_CNN_ARENA_SIZE //p' "$out/c/cnn.h") bytes;" \
  "docs/Deployment.md)"

/usr/bin/python3 - "$out" <<'PY'
import pathlib, re, sys
import numpy as np
sys.path.insert(0, "utils/harness")
import targets
out = pathlib.Path(sys.argv[1]).resolve()
header = (out / "c/cnn.h").read_text()
scale = float(re.search(r"INPUT0_SCALE ([0-9.e-]+)f", header).group(1))
zp = int(re.search(r"INPUT0_ZERO_POINT (-?\d+)", header).group(1))
digit = np.load(out / "digit.npy").reshape(-1)
q = np.clip(np.round(digit / scale) + zp, -128, 127).astype(np.int8)
(out / "digit.bin").write_bytes(q.tobytes())
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
out_scale = float(re.search(r"OUTPUT0_SCALE ([0-9.e-]+)f", header).group(1))
out_zp = int(re.search(r"OUTPUT0_ZERO_POINT (-?\d+)", header).group(1))
label = np.load("examples/data/digits_test.npz")["labels"][0]
print(f"qat: {'C on Cortex-M4':16s} says {scores.argmax()} "
      f"(p = {out_scale * (int(scores.max()) - out_zp):.3f}, QEMU "
      f"mps2-an386); the label is {label}")
PY
