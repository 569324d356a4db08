/* SPDX-License-Identifier: Apache-2.0 */
/* Guest entry for the boot hart and HSM-started harts, and the trap entry saving all GPRs. */

#define MAX_HARTS	8
#define STACK_SHIFT	13		/* 8 KiB per hart */
#define FRAME_SIZE	(36 * 8)	/* struct trap_frame */

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
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	lla	t0, boot_dtb
	sd	a1, 0(t0)
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
	sd	x1, 1 * 8(sp)
	.irp	n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	sd	x\n, \n * 8(sp)
	.endr
	addi	t0, sp, FRAME_SIZE
	sd	t0, 2 * 8(sp)
	csrr	t0, sepc
	sd	t0, 32 * 8(sp)
	csrr	t0, sstatus
	sd	t0, 33 * 8(sp)
	csrr	t0, scause
	sd	t0, 34 * 8(sp)
	csrr	t0, stval
	sd	t0, 35 * 8(sp)
	mv	a0, sp
	call	trap_handle
	ld	t0, 32 * 8(sp)
	csrw	sepc, t0
	ld	t0, 33 * 8(sp)
	csrw	sstatus, t0
	ld	x1, 1 * 8(sp)
	.irp	n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	x\n, \n * 8(sp)
	.endr
	addi	sp, sp, FRAME_SIZE
	sret

	.bss
	.balign	16
guest_stacks:
	.skip	MAX_HARTS << STACK_SHIFT
