/* SPDX-License-Identifier: Apache-2.0 */
/* Interrupts from the GIC to their handlers by INTID, for both Arm execution states (arm/irq.c). */
#include <stdint.h>
#include "../test.h"
#include "gic.h"
#include "trap.h"

static void (*irq_handlers[NR_IRQS])(void);
static void (*dev_handler)(unsigned int id);
static volatile unsigned int current_intid[MAX_HARTS];
static volatile unsigned long spurious[MAX_HARTS];

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

void irq_dispatch(void)
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
