/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The EL2 vector table. Exceptions from EL2 itself save a frame on the
 * hypervisor stack and call arm64_hyp_trap; exceptions from a guest (lower
 * EL) go to vcpu_entry.S, which saves them in the vCPU's frame.
 */
#include <asm/frame.h>
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

/* A guest's IRQ tries the light path first (vcpu_entry.S). */
.macro guest_irq_vector
	.balign	0x80
	stp	x0, x1, [sp]
	b	arm64_guest_light_irq_entry
.endm

/* Exception classes (asm/esr.h, which is C only). */
#define EC_SHIFT  26
#define EC_HVC64     0x16
#define EC_SYSREG    0x18
#define EC_DABT_LOW  0x24

/*
 * So does a guest's data abort, HVC or trapped MSR/MRS (arm64_guest_light);
 * the rest goes the full way.
 */
.macro guest_sync_vector
	.balign	0x80
	stp	x0, x1, [sp]
	mrs	x1, esr_el2
	lsr	x1, x1, #EC_SHIFT
	mov	x0, #VECTOR_SYNC
	cmp	x1, #EC_HVC64
	b.eq	arm64_guest_light_entry
	cmp	x1, #EC_SYSREG
	b.eq	arm64_guest_light_entry
	cmp	x1, #EC_DABT_LOW
	b.eq	arm64_guest_light_dabt_entry
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
	guest_sync_vector
	guest_irq_vector
	guest_vector VECTOR_FIQ
	guest_vector VECTOR_SERROR
	/* Lower EL, AArch32 (EL0 of an AArch64 guest): the same frame holds it. */
	guest_vector VECTOR_SYNC
	guest_irq_vector
	guest_vector VECTOR_FIQ
	guest_vector VECTOR_SERROR

hyp_trap_common:
	save_x2_x29
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
	restore_x0_x30
	add	sp, sp, #HYP_FRAME_SIZE
	eret
