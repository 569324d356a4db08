/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The guest accessors shared Arm code uses (<asm/arm_guest.h>), on
 * AArch64: everything comes from the register frame the vector saved.
 */
#ifndef ASM_GUEST_REGS_H
#define ASM_GUEST_REGS_H

#include <asm/arm64.h>
#include <asm/arm_sysreg.h>
#include <asm/esr.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

/* x0..x30; 31 in a syndrome is the zero register (xzr/wzr). */
static inline register_t arm_guest_reg(const struct vcpu *v, unsigned int n)
{
	return n < 31 ? v->arch.frame.regs[n] : 0;
}

static inline void arm_guest_set_reg(struct vcpu *v, unsigned int n, register_t value)
{
	if (n < 31)
		v->arch.frame.regs[n] = value;
}

static inline u64 arm_guest_syndrome(const struct vcpu *v)
{
	return v->arch.frame.esr;
}

static inline register_t arm_guest_pc(const struct vcpu *v)
{
	return v->arch.frame.elr;
}

/* A64 instructions are 4 bytes; the guest runs AArch64 at EL1 (HCR_EL2.RW). */
static inline void arm_guest_skip_insn(struct vcpu *v)
{
	v->arch.frame.elr += 4;
}

static inline gpa_t arm_guest_fault_ipa(const struct vcpu *v)
{
	return arm64_fault_ipa(&v->arch.frame);
}

static inline void arm_guest_inject_abort(struct vcpu *v, bool instruction, bool is_write)
{
	const struct guest_frame *f = &v->arch.frame;

	arm64_inject_sync(v, esr_guest_abort(instruction, is_write, arm64_guest_from_el0(f)),
			  f->far);
}

/* Guests run at EL1 in AArch64: every SMCCC convention is theirs. */
static inline bool arm_guest_smc64_allowed(const struct vcpu *v)
{
	(void)v;
	return true;
}

#endif /* ASM_GUEST_REGS_H */
