/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Events one physical CPU posts to another: a bit in the target's word and
 * an IPI. The target handles them on its next trap or while idle.
 *
 * The same word holds work a CPU gives itself (CPU_WORK_*: never posted by
 * another, never an interrupt), so the way back to a guest tests one word
 * for everything it may have to do: cpu_work_pending().
 */
#ifndef BULWARK_CPU_EVENT_H
#define BULWARK_CPU_EVENT_H

#include <bulwark/types.h>

enum cpu_event {
	CPU_EVENT_LINES = 0, /* re-read the vCPU's interrupt lines */
	CPU_EVENT_STOP,	     /* the vCPU must stop (VM stopped or rebooting) */
	CPU_EVENT_START,     /* the vCPU was asked to start */
	CPU_EVENT_FENCE_VMA, /* flush guest translations */
	CPU_EVENT_FENCE_I,   /* flush the instruction cache as well */
	CPU_EVENT_IPC,	     /* a peer rang the VM's IPC doorbells */
	CPU_EVENT_CONSOLE,   /* the UART is free again: write out what is queued */
	CPU_EVENT_COUNT,
};

#define CPU_EVENTS_MASK ((1UL << CPU_EVENT_COUNT) - 1)
/* Output this CPU queued found the UART busy: it is still to be written out. */
#define CPU_WORK_CONSOLE (1UL << CPU_EVENT_COUNT)
/* The vCPU was stopped: the way back to the guest must look at its state. */
#define CPU_WORK_PARK (1UL << (CPU_EVENT_COUNT + 1))

/* Each CPU's events and own work; only cpu_event.c writes it. */
extern volatile unsigned long cpu_work_words[CONFIG_NR_CPUS];

/*
 * Post event to cpu and interrupt it (nothing is sent to the caller
 * itself). The bit is set before the interrupt is sent, so the target
 * either sees it on the way back to its guest or is interrupted after.
 */
void cpu_event_post(unsigned int cpu, enum cpu_event event);

/* Marks CPU_WORK_* bits for the calling CPU itself: no interrupt. */
void cpu_work_mark_self(unsigned int cpu, unsigned long bits);

/* Take (and clear) the calling CPU's pending events and own work, as a bit mask. */
unsigned long cpu_event_take(unsigned int cpu);

/* Events posted but not yet taken by cpu, for waiting on them (own work left out). */
unsigned long cpu_event_pending(unsigned int cpu);

/* Anything at all for cpu, events or its own work: one load, for the trap path. */
static inline unsigned long cpu_work_pending(unsigned int cpu)
{
	return cpu_work_words[cpu];
}

#endif /* BULWARK_CPU_EVENT_H */
