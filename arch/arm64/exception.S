/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The EL2 vector table. Exceptions from EL2 itself save a frame on the
 * hypervisor stack and call arm64_hyp_trap; exceptions from a guest (lower
 * EL) go to vcpu_entry.S, which saves them in the vCPU's frame.
 */
#include <asm/arm64.h>
#include <asm/vcpu.h>

/* One 128-byte vector slot for an exception from EL2 itself. */
.macro hyp_vector kind
	.balign	0x80
	sub	sp, sp, #HYP_FRAME_SIZE
	stp	x0, x1, [sp]
	mov	x0, #\kind
	b	hyp_trap_common
.endm

/* One slot for an exception from the guest: SP_EL2 points at its frame. */
.macro guest_vector kind
	.balign	0x80
	stp	x0, x1, [sp]
	mov	x0, #\kind
	b	arm64_guest_trap_entry
.endm

	.text
	.balign	0x800
	.globl	arm64_vectors
arm64_vectors:
	/* Current EL with SP_EL0: never used at EL2. */
	hyp_vector VECTOR_SYNC
	hyp_vector VECTOR_IRQ
	hyp_vector VECTOR_FIQ
	hyp_vector VECTOR_SERROR
	/* Current EL with SP_EL2. */
	hyp_vector VECTOR_SYNC
	hyp_vector VECTOR_IRQ
	hyp_vector VECTOR_FIQ
	hyp_vector VECTOR_SERROR
	/* Lower EL, AArch64. */
	guest_vector VECTOR_SYNC
	guest_vector VECTOR_IRQ
	guest_vector VECTOR_FIQ
	guest_vector VECTOR_SERROR
	/* Lower EL, AArch32 (EL0 of an AArch64 guest): the same frame holds it. */
	guest_vector VECTOR_SYNC
	guest_vector VECTOR_IRQ
	guest_vector VECTOR_FIQ
	guest_vector VECTOR_SERROR

hyp_trap_common:
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
	/* x30 and sp as the interrupted code had it. */
	add	x1, sp, #HYP_FRAME_SIZE
	stp	x30, x1, [sp, #240]
	mrs	x1, elr_el2
	mrs	x2, spsr_el2
	stp	x1, x2, [sp, #(HYP_FRAME_ELR * 8)]
	mrs	x1, esr_el2
	mrs	x2, far_el2
	stp	x1, x2, [sp, #(HYP_FRAME_ESR * 8)]

	mov	x1, x0
	mov	x0, sp
	bl	arm64_hyp_trap

	ldp	x1, x2, [sp, #(HYP_FRAME_ELR * 8)]
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
	add	sp, sp, #HYP_FRAME_SIZE
	eret
