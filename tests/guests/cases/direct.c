/* SPDX-License-Identifier: Apache-2.0 */
/* What a VM with interrupts = direct sees: a reset that reaches a masked CPU, and a virtual PMR. */
#include <stdint.h>
#include "arch.h"
#include "gic.h"
#include "sysreg.h"
#include "test.h"
#include "trap.h"

#define DIRECT_MAGIC 0x2154434552494401ULL
#define DIRECT_SGI   5 /* not 0 (the hypervisor's), not 1 (IRQ_IPI) */

/* Group 0 and SGI registers of the CPU interface, by encoding. */
#define ICC_IAR0_EL1	S3_0_C12_C8_0
#define ICC_EOIR0_EL1	S3_0_C12_C8_1
#define ICC_BPR0_EL1	S3_0_C12_C8_3
#define ICC_AP0R0_EL1	S3_0_C12_C8_4
#define ICC_IGRPEN0_EL1 S3_0_C12_C12_6
#define ICC_DIR_EL1	S3_0_C12_C11_1
#define ICC_ASGI1R_EL1	S3_0_C12_C11_6
#define ICC_SGI0R_EL1	S3_0_C12_C11_7
#define SGIR_IRM	(1UL << 40)
#define CONSOLE_SPI	33 /* the hypervisor's console interrupt */

/* .noinit is placed after the bss: neither part of the loaded image nor cleared at boot. */
static volatile uint64_t marker[2] __attribute__((section(".noinit")));
static volatile unsigned long spinning, hits;

/*
 * Everything a direct guest can try on what the hypervisor keeps for itself
 * (Group 0, the priority mask, EOImode, deactivation): with HCR_EL2.FMO set
 * all of it lands in the virtual CPU interface or traps.
 */
static void attack_group0(void)
{
	write_sysreg(ICC_IGRPEN0_EL1, 0);
	write_sysreg(ICC_BPR0_EL1, 7);
	write_sysreg(ICC_AP0R0_EL1, 1);
	write_sysreg(ICC_PMR_EL1, 0);
	write_sysreg(ICC_CTLR_EL1, 2); /* EOImode 1 */
	for (unsigned int i = 0; i < 16; i++) {
		(void)read_sysreg(ICC_IAR0_EL1);
		write_sysreg(ICC_EOIR0_EL1, i);
		write_sysreg(ICC_DIR_EL1, i);
	}
	/* The hypervisor's SGI 0, to every other CPU, in both groups. */
	write_sysreg(ICC_SGI0R_EL1, SGIR_IRM);
	write_sysreg(ICC_SGI1R_EL1, SGIR_IRM);
	write_sysreg(ICC_ASGI1R_EL1, SGIR_IRM);
	isb();
}

static void spin_masked(unsigned long cpu, void *arg)
{
	(void)cpu;
	(void)arg;
	attack_group0();
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	spinning = 1;
	for (;;)
		;
}

/*
 * First boot: CPU 1 disables, masks and acknowledges what it can of Group 0
 * (attack_group0), then spins with every exception masked at EL1 and never
 * traps; the cold reset the boot CPU asks for must still stop it (the
 * hypervisor reaches it with its Group 0 SGI, an FIQ taken to EL2).
 */
TEST_CASE(direct_reset)
{
	unsigned long end;
	long err;

	if (marker[0] == DIRECT_MAGIC) {
		marker[0] = 0;
		report_eq(marker[1], 1, "boots before this one: the reset stopped a masked CPU");
		report_eq(arch_cpu_status(1), CPU_STATUS_OFF, "CPU 1 is off after the reset");
		return;
	}
	marker[1] = 1;
	marker[0] = DIRECT_MAGIC;
	arch_mb();
	err = arch_cpu_start(1, spin_masked, NULL);
	end = time_now() + 1000 * TICKS_PER_MS;
	while (!err && !spinning && time_now() < end)
		;
	if (!report(!err && spinning, "CPU 1 spins with DAIF masked (start error %ld)", err)) {
		marker[0] = 0;
		return;
	}
	report_info("first boot: asking " RESET_NAME " for a cold reboot");
	err = arch_system_reset();
	marker[0] = 0;
	report(false, RESET_NAME " cold reboot returned (error %ld)", err);
}

static void count_hit(void)
{
	hits++;
}

static unsigned long send_and_wait(void)
{
	hits = 0;
	gic_send_sgi(this_hart(), DIRECT_SGI);
	local_irq_enable();
	delay_ms(5);
	local_irq_disable();
	return hits;
}

