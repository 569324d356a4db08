/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The physical CPUs' numbering in both Arm execution states: CPU index i
 * is the CPU whose MPIDR affinity is arm_cpu_mpidr[i], the board's table
 * (board.hw cpu_ids in their order; Aff0 + 16 * Aff1 for a board that lists
 * none). boot.S finds its own index by searching the table; CPU_ON,
 * AFFINITY_INFO and the GIC name a CPU by its entry. What guests see of
 * their vCPUs is asm/mpidr.h's numbering, not this.
 */
#ifndef ASM_CPU_MAP_H
#define ASM_CPU_MAP_H

#include <bulwark/types.h>

/* The affinity of CPU index i, or an id no CPU has (bits 31:24 set) past the board's CPUs. */
extern const unsigned long arm_cpu_mpidr[CONFIG_NR_CPUS];

static inline unsigned long arm_cpu_affinity(unsigned int cpu)
{
	return cpu < CONFIG_NR_CPUS ? arm_cpu_mpidr[cpu] : 0xffffffffUL;
}

/* Says that the CPU with MPIDR affinity aff entered the image but is not in the table. */
void arm_cpu_map_refuse(unsigned long aff);

#endif /* ASM_CPU_MAP_H */
