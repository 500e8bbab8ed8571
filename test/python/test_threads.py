# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""One compiled model used from several threads at once (docs/Python.md,
Threads): every result equals the same call made alone."""
import concurrent.futures

import numpy as np


def _batches(digits_nchw, count):
    images, _ = digits_nchw
    # Different data per call, so a shared arena would mix samples.
    return [np.roll(images, 7 * k, axis=0)[:90] for k in range(count)]


def test_run_from_threads(cnn_onnx, digits_nchw):
    batches = _batches(digits_nchw, 16)
    alone = [cnn_onnx.run(b) for b in batches]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for _ in range(3):
            together = list(pool.map(cnn_onnx.run, batches))
            for a, t in zip(alone, together):
                np.testing.assert_array_equal(a, t)


def test_interpreters_and_run_from_threads(cnn_onnx, digits_nchw):
    batches = _batches(digits_nchw, 6)
    small = [b[:4] for b in batches]
    expected = [(cnn_onnx.run(b), cnn_onnx.interpret(s),
                 cnn_onnx.interpret_graph(s))
                for b, s in zip(batches, small)]

    def work(k):
        return (cnn_onnx.run(batches[k]), cnn_onnx.interpret(small[k]),
                cnn_onnx.interpret_graph(small[k]))

    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        for got, want in zip(pool.map(work, range(6)), expected):
            for g, w in zip(got, want):
                np.testing.assert_array_equal(g, w)
