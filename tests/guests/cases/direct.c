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

/* .noinit is placed after the bss: neither part of the loaded image nor cleared at boot. */
static volatile uint64_t marker[2] __attribute__((section(".noinit")));
static volatile unsigned long spinning, hits;

static void spin_masked(unsigned long cpu, void *arg)
{
	(void)cpu;
	(void)arg;
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	spinning = 1;
	for (;;)
		;
}

/*
 * First boot: CPU 1 spins with every exception masked at EL1 and never
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
