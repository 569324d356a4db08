/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The hypervisor's own identity map for both Arm execution states: one
 * table of 1 GiB blocks (VMSAv8-64 level 1 on AArch64, LPAE first level on
 * AArch32, whose block descriptors are alike), RAM normal write-back and
 * everything else device memory that cannot be executed.
 */
#ifndef ASM_HYP_MAP_H
#define ASM_HYP_MAP_H

#include <bulwark/types.h>

/* Attribute indexes the descriptors use; MAIR_EL2 / HMAIR0 must hold them (0x04ff00). */
#define HYP_MAIR_IDX_DEVICE_nGnRnE 0
#define HYP_MAIR_IDX_NORMAL	   1

/*
 * Fills table[0..entries) with blocks mapping [0, entries GiB) one to one.
 * Runs before the MMU is on, so the stores reach memory directly.
 */
void arm_hyp_map_build(u64 *table, unsigned int entries);

#endif /* ASM_HYP_MAP_H */
