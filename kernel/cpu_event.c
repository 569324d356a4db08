/* SPDX-License-Identifier: Apache-2.0 */
/* Posting events between physical CPUs, and each CPU's word of work to do. */
#include <bulwark/arch.h>
#include <bulwark/cpu_event.h>
#include <bulwark/atomic.h>

_Static_assert(CPU_EVENT_COUNT + 2 <= sizeof(unsigned long) * 8, "events and work fit a word");

volatile unsigned long cpu_work_words[CONFIG_NR_CPUS];

void cpu_event_post(unsigned int cpu, enum cpu_event event)
{
	/* Fully ordered: what the event is about is visible before its bit and its IPI. */
	arch_atomic_or_ulong(&cpu_work_words[cpu], 1UL << event);
	if (cpu != arch_cpu_id())
		arch_send_event_ipi(cpu);
}

void cpu_work_mark_self(unsigned int cpu, unsigned long bits)
{
	arch_atomic_or_ulong(&cpu_work_words[cpu], bits & ~CPU_EVENTS_MASK);
}

unsigned long cpu_event_take(unsigned int cpu)
{
	return arch_atomic_swap_ulong(&cpu_work_words[cpu], 0);
}

unsigned long cpu_event_pending(unsigned int cpu)
{
	return cpu_work_words[cpu] & CPU_EVENTS_MASK;
}
