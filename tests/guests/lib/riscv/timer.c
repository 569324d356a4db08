/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Supervisor timer deadlines through Sstc when the CSR exists, else SBI TIME.
 * time_now() is an unsigned long: on RV64 the time CSR itself; on RV32 the
 * 64-bit time (time and timeh) counted from the runtime's start, which at
 * QEMU's 10 MHz wraps after about 7 minutes, longer than any test takes.
 * Deadlines go back to the 64-bit counter's values for the hardware.
 */
#include "csr.h"
#include "sbi.h"
#include "timer.h"
#include "trap.h"

static bool have_sstc;

#if __riscv_xlen == 32
static unsigned long long time_base;

static unsigned long long time64(void)
{
	unsigned long hi, lo;

	/* Again if the low half carried into the high one between the reads. */
	do {
		hi = csr_read(timeh);
		lo = csr_read(time);
	} while (hi != csr_read(timeh));
	return (unsigned long long)hi << 32 | lo;
}
#endif

void timer_init(void)
{
	struct fault_info f;
	unsigned long v = 0;

#if __riscv_xlen == 32
	if (!time_base)
		time_base = time64();
#endif
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

#if __riscv_xlen == 64
unsigned long time_now(void)
{
	return csr_read(time);
}

unsigned long long timer_counter_at(unsigned long t)
{
	return t;
}

void timer_set(unsigned long deadline)
{
	if (have_sstc)
		__asm__ volatile("csrw %0, %1" ::"i"(CSR_STIMECMP), "r"(deadline) : "memory");
	else
		sbi_set_timer(deadline);
}
#else
unsigned long time_now(void)
{
	return (unsigned long)(time64() - time_base);
}

unsigned long long timer_counter_at(unsigned long t)
{
	return t == ~0UL ? ~0ULL : time_base + t;
}

void timer_set(unsigned long deadline)
{
	unsigned long long at = timer_counter_at(deadline);

	if (have_sstc) {
		/* Low half all ones first: no deadline earlier than both old and new in between. */
		__asm__ volatile("csrw %0, %1" ::"i"(CSR_STIMECMP), "r"(~0UL) : "memory");
		__asm__ volatile("csrw %0, %1" ::"i"(CSR_STIMECMPH), "r"((unsigned long)(at >> 32))
				 : "memory");
		__asm__ volatile("csrw %0, %1" ::"i"(CSR_STIMECMP), "r"((unsigned long)at)
				 : "memory");
	} else {
		sbi_set_timer(at);
	}
}
#endif

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
