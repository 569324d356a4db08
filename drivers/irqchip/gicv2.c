/* SPDX-License-Identifier: Apache-2.0 */
/* The physical GICv2: distributor, banked CPU interface and the GICH virtual interface control. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/irqchip.h>
#include <bulwark/printk.h>
#include <asm/gic_sysregs.h>
#include <generated/board.h>

#include "gic.h"
#include "vgic_model.h"

#define GICD_CTLR	 0x000u
#define GICD_TYPER	 0x004u
#define GICD_ISENABLER	 0x100u
#define GICD_ICENABLER	 0x180u
#define GICD_ICPENDR	 0x280u
#define GICD_ICACTIVER	 0x380u
#define GICD_IPRIORITYR	 0x400u
#define GICD_ITARGETSR	 0x800u
#define GICD_SGIR	 0xf00u
#define GICD_CTLR_ENABLE 0x1u

#define GICC_CTLR	  0x0000u
#define GICC_PMR	  0x0004u
#define GICC_BPR	  0x0008u
#define GICC_IAR	  0x000cu
#define GICC_EOIR	  0x0010u
#define GICC_DIR	  0x1000u
#define GICC_CTLR_ENABLE  (1u << 0)
#define GICC_CTLR_EOIMODE (1u << 9) /* EOImodeNS, or EOImodeS without security extensions */

#define GICH_HCR	    0x000u
#define GICH_VTR	    0x004u
#define GICH_VMCR	    0x008u
#define GICH_APR	    0x0f0u
#define GICH_LR(n)	    (0x100u + 4u * (n))
#define GICH_HCR_EN	    (1u << 0)
#define GICH_HCR_UIE	    (1u << 1)
#define GICH_HCR_NPIE	    (1u << 3)
#define GICH_LR_PHYS_SHIFT  10
#define GICH_LR_EOI	    (1u << 19)
#define GICH_LR_PRIO_SHIFT  23
#define GICH_LR_STATE_SHIFT 28
#define GICH_LR_GROUP1	    (1u << 30)
#define GICH_LR_HW	    (1u << 31)

#define GIC_PRIORITY	 0xa0u
#define GIC_PRIORITY_X4	 0xa0a0a0a0u
#define GIC_SPURIOUS_MIN 1020u

static u32 nr_intids;
static unsigned int nr_lrs;
static u8 cpu_mask[CONFIG_NR_CPUS];  /* each CPU's bit in ITARGETSR and SGIR */
u32 gic_claimed_iar[CONFIG_NR_CPUS]; /* SGIs complete with their source CPU id (gic.h) */

static volatile u32 *gicd_reg(u32 offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_DEV_GICD_BASE + offset);
}

static volatile u8 *gicd_byte(u32 offset)
{
	return (volatile u8 *)hpa_to_mmio(BOARD_DEV_GICD_BASE + offset);
}

static volatile u32 *gicc_reg(u32 offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_DEV_GICC_BASE + offset);
}

static volatile u32 *gich_reg(u32 offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_DEV_GICH_BASE + offset);
}

u32 gic_nr_intids(void)
{
	return nr_intids;
}

void irqchip_init(void)
{
	u32 typer = *gicd_reg(GICD_TYPER);

	nr_intids = ((typer & 0x1fu) + 1u) * 32u;
	if (nr_intids > GIC_SPURIOUS_MIN)
		nr_intids = GIC_SPURIOUS_MIN;
	*gicd_reg(GICD_CTLR) = 0;
	for (u32 word = 1; word < nr_intids / 32u; word++) {
		*gicd_reg(GICD_ICENABLER + 4u * word) = ~0u;
		*gicd_reg(GICD_ICPENDR + 4u * word) = ~0u;
		*gicd_reg(GICD_ICACTIVER + 4u * word) = ~0u;
	}
	for (u32 intid = VGIC_NR_PRIVATE; intid < nr_intids; intid += 4u) {
		*gicd_reg(GICD_IPRIORITYR + intid) = GIC_PRIORITY_X4;
		*gicd_reg(GICD_ITARGETSR + intid) = 0;
	}
	/* Everything stays in group 0, signalled as IRQ (no FIQEn). */
	*gicd_reg(GICD_CTLR) = GICD_CTLR_ENABLE;
}

