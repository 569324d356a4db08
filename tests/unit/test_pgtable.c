/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tests of the shared page-table walker with each format it is given:
 * descriptors are checked bit for bit against the encodings of the Arm ARM
 * (VMSAv8-64 and LPAE stage 2) and the RISC-V privileged spec (Sv39x4,
 * Sv32x4), in tables placed at made-up physical addresses.
 */
#include <stdlib.h>
#include <string.h>

#include <bulwark/errno.h>
#include <bulwark/pgtable.h>
#include <asm/gstage.h>
#include <asm/stage2.h>

#include "test.h"

#define PAGE 4096u
#define RW   (PGTABLE_R | PGTABLE_W)
#define RWX  (PGTABLE_R | PGTABLE_W | PGTABLE_X)
#define RX   (PGTABLE_R | PGTABLE_X)

/* Stage-2 descriptor bits (Arm ARM D8.3 / G5.5). */
#define S2_PAGE	  0x3ull /* also a table above the last level */
#define S2_BLOCK  0x1ull
#define S2_NORMAL ((0xfull << 2) | (3ull << 8)) /* MemAttr write-back, inner shareable */
#define S2_DEVICE (0x1ull << 2)			/* MemAttr Device-nGnRE, SH 00 */
#define S2_AP_R	  (1ull << 6)
#define S2_AP_W	  (1ull << 7)
#define S2_AF	  (1ull << 10)
#define S2_XN	  (1ull << 54)
/* RISC-V PTE bits. */
#define PTE_V	0x01ull
#define PTE_R	0x02ull
#define PTE_W	0x04ull
#define PTE_X	0x08ull
#define PTE_UAD 0xd0ull /* U, A, D */
#define PPN(pa) (((u64)(pa) >> 12) << 10)

static struct pgtable pt;
static u8 *pool;
static u64 pool_phys;

/* aligned_alloc wants the size to be a multiple of the alignment. */
static u8 *alloc_pool(unsigned int pages)
{
	size_t align = 16 * PAGE;
	size_t size = ((size_t)pages * PAGE + align - 1) / align * align;
	u8 *p = aligned_alloc(align, size);

	memset(p, 0, size);
	return p;
}

/* A fresh pool of pages whose physical address is phys (not where the host put it). */
static void fresh(const struct pgtable_format *fmt, unsigned int pages, u64 phys,
		  unsigned int ia_bits, unsigned int start_level)
{
	free(pool);
	pool = alloc_pool(pages);
	pool_phys = phys;
	EXPECT_EQ_INT(pgtable_init(&pt, fmt, pool, phys, pages, ia_bits, start_level), 0);
}

/* Entry index of the table at pool page `page` (a root may span several pages). */
static u64 entry(unsigned int page, unsigned int index)
{
	const u8 *table = pool + (size_t)page * PAGE;

	if (pt.fmt->desc_bytes == 4)
		return ((const u32 *)(const void *)table)[index];
	return ((const u64 *)(const void *)table)[index];
}

static u64 phys_of_page(unsigned int page)
{
	return pool_phys + (u64)page * PAGE;
}

static u64 lookup(u64 ia, unsigned int *perms, enum pgtable_memtype *type)
{
	return pgtable_translate(&pt, ia, perms, type);
}

