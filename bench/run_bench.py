#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""qat's Cortex-M benchmark: the MLPerf Tiny reference models as their
published quantized .tflite files (kws, vww, ic, ad, ic02, compiled with
qat-compile and checked against TensorFlow Lite Micro's outputs), the same
architectures built as PyTorch QAT models (kws_torch, vww_torch, ic_torch,
ad_torch: bench/tiny_models.py, through the PyTorch front end), the example
networks, ONNX digits CNNs and four single layers and a pool,
compiled to C, built with arm-none-eabi-gcc -O2 for Cortex-M4 (DSP kernels
and portable kernels, run under qemu-system-arm -M mps2-an386) and for
Cortex-M55 (Helium kernels, run under -M mps3-an547).

Per case and path it reports executed instructions, MACs per instruction,
flash (text + rodata + data of the model and the runtime code it links),
RAM (the arena plus the stack the inference used) and the arena against the
liveness lower bound; single layers also against a plain loop nest and the
CMSIS-NN figures, the .tflite models also against TensorFlow Lite Micro
with CMSIS-NN on the same files. Writes a markdown table and JSON.

Counting instructions: QEMU runs with -icount shift=0, so its virtual clock
advances exactly 1 ns per executed instruction; the harness reads a timer
before and after qat_NAME_run (the M4 board's 25 MHz APB timer, the M55's
SysTick at 32 MHz). The ticks per instruction are calibrated in the same run
with a loop of exactly 2,000,000 instructions (SUBS/BNE), so instructions =
ticks * 2e6 / calibration ticks, to within one tick (40 instructions on the
M4, 32 on the M55).
"""
import argparse
import ast
import json
import os
import pathlib
import re
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "utils" / "harness"))
sys.path.insert(0, str(HERE))
import targets  # noqa: E402
import cycles  # noqa: E402
from tflm_cmsis_nn import MEASURED as TFLM  # noqa: E402
from layers import LAYERS, POOLS  # noqa: E402

PATHS = ("m4", "m4-portable", "m55")
LABELS = {"m4": "M4 DSP", "m4-portable": "M4 portable", "m55": "M55 Helium"}
CALIBRATION_INSNS = 2_000_000


def macs_of(qint_text):
    """Multiply-accumulates of the weighted ops of a qint program."""
    total = 0
    dims = lambda t: [int(d) for d in t.split("x")[:-1]]
    for m in re.finditer(
            r"qint\.(conv2d|depthwise_conv2d|fully_connected) [^\n]*?: "
            r"\(tensor<([^>]*)>, tensor<([^>]*)>[^)]*\) -> tensor<([^>]*)>",
            qint_text):
        kind, _, w, out = m.group(1), dims(m.group(2)), dims(m.group(3)), dims(m.group(4))
        if kind == "fully_connected":
            total += out[0] * w[0] * w[1]
        elif kind == "conv2d":
            total += out[1] * out[2] * out[3] * w[1] * w[2] * w[3]
        else:
            total += out[1] * out[2] * out[3] * w[1] * w[2]
    # An LSTM: four gates, each the input and the hidden state through
    # weights, at every step.
    for m in re.finditer(
            r"qint\.lstm [^\n]*?: \(tensor<([^>]*)>, tensor<([^>]*)>, "
            r"tensor<([^>]*)>[^)]*\) -> tensor<([^>]*)>", qint_text):
        wx, wh, out = dims(m.group(2)), dims(m.group(3)), dims(m.group(4))
        total += out[0] * out[1] * out[2] * 4 * (wx[2] + wh[2])
    # A product of two activations: each output sums K products.
    for m in re.finditer(
            r"qint\.batch_matmul ([^\n]*?): "
            r"\(tensor<([^>]*)>, tensor<([^>]*)>\) -> tensor<([^>]*)>",
            qint_text):
        lhs, out = dims(m.group(2)), dims(m.group(4))
        depth = lhs[-2] if "adj_x = true" in m.group(1) else lhs[-1]
        elements = 1
        for d in out:
            elements *= d
        total += elements * depth
    # A GRU: three gates.
    for m in re.finditer(
            r"qint\.gru [^\n]*?: \(tensor<([^>]*)>, tensor<([^>]*)>, "
            r"tensor<([^>]*)>[^)]*\) -> tensor<([^>]*)>", qint_text):
        wx, wh, out = dims(m.group(2)), dims(m.group(3)), dims(m.group(4))
        total += out[0] * out[1] * out[2] * 3 * (wx[2] + wh[2])
    return total


def kernels_of(source):
    """(index, op, location) of each kernel call in a generated NAME.c."""
    return [(int(i), op, where) for i, op, where in re.findall(
        r"/\* (\d+): (\S+)(?: at (.*?))? \*/\n  QAT_KERNEL_BEGIN", source)]


PROFILE_HOOKS = """/* The generated C's profiling hooks, timing each kernel call. */
void qat_profile_begin(int index);
void qat_profile_end(int index);
"""


def profile_part(count):
    """Harness code recording the ticks of each kernel call."""
    return (
        "#include \"profile_hooks.h\"\n"
        f"static uint32_t profile_start, profile_ticks[{count + 1}];\n"
        "void qat_profile_begin(int index) {\n  (void)index;\n"
        "  profile_start = machine_ticks();\n}\n"
        "void qat_profile_end(int index) {\n"
        "  profile_ticks[index] += machine_ticks() - profile_start;\n}\n"
        "static void profile_print(void) {\n  int i;\n"
        f"  for (i = 1; i <= {count}; ++i)\n"
        "    io_print_uint(\"kernel_ticks=\", profile_ticks[i]);\n}\n")


def c_bytes(name, data):
    """A const int8_t array holding `data`."""
    values = [b - 256 if b > 127 else b for b in data]
    rows = (", ".join(str(v) for v in values[i:i + 24])
            for i in range(0, len(values), 24))
    return (f"static const int8_t {name}[{len(values)}] = {{\n  " +
            ",\n  ".join(rows) + "};\n")


def harness(name, header, naive, profile_kernels=0, reference=None):
    """The bare-metal main of a case. Its inputs are pseudo-random bytes or,
    with `reference` (input bytes, expected output bytes), a reference
    input, whose outputs it then compares with the expected ones."""
    prefix = f"QAT_{name.upper()}"
    n_in = len(re.findall(rf"{prefix}_INPUT\d+_SIZE", header))
    n_out = len(re.findall(rf"{prefix}_OUTPUT\d+_SIZE", header))
    decl = "".join(f"static int8_t input{i}[{prefix}_INPUT{i}_SIZE];\n"
                   for i in range(n_in))
    decl += "".join(f"static int8_t output{i}[{prefix}_OUTPUT{i}_SIZE];\n"
                    for i in range(n_out))
    fill = "".join(
        f"  for (i = 0; i < sizeof input{k}; ++i) {{\n"
        "    seed = seed * 1664525u + 1013904223u;\n"
        f"    input{k}[i] = (int8_t)(seed >> 24);\n  }}\n" for k in range(n_in))
    reference_part = ""
    if reference:
        if n_in != 1 or n_out != 1:
            sys.exit(f"{name}: a reference needs one input and one output")
        decl += (c_bytes("reference_input", reference[0]) +
                 c_bytes("reference_output", reference[1]))
        fill = ("  for (i = 0; i < sizeof input0; ++i)\n"
                "    input0[i] = reference_input[i];\n")
        reference_part = (
            "  for (i = 0, j = 0; i < sizeof output0; ++i)\n"
            "    j += output0[i] != reference_output[i];\n"
            "  io_print_uint(\"reference_mismatches=\", j);\n")
    args = ", ".join([f"input{i}" for i in range(n_in)] +
                     [f"output{i}" for i in range(n_out)] + ["arena"])
    naive_part = ""
    if naive:
        naive_part = (
            "  t0 = machine_ticks();\n  naive(input0, expected);\n"
            "  io_print_uint(\"naive_ticks=\", machine_ticks() - t0);\n"
            "  for (i = 0, j = 0; i < sizeof expected; ++i)\n"
            "    j += expected[i] != output0[i];\n"
            "  io_print_uint(\"naive_mismatches=\", j);\n")
    profile = profile_part(profile_kernels) if profile_kernels else ""
    return (
        '#include "io.h"\n#include "machine.h"\n'
        f'#include "{name}.h"\n' + profile + decl +
        f"static int32_t arena[{prefix}_ARENA_SIZE / 4 + 1];\n" +
        (f"void naive(const int8_t *x, int8_t *y);\n"
         f"static int8_t expected[{prefix}_OUTPUT0_SIZE];\n" if naive else "") +
        "int main(void) {\n"
        "  uint32_t seed = 1, i, j, t0, depth;\n  (void)j;\n  (void)seed;\n" +
        fill +
        "  machine_timer_start();\n"
        "  t0 = machine_ticks();\n"
        f"  machine_spin({CALIBRATION_INSNS // 2});\n"
        "  io_print_uint(\"calibration_ticks=\", machine_ticks() - t0);\n"
        "  depth = stack_paint();\n"
        "  t0 = machine_ticks();\n"
        f"  if (qat_{name}_run({args}) != 0)\n    return 3;\n"
        "  io_print_uint(\"ticks=\", machine_ticks() - t0);\n"
        "  io_print_uint(\"stack=\", stack_high_water() - depth);\n" +
        ("  profile_print();\n" if profile_kernels else "") +
        naive_part + reference_part + "  return 0;\n}\n")


def flash_bytes(tools, work, name, path):
    """text + rodata + data of the model and the runtime code it reaches."""
    part = work / f"{name}.{path}.part.o"
    targets.run([tools.arm_gcc] + targets.ARM_TARGETS[path][0] +
                ["-ffunction-sections", "-fdata-sections", "-nostdlib",
                 f"-I{work}", f"-I{targets.RUNTIME / 'include'}",
                 f"-Wl,-r,--gc-sections,-u,qat_{name}_run", "-o", part,
                 work / f"{name}.c"] + targets.RUNTIME_SOURCES)
    sizes = targets.run([tools.arm_gcc.replace("gcc", "size"), "-A", part]).stdout
    total = 0
    for line in sizes.splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[0].startswith((".text", ".rodata", ".data")):
            total += int(fields[1])
    return total


def measure(tools, work, name, path, naive):
    binary = work / f"{name}.{path}.elf"
    sources = [work / f"{name}.bench.c", work / f"{name}.c"]
    if naive:
        sources.append(work / f"{name}.naive.c")
    # -g for bench/profile_lines.py (GCC's code does not depend on it).
    targets.build(tools, path, sources, [work, targets.RUNTIME / "src"], [],
                  binary, ["-g"])
    out = targets.execute(tools, path, binary,
                          ["-icount", "shift=0,sleep=off"])
    values = dict(re.findall(r"(\w+)=(\d+)", out))
    per_tick = CALIBRATION_INSNS / int(values["calibration_ticks"])
    result = {"instructions": round(int(values["ticks"]) * per_tick),
              "stack_bytes": int(values["stack"]),
              "flash_bytes": flash_bytes(tools, work, name, path)}
    if naive:
        result["naive_instructions"] = round(int(values["naive_ticks"]) * per_tick)
        if int(values["naive_mismatches"]):
            sys.exit(f"{name}: the plain loop nest disagrees with the model "
                     f"on {values['naive_mismatches']} bytes")
    if "reference_mismatches" in values:
        if int(values["reference_mismatches"]):
            sys.exit(f"{name} ({LABELS[path]}): the output differs from the "
                     f"reference output in {values['reference_mismatches']} "
                     "bytes")
        result["matches_reference"] = True
    return result


# The MLPerf Tiny reference models as published (mlcommons/tiny's trained
# .tflite files), read in place from --tflite-models: case name, folder and
# file stem. Each folder also holds inputs.npy and TensorFlow Lite Micro's
# outputs.npy for them; the harness runs the first input and compares.
TFLITE_MODELS = (("kws", "kws_ref_model"), ("vww", "vww_96_int8"),
                 ("ic", "pretrainedResnet_quant"), ("ad", "ad01_int8"),
                 ("ic02", "pretrainedResnet_large_int8"),
                 # TensorFlow Lite Micro's LSTM examples (MNIST rows,
                 # micro_speech).
                 ("mnist_lstm", "trained_lstm_int8"),
                 ("speech_lstm", "micro_speech_lstm"))
# The best published MLPerf Tiny latency on a Cortex-M4 for each model (CPU
# only, closed division, rounds v1.0-v1.3; v1.4 adds IC02 and had not been
# published): milliseconds, the clock in MHz, and whose. From the field
# survey of the MLPerf Tiny results compiled 2026-12.
MLPERF_TINY_BEST_M4 = {
    "kws": (43.19, 120, "ST X-CUBE-AI, v1.2"),
    "vww": (88.93, 120, "ST X-CUBE-AI, v1.2"),
    "ic": (162.21, 150, "Bosch"),
    "ad": (4.05, 120, "Plumerai"),
}
# The same architectures as PyTorch eager QAT models with random weights
# (bench/tiny_models.py), through the PyTorch front end: case NAME_torch.
TORCH_MODELS = ("kws", "vww", "ic", "ad")
# A digits CNN trained with 4-bit weights (ONNX, int8 container), compiled
# as it comes and with its weights packed, and its twin trained with 8-bit
# weights (test/Target/ONNX/Inputs/make_models.py).
# The same twin with its second convolution's activations int16 (mixed
# precision: the conv writes int16, the fully connected layer reads it).
FOUR_BIT = (("cnn_folded", "cnn_folded.onnx", []),
            ("int4", "int4.onnx", []),
            ("int4_packed", "int4.onnx", ["--pack-4bit-weights"]),
            ("cnn_folded_int16", "cnn_folded.onnx",
             ["--int16-activations=/c2/Conv"]))
ONNX_MODELS = HERE.parent / "test" / "Target" / "ONNX" / "Inputs" / "models"
# The LSTM and GRU trained with QAT in examples/recurrent/digits_rows.py
# (their ONNX exports, the PyTorch front end's path).
# The keyword transformer of examples/transformer/keyword_transformer.py.
EXAMPLE_ONNX = tuple(
    (f"{cell}_digits",
     HERE.parent / "examples" / "recurrent" / f"{cell}_digits.onnx")
    for cell in ("lstm", "gru")) + (
    ("kwt_digits",
     HERE.parent / "examples" / "transformer" / "kwt_digits.onnx"),)


# TFLite's int8 BATCH_MATMUL golden cases (../shared/golden/batch_matmul):
# the product of two activations attention needs, as a qint program.
GOLDEN_BMM = (("bmm_1", "batch_matmul_1_s8"), ("bmm_2", "batch_matmul_2_s8"))


def golden_bmm_program(path):
    """The golden case's qint.batch_matmul as a function of its two
    operands (test/golden/run_golden.py's mapping)."""
    sys.path.insert(0, str(HERE.parent / "test" / "golden"))
    import run_golden  # noqa: E402
    case = json.loads(path.read_text())
    run_golden.ACT = run_golden.activation_type(case)
    inputs, oshape, body = run_golden.batch_matmul_case(case["config"],
                                                        case["arrays"])
    sig = ", ".join(f"%{n}: {run_golden.t(s)}" for n, s, _ in inputs)
    return (f"func.func @main({sig}) -> {run_golden.t(oshape)} {{\n  " +
            "\n  ".join(body) + f"\n  return %y : {run_golden.t(oshape)}\n}}\n")


def constant_bytes(tools, work, name):
    """The model's constants (weights, folded biases, parameters): .rodata
    of NAME.c built for the Cortex-M4."""
    obj = work / f"{name}.rodata.o"
    targets.run([tools.arm_gcc, "-std=c99", "-O2", "-mcpu=cortex-m4",
                 "-mthumb", "-c", f"-I{work}",
                 f"-I{targets.RUNTIME / 'include'}", work / f"{name}.c",
                 "-o", obj])
    out = subprocess.run([tools.arm_gcc.replace("gcc", "size"), "-A", obj],
                         capture_output=True, text=True, check=True).stdout
    return sum(int(line.split()[1]) for line in out.splitlines()
               if line.startswith(".rodata"))


def read_npy_int8(path):
    """The int8 array in a .npy file: (shape, bytes)."""
    data = path.read_bytes()
    if data[:6] != b"\x93NUMPY":
        sys.exit(f"{path}: not a .npy file")
    if data[6] == 1:
        length, start = int.from_bytes(data[8:10], "little"), 10
    else:
        length, start = int.from_bytes(data[8:12], "little"), 12
    header = ast.literal_eval(data[start:start + length].decode("latin-1"))
    if header["descr"] not in ("|i1", "i1") or header["fortran_order"]:
        sys.exit(f"{path}: {header['descr']}, not int8 in C order")
    return tuple(header["shape"]), data[start + length:]


def tflite_reference(folder):
    """The first of the reference inputs and TensorFlow Lite Micro's output
    for it."""
    samples = []
    for stem in ("inputs", "outputs"):
        shape, data = read_npy_int8(folder / f"{stem}.npy")
        size = len(data) // shape[0]
        samples.append(data[:size])
    return tuple(samples)


def compile_tflite(bin_dir, tflite, name, work, wide_weights, flags):
    """Compiles a .tflite file with qat-compile to NAME.c and NAME.h and its
    int8 program; returns the wall time of the C compile in seconds."""
    start = time.perf_counter()
    targets.run([bin_dir / "qat-compile", tflite, "--emit=c",
                 f"--name={name}", f"--c-wide-weights={wide_weights}",
                 "-o", work] + flags)
    seconds = time.perf_counter() - start
    targets.run([bin_dir / "qat-compile", tflite, "--emit=qint",
                 f"--name={name}", "-o", work] + flags)
    return seconds


def compile_tiny_model(build, model, name, work, wide_weights,
                       in_place_windows):
    """Builds the MLPerf Tiny architecture `model` as a calibrated PyTorch
    QAT module and compiles it with qat.compile (PyTorch's ONNX export,
    qat's importer and passes, in-process) under `name`; writes NAME.c,
    NAME.h and the int8 program. Returns qat.compile's wall time in
    seconds."""
    os.environ.setdefault("QAT_CAPI_LIBRARY",
                          str(build / "lib" / "libQATCAPI.so"))
    sys.path.insert(0, str(HERE.parent / "python"))
    import warnings
    import qat
    import tiny_models
    module, example = tiny_models.build(model)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compiled = qat.compile(module, example, name=name,
                               wide_weights=wide_weights,
                               in_place_windows=in_place_windows)
    seconds = time.perf_counter() - start
    compiled.emit_c(work)
    (work / f"{name}.qint.mlir").write_text(compiled.qint_text)
    return seconds


def profile(tools, work, name, path):
    """Instructions of each kernel call of one inference: the generated C's
    QAT_KERNEL_BEGIN/END hooks read the timer around every call (a separate
    build; the whole-network figures come from the build without hooks)."""
    kernels = kernels_of((work / f"{name}.c").read_text())
    header = (work / f"{name}.h").read_text()
    (work / "profile_hooks.h").write_text(PROFILE_HOOKS)
    (work / f"{name}.profile.c").write_text(
        harness(name, header, False, len(kernels)))
    binary = work / f"{name}.{path}.profile.elf"
    targets.build(tools, path, [work / f"{name}.profile.c", work / f"{name}.c"],
                  [work, targets.RUNTIME / "src"],
                  ["QAT_KERNEL_BEGIN(i)=qat_profile_begin(i)",
                   "QAT_KERNEL_END(i)=qat_profile_end(i)"], binary,
                  ["-include", work / "profile_hooks.h"])
    out = targets.execute(tools, path, binary,
                          ["-icount", "shift=0,sleep=off"])
    per_tick = CALIBRATION_INSNS / int(
        re.search(r"calibration_ticks=(\d+)", out).group(1))
    ticks = [int(t) for t in re.findall(r"kernel_ticks=(\d+)", out)]
    return [{"kernel": index, "op": op, "location": where or "",
             "instructions": round(t * per_tick)}
            for (index, op, where), t in zip(kernels, ticks)]


def arena_and_bound(qat_opt, qint_file):
    report = subprocess.run([qat_opt, qint_file, "--qint-plan-memory=report=true",
                             "-o", "/dev/null"], capture_output=True, text=True)
    m = re.search(r"arena (\d+) bytes, liveness lower bound (\d+) bytes",
                  report.stderr)
    # With kernels writing in place, the bound had each written a buffer of
    # its own.
    outside = re.search(r"out-of-place bound (\d+) bytes", report.stderr)
    return (int(m.group(1)), int(m.group(2)),
            int(outside.group(1)) if outside else int(m.group(2)))


def peer_cycles(e, path):
    """Table cells: TensorFlow Lite Micro's estimated cycles, qat's over
    them."""
    if "tflm_cmsis_nn" not in e:
        return " | "
    theirs = e["tflm_cmsis_nn"][path]["cycles"]["estimate"]
    return f"{theirs} | {e[path]['cycles']['estimate'] / theirs:.2f}"


def operator_comparison(e):
    """qat's kernels against TensorFlow Lite Micro's operators, by TFLite
    operator (qat names each kernel after the operator it came from) and
    summed by operator type, on both cores."""
    lines = ["", f"{e['case']}: instructions per TFLite operator, qat "
             "against TensorFlow Lite Micro + CMSIS-NN", "",
             "| operator | type | TFLM M4 | qat M4 DSP | qat / TFLM | "
             "TFLM M55 | qat M55 Helium | qat / TFLM |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]
    ours = {path: {} for path in ("m4", "m55")}
    for path in ours:
        for layer in e[path]["layers"]:
            m = re.match(r"operator (\d+) ", layer["location"])
            if m:
                index = int(m.group(1))
                ours[path][index] = (ours[path].get(index, 0) +
                                     layer["instructions"])
    theirs = {path: e["tflm_cmsis_nn"][path]["operators"]
              for path in ours}
    sums = {}
    for index, (kind, _) in enumerate(theirs["m4"]):
        row = [str(index), kind]
        for path in ("m4", "m55"):
            t, q = theirs[path][index][1], ours[path].get(index, 0)
            row += [str(t), str(q), f"{q / t:.2f}"]
            total = sums.setdefault((kind, path), [0, 0])
            total[0] += t
            total[1] += q
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "| type | TFLM M4 | qat M4 DSP | qat / TFLM | TFLM M55 | "
              "qat M55 Helium | qat / TFLM |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for kind in dict.fromkeys(k for k, _ in theirs["m4"]):
        row = [kind]
        for path in ("m4", "m55"):
            t, q = sums[kind, path]
            row += [str(t), str(q), f"{q / t:.2f}"]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", type=pathlib.Path,
                    default=HERE.parent / "build")
    ap.add_argument("--work", type=pathlib.Path, default=pathlib.Path("/tmp/qat-bench"))
    ap.add_argument("--json", type=pathlib.Path)
    ap.add_argument("--markdown", type=pathlib.Path)
    ap.add_argument("--wide-weights", type=int, default=0,
                    help="the C's flash budget in bytes for int16 weights "
                    "(qat-compile --c-wide-weights; default 0)")
    ap.add_argument("--in-place-windows", choices=("true", "false"),
                    default="true",
                    help="false: every convolution and pool of the networks "
                    "in a buffer of its own (qat-compile "
                    "--in-place-windows=false)")
    ap.add_argument("--profile", action="store_true",
                    help="also time every kernel call of the networks "
                    "(per-layer tables)")
    ap.add_argument("--tflite-models", type=pathlib.Path,
                    default=HERE.parent.parent / "shared" / "models" / "tflite",
                    help="the reference .tflite files, one folder per model "
                    "with inputs.npy and outputs.npy (default: "
                    "<repo>/../shared/models/tflite)")
    ap.add_argument("--cycles", choices=("true", "false"), default="true",
                    help="estimate the MLPerf Tiny models' cycles on both "
                    "cores (bench/cycles.py; a minute or two per model)")
    ap.add_argument("--wait-states", type=int, default=0,
                    help="flash wait states for the cycle estimates")
    ap.add_argument("--cases", help="comma-separated case names (default: "
                    "all: " + ", ".join(
                        [m for m, _ in TFLITE_MODELS] +
                        [f"{m}_torch" for m in TORCH_MODELS] +
                        ["cnn", "dscnn", "resnet"] +
                        [c for c, _, _ in FOUR_BIT] +
                        [c for c, _ in EXAMPLE_ONNX] +
                        [c for c, _ in GOLDEN_BMM] +
                        [layer.name for layer in LAYERS + POOLS]) + ")")
    a = ap.parse_args()
    wanted = set(a.cases.split(",")) if a.cases else None
    bin_dir = a.build / "bin"
    tools = targets.Tools()
    a.work.mkdir(parents=True, exist_ok=True)
    cases, compile_times, references = [], {}, {}
    in_place = a.in_place_windows == "true"
    plan_flags = [] if in_place else ["--in-place-windows=false"]

    for model, stem in TFLITE_MODELS:
        if wanted and model not in wanted:
            continue
        folder = a.tflite_models / stem
        tflite = folder / f"{stem}.tflite"
        if not tflite.exists():
            if wanted:
                sys.exit(f"{tflite}: no such file (--tflite-models)")
            print(f"skipping {model}: no {tflite} (--tflite-models)",
                  file=sys.stderr)
            continue
        work = a.work / model
        compile_times[model] = ("qat-compile --emit=c (.tflite)",
                                compile_tflite(bin_dir, tflite, model, work,
                                               a.wide_weights, plan_flags))
        references[model] = tflite_reference(folder)
        cases.append((model, "network", work, False,
                      macs_of((work / f"{model}.qint.mlir").read_text())))
    for model in TORCH_MODELS:
        name = f"{model}_torch"
        if wanted and name not in wanted:
            continue
        work = a.work / name
        compile_times[name] = ("qat.compile (PyTorch export included)",
                               compile_tiny_model(a.build, model, name, work,
                                                  a.wide_weights, in_place))
        cases.append((name, "network", work, False,
                      macs_of((work / f"{name}.qint.mlir").read_text())))
    for model in ("cnn", "dscnn", "resnet"):
        if wanted and model not in wanted:
            continue
        work = a.work / model
        for emit in ("c", "qint"):
            wide = ([f"--c-wide-weights={a.wide_weights}"] if emit == "c"
                    else [])
            targets.run([bin_dir / "qat-compile", HERE.parent / "examples" / f"{model}.mlir",
                         f"--emit={emit}", "-o", work] + wide + plan_flags)
        cases.append((model, "network", work, False,
                      macs_of((work / f"{model}.qint.mlir").read_text())))
    for name, onnx, flags in FOUR_BIT:
        if wanted and name not in wanted:
            continue
        work = a.work / name
        for emit in ("c", "qint"):
            targets.run([bin_dir / "qat-compile", ONNX_MODELS / onnx,
                         f"--emit={emit}", f"--name={name}", "-o", work] +
                        flags + plan_flags)
        cases.append((name, "network", work, False,
                      macs_of((work / f"{name}.qint.mlir").read_text())))
    for name, onnx in EXAMPLE_ONNX:
        if wanted and name not in wanted:
            continue
        work = a.work / name
        for emit in ("c", "qint"):
            targets.run([bin_dir / "qat-compile", onnx, f"--emit={emit}",
                         f"--name={name}", "-o", work] + plan_flags)
        cases.append((name, "network", work, False,
                      macs_of((work / f"{name}.qint.mlir").read_text())))
    for name, stem in GOLDEN_BMM:
        if wanted and name not in wanted:
            continue
        source = a.tflite_models.parent.parent / "golden" / "batch_matmul" / f"{stem}.json"
        if not source.exists():
            print(f"skipping {name}: no {source}", file=sys.stderr)
            continue
        work = a.work / name
        work.mkdir(parents=True, exist_ok=True)
        (work / f"{name}.in.mlir").write_text(golden_bmm_program(source))
        for emit in ("c", "qint"):
            targets.run([bin_dir / "qat-compile", work / f"{name}.in.mlir",
                         f"--emit={emit}", f"--name={name}", "-o", work])
        cases.append((name, "network", work, False,
                      macs_of((work / f"{name}.qint.mlir").read_text())))
    for layer in LAYERS:
        if wanted and layer.name not in wanted:
            continue
        work = a.work / layer.name
        work.mkdir(exist_ok=True)
        (work / f"{layer.name}.mlir").write_text(layer.mlir())
        (work / f"{layer.name}.naive.c").write_text(layer.naive_c())
        for flag, suffix in (("--emit-c", "c"), ("--emit-c-header", "h")):
            targets.run([bin_dir / "qat-translate", flag, work / f"{layer.name}.mlir",
                         f"--c-wide-weights={a.wide_weights}",
                         "-o", work / f"{layer.name}.{suffix}"])
        # The planned program, for the arena report.
        targets.run([bin_dir / "qat-opt", work / f"{layer.name}.mlir", "-o",
                     work / f"{layer.name}.qint.mlir"])
        cases.append((layer.name, "layer", work, True, layer.macs))
    for pool in POOLS:
        if wanted and pool.name not in wanted:
            continue
        work = a.work / pool.name
        work.mkdir(exist_ok=True)
        (work / f"{pool.name}.mlir").write_text(pool.mlir())
        for flag, suffix in (("--emit-c", "c"), ("--emit-c-header", "h")):
            targets.run([bin_dir / "qat-translate", flag, work / f"{pool.name}.mlir",
                         "-o", work / f"{pool.name}.{suffix}"])
        cases.append((pool.name, "pool", work, False, 0))
    elements = {pool.name: pool.input_elements for pool in POOLS}

    results = []
    for name, kind, work, naive, macs in cases:
        header = (work / f"{name}.h").read_text()
        (work / f"{name}.bench.c").write_text(
            harness(name, header, naive, reference=references.get(name)))
        arena = int(re.search(r"ARENA_SIZE (\d+)", header).group(1))
        entry = {"case": name, "kind": kind, "macs": macs, "arena_bytes": arena,
                 # The caller's buffers.
                 "input_output_bytes": sum(int(b) for b in re.findall(
                     r"_(?:IN|OUT)PUT\d+_SIZE (\d+)", header))}
        if kind == "network":
            planned, bound, outside = arena_and_bound(
                bin_dir / "qat-opt", work / f"{name}.qint.mlir")
            entry["liveness_bound_bytes"] = bound
            entry["out_of_place_bound_bytes"] = outside
        if name in compile_times:
            entry["compiled_by"], entry["compile_seconds"] = compile_times[name]
        if name in references:
            entry["model_file"] = dict(TFLITE_MODELS)[name] + ".tflite"
            entry["reference"] = ("the first of inputs.npy; the output equals "
                                  "TensorFlow Lite Micro's (outputs.npy)")
        if name in TFLM and name in references:
            entry["tflm_cmsis_nn"] = TFLM[name]
        if name in (case for case, _, _ in FOUR_BIT):
            entry["constant_bytes"] = constant_bytes(tools, work, name)
        for path in PATHS:
            entry[path] = measure(tools, work, name, path, naive)
            if a.profile and kind == "network":
                entry[path]["layers"] = profile(tools, work, name, path)
            entry[path]["macs_per_instruction"] = macs / entry[path]["instructions"]
            entry[path]["ram_bytes"] = arena + entry[path]["stack_bytes"]
        if a.cycles == "true" and name in references:
            for path in ("m4", "m55"):
                total = cycles.estimate(
                    work / f"{name}.{path}.elf", path, f"qat_{name}_run",
                    wait_states=a.wait_states).total
                entry[path]["cycles"] = {v: total[v] for v in cycles.VARIANTS}
                entry[path]["traced_instructions"] = total["instructions"]
                # Both counts are exact but for the timer's tick.
                if abs(total["instructions"] -
                       entry[path]["instructions"]) > 64:
                    sys.exit(f"{name} ({LABELS[path]}): the trace counts "
                             f"{total['instructions']} instructions, the "
                             f"timer {entry[path]['instructions']}")
        if kind == "pool":
            for path in PATHS:
                entry[path]["instructions_per_input_element"] = (
                    entry[path]["instructions"] / elements[name])
        results.append(entry)
        print(f"measured {name}", file=sys.stderr)

    lines = [
        "| case | MACs | path | instructions | MACs/instr | vs plain loops | "
        "flash B | RAM B | arena B (bound; out-of-place bound) | stack B |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for e in results:
        if e["kind"] == "pool":
            continue
        for path in PATHS:
            r = e[path]
            speedup = (f"{r['naive_instructions'] / r['instructions']:.2f}x"
                       if "naive_instructions" in r else "")
            bound = (f" ({e['liveness_bound_bytes']}; "
                     f"{e['out_of_place_bound_bytes']})"
                     if "liveness_bound_bytes" in e else "")
            label = LABELS[path]
            lines.append(
                f"| {e['case']} | {e['macs']} | {label} | {r['instructions']} | "
                f"{r['macs_per_instruction']:.3f} | {speedup} | "
                f"{r['flash_bytes']} | {r['ram_bytes']} | "
                f"{e['arena_bytes']}{bound} | {r['stack_bytes']} |")
    tflm = [e for e in results if "tflm_cmsis_nn" in e]
    if tflm:
        lines += ["", "Against TensorFlow Lite Micro with CMSIS-NN on the same "
                  ".tflite files (bench/tflm_cmsis_nn.py: measured outside "
                  "this repository on 2026-12-07, the same compiler, flags "
                  "and QEMU boards; its arena holds its input and output "
                  "tensors, not its stack; qat's RAM is its arena and stack, "
                  "its input and output the caller's; flash is the model "
                  "and all the code it runs):", "",
                  "| model | TFLM M4 instr | qat M4 DSP instr | qat / TFLM | "
                  "TFLM M55 instr | qat M55 Helium instr | qat / TFLM | "
                  "TFLM arena B (M4 / M55) | qat arena B | qat RAM B "
                  "(M4 DSP) | input + output B | TFLM flash B (M4) | "
                  "qat flash B (M4 DSP) |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
                  "---:|"]
        for e in tflm:
            t = e["tflm_cmsis_nn"]
            m4, m55 = t["m4"]["instructions"], t["m55"]["instructions"]
            lines.append(
                f"| {e['case']} | {m4} | {e['m4']['instructions']} | "
                f"{e['m4']['instructions'] / m4:.2f} | {m55} | "
                f"{e['m55']['instructions']} | "
                f"{e['m55']['instructions'] / m55:.2f} | "
                f"{t['m4']['arena_bytes']} / {t['m55']['arena_bytes']} | "
                f"{e['arena_bytes']} | {e['m4']['ram_bytes']} | "
                f"{e['input_output_bytes']} | {t['m4']['flash_bytes']} | "
                f"{e['m4']['flash_bytes']} |")
    timed = [e for e in results if "cycles" in e["m4"]]
    if timed:
        lines += ["", "Estimated cycles of one inference (bench/cycles.py: "
                  "the executed instructions timed by the Cortex-M4 and "
                  f"Cortex-M55 models, {a.wait_states} flash wait states; "
                  "low-high in brackets), against the best published "
                  "MLPerf Tiny Cortex-M4 latency at its clock:", "",
                  "| model | M4 cycles | cycles/instr | ms at the clock | "
                  "best published M4 ms (clock, whose) | qat / best | "
                  "TFLM M4 cycles | qat / TFLM | M55 cycles | cycles/instr | "
                  "TFLM M55 cycles | qat / TFLM |",
                  "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
        for e in timed:
            m4, m55 = e["m4"]["cycles"], e["m55"]["cycles"]
            best = MLPERF_TINY_BEST_M4.get(e["case"])
            mhz = best[1] if best else 120
            ms = m4["estimate"] / mhz / 1000
            published = (f"{best[0]} ({best[1]} MHz, {best[2]})" if best
                         else "none published")
            ratio = f"{ms / best[0]:.2f}" if best else ""
            lines.append(
                f"| {e['case']} | {m4['estimate']} ({m4['low']}-{m4['high']})"
                f" | {m4['estimate'] / e['m4']['traced_instructions']:.2f} | "
                f"{ms:.2f} at {mhz} MHz ({m4['low'] / mhz / 1000:.2f}-"
                f"{m4['high'] / mhz / 1000:.2f}) | {published} | {ratio} | "
                f"{peer_cycles(e, 'm4')} | "
                f"{m55['estimate']} ({m55['low']}-{m55['high']}) | "
                f"{m55['estimate'] / e['m55']['traced_instructions']:.2f} | "
                f"{peer_cycles(e, 'm55')} |")
    compiled = [e for e in results if "compile_seconds" in e]
    if compiled:
        lines += ["", "| model | compiled by | s |", "|---|---|---:|"]
        lines += [f"| {e['case']} | {e['compiled_by']} | "
                  f"{e['compile_seconds']:.2f} |" for e in compiled]
    four_bit = [e for e in results if "constant_bytes" in e]
    if four_bit:
        lines += ["", "| model | constants B (M4 .rodata) | M4 DSP instr | "
                  "M4 portable instr | M55 Helium instr |",
                  "|---|---:|---:|---:|---:|"]
        lines += [f"| {e['case']} | {e['constant_bytes']} | "
                  f"{e['m4']['instructions']} | "
                  f"{e['m4-portable']['instructions']} | "
                  f"{e['m55']['instructions']} |" for e in four_bit]
    pools = [e for e in results if e["kind"] == "pool"]
    if pools:
        lines += ["", "| pool | input elements | path | instructions | "
                  "instr / input element |", "|---|---:|---|---:|---:|"]
        for e in pools:
            for path in PATHS:
                r = e[path]
                label = LABELS[path]
                lines.append(
                    f"| {e['case']} | {elements[e['case']]} | {label} | "
                    f"{r['instructions']} | "
                    f"{r['instructions_per_input_element']:.2f} |")
    for e in results:
        if "layers" not in e[PATHS[0]]:
            continue
        lines += ["", f"{e['case']}: instructions per kernel call", "",
                  "| kernel | op | location | " +
                  " | ".join(LABELS[p] for p in PATHS) + " |",
                  "|---:|---|---|" + "---:|" * len(PATHS)]
        for i, layer in enumerate(e[PATHS[0]]["layers"]):
            counts = " | ".join(str(e[p]["layers"][i]["instructions"])
                                for p in PATHS)
            lines.append(f"| {layer['kernel']} | {layer['op']} | "
                         f"{layer['location']} | {counts} |")
    for e in results:
        if "layers" not in e[PATHS[0]] or "tflm_cmsis_nn" not in e:
            continue
        lines += operator_comparison(e)
    table = "\n".join(lines) + "\n"
    print(table)
    if a.markdown:
        a.markdown.write_text(table)
    if a.json:
        a.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
