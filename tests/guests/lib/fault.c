/* SPDX-License-Identifier: Apache-2.0 */
/* The expected-fault record of every arch: fault_expect and fault_take (arch.h), fault_record. */
#include "arch.h"
#include "test.h"

struct fault_state {
	bool armed;
	struct fault_info info;
};

static volatile struct fault_state faults[MAX_HARTS];

void fault_expect(void)
{
	volatile struct fault_state *f = &faults[this_hart()];

	f->info.taken = false;
	f->armed = true;
	__asm__ volatile("" ::: "memory");
}

struct fault_info fault_take(void)
{
	volatile struct fault_state *f = &faults[this_hart()];
	struct fault_info info;

	__asm__ volatile("" ::: "memory");
	f->armed = false;
	info.taken = f->info.taken;
	info.cause = f->info.cause;
	info.tval = f->info.tval;
	info.epc = f->info.epc;
	info.syndrome = f->info.syndrome;
	return info;
}

bool fault_record(unsigned long cause, unsigned long tval, unsigned long epc,
		  unsigned long syndrome)
{
	volatile struct fault_state *f = &faults[this_hart()];

	if (!f->armed)
		return false;
	f->armed = false;
	f->info.taken = true;
	f->info.cause = cause;
	f->info.tval = tval;
	f->info.epc = epc;
	f->info.syndrome = syndrome;
	return true;
}
