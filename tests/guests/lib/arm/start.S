/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PL1 entry for the boot CPU and PSCI-started CPUs (Supervisor mode, ARM
 * state; a CPU that starts in Hyp mode first goes through hyp_stub.S), and
 * the VBAR vectors: each saves the return state and r0-r12,
 * lr on the Supervisor-mode stack (SRS, CPS) and calls trap_handle with
 * struct trap_frame and the vector's number.
 */

#define MAX_HARTS	8
#define STACK_SHIFT	13		/* 8 KiB per CPU */
#define MODE_SVC	0x13
#define MODE_HYP	0x1a
#define MODE_MASK	0x1f

	.arm
	.syntax	unified

/* r9 = CPU index (MPIDR.Aff0): park CPUs the stack array has no room for, else set sp, VBAR. */
.macro cpu_setup
	cpsid	aif
	mrc	p15, 0, r9, c0, c0, 5
	and	r9, r9, #0xff
	cmp	r9, #MAX_HARTS
	bhs	park
	ldr	r10, =guest_stacks
	add	r11, r9, #1
	add	sp, r10, r11, lsl #STACK_SHIFT
	ldr	r10, =vectors
	mcr	p15, 0, r10, c12, c0, 0	/* VBAR */
	isb
.endm

	.section .text.entry, "ax"
	.globl	_start
_start:
	/* Started in Hyp mode: a native run with no firmware (hyp_stub.S). */
	mrs	r10, cpsr
	and	r10, r10, #MODE_MASK
	cmp	r10, #MODE_HYP
	beq	native_hyp_entry
	/* r2 = device tree address or 0 (Linux boot protocol) */
	mov	r4, r2
	cpu_setup
	/* Only the boot CPU runs this: secondaries start after the bss is clear. */
	ldr	r10, =__bss_start
	ldr	r11, =__bss_end
	mov	r0, #0
1:	cmp	r10, r11
	strlo	r0, [r10], #4
	blo	1b
	mov	r0, r9
	mov	r1, r4
	bl	guest_main
	b	park

	.globl	psci_secondary_entry
psci_secondary_entry:
	/* r0 = context id from CPU_ON */
	mov	r4, r0
	cpu_setup
	mov	r0, r9
	mov	r1, r4
	bl	psci_secondary_main
park:
	wfi
	b	park
	.ltorg

/* lr adjusted to the instruction to return to; then the common path. */
.macro vector kind, adjust
	sub	lr, lr, #\adjust
	srsdb	sp!, #MODE_SVC
	cps	#MODE_SVC
	push	{r0-r12, lr}
	mov	r1, #\kind
	b	exception_entry
.endm

	.text
	.balign	32
vectors:
	b	vec_reset
	b	vec_undef
	b	vec_svc
	b	vec_pabt
	b	vec_dabt
	b	vec_unused
	b	vec_irq
	b	vec_fiq

vec_reset:	vector 0, 0
vec_undef:	vector 1, 4
vec_svc:	vector 2, 0
vec_pabt:	vector 3, 4
vec_dabt:	vector 4, 8
vec_unused:	vector 5, 0
vec_irq:	vector 6, 4
vec_fiq:	vector 7, 4

exception_entry:
	mov	r0, sp
	bl	trap_handle
	pop	{r0-r12, lr}
	rfeia	sp!

	.bss
	.balign	16
guest_stacks:
	.skip	MAX_HARTS << STACK_SHIFT

	.section .note.GNU-stack, "", %progbits
