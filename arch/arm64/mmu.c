/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The hypervisor's own EL2 identity map: 1 GiB blocks, RAM normal
 * write-back (so exclusives and unaligned accesses work), everything else
 * device memory that cannot be executed.
 */
#include <asm/arm64.h>
#include <asm/sysreg.h>
#include <generated/board.h>

#define HYP_TABLE_ENTRIES 512
#define BLOCK_SHIFT	  30

#define DESC_BLOCK     (1ULL << 0)
#define DESC_ATTR(idx) ((u64)(idx) << 2)
#define DESC_AP1       (1ULL << 6) /* RES1 in a translation regime with one privilege level */
#define DESC_SH_INNER  (3ULL << 8)
#define DESC_AF	       (1ULL << 10)
#define DESC_XN	       (1ULL << 54)

/* Level-1 table covering 512 GiB from address 0; boot.S points TTBR0_EL2 at it. */
u64 arm64_hyp_table[HYP_TABLE_ENTRIES] __aligned(4096);

static bool block_holds_ram(u64 base)
{
	u64 end = base + (1ULL << BLOCK_SHIFT);

	return base < BOARD_RAM_BASE + BOARD_RAM_SIZE && BOARD_RAM_BASE < end;
}

/*
 * Runs on the boot CPU before its MMU is on, so the stores reach memory
 * directly. A block that holds some RAM is normal memory as a whole: the
 * boards we run on keep devices out of the gigabyte where RAM starts.
 */
void arm64_mmu_build(void)
{
	for (unsigned int i = 0; i < HYP_TABLE_ENTRIES; i++) {
		u64 base = (u64)i << BLOCK_SHIFT;
		u64 desc = base | DESC_BLOCK | DESC_AF | DESC_AP1;

		if (block_holds_ram(base))
			desc |= DESC_ATTR(MAIR_IDX_NORMAL) | DESC_SH_INNER;
		else
			desc |= DESC_ATTR(MAIR_IDX_DEVICE_nGnRnE) | DESC_XN;
		arm64_hyp_table[i] = desc;
	}
	__asm__ __volatile__("dsb sy" ::: "memory");
}
