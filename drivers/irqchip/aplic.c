/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The physical RISC-V AIA APLIC's supervisor-level domain: source set-up
 * for either delivery mode, and the irqchip interface in direct delivery
 * (in MSI mode the IMSIC driver, imsic.c, implements it).
 */
#include <bulwark/addr.h>
#include <bulwark/irqchip.h>
#include <bulwark/printk.h>
#include <generated/board.h>

#include "aplic.h"

/* The register map's bound: sources 1..1023 (0 means "none"). */
#define APLIC_MAX_SOURCES 1024u

_Static_assert(BOARD_IRQ_MAX < APLIC_MAX_SOURCES, "the APLIC names sources 1..1023 only");

/*
 * The hart index of a CPU in the S domain. On QEMU virt IDC n (the n-th
 * entry of the domain's interrupts-extended) is hart n; CPU index = hart id.
 */
#ifndef BOARD_APLIC_HART_INDEX
#define BOARD_APLIC_HART_INDEX(cpu) (cpu)
#endif

/* Offsets from the AIA specification (domain control region, IDC structures). */
#define APLIC_DOMAINCFG	       0x0000u
#define APLIC_SOURCECFG(src)   (0x0000u + 4u * (src))
#define APLIC_IN_CLRIP(word)   (0x1d00u + 4u * (word))
#define APLIC_SETIENUM	       0x1edcu
#define APLIC_CLRIENUM	       0x1fdcu
#define APLIC_TARGET(src)      (0x3000u + 4u * (src))
#define APLIC_IDC(hart)	       (0x4000u + 32u * (hart))
#define APLIC_IDC_IDELIVERY    0x00u
#define APLIC_IDC_IFORCE       0x04u
#define APLIC_IDC_ITHRESHOLD   0x08u
#define APLIC_IDC_CLAIMI       0x1cu
#define APLIC_SETIPNUM	       0x1cdcu
#define APLIC_CLRIPNUM	       0x1ddcu
#define APLIC_DOMAINCFG_IE     (1u << 8)
#define APLIC_DOMAINCFG_DM     (1u << 2)
#define APLIC_TARGET_HART_SH   18u
#define APLIC_TOPI_ID_SH       16u
#define APLIC_DEFAULT_PRIORITY 1u

static volatile u32 *aplic_reg(unsigned long offset)
{
	return (volatile u32 *)hpa_to_mmio(BOARD_DEV_APLIC_BASE + offset);
}

void aplic_domain_init(bool msi)
{
	/* Delivery off while the sources are reset. */
	*aplic_reg(APLIC_DOMAINCFG) = msi ? APLIC_DOMAINCFG_DM : 0;
	for (u32 src = 1; src <= BOARD_IRQ_MAX; src++)
		*aplic_reg(APLIC_SOURCECFG(src)) = 0; /* inactive: no pending, enable or target */
	*aplic_reg(APLIC_DOMAINCFG) = (msi ? APLIC_DOMAINCFG_DM : 0) | APLIC_DOMAINCFG_IE;
}

bool aplic_source_setup(u32 src, u32 sm, u32 target, bool enable)
{
	if (src == 0 || src > BOARD_IRQ_MAX)
		return false;
	*aplic_reg(APLIC_CLRIENUM) = src;
	*aplic_reg(APLIC_SOURCECFG(src)) = sm;
	if (*aplic_reg(APLIC_SOURCECFG(src)) != sm)
		return false; /* not delegated to this domain: the write did not take */
	if (sm == APLIC_SM_INACTIVE)
		return true;
	*aplic_reg(APLIC_TARGET(src)) = target;
	if (enable)
		*aplic_reg(APLIC_SETIENUM) = src;
	return true;
}

void aplic_source_set_pending(u32 src)
{
	*aplic_reg(APLIC_SETIPNUM) = src;
}

void aplic_source_clear_pending(u32 src)
{
	*aplic_reg(APLIC_CLRIPNUM) = src;
}

bool aplic_source_asserted(u32 src)
{
	if (src == 0 || src > BOARD_IRQ_MAX)
		return false;
	return (*aplic_reg(APLIC_IN_CLRIP(src / 32u)) >> (src % 32u)) & 1u;
}

