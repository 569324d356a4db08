/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Between the physical GIC drivers (gicv2.c, gicv3.c) and the virtual GIC
 * (vgic.c) only. The GIC code implements include/bulwark/irqchip.h and
 * include/bulwark/virq.h; what the arch does for it is in asm/gic.h.
 *
 * How the vGIC implements the per-vCPU hooks of virq.h:
 * - virq_vcpu_start: folds back and empties what this CPU's list registers
 *   hold, deactivates the PPIs in flight here, forgets the vCPU's active
 *   state (pending edges stay), resets the virtual CPU interface, enables
 *   the timer PPIs, then syncs.
 * - virq_vcpu_sync: folds the list registers back into the model and
 *   refills them (enabling the maintenance interrupt when they overflow).
 * - virq_vcpu_reg_access: ICC_SGI1R_EL1 writes on GICv3 (SGI0R and ASGI1R
 *   are write-ignored: a guest has no group 0 or other security state).
 * - virq_vcpu_resume: virq_resume_pending[cpu] holds the timer PPIs pending
 *   from their line; virq_vcpu_resume_slow(v, them) withdraws one whose
 *   CNTV_CTL_EL0 / CNTP_CTL_EL0 no longer asserts it (disabled, masked,
 *   deadline moved on). One load when no timer interrupt is pending.
 * - virq_vm_map: GICv2 maps the GICV page (GIC_V2_GUEST_CPUIF_SIZE bytes,
 *   device, read-write) at the guest's GICC address; GICv3 maps nothing.
 */
#ifndef DRIVERS_IRQCHIP_GIC_H
#define DRIVERS_IRQCHIP_GIC_H

#include <bulwark/irqchip.h>
#include <bulwark/types.h>
#include <asm/gic.h>
#ifdef CONFIG_IRQCHIP_GICV3
#include <asm/gic_sysregs.h>
#else
#include <bulwark/addr.h>
#include <generated/board.h>
#define GIC_V2_GICC_IAR 0x000cu
#endif

/* SGI the hypervisor uses to make another CPU look at its posted events. */
#define GIC_EVENT_SGI 0

/* PPIs the GIC code handles itself (irqchip_handle_private). */
#define GIC_MAINTENANCE_PPI 25
#define GIC_VTIMER_PPI	    27 /* CNTV: the guest's virtual timer */
#define GIC_PTIMER_PPI	    30 /* CNTP (non-secure EL1): the guest's physical timer */

/* Bytes of the GICv2 virtual CPU interface mapped at the guest's GICC (GICC_DIR included). */
#define GIC_V2_GUEST_CPUIF_SIZE 0x2000u

/* All act on the calling CPU's interface unless they say otherwise. */
struct vgic_lr;

u32 gic_nr_intids(void);				     /* INTIDs the distributor implements */
unsigned int gic_lr_count(void);			     /* list registers, at most 16 used */
void gic_lr_write(unsigned int n, const struct vgic_lr *lr); /* NULL: empty */
u64 gic_lr_encode(const struct vgic_lr *lr);		     /* what gic_lr_write writes */
void gic_lr_write_raw(unsigned int n, u64 value);	     /* a gic_lr_encode value */
void gic_relist(u32 irq, unsigned int n, u64 value); /* gic_priority_drop, gic_lr_write_raw */
u8 gic_lr_state(unsigned int n);		     /* VGIC_LR_PENDING | VGIC_LR_ACTIVE */
bool gic_lr_hw_usable(void); /* HW entries re-signal a line still asserted at deactivation */
void gic_vif_set_maintenance(bool no_pending, bool underflow);
void gic_vif_reset(void);	  /* list registers empty, APRs, VMCR 0, enabled */
void gic_priority_drop(u32 irq);  /* EOI only (EOImode 1) */
void gic_deactivate(u32 irq);	  /* DIR, for a PPI or SPI this CPU dropped */
void gic_deactivate_spi(u32 irq); /* through the distributor, from any CPU */
void gic_private_enable(u32 irq, bool enable);

/*
 * An interrupt gic_guest_irq_light acknowledged and left, plus one (0:
 * none), per CPU: irqchip_claim returns it first.
 */
extern u32 gic_early_claim[CONFIG_NR_CPUS];

/*
 * irqchip_claim for gic_guest_irq_light, from a guest's IRQ vector: no
 * early claim can be left then (the full path took it before the guest
 * ran), and the CPU of a direct VM takes no IRQ from its guest at EL2.
 */
#ifdef CONFIG_IRQCHIP_GICV3
static inline u32 gic_claim_light(unsigned int cpu)
{
	u64 iar = arm_sysreg_read(ICC_IAR1_EL1) & 0xffffffu;

	(void)cpu;
	return iar >= 1020u && iar <= 1023u ? IRQCHIP_NONE : (u32)iar; /* 1020-1023: special */
}
#else
/* GICv2: what each CPU's last claim read from GICC_IAR (an SGI's source CPU with it). */
extern u32 gic_claimed_iar[CONFIG_NR_CPUS];

static inline u32 gic_claim_light(unsigned int cpu)
{
	u32 iar = *(volatile u32 *)hpa_to_mmio(BOARD_DEV_GICC_BASE + GIC_V2_GICC_IAR);
	u32 intid = iar & 0x3ffu;

	if (intid >= 1020u)
		return IRQCHIP_NONE;
	if (cpu < CONFIG_NR_CPUS)
		gic_claimed_iar[cpu] = iar;
	return intid;
}
#endif

/* vgic.c: SGIs and PPIs for irqchip_handle_private. */
bool vgic_handle_private(unsigned int cpu, u32 irq);

#endif /* DRIVERS_IRQCHIP_GIC_H */
