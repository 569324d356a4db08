/* SPDX-License-Identifier: Apache-2.0 */
/* The benchmark guest's RISC-V parts: instret, SBI, PLIC, APLIC or IMSIC and the goldfish RTC
 * alarm. */
#include "../arch.h"
#include "../bench.h"
#include "../test.h"
#include "csr.h"
#include "goldfish_rtc.h"
#include "aplic.h"
#include "imsic.h"
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
#if defined(GUEST_APLIC)
	return aplic_priority(RTC_IRQ);
#elif defined(GUEST_IMSIC)
	return aplic_read(APLIC_TARGET(RTC_IRQ));
#else
	return plic_priority(RTC_IRQ);
#endif
}

void bench_ipi_ack(void)
{
	csr_clear(sip, SIE_SSIE);
}

void bench_ipi_enable(void (*handler)(void))
{
#ifdef GUEST_IMSIC
	imsic_ipi_enable(handler);
#else
	arch_ipi_enable();
	irq_set_handler(IRQ_IPI, handler);
#endif
}

void bench_ipi_send(unsigned long cpu)
{
#ifdef GUEST_IMSIC
	imsic_send(cpu, IMSIC_IPI_ID);
#else
	(void)arch_ipi_send(cpu);
#endif
}

bool bench_device_available(void)
{
	return true;
}

void bench_device_arm(unsigned long delay_ns)
{
#if defined(GUEST_APLIC)
	aplic_source(RTC_IRQ, APLIC_SM_LEVEL1, this_hart(), 1);
	aplic_enable(RTC_IRQ, true);
#elif defined(GUEST_IMSIC)
	arch_dev_irq_enable(RTC_IRQ);
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
