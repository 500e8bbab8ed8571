@ SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
@ Kernels whose cycles are derived by hand from the Cortex-M4 Technical
@ Reference Manual's timings; test/bench/cycles.test checks that
@ bench/cycles.py gives exactly those counts. Each instruction's comment is
@ its cost in the model's usual case (estimate), then low and high where
@ they differ; P is a pipeline refill (estimate: 1 for an immediate target
@ that is not a straddling 32-bit instruction, 2 for a register target;
@ low 1, high 3).
        .syntax unified
        .thumb
        .text

@ int kernel_dot(const int16_t *a, const int16_t *b, int words)
        .balign 4
        .global kernel_dot
        .type kernel_dot, %function
        .thumb_func
kernel_dot:
        push    {r4, lr}                @ 1 + N = 3
        movs    r3, #0                  @ 1
1:      ldr     r4, [r0], #4            @ 2: word-aligned 32-bit target
        ldr     ip, [r1], #4            @ 1: pipelined after a load
        smlad   r3, r4, ip, r3          @ 1
        subs    r2, r2, #1              @ 1
        bne     1b                      @ taken 1 + P = 2 (low 2, high 4);
                                        @ last time 1
        mov     r0, r3                  @ 1
        pop     {r4, pc}                @ 1 + N + P = 5 (low 4, high 6)
        .size kernel_dot, . - kernel_dot

@ void kernel_stall(int32_t *p)
        .balign 4
        .global kernel_stall
        .type kernel_stall, %function
        .thumb_func
kernel_stall:
        adds    r1, r0, #4              @ 1
        ldr     r2, [r1]                @ 2 + 1: its address was just computed
        str     r2, [r0, #8]            @ 1: pipelined after a load
        ldr     r3, =0x12345678         @ 2 (high 3: a literal contends with
                                        @ the fetch)
        movs    r1, #4                  @ 1
        cmp     r2, #0                  @ 1
        it      eq                      @ 0: folded after a 16-bit
                                        @ instruction (high 1)
        moveq   r3, #1                  @ 1
        str     r3, [r0, r1]            @ 2: register offset
        bx      lr                      @ 1 + P = 3 (low 2, high 4)
        .ltorg
        .size kernel_stall, . - kernel_stall

@ int kernel_region(void): the region from marker_begin's entry to
@ marker_end's entry is marker_begin's return (1 + P = 3, low 2, high 4),
@ movs (1) and the call (1 + P = 2, low 2, high 4).
        .balign 4
        .global kernel_region
        .type kernel_region, %function
        .thumb_func
kernel_region:
        push    {r4, lr}
        bl      marker_begin
        movs    r0, #3
        bl      marker_end
        pop     {r4, pc}
        .size kernel_region, . - kernel_region

        .balign 4
        .type marker_begin, %function
        .thumb_func
marker_begin:
        bx      lr
        .size marker_begin, . - marker_begin

        .balign 4
        .type marker_end, %function
        .thumb_func
marker_end:
        bx      lr
        .size marker_end, . - marker_end
