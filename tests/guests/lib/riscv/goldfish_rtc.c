/* SPDX-License-Identifier: Apache-2.0 */
/* The goldfish RTC alarm, for the cases and the benchmark that need a device interrupt. */
#include "goldfish_rtc.h"

#define RTC_TIME_LOW	    0x00
#define RTC_TIME_HIGH	    0x04
#define RTC_ALARM_LOW	    0x08
#define RTC_ALARM_HIGH	    0x0c
#define RTC_IRQ_ENABLED	    0x10
#define RTC_CLEAR_ALARM	    0x14
#define RTC_CLEAR_INTERRUPT 0x1c

static uint32_t rtc_read(unsigned long reg)
{
	return *(volatile uint32_t *)(RTC_BASE + reg);
}

static void rtc_write(unsigned long reg, uint32_t value)
{
	*(volatile uint32_t *)(RTC_BASE + reg) = value;
}

void rtc_alarm_in_ns(uint64_t ns)
{
	/* Reading TIME_LOW latches TIME_HIGH; writing ALARM_LOW arms the alarm. */
	uint64_t now = rtc_read(RTC_TIME_LOW);
	uint64_t alarm;

	now |= (uint64_t)rtc_read(RTC_TIME_HIGH) << 32;
	alarm = now + ns;
	rtc_write(RTC_IRQ_ENABLED, 1);
	rtc_write(RTC_ALARM_HIGH, (uint32_t)(alarm >> 32));
	rtc_write(RTC_ALARM_LOW, (uint32_t)alarm);
}

void rtc_ack(void)
{
	rtc_write(RTC_CLEAR_INTERRUPT, 1);
}

void rtc_stop(void)
{
	rtc_write(RTC_IRQ_ENABLED, 0);
	rtc_write(RTC_CLEAR_ALARM, 1);
	rtc_write(RTC_CLEAR_INTERRUPT, 1);
}
