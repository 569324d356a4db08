/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The benchmark guest's AArch64 parts. The fine counter is the virtual
 * counter scaled to nanoseconds (one instruction per nanosecond under
 * -icount shift=0; the 62.5 MHz counter gives 16-instruction steps).
 */
#include "../arch.h"
#include "../bench.h"
#include "gic.h"
#include "psci.h"
#include "sysreg.h"

#define GICD_TYPER 0x004
#define NS_PER_S   1000000000UL

void bench_counter_init(void)
{
}

unsigned long bench_counter(void)
{
	unsigned long ticks;

	__asm__ __volatile__("isb\n\tmrs %0, cntvct_el0" : "=r"(ticks) : : "memory");
	return ticks * (NS_PER_S / timebase_hz);
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
 * The device: the EL1 physical timer (CNTP, PPI 30), which a VM gets as its
 * own like a passed-through device's interrupt (the PL031 only matches whole
 * seconds). Its deadline is as fine as the counter.
 */
bool bench_device_available(void)
{
	return true;
}

void bench_device_arm(unsigned long delay_ns)
{
	static bool enabled;
	unsigned long now;

	if (!enabled) {
		gic_set_priority(IRQ_DEV_PPI, 0x80);
		gic_enable(IRQ_DEV_PPI, true);
		enabled = true;
	}
	__asm__ __volatile__("isb\n\tmrs %0, cntpct_el0" : "=r"(now) : : "memory");
	write_sysreg(cntp_cval_el0, now + delay_ns / (NS_PER_S / timebase_hz) + 1);
	write_sysreg(cntp_ctl_el0, CNT_CTL_ENABLE);
	isb();
}

void bench_device_ack(void)
{
	/* Disabled, the timer drops its level. */
	write_sysreg(cntp_ctl_el0, 0);
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