void irqchip_cpu_init(unsigned int cpu)
{
	u32 self;

	if (cpu >= CONFIG_NR_CPUS)
		return;
	/* ITARGETSR0 is banked: each byte names the reading CPU's interface. */
	self = *gicd_reg(GICD_ITARGETSR) & 0xffu;
	cpu_mask[cpu] = (u8)(self ? self : 1u << (cpu % 8u));

	*gicd_reg(GICD_ICENABLER) = ~0u;
	*gicd_reg(GICD_ICPENDR) = ~0u;
	*gicd_reg(GICD_ICACTIVER) = ~0u;
	for (u32 intid = 0; intid < VGIC_NR_PRIVATE; intid += 4u)
		*gicd_reg(GICD_IPRIORITYR + intid) = GIC_PRIORITY_X4;
	*gicd_reg(GICD_ISENABLER) = (1u << GIC_EVENT_SGI) | (1u << GIC_MAINTENANCE_PPI) |
				    (1u << GIC_VTIMER_PPI) | (1u << GIC_PTIMER_PPI);

	*gicc_reg(GICC_PMR) = 0xffu;
	*gicc_reg(GICC_BPR) = 0;
	/* EOImode 1: EOIR drops priority, DIR deactivates; HW list entries rely on it. */
	*gicc_reg(GICC_CTLR) = GICC_CTLR_ENABLE | GICC_CTLR_EOIMODE;

	nr_lrs = (*gich_reg(GICH_VTR) & 0x3fu) + 1u;
	if (nr_lrs > VGIC_MAX_LRS)
		nr_lrs = VGIC_MAX_LRS;
	gic_vif_reset();
}

void irqchip_route(u32 irq, unsigned int cpu)
{
	if (cpu >= CONFIG_NR_CPUS || cpu >= BOARD_NR_CPUS) {
		pr_err("gicv2: cannot route INTID %u to CPU %u", irq, cpu);
		return;
	}
	if (irq < VGIC_NR_PRIVATE) {
		/* Banked: only the CPU itself can enable its PPIs. */
		if (irq >= VGIC_NR_SGIS && cpu == arch_cpu_id())
			*gicd_reg(GICD_ISENABLER) = 1u << irq;
		return;
	}
	if (irq >= nr_intids) {
		pr_err("gicv2: cannot route INTID %u (%u INTIDs)", irq, nr_intids);
		return;
	}
	*gicd_byte(GICD_IPRIORITYR + irq) = GIC_PRIORITY;
	*gicd_byte(GICD_ITARGETSR + irq) = cpu_mask[cpu] ? cpu_mask[cpu] : (u8)(1u << (cpu % 8u));
	*gicd_reg(GICD_ISENABLER + 4u * (irq / 32u)) = 1u << (irq % 32u);
}

u32 irqchip_claim(unsigned int cpu)
{
	u32 iar, intid;

	if (unlikely(gic_early_claim[cpu])) {
		intid = gic_early_claim[cpu] - 1u;
		gic_early_claim[cpu] = 0;
		return intid; /* gic_claimed_iar[cpu] is still its IAR */
	}
	iar = *gicc_reg(GICC_IAR);
	intid = iar & 0x3ffu;

	if (intid >= GIC_SPURIOUS_MIN)
		return IRQCHIP_NONE;
	if (cpu < CONFIG_NR_CPUS)
		gic_claimed_iar[cpu] = iar;
	return intid;
}

/* The value EOIR and DIR want: SGIs carry the sender's CPU id. */
static u32 completion_value(unsigned int cpu, u32 irq)
{
	if (irq < VGIC_NR_SGIS && cpu < CONFIG_NR_CPUS && (gic_claimed_iar[cpu] & 0x3ffu) == irq)
		return gic_claimed_iar[cpu];
	return irq;
}

void irqchip_complete(unsigned int cpu, u32 irq)
{
	u32 value = completion_value(cpu, irq);

	*gicc_reg(GICC_EOIR) = value;
	*gicc_reg(GICC_DIR) = value;
}

