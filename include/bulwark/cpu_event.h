/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Events one physical CPU posts to another: a bit in the target's word and
 * an IPI. The target handles them on its next trap or while idle.
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

/* Post event to cpu and interrupt it (nothing is sent to the caller itself). */
void cpu_event_post(unsigned int cpu, enum cpu_event event);

/* Take (and clear) the calling CPU's pending events, as a bit mask. */
unsigned long cpu_event_take(unsigned int cpu);

/* Events posted but not yet taken by cpu, for waiting on them. */
unsigned long cpu_event_pending(unsigned int cpu);

#endif /* BULWARK_CPU_EVENT_H */
