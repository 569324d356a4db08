/* SPDX-License-Identifier: Apache-2.0 */
/* The AArch64 exception frame; dispatch and the expected-fault mechanism are declared in arch.h. */
#ifndef GUEST_AARCH64_TRAP_H
#define GUEST_AARCH64_TRAP_H

#include "../arch.h"

struct trap_frame {
	unsigned long regs[31];
	unsigned long elr;
	unsigned long spsr;
	unsigned long esr;
	unsigned long far;
	unsigned long pad;
};

/* The INTID whose handler runs on this CPU (valid inside a handler). */
unsigned int irq_current(void);
/* Spurious acknowledges (INTID 1020-1023) seen by this CPU. */
unsigned long irq_spurious_count(unsigned long cpu);
/* Acknowledges the GIC's interrupt, runs its handler, ends it (irq.c). */
void irq_dispatch(void);

#endif
