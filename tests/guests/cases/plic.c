/* SPDX-License-Identifier: Apache-2.0 */
/* A passed-through device interrupt: goldfish RTC alarm through the PLIC, threshold, priority. */
#include <stdint.h>
#include "csr.h"
#include "plic.h"
#include "test.h"
#include "timer.h"
#include "trap.h"

#ifndef RTC_BASE
#define RTC_BASE 0x101000UL
#endif
#ifndef RTC_IRQ
#define RTC_IRQ 11
#endif

#define RTC_TIME_LOW	    0x00
#define RTC_TIME_HIGH	    0x04
#define RTC_ALARM_LOW	    0x08
#define RTC_ALARM_HIGH	    0x0c
#define RTC_IRQ_ENABLED	    0x10
#define RTC_CLEAR_ALARM	    0x14
#define RTC_CLEAR_INTERRUPT 0x1c

static unsigned int context;
static volatile unsigned long taken;
static volatile uint32_t last_claim;

static uint32_t rtc_read(unsigned long reg)
{
	return *(volatile uint32_t *)(RTC_BASE + reg);
}

static void rtc_write(unsigned long reg, uint32_t value)
{
	*(volatile uint32_t *)(RTC_BASE + reg) = value;
}

static void rtc_alarm_in_ms(unsigned long ms)
{
	/* Reading TIME_LOW latches TIME_HIGH; writing ALARM_LOW arms the alarm. */
	uint64_t now = rtc_read(RTC_TIME_LOW);
	uint64_t alarm;

	now |= (uint64_t)rtc_read(RTC_TIME_HIGH) << 32;
	alarm = now + ms * 1000000ULL;
	rtc_write(RTC_IRQ_ENABLED, 1);
	rtc_write(RTC_ALARM_HIGH, (uint32_t)(alarm >> 32));
	rtc_write(RTC_ALARM_LOW, (uint32_t)alarm);
}

static void external_interrupt(void)
{
	uint32_t id = plic_claim(context);

	last_claim = id;
	if (id == RTC_IRQ)
		rtc_write(RTC_CLEAR_INTERRUPT, 1);
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

	rtc_alarm_in_ms(2);
	report(wait_taken(1, 1000), "RTC alarm interrupt arrives");
	report_eq(last_claim, RTC_IRQ, "claimed source");
	report(!plic_pending(RTC_IRQ), "source %d no longer pending after claim", RTC_IRQ);

	/* A priority not above the threshold masks the source but keeps it pending. */
	plic_set_threshold(context, 1);
	rtc_alarm_in_ms(2);
	delay_ms(50);
	report_eq(taken - 1, 0, "no interrupt while threshold 1 >= priority 1");
	report(plic_pending(RTC_IRQ), "source %d pending while masked by the threshold", RTC_IRQ);
	plic_set_threshold(context, 0);
	report(wait_taken(2, 1000), "interrupt arrives once the threshold drops to 0");
	report_eq(last_claim, RTC_IRQ, "claimed source after the threshold drops");

	/* Priority 0 never interrupts. */
	plic_set_priority(RTC_IRQ, 0);
	rtc_alarm_in_ms(2);
	delay_ms(50);
	report_eq(taken - 2, 0, "no interrupt while priority is 0");
	plic_set_priority(RTC_IRQ, 1);
	report(wait_taken(3, 1000), "interrupt arrives once the priority is 1 again");
	report_eq(last_claim, RTC_IRQ, "claimed source after the priority rises");

	local_irq_disable();
	csr_clear(sie, SIE_SEIE);
	rtc_write(RTC_IRQ_ENABLED, 0);
	rtc_write(RTC_CLEAR_ALARM, 1);
	rtc_write(RTC_CLEAR_INTERRUPT, 1);
	plic_enable(context, RTC_IRQ, false);
	plic_set_priority(RTC_IRQ, 0);
	irq_set_handler(IRQ_S_EXT, NULL);
}
