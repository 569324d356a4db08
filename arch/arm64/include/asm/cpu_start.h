/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What arch/arm-common/cpu_start.c needs of AArch64 to start the other CPUs:
 * the SMC64 PSCI calls, boot.S's entry and pen, and how the pen is opened.
 */
#ifndef ASM_CPU_START_H
#define ASM_CPU_START_H

#include <asm/arm64.h>
#include <asm/psci.h>

#define ARM_PSCI_CPU_ON	       PSCI_CPU_ON_64
#define ARM_PSCI_AFFINITY_INFO PSCI_AFFINITY_INFO_64
#define arm_secondary_entry    arm64_secondary_entry
#define arm_pen_release	       arm64_pen_release
#define ARM_PEN_SILENT_HINT                                                                        \
	"it was released from the boot pen but never reported; did it start at the image's "       \
	"entry with the boot CPU?"

/* The waiting CPU reads with its MPU or MMU off: clean the line to memory, then wake it. */
static inline void arm_pen_publish(volatile u32 *release)
{
	__asm__ __volatile__("dc cvac, %0\n\tdsb sy\n\tsev" : : "r"(release) : "memory");
}

#endif /* ASM_CPU_START_H */
