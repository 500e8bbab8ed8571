/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Calls a compiled model with one argument missing at a time and prints
 * the entry point's return code (error-codes.test). */
#include <stdio.h>

#include "cnn.h"

static int8_t image[QAT_CNN_INPUT0_SIZE], scores[QAT_CNN_OUTPUT0_SIZE];
static int32_t arena[QAT_CNN_ARENA_SIZE / 4 + 1];

int main(void) {
  printf("all arguments: %d\n", qat_cnn_run(image, scores, arena));
  printf("no input: %d\n", qat_cnn_run(NULL, scores, arena));
  printf("no output: %d\n", qat_cnn_run(image, NULL, arena));
  printf("no arena: %d\n", qat_cnn_run(image, scores, NULL));
  return 0;
}
