/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the AArch64 stage-2 table builder, run on tables in host memory. */
#include <stdlib.h>
#include <string.h>

#include <bulwark/errno.h>
#include <asm/stage2.h>

#include "test.h"

#define POOL_PAGES 16u
#define RW	   (STAGE2_R | STAGE2_W)
#define RWX	   (STAGE2_R | STAGE2_W | STAGE2_X)

static struct stage2 s2;
static void *pool;

/* aligned_alloc wants the size to be a multiple of the alignment. */
static void *alloc_pool(unsigned int pages)
{
	size_t align = STAGE2_MAX_ROOT_PAGES * STAGE2_PAGE_SIZE;
	size_t size = ((size_t)pages * STAGE2_PAGE_SIZE + align - 1) / align * align;

	return aligned_alloc(align, size);
}

static void fresh_bits(unsigned int pages, unsigned int ipa_bits)
{
	free(pool);
	pool = alloc_pool(pages);
	memset(pool, 0, (size_t)pages * STAGE2_PAGE_SIZE);
	EXPECT_EQ_INT(stage2_init(&s2, pool, pages, ipa_bits), 0);
}

static void fresh(unsigned int pages)
{
	fresh_bits(pages, 40);
}

static u64 lookup(u64 ipa, unsigned int *perms)
{
	enum stage2_memtype type;

	return stage2_translate(&s2, ipa, perms, &type);
}

static enum stage2_memtype type_of(u64 ipa)
{
	enum stage2_memtype type = (enum stage2_memtype) - 1;
	unsigned int perms;

	(void)stage2_translate(&s2, ipa, &perms, &type);
	return type;
}

/* The descriptor that maps ipa at a level, found by walking like the hardware. */
static u64 leaf_descriptor(u64 ipa)
{
	static const unsigned int shift[] = {39, 30, 21, 12};
	const u64 *table = s2.root;

	for (unsigned int level = s2.start_level; level < 4; level++) {
		u64 entries = level == s2.start_level ? 1ull << (s2.ipa_bits - shift[level]) : 512;
		u64 desc = table[(ipa >> shift[level]) & (entries - 1)];

		if (level == 3 || (desc & 3) == 1)
			return desc;
		table = (const u64 *)(uintptr_t)(desc & 0x0000fffffffff000ull);
	}
	return 0;
}

TEST(stage2, root_shape_follows_the_ipa_size)
{
	EXPECT_EQ_UINT(stage2_root_pages(32), 1);
	EXPECT_EQ_UINT(stage2_root_pages(39), 1);
	EXPECT_EQ_UINT(stage2_root_pages(40), 2);
	EXPECT_EQ_UINT(stage2_root_pages(42), 8);
	EXPECT_EQ_UINT(stage2_root_pages(44), 1);
	EXPECT_EQ_UINT(stage2_root_pages(48), 1);
	EXPECT_EQ_UINT(stage2_root_pages(31), 0);
	EXPECT_EQ_UINT(stage2_root_pages(52), 0);
	fresh_bits(POOL_PAGES, 40);
	EXPECT_EQ_UINT(s2.start_level, 1);
	EXPECT_EQ_UINT(s2.used, 2);
	fresh_bits(POOL_PAGES, 48);
	EXPECT_EQ_UINT(s2.start_level, 0);
	EXPECT_EQ_UINT(s2.used, 1);
}

TEST(stage2, vtcr_fields)
{
	/* cortex-a53: 40-bit PA (PARange 2): T0SZ 24, SL0 1 (level 1), PS 2. */
	u64 vtcr = stage2_vtcr(40, 2);

	EXPECT_EQ_UINT(vtcr & 0x3f, 24);
	EXPECT_EQ_UINT((vtcr >> 6) & 3, 1);
	EXPECT_EQ_UINT((vtcr >> 8) & 3, 1);  /* IRGN0 write-back */
	EXPECT_EQ_UINT((vtcr >> 10) & 3, 1); /* ORGN0 write-back */
	EXPECT_EQ_UINT((vtcr >> 12) & 3, 3); /* inner shareable */
	EXPECT_EQ_UINT((vtcr >> 14) & 3, 0); /* 4 KiB granule */
	EXPECT_EQ_UINT((vtcr >> 16) & 7, 2);
	EXPECT_EQ_UINT(vtcr >> 31, 1);
	/* 48 bits start at level 0; a 52-bit PARange is capped at 48. */
	vtcr = stage2_vtcr(48, 6);
	EXPECT_EQ_UINT(vtcr & 0x3f, 16);
	EXPECT_EQ_UINT((vtcr >> 6) & 3, 2);
	EXPECT_EQ_UINT((vtcr >> 16) & 7, 5);
	EXPECT_EQ_UINT(stage2_pa_bits(2), 40);
	EXPECT_EQ_UINT(stage2_pa_bits(5), 48);
	EXPECT_EQ_UINT(stage2_pa_bits(7), 0);
}

