/* SPDX-License-Identifier: Apache-2.0 */
/* The physical CPUs' MPIDR affinities by CPU index, from the board's generated table. */
#include <bulwark/format.h>
#include <bulwark/printk.h>
#include <asm/cpu_map.h>
#include <generated/board.h>

_Static_assert(BOARD_NR_CPU_HW_IDS == CONFIG_NR_CPUS,
	       "generated/board.h has one hardware id per CPU index of CONFIG_NR_CPUS");

/* Read by boot.S with the MMU off (searched for the entering CPU's MPIDR): only constants. */
const unsigned long arm_cpu_mpidr[CONFIG_NR_CPUS] = {BOARD_CPU_HW_IDS};

void arm_cpu_map_refuse(unsigned long aff)
{
	/* "0x" and up to 10 hex digits of an affinity, and ", " each. */
	char ids[CONFIG_NR_CPUS * 14 + 1];
	size_t used = 0;

	ids[0] = '\0';
	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS && arm_cpu_mpidr[cpu] != 0xffffffffUL;
	     cpu++)
		used += (size_t)snprintf(ids + used, sizeof(ids) - used, "%s0x%lx", cpu ? ", " : "",
					 arm_cpu_mpidr[cpu]);
	pr_err("booted on the CPU with MPIDR affinity 0x%lx, which is none of this build's CPUs "
	       "(CPU index 0..%d: %s; board.hw cpu_ids, CONFIG_NR_CPUS=%d)",
	       aff, CONFIG_NR_CPUS - 1, ids, CONFIG_NR_CPUS);
}
