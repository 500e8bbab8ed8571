#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Streams a TFLite LSTM golden case (lstm_1: 10 steps) one step per call
through a compiled one-step model (qat_NAME_stream, the state kept in the
arena), and checks that the 10 outputs are TFLite's for the whole
sequence; then that qat_NAME_run starts again from the zero state (its
output is the first step's) and that qat_NAME_reset does too.

  check_lstm_streaming.py --qat-compile Q --case lstm_1.json
      --backends c,m4,m55 --work DIR
"""
import argparse
import json
import pathlib
import subprocess
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "test" / "golden"))
sys.path.insert(0, str(ROOT / "utils" / "harness"))
import run_golden  # noqa: E402
import targets  # noqa: E402

MAIN = r"""#include "io.h"
#include "lstm_step.h"
static ACT steps[STEPS][QAT_LSTM_STEP_INPUT0_SIZE];
static ACT out[STEPS + 2][QAT_LSTM_STEP_OUTPUT0_SIZE];
static int32_t arena[QAT_LSTM_STEP_ARENA_SIZE / 4 + 1];
int main(void) {
  int in = io_open(QAT_INPUTS, 0), result = io_open(QAT_OUTPUTS, 1), t;
  if (in < 0 || result < 0 || io_read(in, steps, sizeof steps) != sizeof steps)
    return 2;
  if (qat_lstm_step_reset(arena) != 0)
    return 3;
  for (t = 0; t < STEPS; ++t)
    if (qat_lstm_step_stream(steps[t], out[t], arena) != 0)
      return 4;
  /* run: reset, then one step from zero state. */
  if (qat_lstm_step_run(steps[0], out[STEPS], arena) != 0)
    return 5;
  /* stream after an explicit reset: the first step again. */
  if (qat_lstm_step_stream(steps[1], out[STEPS + 1], arena) != 0 ||
      qat_lstm_step_reset(arena) != 0 ||
      qat_lstm_step_stream(steps[0], out[STEPS + 1], arena) != 0)
    return 6;
  io_write(result, out, sizeof out);
  return io_close(result);
}
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qat-compile", required=True)
    ap.add_argument("--case", required=True, type=pathlib.Path)
    ap.add_argument("--backends", default="c")
    ap.add_argument("--work", required=True, type=pathlib.Path)
    a = ap.parse_args()
    a.work.mkdir(parents=True, exist_ok=True)
    case = json.loads(a.case.read_text())
    config = case["config"]
    assert config["TIME_MAJOR"] == "true" and config["BATCH_SIZE"] == 1
    steps = config["TIME_STEPS"]
    config["TIME_STEPS"] = 1
    run_golden.ACT = run_golden.activation_type(case)
    _, oshape, body = run_golden.lstm_case(config, case["arrays"])
    ishape = [1, 1, config["INPUT_SIZE"]]
    mlir = (f"func.func @main(%x: {run_golden.t(ishape)}) -> "
            f"{run_golden.t(oshape)} {{\n  " + "\n  ".join(body) +
            f"\n  return %y : {run_golden.t(oshape)}\n}}\n")
    (a.work / "lstm_step.mlir").write_text(mlir)
    subprocess.run([a.qat_compile, str(a.work / "lstm_step.mlir"),
                    "--emit=c", "--name", "lstm_step", "-o",
                    str(a.work / "c")], check=True)
    header = (a.work / "c" / "lstm_step.h").read_text()
    assert "QAT_LSTM_STEP_STATE_SIZE" in header, "no state in the header"
    (a.work / "main.c").write_text(MAIN)
    dtype = run_golden.NUMPY[run_golden.ACT]
    x = np.asarray(case["arrays"]["input_tensor"]["data"], dtype)
    (a.work / "steps.bin").write_bytes(x.tobytes())
    expected = np.asarray(case["arrays"]["output"]["data"], dtype)
    units = config["HIDDEN_SIZE"]
    failures = 0
    for backend in a.backends.split(","):
        binary = a.work / f"stream_{backend}"
        out = a.work / f"out_{backend}.bin"
        targets.build(targets.Tools(), backend,
                      [a.work / "main.c", a.work / "c" / "lstm_step.c"],
                      [a.work / "c"],
                      [f"STEPS={steps}", f"ACT={run_golden.CTYPE[run_golden.ACT]}",
                       f'QAT_INPUTS="{a.work / "steps.bin"}"',
                       f'QAT_OUTPUTS="{out}"'], binary)
        targets.execute(targets.Tools(), backend, binary)
        got = np.frombuffer(out.read_bytes(), dtype).reshape(steps + 2, units)
        streamed = int((got[:steps].reshape(-1) != expected).sum())
        restarted = int((got[steps] != expected[:units]).sum() +
                        (got[steps + 1] != expected[:units]).sum())
        print(f"{backend}: {steps} steps streamed one per call, "
              f"{streamed} of {expected.size} values differ from TFLite's "
              f"sequence; run and reset restart: {restarted} values differ")
        failures += streamed + restarted
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
