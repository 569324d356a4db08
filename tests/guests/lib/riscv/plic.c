/* SPDX-License-Identifier: Apache-2.0 */
/* PLIC register access (priorities, pending, enables, threshold, claim) and, unless the guest is
 * built for an APLIC (GUEST_APLIC), the device-interrupt API. */
#include "../arch.h"
#include "../test.h"
#include "plic.h"

#define PLIC_PRIORITY(src)    (PLIC_BASE + 4UL * (src))
#define PLIC_PENDING(src)     (PLIC_BASE + 0x1000UL + 4UL * ((src) / 32))
#define PLIC_ENABLE(ctx, src) (PLIC_BASE + 0x2000UL + 0x80UL * (ctx) + 4UL * ((src) / 32))
#define PLIC_THRESHOLD(ctx)   (PLIC_BASE + 0x200000UL + 0x1000UL * (ctx))
#define PLIC_CLAIM(ctx)	      (PLIC_THRESHOLD(ctx) + 4)

static inline volatile uint32_t *reg(unsigned long addr)
{
	return (volatile uint32_t *)addr;
}

void plic_set_priority(unsigned int src, uint32_t prio)
{
	*reg(PLIC_PRIORITY(src)) = prio;
}

uint32_t plic_priority(unsigned int src)
{
	return *reg(PLIC_PRIORITY(src));
}

void plic_enable(unsigned int ctx, unsigned int src, bool on)
{
	volatile uint32_t *r = reg(PLIC_ENABLE(ctx, src));

	if (on)
		*r |= 1U << (src % 32);
	else
		*r &= ~(1U << (src % 32));
}

bool plic_enabled(unsigned int ctx, unsigned int src)
{
	return (*reg(PLIC_ENABLE(ctx, src)) >> (src % 32)) & 1;
}

void plic_set_threshold(unsigned int ctx, uint32_t threshold)
{
	*reg(PLIC_THRESHOLD(ctx)) = threshold;
}

bool plic_pending(unsigned int src)
{
	return (*reg(PLIC_PENDING(src)) >> (src % 32)) & 1;
}

uint32_t plic_claim(unsigned int ctx)
{
	return *reg(PLIC_CLAIM(ctx));
}

void plic_complete(unsigned int ctx, unsigned int src)
{
	*reg(PLIC_CLAIM(ctx)) = src;
}

unsigned long plic_enable_addr(unsigned int ctx, unsigned int src)
{
	return PLIC_ENABLE(ctx, src);
}

#if !defined(GUEST_APLIC) && !defined(GUEST_IMSIC)
/* The arch API's device interrupts: PLIC sources claimed in this hart's S-mode context. */
static void (*dev_handler)(unsigned int id);

static void dev_irq_claim(void)
{
	unsigned int context = plic_s_context(this_hart());
	uint32_t id = plic_claim(context);

	if (id && dev_handler)
		dev_handler(id);
	if (id)
		plic_complete(context, id);
}

void arch_dev_irq_set_handler(void (*fn)(unsigned int id))
{
	dev_handler = fn;
	irq_set_handler(IRQ_S_EXT, fn ? dev_irq_claim : NULL);
	if (fn)
		plic_set_threshold(plic_s_context(this_hart()), 0);
}

void arch_dev_irq_unmask(bool on)
{
	if (on)
		csr_set(sie, SIE_SEIE);
	else
		csr_clear(sie, SIE_SEIE);
}

unsigned int arch_dev_irq_priority(unsigned int id)
{
	return plic_priority(id);
}

bool arch_dev_irq_enabled(unsigned int id)
{
	return plic_enabled(plic_s_context(this_hart()), id);
}

struct reg_store arch_dev_irq_priority_store(unsigned int id)
{
	struct reg_store s = {PLIC_PRIORITY(id), 4, 7};

	return s;
}

struct reg_store arch_dev_irq_enable_store(unsigned int id)
{
	struct reg_store s = {PLIC_ENABLE(plic_s_context(this_hart()), id), 4, 1UL << (id % 32)};

	return s;
}

void arch_dev_irq_enable(unsigned int id)
{
	plic_set_priority(id, 1);
	plic_enable(plic_s_context(this_hart()), id, true);
}
#endif
