/* SPDX-License-Identifier: Apache-2.0 */
/* PSCI calls, the arch CPU API on CPU_ON/CPU_OFF/AFFINITY_INFO, reboot and power off. */
#include "../arch.h"
#include "../printf.h"
#include "../test.h"
#include "gic.h"
#include <psci.h> /* lib/<arch>/psci.h: AArch32 shares this file with its own ids */

struct secondary {
	void (*fn)(unsigned long cpu, void *arg);
	void *arg;
};

static struct secondary secondaries[MAX_HARTS];

static long psci(unsigned long fn, unsigned long a1, unsigned long a2, unsigned long a3)
{
	return psci_call(PSCI_HVC, fn, a1, a2, a3);
}

long arch_cpu_start(unsigned long cpu, void (*fn)(unsigned long cpu, void *arg), void *arg)
{
	if (cpu < MAX_HARTS) {
		secondaries[cpu].fn = fn;
		secondaries[cpu].arg = arg;
	}
	arch_mb();
	/* The target is an affinity (Aff0 = cpu), never MPIDR_EL1 with its bit 31. */
	return psci(PSCI_CPU_ON, cpu, (unsigned long)psci_secondary_entry, cpu);
}

/* Called by start.S on a CPU started with CPU_ON, with its stack and vectors set. */
void psci_secondary_main(unsigned long cpu, unsigned long context)
{
	struct secondary *s = &secondaries[cpu];

	if (context != cpu)
		test_abort("cpu %lu started with context id %lu", cpu, context);
	gic_cpu_init();
	arch_mb();
	if (s->fn)
		s->fn(cpu, s->arg);
	psci(PSCI_CPU_OFF, 0, 0, 0);
	test_abort("cpu %lu: PSCI CPU_OFF returned", cpu);
}

long arch_cpu_status(unsigned long cpu)
{
	return psci(PSCI_AFFINITY_INFO, cpu, 0, 0);
}

long arch_cpu_wait_status(unsigned long cpu, long status, unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;
	long now;

	do {
		now = arch_cpu_status(cpu);
	} while (now != status && time_now() < end);
	return now;
}

long arch_cpu_find_stopped(void)
{
	unsigned long cpu;

	for (cpu = 0; cpu < MAX_HARTS; cpu++) {
		if (arch_cpu_status(cpu) == PSCI_AFFINITY_OFF)
			return (long)cpu;
	}
	return -1;
}

long arch_system_reset(void)
{
	return psci(PSCI_SYSTEM_RESET, 0, 0, 0);
}

void arch_shutdown(void)
{
	long err = psci(PSCI_SYSTEM_OFF, 0, 0, 0);
	char msg[48];

	/* Only reached when SYSTEM_OFF is refused: say so, then stay parked. */
	arch_console_write(
	    msg, (unsigned long)snprintf(msg, sizeof(msg), "PSCI SYSTEM_OFF returned %ld\n", err));
	for (;;)
		wait_for_interrupt();
}
