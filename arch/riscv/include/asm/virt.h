/* SPDX-License-Identifier: Apache-2.0 */
/* RISC-V virtualization internals shared by the files of arch/riscv. */
#ifndef ASM_VIRT_H
#define ASM_VIRT_H

#include <bulwark/vm.h>
#include <asm/vcpu.h>

/* Sstc in the CPUs, and whether guests program vstimecmp themselves. */
extern bool riscv_has_sstc;
extern bool riscv_guest_sstc;

/* Probed at boot on the boot CPU (the harts of a board are alike). */
void riscv_probe_features(void);

/* Entry to the guest (vcpu_entry.S): never returns. */
void riscv_guest_enter(struct guest_frame *frame) __noreturn;
/* Called by vcpu_entry.S with the saved frame; returns the frame to resume. */
struct guest_frame *riscv_guest_trap(struct guest_frame *frame);

static inline struct vcpu *frame_vcpu(struct guest_frame *frame)
{
	return container_of(frame, struct vcpu, arch.frame);
}

/* Make the guest take exception cause with stval tval at its current pc. */
void riscv_inject_exception(struct vcpu *v, unsigned long cause, unsigned long tval);

/* SBI calls from the guest (ecall from VS-mode). */
void riscv_sbi_call(struct vcpu *v);

/* A load or store guest-page fault: emulate MMIO or contain the guest. */
void riscv_guest_page_fault(struct vcpu *v, bool is_store);

/* Timers: the guest asked for a deadline; the HS timer fired. */
void riscv_vtimer_set(struct vcpu *v, u64 deadline);
void riscv_timer_interrupt(unsigned int cpu);

/* A guest IPI for v (from any CPU). */
void riscv_vcpu_raise_soft(struct vcpu *v);

#endif /* ASM_VIRT_H */
