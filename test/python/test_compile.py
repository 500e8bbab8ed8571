# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""qat.compile on files and ONNX protos; CompiledModel's API."""
import ctypes

import numpy as np
import pytest

import qat
from conftest import MODELS, ROOT


def test_version_matches_the_library():
    from qat import _capi
    assert qat.__version__ == _capi.lib().qatGetVersion().decode()


def test_onnx_file_ports_and_sizes(cnn_onnx):
    m = cnn_onnx
    assert m.name == "cnn"
    assert [p.shape for p in m.inputs] == [(1, 8, 8, 1)]
    assert [p.shape for p in m.outputs] == [(1, 10)]
    assert m.inputs[0].layout == "NHWC"
    assert m.outputs[0].layout == ""
    assert m.inputs[0].scale == pytest.approx(1 / 255)
    assert m.inputs[0].zero_point == -128
    assert m.arena_size > 0 and m.arena_size % 4 == 0
    assert m.constant_bytes > 8 * 9 + 16 * 8 * 9 + 10 * 256


def test_run_equals_interpreter_bit_for_bit(cnn_onnx, digits_nchw):
    images, _ = digits_nchw
    native = cnn_onnx.run(images)
    interpreted = cnn_onnx.interpret(images)
    assert native.shape == (360, 10) and native.dtype == np.float32
    assert np.array_equal(native, interpreted)
    q = cnn_onnx.inputs[0].quantize(images)
    assert q.dtype == np.int8
    assert np.array_equal(cnn_onnx.run_int8(q), cnn_onnx.interpret_int8(q))


def test_accuracy_equals_fake_quant_accuracy(cnn_onnx, digits_nchw):
    images, labels = digits_nchw
    fake = np.load(MODELS / "cnn.fakequant.npy")
    compiled = (cnn_onnx.run(images).argmax(1) == labels).mean()
    assert compiled == (fake.argmax(1) == labels).mean()


def test_interpret_graph_is_the_fake_quant_graph(cnn_onnx, digits_nchw):
    images, _ = digits_nchw
    fake = np.load(MODELS / "cnn.fakequant.npy")
    assert np.array_equal(cnn_onnx.interpret_graph(images[:10]), fake[:10])


def test_quantize_at_the_boundary():
    port = qat.Port((1, 4), 0.5, -3, "")
    x = np.array([[0.25, -0.25, 1000.0, np.nan]], np.float32)
    # 0.5 and -0.5 steps round away from zero; saturation; NaN -> -128.
    assert port.quantize(x).tolist() == [[-2, -4, 127, -128]]
    assert port.dequantize(np.array([[-3, 1]], np.int8)).tolist() == \
        [[0.0, 2.0]]


def test_mlir_file_with_double_rounding(digits):
    images, labels = digits
    m = qat.compile(ROOT / "examples" / "cnn.mlir")
    assert m.name == "cnn"
    expected = np.load(ROOT / "examples" / "data" / "cnn.expected.npy")
    assert (m.run(images).argmax(1) == labels).mean() == \
        (expected.argmax(1) == labels).mean()
    assert "rounding = #qint.rounding<double>" in m.qint_text


def test_onnx_model_proto_and_options(digits_nchw):
    import onnx
    images, _ = digits_nchw
    proto = onnx.load(str(MODELS / "cnn.onnx"))
    m = qat.compile(proto, rounding="double", name="digits")
    assert m.name == "digits"
    assert "#qint.rounding<double>" in m.qint_text
    same = qat.compile(MODELS / "cnn.onnx", rounding="double")
    assert np.array_equal(m.run(images), same.run(images))


def test_nchw_layout(digits):
    images, _ = digits
    nchw = qat.compile(MODELS / "conv1d.onnx", layout="nchw")
    nhwc = qat.compile(MODELS / "conv1d.onnx")
    assert nchw.inputs[0].shape == (1, 1, 64)
    assert nchw.inputs[0].layout == "NCL"
    assert nhwc.inputs[0].shape == (1, 1, 64, 1)
    # The host API takes the ONNX model's own [N, C, L] either way.
    assert nhwc.inputs[0].source_layout == "NCL"
    assert nhwc.inputs[0].host_shape == (1, 1, 64)
    signal = images.reshape(360, 1, 64)
    assert np.array_equal(nchw.run(signal), nhwc.run(signal))


