/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The contract between the AArch64 core (arch/arm64) and the GIC code
 * (drivers/irqchip/gic*.c, vgic*.c). The GIC code also implements
 * include/bulwark/irqchip.h and include/bulwark/virq.h.
 *
 * What the arch does for the GIC:
 * - HCR_EL2.IMO and FMO set while guests run: physical interrupts go to
 *   EL2, and EL1 writes to ICC_SGI1R_EL1 / ICC_ASGI1R_EL1 / ICC_SGI0R_EL1
 *   trap to EL2 (EC 0x18; SGI1R is op0 3, op1 0, CRn 12, CRm 11, op2 5;
 *   ASGI1R op2 6; SGI0R op2 7). The architecture traps these on IMO/FMO
 *   alone; ICH_HCR_EL2.TC is not needed and stays clear, so every other
 *   ICC_* access of the guest goes to the virtual CPU interface untrapped.
 *   The arch passes each trapped write to vgic_v3_sgi1r_write (SGI0R and
 *   ASGI1R too: same format; the group comes from the virtual distributor).
 * - GICv2: arch_vm_init maps the GICV page (BOARD_DEV_GICV_BASE,
 *   GIC_V2_GUEST_CPUIF_SIZE bytes, device memory, read/write) at the
 *   guest's GICC address, BOARD_DEV_GICC_BASE. The GIC code maps nothing.
 * - GICv2 and GICv3: the guest's GICD (and GICv3 GICR frames) are left
 *   unmapped in stage 2; the GIC code registers MMIO windows for them.
 * - VMPIDR_EL2 of vCPU index i is GIC_VCPU_MPIDR(i) (GICR_TYPER and
 *   ICC_SGI1R_EL1 decoding assume that affinity).
 * - arch_vcpu_sync_lines(v) calls vgic_vcpu_sync(v); vcpu_set_external_irq(v,
 *   any) on another CPU posts CPU_EVENT_LINES to v->cpu (which ends in
 *   arch_vcpu_sync_lines there); on v's own CPU it calls vgic_vcpu_sync(v).
 * - arch_vcpu_start calls vgic_vcpu_reset(v) before entering the guest;
 *   every return to the guest from a trap calls vgic_vcpu_resume(v, cpu) last.
 * - The guest's EL1 timers run untrapped, their registers live on the
 *   vCPU's CPU (asm/guest_timer.h reads whether one asserts its PPI).
 * - The IRQ vector (from the guest or while idle) calls irq_handle(cpu).
 *   The hypervisor runs with PSTATE.I set, so GIC code never nests.
 * - The list registers and ICH_* / GICH_* are the GIC code's alone: the
 *   arch saves and restores none of them (vCPUs never leave their CPU).
 * - Guest WFI need not trap (HCR_EL2.TWI clear): virtual interrupts in the
 *   list registers wake the guest by themselves.
 */
#ifndef ASM_VGIC_H
#define ASM_VGIC_H

#include <bulwark/types.h>

struct vcpu;

/* SGI the hypervisor uses to make another CPU look at its posted events. */
#define GIC_EVENT_SGI 0

/* PPIs the GIC code handles itself (irqchip_handle_private). */
#define GIC_MAINTENANCE_PPI 25
#define GIC_VTIMER_PPI	    27 /* CNTV: the guest's virtual timer */
#define GIC_PTIMER_PPI	    30 /* CNTP (non-secure EL1): the guest's physical timer */

/* Bytes of the GICv2 virtual CPU interface the arch maps at the guest's GICC. */
#define GIC_V2_GUEST_CPUIF_SIZE 0x2000u

/*
 * Affinity of vCPU index i for VMPIDR_EL2 (the arch adds bit 31, RES1):
 * Aff0 = i % 16, Aff1 = i / 16. Equals VGIC_VCPU_AFFINITY in
 * drivers/irqchip/vgic_model.h.
 */
#define GIC_VCPU_MPIDR(i) ((((u64)(i) / 16u) << 8) | ((u64)(i) % 16u))

/* Send the event SGI to physical CPU cpu (arch_send_event_ipi uses it). */
void gic_send_event_ipi(unsigned int cpu);

/*
 * On v's own CPU, before entering the guest and whenever its lines may have
 * changed: move v's pending virtual interrupts into the list registers (and
 * enable the maintenance interrupt when they overflow).
 */
void vgic_vcpu_sync(struct vcpu *v);

/*
 * On v's own CPU (cpu) before every return to the guest after a trap: a
 * timer interrupt listed or held pending because its line was asserted is
 * withdrawn when the guest's CNTV_CTL_EL0 / CNTP_CTL_EL0 no longer assert
 * it (disabled, masked, deadline moved on). One load when no timer
 * interrupt is pending.
 */
extern u32 vgic_timer_watch[]; /* per CPU: timer PPIs pending from their line */
void vgic_vcpu_resample(struct vcpu *v);
/* static inline void vgic_vcpu_resume(struct vcpu *v, unsigned int cpu): asm/guest_timer.h */

/* On v's own CPU when v starts (first boot, PSCI CPU_ON, VM reboot). */
void vgic_vcpu_reset(struct vcpu *v);

/*
 * GICv3 only: the guest wrote ICC_SGI1R_EL1 (trapped through
 * HCR_EL2.IMO/FMO, see above). Returns false when the value names vCPUs
 * that do not exist (the core may report it); the existing ones still get
 * the SGI. Always false on GICv2.
 */
bool vgic_v3_sgi1r_write(struct vcpu *v, u64 value);

/*
 * --- Between the physical drivers (gicv2.c, gicv3.c) and vgic.c only. ---
 * All act on the calling CPU's interface unless they say otherwise.
 */
struct vgic_lr;

u32 gic_nr_intids(void);				     /* INTIDs the distributor implements */
unsigned int gic_lr_count(void);			     /* list registers, at most 16 used */
void gic_lr_write(unsigned int n, const struct vgic_lr *lr); /* NULL: empty */
u8 gic_lr_state(unsigned int n);			     /* VGIC_LR_PENDING | VGIC_LR_ACTIVE */
bool gic_lr_hw_usable(void); /* HW entries re-signal a line still asserted at deactivation */
void gic_vif_set_maintenance(bool no_pending, bool underflow);
void gic_vif_reset(void);	  /* list registers empty, APRs, VMCR 0, enabled */
void gic_priority_drop(u32 irq);  /* EOI only (EOImode 1) */
void gic_deactivate(u32 irq);	  /* DIR, for a PPI or SPI this CPU dropped */
void gic_deactivate_spi(u32 irq); /* through the distributor, from any CPU */
void gic_private_enable(u32 irq, bool enable);

/* vgic.c: SGIs and PPIs for irqchip_handle_private. */
bool vgic_handle_private(unsigned int cpu, u32 irq);

#endif /* ASM_VGIC_H */