#ifdef CONFIG_IRQCHIP_APLIC
/* Direct delivery: the IDCs. (In MSI mode imsic.c is the irqchip.) */

/* What irqchip_route wrote into each source's target, to restore it (irqchip_complete). */
static u32 routed_target[BOARD_IRQ_MAX + 1];

static volatile u32 *idc_reg(unsigned int cpu, u32 reg)
{
	return aplic_reg(APLIC_IDC(BOARD_APLIC_HART_INDEX(cpu)) + reg);
}

void irqchip_init(void)
{
	aplic_domain_init(false);
	for (unsigned int cpu = 0; cpu < BOARD_NR_CPUS; cpu++) {
		*idc_reg(cpu, APLIC_IDC_IFORCE) = 0;
		*idc_reg(cpu, APLIC_IDC_ITHRESHOLD) = 0;
		*idc_reg(cpu, APLIC_IDC_IDELIVERY) = 0;
	}
}

void irqchip_cpu_init(unsigned int cpu)
{
	/* No threshold: every enabled source targeted at this hart gets through. */
	*idc_reg(cpu, APLIC_IDC_ITHRESHOLD) = 0;
	*idc_reg(cpu, APLIC_IDC_IDELIVERY) = 1;
}

void irqchip_route(u32 irq, unsigned int cpu)
{
	if (irq == 0 || irq > BOARD_IRQ_MAX || cpu >= BOARD_NR_CPUS) {
		/* The layout checker should have refused this: say so rather than guess. */
		pr_err("aplic: cannot route source %u to CPU %u (sources 1..%u, %u CPUs)", irq, cpu,
		       (unsigned int)BOARD_IRQ_MAX, (unsigned int)BOARD_NR_CPUS);
		return;
	}
	/*
	 * Every device on the boards this drives is level-high. One priority
	 * for all: the VM's virtual APLIC orders its own sources.
	 */
	routed_target[irq] =
	    (u32)BOARD_APLIC_HART_INDEX(cpu) << APLIC_TARGET_HART_SH | APLIC_DEFAULT_PRIORITY;
	if (!aplic_source_setup(irq, APLIC_SM_LEVEL1, routed_target[irq], true))
		/* The machine-level domain (the firmware) has not delegated it to this one. */
		pr_err("aplic: source %u is not delegated to the supervisor domain", irq);
}

u32 irqchip_claim(unsigned int cpu)
{
	u32 irq = *idc_reg(cpu, APLIC_IDC_CLAIMI) >> APLIC_TOPI_ID_SH;

	if (!irq)
		return IRQCHIP_NONE;
	/*
	 * A claim does not clear a level source's pending bit (it copies the
	 * input): masked until irqchip_complete, it cannot fire again before
	 * its handler (or its VM) is done with it.
	 */
	*aplic_reg(APLIC_CLRIENUM) = irq;
	return irq;
}

void irqchip_complete(unsigned int cpu, u32 irq)
{
	/* Enables are per source, not per hart: any CPU may unmask it. */
	(void)cpu;
	if (irq == 0 || irq > BOARD_IRQ_MAX)
		return;
	/*
	 * The specification makes a level source's pending bit a copy of its
	 * input in direct mode. QEMU's APLIC (10.0) keeps it set once the input
	 * falls, until a claim, and clripnum cannot clear a level source: the
	 * request the device has withdrawn would fire once more when unmasked.
	 * Making the source inactive drops it; active again, it is pending only
	 * if the input is high. (Inactive also cleared its target.)
	 */
	if (!aplic_source_asserted(irq)) {
		*aplic_reg(APLIC_SOURCECFG(irq)) = 0;
		*aplic_reg(APLIC_SOURCECFG(irq)) = APLIC_SM_LEVEL1;
		*aplic_reg(APLIC_TARGET(irq)) = routed_target[irq];
	}
	*aplic_reg(APLIC_SETIENUM) = irq;
}

bool irqchip_handle_private(unsigned int cpu, u32 irq)
{
	/* The APLIC has no per-CPU interrupts: everything is a wired source. */
	(void)cpu;
	(void)irq;
	return false;
}

#endif /* CONFIG_IRQCHIP_APLIC */
