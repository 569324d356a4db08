/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entering a guest and coming back. While a guest runs, SP_EL2 points at
 * the vCPU's struct guest_frame, so the vector can save the guest's
 * registers before touching anything else; the hypervisor's stack top is
 * kept in the frame. TPIDR_EL2 holds the CPU index throughout: the guest
 * cannot reach it.
 */
#include <asm/vcpu.h>

#define SLOT(n) ((n) * 8)

	.text
/* From the guest vectors: x0 and x1 are saved, x0 = the kind of exception. */
	.globl	arm64_guest_trap_entry
arm64_guest_trap_entry:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
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
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp]
	eret