/*
 * With HCR_EL2.FMO set, ICC_PMR_EL1 is the virtual one (ICH_VMCR_EL2.VPMR):
 * it masks nothing physical. PSTATE.I and ICC_IGRPEN1_EL1 (a Group 1
 * register, physical while HCR_EL2.IMO is clear) still do.
 */
TEST_CASE(direct_masking)
{
	irq_set_handler(DIRECT_SGI, count_hit);
	gic_set_priority(DIRECT_SGI, 0x80);
	gic_enable(DIRECT_SGI, true);
	report_eq(send_and_wait(), 1, "an SGI to itself arrives");

	hits = 0;
	gic_send_sgi(this_hart(), DIRECT_SGI);
	delay_ms(5);
	report_eq(hits, 0, "not while PSTATE.I is set");
	local_irq_enable();
	delay_ms(5);
	local_irq_disable();
	report_eq(hits, 1, "then once PSTATE.I is clear");

	write_sysreg(ICC_IGRPEN1_EL1, 0);
	isb();
	report_eq(send_and_wait(), 0, "not while ICC_IGRPEN1_EL1 is 0");
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	isb();
	local_irq_enable();
	delay_ms(5);
	local_irq_disable();
	report_eq(hits, 1, "then once it is 1 again");

	gic_set_pmr(0);
	report_eq(gic_pmr(), 0, "ICC_PMR_EL1 reads back 0");
#ifdef GUEST_UNDER_HYPERVISOR
	report_eq(send_and_wait(), 1, "a priority mask of 0 masks nothing: ICC_PMR_EL1 is virtual");
#else
	report_eq(send_and_wait(), 0, "natively a priority mask of 0 masks it");
#endif
	gic_set_pmr(0xff);
	local_irq_enable();
	delay_ms(5);
	local_irq_disable();
	gic_enable(DIRECT_SGI, false);
	irq_set_handler(DIRECT_SGI, NULL);
}

/*
 * SGIs to CPUs it does not have and the hypervisor's console interrupt: the
 * SGIs reach no other VM (the neighbour would abort on an unexpected
 * interrupt, the hypervisor would warn), the SPI stays RAZ/WI.
 */
TEST_CASE(direct_hostile)
{
	volatile uint32_t *enable = (volatile uint32_t *)(GICD_BASE + GICD_ISENABLER + 4);
	volatile uint32_t *clear = (volatile uint32_t *)(GICD_BASE + GICD_ICENABLER + 4);
	volatile uint8_t *prio = (volatile uint8_t *)(GICD_BASE + GICD_IPRIORITYR + CONSOLE_SPI);
	volatile uint64_t *route =
	    (volatile uint64_t *)(GICD_BASE + GICD_IROUTER + 8 * CONSOLE_SPI);

	for (unsigned int sgi = 2; sgi < 16; sgi++) {
		irq_set_handler(sgi, count_hit);
		gic_enable(sgi, true);
	}
	hits = 0;
	for (unsigned long sgi = 2; sgi < 16; sgi++) {
		write_sysreg(ICC_SGI1R_EL1, SGIR_IRM | sgi << 24);
		/* Target lists naming vCPUs 0-15 of Aff1 0-3, and Aff2/Aff3 other than 0. */
		for (unsigned long aff1 = 0; aff1 < 4; aff1++)
			write_sysreg(ICC_SGI1R_EL1, 0xfffeUL | aff1 << 16 | sgi << 24);
		write_sysreg(ICC_SGI1R_EL1, 0xffffUL | 1UL << 32 | sgi << 24);
		write_sysreg(ICC_SGI1R_EL1, 0xffffUL | 1UL << 48 | sgi << 24);
	}
	isb();
	local_irq_enable();
	delay_ms(5);
	local_irq_disable();
	report_eq(hits, 0, "SGIs to every CPU but this one: none comes back here");
	/* The ones its own stopped vCPU 1 got stay pending there (as on hardware): withdrawn. */
	*(volatile uint32_t *)(GICR_BASE + GICR_STRIDE + 0x10000 + GICD_ICPENDR) = 0xfffcU;
	for (unsigned int sgi = 2; sgi < 16; sgi++) {
		gic_enable(sgi, false);
		irq_set_handler(sgi, NULL);
	}

	*clear = 1U << (CONSOLE_SPI % 32);
	*prio = 0;
	*route = this_hart();
	*enable = 1U << (CONSOLE_SPI % 32);
	report_eq(*enable & (1U << (CONSOLE_SPI % 32)), 0, "the console's SPI reads disabled");
	report_eq(*prio, 0, "and its priority reads 0 (RAZ/WI)");
	report_eq(*route, 0, "and its route reads 0");
}
