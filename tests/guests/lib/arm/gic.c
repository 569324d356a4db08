/* SPDX-License-Identifier: Apache-2.0 */
/* GICv2 access for the AArch32 runtime: init, acknowledge, enable, priority, SGIs (all MMIO). */
#include "../arch.h"
#include "../test.h"
#include "gic.h"

static volatile uint32_t *reg32(unsigned long addr)
{
	return (volatile uint32_t *)addr;
}

static volatile uint8_t *reg8(unsigned long addr)
{
	return (volatile uint8_t *)addr;
}

unsigned int gic_version(void)
{
	return 2;
}

void gic_cpu_init(void)
{
	*reg32(GICC_BASE + GICC_PMR) = 0xff;
	*reg32(GICC_BASE + GICC_CTLR) = 1;
}

void gic_init(void)
{
	*reg32(GICD_BASE + GICD_CTLR) = 1;
	gic_cpu_init();
}

uint32_t gic_ack(void)
{
	return *reg32(GICC_BASE + GICC_IAR);
}

unsigned int gic_intid(uint32_t ack)
{
	/* Bits 12:10 hold the source CPU of an SGI. */
	return ack & 0x3ff;
}

void gic_eoi(uint32_t ack)
{
	*reg32(GICC_BASE + GICC_EOIR) = ack;
}

unsigned long gic_enable_addr(unsigned int intid)
{
	return GICD_BASE + GICD_ISENABLER + 4UL * (intid / 32);
}

void gic_enable(unsigned int intid, bool on)
{
	unsigned long offset = on ? GICD_ISENABLER : GICD_ICENABLER;

	*reg32(GICD_BASE + offset + 4UL * (intid / 32)) = 1U << (intid % 32);
}

bool gic_enabled(unsigned int intid)
{
	return (*reg32(gic_enable_addr(intid)) >> (intid % 32)) & 1;
}

bool gic_pending(unsigned int intid)
{
	return (*reg32(GICD_BASE + GICD_ISPENDR + 4UL * (intid / 32)) >> (intid % 32)) & 1;
}

unsigned long gic_priority_addr(unsigned int intid)
{
	return GICD_BASE + GICD_IPRIORITYR + intid;
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
	*reg8(GICD_BASE + GICD_ITARGETSR + intid) = (uint8_t)(1U << this_hart());
}

void gic_send_sgi(unsigned long cpu, unsigned int sgi)
{
	*reg32(GICD_BASE + GICD_SGIR) = (1U << (16 + (cpu & 7))) | (sgi & 0xf);
}

void gic_set_pmr(uint8_t pmr)
{
	*reg32(GICC_BASE + GICC_PMR) = pmr;
}

uint8_t gic_pmr(void)
{
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
