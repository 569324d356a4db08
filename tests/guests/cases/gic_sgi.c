/* SPDX-License-Identifier: Apache-2.0 */
/* GIC SGIs between CPUs: ping-pong 100 rounds, each round on another SGI, INTIDs checked. */
#include "arch.h"
#include "gic.h"
#include "test.h"
#include "trap.h"

#ifndef SGI_ROUNDS
#define SGI_ROUNDS 100
#endif
/* SGIs 2..15 take turns; 0 and 1 (IRQ_IPI) stay out of it. */
#define SGI_FIRST 2
#define SGI_COUNT (GIC_NR_SGIS - SGI_FIRST)

static volatile unsigned long received[MAX_HARTS], wrong[MAX_HARTS], last_sgi[MAX_HARTS];
static volatile unsigned long ping_cpu, pong_ready, pong_rounds;

static unsigned int round_sgi(unsigned long round)
{
	return SGI_FIRST + (unsigned int)(round % SGI_COUNT);
}

static void sgi_handler(void)
{
	unsigned long cpu = this_hart();

	/* Round n (counting from 0) uses round_sgi(n): the n-th SGI a CPU sees must be that one. */
	if (irq_current() != round_sgi(received[cpu]))
		wrong[cpu]++;
	last_sgi[cpu] = irq_current();
	received[cpu]++;
}

static void sgis_enable(bool on)
{
	unsigned int sgi;

	for (sgi = SGI_FIRST; sgi < GIC_NR_SGIS; sgi++) {
		irq_set_handler(sgi, on ? sgi_handler : NULL);
		gic_enable(sgi, on);
	}
}

static bool wait_received(unsigned long cpu, unsigned long count, unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;

	while (received[cpu] < count && time_now() < end)
		;
	return received[cpu] >= count;
}

static void pong(unsigned long cpu, void *arg)
{
	unsigned long i;

	(void)arg;
	received[cpu] = 0;
	wrong[cpu] = 0;
	sgis_enable(true);
	local_irq_enable();
	pong_ready = 1;
	for (i = 0; i < SGI_ROUNDS; i++) {
		if (!wait_received(cpu, i + 1, 1000))
			break;
		gic_send_sgi(ping_cpu, round_sgi(i));
	}
	pong_rounds = i;
	local_irq_disable();
}

static void ping_pong(unsigned long other)
{
	unsigned long self = this_hart(), i;

	pong_ready = 0;
	pong_rounds = 0;
	ping_cpu = self;
	received[self] = 0;
	wrong[self] = 0;
	if (!report_eq(arch_cpu_start(other, pong, NULL), CPU_OK, "CPU_ON of cpu %lu", other))
		return;
	while (!pong_ready)
		;
	for (i = 0; i < SGI_ROUNDS; i++) {
		gic_send_sgi(other, round_sgi(i));
		if (!wait_received(self, i + 1, 1000))
			break;
	}
	report_eq(i, SGI_ROUNDS, "SGI round trips between cpus %lu and %lu", self, other);
	report_eq(received[other], SGI_ROUNDS, "SGIs received by cpu %lu", other);
	report_eq(wrong[other], 0, "SGIs with another INTID than sent, on cpu %lu", other);
	report_eq(received[self], SGI_ROUNDS, "SGIs received by cpu %lu", self);
	report_eq(wrong[self], 0, "SGIs with another INTID than sent, on cpu %lu", self);
	report_eq(arch_cpu_wait_status(other, CPU_STATUS_OFF, 1000), CPU_STATUS_OFF,
		  "cpu %lu stops after the ping-pong", other);
}

TEST_CASE(gic_sgi)
{
	unsigned long self = this_hart(), cpu;
	unsigned int partners = 0;

	report_info("GICv%u", gic_version());
	sgis_enable(true);
	local_irq_enable();
	received[self] = 0;
	wrong[self] = 0;
	gic_send_sgi(self, round_sgi(0));
	report(wait_received(self, 1, 1000), "SGI %u to this cpu arrives", round_sgi(0));
	report_eq(last_sgi[self], round_sgi(0), "INTID of the SGI to this cpu");
	for (cpu = 0; cpu < MAX_HARTS; cpu++) {
		if (cpu == self || arch_cpu_status(cpu) != CPU_STATUS_OFF)
			continue;
		partners++;
		ping_pong(cpu);
	}
	local_irq_disable();
	sgis_enable(false);
	if (!partners)
		report_skip("ping-pong needs a second cpu (none is off)");
}
