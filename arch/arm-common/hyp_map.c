/* SPDX-License-Identifier: Apache-2.0 */
/* The hypervisor's identity map of 1 GiB blocks, shared by AArch64 and AArch32. */
#include <asm/hyp_map.h>
#include <generated/board.h>

#define BLOCK_SHIFT 30

#define DESC_BLOCK     (1ULL << 0)
#define DESC_ATTR(idx) ((u64)(idx) << 2)
#define DESC_AP1       (1ULL << 6) /* RES1 in a translation regime with one privilege level */
#define DESC_SH_INNER  (3ULL << 8)
#define DESC_AF	       (1ULL << 10)
#define DESC_XN	       (1ULL << 54)

static bool block_holds_ram(u64 base)
{
	u64 end = base + (1ULL << BLOCK_SHIFT);

	return base < BOARD_RAM_BASE + BOARD_RAM_SIZE && BOARD_RAM_BASE < end;
}

/*
 * A block that holds some RAM is normal memory as a whole: the boards we
 * run on keep devices out of the gigabyte where RAM starts.
 */
void arm_hyp_map_build(u64 *table, unsigned int entries)
{
	for (unsigned int i = 0; i < entries; i++) {
		u64 base = (u64)i << BLOCK_SHIFT;
		u64 desc = base | DESC_BLOCK | DESC_AF | DESC_AP1;

		if (block_holds_ram(base))
			desc |= DESC_ATTR(HYP_MAIR_IDX_NORMAL) | DESC_SH_INNER;
		else
			desc |= DESC_ATTR(HYP_MAIR_IDX_DEVICE_nGnRnE) | DESC_XN;
		table[i] = desc;
	}
	__asm__ __volatile__("dsb sy" ::: "memory");
}
