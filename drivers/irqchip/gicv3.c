/* SPDX-License-Identifier: Apache-2.0 */
/* The physical GICv3: distributor, one redistributor per CPU, ICC/ICH system registers. */
#include <bulwark/addr.h>
#include <bulwark/compiler.h>
#include <bulwark/arch.h>
#include <bulwark/irqchip.h>
#include <bulwark/printk.h>
#include <asm/gic_sysregs.h>
#include <generated/board.h>

#include "gic.h"
#include "vgic_direct.h"
#include "vgic_model.h"

#define GICD_CTLR	0x0000u
#define GICD_TYPER	0x0004u
#define GICD_IGROUPR	0x0080u
#define GICD_ISENABLER	0x0100u
#define GICD_ICENABLER	0x0180u
#define GICD_ICPENDR	0x0280u
#define GICD_ICACTIVER	0x0380u
#define GICD_IPRIORITYR 0x0400u
#define GICD_IROUTER	0x6000u

/* Written together they mean the right thing in either security view. */
#define GICD_CTLR_ENABLE_G0_OR_G1NS (1u << 0)
#define GICD_CTLR_ENABLE_G1	    (1u << 1)
#define GICD_CTLR_ARE		    (1u << 4)
#define GICD_CTLR_RWP		    (1u << 31)

#define GICR_CTLR	  0x0000u
#define GICR_TYPER	  0x0008u
#define GICR_WAKER	  0x0014u
#define GICR_SGI_BASE	  0x10000u
#define GICR_IGROUPR0	  (GICR_SGI_BASE + 0x0080u)
#define GICR_ISENABLER0	  (GICR_SGI_BASE + 0x0100u)
#define GICR_ICENABLER0	  (GICR_SGI_BASE + 0x0180u)
#define GICR_ICPENDR0	  (GICR_SGI_BASE + 0x0280u)
#define GICR_ICACTIVER0	  (GICR_SGI_BASE + 0x0380u)
#define GICR_IPRIORITYR	  (GICR_SGI_BASE + 0x0400u)
#define GICR_FRAME_STRIDE 0x20000u
#define GICR_VLPI_STRIDE  0x40000u /* GICv4: two more frames for virtual LPIs */
#define GICR_TYPER_VLPIS  (1ull << 1)
#define GICR_TYPER_LAST	  (1ull << 4)
#define GICR_CTLR_RWP	  (1u << 3)
#define GICR_WAKER_SLEEP  (1u << 1)
#define GICR_WAKER_ASLEEP (1u << 2)

/* One priority for everything: the guests order their interrupts virtually. */
#define GIC_PRIORITY	 0xa0u
#define GIC_PRIORITY_X4	 0xa0a0a0a0u
#define GIC_SPURIOUS_MIN 1020u
#define GIC_WAIT_LOOPS	 1000000u

static u32 nr_intids;
static unsigned int nr_lrs;
static unsigned int nr_aprs;
static volatile u8 *redist[CONFIG_NR_CPUS];
/* A CPU of a direct VM (vgic_direct.h): the hypervisor's interrupts there are Group 0. */
u8 gic_direct_cpu[CONFIG_NR_CPUS];

static volatile u32 *gicd_reg(u32 offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_DEV_GICD_BASE + offset);
}

static volatile u32 *gicr_reg(volatile u8 *frame, u32 offset)
{
	return (volatile u32 *)(void *)(frame + offset);
}

/* Bounded wait for a register bit to clear: a GIC that never answers is reported. */
static void wait_clear(const volatile u32 *reg, u32 bit, const char *what)
{
	for (u32 i = 0; i < GIC_WAIT_LOOPS; i++)
		if (!(*reg & bit))
			return;
	pr_err("gicv3: %s did not complete", what);
}

/* MPIDR affinity packed Aff3:Aff2:Aff1:Aff0, as GICR_TYPER holds it. */
static u32 packed_affinity(unsigned int cpu)
{
	u64 mpidr = arch_cpu_hw_id(cpu);

	return (u32)(mpidr & 0xffffffu) | (u32)(((mpidr >> 32) & 0xffu) << 24);
}