/* Misaligned, empty, rightless and out-of-range input is refused before anything is built. */
static void expect_bad_input_refused(u64 ia_limit, u64 pa_limit)
{
	unsigned int used = pt.used;

	EXPECT_EQ_INT(pgtable_map(&pt, 0x10800, 0x20000, PAGE, RW, PGTABLE_NORMAL), -EINVAL);
	EXPECT_EQ_INT(pgtable_map(&pt, 0x10000, 0x20800, PAGE, RW, PGTABLE_NORMAL), -EINVAL);
	EXPECT_EQ_INT(pgtable_map(&pt, 0x10000, 0x20000, 0x800, RW, PGTABLE_NORMAL), -EINVAL);
	EXPECT_EQ_INT(pgtable_map(&pt, 0x10000, 0x20000, 0, RW, PGTABLE_NORMAL), -EINVAL);
	EXPECT_EQ_INT(pgtable_map(&pt, 0x10000, 0x20000, PAGE, 0, PGTABLE_NORMAL), -EINVAL);
	/* Input range: at the limit, straddling it, wrapping around. */
	EXPECT_EQ_INT(pgtable_map(&pt, ia_limit, 0x20000, PAGE, RW, PGTABLE_NORMAL), -EINVAL);
	EXPECT_EQ_INT(pgtable_map(&pt, ia_limit - PAGE, 0x20000, 2 * PAGE, RW, PGTABLE_NORMAL),
		      -EINVAL);
	EXPECT_EQ_INT(pgtable_map(&pt, ~0xfffull, 0x20000, 2 * PAGE, RW, PGTABLE_NORMAL), -EINVAL);
	/* Output range: beyond what a descriptor holds. */
	EXPECT_EQ_INT(pgtable_map(&pt, 0x10000, pa_limit, PAGE, RW, PGTABLE_NORMAL), -EINVAL);
	EXPECT_EQ_INT(pgtable_map(&pt, 0x10000, pa_limit - PAGE, 2 * PAGE, RW, PGTABLE_NORMAL),
		      -EINVAL);
	EXPECT_EQ_UINT(pt.used, used);
	/* The last page of both ranges is fine. */
	EXPECT_EQ_INT(pgtable_map(&pt, ia_limit - PAGE, pa_limit - PAGE, PAGE, RW, PGTABLE_NORMAL),
		      0);
}

/* ---- VMSAv8-64 stage 2, 4 KiB granule ---- */

TEST(pgtable, vmsav8_root_shapes)
{
	const struct pgtable_format *f = &stage2_format_vmsav8_4k;

	EXPECT_EQ_UINT(pgtable_root_pages(f, 40, 1), 2);
	EXPECT_EQ_UINT(pgtable_root_pages(f, 43, 1), 16);
	EXPECT_EQ_UINT(pgtable_root_pages(f, 44, 1), 0); /* 32 tables: beyond the architecture */
	EXPECT_EQ_UINT(pgtable_root_pages(f, 48, 0), 1);
	EXPECT_EQ_UINT(pgtable_root_pages(f, 39, 0), 0); /* level 0 resolves bits from 39 up */
	EXPECT_EQ_UINT(pgtable_root_pages(f, 30, 2), 1);
	EXPECT_EQ_UINT(pgtable_root_pages(f, 40, 4), 0);
}

TEST(pgtable, vmsav8_page_descriptors)
{
	unsigned int perms = 0;
	enum pgtable_memtype type = PGTABLE_DEVICE;

	/* 40-bit IPA from level 1: two root pages at 0x40000000. */
	fresh(&stage2_format_vmsav8_4k, 8, 0x40000000ull, 40, 1);
	EXPECT_EQ_INT(pgtable_map(&pt, 0x80203000ull, 0x9abcd000ull, PAGE, RW, PGTABLE_NORMAL), 0);
	EXPECT_EQ_UINT(pt.used, 4);
	/* Level 1 index 2 -> level-2 table in page 2; its index 1 -> level-3 table in page 3. */
	EXPECT_EQ_UINT(entry(0, 2), phys_of_page(2) | S2_PAGE);
	EXPECT_EQ_UINT(entry(2, 1), phys_of_page(3) | S2_PAGE);
	EXPECT_EQ_UINT(entry(3, 3),
		       0x9abcd000ull | S2_PAGE | S2_NORMAL | S2_AP_R | S2_AP_W | S2_AF | S2_XN);
	EXPECT_EQ_UINT(lookup(0x80203abcull, &perms, &type), 0x9abcdabcull);
	EXPECT_EQ_UINT(perms, RW);
	EXPECT_EQ_UINT(type, PGTABLE_NORMAL);
	/* Device, read-execute, in the same last-level table. */
	EXPECT_EQ_INT(pgtable_map(&pt, 0x80204000ull, 0x9000000ull, PAGE, RX, PGTABLE_DEVICE), 0);
	EXPECT_EQ_UINT(entry(3, 4), 0x9000000ull | S2_PAGE | S2_DEVICE | S2_AP_R | S2_AF);
	EXPECT_EQ_UINT(lookup(0x80204000ull, &perms, &type), 0x9000000ull);
	EXPECT_EQ_UINT(perms, RX);
	EXPECT_EQ_UINT(type, PGTABLE_DEVICE);
	EXPECT_EQ_UINT(pt.used, 4);
}

