/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* startup.c - bare-metal start for QEMU's mps2-an386: vector table, .data
 * and .bss set-up, FPU on, stack painted, main, semihosting exit. */
#include <stdint.h>

#include "semihost.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _sstack, _estack;
int main(void);

#define STACK_PAINT 0x5AC4C0DEu

void qat_reset(void);
static void qat_fault(void) { semihost_exit(100); }

/* Exceptions 1-15; the linker script puts the initial stack pointer first. */
__attribute__((section(".vectors"),
               used)) static void (*const vectors[15])(void) = {
    qat_reset, qat_fault, qat_fault, qat_fault, qat_fault, qat_fault, 0, 0, 0,
    0,         qat_fault, qat_fault, 0,         qat_fault, qat_fault};

static void paint_below(uint32_t *sp) {
  uint32_t *p;
  for (p = &_sstack; p < sp; ++p)
    *p = STACK_PAINT;
}

/* Bytes of stack in use since reset (or the last stack_paint): the lowest
 * word not holding the paint. */
uint32_t stack_high_water(void) {
  const uint32_t *p = &_sstack;
  while (p < &_estack && *p == STACK_PAINT)
    ++p;
  return (uint32_t)((uintptr_t)&_estack - (uintptr_t)p);
}

/* Repaints the free stack; returns the bytes in use now, so that
 * stack_high_water() minus it is what the code run in between used. */
uint32_t stack_paint(void) {
  uint32_t *sp;
  __asm volatile("mov %0, sp" : "=r"(sp));
  paint_below(sp - 16);
  return (uint32_t)((uintptr_t)&_estack - (uintptr_t)sp);
}

__attribute__((noreturn)) void qat_reset(void) {
  uint32_t *dst = &_sdata;
  const uint32_t *src = &_sidata;
  volatile uint32_t *cpacr = (volatile uint32_t *)0xE000ED88u;
  uint32_t *sp;
  while (dst < &_edata)
    *dst++ = *src++;
  for (dst = &_sbss; dst < &_ebss; ++dst)
    *dst = 0;
  __asm volatile("mov %0, sp" : "=r"(sp));
  paint_below(sp - 16);
  *cpacr |= 0xFu << 20; /* CP10, CP11: full access to the FPU */
  __asm volatile("dsb\n\tisb" ::: "memory");
  semihost_exit(main());
}
