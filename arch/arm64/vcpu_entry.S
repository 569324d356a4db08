/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entering a guest and coming back. While a guest runs, SP_EL2 points at
 * the vCPU's struct guest_frame, so the vector can save the guest's
 * registers before touching anything else; the hypervisor's stack top is
 * kept in the frame. TPIDR_EL2 holds the CPU index throughout: the guest
 * cannot reach it.
 */
#include <asm/arm64.h>
#include <asm/frame.h>
#include <asm/vcpu.h>

#define SLOT(n) ((n) * 8)

	.text
/*
 * The light path, from the guest's IRQ and synchronous vectors with x0 and
 * x1 saved and x0 = the kind: only the registers C code may clobber are
 * saved before arm64_guest_light (arm64_guest_light_irq for an IRQ,
 * arm64_guest_light_dabt for a data abort: each vector branches to its
 * own entry), which answers with the frame to resume at once, or the
 * frame plus 1 + the kind (VECTOR_DONE: handled, only vcpu_after_trap's
 * work left) when the full path must follow: then x19-x29, still the
 * guest's, join the others in the frame and arm64_guest_trap takes it
 * from there.
 */
.macro light_entry fn, kind=0
	stp	x2, x3, [sp, #SLOT(2)]
	stp	x4, x5, [sp, #SLOT(4)]
	stp	x6, x7, [sp, #SLOT(6)]
	stp	x8, x9, [sp, #SLOT(8)]
	stp	x10, x11, [sp, #SLOT(10)]
	stp	x12, x13, [sp, #SLOT(12)]
	stp	x14, x15, [sp, #SLOT(14)]
	stp	x16, x17, [sp, #SLOT(16)]
	str	x18, [sp, #SLOT(18)]
	str	x30, [sp, #SLOT(30)]
	.if \kind
	mov	x1, x0
	.endif
	mov	x0, sp
	ldr	x2, [x0, #SLOT(GUEST_HYP_SP)]
	mov	sp, x2
	bl	\fn
.endm

	.globl	arm64_guest_light_entry
arm64_guest_light_entry:
	light_entry arm64_guest_light, 1
	b	light_return

	.globl	arm64_guest_light_irq_entry
arm64_guest_light_irq_entry:
	light_entry arm64_guest_light_irq
	b	light_return

	.globl	arm64_guest_light_dabt_entry
arm64_guest_light_dabt_entry:
	light_entry arm64_guest_light_dabt
	/* falls through */
light_return:
	ands	x1, x0, #7
	b.ne	1f
	mov	sp, x0
	ldp	x2, x3, [sp, #SLOT(2)]
	ldp	x4, x5, [sp, #SLOT(4)]
	ldp	x6, x7, [sp, #SLOT(6)]
	ldp	x8, x9, [sp, #SLOT(8)]
	ldp	x10, x11, [sp, #SLOT(10)]
	ldp	x12, x13, [sp, #SLOT(12)]
	ldp	x14, x15, [sp, #SLOT(14)]
	ldp	x16, x17, [sp, #SLOT(16)]
	ldr	x18, [sp, #SLOT(18)]
	ldr	x30, [sp, #SLOT(30)]
	ldp	x0, x1, [sp]
	eret
1:	bic	x0, x0, #7
	mov	sp, x0
	sub	x0, x1, #1
	str	x19, [sp, #SLOT(19)]
	stp	x20, x21, [sp, #SLOT(20)]
	stp	x22, x23, [sp, #SLOT(22)]
	stp	x24, x25, [sp, #SLOT(24)]
	stp	x26, x27, [sp, #SLOT(26)]
	stp	x28, x29, [sp, #SLOT(28)]
	b	guest_trap_saved

/* x0 = the kind, x1-x30 in the frame at sp: the rest of the frame, then fn on the hyp stack. */
.macro finish_entry fn
	mrs	x1, elr_el2
	str	x1, [sp, #SLOT(GUEST_ELR)]
	mrs	x1, spsr_el2
	mrs	x2, esr_el2
	stp	x1, x2, [sp, #SLOT(GUEST_SPSR)]
	mrs	x1, far_el2
	mrs	x2, hpfar_el2
	stp	x1, x2, [sp, #SLOT(GUEST_FAR)]

	/* Back on the hypervisor's stack, which starts afresh at every trap. */
	mov	x1, x0
	mov	x0, sp
	ldr	x2, [x0, #SLOT(GUEST_HYP_SP)]
	mov	sp, x2
	bl	\fn
	/* It returns the frame to resume. */
	b	arm64_guest_enter
.endm

/* From the guest vectors: x0 and x1 are saved, x0 = the kind of exception. */
	.globl	arm64_guest_trap_entry
arm64_guest_trap_entry:
	save_x2_x29
	str	x30, [sp, #SLOT(30)]
	finish_entry arm64_guest_trap

/* From the light path: x0 = the kind, x1-x30 in the frame. */
guest_trap_saved:
	finish_entry arm64_guest_trap_after_light

/*
 * void arm64_guest_enter(struct guest_frame *frame): never returns. The
 * hypervisor stack is abandoned: the next trap starts afresh at hyp_sp.
 */
	.globl	arm64_guest_enter
arm64_guest_enter:
	mov	sp, x0
	ldp	x1, x2, [sp, #SLOT(GUEST_ELR)]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	restore_x0_x30
	eret
