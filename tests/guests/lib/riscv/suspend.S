/* SPDX-License-Identifier: Apache-2.0 */
/* Suspend calls whose resume_addr brings the hart back into its caller, with what it found recorded. */

#define MAX_HARTS	8
#define CTX_SIZE	144	/* ra, s0-s11, gp, tp, stvec, sie; 16-byte aligned */
#define RESUME_SIZE	40	/* struct sbi_resume_state */

	.text
	.balign	4
	.globl	sbi_suspend_call
/* long sbi_suspend_call(ext, fid, type): see sbi.h. */
sbi_suspend_call:
	addi	sp, sp, -CTX_SIZE
	sd	ra, 0(sp)
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11
	sd	s\n, (8 + \n * 8)(sp)
	.endr
	sd	gp, 104(sp)
	sd	tp, 112(sp)
	csrr	t0, stvec
	sd	t0, 120(sp)
	csrr	t0, sie
	sd	t0, 128(sp)
	/* The opaque value passed, for the resumed side to compare with a1. */
	li	t1, RESUME_SIZE
	mul	t0, tp, t1
	lla	t1, sbi_resumed
	add	t0, t0, t1
	sd	sp, 16(t0)
	mv	a7, a0
	mv	a6, a1
	mv	a0, a2
	lla	a1, sbi_resume_entry
	mv	a2, sp
	ecall
	/* Returned: an error, or success after a retentive suspend. */
	ld	ra, 0(sp)
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
	sd	a0, 0(t0)
	sd	a1, 8(t0)
	csrr	t1, satp
	sd	t1, 24(t0)
	csrr	t1, sstatus
	sd	t1, 32(t0)
	ld	t2, 16(t0)
	mv	sp, t2
	ld	ra, 0(sp)
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11
	ld	s\n, (8 + \n * 8)(sp)
	.endr
	ld	gp, 104(sp)
	ld	tp, 112(sp)
	ld	t0, 120(sp)
	csrw	stvec, t0
	ld	t0, 128(sp)
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
