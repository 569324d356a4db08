/* SPDX-License-Identifier: Apache-2.0 */
/* The AArch32 exception frame; dispatch and the expected-fault mechanism are declared in arch.h. */
#ifndef GUEST_ARM_TRAP_H
#define GUEST_ARM_TRAP_H

#include "../arch.h"

/* What start.S pushes: r0-r12 and the Supervisor-mode lr, then SRS's return address and SPSR. */
struct trap_frame {
	unsigned long regs[13];
	unsigned long lr;
	unsigned long pc;
	unsigned long cpsr;
};

/* The INTID whose handler runs on this CPU (valid inside a handler). */
unsigned int irq_current(void);
/* Spurious acknowledges (INTID 1020-1023) seen by this CPU. */
unsigned long irq_spurious_count(unsigned long cpu);
/* Acknowledges the GIC's interrupt, runs its handler, ends it (irq.c). */
void irq_dispatch(void);

#endif
