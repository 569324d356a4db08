/* SPDX-License-Identifier: Apache-2.0 */
/* EL1 entry for the boot CPU and PSCI-started CPUs, and the VBAR_EL1 vectors saving all GPRs. */

#define MAX_HARTS	8
#define STACK_SHIFT	13		/* 8 KiB per CPU */
#define FRAME_SIZE	(36 * 8)	/* struct trap_frame, 16-byte aligned */
#define FRAME_ELR	(31 * 8)
#define FRAME_SPSR	(32 * 8)
#define FRAME_ESR	(33 * 8)
#define FRAME_FAR	(34 * 8)

/* x9 = CPU index (MPIDR_EL1.Aff0): park CPUs the stack array has no room for, else set sp, VBAR. */
.macro cpu_setup
	msr	daifset, #0xf
	mrs	x9, mpidr_el1
	and	x9, x9, #0xff
	cmp	x9, #MAX_HARTS
	b.hs	park
	adr	x10, guest_stacks
	add	x11, x9, #1
	lsl	x11, x11, #STACK_SHIFT
	add	sp, x10, x11
	adr	x10, vectors
	msr	vbar_el1, x10
	isb
.endm

	.section .text.entry, "ax"
	.globl	_start
_start:
	/* x0 = device tree address or 0 */
	cpu_setup
	/* Only the boot CPU runs this: secondaries start after the bss is clear. */
	adr	x10, __bss_start
	ldr	x11, =__bss_end
1:	cmp	x10, x11
	b.hs	2f
	str	xzr, [x10], #8
	b	1b
2:	mov	x1, x0
	mov	x0, x9
	bl	guest_main
	b	park

	.globl	psci_secondary_entry
psci_secondary_entry:
	/* x0 = context id from CPU_ON */
	cpu_setup
	mov	x1, x0
	mov	x0, x9
	bl	psci_secondary_main
park:
	wfi
	b	park
	.ltorg

/* Each vector saves x0/x1, names its kind in x1 and joins the common path. */
.macro vector kind
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp]
	mov	x1, #\kind
	b	exception_entry
.endm

	.text
	.balign	0x800
vectors:
	vector	4	/* current EL with SP_EL0: never used */
	vector	4
	vector	4
	vector	4
	vector	0	/* current EL with SP_EL1: synchronous */
	vector	1	/* IRQ */
	vector	2	/* FIQ */
	vector	3	/* SError */
	vector	5	/* lower EL: no guest runs below EL1 */
	vector	5
	vector	5
	vector	5
	vector	5
	vector	5
	vector	5
	vector	5

exception_entry:
	stp	x2, x3, [sp, #2 * 8]
	stp	x4, x5, [sp, #4 * 8]
	stp	x6, x7, [sp, #6 * 8]
	stp	x8, x9, [sp, #8 * 8]
	stp	x10, x11, [sp, #10 * 8]
	stp	x12, x13, [sp, #12 * 8]
	stp	x14, x15, [sp, #14 * 8]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #18 * 8]
	stp	x20, x21, [sp, #20 * 8]
	stp	x22, x23, [sp, #22 * 8]
	stp	x24, x25, [sp, #24 * 8]
	stp	x26, x27, [sp, #26 * 8]
	stp	x28, x29, [sp, #28 * 8]
	mrs	x2, elr_el1
	stp	x30, x2, [sp, #30 * 8]
	mrs	x2, spsr_el1
	mrs	x3, esr_el1
	stp	x2, x3, [sp, #FRAME_SPSR]
	mrs	x2, far_el1
	str	x2, [sp, #FRAME_FAR]
	mov	x0, sp
	bl	trap_handle
	ldp	x30, x2, [sp, #30 * 8]
	msr	elr_el1, x2
	ldr	x2, [sp, #FRAME_SPSR]
	msr	spsr_el1, x2
	ldp	x0, x1, [sp]
	ldp	x2, x3, [sp, #2 * 8]
	ldp	x4, x5, [sp, #4 * 8]
	ldp	x6, x7, [sp, #6 * 8]
	ldp	x8, x9, [sp, #8 * 8]
	ldp	x10, x11, [sp, #10 * 8]
	ldp	x12, x13, [sp, #12 * 8]
	ldp	x14, x15, [sp, #14 * 8]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #18 * 8]
	ldp	x20, x21, [sp, #20 * 8]
	ldp	x22, x23, [sp, #22 * 8]
	ldp	x24, x25, [sp, #24 * 8]
	ldp	x26, x27, [sp, #26 * 8]
	ldp	x28, x29, [sp, #28 * 8]
	add	sp, sp, #FRAME_SIZE
	eret

	.bss
	.balign	16
guest_stacks:
	.skip	MAX_HARTS << STACK_SHIFT
