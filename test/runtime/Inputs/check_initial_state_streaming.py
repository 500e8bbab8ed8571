#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks the C backend's streaming of a recurrent layer with an initial
state computed from the input (single-ops.mlir's lstm_initial_state and
gru_initial_state: the state from the sequence's first step).

The function is compiled as it is (6 steps) and with 12 steps. From one
input x: qat_NAME_run(x) then qat_NAME_stream(x) must give the 12-step
program's run on x followed by x (reset arms the initial state, the first
stream call loads it from that call's input, the next one carries the
state on); and qat_NAME_reset then qat_NAME_stream(x) must give run(x)
again.

  check_initial_state_streaming.py --qat-compile Q --model single-ops.mlir
      --function F --backends c,m4,m55 --trials N --work DIR
"""
import argparse
import pathlib
import re
import subprocess
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "utils" / "harness"))
import targets  # noqa: E402

MAIN = r"""#include "io.h"
#include "short_seq.h"
#include "long_seq.h"
static int8_t x[TRIALS][QAT_SHORT_SEQ_INPUT0_SIZE];
static int8_t xx[QAT_LONG_SEQ_INPUT0_SIZE];
/* Per trial: run(x), stream(x), reset and stream(x), each a short output,
 * then the long program's run(x x). */
static int8_t out[TRIALS][3 * QAT_SHORT_SEQ_OUTPUT0_SIZE +
                          QAT_LONG_SEQ_OUTPUT0_SIZE];
static int32_t a6[QAT_SHORT_SEQ_ARENA_SIZE / 4 + 1];
static int32_t a12[QAT_LONG_SEQ_ARENA_SIZE / 4 + 1];
int main(void) {
  int in = io_open(QAT_INPUTS, 0), result = io_open(QAT_OUTPUTS, 1), t, i;
  if (in < 0 || result < 0 || io_read(in, x, sizeof x) != sizeof x)
    return 2;
  for (t = 0; t < TRIALS; ++t) {
    int8_t *o = out[t];
    for (i = 0; i < QAT_LONG_SEQ_INPUT0_SIZE; ++i)
      xx[i] = x[t][i % QAT_SHORT_SEQ_INPUT0_SIZE];
    if (qat_short_seq_run(x[t], o, a6) != 0 ||
        qat_short_seq_stream(x[t], o + QAT_SHORT_SEQ_OUTPUT0_SIZE, a6) != 0 ||
        qat_short_seq_reset(a6) != 0 ||
        qat_short_seq_stream(x[t], o + 2 * QAT_SHORT_SEQ_OUTPUT0_SIZE, a6) != 0)
      return 3;
    if (qat_long_seq_run(xx, o + 3 * QAT_SHORT_SEQ_OUTPUT0_SIZE, a12) != 0)
      return 4;
  }
  io_write(result, out, sizeof out);
  return io_close(result);
}
"""


def function_text(model, name):
    text = model.read_text()
    start = text.index(f"func.func @{name}(")
    return text[start:text.index("\n}\n", start) + 3]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qat-compile", required=True)
    ap.add_argument("--model", required=True, type=pathlib.Path)
    ap.add_argument("--function", required=True)
    ap.add_argument("--backends", default="c")
    ap.add_argument("--trials", type=int, default=8)
    ap.add_argument("--work", required=True, type=pathlib.Path)
    a = ap.parse_args()
    a.work.mkdir(parents=True, exist_ok=True)
    short = function_text(a.model, a.function)
    steps = re.search(r"tensor<1x(\d+)x\d+xf32>\) ->", short)
    assert steps, "the function takes one [1, T, I] sequence"
    t = int(steps.group(1))
    long = re.sub(rf"tensor<1x{t}x(\d+)xf32>", rf"tensor<1x{2 * t}x\1xf32>",
                  short)
    for name, text in (("short_seq", short), ("long_seq", long)):
        (a.work / f"{name}.mlir").write_text(text)
        subprocess.run([a.qat_compile, str(a.work / f"{name}.mlir"),
                        "--emit=c", "--name", name, "-o", str(a.work / "c")],
                       check=True)
    header = (a.work / "c" / "short_seq.h").read_text()
    size = int(re.search(r"QAT_SHORT_SEQ_INPUT0_SIZE (\d+)", header).group(1))
    osize = int(re.search(r"QAT_SHORT_SEQ_OUTPUT0_SIZE (\d+)",
                          header).group(1))
    rng = np.random.RandomState(7)
    x = rng.randint(-128, 128, (a.trials, size)).astype(np.int8)
    (a.work / "x.bin").write_bytes(x.tobytes())
    (a.work / "main.c").write_text(MAIN)
    failures = 0
    for backend in a.backends.split(","):
        binary = a.work / f"stream_{backend}"
        out = a.work / f"out_{backend}.bin"
        targets.build(targets.Tools(), backend,
                      [a.work / "main.c", a.work / "c" / "short_seq.c",
                       a.work / "c" / "long_seq.c"],
                      [a.work / "c"],
                      [f"TRIALS={a.trials}", f'QAT_INPUTS="{a.work / "x.bin"}"',
                       f'QAT_OUTPUTS="{out}"'], binary)
        targets.execute(targets.Tools(), backend, binary)
        got = np.frombuffer(out.read_bytes(), np.int8).reshape(
            a.trials, 5, osize)
        run, stream, restarted = got[:, 0], got[:, 1], got[:, 2]
        whole = got[:, 3:].reshape(a.trials, 2 * osize)
        continued = int((np.concatenate([run, stream], 1) != whole).sum())
        again = int((restarted != run).sum())
        carried = int((stream != run).any(1).sum())
        print(f"{backend}: {a.trials} inputs; run then stream vs the "
              f"{2 * t}-step run: {continued} of {whole.size} values "
              f"differ; reset then stream vs run: {again} differ; stream "
              f"carried the state on in {carried} of {a.trials}")
        failures += continued + again + (carried == 0)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