/* The redistributor whose affinity matches cpu's MPIDR, found by walking the frames. */
static volatile u8 *redist_of(unsigned int cpu)
{
	u64 offset = 0;
	u32 aff;

	if (cpu >= CONFIG_NR_CPUS)
		return NULL;
	if (redist[cpu])
		return redist[cpu];
	aff = packed_affinity(cpu);
	while (offset + GICR_FRAME_STRIDE <= BOARD_DEV_GICR_SIZE) {
		volatile u8 *frame = (volatile u8 *)hpa_to_mmio(BOARD_DEV_GICR_BASE + offset);
		u64 typer = *(volatile u64 *)(void *)(frame + GICR_TYPER);

		if ((u32)(typer >> 32) == aff) {
			redist[cpu] = frame;
			return frame;
		}
		if (typer & GICR_TYPER_LAST)
			break;
		offset += (typer & GICR_TYPER_VLPIS) ? GICR_VLPI_STRIDE : GICR_FRAME_STRIDE;
	}
	return NULL;
}

volatile u8 *gic_redist_frame(unsigned int cpu)
{
	return redist_of(cpu);
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
	wait_clear(gicd_reg(GICD_CTLR), GICD_CTLR_RWP, "distributor disable");
	for (u32 word = 1; word < nr_intids / 32u; word++) {
		*gicd_reg(GICD_IGROUPR + 4u * word) = ~0u; /* group 1: IRQs, EOImode from ICC */
		*gicd_reg(GICD_ICENABLER + 4u * word) = ~0u;
		*gicd_reg(GICD_ICPENDR + 4u * word) = ~0u;
		*gicd_reg(GICD_ICACTIVER + 4u * word) = ~0u;
	}
	for (u32 intid = VGIC_NR_PRIVATE; intid < nr_intids; intid += 4u)
		*gicd_reg(GICD_IPRIORITYR + intid) = GIC_PRIORITY_X4;
	wait_clear(gicd_reg(GICD_CTLR), GICD_CTLR_RWP, "distributor reset");
	*gicd_reg(GICD_CTLR) = GICD_CTLR_ARE;
	wait_clear(gicd_reg(GICD_CTLR), GICD_CTLR_RWP, "affinity routing");
	*gicd_reg(GICD_CTLR) = GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1 | GICD_CTLR_ENABLE_G0_OR_G1NS;
	wait_clear(gicd_reg(GICD_CTLR), GICD_CTLR_RWP, "distributor enable");
	vgic_direct_mark_cpus();
}

static void cpu_interface_init(void)
{
	u64 sre, vtr;

	sre = arm_sysreg_read(ICC_SRE_EL2);
	arm_sysreg_write(ICC_SRE_EL2,
			 sre | ICC_SRE_SRE | ICC_SRE_DFB | ICC_SRE_DIB | ICC_SRE_ENABLE);
	gic_isb();
	arm_sysreg_write(ICC_PMR_EL1, 0xff);
	arm_sysreg_write(ICC_BPR1_EL1, 0);
	/* EOImode 1: EOIR drops priority, DIR deactivates; HW list entries rely on it. */
	arm_sysreg_write(ICC_CTLR_EL1, ICC_CTLR_EOIMODE);
	arm_sysreg_write(ICC_IGRPEN1_EL1, 1);
	gic_isb();

	vtr = arm_sysreg_read(ICH_VTR_EL2);
	nr_lrs = ICH_VTR_LISTREGS(vtr);
	if (nr_lrs > VGIC_MAX_LRS)
		nr_lrs = VGIC_MAX_LRS;
	/* 5 preemption bits: one APR per group; 6: two; 7: four. */
	nr_aprs = 1u << (ICH_VTR_PREBITS(vtr) - 5u);
	gic_vif_reset();
}

