/* SPDX-License-Identifier: Apache-2.0 */
/* PSCI 1.1: version, features, CPU_ON/CPU_OFF/AFFINITY_INFO states and errors, HVC and SMC. */
#include "arch.h"
#include "psci.h"
#include "test.h"

/* An affinity no QEMU virt machine or Bulwark VM has: Aff1 = 0xfe. */
#define PSCI_BAD_MPIDR 0xfe00UL

static const struct {
	const char *name;
	unsigned long id;
} functions[] = {
    {"PSCI_VERSION", PSCI_VERSION},   {"CPU_OFF", PSCI_CPU_OFF},
    {"CPU_ON", PSCI_CPU_ON},	      {"AFFINITY_INFO", PSCI_AFFINITY_INFO},
    {"SYSTEM_OFF", PSCI_SYSTEM_OFF},  {"SYSTEM_RESET", PSCI_SYSTEM_RESET},
    {"PSCI_FEATURES", PSCI_FEATURES},
};

static volatile unsigned long runs, release;

static void secondary(unsigned long cpu, void *arg)
{
	(void)cpu;
	(void)arg;
	runs++;
	while (!release)
		;
}

static bool wait_runs(unsigned long n, unsigned long ms)
{
	unsigned long end = time_now() + ms * TICKS_PER_MS;

	while (runs < n && time_now() < end)
		;
	return runs >= n;
}

/* The calls that need no second CPU, through one conduit. */
static void errors_and_states(enum psci_conduit c, const char *how)
{
	unsigned long self = this_hart();

	report_eqx(psci_call(c, PSCI_VERSION, 0, 0, 0), 0x10001, "%s: PSCI_VERSION is 1.1", how);
	report_eq(psci_call(c, PSCI_AFFINITY_INFO, self, 0, 0), PSCI_AFFINITY_ON,
		  "%s: AFFINITY_INFO of this cpu %lu", how, self);
	report_eq(psci_call(c, PSCI_AFFINITY_INFO, PSCI_BAD_MPIDR, 0, 0), PSCI_INVALID_PARAMETERS,
		  "%s: AFFINITY_INFO of nonexistent affinity 0x%lx", how, PSCI_BAD_MPIDR);
	report_eq(psci_call(c, PSCI_CPU_ON, self, (unsigned long)psci_secondary_entry, self),
		  PSCI_ALREADY_ON, "%s: CPU_ON of this cpu %lu", how, self);
	report_eq(psci_call(c, PSCI_CPU_ON, PSCI_BAD_MPIDR, (unsigned long)psci_secondary_entry, 0),
		  PSCI_INVALID_PARAMETERS, "%s: CPU_ON of nonexistent affinity 0x%lx", how,
		  PSCI_BAD_MPIDR);
	report_eq(psci_call(c, PSCI_FEATURES, PSCI_UNASSIGNED, 0, 0), PSCI_NOT_SUPPORTED,
		  "%s: PSCI_FEATURES of unassigned function 0x%lx", how, PSCI_UNASSIGNED);
	report_eq(psci_call(c, PSCI_UNASSIGNED, 0, 0, 0), PSCI_NOT_SUPPORTED,
		  "%s: call of unassigned function 0x%lx", how, PSCI_UNASSIGNED);
}

TEST_CASE(psci)
{
	long other = arch_cpu_find_stopped();
	unsigned int i;

	errors_and_states(PSCI_HVC, "HVC");
	for (i = 0; i < sizeof(functions) / sizeof(functions[0]); i++)
		report_eq(psci_call(PSCI_HVC, PSCI_FEATURES, functions[i].id, 0, 0), 0,
			  "PSCI_FEATURES of %s (0x%lx)", functions[i].name, functions[i].id);
	if (other < 0) {
		report_skip("CPU_ON and CPU_OFF need a second cpu (none is off)");
	} else {
		runs = 0;
		release = 0;
		report_eq(arch_cpu_start(other, secondary, NULL), PSCI_SUCCESS, "CPU_ON of cpu %ld",
			  other);
		report(wait_runs(1, 1000), "cpu %ld runs its entry with its context id", other);
		report_eq(arch_cpu_status(other), PSCI_AFFINITY_ON,
			  "AFFINITY_INFO of running cpu %ld", other);
		release = 1;
		report_eq(arch_cpu_wait_status(other, PSCI_AFFINITY_OFF, 1000), PSCI_AFFINITY_OFF,
			  "AFFINITY_INFO after CPU_OFF on cpu %ld", other);
	}
#if defined(GUEST_UNDER_HYPERVISOR) && !defined(GUEST_PSCI_NO_SMC)
	/*
	 * At EL1 without EL3 an SMC is undefined; a hypervisor traps it and
	 * answers PSCI. Armv8-R (GUEST_PSCI_NO_SMC, board.mk) has no SMC trap:
	 * the instruction stays undefined at EL1 whatever HCR.TSC says.
	 */
	errors_and_states(PSCI_SMC, "SMC");
#endif
}
