/* SPDX-License-Identifier: Apache-2.0 */
/* The fake arch's vCPU and VM state: what the host tests read back. */
#ifndef ASM_VCPU_H
#define ASM_VCPU_H

#include <bulwark/types.h>

struct arch_vcpu {
	unsigned int entries;	   /* times arch_vcpu_start entered it */
	unsigned int lines_synced; /* times arch_vcpu_sync_lines ran for it */
};

struct arch_vm {
	unsigned int map_runs; /* runs the memory back end was asked to map */
};

#endif /* ASM_VCPU_H */
