/* SPDX-License-Identifier: Apache-2.0 */
/* Exceptions from a running AArch32 guest: SMCCC calls, aborts, interrupts. */
#include <bulwark/bench_probe.h>
#include <bulwark/cpu_event.h>
#include <bulwark/irq.h>
#include <bulwark/mmio.h>
#include <bulwark/printk.h>
#include <bulwark/virq.h>
#include <asm/arm32.h>
#include <asm/arm_guest.h>
#include <asm/cp15.h>
#include <asm/esr.h>
#include <asm/gic.h>
#include <asm/virt.h>

static void guest_instruction_abort(struct vcpu *v)
{
	struct guest_frame *f = &v->arch.frame;

	if (vm_contain(v, "instruction fetch at", arm32_fault_ipa(f), f->elr,
		       "no executable memory of the VM's layout covers it", VM_FAULT_INJECTED))
		arm32_inject(v, ARM32_INJECT_PABT, false, f->hifar);
}

/* An MCRR/MRRC trapped by HCR.IMO/FMO (EC 0x04): opc1, CRm, Rt, Rt2 and the direction. */
#define ISS_MCRR_OPC1(hsr) (((hsr) >> 16) & 0xfu)
#define ISS_MCRR_RT2(hsr)  (((hsr) >> 10) & 0x1fu)
#define ISS_MCRR_RT(hsr)   (((hsr) >> 5) & 0x1fu)
#define ISS_MCRR_CRM(hsr)  (((hsr) >> 1) & 0xfu)
#define ISS_MCRR_READ	   1u

/*
 * A GICv3 guest's SGI register writes (MCRR p15, <opc1>, Rt, Rt2, c12:
 * ICC_SGI1R opc1 0, ICC_ASGI1R 1, ICC_SGI0R 2) go to the interrupt model
 * under their AArch64 ids; anything else trapped here does not exist for
 * the guest.
 */
static void guest_cp15_64(struct vcpu *v)
{
	static const unsigned int sgi_regs[] = {SYSREG_ICC_SGI1R_EL1, SYSREG_ICC_ASGI1R_EL1,
						SYSREG_ICC_SGI0R_EL1};
	u32 hsr = v->arch.frame.hsr;
	unsigned int opc1 = ISS_MCRR_OPC1(hsr);
	u64 value;

	if (!(hsr & ISS_MCRR_READ) && ISS_MCRR_CRM(hsr) == 12 && opc1 < ARRAY_SIZE(sgi_regs)) {
		value = ((u64)arm_guest_reg(v, ISS_MCRR_RT2(hsr)) << 32) |
			(u32)arm_guest_reg(v, ISS_MCRR_RT(hsr));
		bench_mark(BENCH_PT_DECODE);
		if (virq_vcpu_reg_access(v, sgi_regs[opc1], true, &value)) {
			bench_mark(BENCH_PT_MODEL);
			arm_guest_skip_insn(v);
			return;
		}
	}
	arm32_inject(v, ARM32_INJECT_UNDEF, false, 0);
}

/*
 * A data abort with a syndrome, into or from r0-r7 (the frame's copy in
 * every mode), at a register of an emulated device that takes the access:
 * emulated here with the syndrome decoded inline and the value in 32 bits.
 * False, having changed nothing, for arm_guest_data_abort (no syndrome,
 * r8-r15, no window: containment). A refused access is contained here, the
 * model not asked twice.
 */
