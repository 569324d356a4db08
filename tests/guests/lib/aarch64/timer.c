/* SPDX-License-Identifier: Apache-2.0 */
/* The EL1 virtual timer: CNTVCT_EL0 counts, CNTV_CVAL_EL0 deadlines, PPI 27 interrupts. */
#include "../arch.h"
#include "sysreg.h"
#include "timer.h"

unsigned long timebase_hz = 62500000UL;

void timer_init(void)
{
	timebase_hz = read_sysreg(cntfrq_el0);
	timer_cancel();
}

unsigned long time_now(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

void timer_set(unsigned long deadline)
{
	write_sysreg(cntv_cval_el0, deadline);
	write_sysreg(cntv_ctl_el0, CNT_CTL_ENABLE);
	isb();
}

void timer_cancel(void)
{
	timer_set(~0UL);
}

void timer_set_backstop(unsigned long deadline)
{
	unsigned long virt, phys;

	isb();
	virt = read_sysreg(cntvct_el0);
	phys = read_sysreg(cntpct_el0);
	/* CNTP counts the physical counter: the deadline less the virtual offset. */
	write_sysreg(cntp_cval_el0, deadline - (virt - phys));
	write_sysreg(cntp_ctl_el0, CNT_CTL_ENABLE | CNT_CTL_IMASK);
	isb();
}

bool timer_pending(void)
{
	isb();
	return read_sysreg(cntv_ctl_el0) & CNT_CTL_ISTATUS;
}

const char *timer_kind(void)
{
	return "CNTV_CVAL_EL0 and PPI 27";
}

void delay_ms(unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;

	while (time_now() < end)
		;
}
