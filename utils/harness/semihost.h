// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* semihost.h - the Arm semihosting calls the bare-metal harness needs. */
#ifndef QAT_SEMIHOST_H
#define QAT_SEMIHOST_H

#include <stdint.h>

int semihost_open(const char *path, int write);
int semihost_read(int handle, void *buffer, int32_t size); /* bytes read */
int semihost_write(int handle, const void *buffer, int32_t size);
int semihost_close(int handle);
void semihost_print(const char *text);
__attribute__((noreturn)) void semihost_exit(int code);

#endif
