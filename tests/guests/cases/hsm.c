/* SPDX-License-Identifier: Apache-2.0 */
/* SBI HSM: start, status and stop of a secondary hart, twice, and starting a started hart. */
#include "hsm.h"
#include "sbi.h"
#include "test.h"
#include "timer.h"

static volatile unsigned long runs, seen_hart, stop_request;

static void secondary(unsigned long hart, void *arg)
{
	(void)arg;
	seen_hart = hart;
	runs++;
	while (!stop_request)
		;
	/* Returning makes the hart call SBI hart_stop itself. */
}

static bool wait_runs(unsigned long n, unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;

	while (runs < n && time_now() < end)
		;
	return runs >= n;
}

TEST_CASE(hsm)
{
	long other = hsm_find_stopped_hart();
	int round;

	report_eq(hsm_status(this_hart()), SBI_HSM_STARTED, "status of the boot hart %lu",
		  this_hart());
	if (other < 0) {
		report_skip("needs a second hart (none is stopped)");
		return;
	}
	runs = 0;
	for (round = 1; round <= 2; round++) {
		long status;

		stop_request = 0;
		seen_hart = ~0UL;
		report_eq(hsm_start(other, secondary, NULL), SBI_SUCCESS,
			  "hart_start of hart %ld (round %d)", other, round);
		status = hsm_status(other);
		report(status == SBI_HSM_STARTED || status == SBI_HSM_START_PENDING,
		       "status right after hart_start is STARTED or START_PENDING (got %ld)",
		       status);
		report(wait_runs(round, 1000), "hart %ld runs its entry (round %d)", other, round);
		report_eq(seen_hart, other, "hart id in a0 of the started hart");
		report_eq(hsm_status(other), SBI_HSM_STARTED, "status of the running hart %ld",
			  other);
		report_eq(hsm_start(other, secondary, NULL), SBI_ERR_ALREADY_AVAILABLE,
			  "hart_start of the already started hart %ld", other);
		stop_request = 1;
		report_eq(hsm_wait_status(other, SBI_HSM_STOPPED, 1000), SBI_HSM_STOPPED,
			  "status after hart_stop on hart %ld (round %d)", other, round);
	}
	report_eq(runs, 2, "entry runs of hart %ld", other);
}