void irqchip_cpu_init(unsigned int cpu)
{
	volatile u8 *rd = redist_of(cpu);

	if (!rd) {
		pr_err("gicv3: no redistributor for CPU %u (MPIDR 0x%lx)", cpu,
		       arch_cpu_hw_id(cpu));
		return;
	}
	*gicr_reg(rd, GICR_WAKER) &= ~GICR_WAKER_SLEEP;
	wait_clear(gicr_reg(rd, GICR_WAKER), GICR_WAKER_ASLEEP, "redistributor wake-up");

	*gicr_reg(rd, GICR_IGROUPR0) = ~0u;
	*gicr_reg(rd, GICR_ICENABLER0) = ~0u;
	*gicr_reg(rd, GICR_ICPENDR0) = ~0u;
	*gicr_reg(rd, GICR_ICACTIVER0) = ~0u;
	for (u32 intid = 0; intid < VGIC_NR_PRIVATE; intid += 4u)
		*gicr_reg(rd, GICR_IPRIORITYR + intid) = GIC_PRIORITY_X4;
	wait_clear(gicr_reg(rd, GICR_CTLR), GICR_CTLR_RWP, "redistributor reset");
	*gicr_reg(rd, GICR_ISENABLER0) = (1u << GIC_EVENT_SGI) | (1u << GIC_MAINTENANCE_PPI) |
					 (1u << GIC_VTIMER_PPI) | (1u << GIC_PTIMER_PPI);
	cpu_interface_init();
	if (gic_direct_cpu[cpu])
		vgic_direct_cpu_init(cpu);
}

void irqchip_route(u32 irq, unsigned int cpu)
{
	u64 mpidr;

	if (irq < VGIC_NR_PRIVATE) {
		volatile u8 *rd = redist_of(cpu);

		if (rd && irq >= VGIC_NR_SGIS) {
			*(volatile u8 *)(rd + GICR_IPRIORITYR + irq) = GIC_PRIORITY;
			*gicr_reg(rd, GICR_ISENABLER0) = 1u << irq;
		}
		return;
	}
	if (irq >= nr_intids || cpu >= BOARD_NR_CPUS) {
		pr_err("gicv3: cannot route INTID %u to CPU %u (%u INTIDs, %u CPUs)", irq, cpu,
		       nr_intids, (unsigned int)BOARD_NR_CPUS);
		return;
	}
	mpidr = arch_cpu_hw_id(cpu);
	*(volatile u8 *)hpa_to_mmio(BOARD_DEV_GICD_BASE + GICD_IPRIORITYR + irq) = GIC_PRIORITY;
	*(volatile u64 *)hpa_to_mmio(BOARD_DEV_GICD_BASE + GICD_IROUTER + 8u * irq) =
	    mpidr & 0xff00ffffffull;
	*gicd_reg(GICD_ISENABLER + 4u * (irq / 32u)) = 1u << (irq % 32u);
}

u32 irqchip_claim(unsigned int cpu)
{
	u64 iar;

	if (unlikely(gic_early_claim[cpu])) {
		iar = gic_early_claim[cpu] - 1u;
		gic_early_claim[cpu] = 0;
		return (u32)iar;
	}
	/* A direct VM's CPU: the guest's interrupts are Group 1, ours Group 0. */
	if (unlikely(gic_direct_cpu[cpu]))
		iar = arm_sysreg_read(ICC_IAR0_EL1);
	else
		iar = arm_sysreg_read(ICC_IAR1_EL1);
	iar &= 0xffffffu;
	return iar >= GIC_SPURIOUS_MIN && iar <= 1023u ? IRQCHIP_NONE : (u32)iar;
}

void gic_priority_drop(u32 irq)
{
	arm_sysreg_write(ICC_EOIR1_EL1, irq);
	gic_isb();
}

void gic_deactivate(u32 irq)
{
	arm_sysreg_write(ICC_DIR_EL1, irq);
	gic_isb();
}

void irqchip_complete(unsigned int cpu, u32 irq)
{
	if (unlikely(gic_direct_cpu[cpu])) {
		/* EOImode 0 there: one write drops and deactivates. */
		arm_sysreg_write(ICC_EOIR0_EL1, irq);
		gic_isb();
		return;
	}
	gic_priority_drop(irq);
	gic_deactivate(irq);
}

bool irqchip_handle_private(unsigned int cpu, u32 irq)
{
	return irq < VGIC_NR_PRIVATE && vgic_handle_private(cpu, irq);
}

void gic_deactivate_spi(u32 irq)
{
	if (irq >= VGIC_NR_PRIVATE && irq < nr_intids)
		*gicd_reg(GICD_ICACTIVER + 4u * (irq / 32u)) = 1u << (irq % 32u);
}

