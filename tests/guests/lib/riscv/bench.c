/* SPDX-License-Identifier: Apache-2.0 */
/* The benchmark guest's RISC-V parts: instret, SBI, PLIC or APLIC and the goldfish RTC alarm. */
#include "../arch.h"
#include "../bench.h"
#include "../test.h"
#include "csr.h"
#include "goldfish_rtc.h"
#include "aplic.h"
#include "plic.h"
#include "sbi.h"

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
#ifdef GUEST_APLIC
	aplic_source(RTC_IRQ, APLIC_SM_LEVEL1, this_hart(), 1);
	aplic_enable(RTC_IRQ, true);
#else
	plic_set_priority(RTC_IRQ, 1);
	plic_enable(plic_s_context(this_hart()), RTC_IRQ, true);
#endif
	rtc_alarm_in_ns(delay_ns);
}

void bench_device_ack(void)
{
	rtc_ack();
}

unsigned int bench_device_irq(void)
{
	return RTC_IRQ;
}
