/* SPDX-License-Identifier: Apache-2.0 */
/* Exceptions from the vectors: interrupts to irq.c, expected faults to the record (fault.c). */
#include <stdint.h>
#include "../test.h"
#include "gic.h"
#include "sysreg.h"
#include "trap.h"

enum exception_kind {
	EXC_RESET,
	EXC_UNDEF,
	EXC_SVC,
	EXC_PABT,
	EXC_DABT,
	EXC_UNUSED,
	EXC_IRQ,
	EXC_FIQ
};

#define CPSR_T (1UL << 5)

bool fault_is_access(const struct fault_info *f, bool store)
{
	/* A data abort; DFSR.WnR tells a store from a load. */
	return f->cause == EXC_DABT && !!(f->syndrome & DFSR_WNR) == store;
}

void trap_handle(struct trap_frame *frame, unsigned long kind);

void trap_handle(struct trap_frame *frame, unsigned long kind)
{
	bool sync = kind == EXC_UNDEF || kind == EXC_PABT || kind == EXC_DABT;

	if (kind == EXC_IRQ) {
		irq_dispatch();
		return;
	}
	/* A prefetch abort's address and status are IFAR and IFSR; the others', DFAR and DFSR. */
	unsigned long far = kind == EXC_PABT ? CP15_READ(0, c6, c0, 2) : CP15_READ(0, c6, c0, 0);
	unsigned long fsr = kind == EXC_PABT ? CP15_READ(0, c5, c0, 1) : CP15_READ(0, c5, c0, 0);

	/* From Thumb state LR_und is the instruction + 2, not + 4 as the vector assumed. */
	if (kind == EXC_UNDEF && (frame->cpsr & CPSR_T))
		frame->pc += 2;
	if (!sync || !fault_record(kind, far, frame->pc, fsr))
		test_abort("unexpected exception (vector %lu): DFSR 0x%lx DFAR 0x%lx IFSR 0x%lx "
			   "pc 0x%lx on cpu %lu",
			   kind, (unsigned long)CP15_READ(0, c5, c0, 0),
			   (unsigned long)CP15_READ(0, c6, c0, 0),
			   (unsigned long)CP15_READ(0, c5, c0, 1), frame->pc, this_hart());
	/* Resume after the instruction that faulted (Thumb: 2 or 4 bytes, by its first halfword).
	 */
	if (!(frame->cpsr & CPSR_T))
		frame->pc += 4;
	else
		frame->pc += (*(const volatile uint16_t *)frame->pc & 0xf800) >= 0xe800 ? 4 : 2;
}
