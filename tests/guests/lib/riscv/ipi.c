/* SPDX-License-Identifier: Apache-2.0 */
/* Sends IPIs with SBI and counts the ones each hart receives. */
#include "../test.h"
#include "csr.h"
#include "ipi.h"
#include "sbi.h"
#include "trap.h"

static volatile unsigned long received[MAX_HARTS];

static void ipi_handler(void)
{
	csr_clear(sip, SIP_SSIP);
	received[this_hart()]++;
}

void ipi_enable(void)
{
	irq_set_handler(IRQ_S_SOFT, ipi_handler);
	csr_set(sie, SIE_SSIE);
}

long ipi_send(unsigned long hart)
{
	return sbi_send_ipi(1, hart).error;
}

unsigned long ipi_count(unsigned long hart)
{
	return hart < MAX_HARTS ? received[hart] : 0;
}
