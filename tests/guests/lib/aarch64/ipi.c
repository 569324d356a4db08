/* SPDX-License-Identifier: Apache-2.0 */
/* IPIs as GIC SGI IRQ_IPI between CPUs, counting the ones each CPU receives. */
#include "../arch.h"
#include "../test.h"
#include "gic.h"

static volatile unsigned long received[MAX_HARTS];

static void ipi_handler(void)
{
	received[this_hart()]++;
}

void arch_ipi_enable(void)
{
	irq_set_handler(IRQ_IPI, ipi_handler);
	gic_enable(IRQ_IPI, true);
}

void arch_ipi_disable(void)
{
	gic_enable(IRQ_IPI, false);
}

long arch_ipi_send(unsigned long cpu)
{
	if (cpu >= MAX_HARTS)
		return CPU_ERR_INVALID;
	gic_send_sgi(cpu, IRQ_IPI);
	return CPU_OK;
}

unsigned long arch_ipi_count(unsigned long cpu)
{
	return cpu < MAX_HARTS ? received[cpu] : 0;
}
