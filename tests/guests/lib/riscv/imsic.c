/* SPDX-License-Identifier: Apache-2.0 */
/* IMSIC interrupt file access and, in an APLIC + IMSIC build (GUEST_IMSIC), the device-interrupt
 * API. */
#include "../arch.h"
#include "../test.h"
#include "aplic.h"
#include "csr.h"
#include "imsic.h"

/* eipN / eieN hold XLEN identities; on RV64 only even N exist. */
#define REG_BITS (8U * sizeof(unsigned long))
#define REG_STEP (REG_BITS / 32U)

unsigned long imsic_read(unsigned long reg)
{
	csr_write(0x150, reg);	/* siselect */
	return csr_read(0x151); /* sireg */
}

void imsic_write(unsigned long reg, unsigned long value)
{
	csr_write(0x150, reg);
	csr_write(0x151, value);
}

static unsigned long bit_reg(unsigned long base, unsigned int id)
{
	return base + (id / REG_BITS) * REG_STEP;
}

void imsic_init(void)
{
	imsic_write(IMSIC_EITHRESHOLD, 0);
	imsic_write(IMSIC_EIDELIVERY, 1);
}

void imsic_enable(unsigned int id, bool on)
{
	unsigned long bit = 1UL << (id % REG_BITS);

	csr_write(0x150, bit_reg(IMSIC_EIE0, id));
	if (on)
		csr_set(0x151, bit);
	else
		csr_clear(0x151, bit);
}

bool imsic_enabled(unsigned int id)
{
	return (imsic_read(bit_reg(IMSIC_EIE0, id)) >> (id % REG_BITS)) & 1;
}

bool imsic_pending(unsigned int id)
{
	return (imsic_read(bit_reg(IMSIC_EIP0, id)) >> (id % REG_BITS)) & 1;
}

unsigned int imsic_claim(void)
{
	unsigned long topei;

	/* stopei: reading and writing it at once claims the top identity. */
	__asm__ volatile("csrrw %0, 0x15c, zero" : "=r"(topei)::"memory");
	return (unsigned int)((topei >> 16) & 0x7ff);
}

void imsic_send(unsigned long hart, unsigned int id)
{
	*(volatile uint32_t *)IMSIC_FILE(hart) = id;
}

void aplic_msi_source(unsigned int src, uint32_t sm, unsigned long hart, unsigned int eiid)
{
	aplic_write(APLIC_SOURCECFG(src), sm);
	aplic_write(APLIC_TARGET(src), APLIC_MSI_TARGET(hart, eiid));
}

/* One external-interrupt handler for both users of the file: IPIs and devices. */
static void (*ipi_handler)(void);
static void (*dev_handler)(unsigned int id);

static void external_interrupt(void)
{
	unsigned int id;

	while ((id = imsic_claim()) != 0) {
		if (id == IMSIC_IPI_ID) {
			if (ipi_handler)
				ipi_handler();
		} else if (dev_handler) {
			dev_handler(id);
		}
	}
}

void imsic_ipi_enable(void (*handler)(void))
{
	ipi_handler = handler;
	irq_set_handler(IRQ_S_EXT, external_interrupt);
	imsic_init();
	imsic_enable(IMSIC_IPI_ID, true);
	csr_set(sie, SIE_SEIE);
}

void imsic_ipi_disable(void)
{
	imsic_enable(IMSIC_IPI_ID, false);
}

#ifdef GUEST_IMSIC
/* The arch API's device interrupts: APLIC sources forwarded to this hart's file as their number. */
void arch_dev_irq_set_handler(void (*fn)(unsigned int id))
{
	dev_handler = fn;
	irq_set_handler(IRQ_S_EXT, external_interrupt);
	if (fn) {
		aplic_write(APLIC_DOMAINCFG, APLIC_DOMAINCFG_IE | APLIC_DOMAINCFG_DM);
		imsic_init();
	}
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
	aplic_msi_source(id, APLIC_SM_LEVEL1, this_hart(), id);
	imsic_enable(id, true);
	aplic_enable(id, true);
}

unsigned int arch_dev_irq_priority(unsigned int id)
{
	/* No priorities in MSI mode: the identity the source is forwarded as. */
	return aplic_read(APLIC_TARGET(id)) & 0x7ff;
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
