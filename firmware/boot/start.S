/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Reset entry: hart 0 sets up the stack, clears .bss and enters C; other
 * harts wait (the data plane is single-hart until the scheduler lands).
 */
	.section .text.start
	.global _start
_start:
	csrr	t0, mhartid
	bnez	t0, 2f
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	sp, __stack_top
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 3f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
3:	call	mcnic_fw_main
2:	wfi
	j	2b