TEST(pgtable, vmsav8_blocks_and_concatenated_root)
{
	unsigned int perms;
	enum pgtable_memtype type;

	fresh(&stage2_format_vmsav8_4k, 8, 0x40000000ull, 40, 1);
	/* 1 GiB + 2 MiB + 4 KiB, all aligned: a level-1 block, a level-2 block, a page. */
	EXPECT_EQ_INT(pgtable_map(&pt, 0x8000000000ull, 0xc0000000ull,
				  (1ull << 30) + (2ull << 20) + PAGE, RWX, PGTABLE_NORMAL),
		      0);
	/* Bit 39 of the IPA: entry 512, in the second concatenated root page. */
	EXPECT_EQ_UINT(entry(1, 0),
		       0xc0000000ull | S2_BLOCK | S2_NORMAL | S2_AP_R | S2_AP_W | S2_AF);
	EXPECT_EQ_UINT(entry(1, 1), phys_of_page(2) | S2_PAGE);
	EXPECT_EQ_UINT(entry(2, 0),
		       0x100000000ull | S2_BLOCK | S2_NORMAL | S2_AP_R | S2_AP_W | S2_AF);
	EXPECT_EQ_UINT(entry(3, 0),
		       0x100200000ull | S2_PAGE | S2_NORMAL | S2_AP_R | S2_AP_W | S2_AF);
	EXPECT_EQ_UINT(pt.used, 4);
	EXPECT_EQ_UINT(lookup(0x803ffffff8ull, &perms, &type), 0xfffffff8ull);
	EXPECT_EQ_UINT(lookup(0x80401ff000ull, &perms, &type), 0x1001ff000ull);
	EXPECT_EQ_UINT(lookup(0x8040200ff0ull, &perms, &type), 0x100200ff0ull);
	EXPECT_EQ_UINT(perms, RWX);
	EXPECT_EQ_UINT(lookup(0x8040201000ull, &perms, &type), ~0ull);
	EXPECT_EQ_UINT(lookup(0x40000000ull, &perms, &type), ~0ull);
}

TEST(pgtable, vmsav8_no_level0_blocks)
{
	unsigned int perms;
	enum pgtable_memtype type;

	/* 48 bits from level 0: a 512 GiB aligned run still uses 1 GiB blocks below it. */
	fresh(&stage2_format_vmsav8_4k, 8, 0x40000000ull, 48, 0);
	EXPECT_EQ_INT(pgtable_map(&pt, 1ull << 39, 0, 1ull << 39, RW, PGTABLE_NORMAL), 0);
	EXPECT_EQ_UINT(entry(0, 1), phys_of_page(1) | S2_PAGE);
	EXPECT_EQ_UINT(entry(1, 511) & 3, S2_BLOCK);
	EXPECT_EQ_UINT(pt.used, 2);
	/* A block descriptor at level 0 is not a translation the hardware makes. */
	((u64 *)(void *)pool)[2] = (2ull << 39) | S2_BLOCK | S2_AF | S2_AP_R;
	EXPECT_EQ_UINT(lookup(2ull << 39, &perms, &type), ~0ull);
	/* Nor is the block encoding at level 3. */
	EXPECT_EQ_INT(pgtable_map(&pt, 0x1000, 0x1000, PAGE, RW, PGTABLE_NORMAL), 0);
	EXPECT_EQ_UINT(lookup(0x1000, &perms, &type), 0x1000);
	((u64 *)(void *)(pool + 4 * PAGE))[1] &= ~2ull;
	EXPECT_EQ_UINT(lookup(0x1000, &perms, &type), ~0ull);
}

