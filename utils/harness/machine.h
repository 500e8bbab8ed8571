// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* machine.h - what the benchmark harness reads from the emulated board:
 * the stack high-water mark (startup.c) and a timer.
 *
 * Under qemu -icount shift=0 virtual time advances 1 ns per executed
 * instruction, so one timer tick is a fixed number of instructions (the
 * benchmark calibrates it with machine_spin). */
#ifndef QAT_HARNESS_MACHINE_H
#define QAT_HARNESS_MACHINE_H

#include <stdint.h>

uint32_t stack_paint(void);
uint32_t stack_high_water(void);

#if defined(__ARM_FEATURE_MVE) || defined(QAT_HARNESS_SYSTICK)
/* mps3-an547 (Cortex-M55): the core's SysTick on the processor clock,
 * counting down from 2^24 - 1 (wraps after about 500 M instructions, far
 * more than one inference the benchmark runs). */
#define MACHINE_SYSTICK ((volatile uint32_t *)0xE000E010u)

static inline void machine_timer_start(void) {
  MACHINE_SYSTICK[0] = 0;           /* CSR: stop */
  MACHINE_SYSTICK[1] = 0xFFFFFFu;   /* RVR: reload */
  MACHINE_SYSTICK[2] = 0;           /* CVR: any write clears it */
  MACHINE_SYSTICK[0] = 5u;          /* CSR: enable, processor clock */
  while (MACHINE_SYSTICK[2] == 0) { /* the first tick loads the reload */
  }
}

static inline uint32_t machine_ticks(void) {
  return 0xFFFFFFu - (MACHINE_SYSTICK[2] & 0xFFFFFFu);
}
#else
/* mps2-an386 (Cortex-M4): CMSDK APB timer 0 (0x40000000), counting down at
 * the 25 MHz system clock. */
#define MACHINE_TIMER ((volatile uint32_t *)0x40000000u)

static inline void machine_timer_start(void) {
  MACHINE_TIMER[2] = 0xFFFFFFFFu; /* reload */
  MACHINE_TIMER[1] = 0xFFFFFFFFu; /* value */
  MACHINE_TIMER[0] = 1u;          /* enable */
}

static inline uint32_t machine_ticks(void) {
  return 0xFFFFFFFFu - MACHINE_TIMER[1];
}
#endif

/* Exactly 2 * n instructions (n >= 1): SUBS and BNE. */
static inline void machine_spin(uint32_t n) {
  __asm volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(n) : : "cc");
}

#endif
