// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* io.h - what the generated test and bench harnesses need from the machine:
 * files by path and text output. io_stdio.c implements it on a host,
 * io_semihost.c on a bare-metal Arm target under QEMU. */
#ifndef QAT_HARNESS_IO_H
#define QAT_HARNESS_IO_H

#include <stdint.h>

/* A handle >= 0, or -1. */
int io_open(const char *path, int write);
/* Bytes transferred. */
int32_t io_read(int handle, void *buffer, int32_t size);
int32_t io_write(int handle, const void *buffer, int32_t size);
int io_close(int handle);
void io_print(const char *text);
void io_print_uint(const char *label, uint32_t value);

#endif