def test_emitters(cnn_onnx, tmp_path):
    c = cnn_onnx.emit_c(tmp_path)
    assert c.name == "cnn.c" and (tmp_path / "cnn.h").is_file()
    assert "int qat_cnn_run(" in c.read_text()
    assert "qat_cnn_arena[" in cnn_onnx.emit_c(tmp_path / "s",
                                               static_arena=True).read_text()
    ll = cnn_onnx.emit_llvm(tmp_path / "ll")
    assert "define i32 @qat_cnn_run(" in ll.read_text()
    assert "#define QAT_CNN_ARENA_SIZE %d" % cnn_onnx.arena_size in \
        cnn_onnx.header
    assert "qint.conv2d" in cnn_onnx.qint_text
    assert "qat.conv2d" in cnn_onnx.graph_text


def test_wide_weights(tmp_path):
    # A budget of 10,000 bytes holds the cnn's three weighted layers; 8 none.
    narrow = qat.compile(MODELS / "cnn.onnx", wide_weights=8)
    narrow_text = narrow.emit_c(tmp_path / "n").read_text()
    assert "WIDE" not in narrow_text
    layers = (narrow_text.count("qat_rt_conv2d(") +
              narrow_text.count("qat_rt_fully_connected("))
    assert layers == 3
    wide = qat.compile(MODELS / "cnn.onnx", wide_weights=10_000)
    text = wide.emit_c(tmp_path).read_text()
    assert text.count("#if QAT_RT_WIDE_WEIGHTS\n  if (") == layers
    assert text.count("static const int64_t") == layers
    with pytest.raises(qat.CompileError, match="wide-weight budget must be "
                       "at least 0 bytes, not -1"):
        qat.compile(MODELS / "cnn.onnx", wide_weights=-1)


def test_flash(cnn_onnx):
    import shutil
    if not shutil.which("arm-none-eabi-gcc"):
        pytest.skip("no arm-none-eabi-gcc")
    flash = cnn_onnx.flash()
    assert flash["constants"] >= cnn_onnx.constant_bytes
    assert flash["code"] > 0
    assert flash["total"] == flash["code"] + flash["constants"]


def test_native_library_is_cached(cnn_onnx):
    path = cnn_onnx.native().path
    again = qat.compile(MODELS / "cnn.onnx")
    assert again.native().path == path


def test_batch_shape_errors(cnn_onnx):
    # The ONNX model's own layout, NCHW (the device's is NHWC).
    with pytest.raises(ValueError, match=r"batch of shape \(N, 1, 8, 8\), "
                       r"got \(2, 8, 8, 1\) \(layout NCHW\)"):
        cnn_onnx.run(np.zeros((2, 8, 8, 1), np.float32))
    with pytest.raises(ValueError, match="must be int8"):
        cnn_onnx.run_int8(np.zeros((2, 1, 8, 8), np.float32))
    with pytest.raises(ValueError, match="takes 1 input"):
        cnn_onnx.run()


def test_default_range_option():
    path = ROOT / "test" / "Compiler" / "Inputs" / "unquantized_output.mlir"
    with pytest.raises(qat.CompileError, match="has no quantization"):
        qat.compile(path)
    model = qat.compile(path, default_range=(-4, 4))
    assert model.outputs[0].scale == pytest.approx(8 / 255)


def test_every_compile_option_reaches_the_compiler():
    """in_place_windows and pack_4bit_weights, as qat-compile's flags of
    the same names: the arena and the stored constants change."""
    cnn = ROOT / "examples" / "cnn.mlir"
    assert qat.compile(cnn).arena_size == 896
    assert qat.compile(cnn, in_place_windows=False).arena_size == 1128
    int4 = MODELS / "int4.onnx"
    assert qat.compile(int4).constant_bytes == 3920
    assert qat.compile(int4, pack_4bit_weights=True).constant_bytes == 2028


def test_saved_graph_recompiles_to_the_same_program(tmp_path):
    # The options that decide the program travel with the graph's text:
    # an ONNX graph rounds once, and the options given are recorded.
    for options in [{}, {"rounding": "double"},
                    {"int16_activations": ["/c2/Conv"]},
                    {"pack_4bit_weights": True}]:
        model = qat.compile(MODELS / "cnn.onnx", **options)
        saved = tmp_path / "cnn.mlir"
        saved.write_text(model.graph_text)
        again = qat.compile(saved)
        assert again.qint_text == model.qint_text, options
        assert again.constant_bytes == model.constant_bytes, options
    assert 'qat.rounding = "single"' in qat.compile(
        MODELS / "cnn.onnx").graph_text
    # An option given again wins over the recorded one.
    single = qat.compile(MODELS / "cnn.onnx")
    saved.write_text(single.graph_text)
    assert "rounding<double>" in qat.compile(saved,
                                             rounding="double").qint_text
    assert "rounding<double>" not in single.qint_text
