/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The guest accessors shared Arm code uses (<asm/arm_guest.h>), on
 * AArch32: r0-r12 and the syndrome from the frame the vector saved, the
 * banked sp and lr of the guest's mode from the CPU.
 */
#ifndef ASM_GUEST_REGS_H
#define ASM_GUEST_REGS_H

#include <asm/arm_sysreg.h>
#include <asm/cp15.h>
#include <asm/esr.h>
#include <asm/virt.h>

/*
 * Whether register n is the frame's copy: r0-r7 always, r8-r12 unless the
 * guest trapped in FIQ mode, which has its own r8-r12 (live in the CPU).
 */
static inline bool arm32_reg_in_frame(const struct vcpu *v, unsigned int n)
{
	return n < 8 || (n < 13 && (v->arch.frame.spsr & PSR_MODE_MASK) != PSR_MODE_FIQ);
}

static inline register_t arm_guest_reg(const struct vcpu *v, unsigned int n)
{
	return arm32_reg_in_frame(v, n) ? v->arch.frame.regs[n] : arm32_guest_reg(v, n);
}

static inline void arm_guest_set_reg(struct vcpu *v, unsigned int n, register_t value)
{
	if (arm32_reg_in_frame(v, n))
		v->arch.frame.regs[n] = (u32)value;
	else
		arm32_guest_set_reg(v, n, (u32)value);
}

static inline u64 arm_guest_syndrome(const struct vcpu *v)
{
	return v->arch.frame.hsr;
}

static inline register_t arm_guest_pc(const struct vcpu *v)
{
	return v->arch.frame.elr;
}

/*
 * Step over the trapped instruction: 4 bytes, or 2 for a 16-bit Thumb one
 * (HSR.IL); inside a Thumb IT block also on to the block's next condition
 * (the architecture's ITAdvance of the SPSR's IT bits).
 */
static inline void arm_guest_skip_insn(struct vcpu *v)
{
	struct guest_frame *f = &v->arch.frame;

	f->elr += (f->hsr & ESR_IL) ? 4 : 2;
	if (f->spsr & PSR_IT_MASK)
		f->spsr = arm32_it_advance(f->spsr);
}

static inline gpa_t arm_guest_fault_ipa(const struct vcpu *v)
{
	return arm32_fault_ipa(&v->arch.frame);
}

static inline void arm_guest_inject_abort(struct vcpu *v, bool instruction, bool is_write)
{
	const struct guest_frame *f = &v->arch.frame;

	arm32_inject(v, instruction ? ARM32_INJECT_PABT : ARM32_INJECT_DABT, is_write,
		     instruction ? f->hifar : f->hdfar);
}

/* SMCCC: SMC64 and HVC64 calls do not exist for an AArch32 caller. */
static inline bool arm_guest_smc64_allowed(const struct vcpu *v)
{
	(void)v;
	return false;
}

#endif /* ASM_GUEST_REGS_H */
