/* SPDX-License-Identifier: Apache-2.0 */
/* The virtual timer PPI through the GIC: 1000 ticks at 1 kHz, none lost, none spurious. */
#include "arch.h"
#include "gic.h"
#include "test.h"
#include "trap.h"

#ifndef GIC_TIMER_TICKS
#define GIC_TIMER_TICKS 1000
#endif
#define GIC_TIMER_HZ   1000
#define GIC_TIMER_PRIO 0xa0

static volatile unsigned long ticks, not_firing, deadline;

static void tick(void)
{
	/* A level interrupt: the timer condition must still hold when the handler runs. */
	if (!timer_pending())
		not_firing++;
	if (++ticks >= GIC_TIMER_TICKS) {
		timer_cancel();
		return;
	}
	deadline += TIMEBASE_HZ / GIC_TIMER_HZ;
	timer_set(deadline);
}

TEST_CASE(gic_timer)
{
	const unsigned long period = TIMEBASE_HZ / GIC_TIMER_HZ;
	unsigned long self = this_hart(), spurious = irq_spurious_count(self), limit;

	ticks = 0;
	not_firing = 0;
	irq_set_handler(IRQ_TIMER, tick);
	gic_set_priority(IRQ_TIMER, GIC_TIMER_PRIO);
	report_eqx(gic_priority(IRQ_TIMER) & GIC_TIMER_PRIO, GIC_TIMER_PRIO,
		   "priority of PPI %d reads back", IRQ_TIMER);
	arch_irq_enable(IRQ_TIMER);
	report(gic_enabled(IRQ_TIMER), "PPI %d reads enabled", IRQ_TIMER);
	limit = time_now() + 4 * period * GIC_TIMER_TICKS + 2 * TIMEBASE_HZ;
	deadline = time_now() + period;
	timer_set(deadline);
	local_irq_enable();
	while (ticks < GIC_TIMER_TICKS && time_now() < limit)
		;
	local_irq_disable();
	timer_cancel();
	arch_irq_disable(IRQ_TIMER);
	irq_set_handler(IRQ_TIMER, NULL);
	report_eq(ticks, GIC_TIMER_TICKS, "PPI %d interrupts taken", IRQ_TIMER);
	report_eq(not_firing, 0, "ticks whose timer condition did not hold in the handler");
	report_eq(irq_spurious_count(self) - spurious, 0, "spurious acknowledges (INTID 1023)");
	report(!gic_enabled(IRQ_TIMER), "PPI %d reads disabled after disabling", IRQ_TIMER);
}