TEST(pgtable, vmsav8_refusals)
{
	fresh(&stage2_format_vmsav8_4k, 8, 0x40000000ull, 40, 1);
	expect_bad_input_refused(1ull << 40, 1ull << 48);
}

/* ---- AArch32 LPAE stage 2 ---- */

TEST(pgtable, lpae_root_shapes)
{
	const struct pgtable_format *f = &stage2_format_lpae;
	struct pgtable other;
	u8 *raw = alloc_pool(8);

	/* First level resolves bits 39:30 for 40 bits: two concatenated tables. */
	EXPECT_EQ_UINT(pgtable_root_pages(f, 40, 0), 2);
	EXPECT_EQ_UINT(pgtable_root_pages(f, 41, 0), 0);
	EXPECT_EQ_UINT(pgtable_root_pages(f, 32, 0), 1);
	EXPECT_EQ_UINT(pgtable_root_pages(f, 31, 1), 2); /* SL0 = 0: second level, two tables */
	/* The root must be aligned to its 8 KiB; the pool must be below 2^40. */
	EXPECT_EQ_INT(pgtable_init(&other, f, raw, 0x40001000ull, 8, 40, 0), -EINVAL);
	EXPECT_EQ_INT(pgtable_init(&other, f, raw, 0x40000000ull, 1, 40, 0), -EINVAL);
	EXPECT_EQ_INT(pgtable_init(&other, f, raw, (1ull << 40) - 4 * PAGE, 8, 40, 0), -EINVAL);
	EXPECT_EQ_INT(pgtable_init(&other, f, raw, 0x40000000ull, 8, 40, 0), 0);
	free(raw);
}

TEST(pgtable, lpae_pages_blocks_and_descriptors)
{
	unsigned int perms;
	enum pgtable_memtype type;

	fresh(&stage2_format_lpae, 8, 0x80000000ull, 40, 0);
	/* Bit 39: first-level entry 512, in the second root page; a 1 GiB block. */
	EXPECT_EQ_INT(
	    pgtable_map(&pt, 0x8000000000ull, 0xc0000000ull, 1ull << 30, RWX, PGTABLE_NORMAL), 0);
	EXPECT_EQ_UINT(entry(1, 0),
		       0xc0000000ull | S2_BLOCK | S2_NORMAL | S2_AP_R | S2_AP_W | S2_AF);
	EXPECT_EQ_UINT(pt.used, 2);
	/* A 2 MiB block then a page, with a 40-bit output address. */
	EXPECT_EQ_INT(
	    pgtable_map(&pt, 0x200000ull, 0xff00200000ull, (2ull << 20) + PAGE, RW, PGTABLE_DEVICE),
	    0);
	EXPECT_EQ_UINT(entry(0, 0), phys_of_page(2) | S2_PAGE);
	EXPECT_EQ_UINT(entry(2, 1),
		       0xff00200000ull | S2_BLOCK | S2_DEVICE | S2_AP_R | S2_AP_W | S2_AF | S2_XN);
	EXPECT_EQ_UINT(entry(2, 2), phys_of_page(3) | S2_PAGE);
	EXPECT_EQ_UINT(entry(3, 0),
		       0xff00400000ull | S2_PAGE | S2_DEVICE | S2_AP_R | S2_AP_W | S2_AF | S2_XN);
	EXPECT_EQ_UINT(pt.used, 4);
	EXPECT_EQ_UINT(lookup(0x400ffcull, &perms, &type), 0xff00400ffcull);
	EXPECT_EQ_UINT(perms, RW);
	EXPECT_EQ_UINT(type, PGTABLE_DEVICE);
	EXPECT_EQ_UINT(lookup(0x80000abcdeull, &perms, &type), 0xc00abcdeull);
	EXPECT_EQ_UINT(perms, RWX);
	EXPECT_EQ_UINT(type, PGTABLE_NORMAL);
}

