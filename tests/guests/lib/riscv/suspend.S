/* SPDX-License-Identifier: Apache-2.0 */
/* Suspend calls whose resume_addr brings the hart back into its caller, with what it found recorded. */

#include "asm.h"

#define MAX_HARTS	8
/* ra, s0-s11, gp, tp, stvec, sie: 17 registers, rounded to keep sp 16-byte aligned. */
#define CTX_SIZE	((17 * REG_SIZE + 15) & ~15)
#define CTX_GP		(13 * REG_SIZE)
#define CTX_TP		(14 * REG_SIZE)
#define CTX_STVEC	(15 * REG_SIZE)
#define CTX_SIE		(16 * REG_SIZE)
/* struct sbi_resume_state: a0, a1, opaque, satp, sstatus. */
#define RESUME_SIZE	(5 * REG_SIZE)

	.text
	.balign	4
	.globl	sbi_suspend_call
/* long sbi_suspend_call(ext, fid, type): see sbi.h. */
sbi_suspend_call:
	addi	sp, sp, -CTX_SIZE
	REG_S	ra, 0(sp)
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11
	REG_S	s\n, ((1 + \n) * REG_SIZE)(sp)
	.endr
	REG_S	gp, CTX_GP(sp)
	REG_S	tp, CTX_TP(sp)
	csrr	t0, stvec
	REG_S	t0, CTX_STVEC(sp)
	csrr	t0, sie
	REG_S	t0, CTX_SIE(sp)
	/* The opaque value passed, for the resumed side to compare with a1. */
	li	t1, RESUME_SIZE
	mul	t0, tp, t1
	lla	t1, sbi_resumed
	add	t0, t0, t1
	REG_S	sp, (2 * REG_SIZE)(t0)
	mv	a7, a0
	mv	a6, a1
	mv	a0, a2
	lla	a1, sbi_resume_entry
	mv	a2, sp
	ecall
	/* Returned: an error, or success after a retentive suspend. */
	REG_L	ra, 0(sp)
	addi	sp, sp, CTX_SIZE
	ret

/*
 * a0 = hart id, a1 = opaque; satp = 0, sstatus.SIE = 0. The context is
 * found through the hart id and the opaque value recorded at the call, so
 * a wrong a1 is reported by the test instead of crashing here.
 */
sbi_resume_entry:
	li	t0, MAX_HARTS
	bgeu	a0, t0, 1f
	li	t1, RESUME_SIZE
	mul	t0, a0, t1
	lla	t1, sbi_resumed
	add	t0, t0, t1
	REG_S	a0, 0(t0)
	REG_S	a1, (1 * REG_SIZE)(t0)
	csrr	t1, satp
	REG_S	t1, (3 * REG_SIZE)(t0)
	csrr	t1, sstatus
	REG_S	t1, (4 * REG_SIZE)(t0)
	REG_L	t2, (2 * REG_SIZE)(t0)
	mv	sp, t2
	REG_L	ra, 0(sp)
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11
	REG_L	s\n, ((1 + \n) * REG_SIZE)(sp)
	.endr
	REG_L	gp, CTX_GP(sp)
	REG_L	tp, CTX_TP(sp)
	REG_L	t0, CTX_STVEC(sp)
	csrw	stvec, t0
	REG_L	t0, CTX_SIE(sp)
	csrw	sie, t0
	li	a0, 1
	addi	sp, sp, CTX_SIZE
	ret
1:	wfi
	j	1b

	.bss
	.balign	8
	.globl	sbi_resumed
sbi_resumed:
	.skip	MAX_HARTS * RESUME_SIZE
