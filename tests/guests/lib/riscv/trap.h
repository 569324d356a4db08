/* SPDX-License-Identifier: Apache-2.0 */
/* Trap dispatch: interrupt handlers per cause and the expected-fault mechanism. */
#ifndef GUEST_RISCV_TRAP_H
#define GUEST_RISCV_TRAP_H

#include <stdbool.h>

#define MAX_HARTS 8

struct trap_frame {
	unsigned long regs[32];
	unsigned long sepc;
	unsigned long sstatus;
	unsigned long scause;
	unsigned long stval;
};

/* Handlers run on the interrupted hart with interrupts off; shared by all harts. */
void irq_set_handler(unsigned int irq, void (*handler)(void));

struct fault_info {
	bool taken;
	unsigned long cause;
	unsigned long tval;
	unsigned long epc;
};

/*
 * Between fault_expect() and fault_take() the next exception on this hart is
 * recorded and the faulting instruction skipped instead of ending the run.
 */
void fault_expect(void);
struct fault_info fault_take(void);

/* A load or store of width 1, 2, 4 or 8 bytes under fault_expect(). */
struct fault_info probe_load(unsigned long addr, unsigned int width, unsigned long *value);
struct fault_info probe_store(unsigned long addr, unsigned int width, unsigned long value);

#endif