TEST(pgtable, lpae_refusals)
{
	fresh(&stage2_format_lpae, 8, 0x80000000ull, 40, 0);
	expect_bad_input_refused(1ull << 40, 1ull << 40);
}

/* ---- Sv39x4 ---- */

TEST(pgtable, sv39x4_descriptors_with_a_high_table_address)
{
	unsigned int perms;
	enum pgtable_memtype type;
	/* Tables above 4 GiB: the PPN must carry the high bits. */
	const u64 phys = 0xab00000000ull;

	fresh(&gstage_format_sv39x4, 8, phys, 41, 0);
	EXPECT_EQ_UINT(pt.used, 4);
	EXPECT_EQ_INT(pgtable_map(&pt, 0x80001000ull, 0xfedcba987000ull, PAGE, RW, PGTABLE_NORMAL),
		      0);
	EXPECT_EQ_UINT(entry(0, 2), PPN(phys_of_page(4)) | PTE_V);
	EXPECT_EQ_UINT(entry(4, 0), PPN(phys_of_page(5)) | PTE_V);
	EXPECT_EQ_UINT(entry(5, 1), PPN(0xfedcba987000ull) | PTE_V | PTE_R | PTE_W | PTE_UAD);
	EXPECT_EQ_UINT(lookup(0x80001fffull, &perms, &type), 0xfedcba987fffull);
	EXPECT_EQ_UINT(perms, RW);
	/* Write alone still sets R: W without R is reserved. */
	EXPECT_EQ_INT(pgtable_map(&pt, 0x80002000ull, 0x1000, PAGE, PGTABLE_W, PGTABLE_DEVICE), 0);
	EXPECT_EQ_UINT(entry(5, 2), PPN(0x1000) | PTE_V | PTE_R | PTE_W | PTE_UAD);
	EXPECT_EQ_INT(pgtable_map(&pt, 0x80003000ull, 0x2000, PAGE, PGTABLE_X, PGTABLE_NORMAL), 0);
	EXPECT_EQ_UINT(entry(5, 3), PPN(0x2000) | PTE_V | PTE_X | PTE_UAD);
}

TEST(pgtable, sv39x4_superpages_and_x4_root)
{
	unsigned int perms;
	enum pgtable_memtype type;

	fresh(&gstage_format_sv39x4, 8, 0x80000000ull, 41, 0);
	/* GPA bit 40 set: root entry 1024 and up, in the third root page. */
	EXPECT_EQ_INT(pgtable_map(&pt, 0x10040000000ull, 0x40000000ull, (1ull << 30) + (4ull << 20),
				  RWX, PGTABLE_NORMAL),
		      0);
	EXPECT_EQ_UINT(entry(2, 1), PPN(0x40000000ull) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_UAD);
	EXPECT_EQ_UINT(entry(2, 2), PPN(phys_of_page(4)) | PTE_V);
	EXPECT_EQ_UINT(entry(4, 0), PPN(0x80000000ull) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_UAD);
	EXPECT_EQ_UINT(entry(4, 1), PPN(0x80200000ull) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_UAD);
	EXPECT_EQ_UINT(pt.used, 5);
	EXPECT_EQ_UINT(lookup(0x1007fffffffull, &perms, &type), 0x7fffffffull);
	EXPECT_EQ_UINT(lookup(0x100803ffff0ull, &perms, &type), 0x803ffff0ull);
	EXPECT_EQ_UINT(lookup(0x0040000000ull, &perms, &type), ~0ull);
	/* A pointer entry at the last level is not a leaf. */
	EXPECT_EQ_INT(pgtable_map(&pt, 0x1000, 0x5000, PAGE, RW, PGTABLE_NORMAL), 0);
	EXPECT_EQ_UINT(lookup(0x1000, &perms, &type), 0x5000);
	((u64 *)(void *)(pool + 6 * PAGE))[1] &= ~(PTE_R | PTE_W);
	EXPECT_EQ_UINT(lookup(0x1000, &perms, &type), ~0ull);
}

