#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""An LSTM trained with QAT, compiled by qat: the digits read row by row.

Each 8x8 digit is a sequence of 8 rows of 8 pixels (the form of a sensor or
audio-feature stream). The model is QuantStub -> LSTM(8 -> 32) -> its last
hidden state -> Linear(32 -> 10). It is trained in float32 (torch.nn.LSTM),
then fine-tuned with quantization-aware training: the LSTM becomes
`qat.nn.LSTM.from_float` (TFLite's integer LSTM's grids), the Linear
PyTorch's QAT Linear (eager prepare_qat). `qat.compile` turns it into an
integer program (qint.lstm, qint.fully_connected) run natively on the 360
held-out digits. Prints float, fake-quant and compiled accuracy and the
compiled program's agreement with the fake-quant model, and writes the
model as ONNX (`--onnx`, the file bench/run_bench.py measures on Cortex-M).

  /usr/bin/python3 examples/recurrent/lstm_digits.py [--quick] [--onnx F]

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
    """Reads the rows with an LSTM; classifies its last hidden state."""

    def __init__(self, lstm):
        super().__init__()
        self.quant, self.dequant = QuantStub(), DeQuantStub()
        self.rows, self.lstm = Rows(), lstm
        self.fc = nn.Linear(UNITS, 10)

    def forward(self, x):
        y, _ = self.lstm(self.rows(self.quant(x)))
        return self.dequant(self.fc(y[:, -1]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--onnx", type=pathlib.Path,
                    help="write the QAT model as ONNX here")
    a = ap.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    train, test, _, _ = data()
    float_epochs, qat_epochs = (6, 2) if a.quick else (30, 8)

    model = Reader(nn.LSTM(8, UNITS, batch_first=True))
    fit(model, train, float_epochs, 1e-2, probabilities=False)
    float_accuracy = accuracy(model, test)

    # QAT: the same weights, the LSTM on the integer LSTM's grids.
    model.lstm = qat.nn.LSTM.from_float(model.lstm)
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
    print(f"| model | float | fake-quant | compiled | compiled = fake-quant "
          f"(top-1) | max deviation (output steps) |")
    print("|---|---|---|---|---|---|")
    print(f"| LSTM({UNITS}) on digit rows | {float_accuracy:.4f} | "
          f"{fake_quant_accuracy:.4f} | {compiled_accuracy:.4f} | "
          f"{agreement:.4f} | {steps} |")
    print(f"compiled: {compiled}")
    if a.onnx:
        from qat import _torch
        a.onnx.write_bytes(_torch.to_onnx(model, test[0][:1]))
        print(f"wrote {a.onnx}")


if __name__ == "__main__":
    main()
