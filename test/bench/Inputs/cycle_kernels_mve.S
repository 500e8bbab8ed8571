@ SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
@ A Helium kernel whose cycles under bench/cycles.py's Cortex-M55 model are
@ derived by hand (test/bench/cycles.test): a vector instruction takes two
@ cycles, one when it follows a vector instruction of another unit; a
@ taken loop end costs no refill (high: 3); a multiple load or store moves
@ two registers a cycle (high: one).
        .syntax unified
        .thumb
        .text

@ int kernel_mve(const int8_t *a, const int8_t *b, int blocks_of_16)
        .balign 4
        .global kernel_mve
        .type kernel_mve, %function
        .thumb_func
kernel_mve:
        push    {r7, lr}                @ 1 + 1 = 2 (high 3)
        dls     lr, r2                  @ 1
        movs    r2, #0                  @ 1
1:      vldrb.s8 q0, [r0], #16          @ 2
        vldrb.s8 q1, [r1], #16          @ 2: the same unit
        vmladava.s8 r2, q0, q1          @ 1: overlaps the load (high 2)
        le      lr, 1b                  @ 1 (high: 1 + 3 when taken)
        mov     r0, r2                  @ 1
        pop     {r7, pc}                @ 1 + 1 + P = 4 (low 3, high 6)
        .size kernel_mve, . - kernel_mve
