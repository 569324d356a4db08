/* SPDX-License-Identifier: Apache-2.0 */
/* Sends IPIs with SBI and counts the ones each hart receives. */
#include "../test.h"
#include "csr.h"
#include "sbi.h"
#include "trap.h"

static volatile unsigned long received[MAX_HARTS];

static void ipi_handler(void)
{
	csr_clear(sip, SIP_SSIP);
	received[this_hart()]++;
}

void arch_ipi_enable(void)
{
	irq_set_handler(IRQ_S_SOFT, ipi_handler);
	csr_set(sie, SIE_SSIE);
}

void arch_ipi_disable(void)
{
	csr_clear(sie, SIE_SSIE);
}

long arch_ipi_send(unsigned long hart)
{
	return sbi_send_ipi(1, hart).error;
}

unsigned long arch_ipi_count(unsigned long hart)
{
	return hart < MAX_HARTS ? received[hart] : 0;
}
