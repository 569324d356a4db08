/* SPDX-License-Identifier: Apache-2.0 */
/* Building VMSAv8-64 stage-2 tables (4 KiB granule) from a static pool of pages. */
#include <bulwark/errno.h>
#include <bulwark/string.h>
#include <asm/stage2.h>

#define DESC_VALID	(1ULL << 0)
#define DESC_TABLE	(1ULL << 1) /* a table below level 3, a page at level 3 */
#define DESC_ATTR_SHIFT 2
#define DESC_ATTR_MASK	(0xfULL << DESC_ATTR_SHIFT)
#define DESC_S2AP_R	(1ULL << 6)
#define DESC_S2AP_W	(1ULL << 7)
#define DESC_SH_INNER	(3ULL << 8)
#define DESC_AF		(1ULL << 10)
#define DESC_XN		(1ULL << 54)
#define DESC_OA_MASK	0x0000fffffffff000ULL

/* MemAttr[3:0] of stage 2 (without FEAT_S2FWB). */
#define MEMATTR_NORMAL_WB    0xfULL
#define MEMATTR_DEVICE_nGnRE 0x1ULL

#define LEVELS	   4
#define LAST_LEVEL 3
#define ENTRIES	   512u
/* Blocks are allowed at levels 1 (1 GiB) and 2 (2 MiB) with this granule. */
#define FIRST_BLOCK_LEVEL 1

static const unsigned int level_shift[LEVELS] = {39, 30, 21, 12};

/* 4 KiB granule, up to 42 bits from level 1 (up to 8 concatenated tables), else level 0. */
static unsigned int start_level(unsigned int ipa_bits)
{
	return ipa_bits <= 42 ? 1 : 0;
}

unsigned int stage2_root_pages(unsigned int ipa_bits)
{
	unsigned int entries_bits;

	if (ipa_bits < STAGE2_MIN_IPA_BITS || ipa_bits > STAGE2_MAX_IPA_BITS)
		return 0;
	entries_bits = ipa_bits - level_shift[start_level(ipa_bits)];
	return entries_bits <= 9 ? 1 : 1u << (entries_bits - 9);
}

unsigned int stage2_pa_bits(unsigned int pa_range)
{
	static const unsigned int bits[] = {32, 36, 40, 42, 44, 48, 52};

	return pa_range < sizeof(bits) / sizeof(bits[0]) ? bits[pa_range] : 0;
}

u64 stage2_vtcr(unsigned int ipa_bits, unsigned int pa_range)
{
	/* SL0 with a 4 KiB granule: 0 starts at level 2, 1 at level 1, 2 at level 0. */
	u64 sl0 = 2 - start_level(ipa_bits);
	/* We never build tables for more than 48 bits. */
	u64 ps = pa_range > 5 ? 5 : pa_range;

	return (1ULL << 31) | (u64)(64 - ipa_bits) | (sl0 << 6) | (1ULL << 8) | (1ULL << 10) |
	       (3ULL << 12) | (ps << 16);
}

int stage2_init(struct stage2 *s2, void *pool, unsigned int pool_pages, unsigned int ipa_bits)
{
	unsigned int root_pages = stage2_root_pages(ipa_bits);

	if (!root_pages || pool_pages < root_pages ||
	    ((uintptr_t)pool & ((uintptr_t)root_pages * STAGE2_PAGE_SIZE - 1)))
		return -EINVAL;
	s2->pool = pool;
	s2->pool_pages = pool_pages;
	s2->root = pool;
	s2->used = root_pages;
	s2->ipa_bits = ipa_bits;
	s2->start_level = start_level(ipa_bits);
	s2->root_pages = root_pages;
	return 0;
}

/* Index into the table of this level; the root may span concatenated pages. */
static unsigned int table_index(const struct stage2 *s2, u64 ipa, unsigned int level)
{
	u64 entries =
	    level == s2->start_level ? 1ULL << (s2->ipa_bits - level_shift[level]) : ENTRIES;

	return (unsigned int)((ipa >> level_shift[level]) & (entries - 1));
}

static bool desc_is_table(u64 desc, unsigned int level)
{
	return level < LAST_LEVEL && (desc & DESC_TABLE);
}

static u64 *alloc_table(struct stage2 *s2)
{
	u64 *table;

	if (s2->used >= s2->pool_pages)
		return NULL;
	table = (u64 *)(void *)s2->pool[s2->used++];
	memset(table, 0, STAGE2_PAGE_SIZE);
	return table;
}

