/* SPDX-License-Identifier: Apache-2.0 */
/* Exceptions from the vectors: interrupts to irq.c, expected faults to the record (fault.c). */
#include <stdint.h>
#include "../test.h"
#include "gic.h"
#include "sysreg.h"
#include "trap.h"

enum exception_kind { EXC_SYNC, EXC_IRQ, EXC_FIQ, EXC_SERROR, EXC_SP0, EXC_LOWER };

bool fault_is_access(const struct fault_info *f, bool store)
{
	/* A data abort taken from EL1 to EL1; WnR tells a store from a load. */
	return f->cause == ESR_EC_DABT_CUR_EL && !!(f->syndrome & ESR_WNR) == store;
}

void trap_handle(struct trap_frame *frame, unsigned long kind)
{
	if (kind == EXC_IRQ) {
		irq_dispatch();
		return;
	}
	if (kind != EXC_SYNC ||
	    !fault_record(frame->esr >> ESR_EC_SHIFT & 0x3f, frame->far, frame->elr, frame->esr))
		test_abort(
		    "unexpected exception (kind %lu): ESR 0x%lx FAR 0x%lx ELR 0x%lx on cpu %lu",
		    kind, frame->esr, frame->far, frame->elr, this_hart());
	/* Every A64 instruction is 4 bytes: resume after the one that faulted. */
	frame->elr += 4;
}
