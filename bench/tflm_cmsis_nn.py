# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""TensorFlow Lite Micro with its CMSIS-NN kernels on the MLPerf Tiny
reference .tflite files: the peer bench/run_bench.py compares qat with.

Measured outside this repository (none of its code is here), from the
public sources: TensorFlow Lite Micro at commit
90b983c2b3f1480642e040bbd2ddb37b998f3424 with OPTIMIZED_KERNEL_DIR=cmsis_nn
and CMSIS-NN at 4ab83cc3cc98fb85ed6dafb55e8ca02f1628dcae (the commit its
cmsis_nn_download.sh pins), built by its own make system
(TARGET=cortex_m_generic: the kernels and CMSIS-NN at -O2, the
interpreter at its default -Os) with arm-none-eabi-gcc 12.2.1 (Cortex-M4:
-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard on QEMU mps2-an386;
Cortex-M55: -mcpu=cortex-m55 -mfloat-abi=hard on QEMU mps3-an547), on
2026-12-07. A harness ran each model's first reference input through one
Invoke() between two empty marker functions; its output equalled
TensorFlow Lite Micro's reference output. `instructions` and `cycles` are
bench/cycles.py's count and estimate of that Invoke() (`--between
bench_begin,bench_end`, the same models as qat's figures; the
instruction counts agree within 0.08% with the 2026-12-06 figures the
reference data's README quotes; part of each count depends on the
input); `operators` each operator's executed
instructions (TensorFlow Lite Micro's profiler hooks reading a timer
under -icount); `arena_bytes` arena_used_bytes(); `flash_bytes` the
image's .text, .rodata and .data less the harness's test vectors (the
model's flatbuffer, the interpreter, the kernels, libc).
"""

MEASURED = {
    "kws": {
        "m4": {
            "instructions": 7699240,
            "cycles": {"low": 8804443, "estimate": 8892696,
                       "high": 9515399},
            "arena_bytes": 22820,
            "flash_bytes": 167294,
            "operators": (
                ("CONV_2D", 1118468), ("DEPTHWISE_CONV_2D", 561470),
                ("CONV_2D", 1069309), ("DEPTHWISE_CONV_2D", 561470),
                ("CONV_2D", 1069309), ("DEPTHWISE_CONV_2D", 561470),
                ("CONV_2D", 1069309), ("DEPTHWISE_CONV_2D", 561470),
                ("CONV_2D", 1069309), ("AVERAGE_POOL_2D", 51074),
                ("RESHAPE", 230), ("FULLY_CONNECTED", 2531),
                ("SOFTMAX", 3590),
            ),
        },
        "m55": {
            "instructions": 1815077,
            "cycles": {"low": 2207061, "estimate": 2241656,
                       "high": 3278155},
            "arena_bytes": 27348,
            "flash_bytes": 155218,
            "operators": (
                ("CONV_2D", 306525), ("DEPTHWISE_CONV_2D", 169228),
                ("CONV_2D", 203212), ("DEPTHWISE_CONV_2D", 169228),
                ("CONV_2D", 203212), ("DEPTHWISE_CONV_2D", 169228),
                ("CONV_2D", 203212), ("DEPTHWISE_CONV_2D", 169228),
                ("CONV_2D", 203212), ("AVERAGE_POOL_2D", 13419),
                ("RESHAPE", 230), ("FULLY_CONNECTED", 1023),
                ("SOFTMAX", 3874),
            ),
        },
    },
    "vww": {
        "m4": {
            "instructions": 24104056,
            "cycles": {"low": 27821212, "estimate": 28095906,
                       "high": 30261137},
            "arena_bytes": 100708,
            "flash_bytes": 446618,
            "operators": (
                ("CONV_2D", 3045318), ("DEPTHWISE_CONV_2D", 1469666),
                ("CONV_2D", 1955245), ("DEPTHWISE_CONV_2D", 701026),
                ("CONV_2D", 1169021), ("DEPTHWISE_CONV_2D", 1352486),
                ("CONV_2D", 1589885), ("DEPTHWISE_CONV_2D", 338706),
                ("CONV_2D", 801565), ("DEPTHWISE_CONV_2D", 654074),
                ("CONV_2D", 1227037), ("DEPTHWISE_CONV_2D", 163984),
                ("CONV_2D", 635741), ("DEPTHWISE_CONV_2D", 311744),
                ("CONV_2D", 1079645), ("DEPTHWISE_CONV_2D", 311744),
                ("CONV_2D", 1079645), ("DEPTHWISE_CONV_2D", 311744),
                ("CONV_2D", 1079645), ("DEPTHWISE_CONV_2D", 311744),
                ("CONV_2D", 1079645), ("DEPTHWISE_CONV_2D", 311744),
                ("CONV_2D", 1079645), ("DEPTHWISE_CONV_2D", 78348),
                ("CONV_2D", 635485), ("DEPTHWISE_CONV_2D", 143180),
                ("CONV_2D", 1164893), ("AVERAGE_POOL_2D", 17810),
                ("RESHAPE", 332), ("FULLY_CONNECTED", 1549),
                ("SOFTMAX", 1313),
            ),
        },
        "m55": {
            "instructions": 6560470,
            "cycles": {"low": 7852088, "estimate": 8028154,
                       "high": 11340091},
            "arena_bytes": 100772,
            "flash_bytes": 434550,
            "operators": (
                ("CONV_2D", 1050490), ("DEPTHWISE_CONV_2D", 897866),
                ("CONV_2D", 642127), ("DEPTHWISE_CONV_2D", 297094),
                ("CONV_2D", 315247), ("DEPTHWISE_CONV_2D", 455502),
                ("CONV_2D", 365935), ("DEPTHWISE_CONV_2D", 114611),
                ("CONV_2D", 181687), ("DEPTHWISE_CONV_2D", 193610),
                ("CONV_2D", 232375), ("DEPTHWISE_CONV_2D", 49048),
                ("CONV_2D", 116041), ("DEPTHWISE_CONV_2D", 97973),
                ("CONV_2D", 166729), ("DEPTHWISE_CONV_2D", 97973),
                ("CONV_2D", 166729), ("DEPTHWISE_CONV_2D", 97973),
                ("CONV_2D", 166729), ("DEPTHWISE_CONV_2D", 97973),
                ("CONV_2D", 166729), ("DEPTHWISE_CONV_2D", 97973),
                ("CONV_2D", 166729), ("DEPTHWISE_CONV_2D", 26737),
                ("CONV_2D", 91466), ("DEPTHWISE_CONV_2D", 49972),
                ("CONV_2D", 146762), ("AVERAGE_POOL_2D", 7195),
                ("RESHAPE", 338), ("FULLY_CONNECTED", 983), ("SOFTMAX", 1394),
            ),
        },
    },
    "ic": {
        "m4": {
            "instructions": 29864564,
            "cycles": {"low": 34939595, "estimate": 35202160,
                       "high": 38119230},
            "arena_bytes": 54996,
            "flash_bytes": 206182,
            "operators": (
                ("CONV_2D", 2110375), ("CONV_2D", 5493432),
                ("CONV_2D", 5493432), ("ADD", 1332116), ("CONV_2D", 2520958),
                ("CONV_2D", 4544180), ("CONV_2D", 563910), ("ADD", 670369),
                ("CONV_2D", 2189297), ("CONV_2D", 4156044),
                ("CONV_2D", 421678), ("ADD", 335372),
                ("AVERAGE_POOL_2D", 26741), ("RESHAPE", 230),
                ("FULLY_CONNECTED", 2191), ("SOFTMAX", 3972),
            ),
        },
        "m55": {
            "instructions": 4913004,
            "cycles": {"low": 5685214, "estimate": 5781595,
                       "high": 8991247},
            "arena_bytes": 55028,
            "flash_bytes": 193142,
            "operators": (
                ("CONV_2D", 626885), ("CONV_2D", 942273), ("CONV_2D", 942273),
                ("ADD", 226041), ("CONV_2D", 394966), ("CONV_2D", 604293),
                ("CONV_2D", 141823), ("ADD", 113401), ("CONV_2D", 281679),
                ("CONV_2D", 487581), ("CONV_2D", 81711), ("ADD", 57081),
                ("AVERAGE_POOL_2D", 7139), ("RESHAPE", 230),
                ("FULLY_CONNECTED", 1071), ("SOFTMAX", 4272),
            ),
        },
    },
    "ad": {
        "m4": {
            "instructions": 583515,
            "cycles": {"low": 725036, "estimate": 726111,
                       "high": 758051},
            "arena_bytes": 2580,
            "flash_bytes": 330672,
            "operators": (
                ("FULLY_CONNECTED", 160427), ("FULLY_CONNECTED", 37553),
                ("FULLY_CONNECTED", 37567), ("FULLY_CONNECTED", 37557),
                ("FULLY_CONNECTED", 2803), ("FULLY_CONNECTED", 8697),
                ("FULLY_CONNECTED", 37561), ("FULLY_CONNECTED", 37539),
                ("FULLY_CONNECTED", 37525), ("FULLY_CONNECTED", 186091),
            ),
        },
        "m55": {
            "instructions": 150557,
            "cycles": {"low": 193291, "estimate": 194790,
                       "high": 226093},
            "arena_bytes": 9268,
            "flash_bytes": 323140,
            "operators": (
                ("FULLY_CONNECTED", 40513), ("FULLY_CONNECTED", 9793),
                ("FULLY_CONNECTED", 9793), ("FULLY_CONNECTED", 9793),
                ("FULLY_CONNECTED", 1093), ("FULLY_CONNECTED", 3073),
                ("FULLY_CONNECTED", 9793), ("FULLY_CONNECTED", 9793),
                ("FULLY_CONNECTED", 9793), ("FULLY_CONNECTED", 46913),
            ),
        },
    },
    "ic02": {
        "m4": {
            "instructions": 145516678,
            "cycles": {"low": 168658651, "estimate": 169245308,
                       "high": 181393471},
            "arena_bytes": 133620,
            "flash_bytes": 619726,
            "operators": (
                ("CONV_2D", 4377511), ("CONV_2D", 27413704),
                ("CONV_2D", 27413704), ("ADD", 3328834),
                ("CONV_2D", 13315586), ("CONV_2D", 25540736),
                ("CONV_2D", 2276806), ("ADD", 1672801), ("CONV_2D", 12611684),
                ("CONV_2D", 24720828), ("CONV_2D", 1935406), ("ADD", 836174),
                ("AVERAGE_POOL_2D", 64853), ("RESHAPE", 284),
                ("FULLY_CONNECTED", 3991), ("SOFTMAX", 3509),
            ),
        },
        "m55": {
            "instructions": 18663616,
            "cycles": {"low": 21175758, "estimate": 21304892,
                       "high": 37610678},
            "arena_bytes": 133684,
            "flash_bytes": 606686,
            "operators": (
                ("CONV_2D", 1106117), ("CONV_2D", 3526089),
                ("CONV_2D", 3526089), ("ADD", 563961), ("CONV_2D", 1673240),
                ("CONV_2D", 2925393), ("CONV_2D", 460287), ("ADD", 282361),
                ("CONV_2D", 1437186), ("CONV_2D", 2712309),
                ("CONV_2D", 285999), ("ADD", 141561),
                ("AVERAGE_POOL_2D", 17087), ("RESHAPE", 290),
                ("FULLY_CONNECTED", 1587), ("SOFTMAX", 3775),
            ),
        },
    },
}
