/* SPDX-License-Identifier: Apache-2.0 */
/* IPI ping-pong between the boot CPU and each other CPU of the machine or VM. */
#include "arch.h"
#include "test.h"

#ifndef IPI_ROUNDS
#define IPI_ROUNDS 100
#endif

static volatile unsigned long ping_hart, pong_ready, pong_rounds;

static bool wait_ipi(unsigned long hart, unsigned long count, unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;

	while (arch_ipi_count(hart) < count && time_now() < end)
		;
	return arch_ipi_count(hart) >= count;
}

static void pong(unsigned long hart, void *arg)
{
	unsigned long base = arch_ipi_count(hart), i;

	(void)arg;
	arch_ipi_enable();
	local_irq_enable();
	pong_ready = 1;
	for (i = 0; i < IPI_ROUNDS; i++) {
		if (!wait_ipi(hart, base + i + 1, 1000))
			break;
		if (arch_ipi_send(ping_hart))
			break;
	}
	pong_rounds = i;
	local_irq_disable();
}

static void ping_pong(unsigned long other)
{
	unsigned long self = this_hart(), mine = arch_ipi_count(self),
		      theirs = arch_ipi_count(other), i;
	long err = 0;

	pong_ready = 0;
	pong_rounds = 0;
	ping_hart = self;
	if (!report_eq(arch_cpu_start(other, pong, NULL), CPU_OK,
		       CPU_START_NAME " of " CPU_NOUN " %lu", other))
		return;
	while (!pong_ready)
		;
	for (i = 0; i < IPI_ROUNDS; i++) {
		err = arch_ipi_send(other);
		if (err || !wait_ipi(self, mine + i + 1, 1000))
			break;
	}
	report_eq(err, CPU_OK, "send_ipi to " CPU_NOUN " %lu", other);
	report_eq(i, IPI_ROUNDS, "round trips between " CPU_NOUN "s %lu and %lu", self, other);
	report_eq(arch_ipi_count(other) - theirs, IPI_ROUNDS, "IPIs received by " CPU_NOUN " %lu",
		  other);
	report_eq(arch_ipi_count(self) - mine, IPI_ROUNDS, "IPIs received by " CPU_NOUN " %lu",
		  self);
	report_eq(arch_cpu_wait_status(other, CPU_STATUS_OFF, 1000), CPU_STATUS_OFF,
		  CPU_NOUN " %lu stops after the ping-pong", other);
}

TEST_CASE(ipi)
{
	unsigned long self = this_hart(), before, hart;
	unsigned int partners = 0;

	arch_ipi_enable();
	local_irq_enable();
	before = arch_ipi_count(self);
	report_eq(arch_ipi_send(self), CPU_OK, "send_ipi to this " CPU_NOUN);
	report(wait_ipi(self, before + 1, 1000), "IPI to this " CPU_NOUN " arrives");
	for (hart = 0; hart < MAX_HARTS; hart++) {
		if (hart == self || arch_cpu_status(hart) != CPU_STATUS_OFF)
			continue;
		partners++;
		ping_pong(hart);
	}
	local_irq_disable();
	arch_ipi_disable();
	if (!partners)
		report_skip("ping-pong needs a second " CPU_NOUN " (none is stopped)");
}
