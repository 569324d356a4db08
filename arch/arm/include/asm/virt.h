/* SPDX-License-Identifier: Apache-2.0 */
/* AArch32 virtualization internals shared by the files of arch/arm. */
#ifndef ASM_VIRT_H
#define ASM_VIRT_H

#include <bulwark/vm.h>
#include <asm/vcpu.h>

/* Entry to the guest (vcpu_entry.S): never returns. */
void arm32_guest_enter(struct guest_frame *frame) __noreturn;
/* Called by vcpu_entry.S with the saved frame; returns the frame to resume. */
struct guest_frame *arm32_guest_trap(struct guest_frame *frame, unsigned long kind);

static inline struct vcpu *frame_vcpu(struct guest_frame *frame)
{
	return container_of(frame, struct vcpu, arch.frame);
}

/*
 * The guest-physical address of a stage-2 data abort: HPFAR.FIPA is IPA
 * bits 39:12. On an MPU (PMSA) nothing translates: it is HDFAR itself.
 */
static inline u64 arm32_fault_ipa(const struct guest_frame *f)
{
	if (IS_ENABLED(CONFIG_MPU))
		return f->hdfar;
	return ((u64)(f->hpfar & 0xfffffff0u) << 8) | (f->hdfar & 0xfffu);
}

/* General register n of the guest as its current mode sees it (13 and 14 are banked). */
u32 arm32_guest_reg(const struct vcpu *v, unsigned int n);
void arm32_guest_set_reg(struct vcpu *v, unsigned int n, u32 value);

/* Exceptions the hypervisor makes the guest take, as the CPU would have. */
enum arm32_guest_exception {
	ARM32_INJECT_UNDEF,
	ARM32_INJECT_PABT,
	ARM32_INJECT_DABT,
};

/*
 * Make the guest take an undefined instruction or an external abort
 * (is_write: a store) at its current pc: to its vector in Undefined or
 * Abort mode, with the fault status and address registers set for aborts.
 */
void arm32_inject(struct vcpu *v, enum arm32_guest_exception kind, bool is_write, u32 addr);

#endif /* ASM_VIRT_H */
