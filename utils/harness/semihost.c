/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* semihost.c - Arm semihosting (BKPT 0xAB on M-profile), as QEMU's
 * -semihosting-config enable=on,target=native serves it. */
#include "semihost.h"

static int call(int op, const void *block) {
  register int r0 __asm("r0") = op;
  register const void *r1 __asm("r1") = block;
  __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

static int32_t length(const char *s) {
  int32_t n = 0;
  while (s[n])
    ++n;
  return n;
}

int semihost_open(const char *path, int write) {
  const uint32_t block[3] = {(uint32_t)path, write ? 5u : 1u, /* wb, rb */
                             (uint32_t)length(path)};
  return call(0x01, block);
}

int semihost_read(int handle, void *buffer, int32_t size) {
  const uint32_t block[3] = {(uint32_t)handle, (uint32_t)buffer,
                             (uint32_t)size};
  return size - call(0x06, block); /* the call returns the bytes NOT read */
}

int semihost_write(int handle, const void *buffer, int32_t size) {
  const uint32_t block[3] = {(uint32_t)handle, (uint32_t)buffer,
                             (uint32_t)size};
  return size - call(0x05, block);
}

int semihost_close(int handle) {
  const uint32_t block[1] = {(uint32_t)handle};
  return call(0x02, block);
}

void semihost_print(const char *text) { call(0x04, text); }

void semihost_exit(int code) {
  /* SYS_EXIT_EXTENDED: ADP_Stopped_ApplicationExit with an exit code. */
  const uint32_t block[2] = {0x20026u, (uint32_t)code};
  call(0x20, block);
  for (;;)
    ;
}
