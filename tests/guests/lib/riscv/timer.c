/* SPDX-License-Identifier: Apache-2.0 */
/* Supervisor timer deadlines through Sstc when the CSR exists, else SBI TIME. */
#include "csr.h"
#include "sbi.h"
#include "timer.h"
#include "trap.h"

static bool have_sstc;

void timer_init(void)
{
	struct fault_info f;
	unsigned long v = 0;

	fault_expect();
	__asm__ volatile("csrr %0, %1" : "=r"(v) : "i"(CSR_STIMECMP) : "memory");
	f = fault_take();
	have_sstc = !f.taken;
	(void)v;
	timer_cancel();
}

bool timer_has_sstc(void)
{
	return have_sstc;
}

unsigned long time_now(void)
{
	return csr_read(time);
}

void timer_set(unsigned long deadline)
{
	if (have_sstc)
		__asm__ volatile("csrw %0, %1" ::"i"(CSR_STIMECMP), "r"(deadline) : "memory");
	else
		sbi_set_timer(deadline);
}

void timer_cancel(void)
{
	timer_set(~0UL);
}

/* A hart has one timer (stimecmp or the SBI's): nothing to arm. */
void timer_set_backstop(unsigned long deadline)
{
	(void)deadline;
}

bool timer_pending(void)
{
	return csr_read(sip) & SIP_STIP;
}

const char *timer_kind(void)
{
	return have_sstc ? "Sstc stimecmp" : "SBI set_timer";
}

void arch_irq_enable(unsigned int irq)
{
	csr_set(sie, 1UL << (irq & 63));
}

void arch_irq_disable(unsigned int irq)
{
	csr_clear(sie, 1UL << (irq & 63));
}

void delay_ms(unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;

	while (time_now() < end)
		;
}
