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

/* x8, x9 and x18-x27: what the C calling convention preserves. */
#define RISCV_CALLEE_SAVED ((1UL << 8) | (1UL << 9) | (0x3ffUL << 18))

/*
 * Gives guest register reg (x1-x31) a new value on the way back from a
 * trap; the way to write any register a trap handler picks by number.
 */
static inline void riscv_guest_set_reg(struct guest_frame *f, unsigned int reg, unsigned long value)
{
	f->regs[reg] = value;
	if ((RISCV_CALLEE_SAVED >> reg) & 1)
		f->s_stale = 1;
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
