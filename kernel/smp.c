/* SPDX-License-Identifier: Apache-2.0 */
/* Starting the other CPUs and waiting, bounded, until each says it is online. */
#include <bulwark/arch.h>
#include <bulwark/cpumask.h>
#include <bulwark/errno.h>
#include <bulwark/printk.h>
#include <bulwark/smp.h>
#include <bulwark/atomic.h>
#include <generated/board.h>

_Static_assert(CONFIG_NR_CPUS <= sizeof(unsigned long) * 8, "CPU masks fit one word");

/* Set by each CPU for itself, read by the boot CPU. */
static volatile unsigned long cpus_online;
static volatile unsigned long cpus_failed;

void smp_report_online(unsigned int cpu)
{
	arch_atomic_or_ulong(&cpus_online, 1UL << cpu);
}

void smp_report_failed(unsigned int cpu)
{
	arch_atomic_or_ulong(&cpus_failed, 1UL << cpu);
}

u64 smp_online_mask(void)
{
	return cpus_online;
}

static u64 smp_reported_mask(void)
{
	return cpus_online | cpus_failed;
}

/* Waits until every CPU in expected has reported or the timeout passes. */
static void smp_wait_for_reports(u64 expected)
{
	u64 start = arch_counter_read();
	u64 timeout = arch_counter_freq() / 1000 * SMP_REPORT_TIMEOUT_MS;

	while ((smp_reported_mask() & expected) != expected) {
		if (arch_counter_read() - start > timeout)
			break;
		arch_relax();
	}
	arch_smp_mb();
}

u64 smp_start_secondaries(unsigned int boot_cpu)
{
	unsigned int nr_cpus = MIN(BOARD_NR_CPUS, CONFIG_NR_CPUS);
	u64 started = cpumask_of(boot_cpu);
	u64 silent;

	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++) {
		int err;

		if (cpu == boot_cpu)
			continue;
		err = arch_start_cpu(cpu);
		if (err) {
			pr_warn("CPU %u (%s %lu) not started: %s", cpu, arch_cpu_hw_id_name(),
				arch_cpu_hw_id(cpu), errno_describe(err));
			continue;
		}
		started |= cpumask_of(cpu);
	}

	smp_wait_for_reports(started);

	silent = started & ~smp_reported_mask();
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++) {
		const char *hint;

		if (!cpumask_test(silent, cpu))
			continue;
		hint = arch_cpu_silent_hint(cpu);
		pr_warn("CPU %u (%s %lu) started but did not report within %u ms%s%s", cpu,
			arch_cpu_hw_id_name(), arch_cpu_hw_id(cpu), SMP_REPORT_TIMEOUT_MS,
			hint ? ": " : "", hint ? hint : "");
	}
	return smp_online_mask();
}
