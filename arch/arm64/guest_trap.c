/* SPDX-License-Identifier: Apache-2.0 */
/* Exceptions from a running guest: SMCCC calls, aborts, trapped system registers, interrupts. */
#include <bulwark/bench_probe.h>
#include <bulwark/irq.h>
#include <bulwark/printk.h>
#include <bulwark/virq.h>
#include <asm/arm64.h>
#include <asm/arm_guest.h>
#include <asm/esr.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

static void inject_undefined(struct vcpu *v)
{
	arm64_inject_sync(v, esr_guest_undefined(), 0);
}

static u64 guest_reg(const struct guest_frame *f, unsigned int reg)
{
	return reg == 31 ? 0 : f->regs[reg];
}

/*
 * A trapped MSR/MRS: the interrupt model's CPU-interface registers (GICv3
 * SGI registers, trapped through HCR_EL2.IMO/FMO) go to it; to the guest,
 * any other register the hypervisor traps but does not emulate does not
 * exist.
 */
static void guest_sysreg(struct vcpu *v)
{
	struct guest_frame *f = &v->arch.frame;
	struct esr_sysreg s;
	u64 value;

	esr_decode_sysreg(f->esr, &s);
	value = s.is_read ? 0 : guest_reg(f, s.reg);
	bench_mark(BENCH_PT_DECODE);
	if (virq_vcpu_reg_access(v, esr_sysreg_id(&s), !s.is_read, &value)) {
		bench_mark(BENCH_PT_MODEL);
		if (s.is_read && s.reg != 31)
			f->regs[s.reg] = value;
		f->elr += 4;
		return;
	}
	inject_undefined(v);
}

static void guest_instruction_abort(struct vcpu *v)
{
	struct guest_frame *f = &v->arch.frame;
	u64 ipa = arm64_fault_ipa(f);

	if (vm_contain(v, "instruction fetch at", ipa, f->elr,
		       "no executable memory of the VM's layout covers it", VM_FAULT_INJECTED))
		arm64_inject_sync(v, esr_guest_abort(true, false, arm64_guest_from_el0(f)), f->far);
}

static void guest_sync(struct vcpu *v)
{
	struct guest_frame *f = &v->arch.frame;

	switch (esr_ec(f->esr)) {
	case ESR_EC_HVC64:
		/* ELR already points past the HVC. */
		arm_smccc_call(v);
		bench_mark(BENCH_PT_MODEL);
		break;
	case ESR_EC_SMC64:
		/* A trapped SMC has not executed: step over it. */
		f->elr += 4;
		arm_smccc_call(v);
		bench_mark(BENCH_PT_MODEL);
		break;
	case ESR_EC_SYSREG:
		guest_sysreg(v);
		break;
	case ESR_EC_DABT_LOW:
		arm_guest_data_abort(v);
		break;
	case ESR_EC_IABT_LOW:
		guest_instruction_abort(v);
		break;
	default:
		if (vm_contain(v, "unexpected trap at", f->elr, f->elr,
			       "an exception class the hypervisor does not handle",
			       "undefined instruction injected"))
			inject_undefined(v);
		break;
	}
}

struct guest_frame *arm64_guest_trap(struct guest_frame *f, unsigned long kind)
{
	struct vcpu *v = frame_vcpu(f);

	bench_mark(BENCH_PT_ENTRY);
	switch (kind) {
	case VECTOR_SYNC:
		guest_sync(v);
		break;
	case VECTOR_IRQ:
	case VECTOR_FIQ:
		irq_handle(v->cpu);
		break;
	default:
		/* An SError: a bus error the guest caused; it gets a virtual one. */
		if (vm_contain(v, "asynchronous external abort (SError) near", f->elr, f->elr,
			       "a device or memory system reported an error",
			       "virtual SError injected"))
			write_sysreg(hcr_el2, read_sysreg(hcr_el2) | HCR_VSE);
		break;
	}
	vcpu_after_trap(v);
	/* What the guest sees of its interrupts follows their lines (GIC: the timers'). */
	virq_vcpu_resume(v, v->cpu);
	bench_mark(BENCH_PT_RETURN);
	return f;
}
