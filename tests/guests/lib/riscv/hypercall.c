/* SPDX-License-Identifier: Apache-2.0 */
/* Bulwark hypercalls (SBI extension 0x08000BA0, id in a6) and enabling a device interrupt. */
#include "../arch.h"
#include "../test.h"
#include "plic.h"
#include "sbi.h"

#define SBI_EXT_BULWARK 0x08000ba0UL

long arch_hypercall(unsigned long id, unsigned long a0, unsigned long a1)
{
	/* Bao's convention: the result comes back in a0 alone. */
	return sbi_call(SBI_EXT_BULWARK, id, a0, a1, 0, 0, 0).error;
}

void arch_dev_irq_enable(unsigned int id)
{
	plic_set_priority(id, 1);
	plic_enable(plic_s_context(this_hart()), id, true);
}
