/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entering a guest and coming back. While a guest runs, SP_EL2 points at
 * the vCPU's struct guest_frame, so the vector can save the guest's
 * registers before touching anything else; the hypervisor's stack top is
 * kept in the frame. TPIDR_EL2 holds the CPU index throughout: the guest
 * cannot reach it.
 */
#include <asm/frame.h>
#include <asm/vcpu.h>

#define SLOT(n) ((n) * 8)

	.text
/* From the guest vectors: x0 and x1 are saved, x0 = the kind of exception. */
	.globl	arm64_guest_trap_entry
arm64_guest_trap_entry:
	save_x2_x29
	mrs	x1, elr_el2
	stp	x30, x1, [sp, #240]
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
	bl	arm64_guest_trap
	/* arm64_guest_trap returns the frame to resume. */
	b	arm64_guest_enter

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