/* The table one level below entry *desc, created if missing. */
static u64 *next_table(struct stage2 *s2, u64 *desc, unsigned int level, int *err)
{
	u64 *table;

	if (*desc & DESC_VALID) {
		if (!desc_is_table(*desc, level)) {
			*err = -EINVAL; /* a block already covers it */
			return NULL;
		}
		return (u64 *)(uintptr_t)(*desc & DESC_OA_MASK);
	}
	table = alloc_table(s2);
	if (!table) {
		*err = -ENOMEM;
		return NULL;
	}
	*desc = ((u64)(uintptr_t)table & DESC_OA_MASK) | DESC_TABLE | DESC_VALID;
	return table;
}

static u64 leaf_attrs(unsigned int perms, enum stage2_memtype type)
{
	u64 bits = DESC_VALID | DESC_AF;

	if (type == STAGE2_NORMAL)
		bits |= (MEMATTR_NORMAL_WB << DESC_ATTR_SHIFT) | DESC_SH_INNER;
	else
		bits |= MEMATTR_DEVICE_nGnRE << DESC_ATTR_SHIFT;
	if (perms & STAGE2_R)
		bits |= DESC_S2AP_R;
	if (perms & STAGE2_W)
		bits |= DESC_S2AP_W;
	if (!(perms & STAGE2_X))
		bits |= DESC_XN;
	return bits;
}

/* Maps one block or page of the given level at ipa. */
static int map_one(struct stage2 *s2, u64 ipa, u64 pa, unsigned int leaf_level, u64 attrs)
{
	u64 *table = s2->root;
	u64 *slot;
	int err = 0;

	for (unsigned int level = s2->start_level; level < leaf_level; level++) {
		table = next_table(s2, &table[table_index(s2, ipa, level)], level, &err);
		if (!table)
			return err;
	}
	slot = &table[table_index(s2, ipa, leaf_level)];
	if (*slot & DESC_VALID)
		return -EINVAL;
	*slot = (pa & DESC_OA_MASK) | attrs | (leaf_level == LAST_LEVEL ? DESC_TABLE : 0);
	return 0;
}

int stage2_map(struct stage2 *s2, u64 ipa, u64 pa, u64 size, unsigned int perms,
	       enum stage2_memtype type)
{
	const u64 page_mask = STAGE2_PAGE_SIZE - 1;
	u64 attrs = leaf_attrs(perms, type);

	if ((ipa | pa | size) & page_mask || size == 0 ||
	    !(perms & (STAGE2_R | STAGE2_W | STAGE2_X)))
		return -EINVAL;
	if (ipa + size < ipa || ipa + size > (1ULL << s2->ipa_bits) || pa + size > (1ULL << 48) ||
	    pa + size < pa)
		return -EINVAL;
	while (size) {
		unsigned int level = LAST_LEVEL;
		u64 step;
		int err;

		/* The largest block both addresses are aligned to and that fits. */
		for (unsigned int l = FIRST_BLOCK_LEVEL; l < LAST_LEVEL; l++) {
			u64 big = 1ULL << level_shift[l];

			if (l >= s2->start_level && !((ipa | pa) & (big - 1)) && size >= big) {
				level = l;
				break;
			}
		}
		step = 1ULL << level_shift[level];
		err = map_one(s2, ipa, pa, level, attrs);
		if (err)
			return err;
		ipa += step;
		pa += step;
		size -= step;
	}
	return 0;
}

u64 stage2_translate(const struct stage2 *s2, u64 ipa, unsigned int *perms,
		     enum stage2_memtype *type)
{
	const u64 *table = s2->root;

	if (ipa >= (1ULL << s2->ipa_bits))
		return ~0ULL;
	for (unsigned int level = s2->start_level; level < LEVELS; level++) {
		u64 desc = table[table_index(s2, ipa, level)];

		if (!(desc & DESC_VALID))
			return ~0ULL;
		if (level == 0 && !desc_is_table(desc, level))
			return ~0ULL; /* no level-0 blocks with a 4 KiB granule */
		if (!desc_is_table(desc, level)) {
			u64 offset = ipa & ((1ULL << level_shift[level]) - 1);

			if (level == LAST_LEVEL && !(desc & DESC_TABLE))
				return ~0ULL; /* reserved encoding at level 3 */
			*perms = ((desc & DESC_S2AP_R) ? STAGE2_R : 0) |
				 ((desc & DESC_S2AP_W) ? STAGE2_W : 0) |
				 ((desc & DESC_XN) ? 0 : STAGE2_X);
			*type = ((desc & DESC_ATTR_MASK) >> DESC_ATTR_SHIFT) == MEMATTR_NORMAL_WB
				    ? STAGE2_NORMAL
				    : STAGE2_DEVICE;
			return (desc & DESC_OA_MASK) + offset;
		}
		table = (const u64 *)(uintptr_t)(desc & DESC_OA_MASK);
	}
	return ~0ULL;
}
