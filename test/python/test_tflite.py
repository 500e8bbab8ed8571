# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""qat.compile on a .tflite file (docs/TFLite.md): the MLPerf Tiny keyword
spotting model gives TensorFlow Lite Micro's outputs byte for byte, and
what needs a fake-quant graph is refused with a reason."""
import os
import pathlib

import numpy as np
import pytest

import qat

from conftest import ROOT

SHARED = pathlib.Path(os.environ.get("QAT_SHARED_DIR", ROOT.parent / "shared"))
KWS = SHARED / "models" / "tflite" / "kws_ref_model"


@pytest.fixture(scope="module")
def kws():
    return qat.compile(KWS / "kws_ref_model.tflite")


def test_ports_are_the_files(kws):
    assert kws.name == "kws_ref_model"
    (port,) = kws.inputs
    assert port.shape == (1, 49, 10, 1)
    assert port.zero_point == 83
    assert port.scale == pytest.approx(0.5847029089927673, rel=1e-7)
    assert kws.outputs[0].scale == 1 / 256
    assert kws.outputs[0].zero_point == -128


def test_bit_exact_with_tflite_micro(kws):
    x = np.load(KWS / "inputs.npy")[:, 0]
    expected = np.load(KWS / "outputs.npy").reshape(len(x), -1)
    np.testing.assert_array_equal(kws.run_int8(x), expected)
    np.testing.assert_array_equal(kws.interpret(
        (x.astype(np.float32) - 83) * np.float32(0.5847029089927673)),
        (expected.astype(np.float32) + 128) / 256)


def test_fake_quant_views_refused(kws):
    x = np.zeros((1, 49, 10, 1), np.float32)
    with pytest.raises(qat.CompileError, match="no fake-quant graph"):
        kws.report(x)
    with pytest.raises(qat.CompileError, match="integer program"):
        kws.interpret_graph(x)
    with pytest.raises(qat.CompileError, match="rounding applies to "
                       "fake-quant graphs"):
        qat.compile(KWS / "kws_ref_model.tflite", rounding="single")
