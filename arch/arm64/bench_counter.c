/* SPDX-License-Identifier: Apache-2.0 */
/* Bench-breakdown builds: the cycle counter, counting at EL2, set to the virtual counter's
 * nanoseconds. */
#include <bulwark/bench_probe.h>
#include <asm/sysreg.h>

#define PMCR_E	      (1UL << 0)
#define PMCR_LC	      (1UL << 6)
#define PMCNTEN_C     (1UL << 31)
#define PMCCFILTR_NSH (1UL << 27)
#define NS_PER_S      1000000000UL

/*
 * Under QEMU -icount shift=0 the cycle counter advances one per nanosecond
 * of virtual time, that is one per instruction, where the virtual counter
 * (what the guest reads, 62.5 MHz) moves in steps of 16. Counting at EL2
 * too (PMCCFILTR_EL0.NSH), and started at the virtual counter's value in
 * nanoseconds taken right after a tick, both give the same time to within
 * the few instructions of the loop.
 */
void arch_bench_counter_init(void)
{
	u64 ns_per_tick = NS_PER_S / read_sysreg(cntfrq_el0);
	u64 tick, start;

	write_sysreg(pmccfiltr_el0, PMCCFILTR_NSH);
	write_sysreg(pmcr_el0, read_sysreg(pmcr_el0) | PMCR_E | PMCR_LC);
	write_sysreg(pmcntenset_el0, PMCNTEN_C);
	isb();
	start = read_sysreg(cntvct_el0);
	do
		tick = read_sysreg(cntvct_el0);
	while (tick == start);
	write_sysreg(pmccntr_el0, tick * ns_per_tick);
	isb();
}

u64 arch_bench_counter(void)
{
	return read_sysreg(pmccntr_el0);
}
