/* SPDX-License-Identifier: Apache-2.0 */
/* The arch_* interface on AArch64: CPU ids, starting CPUs through PSCI, time, power. */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/errno.h>
#include <bulwark/printk.h>
#include <asm/arm64.h>
#include <asm/atomic.h>
#include <asm/mpidr.h>
#include <asm/processor.h>
#include <asm/psci.h>
#include <asm/sysreg.h>

unsigned int arch_cpu_id(void)
{
	/* boot.S keeps the CPU index in TPIDR_EL2, which no guest can write. */
	return (unsigned int)read_sysreg(tpidr_el2);
}

unsigned long arch_cpu_hw_id(unsigned int cpu)
{
	return (unsigned long)MPIDR_OF_INDEX(cpu);
}

const char *arch_cpu_hw_id_name(void)
{
	return "MPIDR";
}

const char *arch_cpu_mode_name(void)
{
	return "EL2";
}

long psci_smc(u64 id, u64 arg0, u64 arg1, u64 arg2)
{
	register u64 x0 __asm__("x0") = id;
	register u64 x1 __asm__("x1") = arg0;
	register u64 x2 __asm__("x2") = arg1;
	register u64 x3 __asm__("x3") = arg2;

	/* SMCCC: x4-x17 may be clobbered by the firmware. */
	__asm__ __volatile__("smc #0"
			     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			     :
			     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
			       "x14", "x15", "x16", "x17", "memory");
	return (long)x0;
}

int arch_start_cpu(unsigned int cpu)
{
	u64 target = MPIDR_OF_INDEX(cpu);
	long ret;

	/* Everything the new CPU reads must be in memory before it runs. */
	arch_smp_mb();
	/* The affinity fields only: QEMU refuses MPIDR bit 31 with INVALID_PARAMETERS. */
	ret = psci_smc(PSCI_CPU_ON_64, target, ptr_to_hpa(arm64_secondary_entry), cpu);
	switch (ret) {
	case PSCI_SUCCESS:
		return 0;
	case PSCI_INVALID_PARAMETERS:
	case PSCI_NOT_PRESENT:
		return -ENODEV;
	case PSCI_ALREADY_ON:
	case PSCI_ON_PENDING:
		return -EBUSY;
	default:
		pr_warn("PSCI CPU_ON(MPIDR 0x%llx): %s (%ld)", (unsigned long long)target,
			psci_strerror(ret), ret);
		return -EIO;
	}
}

const char *arch_cpu_silent_hint(unsigned int cpu)
{
	long ret = psci_smc(PSCI_AFFINITY_INFO_64, MPIDR_OF_INDEX(cpu), 0, 0);

	switch (ret) {
	case PSCI_AFFINITY_ON:
		return "PSCI AFFINITY_INFO says on: it is stuck in the hypervisor";
	case PSCI_AFFINITY_OFF:
		return "PSCI AFFINITY_INFO says off: it never started or turned itself off";
	case PSCI_AFFINITY_ON_PENDING:
		return "PSCI AFFINITY_INFO says on pending: the firmware has not released it";
	default:
		return NULL;
	}
}

u64 arch_counter_read(void)
{
	/* The isb keeps the read from happening before earlier instructions. */
	isb();
	return read_sysreg(cntpct_el0);
}

u64 arch_counter_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

void arch_relax(void)
{
	cpu_relax();
}

void arch_halt(void)
{
	__asm__ __volatile__("msr daifset, #0xf" ::: "memory");
	for (;;)
		cpu_wait_for_interrupt();
}

void arch_poweroff(enum arch_poweroff_reason reason)
{
	long ret;

	(void)reason; /* PSCI SYSTEM_OFF has no way to say why. */
	ret = psci_smc(PSCI_SYSTEM_OFF, 0, 0, 0);
	pr_err("PSCI SYSTEM_OFF failed: %s (%ld); halting this CPU", psci_strerror(ret), ret);
	arch_halt();
}
