/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the Arm core (arch/arm64; an AArch32 arch alike, with HCR for
 * HCR_EL2) does for the GIC code (drivers/irqchip/gic*.c, vgic*.c), and the
 * one GIC function it calls by name. Everything else goes through
 * include/bulwark/irqchip.h (the physical GIC) and include/bulwark/virq.h
 * (the virtual GIC).
 *
 * - HCR_EL2.IMO and FMO set while guests run: physical interrupts go to
 *   EL2, and EL1 writes to ICC_SGI1R_EL1 / ICC_ASGI1R_EL1 / ICC_SGI0R_EL1
 *   trap to EL2 (EC 0x18; SGI1R is op0 3, op1 0, CRn 12, CRm 11, op2 5;
 *   ASGI1R op2 6; SGI0R op2 7). The architecture traps these on IMO/FMO
 *   alone; ICH_HCR_EL2.TC is not needed and stays clear, so every other
 *   ICC_* access of the guest goes to the virtual CPU interface untrapped.
 *   The arch hands every trapped MSR/MRS it does not emulate itself to
 *   virq_vcpu_reg_access(v, esr_sysreg_id(), ...) before calling it
 *   undefined; the vGIC takes those three writes on GICv3.
 * - The stage-2 tables of a VM hold what virq_vm_map maps (on GICv2 the
 *   GICV page at the guest's GICC address); the guest's GICD (and GICv3
 *   GICR frames) stay unmapped: the vGIC registers MMIO windows for them.
 * - VMPIDR_EL2 of vCPU index i is GIC_VCPU_MPIDR(i) | bit 31 (GICR_TYPER and
 *   ICC_SGI1R_EL1 decoding assume that affinity).
 * - arch_vcpu_start calls virq_vcpu_start(v) before entering the guest;
 *   arch_vcpu_sync_lines(v) calls virq_vcpu_sync(v); vcpu_set_external_irq(v,
 *   any) on another CPU posts CPU_EVENT_LINES to v->cpu (which ends in
 *   arch_vcpu_sync_lines there), on v's own CPU it syncs at once; every
 *   return to the guest from a trap calls virq_vcpu_resume(v, cpu) last.
 * - The guest's EL1 timers run untrapped, their registers live on the
 *   vCPU's CPU (asm/guest_timer.h reads whether one asserts its PPI).
 * - The IRQ vector (from the guest or while idle) calls irq_handle(cpu);
 *   from a guest, gic_guest_irq_light(v) first.
 *   The hypervisor runs with PSTATE.I set, so GIC code never nests.
 * - The list registers and ICH_* / GICH_* are the GIC code's alone: the
 *   arch saves and restores none of them (vCPUs never leave their CPU).
 * - Guest WFI need not trap (HCR_EL2.TWI clear): virtual interrupts in the
 *   list registers wake the guest by themselves.
 */
#ifndef ASM_GIC_H
#define ASM_GIC_H

#include <bulwark/types.h>
#include <asm/mpidr.h>

/*
 * Affinity of vCPU index i for VMPIDR_EL2 (the arch adds bit 31, RES1):
 * Aff0 = i % 16, Aff1 = i / 16, as asm/mpidr.h numbers CPUs. Equals
 * VGIC_VCPU_AFFINITY in drivers/irqchip/vgic_model.h.
 */
#define GIC_VCPU_MPIDR(i) MPIDR_OF_INDEX(i)

/* Send the event SGI to physical CPU cpu (arch_send_event_ipi uses it). */
void gic_send_event_ipi(unsigned int cpu);

/*
 * The IRQ vector from a guest calls this first, on a light path that saved
 * only what C may clobber. GIC_LIGHT_TAKEN when it took the interrupt (a
 * timer of v, which runs on this CPU, straight into a list register, or
 * the event SGI, whose posted events it handles: cpu_handle_events needs
 * no guest register): the arch then resumes the guest at once unless
 * vcpu_after_trap would find work (v no longer running, cpu_work_pending),
 * and calls virq_vcpu_resume itself; GIC_LIGHT_RESUMED the same, where
 * virq_vcpu_resume would find nothing to do (it need not be called).
 * GIC_LIGHT_NO: the full path follows (irq_handle, vcpu_after_trap,
 * virq_vcpu_resume); an interrupt acknowledged here and not taken is the
 * next irqchip_claim's.
 */
enum gic_light {
	GIC_LIGHT_NO = 0,
	GIC_LIGHT_TAKEN,
	GIC_LIGHT_RESUMED,
};

struct vcpu;
int gic_guest_irq_light(struct vcpu *v);

#endif /* ASM_GIC_H */
