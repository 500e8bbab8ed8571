# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""What examples/firmware/main.c prints, computed on the host: its constant
image (127 at every 7th byte, else the input's zero point) through the
int8 program of examples/cnn.mlir with the firmware's options."""
import sys

import numpy as np

import qat

model = qat.compile(sys.argv[1], rounding="double")
port = model.inputs[0]
image = np.where(np.arange(port.size) % 7 == 0, 127, port.zero_point)
x = image.astype(np.int8).reshape((1,) + port.sample_shape)
print("firmware: digit", int(model.run_int8(x).argmax()))