void gic_private_enable(u32 irq, bool enable)
{
	volatile u8 *rd = redist_of(arch_cpu_id());

	if (!rd || irq >= VGIC_NR_PRIVATE)
		return;
	*gicr_reg(rd, enable ? GICR_ISENABLER0 : GICR_ICENABLER0) = 1u << irq;
}

/* ICC_SGI1R_EL1 naming one CPU by its MPIDR: Aff3.Aff2.Aff1, range selector, one target bit. */
static u64 sgi1r_for(u64 mpidr, u32 sgi)
{
	u64 aff0 = mpidr & 0xffu;
	u64 value = 1ull << (aff0 % 16u);

	value |= (aff0 / 16u) << 44;
	value |= ((mpidr >> 8) & 0xffu) << 16;
	value |= ((mpidr >> 16) & 0xffu) << 32;
	value |= ((mpidr >> 32) & 0xffu) << 48;
	value |= (u64)(sgi & 0xfu) << 24;
	return value;
}

void gic_send_event_ipi(unsigned int cpu)
{
	u64 sgir = sgi1r_for(arch_cpu_hw_id(cpu), GIC_EVENT_SGI);

	/* The event bits must be visible before the target takes the SGI. */
	gic_dsb_ishst();
	/* SGI0R and SGI1R take the same fields; a direct VM's CPU has the event SGI in Group 0. */
	if (cpu < CONFIG_NR_CPUS && gic_direct_cpu[cpu])
		arm_sysreg_write64(ICC_SGI0R_EL1, sgir);
	else
		arm_sysreg_write64(ICC_SGI1R_EL1, sgir);
	gic_isb();
}

void gic_send_guest_sgi(unsigned int cpu, u32 sgi)
{
	gic_dsb_ishst();
	arm_sysreg_write64(ICC_SGI1R_EL1, sgi1r_for(arch_cpu_hw_id(cpu), sgi));
	gic_isb();
}

/* --- The virtual CPU interface (ICH_*), for vgic.c --- */

unsigned int gic_lr_count(void)
{
	return nr_lrs;
}

u64 gic_lr_encode(const struct vgic_lr *lr)
{
	u64 value = lr->intid | ((u64)lr->priority << ICH_LR_PRIORITY_SHIFT) |
		    ((u64)(lr->state & 3u) << ICH_LR_STATE_SHIFT);

	if (lr->group1)
		value |= ICH_LR_GROUP1;
	if (lr->hw)
		value |= ICH_LR_HW | ((u64)lr->intid << ICH_LR_PINTID_SHIFT);
	else if (lr->eoi_maint)
		value |= ICH_LR_EOI;
	return value;
}

void gic_lr_write_raw(unsigned int n, u64 value)
{
	ich_lr_write(n, value);
}

void gic_relist(u32 irq, unsigned int n, u64 value)
{
	arm_sysreg_write(ICC_EOIR1_EL1, irq);
	gic_isb();
	ich_lr_write(n, value);
}

void gic_lr_write(unsigned int n, const struct vgic_lr *lr)
{
	ich_lr_write(n, lr ? gic_lr_encode(lr) : 0);
}

bool gic_lr_hw_usable(void)
{
	return true;
}

u8 gic_lr_state(unsigned int n)
{
	return (u8)((ich_lr_read(n) >> ICH_LR_STATE_SHIFT) & 3u);
}

void gic_vif_set_maintenance(bool no_pending, bool underflow)
{
	u64 hcr = ICH_HCR_EN;

	if (no_pending)
		hcr |= ICH_HCR_NPIE;
	if (underflow)
		hcr |= ICH_HCR_UIE;
	arm_sysreg_write(ICH_HCR_EL2, hcr);
	gic_isb();
}

void gic_vif_reset(void)
{
	for (unsigned int n = 0; n < nr_lrs; n++)
		ich_lr_write(n, 0);
	ich_apr_clear_all(nr_aprs);
	arm_sysreg_write(ICH_VMCR_EL2, 0);
	arm_sysreg_write(ICH_HCR_EL2, ICH_HCR_EN);
	gic_isb();
}
