/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the Sv39x4 G-stage table builder, run on tables in host memory. */
#include <stdlib.h>
#include <string.h>

#include <bulwark/errno.h>
#include <asm/gstage.h>

#include "test.h"

#define POOL_PAGES 16u

static struct gstage gs;
static void *pool;

/* aligned_alloc wants the size to be a multiple of the alignment. */
static void *alloc_pool(unsigned int pages)
{
	size_t align = 4 * GSTAGE_PAGE_SIZE;
	size_t size = ((size_t)pages * GSTAGE_PAGE_SIZE + align - 1) / align * align;

	return aligned_alloc(align, size);
}

static void fresh(unsigned int pages)
{
	free(pool);
	pool = alloc_pool(pages);
	memset(pool, 0, (size_t)pages * GSTAGE_PAGE_SIZE);
	EXPECT_EQ_INT(gstage_init(&gs, pool, pages), 0);
}

static u64 lookup(u64 gpa, unsigned int *perms)
{
	return gstage_translate(&gs, gpa, perms);
}

TEST(gstage, empty_table_maps_nothing)
{
	unsigned int perms;

	fresh(POOL_PAGES);
	EXPECT_EQ_UINT(lookup(0x80000000ull, &perms), ~0ull);
	EXPECT_EQ_UINT(gs.used, GSTAGE_ROOT_PAGES);
}

TEST(gstage, root_must_be_16k_aligned)
{
	char *raw = alloc_pool(8);
	struct gstage other;

	EXPECT_EQ_INT(gstage_init(&other, raw + GSTAGE_PAGE_SIZE, 4), -EINVAL);
	EXPECT_EQ_INT(gstage_init(&other, raw, 3), -EINVAL);
	free(raw);
}

TEST(gstage, single_page_translates_with_offset)
{
	unsigned int perms = 0;

	fresh(POOL_PAGES);
	EXPECT_EQ_INT(gstage_map(&gs, 0x101000, 0x101000, 0x1000, GSTAGE_R | GSTAGE_W), 0);
	EXPECT_EQ_UINT(lookup(0x101234, &perms), 0x101234ull);
	EXPECT_EQ_UINT(perms, GSTAGE_R | GSTAGE_W);
	EXPECT_EQ_UINT(lookup(0x102000, &perms), ~0ull);
	EXPECT_EQ_UINT(lookup(0x100fff, &perms), ~0ull);
	/* One level-1 and one level-0 table below the root. */
	EXPECT_EQ_UINT(gs.used, GSTAGE_ROOT_PAGES + 2);
}

TEST(gstage, guest_and_host_addresses_differ)
{
	unsigned int perms = 0;

	fresh(POOL_PAGES);
	EXPECT_EQ_INT(gstage_map(&gs, 0x80000000ull, 0x81000000ull, 0x4000, GSTAGE_R | GSTAGE_X),
		      0);
	EXPECT_EQ_UINT(lookup(0x80003ffcull, &perms), 0x81003ffcull);
	EXPECT_EQ_UINT(perms, GSTAGE_R | GSTAGE_X);
}

TEST(gstage, aligned_region_uses_megapages)
{
	unsigned int perms = 0;

	fresh(POOL_PAGES);
	EXPECT_EQ_INT(gstage_map(&gs, 0x80000000ull, 0x90000000ull, 64ull << 20,
				 GSTAGE_R | GSTAGE_W | GSTAGE_X),
		      0);
	/* 32 megapages in one level-1 table: no level-0 table at all. */
	EXPECT_EQ_UINT(gs.used, GSTAGE_ROOT_PAGES + 1);
	EXPECT_EQ_UINT(lookup(0x83ffffffull, &perms), 0x93ffffffull);
	EXPECT_EQ_UINT(lookup(0x84000000ull, &perms), ~0ull);
}