TEST(pgtable, sv39x4_refusals)
{
	fresh(&gstage_format_sv39x4, 8, 0x80000000ull, 41, 0);
	expect_bad_input_refused(1ull << 41, 1ull << 56);
}

/* ---- Sv32x4 ---- */

TEST(pgtable, sv32x4_root_is_16k)
{
	struct pgtable other;
	u8 *raw = alloc_pool(8);

	EXPECT_EQ_UINT(pgtable_root_pages(&gstage_format_sv32x4, 34, 0), 4);
	EXPECT_EQ_INT(pgtable_init(&other, &gstage_format_sv32x4, raw, 0x80002000ull, 8, 34, 0),
		      -EINVAL);
	EXPECT_EQ_INT(pgtable_init(&other, &gstage_format_sv32x4, raw, 0x80000000ull, 3, 34, 0),
		      -EINVAL);
	/* Tables must sit below 2^34 for a 22-bit PPN to reach them. */
	EXPECT_EQ_INT(
	    pgtable_init(&other, &gstage_format_sv32x4, raw, (1ull << 34) - 4 * PAGE, 8, 34, 0),
	    -EINVAL);
	free(raw);
}

TEST(pgtable, sv32x4_four_byte_entries)
{
	unsigned int perms;
	enum pgtable_memtype type;

	fresh(&gstage_format_sv32x4, 8, 0x3f0000000ull, 34, 0);
	/* GPA bit 33: root index 0xa00 of 4096 (12 bits), in the third root page. */
	EXPECT_EQ_INT(
	    pgtable_map(&pt, 0x280001000ull, 0x312345000ull, 2 * PAGE, RW, PGTABLE_NORMAL), 0);
	EXPECT_EQ_UINT(entry(0, 0xa00), PPN(phys_of_page(4)) | PTE_V);
	EXPECT_EQ_UINT(entry(2, 0x200), PPN(phys_of_page(4)) | PTE_V);
	/* Neighbouring 4-byte entries: each holds one page, nothing spills over. */
	EXPECT_EQ_UINT(entry(4, 0), 0);
	EXPECT_EQ_UINT(entry(4, 1), PPN(0x312345000ull) | PTE_V | PTE_R | PTE_W | PTE_UAD);
	EXPECT_EQ_UINT(entry(4, 2), PPN(0x312346000ull) | PTE_V | PTE_R | PTE_W | PTE_UAD);
	EXPECT_EQ_UINT(entry(4, 3), 0);
	EXPECT_EQ_UINT(pt.used, 5);
	EXPECT_EQ_UINT(lookup(0x280002ffcull, &perms, &type), 0x312346ffcull);
	EXPECT_EQ_UINT(perms, RW);
}

