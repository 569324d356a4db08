/* SPDX-License-Identifier: Apache-2.0 */
/* APLIC direct-mode access and, in an APLIC build (GUEST_APLIC), the device-interrupt API. */
#include "../arch.h"
#include "../test.h"
#include "aplic.h"
#include "csr.h"

void aplic_hart_init(unsigned long hart)
{
	aplic_write(APLIC_DOMAINCFG, APLIC_DOMAINCFG_IE);
	aplic_write(APLIC_ITHRESHOLD(hart), 0);
	aplic_write(APLIC_IFORCE(hart), 0);
	aplic_write(APLIC_IDELIVERY(hart), 1);
}

void aplic_source(unsigned int src, uint32_t sm, unsigned long hart, uint32_t prio)
{
	aplic_write(APLIC_SOURCECFG(src), sm);
	aplic_write(APLIC_TARGET(src), (uint32_t)hart << 18 | prio);
}

void aplic_enable(unsigned int src, bool on)
{
	aplic_write(on ? APLIC_SETIENUM : APLIC_CLRIENUM, src);
}

bool aplic_enabled(unsigned int src)
{
	return (aplic_read(APLIC_SETIE(src)) >> (src % 32)) & 1;
}

bool aplic_pending(unsigned int src)
{
	return (aplic_read(APLIC_SETIP(src)) >> (src % 32)) & 1;
}

uint32_t aplic_priority(unsigned int src)
{
	return aplic_read(APLIC_TARGET(src)) & 0xff;
}

uint32_t aplic_claim(unsigned long hart)
{
	return aplic_read(APLIC_CLAIMI(hart)) >> 16;
}

#ifdef GUEST_APLIC
/* The arch API's device interrupts: sources claimed at this hart's IDC. */
static void (*dev_handler)(unsigned int id);

static void dev_irq_claim(void)
{
	uint32_t id;

	/*
	 * No completion: a level source drops once its device is serviced.
	 * Claiming until nothing is left (as Linux does) takes what is still
	 * pending without another trap.
	 */
	while ((id = aplic_claim(this_hart())) != 0)
		if (dev_handler)
			dev_handler(id);
}

void arch_dev_irq_set_handler(void (*fn)(unsigned int id))
{
	dev_handler = fn;
	irq_set_handler(IRQ_S_EXT, fn ? dev_irq_claim : NULL);
	if (fn)
		aplic_hart_init(this_hart());
}

void arch_dev_irq_unmask(bool on)
{
	if (on)
		csr_set(sie, SIE_SEIE);
	else
		csr_clear(sie, SIE_SEIE);
}

void arch_dev_irq_enable(unsigned int id)
{
	aplic_source(id, APLIC_SM_LEVEL1, this_hart(), 1);
	aplic_enable(id, true);
}

unsigned int arch_dev_irq_priority(unsigned int id)
{
	return aplic_priority(id);
}

bool arch_dev_irq_enabled(unsigned int id)
{
	return aplic_enabled(id);
}

struct reg_store arch_dev_irq_priority_store(unsigned int id)
{
	struct reg_store s = {APLIC_SOURCECFG(id), 4, APLIC_SM_LEVEL1};

	return s;
}

struct reg_store arch_dev_irq_enable_store(unsigned int id)
{
	struct reg_store s = {APLIC_SETIENUM, 4, id};

	return s;
}
#endif
