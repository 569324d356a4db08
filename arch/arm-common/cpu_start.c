/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Starting the other CPUs on Arm, either execution state: through PSCI
 * CPU_ON, or by opening boot.S's pen where every CPU entered the image
 * together (CONFIG_ARM_BOOT_PEN), or, on AArch64, by opening the pen and then
 * sending the CPU from the firmware's spin table to the image's entry
 * (CONFIG_ARM_SPIN_TABLE); and what to say of one that never reported.
 */
#include <bulwark/addr.h>
#include <bulwark/arch.h>
#include <bulwark/atomic.h>
#include <bulwark/errno.h>
#include <bulwark/printk.h>
#include <asm/cpu_map.h>
#include <asm/cpu_start.h>
#include <asm/dcache.h>
#include <asm/psci.h>

unsigned long arch_cpu_hw_id(unsigned int cpu)
{
	return arm_cpu_affinity(cpu);
}

const char *arch_cpu_hw_id_name(void)
{
	return "MPIDR";
}

#ifdef CONFIG_ARM_BOOT_PEN
/* A waiting CPU reads with its MMU or MPU off: the word goes to memory, then an event wakes it. */
static void publish(const volatile void *word)
{
	arm_dcache_clean((uintptr_t)word);
	__asm__ __volatile__("dsb sy\n\tsev" ::: "memory");
}

#ifdef CONFIG_ARM_SPIN_TABLE
extern char _start[];

/* Sends CPU index cpu from the firmware's spin table (its cpu-release-addr) to the image's entry.
 */
static void spin_table_release(unsigned int cpu)
{
	volatile u64 *slot = hpa_to_ptr(CONFIG_ARM_SPIN_TABLE_RELEASE_ADDR + 8ULL * cpu);

	*slot = ptr_to_hpa(_start);
	publish(slot);
}
#endif

int arch_start_cpu(unsigned int cpu)
{
	volatile u32 *release;

	if (cpu == 0 || cpu >= CONFIG_NR_CPUS)
		return -ENODEV;
	release = &arm_pen_release[cpu];
	if (*release)
		return -EBUSY;
	/* Everything the new CPU reads must be in memory before it runs. */
	arch_smp_mb();
	*release = 1;
	publish(release);
#ifdef CONFIG_ARM_SPIN_TABLE
	/* The CPU still waits in the firmware: it enters the image and finds itself released. */
	spin_table_release(cpu);
#endif
	return 0;
}

const char *arch_cpu_silent_hint(unsigned int cpu)
{
	if (cpu < CONFIG_NR_CPUS && arm_pen_release[cpu])
		return ARM_PEN_SILENT_HINT;
	return NULL;
}
#else
int arch_start_cpu(unsigned int cpu)
{
	u64 target = arm_cpu_affinity(cpu);
	long ret;

	/* Everything the new CPU reads must be in memory before it runs. */
	arch_smp_mb();
	/* The affinity fields only: QEMU refuses MPIDR bit 31 with INVALID_PARAMETERS. */
	ret = psci_smc(ARM_PSCI_CPU_ON, target, ptr_to_hpa(arm_secondary_entry), cpu);
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
	switch (psci_smc(ARM_PSCI_AFFINITY_INFO, arm_cpu_affinity(cpu), 0, 0)) {
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
#endif
