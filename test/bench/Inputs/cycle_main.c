/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Calls the hand-timed kernels of cycle_kernels*.S once each. */
#include <stdint.h>

int kernel_dot(const int16_t *a, const int16_t *b, int words);
void kernel_stall(int32_t *p);
int kernel_region(void);
#ifdef WITH_MVE
int kernel_mve(const int8_t *a, const int8_t *b, int blocks_of_16);
#endif

static int16_t a[32], b[32];
static int32_t words[8];
static int8_t bytes[128];

int main(void) {
  int i, sum = 0;
  for (i = 0; i < 32; ++i) {
    a[i] = (int16_t)(i - 7);
    b[i] = (int16_t)(3 * i + 1);
  }
  sum += kernel_dot(a, b, 16);
  kernel_stall(words);
  sum += kernel_region();
#ifdef WITH_MVE
  for (i = 0; i < 128; ++i)
    bytes[i] = (int8_t)(i * 5);
  sum += kernel_mve(bytes, bytes + 64, 4);
#endif
  (void)bytes;
  return sum == 0 ? 1 : 0;
}
