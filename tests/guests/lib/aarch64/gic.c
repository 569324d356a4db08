/* SPDX-License-Identifier: Apache-2.0 */
/* GICv2 and GICv3 access for the AArch64 runtime: init, acknowledge, enable, priority, SGIs. */
#include "../arch.h"
#include "../test.h"
#include "gic.h"
#include <sysreg.h> /* lib/<arch>/sysreg.h: AArch32 shares this file with its own accessors */

static bool v3;

static volatile uint32_t *reg32(unsigned long addr)
{
	return (volatile uint32_t *)addr;
}

static volatile uint8_t *reg8(unsigned long addr)
{
	return (volatile uint8_t *)addr;
}

/* Where this CPU's copy of intid's bits lives: a redistributor SGI frame or the distributor. */
static unsigned long bank_base(unsigned int intid)
{
	if (v3 && intid < 32)
		return GICR_BASE + GICR_STRIDE * this_hart() + GICR_SGI_BASE;
	return GICD_BASE;
}

static void wait_bits_clear(unsigned long addr, uint32_t bits)
{
	unsigned int tries;

	for (tries = 0; tries < 1000000 && (*reg32(addr) & bits); tries++)
		;
}

unsigned int gic_version(void)
{
	return v3 ? 3 : 2;
}

void gic_cpu_init(void)
{
	if (!v3) {
		*reg32(GICC_BASE + GICC_PMR) = 0xff;
		*reg32(GICC_BASE + GICC_CTLR) = 1;
		return;
	}
	write_sysreg(ICC_SRE_EL1, read_sysreg(ICC_SRE_EL1) | 1);
	isb();
	/* Wake the redistributor: clear ProcessorSleep, wait for ChildrenAsleep to clear. */
	*reg32(GICR_BASE + GICR_STRIDE * this_hart() + GICR_WAKER) &= ~2U;
	wait_bits_clear(GICR_BASE + GICR_STRIDE * this_hart() + GICR_WAKER, 4);
	/* Group 1 for every SGI and PPI: with one security state group 0 would be FIQs. */
	*reg32(bank_base(0) + GICD_IGROUPR) = ~0U;
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	isb();
}

void gic_init(void)
{
	v3 = ((read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf) != 0;
	if (v3) {
		/* EnableGrp0/Grp1 (or Grp1NS/Grp1A) and affinity routing; then wait for RWP. */
		*reg32(GICD_BASE + GICD_CTLR) |= (1U << 4) | 3U;
		wait_bits_clear(GICD_BASE + GICD_CTLR, 1U << 31);
	} else {
		*reg32(GICD_BASE + GICD_CTLR) = 1;
	}
	gic_cpu_init();
}

uint32_t gic_ack(void)
{
	if (v3) {
		uint32_t ack = (uint32_t)read_sysreg(ICC_IAR1_EL1);
		__asm__ volatile("dsb sy" ::: "memory");
		return ack;
	}
	return *reg32(GICC_BASE + GICC_IAR);
}

unsigned int gic_intid(uint32_t ack)
{
	/* GICv2 keeps the source CPU of an SGI in bits 12:10. */
	return v3 ? ack & 0xffffff : ack & 0x3ff;
}

void gic_eoi(uint32_t ack)
{
	if (v3) {
		write_sysreg(ICC_EOIR1_EL1, ack);
		isb();
	} else {
		*reg32(GICC_BASE + GICC_EOIR) = ack;
	}
}

unsigned long gic_enable_addr(unsigned int intid)
{
	return bank_base(intid) + GICD_ISENABLER + 4UL * (intid / 32);
}

void gic_enable(unsigned int intid, bool on)
{
	unsigned long offset = on ? GICD_ISENABLER : GICD_ICENABLER;

	*reg32(bank_base(intid) + offset + 4UL * (intid / 32)) = 1U << (intid % 32);
	if (v3 && intid >= 32)
		wait_bits_clear(GICD_BASE + GICD_CTLR, 1U << 31);
}

bool gic_enabled(unsigned int intid)
{
	return (*reg32(gic_enable_addr(intid)) >> (intid % 32)) & 1;
}

bool gic_pending(unsigned int intid)
{
	return (*reg32(bank_base(intid) + GICD_ISPENDR + 4UL * (intid / 32)) >> (intid % 32)) & 1;
}

unsigned long gic_priority_addr(unsigned int intid)
{
	return bank_base(intid) + GICD_IPRIORITYR + intid;
}

void gic_set_priority(unsigned int intid, uint8_t prio)
{
	*reg8(gic_priority_addr(intid)) = prio;
}

uint8_t gic_priority(unsigned int intid)
{
	return *reg8(gic_priority_addr(intid));
}

void gic_route_spi_here(unsigned int intid)
{
	unsigned long group = GICD_BASE + GICD_IGROUPR + 4UL * (intid / 32);

	if (!v3) {
		*reg8(GICD_BASE + GICD_ITARGETSR + intid) = (uint8_t)(1U << this_hart());
		return;
	}
	/* Only when needed: the word holds other INTIDs' bits, which may not be ours to write. */
	if (!((*reg32(group) >> (intid % 32)) & 1))
		*reg32(group) |= 1U << (intid % 32);
	/* Aff0 in the low word; Aff3 (high word) stays 0. */
	*reg32(GICD_BASE + GICD_IROUTER + 8UL * intid) = (uint32_t)this_hart();
}

void gic_send_sgi(unsigned long cpu, unsigned int sgi)
{
	if (v3) {
		/* Aff3.Aff2.Aff1 = 0, target list bit Aff0 = cpu (below 16). */
		write_sysreg(ICC_SGI1R_EL1,
			     ((unsigned long)(sgi & 0xf) << 24) | (1UL << (cpu & 0xf)));
		isb();
	} else {
		*reg32(GICD_BASE + GICD_SGIR) = (1U << (16 + (cpu & 7))) | (sgi & 0xf);
	}
}

void gic_set_pmr(uint8_t pmr)
{
	if (v3) {
		write_sysreg(ICC_PMR_EL1, pmr);
		isb();
	} else {
		*reg32(GICC_BASE + GICC_PMR) = pmr;
	}
}

uint8_t gic_pmr(void)
{
	if (v3)
		return (uint8_t)read_sysreg(ICC_PMR_EL1);
	return (uint8_t)*reg32(GICC_BASE + GICC_PMR);
}

void arch_irq_enable(unsigned int irq)
{
	if (irq >= 32)
		gic_route_spi_here(irq);
	gic_enable(irq, true);
}

void arch_irq_disable(unsigned int irq)
{
	gic_enable(irq, false);
}

void arch_dev_irq_unmask(bool on)
{
	/* The CPU interface passes every priority from boot on; nothing more to open. */
	(void)on;
}

unsigned int arch_dev_irq_priority(unsigned int id)
{
	return gic_priority(id);
}

bool arch_dev_irq_enabled(unsigned int id)
{
	return gic_enabled(id);
}

struct reg_store arch_dev_irq_priority_store(unsigned int id)
{
	struct reg_store s = {gic_priority_addr(id), 1, 0x80};

	return s;
}

struct reg_store arch_dev_irq_enable_store(unsigned int id)
{
	struct reg_store s = {gic_enable_addr(id), 4, 1UL << (id % 32)};

	return s;
}
