/* SPDX-License-Identifier: Apache-2.0 */
/* Exceptions from a running guest: SMCCC calls, aborts, trapped system registers, interrupts. */
#include <bulwark/bench_probe.h>
#include <bulwark/cpu_event.h>
#include <bulwark/irq.h>
#include <bulwark/mmio.h>
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
static bool guest_sync_light(struct vcpu *v, struct guest_frame *f, u64 esr)
{
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

/* A load's value into its register, as esr_load_value and arm_guest_set_reg would put it. */
static void load_light(struct guest_frame *f, u64 esr, u64 value)
{
	unsigned int reg = (unsigned int)(esr >> ESR_DABT_SRT_SHIFT) & 31u;
	unsigned int bits = 8u << ((esr >> ESR_DABT_SAS_SHIFT) & 3u);

	if (reg == 31)
		return;
	if (bits < 64) {
		value &= (1ULL << bits) - 1;
		if ((esr & ESR_DABT_SSE) && (value >> (bits - 1)) & 1)
			value |= ~0ULL << bits;
	}
	if (!(esr & ESR_DABT_SF))
		value &= 0xffffffffULL;
	f->regs[reg] = value;
}

/*
 * A data abort on the light path: an emulated device's register, read into
 * or written from x0-x18, x30 or xzr (what the light path saved). Returns
 * VECTOR_DONE once emulated (the register written, ELR past the
 * instruction); VECTOR_SYNC, having done nothing, for the full path (no
 * syndrome, another register, no window: containment); or the model's
 * refusal (VECTOR_MMIO_DENIED, VECTOR_MMIO_BAD), for the full path to
 * contain the guest without asking the model again.
 */
static unsigned long guest_dabt_light(struct vcpu *v, struct guest_frame *f, u64 esr)
{
	/* ISV set and S1PTW clear, or the full path; SRT, WnR and SAS then describe the access. */
	unsigned int reg = (unsigned int)(esr >> ESR_DABT_SRT_SHIFT) & 31u;
	unsigned int width = 1u << ((esr >> ESR_DABT_SAS_SHIFT) & 3u);
	const struct mmio_window *w;
	struct mmio_access access;
	enum mmio_result r;
	u64 ipa;

	if ((esr & (ESR_DABT_ISV | ESR_DABT_S1PTW)) != ESR_DABT_ISV || (reg > 18 && reg < 30))
		return VECTOR_SYNC;
	ipa = arm64_fault_ipa_of(read_sysreg(hpfar_el2), read_sysreg(far_el2));
	w = mmio_find(v->vm->id, ipa);
	if (!w)
		return VECTOR_SYNC;
	access.addr = ipa;
	access.offset = ipa - w->base;
	access.width = width;
	access.is_write = (esr & ESR_DABT_WNR) != 0;
	access.value = 0;
	if (access.is_write) {
		access.value = guest_reg(f, reg);
		if (width < 8)
			access.value &= (1ULL << (width * 8)) - 1;
	}
	bench_mark(BENCH_PT_DECODE);
	r = w->access(v, &access, w->ctx);
	bench_mark(BENCH_PT_MODEL);
	if (r != MMIO_OK)
		return r == MMIO_DENIED ? VECTOR_MMIO_DENIED : VECTOR_MMIO_BAD;
	if (!(esr & ESR_DABT_WNR))
		load_light(f, esr, access.value);
	write_sysreg(elr_el2, read_sysreg(elr_el2) + 4);
	return VECTOR_DONE;
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
	u64 esr = read_sysreg(esr_el2);

	bench_mark(BENCH_PT_ENTRY);
	(void)kind;
	if (!guest_sync_light(v, f, esr))
		return (uintptr_t)f + 1 + VECTOR_SYNC;
	bench_mark(BENCH_PT_MODEL);
	if (v->state != VCPU_RUNNING || cpu_work_pending(v->cpu))
		return (uintptr_t)f + 1 + VECTOR_DONE;
	virq_vcpu_resume(v, v->cpu);
	bench_mark(BENCH_PT_RETURN);
	return (uintptr_t)f;
}

/* The light path of a guest's data abort (vcpu_entry.S), answering as arm64_guest_light. */
uintptr_t arm64_guest_light_dabt(struct guest_frame *f)
{
	struct vcpu *v = frame_vcpu(f);
	unsigned long done;

	bench_mark(BENCH_PT_ENTRY);
	done = guest_dabt_light(v, f, read_sysreg(esr_el2));
	if (done != VECTOR_DONE)
		return (uintptr_t)f + 1 + done;
	if (v->state != VCPU_RUNNING || cpu_work_pending(v->cpu))
		return (uintptr_t)f + 1 + VECTOR_DONE;
	virq_vcpu_resume(v, v->cpu);
	bench_mark(BENCH_PT_RETURN);
	return (uintptr_t)f;
}

/* The light path of a guest's IRQ (vcpu_entry.S), answering as arm64_guest_light. */
uintptr_t arm64_guest_light_irq(struct guest_frame *f)
{
	struct vcpu *v = frame_vcpu(f);
	int taken;

	bench_mark(BENCH_PT_ENTRY);
	taken = gic_guest_irq_light(v);
	if (taken == GIC_LIGHT_NO)
		return (uintptr_t)f + 1 + VECTOR_IRQ;
	bench_mark(BENCH_PT_LINES);
	if (v->state != VCPU_RUNNING || cpu_work_pending(v->cpu))
		return (uintptr_t)f + 1 + VECTOR_DONE;
	if (taken != GIC_LIGHT_RESUMED)
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
	case VECTOR_MMIO_DENIED:
	case VECTOR_MMIO_BAD:
		arm_guest_mmio_refused(v,
				       kind == VECTOR_MMIO_DENIED ? MMIO_DENIED : MMIO_BAD_ACCESS);
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
