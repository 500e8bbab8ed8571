#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs every TFLite golden vector through qat-run as a qint program.

Each case in DIR/*.json (see the golden directory's README.md for the conventions) is
turned into a qint function (weights as constants, the activations as
arguments), run by qat-run on its input, and compared element by element with
TFLite's reference output. Prints one line per case and a summary; exits 1 on
any mismatch, naming the first differing index and both values. Cases with
int16 activations (TFLite's 16x8 scheme) become programs on i16 tensors with
their i64 (or i32) biases.

  run_golden.py --qat-run PATH --vectors DIR --work DIR
      [--c-backends llvm,c,m4,... --qat-translate PATH --qat-opt PATH]
"""
import argparse
import json
import pathlib
import shutil
import subprocess
import sys

import numpy as np

RD = "rounding = #qint.rounding<double>"
# The activation type of the case being built: "i8", or "i16" for TFLite's
# 16x8 cases (set by build()).
ACT = "i8"
NUMPY = {"i8": np.int8, "i16": np.int16}
CTYPE = {"i8": "int8_t", "i16": "int16_t"}


def t(shape, elem=None):
    elem = elem or ACT
    return "tensor<" + "".join(f"{d}x" for d in shape) + elem + ">"


def dense(values, shape, elem):
    nested = np.asarray(values, np.int64).reshape(shape).tolist()
    return f"arith.constant dense<{nested}> : {t(shape, elem)}"


def arr(a, v):
    return f"array<{a}: " + ", ".join(str(int(x)) for x in v) + ">"


def weights(a, shape):
    """The weights as a constant: int8, or 4-bit (i4) when the case stores
    them packed two per byte, the first of a pair in the low nibble."""
    data = a["weights"]["data"]
    count = int(np.prod(shape))
    if len(data) == count:
        return f"%w = {dense(data, shape, 'i8')}", "i8"
    assert len(data) == (count + 1) // 2, "weights neither int8 nor packed int4"
    packed = np.asarray(data, np.int64) & 0xFF
    nibbles = np.stack([packed & 0xF, packed >> 4], axis=1).reshape(-1)[:count]
    values = np.where(nibbles >= 8, nibbles - 16, nibbles)
    return f"%w = {dense(values, shape, 'i4')}", "i4"


def bias_operand(a, cout, name):
    """The bias constant and its operand text, or none. int16 cases carry
    int64 biases, except TFLite's int16xint8xint32 variant, whose int32
    accumulator a qint program states with an i32 bias: zeros where the case
    has none, which adds nothing."""
    bias = a.get("biases") or a.get("bias")
    elem = "i64" if bias and bias["ctype"] == "int64_t" else "i32"
    if bias is None:
        if "xint32" not in name:
            return [], "", ""
        bias = {"data": [0] * cout}
    return ([f"%b = {dense(bias['data'], [cout], elem)}"], ", %b",
            f", {t([cout], elem)}")


def trailing_pad(size, kernel, stride, dilation, lead, out):
    effective = (kernel - 1) * dilation + 1
    after = max(0, (out - 1) * stride + effective - size - lead)
    assert (size + lead + after - effective) // stride + 1 == out, "bad pad"
    return after


def conv_case(c, a, depthwise, name):
    n, h, w = c["INPUT_BATCHES"], c["INPUT_H"], c["INPUT_W"]
    cin, cout = c["IN_CH"], c["OUT_CH"]
    kh, kw = c["FILTER_Y"], c["FILTER_X"]
    sy, sx = c["STRIDE_Y"], c["STRIDE_X"]
    dy, dx = c.get("DILATION_Y", 1), c.get("DILATION_X", 1)
    oh, ow = c["OUTPUT_H"], c["OUTPUT_W"]
    top, left = c["PAD_Y"], c["PAD_X"]
    pad = [top, trailing_pad(h, kh, sy, dy, top, oh),
           left, trailing_pad(w, kw, sx, dx, left, ow)]
    fshape = [1, kh, kw, cout] if depthwise else [cout, kh, kw, cin]
    kind = "depthwise_conv2d" if depthwise else "conv2d"
    ishape, oshape = [n, h, w, cin], [n, oh, ow, cout]
    w, welem = weights(a, fshape)
    b, boperand, btype = bias_operand(a, cout, name)
    body = [w] + b + [
            f"%y = qint.{kind} %x, %w{boperand} {{input_zp = {-c['INPUT_OFFSET']}, "
            f"output_zp = {c['OUTPUT_OFFSET']}, "
            f"multiplier = {arr('i32', a['output_mult']['data'])}, "
            f"shift = {arr('i32', a['output_shift']['data'])}, "
            f"act_min = {c['OUT_ACTIVATION_MIN']}, act_max = {c['OUT_ACTIVATION_MAX']}, "
            f"strides = {arr('i64', [sy, sx])}, dilations = {arr('i64', [dy, dx])}, "
            f"pad = {arr('i64', pad)}, {RD}}} : ({t(ishape)}, {t(fshape, welem)}"
            f"{btype}) -> {t(oshape)}"]
    return [("x", ishape, a["input"]["data"])], oshape, body


def transpose_conv_case(c, a, name):
    """TFLite's TRANSPOSE_CONV: PAD_Y/PAD_X are the padding before, the
    output size is the case's own."""
    n, h, w = c["INPUT_BATCHES"], c["INPUT_H"], c["INPUT_W"]
    cin, cout = c["IN_CH"], c["OUT_CH"]
    kh, kw = c["FILTER_Y"], c["FILTER_X"]
    assert c.get("DILATION_X", 1) == 1 and c.get("DILATION_Y", 1) == 1
    ishape = [n, h, w, cin]
    oshape = [n, c["OUTPUT_H"], c["OUTPUT_W"], cout]
    fshape = [cout, kh, kw, cin]
    w, welem = weights(a, fshape)
    b, boperand, btype = bias_operand(a, cout, name)
    body = [w] + b + [
            f"%y = qint.transpose_conv2d %x, %w{boperand} {{input_zp = {-c['INPUT_OFFSET']}, "
            f"output_zp = {c['OUTPUT_OFFSET']}, "
            f"multiplier = {arr('i32', a['output_mult']['data'])}, "
            f"shift = {arr('i32', a['output_shift']['data'])}, "
            f"act_min = {c['OUT_ACTIVATION_MIN']}, act_max = {c['OUT_ACTIVATION_MAX']}, "
            f"strides = {arr('i64', [c['STRIDE_Y'], c['STRIDE_X']])}, "
            f"pad = {arr('i64', [c['PAD_Y'], c['PAD_X']])}, {RD}}} : "
            f"({t(ishape)}, {t(fshape, welem)}{btype}) -> {t(oshape)}"]
    return [("x", ishape, a["input"]["data"])], oshape, body


def fc_case(c, a, name):
    n = c["INPUT_BATCHES"]
    k = c.get("ACCUMULATION_DEPTH", c["IN_CH"])
    cout = c["OUT_CH"]
    if "output_multiplier" in a:
        mult, shift = a["output_multiplier"]["data"], a["output_shift"]["data"]
    else:
        mult, shift = [c["OUTPUT_MULTIPLIER"]], [c["OUTPUT_SHIFT"]]
    w, welem = weights(a, [cout, k])
    b, boperand, btype = bias_operand(a, cout, name)
    body = [w] + b + [
            f"%y = qint.fully_connected %x, %w{boperand} {{input_zp = {-c['INPUT_OFFSET']}, "
            f"output_zp = {c['OUTPUT_OFFSET']}, multiplier = {arr('i32', mult)}, "
            f"shift = {arr('i32', shift)}, act_min = {c['OUT_ACTIVATION_MIN']}, "
            f"act_max = {c['OUT_ACTIVATION_MAX']}, {RD}}} : ({t([n, k])}, "
            f"{t([cout, k], welem)}{btype}) -> {t([n, cout])}"]
    return [("x", [n, k], a["input"]["data"])], [n, cout], body


def pool_case(c, a, kind):
    n, h, w, ch = c["BATCH_SIZE"], c["INPUT_H"], c["INPUT_W"], c["INPUT_C"]
    kh, kw, sy, sx = c["FILTER_H"], c["FILTER_W"], c["STRIDE_H"], c["STRIDE_W"]
    oh, ow = c["OUTPUT_H"], c["OUTPUT_W"]
    top, left = c["PADDING_H"], c["PADDING_W"]
    pad = [top, trailing_pad(h, kh, sy, 1, top, oh),
           left, trailing_pad(w, kw, sx, 1, left, ow)]
    ishape, oshape = [n, h, w, ch], [n, oh, ow, ch]
    body = [f"%y = qint.{kind} %x {{kernel = {arr('i64', [kh, kw])}, "
            f"strides = {arr('i64', [sy, sx])}, pad = {arr('i64', pad)}, "
            f"act_min = {c['ACTIVATION_MIN']}, act_max = {c['ACTIVATION_MAX']}}} "
            f": {t(ishape)} -> {t(oshape)}"]
    return [("x", ishape, a["input_tensor"]["data"])], oshape, body


def add_case(c, a):
    size = [c["DST_SIZE"]]
    body = [f"%y = qint.add %x, %z {{lhs_zp = {-c['INPUT1_OFFSET']}, "
            f"rhs_zp = {-c['INPUT2_OFFSET']}, left_shift = {c['LEFT_SHIFT']}, "
            f"lhs_multiplier = {c['INPUT1_MULT']}, lhs_shift = {c['INPUT1_SHIFT']}, "
            f"rhs_multiplier = {c['INPUT2_MULT']}, rhs_shift = {c['INPUT2_SHIFT']}, "
            f"output_multiplier = {c['OUTPUT_MULT']}, output_shift = {c['OUTPUT_SHIFT']}, "
            f"output_zp = {c['OUTPUT_OFFSET']}, act_min = {c['OUT_ACTIVATION_MIN']}, "
            f"act_max = {c['OUT_ACTIVATION_MAX']}, {RD}}} : ({t(size)}, {t(size)}) "
            f"-> {t(size)}"]
    return ([("x", size, a["input1"]["data"]), ("z", size, a["input2"]["data"])],
            size, body)


def mul_case(c, a):
    size = [c["DST_SIZE"]]
    body = [f"%y = qint.mul %x, %z {{lhs_zp = {-c['INPUT1_OFFSET']}, "
            f"rhs_zp = {-c['INPUT2_OFFSET']}, output_multiplier = {c['OUTPUT_MULT']}, "
            f"output_shift = {c['OUTPUT_SHIFT']}, output_zp = {c['OUTPUT_OFFSET']}, "
            f"act_min = {c['OUT_ACTIVATION_MIN']}, act_max = {c['OUT_ACTIVATION_MAX']}, "
            f"{RD}}} : ({t(size)}, {t(size)}) -> {t(size)}"]
    return ([("x", size, a["input1"]["data"]), ("z", size, a["input2"]["data"])],
            size, body)


def softmax_case(c, a):
    shape = [c["NUM_ROWS"], c["ROW_SIZE"]]
    # int16 softmax has no diff_min.
    diff_min = f"diff_min = {c['DIFF_MIN']}, " if "DIFF_MIN" in c else ""
    body = [f"%y = qint.softmax %x {{input_multiplier = {c['INPUT_MULT']}, "
            f"input_left_shift = {c['INPUT_LEFT_SHIFT']}, {diff_min}"
            f"{RD}}} : {t(shape)}"]
    return [("x", shape, a["input"]["data"])], shape, body


def pad_case(c, a):
    dims = "NHWC"
    ishape = [c[f"INPUT_{d}"] for d in dims]
    padding = [v for d in dims for v in (c[f"PRE_PAD_{d}"], c[f"POST_PAD_{d}"])]
    oshape = [s + padding[2 * i] + padding[2 * i + 1] for i, s in enumerate(ishape)]
    body = [f"%y = qint.pad %x {{padding = {arr('i64', padding)}, "
            f"value = {c['PAD_VALUE']}}} : {t(ishape)} -> {t(oshape)}"]
    return [("x", ishape, a["input_tensor"]["data"])], oshape, body


def lstm_case(c, a):
    """TFLite's UNIDIRECTIONAL_SEQUENCE_LSTM: `INPUT_ZERO_POINT` is the
    negated input zero point (an offset), `OUTPUT_ZERO_POINT` the output's
    (and the hidden state's) own."""
    steps, batches = c["TIME_STEPS"], c["BATCH_SIZE"]
    units, size = c["HIDDEN_SIZE"], c["INPUT_SIZE"]
    time_major = c["TIME_MAJOR"] == "true"
    lead = [steps, batches] if time_major else [batches, steps]
    gates = ("input", "forget", "cell", "output")
    stack = lambda key: [v for g in gates for v in a[f"{g}_gate_{key}"]["data"]]
    belem = "i64" if ACT == "i16" else "i32"
    pairs = lambda kind: (
        arr("i32", [c[f"{g.upper()}_GATE_{kind}_MULTIPLIER"] for g in gates]),
        arr("i32", [c[f"{g.upper()}_GATE_{kind}_SHIFT"] for g in gates]))
    (im, ish), (hm, hsh) = pairs("INPUT"), pairs("HIDDEN")
    ishape, oshape = lead + [size], lead + [units]
    wx, wh, b = [4, units, size], [4, units, units], [4, units]
    body = [f"%wx = {dense(stack('input_weights'), wx, 'i8')}",
            f"%wh = {dense(stack('hidden_weights'), wh, 'i8')}",
            f"%b = {dense(stack('bias'), b, belem)}",
            f"%y = qint.lstm %x, %wx, %wh, %b {{input_zp = {-c['INPUT_ZERO_POINT']}, "
            f"output_zp = {c['OUTPUT_ZERO_POINT']}, input_multiplier = {im}, "
            f"input_shift = {ish}, recurrent_multiplier = {hm}, "
            f"recurrent_shift = {hsh}, "
            f"forget_multiplier = {c['FORGET_TO_CELL_MULTIPLIER']}, "
            f"forget_shift = {c['FORGET_TO_CELL_SHIFT']}, "
            f"update_multiplier = {c['INPUT_TO_CELL_MULTIPLIER']}, "
            f"update_shift = {c['INPUT_TO_CELL_SHIFT']}, "
            f"hidden_multiplier = {c['OUTPUT_MULTIPLIER']}, "
            f"hidden_shift = {c['OUTPUT_SHIFT']}, "
            f"cell_scale_power = {c['CELL_SCALE_POWER']}, "
            f"cell_clip = {c['CELL_CLIP']}, "
            f"time_major = {'true' if time_major else 'false'}, {RD}}} : "
            f"({t(ishape)}, {t(wx, 'i8')}, {t(wh, 'i8')}, {t(b, belem)}) -> {t(oshape)}"]
    return [("x", ishape, a["input_tensor"]["data"])], oshape, body


def batch_matmul_case(c, a):
    """TFLite's BATCH_MATMUL: `LHS_OFFSET` and `RHS_OFFSET` are the negated
    zero points, `OUTPUT_OFFSET` the output's; `ADJ_X`/`ADJ_Y` transpose an
    operand's matrices."""
    lshape = [c["LHS_BATCH"], c["LHS_HEIGHT"], c["LHS_ROWS"], c["LHS_COLS"]]
    rshape = [c["RHS_BATCH"], c["RHS_HEIGHT"], c["RHS_ROWS"], c["RHS_COLS"]]
    oshape = [c["OUTPUT_BATCH"], c["OUTPUT_HEIGHT"], c["OUTPUT_ROWS"],
              c["OUTPUT_COLS"]]
    adj = lambda v: "true" if v else "false"
    body = [f"%y = qint.batch_matmul %x, %z {{lhs_zp = {-c['LHS_OFFSET']}, "
            f"rhs_zp = {-c['RHS_OFFSET']}, "
            f"output_multiplier = {c['OUTPUT_MULTIPLIER']}, "
            f"output_shift = {c['OUTPUT_SHIFT']}, "
            f"output_zp = {c['OUTPUT_OFFSET']}, act_min = {c['ACTIVATION_MIN']}, "
            f"act_max = {c['ACTIVATION_MAX']}, adj_x = {adj(c['ADJ_X'])}, "
            f"adj_y = {adj(c['ADJ_Y'])}, {RD}}} : ({t(lshape)}, {t(rshape)}) "
            f"-> {t(oshape)}"]
    return ([("x", lshape, a["lhs_input_tensor"]["data"]),
             ("z", rshape, a["rhs_input_tensor"]["data"])], oshape, body)


def activation_type(case):
    """i16 when the case's activations are int16_t, else i8."""
    arrays = case["arrays"]
    first = (arrays.get("input") or arrays.get("input1") or
             arrays.get("lhs_input_tensor") or arrays["input_tensor"])
    return "i16" if first["ctype"] == "int16_t" else "i8"


def build(case):
    global ACT
    c, a, name = case["config"], case["arrays"], case["case"]
    ACT = activation_type(case)
    if name.startswith(("depthwise", "dw_")):
        return conv_case(c, a, True, name)
    if name.startswith(("conv", "basic", "stride", "kernel1x1", "int16xint8")):
        return conv_case(c, a, False, name)
    if name.startswith("transpose_conv"):
        return transpose_conv_case(c, a, name)
    if name.startswith(("fully_connected", "fc_")):
        return fc_case(c, a, name)
    if name.startswith("avgpooling"):
        return pool_case(c, a, "avg_pool2d")
    if name.startswith(("maxpooling", "maxpool_")):
        return pool_case(c, a, "max_pool2d")
    if name in ("add", "add_s16"):
        return add_case(c, a)
    if name in ("mul", "mul_s16"):
        return mul_case(c, a)
    if name in ("softmax", "softmax_s16"):
        return softmax_case(c, a)
    if name.startswith("pad"):
        return pad_case(c, a)
    if name.startswith("lstm"):
        return lstm_case(c, a)
    if name.startswith("batch_matmul"):
        return batch_matmul_case(c, a)
    raise ValueError(f"no mapping for golden case {name}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qat-run", required=True)
    ap.add_argument("--vectors", required=True, type=pathlib.Path)
    ap.add_argument("--work", required=True, type=pathlib.Path)
    ap.add_argument("--c-backends", default="",
                    help="also run every case on these backends: llvm "
                         "(qat-opt --qint-to-llvm, built with clang-22), "
                         "and qat-translate --emit-c with the runtime on c, "
                         "m4, m4-portable, m55, m55-no-mve (see "
                         "utils/harness/targets.py)")
    ap.add_argument("--qat-translate")
    ap.add_argument("--qat-opt")
    ap.add_argument("--mlir-translate", default="mlir-translate-22")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    # The C made once per run for every backend: never an earlier run's.
    shutil.rmtree(args.work / "generated", ignore_errors=True)
    cases = sorted(args.vectors.glob("*.json"))
    failures, elements = 0, 0
    built = []
    for path in cases:
        case = json.loads(path.read_text())
        inputs, oshape, body = build(case)
        name = case["case"]
        sig = ", ".join(f"%{n}: {t(s)}" for n, s, _ in inputs)
        mlir = (f"func.func @main({sig}) -> {t(oshape)} {{\n  " +
                "\n  ".join(body) + f"\n  return %y : {t(oshape)}\n}}\n")
        (args.work / f"{name}.mlir").write_text(mlir)
        cmd = [args.qat_run, str(args.work / f"{name}.mlir"),
               "--output", str(args.work / f"{name}.out.npy")]
        for n, s, data in inputs:
            np.save(args.work / f"{name}.{n}.npy",
                    np.asarray(data, NUMPY[ACT]).reshape(s))
            cmd += ["--input", str(args.work / f"{name}.{n}.npy")]
        run = subprocess.run(cmd, capture_output=True, text=True)
        ref = case["arrays"].get("output_ref") or case["arrays"]["output"]
        expected = np.asarray(ref["data"], NUMPY[ACT])
        built.append((name, inputs, expected))
        if run.returncode != 0:
            print(f"FAIL {name}: qat-run failed: {run.stderr.strip()}")
            failures += 1
            continue
        got = np.load(args.work / f"{name}.out.npy").reshape(-1)
        elements += expected.size
        diff = np.nonzero(got != expected)[0]
        if got.size != expected.size or diff.size:
            i = int(diff[0]) if diff.size else 0
            print(f"FAIL {name}: {diff.size} of {expected.size} elements differ; "
                  f"first at flat index {i}: qat-run {int(got[i])}, "
                  f"TFLite {int(expected[i])}")
            failures += 1
            continue
        print(f"ok   {name}: {expected.size} elements")
    verdict = "all bit-exact" if failures == 0 else f"{failures} FAILED"
    print(f"golden: {len(cases)} cases, {elements} elements checked, {verdict}")
    for backend in filter(None, args.c_backends.split(",")):
        failures += run_c(args, backend, built)
    sys.exit(1 if failures else 0)


def run_c(args, backend, built):
    """Every case on one backend, in one harness and one run: the LLVM IR of
    qat-compile built with clang-22, or the C of qat-translate with the
    runtime."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] /
                           "utils" / "harness"))
    import targets
    work = args.work / backend
    work.mkdir(exist_ok=True)
    includes, calls, sources = [], [], []
    with open(work / "inputs.bin", "wb") as f:
        for i, (name, inputs, expected) in enumerate(built):
            ctype = "int16_t" if expected.dtype == np.int16 else "int8_t"
            source = args.work / f"{name}.mlir"
            # The header and C are the same for every backend: made once.
            shared = args.work / "generated"
            shared.mkdir(exist_ok=True)
            if not (shared / f"g{i}.h").is_file():
                targets.run([args.qat_translate, "--emit-c-header",
                             f"--c-name=g{i}", source, "-o",
                             shared / f"g{i}.h"])
                targets.run([args.qat_translate, "--emit-c",
                             f"--c-name=g{i}", source, "-o",
                             shared / f"g{i}.c"])
            shutil.copy(shared / f"g{i}.h", work / f"g{i}.h")
            if backend == "llvm":
                # The program as written: qat-compile would also prove its
                # accumulators, which TFLite's int16xint8xint32 case cannot
                # pass for every input (its own inputs stay in range).
                lowered = targets.run([args.qat_opt, source,
                                       f"--qint-to-llvm=name=g{i}"]).stdout
                (work / f"g{i}.llvm.mlir").write_text(lowered)
                targets.run([args.mlir_translate, "--mlir-to-llvmir",
                             work / f"g{i}.llvm.mlir", "-o", work / f"g{i}.ll"])
                sources.append(work / f"g{i}.ll")
            else:
                shutil.copy(shared / f"g{i}.c", work / f"g{i}.c")
                sources.append(work / f"g{i}.c")
            includes.append(f'#include "g{i}.h"\n')
            ins = []
            for k, (_, shape, data) in enumerate(inputs):
                f.write(np.asarray(data, expected.dtype).tobytes())
                ins.append(f"in{i}_{k}")
                calls.append(f"  static {ctype} in{i}_{k}[QAT_G{i}_INPUT{k}_SIZE];\n"
                             f"  io_read(in, in{i}_{k}, sizeof in{i}_{k});\n")
            calls.append(
                f"  {{\n    static {ctype} out[QAT_G{i}_OUTPUT0_SIZE];\n"
                f"    if (sizeof arena < QAT_G{i}_ARENA_SIZE ||\n"
                f"        qat_g{i}_run({', '.join(ins)}, out, arena) != 0)\n"
                f"      return 3;\n"
                f"    io_write(out_file, out, sizeof out);\n  }}\n")
    harness = ('#include "io.h"\n' + "".join(includes) +
               "static int32_t arena[16384];\n"
               "int main(void) {\n"
               "  int in = io_open(QAT_INPUTS, 0), out_file = io_open(QAT_OUTPUTS, 1);\n"
               "  if (in < 0 || out_file < 0)\n    return 2;\n" +
               "".join(calls) +
               "  io_close(in);\n  return io_close(out_file) == 0 ? 0 : 2;\n}\n")
    (work / "harness.c").write_text(harness)
    out = work / "outputs.bin"
    binary = work / "golden.exe"
    defines = [f'QAT_INPUTS="{work / "inputs.bin"}"', f'QAT_OUTPUTS="{out}"']
    if backend == "llvm":
        targets.run(["clang-22", "-O2", "-Wno-override-module", f"-I{work}",
                     f"-I{targets.HARNESS}"] + targets.C_FLAGS +
                    [f"-D{d}" for d in defines] +
                    [work / "harness.c", targets.HARNESS / "io_stdio.c"] +
                    sources + ["-o", binary])
        targets.run([binary])
    else:
        targets.build(targets.Tools(), backend, [work / "harness.c"] + sources,
                      [work], defines, binary)
        targets.execute(targets.Tools(), backend, binary)
    got = out.read_bytes()
    failures, offset, elements = 0, 0, 0
    for name, _, expected in built:
        size = expected.size * expected.itemsize
        mine = np.frombuffer(got[offset:offset + size], expected.dtype)
        offset += size
        elements += expected.size
        diff = np.nonzero(mine != expected)[0]
        if mine.size != expected.size or diff.size:
            i = int(diff[0]) if diff.size else 0
            print(f"FAIL {backend} {name}: {diff.size} of {expected.size} "
                  f"elements differ; first at flat index {i}")
            failures += 1
    verdict = "all bit-exact" if failures == 0 else f"{failures} FAILED"
    print(f"golden on {backend}: {len(built)} cases, {elements} elements "
          f"checked, {verdict}")
    return failures


if __name__ == "__main__":
    main()
