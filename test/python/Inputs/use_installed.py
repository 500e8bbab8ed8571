# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Uses the installed qat package (pip-install.test): where it was imported
from, the digits classified by the native path, and flash measured with
the C runtime the package carries."""
import sys

import numpy as np

import qat

venv, src = sys.argv[1], sys.argv[2]
print(qat.__file__.startswith(venv))
model = qat.compile(f"{src}/examples/cnn.mlir")
digits = np.load(f"{src}/examples/data/digits_test.npz")
scores = model.run(digits["images"].astype(np.float32) / 16)
print(int((scores.argmax(1) == digits["labels"]).sum()))
print(model.flash()["total"] > 0)
