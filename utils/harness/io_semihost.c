/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* io_semihost.c - io.h over Arm semihosting. */
#include "io.h"
#include "semihost.h"

int io_open(const char *path, int write) { return semihost_open(path, write); }

int32_t io_read(int handle, void *buffer, int32_t size) {
  return semihost_read(handle, buffer, size);
}

int32_t io_write(int handle, const void *buffer, int32_t size) {
  return semihost_write(handle, buffer, size);
}

int io_close(int handle) { return semihost_close(handle); }

void io_print(const char *text) { semihost_print(text); }

void io_print_uint(const char *label, uint32_t value) {
  char digits[12];
  int n = 11;
  digits[n] = 0;
  do {
    digits[--n] = (char)('0' + value % 10);
    value /= 10;
  } while (value);
  semihost_print(label);
  semihost_print(digits + n);
  semihost_print("\n");
}
