/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Hyp vector table and the trap paths. Exceptions taken in Hyp mode
 * itself (offsets 0x04-0x10) save a frame on the hypervisor stack and call
 * arm32_hyp_trap; a guest's traps (0x14, the Hyp trap) and interrupts
 * (0x18, 0x1c: the hypervisor runs with IRQs and FIQs masked, so these
 * only come from a guest) save the guest's registers in its vCPU frame:
 * while a guest runs, SP_hyp points just past the frame's regs[], and
 * HTPIDR holds the CPU index throughout (the guest cannot reach it).
 */
#include <asm/arm32.h>
#include <asm/vcpu.h>

	.arm
	.syntax	unified

#define SLOT(n) ((n) * 4)

	.text
	.balign	32
	.globl	arm32_vectors
arm32_vectors:
	b	hyp_reset		/* 0x00: not used */
	b	hyp_undef		/* 0x04: undefined instruction in Hyp mode */
	b	hyp_hvc			/* 0x08: HVC in Hyp mode */
	b	hyp_pabt		/* 0x0c: prefetch abort in Hyp mode */
	b	hyp_dabt		/* 0x10: data abort in Hyp mode */
	b	guest_trap		/* 0x14: Hyp trap, from the guest */
	b	guest_irq		/* 0x18: IRQ */
	b	guest_fiq		/* 0x1c: FIQ */

/* An exception in Hyp mode itself: a struct hyp_frame on the current stack. */
.macro hyp_vector kind
	sub	sp, sp, #(HYP_FRAME_SIZE - 56)
	push	{r0-r12, lr}
	mov	r0, #\kind
	b	hyp_trap_common
.endm

hyp_reset:	hyp_vector 0
hyp_undef:	hyp_vector VECTOR_UNDEF
hyp_hvc:	hyp_vector VECTOR_HVC
hyp_pabt:	hyp_vector VECTOR_PABT
hyp_dabt:	hyp_vector VECTOR_DABT

hyp_trap_common:
	mrs	r1, ELR_hyp
	mrs	r2, spsr
	mrc	p15, 4, r3, c5, c2, 0	/* HSR */
	add	r4, sp, #56
	stmia	r4!, {r1-r3}
	mrc	p15, 4, r1, c6, c0, 0	/* HDFAR */
	mrc	p15, 4, r2, c6, c0, 2	/* HIFAR */
	add	r3, sp, #HYP_FRAME_SIZE	/* sp before the exception */
	stmia	r4, {r1-r3}
	mov	r1, r0
	mov	r0, sp
	bl	arm32_hyp_trap
	ldr	r1, [sp, #56]
	msr	ELR_hyp, r1
	ldr	r1, [sp, #60]
	msr	spsr_cxsf, r1
	pop	{r0-r12, lr}
	add	sp, sp, #(HYP_FRAME_SIZE - 56)
	eret

/* From the guest: r0-r12 and lr into the frame (sp = the frame afterwards). */
.macro guest_vector kind
	push	{r0-r12, lr}
	mov	r0, #\kind
	b	guest_trap_common
.endm

guest_trap:	guest_vector VECTOR_HYP_TRAP
guest_irq:	guest_vector VECTOR_IRQ
guest_fiq:	guest_vector VECTOR_FIQ

guest_trap_common:
	mrs	r1, ELR_hyp
	mrs	r2, spsr
	mrc	p15, 4, r3, c5, c2, 0	/* HSR */
	add	r4, sp, #SLOT(GUEST_ELR)
	stmia	r4!, {r1-r3}
	mrc	p15, 4, r1, c6, c0, 0	/* HDFAR */
	mrc	p15, 4, r2, c6, c0, 2	/* HIFAR */
	mrc	p15, 4, r3, c6, c0, 4	/* HPFAR */
	stmia	r4, {r1-r3}

	/* Back on the hypervisor's stack, which starts afresh at every trap. */
	mov	r1, r0
	mov	r0, sp
	ldr	sp, [r0, #SLOT(GUEST_HYP_SP)]
	bl	arm32_guest_trap
	/* It returns the frame to resume. */

/*
 * void arm32_guest_enter(struct guest_frame *frame): never returns. The
 * hypervisor stack is abandoned: the next trap starts afresh at hyp_sp.
 */
	.globl	arm32_guest_enter
arm32_guest_enter:
	ldr	r1, [r0, #SLOT(GUEST_ELR)]
	msr	ELR_hyp, r1
	ldr	r1, [r0, #SLOT(GUEST_SPSR)]
	msr	spsr_cxsf, r1
	mov	sp, r0
	pop	{r0-r12, lr}
	eret
