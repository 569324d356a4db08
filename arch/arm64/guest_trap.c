/* SPDX-License-Identifier: Apache-2.0 */
/* Exceptions from a running guest: SMCCC calls, aborts, trapped system registers, interrupts. */
#include <bulwark/bench_probe.h>
#include <bulwark/cpu_event.h>
#include <bulwark/irq.h>
#include <bulwark/printk.h>
#include <bulwark/virq.h>
#include <asm/arm64.h>
#include <asm/arm_guest.h>
#include <asm/esr.h>
#include <asm/gic.h>
#include <asm/psci.h>
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

/*
 * The synchronous exceptions the light path takes (the vector sends only
 * HVCs and trapped MSR/MRS here): PSCI VERSION, and a write of a register
 * the interrupt model emulates (GICv3 SGIs) from x0-x18, x30 or xzr. False,
 * having changed nothing, for the full path.
 */
static bool guest_sync_light(struct vcpu *v, struct guest_frame *f)
{
	u64 esr = read_sysreg(esr_el2);
	struct esr_sysreg s;
	u64 value;

	if (esr_ec(esr) == ESR_EC_HVC64) {
		if ((u32)f->regs[0] != PSCI_0_2_FN_BASE + PSCI_FN_VERSION)
			return false;
		bench_mark(BENCH_PT_DECODE);
		f->regs[0] = PSCI_VERSION_1_1;
		return true;
	}
	if (esr_ec(esr) != ESR_EC_SYSREG)
		return false;
	esr_decode_sysreg(esr, &s);
	if (s.is_read || (s.reg > 18 && s.reg < 30))
		return false;
	value = guest_reg(f, s.reg);
	bench_mark(BENCH_PT_DECODE);
	if (!virq_vcpu_reg_access(v, esr_sysreg_id(&s), true, &value))
		return false;
	write_sysreg(elr_el2, read_sysreg(elr_el2) + 4);
	return true;
}

/*
 * The light path (vcpu_entry.S: only the registers C may clobber are
 * saved, and nothing of the frame but x0-x18 and x30 may be used): a
 * guest's IRQ the GIC code takes at once (gic_guest_irq_light), and PSCI
 * VERSION through HVC (the call guests probe with; ELR already points past
 * the HVC). Returns f to resume the guest when nothing else needs doing
 * (the vCPU runs and this CPU's work word is empty: what vcpu_after_trap
 * looks at), else f + 1 + the kind of
 * exception for the full path: VECTOR_DONE once handled here.
 */
uintptr_t arm64_guest_light(struct guest_frame *f, unsigned long kind)
{
	struct vcpu *v = frame_vcpu(f);

	bench_mark(BENCH_PT_ENTRY);
	if (kind == VECTOR_IRQ) {
		if (!gic_guest_irq_light(v))
			return (uintptr_t)f + 1 + VECTOR_IRQ;
		bench_mark(BENCH_PT_LINES);
	} else {
		if (!guest_sync_light(v, f))
			return (uintptr_t)f + 1 + VECTOR_SYNC;
		bench_mark(BENCH_PT_MODEL);
	}
	if (v->state != VCPU_RUNNING || cpu_work_pending(v->cpu))
		return (uintptr_t)f + 1 + VECTOR_DONE;
	virq_vcpu_resume(v, v->cpu);
	bench_mark(BENCH_PT_RETURN);
	return (uintptr_t)f;
}

/* The full path of a trap, once its entry is marked. */
static struct guest_frame *guest_trap(struct guest_frame *f, unsigned long kind)
{
	struct vcpu *v = frame_vcpu(f);

	switch (kind) {
	case VECTOR_SYNC:
		guest_sync(v);
		break;
	case VECTOR_IRQ:
	case VECTOR_FIQ:
		irq_handle(v->cpu);
		break;
	case VECTOR_DONE:
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

struct guest_frame *arm64_guest_trap(struct guest_frame *f, unsigned long kind)
{
	bench_mark(BENCH_PT_ENTRY);
	return guest_trap(f, kind);
}

/* The full path after the light one (which marked the entry). */
struct guest_frame *arm64_guest_trap_after_light(struct guest_frame *f, unsigned long kind)
{
	return guest_trap(f, kind);
}