TEST(stage2, root_must_be_aligned_to_its_size)
{
	char *raw = alloc_pool(8);
	struct stage2 other;

	/* 40 bits: two concatenated root pages, 8 KiB aligned. */
	EXPECT_EQ_INT(stage2_init(&other, raw + STAGE2_PAGE_SIZE, 4, 40), -EINVAL);
	EXPECT_EQ_INT(stage2_init(&other, raw, 1, 40), -EINVAL);
	EXPECT_EQ_INT(stage2_init(&other, raw + STAGE2_PAGE_SIZE, 4, 39), 0);
	EXPECT_EQ_INT(stage2_init(&other, raw, 4, 30), -EINVAL);
	free(raw);
}

TEST(stage2, empty_table_maps_nothing)
{
	unsigned int perms;

	fresh(POOL_PAGES);
	EXPECT_EQ_UINT(lookup(0x80000000ull, &perms), ~0ull);
}

TEST(stage2, single_page_translates_with_offset)
{
	unsigned int perms = 0;

	fresh(POOL_PAGES);
	EXPECT_EQ_INT(stage2_map(&s2, 0x9010000, 0x9010000, 0x1000, RW, STAGE2_DEVICE), 0);
	EXPECT_EQ_UINT(lookup(0x9010abc, &perms), 0x9010abcull);
	EXPECT_EQ_UINT(perms, RW);
	EXPECT_EQ_UINT(type_of(0x9010000), STAGE2_DEVICE);
	EXPECT_EQ_UINT(lookup(0x9011000, &perms), ~0ull);
	EXPECT_EQ_UINT(lookup(0x900f000, &perms), ~0ull);
	/* A level-2 and a level-3 table below the two root pages. */
	EXPECT_EQ_UINT(s2.used, 4);
	/* Level-3 page descriptor: bits 1:0 = 11, AF, device nGnRE, XN. */
	EXPECT_EQ_UINT(leaf_descriptor(0x9010000) & 3, 3);
	EXPECT_EQ_UINT((leaf_descriptor(0x9010000) >> 2) & 0xf, 0x1);
	EXPECT_TRUE(leaf_descriptor(0x9010000) & (1ull << 10));
	EXPECT_TRUE(leaf_descriptor(0x9010000) & (1ull << 54));
}

TEST(stage2, guest_and_host_addresses_differ)
{
	unsigned int perms = 0;

	fresh(POOL_PAGES);
	EXPECT_EQ_INT(stage2_map(&s2, 0x80000000ull, 0x41003000ull, 0x4000, STAGE2_R | STAGE2_X,
				 STAGE2_NORMAL),
		      0);
	EXPECT_EQ_UINT(lookup(0x80003ffcull, &perms), 0x41006ffcull);
	EXPECT_EQ_UINT(perms, STAGE2_R | STAGE2_X);
	EXPECT_EQ_UINT(type_of(0x80000000ull), STAGE2_NORMAL);
	/* Normal write-back, inner shareable, read-only, executable. */
	EXPECT_EQ_UINT((leaf_descriptor(0x80000000ull) >> 2) & 0xf, 0xf);
	EXPECT_EQ_UINT((leaf_descriptor(0x80000000ull) >> 6) & 3, 1);
	EXPECT_EQ_UINT((leaf_descriptor(0x80000000ull) >> 8) & 3, 3);
	EXPECT_EQ_UINT(leaf_descriptor(0x80000000ull) >> 54 & 1, 0);
}

TEST(stage2, aligned_region_uses_2m_blocks)
{
	unsigned int perms = 0;

	fresh(POOL_PAGES);
	EXPECT_EQ_INT(
	    stage2_map(&s2, 0x80000000ull, 0x41000000ull, 16ull << 20, RWX, STAGE2_NORMAL), 0);
	EXPECT_EQ_UINT(lookup(0x80fffff8ull, &perms), 0x41fffff8ull);
	EXPECT_EQ_UINT(perms, RWX);
	/* Only one level-2 table: eight 2 MiB blocks. */
	EXPECT_EQ_UINT(s2.used, 3);
	EXPECT_EQ_UINT(leaf_descriptor(0x80200000ull) & 3, 1);
}

TEST(stage2, 1g_block_when_aligned)
{
	unsigned int perms = 0;

	fresh(POOL_PAGES);
	EXPECT_EQ_INT(stage2_map(&s2, 0x40000000ull, 0x40000000ull, 1ull << 30, RW, STAGE2_NORMAL),
		      0);
	EXPECT_EQ_UINT(s2.used, 2); /* the block sits in the root */
	EXPECT_EQ_UINT(lookup(0x7ffffffcull, &perms), 0x7ffffffcull);
}