TEST(gstage, gigapage_when_1g_aligned)
{
	unsigned int perms = 0;

	fresh(POOL_PAGES);
	EXPECT_EQ_INT(gstage_map(&gs, 0x40000000ull, 0x80000000ull, 1ull << 30, GSTAGE_R), 0);
	EXPECT_EQ_UINT(gs.used, GSTAGE_ROOT_PAGES);
	EXPECT_EQ_UINT(lookup(0x7fffffffull, &perms), 0xbfffffffull);
}

TEST(gstage, unaligned_host_falls_back_to_small_pages)
{
	unsigned int perms = 0;

	fresh(64);
	EXPECT_EQ_INT(gstage_map(&gs, 0x80000000ull, 0x82210000ull, 4ull << 20, GSTAGE_R), 0);
	EXPECT_EQ_UINT(gs.used, GSTAGE_ROOT_PAGES + 1 + 2);
	EXPECT_EQ_UINT(lookup(0x803ff000ull, &perms), 0x8260f000ull);
}

TEST(gstage, write_implies_read)
{
	unsigned int perms = 0;

	fresh(POOL_PAGES);
	EXPECT_EQ_INT(gstage_map(&gs, 0x1000, 0x1000, 0x1000, GSTAGE_W), 0);
	(void)lookup(0x1000, &perms);
	EXPECT_EQ_UINT(perms, GSTAGE_R | GSTAGE_W);
}

TEST(gstage, rejects_misaligned_and_empty)
{
	fresh(POOL_PAGES);
	EXPECT_EQ_INT(gstage_map(&gs, 0x1001, 0x1000, 0x1000, GSTAGE_R), -EINVAL);
	EXPECT_EQ_INT(gstage_map(&gs, 0x1000, 0x1800, 0x1000, GSTAGE_R), -EINVAL);
	EXPECT_EQ_INT(gstage_map(&gs, 0x1000, 0x1000, 0x800, GSTAGE_R), -EINVAL);
	EXPECT_EQ_INT(gstage_map(&gs, 0x1000, 0x1000, 0, GSTAGE_R), -EINVAL);
	EXPECT_EQ_INT(gstage_map(&gs, 0x1000, 0x1000, 0x1000, 0), -EINVAL);
}

TEST(gstage, rejects_beyond_41_bits)
{
	fresh(POOL_PAGES);
	EXPECT_EQ_INT(gstage_map(&gs, 1ull << 41, 0x1000, 0x1000, GSTAGE_R), -EINVAL);
	EXPECT_EQ_INT(gstage_map(&gs, (1ull << 41) - 0x1000, 0x1000, 0x2000, GSTAGE_R), -EINVAL);
	EXPECT_EQ_INT(gstage_map(&gs, (1ull << 41) - 0x1000, 0x1000, 0x1000, GSTAGE_R), 0);
}

TEST(gstage, overlap_is_refused)
{
	fresh(POOL_PAGES);
	EXPECT_EQ_INT(gstage_map(&gs, 0x80000000ull, 0x80000000ull, 2ull << 20, GSTAGE_R), 0);
	EXPECT_EQ_INT(gstage_map(&gs, 0x80100000ull, 0x90000000ull, 0x1000, GSTAGE_R), -EINVAL);
	EXPECT_EQ_INT(gstage_map(&gs, 0x80000000ull, 0x90000000ull, 0x1000, GSTAGE_R), -EINVAL);
}

TEST(gstage, pool_exhaustion_is_reported)
{
	fresh(GSTAGE_ROOT_PAGES + 1);
	EXPECT_EQ_INT(gstage_map(&gs, 0x1000, 0x1000, 0x1000, GSTAGE_R), -ENOMEM);
}

TEST(gstage, high_root_index_uses_all_2048_entries)
{
	unsigned int perms = 0;

	fresh(POOL_PAGES);
	EXPECT_EQ_INT(gstage_map(&gs, 0x1ffc0000000ull, 0x80000000ull, 1ull << 30, GSTAGE_R), 0);
	EXPECT_EQ_UINT(lookup(0x1ffc0000123ull, &perms), 0x80000123ull);
	EXPECT_EQ_UINT(lookup(0x00c0000123ull, &perms), ~0ull);
}
