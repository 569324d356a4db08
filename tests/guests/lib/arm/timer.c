/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The PL1 virtual timer: CNTVCT counts, CNTV_CVAL deadlines, PPI 27
 * interrupts. time_now() is an unsigned long, 32 bits here, so the runtime
 * counts from its own start in units of 16 counter ticks (256 ns at QEMU's
 * 62.5 MHz): it wraps after about 18 minutes instead of the counter's 68 s,
 * longer than any test takes even on a loaded host. Deadlines are turned
 * back into the 64-bit counter's values for CNTV_CVAL.
 */
#include "../arch.h"
#include "sysreg.h"
#include "timer.h"

#define TIME_SHIFT 4

unsigned long timebase_hz = 62500000UL >> TIME_SHIFT;
static uint64_t time_base;

void timer_init(void)
{
	timebase_hz = CP15_READ(0, c14, c0, 0) >> TIME_SHIFT; /* CNTFRQ */
	isb();
	time_base = CP15_READ64(1, c14); /* CNTVCT */
	timer_cancel();
}

unsigned long time_now(void)
{
	isb();
	return (unsigned long)((CP15_READ64(1, c14) - time_base) >> TIME_SHIFT);
}

static void set_cval(uint64_t cval)
{
	CP15_WRITE64(cval, 3, c14);		   /* CNTV_CVAL */
	CP15_WRITE(CNT_CTL_ENABLE, 0, c14, c3, 1); /* CNTV_CTL */
	isb();
}

uint64_t timer_counter_at(unsigned long t)
{
	return t == ~0UL ? ~0ULL : time_base + ((uint64_t)t << TIME_SHIFT);
}

void timer_set(unsigned long deadline)
{
	set_cval(timer_counter_at(deadline));
}

void timer_cancel(void)
{
	set_cval(~0ULL);
}

void timer_set_backstop(unsigned long deadline)
{
	uint64_t virt = CP15_READ64(1, c14), phys = CP15_READ64(0, c14); /* CNTVCT, CNTPCT */

	/* CNTP counts the physical counter: the deadline less the virtual offset. */
	CP15_WRITE64(timer_counter_at(deadline) - (virt - phys), 2, c14); /* CNTP_CVAL */
	CP15_WRITE(CNT_CTL_ENABLE | CNT_CTL_IMASK, 0, c14, c2, 1);	  /* CNTP_CTL */
	isb();
}

bool timer_pending(void)
{
	isb();
	return CP15_READ(0, c14, c3, 1) & CNT_CTL_ISTATUS;
}

const char *timer_kind(void)
{
	return "CNTV_CVAL and PPI 27";
}

void delay_ms(unsigned long ms)
{
	unsigned long start = time_now(), ticks = ms * TICKS_PER_MS;

	while (time_now() - start < ticks)
		;
}
