#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""An LSTM and a GRU trained with QAT, compiled by qat: the digits read row
by row.

Each 8x8 digit is a sequence of 8 rows of 8 pixels (the form of a sensor or
audio-feature stream). The model is QuantStub -> LSTM or GRU (8 -> 32) ->
its last hidden state -> Linear(32 -> 10). It is trained in float32
(torch.nn.LSTM, torch.nn.GRU), then fine-tuned with quantization-aware
training: the recurrent layer becomes `qat.nn.LSTM.from_float` (TFLite's
integer LSTM's grids) or `qat.nn.GRU.from_float` (qat's integer GRU), the
Linear PyTorch's QAT Linear (eager prepare_qat). `qat.compile` turns each
into an integer program (qint.lstm or qint.gru, qint.fully_connected) run
natively on the 360 held-out digits. Prints float, fake-quant and compiled
accuracy and the compiled program's agreement with the fake-quant model,
and writes the models as ONNX (`--onnx-dir`: lstm_digits.onnx and
gru_digits.onnx, the files bench/run_bench.py measures on Cortex-M).

  /usr/bin/python3 examples/recurrent/lstm_digits.py [--quick]
      [--cells lstm,gru] [--onnx-dir D]

Deterministic (fixed seeds, one thread); --quick trains less.
"""
import argparse
import pathlib
import sys
import warnings

import numpy as np
import torch
import torch.nn as nn
from torch.ao.quantization import (DeQuantStub, QuantStub, disable_observer,
                                   get_default_qat_qconfig, prepare_qat)

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "python"))  # before an installed qat
sys.path.insert(0, str(ROOT / "examples"))
import qat  # noqa: E402
import qat.nn  # noqa: E402
from train import accuracy, data, fit  # noqa: E402

UNITS = 32


class Rows(nn.Module):
    """An image [N, 1, 8, 8] as a sequence of its rows [N, 8, 8]."""

    def forward(self, x):
        return x.reshape(x.shape[0], 8, 8)


class Reader(nn.Module):
    """Reads the rows with a recurrent layer (`lstm`, an LSTM or a GRU);
    classifies its last hidden state."""

    def __init__(self, lstm):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.rows, self.lstm = Rows(), lstm
        self.fc = nn.Linear(UNITS, 10)

    def forward(self, x):
        y, _ = self.lstm(self.rows(self.quant(x)))
        return self.dequant(self.fc(y[:, -1]))


FLOAT = {"lstm": nn.LSTM, "gru": nn.GRU}
QAT = {"lstm": qat.nn.LSTM, "gru": qat.nn.GRU}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--cells", default="lstm,gru")
    ap.add_argument("--onnx-dir", type=pathlib.Path,
                    help="write each QAT model as ONNX here")
    a = ap.parse_args()
    print(f"| model | float | fake-quant | compiled | compiled = fake-quant "
          f"(top-1) | max deviation (output steps) |")
    print("|---|---|---|---|---|---|")
    for cell in a.cells.split(","):
        run(cell, a)


def run(cell, a):
    torch.manual_seed(0)
    torch.set_num_threads(1)
    train, test, _, _ = data()
    float_epochs, qat_epochs = (6, 2) if a.quick else (30, 8)

    model = Reader(FLOAT[cell](8, UNITS, batch_first=True))
    fit(model, train, float_epochs, 1e-2, probabilities=False)
    float_accuracy = accuracy(model, test)

    # QAT: the same weights, the layer on its integer kernel's grids.
    model.lstm = QAT[cell].from_float(model.lstm)
    model.qconfig = get_default_qat_qconfig("fbgemm")
    model.train()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prepare_qat(model, inplace=True)
    fit(model, train, qat_epochs, 2e-3, probabilities=False)
    model.apply(disable_observer)
    fake_quant_accuracy = accuracy(model, test)
    with torch.no_grad():
        fake_quant_scores = model(test[0]).numpy()

    compiled = qat.compile(model, example_input=test[0][:1])
    scores = compiled.run(test[0].numpy())
    labels = test[1].numpy()
    compiled_accuracy = float((scores.argmax(1) == labels).mean())
    agreement = float((scores.argmax(1) == fake_quant_scores.argmax(1)).mean())
    step = compiled.outputs[0].scale
    steps = int(np.round(np.abs(scores - fake_quant_scores).max() / step))
    print(f"| {cell.upper()}({UNITS}) on digit rows | {float_accuracy:.4f} | "
          f"{fake_quant_accuracy:.4f} | {compiled_accuracy:.4f} | "
          f"{agreement:.4f} | {steps} |")
    if a.onnx_dir:
        from qat import _torch
        a.onnx_dir.mkdir(parents=True, exist_ok=True)
        (a.onnx_dir / f"{cell}_digits.onnx").write_bytes(
            _torch.to_onnx(model, test[0][:1]))


if __name__ == "__main__":
    main()
