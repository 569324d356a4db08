/* SPDX-License-Identifier: Apache-2.0 */
/* The benchmark guest's RISC-V parts: instret, SBI, PLIC or APLIC and the goldfish RTC alarm. */
#include "../arch.h"
#include "../bench.h"
#include "../test.h"
#include "csr.h"
#include "aplic.h"
#include "plic.h"
#include "sbi.h"

#define RTC_BASE	    0x101000UL
#define RTC_IRQ		    11
#define RTC_TIME_LOW	    0x00
#define RTC_TIME_HIGH	    0x04
#define RTC_ALARM_LOW	    0x08
#define RTC_ALARM_HIGH	    0x0c
#define RTC_IRQ_ENABLED	    0x10
#define RTC_CLEAR_INTERRUPT 0x1c

static uint32_t rtc_read(unsigned long reg)
{
	return *(volatile uint32_t *)(RTC_BASE + reg);
}

static void rtc_write(unsigned long reg, uint32_t value)
{
	*(volatile uint32_t *)(RTC_BASE + reg) = value;
}

void bench_counter_init(void)
{
}

unsigned long bench_counter(void)
{
	unsigned long value;

	__asm__ __volatile__("rdinstret %0" : "=r"(value));
	return value;
}

long bench_null_call(void)
{
	return sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0).value;
}

uint32_t bench_mmio_read(void)
{
#ifdef GUEST_APLIC
	return aplic_priority(RTC_IRQ);
#else
	return plic_priority(RTC_IRQ);
#endif
}

void bench_ipi_ack(void)
{
	csr_clear(sip, SIE_SSIE);
}

bool bench_device_available(void)
{
	return true;
}

void bench_device_arm(unsigned long delay_ns)
{
	/* Reading TIME_LOW latches TIME_HIGH; writing ALARM_LOW arms the alarm. */
	uint64_t now = rtc_read(RTC_TIME_LOW);
	uint64_t alarm;

	now |= (uint64_t)rtc_read(RTC_TIME_HIGH) << 32;
	alarm = now + delay_ns;
#ifdef GUEST_APLIC
	aplic_source(RTC_IRQ, APLIC_SM_LEVEL1, this_hart(), 1);
	aplic_enable(RTC_IRQ, true);
#else
	plic_set_priority(RTC_IRQ, 1);
	plic_enable(plic_s_context(this_hart()), RTC_IRQ, true);
#endif
	rtc_write(RTC_IRQ_ENABLED, 1);
	rtc_write(RTC_ALARM_HIGH, (uint32_t)(alarm >> 32));
	rtc_write(RTC_ALARM_LOW, (uint32_t)alarm);
}

void bench_device_ack(void)
{
	rtc_write(RTC_CLEAR_INTERRUPT, 1);
}

unsigned int bench_device_irq(void)
{
	return RTC_IRQ;
}
