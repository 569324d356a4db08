/* SPDX-License-Identifier: Apache-2.0 */
/* Periodic timer interrupts of this CPU: none lost, none before its deadline. */
#include "arch.h"
#include "test.h"

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

	report_info("%u ticks at %u Hz, deadlines through %s", TIMER_TICKS, TIMER_HZ, timer_kind());
	irq_set_handler(IRQ_TIMER, tick);
	ticks = 0;
	early = 0;
	worst_latency = 0;
	start = time_now();
	/* Generous: tests never assert on speed, only on lost or early interrupts. */
	limit = start + 4 * period * TIMER_TICKS + 2 * TIMEBASE_HZ;
	deadline = start + period;
	timer_set(deadline);
	arch_irq_enable(IRQ_TIMER);
	local_irq_enable();
	while (ticks < TIMER_TICKS && time_now() < limit)
		;
	local_irq_disable();
	elapsed = time_now() - start;
	arch_irq_disable(IRQ_TIMER);
	timer_cancel();
	irq_set_handler(IRQ_TIMER, NULL);
	report_eq(ticks, TIMER_TICKS, "timer interrupts taken");
	report_eq(early, 0, "no timer interrupt before its deadline");
	/* In 64 bits: a second of 10 MHz ticks times 1000 wraps a 32-bit long. */
	report(elapsed >= period * TIMER_TICKS, "%u ticks took %lu us, at least %lu us",
	       TIMER_TICKS, (unsigned long)((uint64_t)elapsed * 1000 / TICKS_PER_MS),
	       (unsigned long)((uint64_t)period * TIMER_TICKS * 1000 / TICKS_PER_MS));
	report_info("worst latency %lu us",
		    (unsigned long)((uint64_t)worst_latency * 1000 / TICKS_PER_MS));
	report(!timer_pending(), "no timer interrupt pending after cancel");
}
