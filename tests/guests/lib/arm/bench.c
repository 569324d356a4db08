/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The benchmark guest's AArch32 parts. The fine counter is the virtual
 * counter scaled to nanoseconds (one instruction per nanosecond under
 * -icount shift=0; the 62.5 MHz counter gives 16-instruction steps), kept
 * to its low 32 bits: the figures are differences, and the boot figure is
 * read well before the 4.3 s after reset where it would wrap.
 */
#include "../arch.h"
#include "../bench.h"
#include "gic.h"
#include "psci.h"
#include "sysreg.h"

#define GICD_TYPER 0x004
#define NS_PER_S   1000000000UL

static unsigned long ns_per_tick = 16;

void bench_counter_init(void)
{
	ns_per_tick = NS_PER_S / CP15_READ(0, c14, c0, 0); /* CNTFRQ */
}

unsigned long bench_counter(void)
{
	isb();
	return (unsigned long)CP15_READ64(1, c14) * ns_per_tick; /* CNTVCT */
}

long bench_null_call(void)
{
	return psci_call(PSCI_HVC, PSCI_VERSION, 0, 0, 0);
}

uint32_t bench_mmio_read(void)
{
	return *(volatile uint32_t *)(GICD_BASE + GICD_TYPER);
}

void bench_ipi_ack(void)
{
	/* The GIC dispatcher acknowledges and ends every interrupt itself. */
}

/*
 * The device: the PL1 physical timer (CNTP, PPI 30), which a VM gets as its
 * own like a passed-through device's interrupt, as on AArch64.
 */
bool bench_device_available(void)
{
	return true;
}

void bench_device_arm(unsigned long delay_ns)
{
	static bool enabled;
	uint64_t now;

	if (!enabled) {
		gic_set_priority(IRQ_DEV_PPI, 0x80);
		gic_enable(IRQ_DEV_PPI, true);
		enabled = true;
	}
	isb();
	now = CP15_READ64(0, c14);				/* CNTPCT */
	CP15_WRITE64(now + delay_ns / ns_per_tick + 1, 2, c14); /* CNTP_CVAL */
	CP15_WRITE(CNT_CTL_ENABLE, 0, c14, c2, 1);		/* CNTP_CTL */
	isb();
}

void bench_device_ack(void)
{
	/* Disabled, the timer drops its level. */
	CP15_WRITE(0, 0, c14, c2, 1);
	isb();
}

unsigned int bench_device_irq(void)
{
	return IRQ_DEV_PPI;
}

void bench_ipi_enable(void (*handler)(void))
{
	arch_ipi_enable();
	irq_set_handler(IRQ_IPI, handler);
}

void bench_ipi_send(unsigned long cpu)
{
	(void)arch_ipi_send(cpu);
}
