/* SPDX-License-Identifier: Apache-2.0 */
/* Periodic supervisor timer interrupts: none lost, none before its deadline. */
#include "csr.h"
#include "test.h"
#include "timer.h"
#include "trap.h"

#ifndef TIMER_TICKS
#define TIMER_TICKS 1000
#endif
#ifndef TIMER_HZ
#define TIMER_HZ 1000
#endif

static volatile unsigned long ticks, early, deadline, worst_latency;

static void tick(void)
{
	unsigned long now = time_now();

	if (now < deadline)
		early++;
	else if (now - deadline > worst_latency)
		worst_latency = now - deadline;
	if (++ticks >= TIMER_TICKS) {
		timer_cancel();
		return;
	}
	/* The next deadline follows the previous one, so a late tick does not drift. */
	deadline += TIMEBASE_HZ / TIMER_HZ;
	timer_set(deadline);
}

TEST_CASE(timer_periodic)
{
	const unsigned long period = TIMEBASE_HZ / TIMER_HZ;
	unsigned long start, limit, elapsed;

	report_info("%u ticks at %u Hz, deadlines through %s", TIMER_TICKS, TIMER_HZ,
		    timer_has_sstc() ? "Sstc stimecmp" : "SBI set_timer");
	irq_set_handler(IRQ_S_TIMER, tick);
	ticks = 0;
	early = 0;
	worst_latency = 0;
	start = time_now();
	/* Generous: tests never assert on speed, only on lost or early interrupts. */
	limit = start + 4 * period * TIMER_TICKS + 2 * TIMEBASE_HZ;
	deadline = start + period;
	timer_set(deadline);
	csr_set(sie, SIE_STIE);
	local_irq_enable();
	while (ticks < TIMER_TICKS && time_now() < limit)
		;
	local_irq_disable();
	elapsed = time_now() - start;
	csr_clear(sie, SIE_STIE);
	timer_cancel();
	irq_set_handler(IRQ_S_TIMER, NULL);
	report_eq(ticks, TIMER_TICKS, "timer interrupts taken");
	report_eq(early, 0, "no timer interrupt before its deadline");
	report(elapsed >= period * TIMER_TICKS, "%u ticks took %lu us, at least %lu us",
	       TIMER_TICKS, elapsed / (TIMEBASE_HZ / 1000000), period * TIMER_TICKS / 10);
	report_info("worst latency %lu us", worst_latency / (TIMEBASE_HZ / 1000000));
	report(!(csr_read(sip) & SIP_STIP), "no timer interrupt pending after cancel");
}
