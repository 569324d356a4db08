/* SPDX-License-Identifier: Apache-2.0 */
/*
 * vCPU index <-> virtual MPIDR affinity for both Arm execution states:
 * Aff0 = index % 16, Aff1 = index / 16, as QEMU virt numbers its CPUs
 * (clusters of 16 with a GICv3; of 8 with a GICv2, which is the same up to
 * 8 CPUs). Guests see their vCPUs numbered so (VMPIDR) whatever the board.
 * The physical CPUs are numbered by the board's table instead
 * (asm/cpu_map.h), which is this numbering only for a board listing no
 * cpu_ids.
 */
#ifndef ASM_MPIDR_H
#define ASM_MPIDR_H

#include <bulwark/types.h>

#define CPUS_PER_CLUSTER 16u

/* The affinity of an index (no bit 31): a constant expression for a constant index. */
#define MPIDR_OF_INDEX(i) ((((u64)(i) / CPUS_PER_CLUSTER) << 8) | ((u64)(i) % CPUS_PER_CLUSTER))

/*
 * The index an MPIDR names, bits outside the affinity fields (Aff3 at
 * 39:32, Aff2..Aff0 at 23:0) ignored; -1 when it names none.
 */
static inline long mpidr_to_index(u64 mpidr)
{
	u64 aff0 = mpidr & 0xff, aff1 = (mpidr >> 8) & 0xff;

	if ((mpidr & 0xff00ff0000ULL) || aff0 >= CPUS_PER_CLUSTER)
		return -1;
	return (long)(aff1 * CPUS_PER_CLUSTER + aff0);
}

#endif /* ASM_MPIDR_H */