TEST(stage2, unaligned_host_falls_back_to_pages)
{
	unsigned int perms = 0;

	fresh(POOL_PAGES);
	EXPECT_EQ_INT(stage2_map(&s2, 0x80000000ull, 0x41001000ull, 2ull << 20, RW, STAGE2_NORMAL),
		      0);
	EXPECT_EQ_UINT(s2.used, 4);
	EXPECT_EQ_UINT(lookup(0x801ff000ull, &perms), 0x41200000ull);
}

TEST(stage2, high_ipa_uses_the_second_root_page)
{
	unsigned int perms = 0;

	fresh(POOL_PAGES);
	/* Bit 39 set: entry 512 of the concatenated level-1 root. */
	EXPECT_EQ_INT(stage2_map(&s2, 0x8000000000ull, 0x50000000ull, 0x1000, RW, STAGE2_NORMAL),
		      0);
	EXPECT_EQ_UINT(lookup(0x8000000010ull, &perms), 0x50000010ull);
	EXPECT_EQ_UINT(lookup(0x10ull, &perms), ~0ull);
	EXPECT_TRUE(s2.root[512] & 1);
}

TEST(stage2, level0_root_for_48_bits)
{
	unsigned int perms = 0;

	fresh_bits(POOL_PAGES, 48);
	EXPECT_EQ_INT(
	    stage2_map(&s2, 0xffff00000000ull, 0x40000000ull, 1ull << 30, RW, STAGE2_NORMAL), 0);
	EXPECT_EQ_UINT(lookup(0xffff00000123ull, &perms), 0x40000123ull);
	EXPECT_EQ_UINT(s2.used, 2); /* root + one level-1 table with the 1 GiB block */
}

TEST(stage2, rejects_misaligned_empty_and_rightless)
{
	fresh(POOL_PAGES);
	EXPECT_EQ_INT(stage2_map(&s2, 0x80000800ull, 0x41000000ull, 0x1000, RW, STAGE2_NORMAL),
		      -EINVAL);
	EXPECT_EQ_INT(stage2_map(&s2, 0x80000000ull, 0x41000800ull, 0x1000, RW, STAGE2_NORMAL),
		      -EINVAL);
	EXPECT_EQ_INT(stage2_map(&s2, 0x80000000ull, 0x41000000ull, 0x800, RW, STAGE2_NORMAL),
		      -EINVAL);
	EXPECT_EQ_INT(stage2_map(&s2, 0x80000000ull, 0x41000000ull, 0, RW, STAGE2_NORMAL), -EINVAL);
	EXPECT_EQ_INT(stage2_map(&s2, 0x80000000ull, 0x41000000ull, 0x1000, 0, STAGE2_NORMAL),
		      -EINVAL);
}

TEST(stage2, rejects_beyond_the_ipa_size)
{
	fresh(POOL_PAGES);
	EXPECT_EQ_INT(stage2_map(&s2, 1ull << 40, 0x41000000ull, 0x1000, RW, STAGE2_NORMAL),
		      -EINVAL);
	EXPECT_EQ_INT(
	    stage2_map(&s2, (1ull << 40) - 0x1000, 0x41000000ull, 0x2000, RW, STAGE2_NORMAL),
	    -EINVAL);
	EXPECT_EQ_INT(stage2_map(&s2, ~0xfffull, 0x41000000ull, 0x2000, RW, STAGE2_NORMAL),
		      -EINVAL);
}

TEST(stage2, overlap_is_refused)
{
	fresh(POOL_PAGES);
	EXPECT_EQ_INT(stage2_map(&s2, 0x80000000ull, 0x41000000ull, 2ull << 20, RW, STAGE2_NORMAL),
		      0);
	/* A page inside the block, and the same page twice. */
	EXPECT_EQ_INT(stage2_map(&s2, 0x80001000ull, 0x42000000ull, 0x1000, RW, STAGE2_NORMAL),
		      -EINVAL);
	EXPECT_EQ_INT(stage2_map(&s2, 0x90000000ull, 0x43000000ull, 0x1000, RW, STAGE2_DEVICE), 0);
	EXPECT_EQ_INT(stage2_map(&s2, 0x90000000ull, 0x43000000ull, 0x1000, RW, STAGE2_DEVICE),
		      -EINVAL);
}

TEST(stage2, pool_exhaustion_is_reported)
{
	fresh(3);
	/* Needs a level-2 and a level-3 table: only one page is left after the root. */
	EXPECT_EQ_INT(stage2_map(&s2, 0x9000000ull, 0x9000000ull, 0x1000, RW, STAGE2_DEVICE),
		      -ENOMEM);
}
