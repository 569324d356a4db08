/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What arch/arm-common/cpu_start.c needs of AArch64 to start the other CPUs:
 * the SMC64 PSCI calls, boot.S's entry and pen.
 */
#ifndef ASM_CPU_START_H
#define ASM_CPU_START_H

#include <asm/arm64.h>
#include <asm/psci.h>

#define ARM_PSCI_CPU_ON	       PSCI_CPU_ON_64
#define ARM_PSCI_AFFINITY_INFO PSCI_AFFINITY_INFO_64
#define arm_secondary_entry    arm64_secondary_entry
#define arm_pen_release	       arm64_pen_release
#ifdef CONFIG_ARM_SPIN_TABLE
#define ARM_PEN_SILENT_HINT                                                                        \
	"its cpu-release-addr was given the image's entry but it never reported; does the "        \
	"firmware park it on that spin table (CONFIG_ARM_SPIN_TABLE_RELEASE_ADDR)?"
#else
#define ARM_PEN_SILENT_HINT                                                                        \
	"it was released from the boot pen but never reported; did it start at the image's "       \
	"entry with the boot CPU?"
#endif

#endif /* ASM_CPU_START_H */
