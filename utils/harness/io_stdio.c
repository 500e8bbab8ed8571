/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* io_stdio.c - io.h on a hosted C library. */
#include "io.h"

#include <stdio.h>

static FILE *files[8];

int io_open(const char *path, int write) {
  int h;
  for (h = 0; h < 8; ++h)
    if (!files[h]) {
      files[h] = fopen(path, write ? "wb" : "rb");
      return files[h] ? h : -1;
    }
  return -1;
}

int32_t io_read(int handle, void *buffer, int32_t size) {
  return (int32_t)fread(buffer, 1, (size_t)size, files[handle]);
}

int32_t io_write(int handle, const void *buffer, int32_t size) {
  return (int32_t)fwrite(buffer, 1, (size_t)size, files[handle]);
}

int io_close(int handle) {
  int result = fclose(files[handle]);
  files[handle] = NULL;
  return result;
}

void io_print(const char *text) { fputs(text, stdout); }

void io_print_uint(const char *label, uint32_t value) {
  printf("%s%lu\n", label, (unsigned long)value);
}