static bool guest_dabt_light(struct vcpu *v, struct guest_frame *f)
{
	u32 hsr = f->hsr;
	unsigned int reg = (hsr >> ESR_DABT_SRT_SHIFT) & 0xfu;
	unsigned int sas = (hsr >> ESR_DABT_SAS_SHIFT) & 3u;
	u32 mask = sas >= 2 ? ~0u : (1u << (8u << sas)) - 1u;
	const struct mmio_window *w;
	struct mmio_access access;
	enum mmio_result r;

	if ((hsr & (ESR_DABT_ISV | ESR_DABT_S1PTW)) != ESR_DABT_ISV || reg >= 8 || sas == 3)
		return false;
	access.addr = arm32_fault_ipa(f);
	w = mmio_find(v->vm->id, access.addr);
	if (!w)
		return false;
	access.offset = access.addr - w->base;
	access.width = 1u << sas;
	access.is_write = (hsr & ESR_DABT_WNR) != 0;
	access.value = access.is_write ? f->regs[reg] & mask : 0;
	bench_mark(BENCH_PT_DECODE);
	r = w->access(v, &access, w->ctx);
	bench_mark(BENCH_PT_MODEL);
	if (r != MMIO_OK) {
		arm_guest_mmio_refused(v, r);
		return true;
	}
	if (!access.is_write) {
		u32 value = (u32)access.value & mask;

		/* A signed load of a byte or halfword (LDRSB, LDRSH): its sign into the word. */
		if ((hsr & ESR_DABT_SSE) && sas < 2 && (value & ~(mask >> 1)))
			value |= ~mask;
		f->regs[reg] = value;
	}
	arm_guest_skip_insn(v);
	return true;
}

static void guest_sync(struct vcpu *v)
{
	struct guest_frame *f = &v->arch.frame;

	switch (esr_ec(f->hsr)) {
	case ESR_EC_HVC32:
		/* ELR already points past the HVC. */
		arm_smccc_call(v);
		bench_mark(BENCH_PT_MODEL);
		break;
	case ESR_EC_SMC32:
		/* A trapped SMC has not executed: step over it. */
		arm_guest_skip_insn(v);
		arm_smccc_call(v);
		bench_mark(BENCH_PT_MODEL);
		break;
	case ESR_EC_CP15_64:
		guest_cp15_64(v);
		break;
	case ESR_EC_DABT_LOW:
		if (!guest_dabt_light(v, f))
			arm_guest_data_abort(v);
		break;
	case ESR_EC_IABT_LOW:
		guest_instruction_abort(v);
		break;
	default:
		if (vm_contain(v, "unexpected trap at", f->elr, f->elr,
			       "an exception class the hypervisor does not handle",
			       "undefined instruction injected"))
			arm32_inject(v, ARM32_INJECT_UNDEF, false, 0);
		break;
	}
}

/*
 * A guest's IRQ the GIC code takes at once (a timer of this vCPU straight
 * into a list register, the event SGI): true when the guest can be resumed
 * without the rest of the trap path (it runs and this CPU's work word is
 * empty: what vcpu_after_trap looks at). *taken says whether it was taken
 * at all: if not, irq_handle follows.
 */
static bool guest_irq_light(struct vcpu *v, bool *taken)
{
	int light = gic_guest_irq_light(v);

	*taken = light != GIC_LIGHT_NO;
	if (!*taken)
		return false;
	bench_mark(BENCH_PT_LINES);
	if (v->state != VCPU_RUNNING || cpu_work_pending(v->cpu))
		return false;
	if (light != GIC_LIGHT_RESUMED)
		virq_vcpu_resume(v, v->cpu);
	bench_mark(BENCH_PT_RETURN);
	return true;
}

struct guest_frame *arm32_guest_trap(struct guest_frame *f, unsigned long kind)
{
	struct vcpu *v = frame_vcpu(f);
	bool taken;

	bench_mark(BENCH_PT_ENTRY);
	switch (kind) {
	case VECTOR_HYP_TRAP:
		guest_sync(v);
		break;
	case VECTOR_IRQ:
		if (guest_irq_light(v, &taken))
			return f;
		if (!taken)
			irq_handle(v->cpu);
		break;
	case VECTOR_FIQ:
		irq_handle(v->cpu);
		break;
	default:
		break;
	}
	vcpu_after_trap(v);
	/* What the guest sees of its interrupts follows their lines (GIC: the timers'). */
	virq_vcpu_resume(v, v->cpu);
	bench_mark(BENCH_PT_RETURN);
	return f;
}
