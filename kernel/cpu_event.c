/* SPDX-License-Identifier: Apache-2.0 */
/* Posting events between physical CPUs. */
#include <bulwark/arch.h>
#include <bulwark/cpu_event.h>
#include <bulwark/atomic.h>

static volatile unsigned long cpu_events[CONFIG_NR_CPUS];

void cpu_event_post(unsigned int cpu, enum cpu_event event)
{
	arch_atomic_or_ulong(&cpu_events[cpu], 1UL << event);
	if (cpu != arch_cpu_id())
		arch_send_event_ipi(cpu);
}

unsigned long cpu_event_take(unsigned int cpu)
{
	return arch_atomic_swap_ulong(&cpu_events[cpu], 0);
}

unsigned long cpu_event_pending(unsigned int cpu)
{
	return cpu_events[cpu];
}