TEST(pgtable, sv32x4_megapages)
{
	unsigned int perms;
	enum pgtable_memtype type;

	fresh(&gstage_format_sv32x4, 8, 0x80000000ull, 34, 0);
	/* 4 MiB aligned on both sides: two megapages in the root, no table below. */
	EXPECT_EQ_INT(
	    pgtable_map(&pt, 0x80000000ull, 0x300000000ull, 8ull << 20, RX, PGTABLE_NORMAL), 0);
	EXPECT_EQ_UINT(entry(0, 0x200), PPN(0x300000000ull) | PTE_V | PTE_R | PTE_X | PTE_UAD);
	EXPECT_EQ_UINT(entry(0, 0x201), PPN(0x300400000ull) | PTE_V | PTE_R | PTE_X | PTE_UAD);
	EXPECT_EQ_UINT(pt.used, 4);
	EXPECT_EQ_UINT(lookup(0x807ffffcull, &perms, &type), 0x3007ffffcull);
	EXPECT_EQ_UINT(perms, RX);
	/* Only 2 MiB aligned on the host side: pages. */
	EXPECT_EQ_INT(
	    pgtable_map(&pt, 0x80800000ull, 0x300a00000ull, 4ull << 20, RX, PGTABLE_NORMAL), 0);
	EXPECT_EQ_UINT(entry(0, 0x202), PPN(phys_of_page(4)) | PTE_V);
	EXPECT_EQ_UINT(entry(4, 1023), PPN(0x300dff000ull) | PTE_V | PTE_R | PTE_X | PTE_UAD);
	EXPECT_EQ_UINT(pt.used, 5);
}

TEST(pgtable, sv32x4_refusals)
{
	fresh(&gstage_format_sv32x4, 8, 0x80000000ull, 34, 0);
	expect_bad_input_refused(1ull << 34, 1ull << 34);
}

/* ---- What every format shares ---- */

static const struct {
	const struct pgtable_format *fmt;
	unsigned int ia_bits, start_level, root_pages;
	u64 block; /* the smallest block */
} formats[] = {
    {&stage2_format_vmsav8_4k, 40, 1, 2, 2ull << 20},
    {&stage2_format_lpae, 40, 0, 2, 2ull << 20},
    {&gstage_format_sv39x4, 41, 0, 4, 2ull << 20},
    {&gstage_format_sv32x4, 34, 0, 4, 4ull << 20},
};

TEST(pgtable, every_format_refuses_overlap)
{
	for (unsigned int i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		unsigned int used;

		fresh(formats[i].fmt, 8, 0x80000000ull, formats[i].ia_bits, formats[i].start_level);
		EXPECT_EQ_INT(pgtable_map(&pt, 0x40000000ull, 0x40000000ull, formats[i].block, RW,
					  PGTABLE_NORMAL),
			      0);
		used = pt.used;
		/* A page inside the block, a block over it, the same page twice. */
		EXPECT_EQ_INT(pgtable_map(&pt, 0x40001000ull, 0x1000, PAGE, RW, PGTABLE_NORMAL),
			      -EINVAL);
		EXPECT_EQ_INT(
		    pgtable_map(&pt, 0x40000000ull, 0, formats[i].block, RW, PGTABLE_NORMAL),
		    -EINVAL);
		EXPECT_EQ_UINT(pt.used, used);
		EXPECT_EQ_INT(pgtable_map(&pt, 0x50000000ull, 0x1000, PAGE, RW, PGTABLE_NORMAL), 0);
		EXPECT_EQ_INT(pgtable_map(&pt, 0x50000000ull, 0x2000, PAGE, RW, PGTABLE_NORMAL),
			      -EINVAL);
		/* A block over a range that already has a table of pages. */
		EXPECT_EQ_INT(pgtable_map(&pt, 0x50000000ull, 0x40000000ull, formats[i].block, RW,
					  PGTABLE_NORMAL),
			      -EINVAL);
	}
}

