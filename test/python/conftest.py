# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Shared fixtures of the qat package's tests."""
import os
import pathlib

import numpy as np
import pytest

ROOT = pathlib.Path(os.environ.get(
    "QAT_SRC_ROOT", pathlib.Path(__file__).resolve().parents[2]))
MODELS = ROOT / "test" / "Target" / "ONNX" / "Inputs" / "models"


@pytest.fixture(scope="session")
def digits():
    """The 360 held-out digits (NHWC float32 in [0, 1]) and their labels."""
    d = np.load(ROOT / "examples" / "data" / "digits_test.npz")
    return (d["images"].astype(np.float32) / 16.0,
            d["labels"].astype(np.int64))


@pytest.fixture(scope="session")
def digits_nchw(digits):
    """The digits as an ONNX or PyTorch model takes them: NCHW."""
    images, labels = digits
    return np.ascontiguousarray(images.transpose(0, 3, 1, 2)), labels


@pytest.fixture(scope="session")
def cnn_onnx():
    import qat
    return qat.compile(MODELS / "cnn.onnx")
