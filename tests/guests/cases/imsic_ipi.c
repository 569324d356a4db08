/* SPDX-License-Identifier: Apache-2.0 */
/* IPIs between the VM's harts written straight into each other's IMSIC file (no SBI call). */
#include "arch.h"
#include "imsic.h"
#include "test.h"
#include "timer.h"

#define IMSIC_IPI_ROUNDS 100

static volatile unsigned long received[MAX_HARTS];
static volatile unsigned long partner_hart, boot_hart;
static volatile bool partner_stop, partner_ready;

static void ipi(void)
{
	unsigned long self = this_hart();

	received[self]++;
	if (self == partner_hart)
		imsic_send(boot_hart, IMSIC_IPI_ID); /* answer */
}

static void partner(unsigned long cpu, void *arg)
{
	(void)cpu;
	(void)arg;
	imsic_ipi_enable(ipi);
	partner_ready = true;
	local_irq_enable();
	while (!partner_stop)
		wait_for_interrupt();
	local_irq_disable();
	imsic_ipi_disable();
}

static bool wait_count(unsigned long h, unsigned long n)
{
	unsigned long end = time_now() + 1000 * TICKS_PER_MS;

	while (received[h] < n && time_now() < end)
		wait_for_interrupt();
	return received[h] >= n;
}

TEST_CASE(imsic_ipi)
{
	long other = arch_cpu_find_stopped();
	unsigned long i;

	if (other < 0) {
		report_skip("one hart only: no IMSIC IPI");
		return;
	}
	boot_hart = this_hart();
	partner_hart = (unsigned long)other;
	partner_stop = false;
	partner_ready = false;
	imsic_ipi_enable(ipi);
	if (!report_eq(arch_cpu_start(partner_hart, partner, NULL), CPU_OK, "start hart %lu",
		       partner_hart))
		return;
	while (!partner_ready)
		;
	local_irq_enable();
	for (i = 1; i <= IMSIC_IPI_ROUNDS; i++) {
		imsic_send(partner_hart, IMSIC_IPI_ID);
		if (!wait_count(boot_hart, i))
			break;
	}
	report_eq(received[partner_hart], IMSIC_IPI_ROUNDS, "hart %lu took %d IMSIC IPIs",
		  partner_hart, IMSIC_IPI_ROUNDS);
	report_eq(received[boot_hart], IMSIC_IPI_ROUNDS, "hart %lu took %d answers", boot_hart,
		  IMSIC_IPI_ROUNDS);
	partner_stop = true;
	imsic_send(partner_hart, IMSIC_IPI_ID);
	report_eq(arch_cpu_wait_status(partner_hart, CPU_STATUS_OFF, 1000), CPU_STATUS_OFF,
		  "hart %lu stops", partner_hart);
	local_irq_disable();
	imsic_ipi_disable();
}
