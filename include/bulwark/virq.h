/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The per-VM virtual interrupt controller, as the core and the arch see it.
 * Exactly one model (chosen with the interrupt controller in Kconfig)
 * implements all of these: the virtual GIC v2/v3 (drivers/irqchip/vgic*.c),
 * the virtual PLIC (vplic*.c), the virtual APLIC in direct mode (vaplic*.c)
 * or the AIA's virtual APLIC in MSI mode over IMSIC guest files (vimsic.c);
 * the RISC-V ones share their window glue (virq_window.h). Nothing in arch/
 * or kernel/ calls a model by any other name.
 */
#ifndef BULWARK_VIRQ_H
#define BULWARK_VIRQ_H

#include <bulwark/types.h>
#include <bulwark/vm_map.h>

struct vm;
struct vcpu;

/* --- Per VM, called by the core --- */

/*
 * At boot, for every VM: build its model from the layout (only the VM's own
 * interrupts exist in it: its devices' and its virtual devices' and IPC
 * doorbells), register its MMIO windows and route each of its physical
 * interrupts to the VM's first physical CPU.
 */
int virq_vm_init(struct vm *vm);

/*
 * At boot, for every VM, while its stage-2 / G-stage tables are built (after
 * its layout is mapped): map what the model lets the guest reach directly,
 * by calling map once per range (device memory, read-write unless it says
 * otherwise), and return the first error map returned, or 0. The GICv2 maps
 * the GICV page at the guest's GICC address; an IMSIC its guest interrupt
 * files; the others map nothing. May run before virq_vm_init.
 */
int virq_vm_map(struct vm *vm, vm_map_fn map, void *ctx);

/*
 * Physical interrupt irq, owned by vm, fired and was claimed. The model makes
 * it pending for the guest and completes it physically once the guest
 * completes it. Called on the CPU that claimed it.
 */
void virq_inject(struct vm *vm, u32 irq);

/*
 * A purely virtual interrupt of the VM (an IPC doorbell) fires: made pending
 * in the model as an edge; nothing physical to complete. Any CPU.
 */
void virq_raise(struct vm *vm, u32 irq);

/*
 * An IPC doorbell rung on another CPU, with no lock held: true when the
 * model delivered it at once without taking its lock (the AIA: the source
 * enabled and nothing pending, one MSI store into the target vCPU's guest
 * file, which interrupts that hart itself); false to leave it to
 * virq_raise on the VM's own CPU. A model that can selects VIRQ_RAISE_NOW
 * in Kconfig; without it this is false and compiles away.
 */
#ifdef CONFIG_VIRQ_RAISE_NOW
bool virq_raise_now(struct vm *vm, u32 irq);
#else
static inline bool virq_raise_now(struct vm *vm, u32 irq)
{
	(void)vm;
	(void)irq;
	return false;
}
#endif

/*
 * A virtual device drives the level of its purely virtual interrupt line
 * irq: level-sensitive, as a wire. While high, the interrupt is pending
 * for the guest, and again after each completion (PLIC: the gateway
 * forwards a new request once the guest completes; GIC: pending again once
 * deactivated); once low, nothing new is made pending (PLIC: a request
 * already in the pending bit stays there, as the PLIC specification says;
 * GIC: the pending state goes, as for a level interrupt whose line drops).
 * Setting the level it already has changes nothing. Any CPU; the caller
 * holds no lock the model could take.
 */
void virq_set_level(struct vm *vm, u32 irq, bool level);

/* The VM restarts: back to reset state; in-flight interrupts are completed. */
void virq_vm_reset(struct vm *vm);

/*
 * --- Per vCPU, called by the arch on the vCPU's own CPU, with interrupts
 * off (Documentation/porting.md, "Interrupt controller") ---
 */

/*
 * v starts from reset (first boot, a CPU_ON / HSM start, a VM reboot), after
 * the arch reset its guest registers and before its first entry: what an
 * earlier run of a vCPU left in this CPU's virtual interface goes (GIC: list
 * registers, active state, PPIs in flight) while pending edges stay, then as
 * virq_vcpu_sync.
 *
 * virq_vcpu_sync: before entering the guest from arch_vcpu_start and from
 * every arch_vcpu_sync_lines (CPU_EVENT_LINES, posted when another CPU
 * changed what v should see, or vcpu_set_external_irq on v's own CPU):
 * make the guest's view follow the model (GIC: fold the list registers back
 * into the model and refill them).
 *
 * A model with state in the CPU's virtual interface selects VIRQ_VCPU_SYNC
 * in Kconfig and implements both. One without (the PLIC: it hands every
 * change of a vCPU's line to vcpu_set_external_irq, which the arch applies
 * itself) selects nothing, and the arch's calls compile to nothing.
 */
#ifdef CONFIG_VIRQ_VCPU_SYNC
void virq_vcpu_start(struct vcpu *v);
void virq_vcpu_sync(struct vcpu *v);
#else
static inline void virq_vcpu_start(struct vcpu *v)
{
	(void)v;
}

static inline void virq_vcpu_sync(struct vcpu *v)
{
	(void)v;
}
#endif

/*
 * The guest accessed a register of its interrupt controller's CPU interface
 * that traps to the hypervisor. reg is the arch's number for it (AArch64:
 * esr_sysreg_id() of a trapped MSR/MRS, e.g. ICC_SGI1R_EL1 on GICv3;
 * RISC-V: the CSR number). For a write *value is what the guest wrote; for
 * a read the model stores the result there. Returns true when the model
 * emulated it (the arch writes a read's result to the guest's register and
 * steps over the instruction), false when it is not one of the model's (the
 * arch then treats it as any register it does not emulate: undefined).
 */
bool virq_vcpu_reg_access(struct vcpu *v, u32 reg, bool is_write, u64 *value);

/*
 * The last thing before every return to the guest after a trap, on every
 * trap: a model whose guest-visible state can go stale without a trap
 * (GIC: a timer interrupt pending from its line once the guest's
 * CNTx_CTL no longer asserts it) selects VIRQ_VCPU_RESUME and keeps
 * virq_resume_pending[cpu] nonzero while virq_vcpu_resume_slow(v, that
 * value) has something to look at. One load and a branch otherwise;
 * nothing at all for a model without it.
 */
#ifdef CONFIG_VIRQ_VCPU_RESUME
extern u32 virq_resume_pending[]; /* per CPU, written by the model only */
void virq_vcpu_resume_slow(struct vcpu *v, u32 pending);
#endif

static inline void virq_vcpu_resume(struct vcpu *v, unsigned int cpu)
{
#ifdef CONFIG_VIRQ_VCPU_RESUME
	u32 pending = virq_resume_pending[cpu];

	if (__builtin_expect(pending != 0, 0))
		virq_vcpu_resume_slow(v, pending);
#else
	(void)v;
	(void)cpu;
#endif
}

#endif /* BULWARK_VIRQ_H */
