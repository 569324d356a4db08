/* SPDX-License-Identifier: Apache-2.0 */
/* The arch CPU API on SBI HSM: starts secondary harts running a C function, status, stop. */
#include "../test.h"
#include "sbi.h"
#include "timer.h"
#include "trap.h"

struct secondary {
	void (*fn)(unsigned long hart, void *arg);
	void *arg;
};

static struct secondary secondaries[MAX_HARTS];

extern char hsm_secondary_entry[];

long arch_cpu_start(unsigned long hart, void (*fn)(unsigned long hart, void *arg), void *arg)
{
	if (hart < MAX_HARTS) {
		secondaries[hart].fn = fn;
		secondaries[hart].arg = arg;
	}
	arch_mb();
	return sbi_hart_start(hart, (unsigned long)hsm_secondary_entry, hart).error;
}

/* Called by start.S on a started hart, with its stack and trap vector set. */
void hsm_secondary_main(unsigned long hart, unsigned long opaque)
{
	struct secondary *s = &secondaries[hart];

	if (opaque != hart)
		test_abort("hart %lu started with opaque %lu", hart, opaque);
	arch_mb();
	if (s->fn)
		s->fn(hart, s->arg);
	sbi_hart_stop();
	test_abort("hart %lu: SBI hart_stop returned", hart);
}

long arch_cpu_status(unsigned long hart)
{
	struct sbiret r = sbi_hart_status(hart);

	return r.error ? r.error : r.value;
}

long arch_cpu_wait_status(unsigned long hart, long status, unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;
	long now;

	do {
		now = arch_cpu_status(hart);
	} while (now != status && time_now() < end);
	return now;
}

long arch_cpu_find_stopped(void)
{
	unsigned long hart;

	for (hart = 0; hart < MAX_HARTS; hart++) {
		if (arch_cpu_status(hart) == SBI_HSM_STOPPED)
			return (long)hart;
	}
	return -1;
}
