/* SPDX-License-Identifier: Apache-2.0 */
/* Starting and stopping a secondary CPU (SBI HSM, PSCI) twice, and starting a started one. */
#include "arch.h"
#include "test.h"

static volatile unsigned long runs, seen_hart, stop_request;

static void secondary(unsigned long hart, void *arg)
{
	(void)arg;
	seen_hart = hart;
	runs++;
	while (!stop_request)
		;
	/* Returning makes the CPU stop itself (SBI hart_stop, PSCI CPU_OFF). */
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
	long other = arch_cpu_find_stopped();
	int round;

	report_eq(arch_cpu_status(this_hart()), CPU_STATUS_ON,
		  "status of the boot " CPU_NOUN " %lu", this_hart());
	if (other < 0) {
		report_skip("needs a second " CPU_NOUN " (none is stopped)");
		return;
	}
	runs = 0;
	for (round = 1; round <= 2; round++) {
		long status;

		stop_request = 0;
		seen_hart = ~0UL;
		report_eq(arch_cpu_start(other, secondary, NULL), CPU_OK,
			  CPU_START_NAME " of " CPU_NOUN " %ld (round %d)", other, round);
		status = arch_cpu_status(other);
		report(status == CPU_STATUS_ON || status == CPU_STATUS_PENDING ||
			   (CPU_START_MAY_READ_OFF && status == CPU_STATUS_OFF),
		       "status right after " CPU_START_NAME " is on or pending (got %ld)", status);
		report(wait_runs(round, 1000), CPU_NOUN " %ld runs its entry (round %d)", other,
		       round);
		report_eq(seen_hart, other, CPU_NOUN " id passed to the started " CPU_NOUN);
		report_eq(arch_cpu_status(other), CPU_STATUS_ON,
			  "status of the running " CPU_NOUN " %ld", other);
		report_eq(arch_cpu_start(other, secondary, NULL), CPU_ERR_ALREADY_ON,
			  CPU_START_NAME " of the already started " CPU_NOUN " %ld", other);
		stop_request = 1;
		report_eq(arch_cpu_wait_status(other, CPU_STATUS_OFF, 1000), CPU_STATUS_OFF,
			  "status after " CPU_STOP_NAME " on " CPU_NOUN " %ld (round %d)", other,
			  round);
	}
	report_eq(runs, 2, "entry runs of " CPU_NOUN " %ld", other);
}
