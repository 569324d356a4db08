/* SPDX-License-Identifier: Apache-2.0 */
/* Guest entry for the boot hart and HSM-started harts, and the trap entry saving all GPRs. */
#include "asm.h"

#define MAX_HARTS	8
#define STACK_SHIFT	13		/* 8 KiB per hart */
#define FRAME_SIZE	(36 * REG_SIZE)	/* struct trap_frame, a multiple of 16 bytes */

/* a0 = hart id: park harts the stack array has no room for, else set tp, sp, stvec. */
.macro hart_setup
	li	t0, MAX_HARTS
	bgeu	a0, t0, park
	mv	tp, a0
	lla	sp, guest_stacks
	addi	t0, a0, 1
	slli	t0, t0, STACK_SHIFT
	add	sp, sp, t0
	csrw	sie, zero
	lla	t0, trap_entry
	csrw	stvec, t0
.endm

	.section .text.entry, "ax"
	.globl	_start
_start:
	/* a0 = hart id, a1 = device tree address or 0 */
	hart_setup
	/* Only the boot hart runs this: secondaries start after the bss is clear. */
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	REG_S	zero, 0(t0)
	addi	t0, t0, REG_SIZE
	j	1b
2:	lla	t0, boot_dtb
	REG_S	a1, 0(t0)
	call	guest_main
	j	park

	.globl	hsm_secondary_entry
hsm_secondary_entry:
	/* a0 = hart id, a1 = opaque from hart_start */
	hart_setup
	call	hsm_secondary_main
park:
	wfi
	j	park

	.text
	.balign	4
trap_entry:
	addi	sp, sp, -FRAME_SIZE
	REG_S	x1, 1 * REG_SIZE(sp)
	.irp	n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	REG_S	x\n, \n * REG_SIZE(sp)
	.endr
	addi	t0, sp, FRAME_SIZE
	REG_S	t0, 2 * REG_SIZE(sp)
	csrr	t0, sepc
	REG_S	t0, 32 * REG_SIZE(sp)
	csrr	t0, sstatus
	REG_S	t0, 33 * REG_SIZE(sp)
	csrr	t0, scause
	REG_S	t0, 34 * REG_SIZE(sp)
	csrr	t0, stval
	REG_S	t0, 35 * REG_SIZE(sp)
	mv	a0, sp
	call	trap_handle
	REG_L	t0, 32 * REG_SIZE(sp)
	csrw	sepc, t0
	REG_L	t0, 33 * REG_SIZE(sp)
	csrw	sstatus, t0
	REG_L	x1, 1 * REG_SIZE(sp)
	.irp	n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	REG_L	x\n, \n * REG_SIZE(sp)
	.endr
	addi	sp, sp, FRAME_SIZE
	sret

	.bss
	.balign	16
guest_stacks:
	.skip	MAX_HARTS << STACK_SHIFT