TEST(pgtable, every_format_reports_pool_exhaustion)
{
	for (unsigned int i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		unsigned int levels_below = formats[i].fmt->levels - 1 - formats[i].start_level;
		unsigned int perms;
		enum pgtable_memtype type;

		/* One page short of the tables a single page needs. */
		fresh(formats[i].fmt, formats[i].root_pages + levels_below - 1, 0x80000000ull,
		      formats[i].ia_bits, formats[i].start_level);
		EXPECT_EQ_INT(pgtable_map(&pt, 0x10000, 0x10000, PAGE, RW, PGTABLE_NORMAL),
			      -ENOMEM);
		EXPECT_EQ_UINT(lookup(0x10000, &perms, &type), ~0ull);
		/* A block needs no page below the level it sits at. */
		EXPECT_EQ_INT(pgtable_map(&pt, 0x40000000ull, 0x40000000ull, formats[i].block, RW,
					  PGTABLE_NORMAL),
			      levels_below > 1 ? -ENOMEM : 0);
		/* Enough pages: the same page maps. */
		fresh(formats[i].fmt, formats[i].root_pages + levels_below, 0x80000000ull,
		      formats[i].ia_bits, formats[i].start_level);
		EXPECT_EQ_INT(pgtable_map(&pt, 0x10000, 0x10000, PAGE, RW, PGTABLE_NORMAL), 0);
		EXPECT_EQ_UINT(pt.used, pt.pool_pages);
	}
	free(pool);
	pool = NULL;
}

/* What a walk found: up to 8 leaves. */
struct leaves {
	unsigned int n;
	u64 ia[8], pa[8], size[8];
	unsigned int perms[8];
	enum pgtable_memtype type[8];
};

static int record_leaf(void *ctx, u64 ia, u64 pa, u64 size, unsigned int perms,
		       enum pgtable_memtype type)
{
	struct leaves *l = ctx;

	if (l->n == 8)
		return -1;
	l->ia[l->n] = ia;
	l->pa[l->n] = pa;
	l->size[l->n] = size;
	l->perms[l->n] = perms;
	l->type[l->n++] = type;
	return 0;
}

TEST(pgtable, walk_reports_every_leaf_in_order)
{
	const struct pgtable_format *walked[] = {&stage2_format_vmsav8_4k, &gstage_format_sv39x4};

	for (unsigned int f = 0; f < 2; f++) {
		struct leaves l = {0};

		fresh(walked[f], 16, 0x80000000ull, f ? 41 : 40, f ? 0 : 1);
		/* Mapped out of order: a device page high up, a 2 MiB block, two scattered pages.
		 */
		EXPECT_EQ_INT(pgtable_map(&pt, 0x9000000, 0x9000000, PAGE, RW, PGTABLE_DEVICE), 0);
		EXPECT_EQ_INT(
		    pgtable_map(&pt, 0x40200000, 0x80400000, 2u << 20, RWX, PGTABLE_NORMAL), 0);
		EXPECT_EQ_INT(pgtable_map(&pt, 0x40000000, 0x80003000, PAGE, RWX, PGTABLE_NORMAL),
			      0);
		EXPECT_EQ_INT(pgtable_map(&pt, 0x40001000, 0x80013000, PAGE, RX, PGTABLE_NORMAL),
			      0);
		EXPECT_EQ_INT(pgtable_walk(&pt, record_leaf, &l), 0);
		EXPECT_EQ_UINT(l.n, 4);
		EXPECT_EQ_UINT(l.ia[0], 0x9000000);
		/* Sv39x4 has no memory types: both read back as normal. */
		EXPECT_EQ_UINT(l.type[0], f ? PGTABLE_NORMAL : PGTABLE_DEVICE);
		EXPECT_EQ_UINT(l.ia[1], 0x40000000);
		EXPECT_EQ_UINT(l.pa[1], 0x80003000);
		EXPECT_EQ_UINT(l.size[1], PAGE);
		EXPECT_EQ_UINT(l.ia[2], 0x40001000);
		EXPECT_EQ_UINT(l.pa[2], 0x80013000);
		EXPECT_EQ_UINT(l.perms[2], RX);
		EXPECT_EQ_UINT(l.ia[3], 0x40200000);
		EXPECT_EQ_UINT(l.pa[3], 0x80400000);
		EXPECT_EQ_UINT(l.size[3], 2u << 20);
		EXPECT_EQ_UINT(l.type[3], PGTABLE_NORMAL);
		/* A nonzero return stops the walk and is returned. */
		l.n = 8;
		EXPECT_EQ_INT(pgtable_walk(&pt, record_leaf, &l), -1);
	}
}