bool irqchip_handle_private(unsigned int cpu, u32 irq)
{
	return irq < VGIC_NR_PRIVATE && vgic_handle_private(cpu, irq);
}

void gic_priority_drop(u32 irq)
{
	*gicc_reg(GICC_EOIR) = irq;
}

void gic_deactivate(u32 irq)
{
	*gicc_reg(GICC_DIR) = irq;
}

void gic_deactivate_spi(u32 irq)
{
	if (irq >= VGIC_NR_PRIVATE && irq < nr_intids)
		*gicd_reg(GICD_ICACTIVER + 4u * (irq / 32u)) = 1u << (irq % 32u);
}

void gic_private_enable(u32 irq, bool enable)
{
	if (irq < VGIC_NR_PRIVATE)
		*gicd_reg(enable ? GICD_ISENABLER : GICD_ICENABLER) = 1u << irq;
}

void gic_send_event_ipi(unsigned int cpu)
{
	u32 target = cpu < CONFIG_NR_CPUS && cpu_mask[cpu] ? cpu_mask[cpu] : 1u << (cpu % 8u);

	/* The event bits must be visible before the target takes the SGI. */
	gic_dsb_ishst();
	*gicd_reg(GICD_SGIR) = (target << 16) | GIC_EVENT_SGI;
}

/* --- The virtual interface control (GICH), for vgic.c --- */

unsigned int gic_lr_count(void)
{
	return nr_lrs;
}

u64 gic_lr_encode(const struct vgic_lr *lr)
{
	u32 value = (lr->intid & 0x3ffu) | ((u32)(lr->priority >> 3) << GICH_LR_PRIO_SHIFT) |
		    ((u32)(lr->state & 3u) << GICH_LR_STATE_SHIFT);

	if (lr->group1)
		value |= GICH_LR_GROUP1;
	if (lr->hw) {
		value |= GICH_LR_HW | ((u32)(lr->intid & 0x3ffu) << GICH_LR_PHYS_SHIFT);
	} else {
		if (lr->intid < VGIC_NR_SGIS)
			value |= (u32)(lr->source & 7u) << GICH_LR_PHYS_SHIFT;
		if (lr->eoi_maint)
			value |= GICH_LR_EOI;
	}
	return value;
}

void gic_lr_write_raw(unsigned int n, u64 value)
{
	*gich_reg(GICH_LR(n)) = (u32)value;
}

void gic_relist(u32 irq, unsigned int n, u64 value)
{
	*gicc_reg(GICC_EOIR) = irq;
	*gich_reg(GICH_LR(n)) = (u32)value;
}

void gic_lr_write(unsigned int n, const struct vgic_lr *lr)
{
	*gich_reg(GICH_LR(n)) = lr ? (u32)gic_lr_encode(lr) : 0;
}

/*
 * No. When a guest deactivates a HW entry, QEMU's GICv2 (our only GICv2
 * targets) clears the physical active state but re-evaluates only the
 * virtual interface: a level interrupt still asserted then (a timer whose
 * next deadline already passed) is pending and inactive, yet never
 * signalled, until something else touches the physical GIC. The vGIC
 * lists such interrupts without HW and EOI maintenance instead, and
 * deactivates them through GICC_DIR or GICD_ICACTIVER, which re-evaluate.
 */
bool gic_lr_hw_usable(void)
{
	return false;
}

u8 gic_lr_state(unsigned int n)
{
	return (u8)((*gich_reg(GICH_LR(n)) >> GICH_LR_STATE_SHIFT) & 3u);
}

void gic_vif_set_maintenance(bool no_pending, bool underflow)
{
	u32 hcr = GICH_HCR_EN;

	if (no_pending)
		hcr |= GICH_HCR_NPIE;
	if (underflow)
		hcr |= GICH_HCR_UIE;
	*gich_reg(GICH_HCR) = hcr;
}

void gic_vif_reset(void)
{
	for (unsigned int n = 0; n < nr_lrs; n++)
		*gich_reg(GICH_LR(n)) = 0;
	*gich_reg(GICH_APR) = 0;
	*gich_reg(GICH_VMCR) = 0;
	*gich_reg(GICH_HCR) = GICH_HCR_EN;
}
