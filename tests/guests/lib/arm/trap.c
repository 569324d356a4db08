/* SPDX-License-Identifier: Apache-2.0 */
/* Dispatches exceptions from the vectors to interrupt handlers by INTID or the expected-fault
 * record. */
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

static void (*irq_handlers[NR_IRQS])(void);
static void (*dev_handler)(unsigned int id);
static volatile unsigned int current_intid[MAX_HARTS];
static volatile unsigned long spurious[MAX_HARTS];

struct fault_state {
	bool armed;
	struct fault_info info;
};

static volatile struct fault_state faults[MAX_HARTS];

void irq_set_handler(unsigned int irq, void (*handler)(void))
{
	if (irq < NR_IRQS)
		irq_handlers[irq] = handler;
}

void arch_dev_irq_set_handler(void (*fn)(unsigned int id))
{
	dev_handler = fn;
}

unsigned int irq_current(void)
{
	return current_intid[this_hart()];
}

unsigned long irq_spurious_count(unsigned long cpu)
{
	return cpu < MAX_HARTS ? spurious[cpu] : 0;
}

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

bool fault_is_access(const struct fault_info *f, bool store)
{
	/* A data abort; DFSR.WnR tells a store from a load. */
	return f->cause == EXC_DABT && !!(f->syndrome & DFSR_WNR) == store;
}

static void irq_dispatch(void)
{
	unsigned long cpu = this_hart();
	uint32_t ack = gic_ack();
	unsigned int id = gic_intid(ack);
	void (*handler)(void) = id < NR_IRQS ? irq_handlers[id] : NULL;

	if (id >= GIC_SPURIOUS_MIN) {
		spurious[cpu]++;
		return;
	}
	current_intid[cpu] = id;
	if (handler) {
		handler();
	} else if ((id >= 32 || id == IRQ_DEV_PPI) && dev_handler) {
		dev_handler(id);
	} else {
		gic_enable(id, false);
		gic_eoi(ack);
		test_abort("unexpected interrupt %u on cpu %lu", id, cpu);
	}
	gic_eoi(ack);
}

void trap_handle(struct trap_frame *frame, unsigned long kind);

void trap_handle(struct trap_frame *frame, unsigned long kind)
{
	volatile struct fault_state *f = &faults[this_hart()];
	bool sync = kind == EXC_UNDEF || kind == EXC_PABT || kind == EXC_DABT;

	if (kind == EXC_IRQ) {
		irq_dispatch();
		return;
	}
	if (!sync || !f->armed)
		test_abort("unexpected exception (vector %lu): DFSR 0x%lx DFAR 0x%lx IFSR 0x%lx "
			   "pc 0x%lx on cpu %lu",
			   kind, (unsigned long)CP15_READ(0, c5, c0, 0),
			   (unsigned long)CP15_READ(0, c6, c0, 0),
			   (unsigned long)CP15_READ(0, c5, c0, 1), frame->pc, this_hart());
	/* From Thumb state LR_und is the instruction + 2, not + 4 as the vector assumed. */
	if (kind == EXC_UNDEF && (frame->cpsr & CPSR_T))
		frame->pc += 2;
	f->armed = false;
	f->info.taken = true;
	f->info.cause = kind;
	f->info.epc = frame->pc;
	if (kind == EXC_PABT) {
		f->info.tval = CP15_READ(0, c6, c0, 2);	    /* IFAR */
		f->info.syndrome = CP15_READ(0, c5, c0, 1); /* IFSR */
	} else {
		f->info.tval = CP15_READ(0, c6, c0, 0);	    /* DFAR */
		f->info.syndrome = CP15_READ(0, c5, c0, 0); /* DFSR */
	}
	/* Resume after the instruction that faulted (Thumb: 2 or 4 bytes, by its first halfword).
	 */
	if (!(frame->cpsr & CPSR_T))
		frame->pc += 4;
	else
		frame->pc += (*(const volatile uint16_t *)frame->pc & 0xf800) >= 0xe800 ? 4 : 2;
}
