/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* The firmware's use of the model: classify one image with the model's
 * header, arena and entry point (the sensor is a constant here). On QEMU
 * (FIRMWARE_SEMIHOSTING) it prints the digit it found. */
#include "digits.h"

#ifdef FIRMWARE_SEMIHOSTING
#include "semihost.h"
#endif

static int8_t image[QAT_DIGITS_INPUT0_SIZE];
static int8_t scores[QAT_DIGITS_OUTPUT0_SIZE];
static int32_t arena[QAT_DIGITS_ARENA_SIZE / 4 + 1];

int main(void) {
  int i, best = 0;
  for (i = 0; i < QAT_DIGITS_INPUT0_SIZE; ++i)
    image[i] = (int8_t)(i % 7 == 0 ? 127 : QAT_DIGITS_INPUT0_ZERO_POINT);
  if (qat_digits_run(image, scores, arena) != 0)
    return 1;
  for (i = 1; i < QAT_DIGITS_OUTPUT0_SIZE; ++i)
    if (scores[i] > scores[best])
      best = i;
#ifdef FIRMWARE_SEMIHOSTING
  {
    char text[] = "firmware: digit ?\n";
    text[sizeof text - 3] = (char)('0' + best);
    semihost_print(text);
  }
#endif
  return 0;
}
