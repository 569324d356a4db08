/* SPDX-License-Identifier: Apache-2.0 */
/* SBI calls with bad arguments fail cleanly; a far-future timer never fires. */
#include "csr.h"
#include "sbi.h"
#include "test.h"
#include "timer.h"

#ifndef BAD_HART
#define BAD_HART 1000UL
#endif

extern char _start[];

static bool timer_pending_within(unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;

	while (!(csr_read(sip) & SIP_STIP) && time_now() < end)
		;
	return csr_read(sip) & SIP_STIP;
}

TEST_CASE(bad_args)
{
	struct sbiret r;

	r = sbi_hart_start(BAD_HART, (unsigned long)_start, 0);
	report_eq(r.error, SBI_ERR_INVALID_PARAM, "hart_start of nonexistent hart %lu", BAD_HART);
	r = sbi_hart_status(BAD_HART);
	report_eq(r.error, SBI_ERR_INVALID_PARAM, "hart_get_status of nonexistent hart %lu",
		  BAD_HART);
	r = sbi_call(SBI_EXT_HSM, 0x77, 0, 0, 0, 0, 0);
	report_eq(r.error, SBI_ERR_NOT_SUPPORTED, "unknown HSM function 0x77");
	/* base_addr_hi != 0 puts the buffer above 2^64: no memory can be there. */
	r = sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 16, (unsigned long)_start, 1, 0, 0);
	report(r.error != SBI_SUCCESS,
	       "DBCN write with base_addr_hi 1 fails (error %ld, value %ld)", r.error, r.value);

	/* Interrupts stay off: only sip shows whether the timer fired. */
	r = sbi_set_timer(timer_counter_at(time_now()));
	report_eq(r.error, SBI_SUCCESS, "SBI set_timer to now");
	report(timer_pending_within(100), "timer set to now becomes pending");
	r = sbi_set_timer(~0ULL);
	report_eq(r.error, SBI_SUCCESS, "SBI set_timer to the far future");
	report(!timer_pending_within(20), "far-future timer clears the pending interrupt");
	r = sbi_set_timer(timer_counter_at(time_now() + 1000 * TICKS_PER_MS));
	report_eq(r.error, SBI_SUCCESS, "SBI set_timer one second ahead");
	report(!timer_pending_within(20), "timer one second ahead is not pending yet");
	timer_cancel();
}
