/* SPDX-License-Identifier: Apache-2.0 */
/* A passed-through SPI: the PL031 RTC match interrupt, taken, cleared, masked in the GIC. */
#include <stdint.h>
#include "arch.h"
#include "gic.h"
#include "test.h"

#ifndef RTC_BASE
#define RTC_BASE 0x09010000UL
#endif
#ifndef RTC_IRQ
#define RTC_IRQ 34
#endif
#define RTC_PRIO 0x80

/* PL031 registers. */
#define RTCDR	0x000 /* data: seconds */
#define RTCMR	0x004 /* match */
#define RTCIMSC 0x010 /* interrupt mask set/clear: 1 enables */
#define RTCRIS	0x014 /* raw interrupt status */
#define RTCMIS	0x018 /* masked interrupt status */
#define RTCICR	0x01c /* interrupt clear */

static volatile unsigned long taken, wrong_cpu, target_cpu;
static volatile uint32_t seen_mis, ris_after_clear;

static uint32_t rtc_read(unsigned long reg)
{
	return *(volatile uint32_t *)(RTC_BASE + reg);
}

static void rtc_write(unsigned long reg, uint32_t value)
{
	*(volatile uint32_t *)(RTC_BASE + reg) = value;
}

static void rtc_match_next_second(void)
{
	/* The RTC counts whole seconds: one ahead matches within a second (QEMU: exactly). */
	rtc_write(RTCMR, rtc_read(RTCDR) + 1);
}

static void rtc_interrupt(void)
{
	seen_mis = rtc_read(RTCMIS);
	rtc_write(RTCICR, 1);
	ris_after_clear = rtc_read(RTCRIS);
	if (this_hart() != target_cpu)
		wrong_cpu++;
	taken++;
	/* The runtime writes EOI after this returns. */
}

static bool wait_taken(unsigned long n, unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;

	while (taken < n && time_now() < end)
		;
	return taken >= n;
}

static bool wait_raw(unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;

	while (!(rtc_read(RTCRIS) & 1) && time_now() < end)
		;
	return rtc_read(RTCRIS) & 1;
}

TEST_CASE(gic_spi)
{
	taken = 0;
	wrong_cpu = 0;
	target_cpu = this_hart();
	seen_mis = 0;
	ris_after_clear = ~0U;
	rtc_write(RTCIMSC, 0);
	rtc_write(RTCICR, 1);
	report_eq(rtc_read(RTCRIS) & 1, 0, "RTC raw interrupt clear before the test");
	irq_set_handler(RTC_IRQ, rtc_interrupt);
	gic_set_priority(RTC_IRQ, RTC_PRIO);
	report_eqx(gic_priority(RTC_IRQ), RTC_PRIO, "priority of SPI %d reads back", RTC_IRQ);
	arch_irq_enable(RTC_IRQ);
	report(gic_enabled(RTC_IRQ), "SPI %d reads enabled", RTC_IRQ);
	rtc_write(RTCIMSC, 1);
	local_irq_enable();

	rtc_match_next_second();
	report(wait_taken(1, 2500), "RTC match interrupt (SPI %d) arrives", RTC_IRQ);
	report_eqx(seen_mis & 1, 1, "RTC masked status in the handler");
	report_eqx(ris_after_clear & 1, 0, "RTC raw status after RTCICR");
	report(!gic_pending(RTC_IRQ), "SPI %d not pending after the handler", RTC_IRQ);

	/* Disabled in the GIC, the device's line rises but nothing is delivered. */
	arch_irq_disable(RTC_IRQ);
	rtc_match_next_second();
	report(wait_raw(2500), "RTC raw status rises while SPI %d is disabled", RTC_IRQ);
	delay_ms(10);
	report_eq(taken, 1, "no interrupt while SPI %d is disabled", RTC_IRQ);
	arch_irq_enable(RTC_IRQ);
	report(wait_taken(2, 100), "the held interrupt arrives once SPI %d is enabled", RTC_IRQ);

	local_irq_disable();
	rtc_write(RTCIMSC, 0);
	rtc_write(RTCICR, 1);
	arch_irq_disable(RTC_IRQ);
	irq_set_handler(RTC_IRQ, NULL);
	report_eq(wrong_cpu, 0, "RTC interrupts taken on another cpu than cpu %lu", target_cpu);
}
