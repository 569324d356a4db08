/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What arch/arm-common/cpu_start.c needs of AArch32 to start the other CPUs:
 * the SMC32 PSCI calls, boot.S's entry and pen.
 */
#ifndef ASM_CPU_START_H
#define ASM_CPU_START_H

#include <asm/arm32.h>
#include <asm/psci.h>

#define ARM_PSCI_CPU_ON	       PSCI_CPU_ON_32
#define ARM_PSCI_AFFINITY_INFO PSCI_AFFINITY_INFO_32
#define arm_secondary_entry    arm32_secondary_entry
#define arm_pen_release	       arm32_pen_release
#define ARM_PEN_SILENT_HINT                                                                        \
	"it was released from the boot pen but never reported; did it enter the image at all "     \
	"(QEMU: -device loader,addr=<entry>,cpu-num=N)?"

#endif /* ASM_CPU_START_H */
