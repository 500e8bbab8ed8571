# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Bad models and options become qat.CompileError with the compiler's
diagnostics; nothing crashes."""
import subprocess
import sys

import pytest

import qat
from conftest import MODELS, ROOT


@pytest.fixture(scope="module")
def bad_models(tmp_path_factory):
    out = tmp_path_factory.mktemp("bad")
    subprocess.run([sys.executable, str(ROOT / "test" / "Target" / "ONNX" /
                                        "Inputs" / "make_bad_models.py"),
                    str(out)], check=True)
    return out


def test_unsupported_group_names_the_node(bad_models):
    with pytest.raises(qat.CompileError) as e:
        qat.compile(bad_models / "group.onnx")
    d = e.value.diagnostics[0]
    assert d.severity == "error"
    assert d.location.endswith("group.onnx")
    assert d.message.startswith("ONNX node '/conv1/Conv' (Conv): group 3 does "
                                "not divide")
    assert "ONNX node '/conv1/Conv'" in str(e.value)


def test_later_errors_are_located_at_the_node(bad_models):
    with pytest.raises(qat.CompileError) as e:
        qat.compile(bad_models / "sigmoid-unobserved.onnx")
    d = e.value.diagnostics[0]
    assert d.location == "/gate"
    assert "'qat.pointwise' op its result has no quantization" in d.message


def test_truncated_file(bad_models):
    with pytest.raises(qat.CompileError, match="not an ONNX model"):
        qat.compile(bad_models / "truncated.onnx")


def test_missing_file(tmp_path):
    with pytest.raises(qat.CompileError, match="no such file"):
        qat.compile(tmp_path / "nothing.onnx")


def test_mlir_syntax_error(tmp_path):
    bad = tmp_path / "bad.mlir"
    bad.write_text("func.func @main(\n")
    with pytest.raises(qat.CompileError) as e:
        qat.compile(bad)
    assert e.value.diagnostics[0].location.startswith(str(bad) + ":")


def test_bad_options():
    with pytest.raises(qat.CompileError, match="layout applies to ONNX"):
        qat.compile(ROOT / "examples" / "cnn.mlir", layout="nchw")
    with pytest.raises(qat.CompileError, match="layout must be nhwc or nchw"):
        qat.compile(MODELS / "cnn.onnx", layout="hwc")
    with pytest.raises(qat.CompileError, match="rounding must be double or"):
        qat.compile(MODELS / "cnn.onnx", rounding="nearest")
    with pytest.raises(qat.CompileError, match="not a C identifier"):
        qat.compile(MODELS / "cnn.onnx", name="9lives")


def test_default_name_is_the_file_name_made_an_identifier(tmp_path):
    # The rule qat-compile follows (test/tools/qat-compile.test).
    for file, name in [("my-model.v2.mlir", "my_model_v2"),
                       ("3x3-net.mlir", "model_3x3_net")]:
        path = tmp_path / file
        path.write_text((ROOT / "examples" / "cnn.mlir").read_text())
        assert qat.compile(path).name == name


def test_wrong_model_type():
    with pytest.raises(TypeError, match="takes a path"):
        qat.compile(42)
