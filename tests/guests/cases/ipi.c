/* SPDX-License-Identifier: Apache-2.0 */
/* IPI ping-pong between the boot hart and each other hart of the machine or VM. */
#include "csr.h"
#include "hsm.h"
#include "ipi.h"
#include "sbi.h"
#include "test.h"
#include "timer.h"
#include "trap.h"

#ifndef IPI_ROUNDS
#define IPI_ROUNDS 100
#endif

static volatile unsigned long ping_hart, pong_ready, pong_rounds;

static bool wait_ipi(unsigned long hart, unsigned long count, unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;

	while (ipi_count(hart) < count && time_now() < end)
		;
	return ipi_count(hart) >= count;
}

static void pong(unsigned long hart, void *arg)
{
	unsigned long base = ipi_count(hart), i;

	(void)arg;
	ipi_enable();
	local_irq_enable();
	pong_ready = 1;
	for (i = 0; i < IPI_ROUNDS; i++) {
		if (!wait_ipi(hart, base + i + 1, 1000))
			break;
		if (ipi_send(ping_hart))
			break;
	}
	pong_rounds = i;
	local_irq_disable();
}

static void ping_pong(unsigned long other)
{
	unsigned long self = this_hart(), mine = ipi_count(self), theirs = ipi_count(other), i;
	long err = 0;

	pong_ready = 0;
	pong_rounds = 0;
	ping_hart = self;
	if (!report_eq(hsm_start(other, pong, NULL), SBI_SUCCESS, "hart_start of hart %lu", other))
		return;
	while (!pong_ready)
		;
	for (i = 0; i < IPI_ROUNDS; i++) {
		err = ipi_send(other);
		if (err || !wait_ipi(self, mine + i + 1, 1000))
			break;
	}
	report_eq(err, SBI_SUCCESS, "send_ipi to hart %lu", other);
	report_eq(i, IPI_ROUNDS, "round trips between harts %lu and %lu", self, other);
	report_eq(ipi_count(other) - theirs, IPI_ROUNDS, "IPIs received by hart %lu", other);
	report_eq(ipi_count(self) - mine, IPI_ROUNDS, "IPIs received by hart %lu", self);
	report_eq(hsm_wait_status(other, SBI_HSM_STOPPED, 1000), SBI_HSM_STOPPED,
		  "hart %lu stops after the ping-pong", other);
}

TEST_CASE(ipi)
{
	unsigned long self = this_hart(), before, hart;
	unsigned int partners = 0;

	ipi_enable();
	local_irq_enable();
	before = ipi_count(self);
	report_eq(ipi_send(self), SBI_SUCCESS, "send_ipi to this hart");
	report(wait_ipi(self, before + 1, 1000), "IPI to this hart arrives");
	for (hart = 0; hart < MAX_HARTS; hart++) {
		if (hart == self || hsm_status(hart) != SBI_HSM_STOPPED)
			continue;
		partners++;
		ping_pong(hart);
	}
	local_irq_disable();
	csr_clear(sie, SIE_SSIE);
	if (!partners)
		report_skip("ping-pong needs a second hart (none is stopped)");
}
