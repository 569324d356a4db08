/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The hypervisor's own EL2 identity map: a level-1 table of 1 GiB blocks
 * over 512 GiB, built by the shared Arm code (arch/arm-common/hyp_map.c).
 */
#include <asm/arm64.h>
#include <asm/hyp_map.h>
#include <asm/sysreg.h>

#define HYP_TABLE_ENTRIES 512

_Static_assert(MAIR_IDX_NORMAL == HYP_MAIR_IDX_NORMAL &&
		   MAIR_IDX_DEVICE_nGnRnE == HYP_MAIR_IDX_DEVICE_nGnRnE,
	       "MAIR_EL2 holds the attributes the shared map uses");

/*
 * TTBR0_EL2 once the hypervisor moved to its cache colors (hyp_recolor.c),
 * else 0; CPUs started later read it in boot.S with their MMU off.
 */
u64 arm64_hyp_ttbr;

/* Level-1 table covering 512 GiB from address 0; boot.S points TTBR0_EL2 at it. */
u64 arm64_hyp_table[HYP_TABLE_ENTRIES] __aligned(4096);

/* Runs on the boot CPU before its MMU is on. */
void arm64_mmu_build(void)
{
	arm_hyp_map_build(arm64_hyp_table, HYP_TABLE_ENTRIES);
}
