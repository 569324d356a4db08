/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The hypervisor's own Hyp-mode identity map: the LPAE first-level table
 * of four 1 GiB blocks over the 32-bit address space, built by the shared
 * Arm code (arch/arm-common/hyp_map.c).
 */
#include <asm/arm32.h>
#include <asm/cp15.h>
#include <asm/hyp_map.h>

#define HYP_TABLE_ENTRIES 4

_Static_assert(MAIR_IDX_NORMAL == HYP_MAIR_IDX_NORMAL &&
		   MAIR_IDX_DEVICE_nGnRnE == HYP_MAIR_IDX_DEVICE_nGnRnE,
	       "HMAIR0 holds the attributes the shared map uses");

/* boot.S points HTTBR at it (T0SZ = 0: the walk starts at the first level). */
u64 arm32_hyp_table[HYP_TABLE_ENTRIES] __aligned(4096);

/* Runs on the boot CPU before its MMU is on. */
void arm32_mmu_build(void)
{
	arm_hyp_map_build(arm32_hyp_table, HYP_TABLE_ENTRIES);
}
