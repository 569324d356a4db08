/* SPDX-License-Identifier: Apache-2.0 */
/* AArch64 virtualization internals shared by the files of arch/arm64. */
#ifndef ASM_VIRT_H
#define ASM_VIRT_H

#include <bulwark/vm.h>
#include <asm/vcpu.h>

/* Entry to the guest (vcpu_entry.S): never returns. */
void arm64_guest_enter(struct guest_frame *frame) __noreturn;
/* Called by vcpu_entry.S with the saved frame; returns the frame to resume. */
struct guest_frame *arm64_guest_trap(struct guest_frame *frame, unsigned long kind);
/* The light path (vcpu_entry.S): frame to resume, or frame + 1 + kind for the full path. */
uintptr_t arm64_guest_light(struct guest_frame *frame, unsigned long kind);
uintptr_t arm64_guest_light_irq(struct guest_frame *frame);  /* the same for an IRQ */
uintptr_t arm64_guest_light_dabt(struct guest_frame *frame); /* and a data abort */
/* The full path after the light one: as arm64_guest_trap, the entry already marked. */
struct guest_frame *arm64_guest_trap_after_light(struct guest_frame *frame, unsigned long kind);

static inline struct vcpu *frame_vcpu(struct guest_frame *frame)
{
	return container_of(frame, struct vcpu, arch.frame);
}

/* The guest was at EL0 (AArch64 or AArch32) when it trapped, not at EL1. */
static inline bool arm64_guest_from_el0(const struct guest_frame *f)
{
	u64 mode = f->spsr & 0x1f;

	return mode != 0x4 && mode != 0x5; /* EL1t, EL1h */
}

/*
 * The guest-physical address of a stage-2 abort: HPFAR_EL2.FIPA is bits
 * 47:12. On the EL2 MPU (Armv8-R) the guest runs its own PMSA, nothing
 * translates, and FAR_EL2 is that address already.
 */
static inline u64 arm64_fault_ipa_of(u64 hpfar, u64 far)
{
	if (IS_ENABLED(CONFIG_MPU))
		return far;
	return ((hpfar & 0xfffffffff0ULL) << 8) | (far & 0xfff);
}

static inline u64 arm64_fault_ipa(const struct guest_frame *f)
{
	return arm64_fault_ipa_of(f->hpfar, f->far);
}

/*
 * Make the guest take a synchronous exception with syndrome esr (and fault
 * address far) at its current pc, as the CPU would have: to EL1 at VBAR_EL1
 * plus the offset for where it came from.
 */
void arm64_inject_sync(struct vcpu *v, u64 esr, u64 far);

#endif /* ASM_VIRT_H */
