/* machine.h - what the benchmark harness reads from the emulated
 * mps2-an386: the stack high-water mark (startup.c) and a cycle timer. */
#ifndef QAT_HARNESS_MACHINE_H
#define QAT_HARNESS_MACHINE_H

#include <stdint.h>

uint32_t stack_paint(void);
uint32_t stack_high_water(void);

/* CMSDK APB timer 0 (0x40000000), counting down at the 25 MHz system clock.
 * Under qemu -icount shift=0 virtual time advances 1 ns per executed
 * instruction, so one tick is a fixed number of instructions (the benchmark
 * calibrates it with machine_spin). */
#define MACHINE_TIMER ((volatile uint32_t *)0x40000000u)

static inline void machine_timer_start(void) {
  MACHINE_TIMER[2] = 0xFFFFFFFFu; /* reload */
  MACHINE_TIMER[1] = 0xFFFFFFFFu; /* value */
  MACHINE_TIMER[0] = 1u;          /* enable */
}

static inline uint32_t machine_ticks(void) {
  return 0xFFFFFFFFu - MACHINE_TIMER[1];
}

/* Exactly 2 * n instructions (n >= 1): SUBS and BNE. */
static inline void machine_spin(uint32_t n) {
  __asm volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(n) : : "cc");
}

#endif
