/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Classifies the first held-out digit with a model compiled by
 * `qat-compile examples/cnn.mlir --emit=llvm -o out` (docs/Native.md):
 *   clang-22 -O2 -Iout examples/native/main.c out/cnn.ll -lm -o cnn && ./cnn
 * The digit (a 0, from examples/data/digits_test.npz) is 64 pixels 0..16,
 * quantized with the header's scale and zero point. */
#include <math.h>
#include <stdio.h>

#include "cnn.h"

static const unsigned char pixels[64] = {
    0, 0, 4,  11, 15, 8,  0, 0, 0, 0, 13, 16, 11, 13, 7, 0,
    0, 3, 16, 12, 0,  4,  8, 0, 0, 6, 16, 5,  0,  4,  8, 0,
    0, 7, 9,  0,  0,  9,  7, 0, 0, 4, 10, 0,  2,  15, 2, 0,
    0, 1, 16, 12, 14, 10, 0, 0, 0, 0, 4,  14, 14, 1,  0, 0};

int main(void) {
  static int8_t image[QAT_CNN_INPUT0_SIZE], scores[QAT_CNN_OUTPUT0_SIZE];
  static int32_t arena[QAT_CNN_ARENA_SIZE / 4 + 1];
  int i, best = 0;
  for (i = 0; i < QAT_CNN_INPUT0_SIZE; ++i) {
    double q = round(pixels[i] / 16.0 / QAT_CNN_INPUT0_SCALE) +
               QAT_CNN_INPUT0_ZERO_POINT;
    image[i] = (int8_t)(q > 127 ? 127 : q < -128 ? -128 : q);
  }
  if (qat_cnn_run(image, scores, arena) != 0)
    return 1;
  for (i = 0; i < QAT_CNN_OUTPUT0_SIZE; ++i) {
    printf("%d: %.3f\n", i,
           QAT_CNN_OUTPUT0_SCALE * (scores[i] - QAT_CNN_OUTPUT0_ZERO_POINT));
    if (scores[i] > scores[best])
      best = i;
  }
  printf("digit %d\n", best);
  return 0;
}
