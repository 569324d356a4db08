/* SPDX-License-Identifier: Apache-2.0 */
/* A passed-through device interrupt: goldfish RTC alarm through the PLIC, threshold, priority. */
#include <stdint.h>
#include "csr.h"
#include "goldfish_rtc.h"
#include "plic.h"
#include "test.h"
#include "timer.h"
#include "trap.h"

static unsigned int context;
static volatile unsigned long taken;
static volatile uint32_t last_claim;

static void external_interrupt(void)
{
	uint32_t id = plic_claim(context);

	last_claim = id;
	if (id == RTC_IRQ)
		rtc_ack();
	if (id)
		plic_complete(context, id);
	taken++;
}

static bool wait_taken(unsigned long n, unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;

	while (taken < n && time_now() < end)
		;
	return taken >= n;
}

TEST_CASE(plic_rtc)
{
	context = plic_s_context(this_hart());
	taken = 0;
	last_claim = ~0U;
	irq_set_handler(IRQ_S_EXT, external_interrupt);
	plic_set_threshold(context, 0);
	plic_set_priority(RTC_IRQ, 1);
	plic_enable(context, RTC_IRQ, true);
	report_eq(plic_priority(RTC_IRQ), 1, "priority of source %d reads back", RTC_IRQ);
	report(plic_enabled(context, RTC_IRQ), "source %d enabled in context %u", RTC_IRQ, context);
	report_eq(plic_claim(context), 0, "claim with nothing pending");
	csr_set(sie, SIE_SEIE);
	local_irq_enable();

	rtc_alarm_in_ns(2000000);
	report(wait_taken(1, 1000), "RTC alarm interrupt arrives");
	report_eq(last_claim, RTC_IRQ, "claimed source");
	report(!plic_pending(RTC_IRQ), "source %d no longer pending after claim", RTC_IRQ);

	/* A priority not above the threshold masks the source but keeps it pending. */
	plic_set_threshold(context, 1);
	rtc_alarm_in_ns(2000000);
	delay_ms(50);
	report_eq(taken - 1, 0, "no interrupt while threshold 1 >= priority 1");
	report(plic_pending(RTC_IRQ), "source %d pending while masked by the threshold", RTC_IRQ);
	plic_set_threshold(context, 0);
	report(wait_taken(2, 1000), "interrupt arrives once the threshold drops to 0");
	report_eq(last_claim, RTC_IRQ, "claimed source after the threshold drops");

	/* Priority 0 never interrupts. */
	plic_set_priority(RTC_IRQ, 0);
	rtc_alarm_in_ns(2000000);
	delay_ms(50);
	report_eq(taken - 2, 0, "no interrupt while priority is 0");
	plic_set_priority(RTC_IRQ, 1);
	report(wait_taken(3, 1000), "interrupt arrives once the priority is 1 again");
	report_eq(last_claim, RTC_IRQ, "claimed source after the priority rises");

	local_irq_disable();
	csr_clear(sie, SIE_SEIE);
	rtc_stop();
	plic_enable(context, RTC_IRQ, false);
	plic_set_priority(RTC_IRQ, 0);
	irq_set_handler(IRQ_S_EXT, NULL);
}
