# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""CompiledModel.report: exact values on a graph whose errors are known,
and a report on every example and every ONNX test model."""
import json
import math

import numpy as np
import pytest

import qat
from conftest import MODELS, ROOT

KNOWN = ROOT / "test" / "Compiler" / "Inputs" / "known_errors.mlir"


def test_known_errors(tmp_path):
    # Inputs/known_errors.mlir's comment derives every value.
    model = qat.compile(KNOWN, rounding="single")
    report = model.report(np.array([[1, 2]], np.float32), labels=[0])
    inp, fc, narrow = report.layers
    assert (inp.name, inp.op, inp.has_int8) == ("input 0", "input", False)
    assert inp.sqnr_fakequant_db == math.inf
    assert (fc.name, fc.op) == ("fc", "fully_connected")
    assert fc.sqnr_fakequant_db == pytest.approx(10 * math.log10(26 / 2))
    assert fc.sqnr_int8_db == pytest.approx(10 * math.log10(16 / 8))
    assert (fc.max_deviation_steps, fc.differing, fc.deviation_counts) == \
        (1, 1.0, [0, 2])
    assert (fc.headroom_bits, fc.activation_bytes, fc.weight_bytes,
            fc.macs, fc.flagged) == (21, 2, 4, 4, False)
    assert (narrow.name, narrow.op) == ("narrow", "requantize")
    assert narrow.sqnr_fakequant_db == pytest.approx(10 * math.log10(26 / 5))
    assert narrow.sqnr_int8_db == pytest.approx(10 * math.log10(9 / 4))
    assert (narrow.max_deviation_steps, narrow.differing,
            narrow.saturated) == (2, 0.5, 0.5)
    assert narrow.flagged
    assert narrow.cause == ("its input already deviates by 1 step(s) (2 of "
                            "this layer's)")
    assert report.flagged == [narrow]
    assert (report.accuracy_float, report.accuracy_fakequant,
            report.accuracy_int8) == (1.0, 1.0, 1.0)
    assert "| 2 | narrow | requantize | 7.2 | 3.5 | 2 |" in report.markdown

    # Saved as JSON and read back, as markdown, and as a plot.
    again = qat.Report.from_json(
        report.save(tmp_path / "r.json").read_text(), report.markdown)
    assert again == report
    assert report.save(tmp_path / "r.md").read_text() == report.markdown
    png = report.save(tmp_path / "r.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("path", sorted(MODELS.glob("*.onnx")) +
                         [ROOT / "examples" / f"{n}.mlir"
                          for n in ("cnn", "dscnn", "resnet")],
                         ids=lambda p: p.name)
def test_every_model(path, digits):
    images, labels = digits
    model = qat.compile(path)
    shape = model.inputs[0].sample_shape
    x = images[:12].reshape((12,) + shape)
    report = model.report(x, labels=labels[:12])
    assert report.samples == 12
    assert len(report.layers) >= 3
    # The layers with int8 data account for the program's kernels.
    assert any(l.macs > 0 for l in report.layers)
    assert all(sum(l.deviation_counts) == 12 * l.activation_bytes
               for l in report.layers if l.has_int8)
    # The int8 program's accuracy is the interpreter's.
    interpreted = model.interpret(x).reshape(12, -1).argmax(1)
    assert report.accuracy_int8 == (interpreted == labels[:12]).mean()
    json.loads(report.to_json())


def test_report_errors():
    model = qat.compile(KNOWN)
    with pytest.raises(ValueError, match=r"batch of shape \(N, 2\)"):
        model.report(np.zeros((3, 3), np.float32))
    with pytest.raises(ValueError, match="2 labels for 1 samples"):
        model.report(np.zeros((1, 2), np.float32), labels=[0, 1])
