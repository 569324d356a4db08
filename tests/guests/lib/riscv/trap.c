/* SPDX-License-Identifier: Apache-2.0 */
/* Dispatches traps from the assembly entry to interrupt handlers or the expected-fault record. */
#include <stdint.h>
#include "../test.h"
#include "csr.h"
#include "trap.h"

static void (*irq_handlers[NR_IRQS])(void);

void irq_set_handler(unsigned int irq, void (*handler)(void))
{
	if (irq < NR_IRQS)
		irq_handlers[irq] = handler;
}

bool fault_is_access(const struct fault_info *f, bool store)
{
	if (store)
		return f->cause == CAUSE_STORE_ACCESS || f->cause == CAUSE_STORE_PAGE_FAULT;
	return f->cause == CAUSE_LOAD_ACCESS || f->cause == CAUSE_LOAD_PAGE_FAULT;
}

static unsigned long instruction_length(unsigned long epc)
{
	/* Compressed instructions have anything but 0b11 in their two low bits. */
	return (*(volatile const uint16_t *)epc & 3) == 3 ? 4 : 2;
}

void trap_handle(struct trap_frame *frame)
{
	if (frame->scause & CAUSE_INTERRUPT) {
		unsigned long irq = frame->scause & ~CAUSE_INTERRUPT;

		if (irq < NR_IRQS && irq_handlers[irq]) {
			irq_handlers[irq]();
			return;
		}
		csr_clear(sie, 1UL << (irq & 63));
		test_abort("unexpected interrupt %lu on hart %lu", irq, this_hart());
	}
	if (!fault_record(frame->scause, frame->stval, frame->sepc, 0))
		test_abort("unexpected exception: scause %lu stval 0x%lx sepc 0x%lx on hart %lu",
			   frame->scause, frame->stval, frame->sepc, this_hart());
	frame->sepc += instruction_length(frame->sepc);
}
