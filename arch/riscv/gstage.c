/* SPDX-License-Identifier: Apache-2.0 */
/* Building Sv39x4 G-stage page tables from a static pool of pages. */
#include <bulwark/errno.h>
#include <bulwark/string.h>
#include <asm/gstage.h>

#define PTE_V (1u << 0)
#define PTE_R (1u << 1)
#define PTE_W (1u << 2)
#define PTE_X (1u << 3)
/* G-stage leaves must be user pages: guest accesses count as U-mode there. */
#define PTE_U	      (1u << 4)
#define PTE_A	      (1u << 6)
#define PTE_D	      (1u << 7)
#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK  ((1ULL << 44) - 1)

#define LEVELS 3
/* Bits of the guest-physical address each level translates. */
static const unsigned int level_shift[LEVELS] = {30, 21, 12};
static const u64 level_entries[LEVELS] = {2048, 512, 512};

static u64 pte_to_pa(u64 pte)
{
	return ((pte >> PTE_PPN_SHIFT) & PTE_PPN_MASK) << 12;
}

static u64 pa_to_pte(u64 pa)
{
	return (pa >> 12) << PTE_PPN_SHIFT;
}

static bool pte_is_leaf(u64 pte)
{
	return (pte & (PTE_R | PTE_W | PTE_X)) != 0;
}

static unsigned int table_index(u64 gpa, unsigned int level)
{
	return (unsigned int)((gpa >> level_shift[level]) & (level_entries[level] - 1));
}

int gstage_init(struct gstage *gs, void *pool, unsigned int pool_pages)
{
	if (pool_pages < GSTAGE_ROOT_PAGES || ((uintptr_t)pool & (4 * GSTAGE_PAGE_SIZE - 1)))
		return -EINVAL;
	gs->pool = pool;
	gs->pool_pages = pool_pages;
	gs->root = pool;
	gs->used = GSTAGE_ROOT_PAGES;
	return 0;
}

static u64 *alloc_table(struct gstage *gs)
{
	u64 *table;

	if (gs->used >= gs->pool_pages)
		return NULL;
	table = (u64 *)(void *)gs->pool[gs->used++];
	memset(table, 0, GSTAGE_PAGE_SIZE);
	return table;
}

/* The table one level below entry *pte, created if missing. */
static u64 *next_table(struct gstage *gs, u64 *pte, int *err)
{
	u64 *table;

	if (*pte & PTE_V) {
		if (pte_is_leaf(*pte)) {
			*err = -EINVAL; /* a larger page already covers it */
			return NULL;
		}
		return (u64 *)(uintptr_t)pte_to_pa(*pte);
	}
	table = alloc_table(gs);
	if (!table) {
		*err = -ENOMEM;
		return NULL;
	}
	*pte = pa_to_pte((u64)(uintptr_t)table) | PTE_V;
	return table;
}

static u64 leaf_bits(unsigned int perms)
{
	u64 bits = PTE_V | PTE_U | PTE_A | PTE_D;

	if (perms & GSTAGE_R)
		bits |= PTE_R;
	if (perms & GSTAGE_W)
		bits |= PTE_W | PTE_R; /* write-only is reserved: W implies R */
	if (perms & GSTAGE_X)
		bits |= PTE_X;
	return bits;
}

/* Maps one page of the given level at gpa. */
static int map_one(struct gstage *gs, u64 gpa, u64 pa, unsigned int leaf_level, u64 bits)
{
	u64 *table = gs->root;
	int err = 0;

	for (unsigned int level = 0; level < leaf_level; level++) {
		table = next_table(gs, &table[table_index(gpa, level)], &err);
		if (!table)
			return err;
	}
	if (table[table_index(gpa, leaf_level)] & PTE_V)
		return -EINVAL;
	table[table_index(gpa, leaf_level)] = pa_to_pte(pa) | bits;
	return 0;
}

int gstage_map(struct gstage *gs, u64 gpa, u64 pa, u64 size, unsigned int perms)
{
	const u64 page_mask = GSTAGE_PAGE_SIZE - 1;
	u64 bits = leaf_bits(perms);

	if ((gpa | pa | size) & page_mask || size == 0 || !perms)
		return -EINVAL;
	if (gpa + size < gpa || gpa + size > (1ULL << GSTAGE_GPA_BITS))
		return -EINVAL;
	while (size) {
		unsigned int level = LEVELS - 1;
		u64 step;
		int err;

		/* The largest page both addresses are aligned to and that fits. */
		for (unsigned int l = 0; l < LEVELS - 1; l++) {
			u64 big = 1ULL << level_shift[l];

			if (!((gpa | pa) & (big - 1)) && size >= big) {
				level = l;
				break;
			}
		}
		step = 1ULL << level_shift[level];
		err = map_one(gs, gpa, pa, level, bits);
		if (err)
			return err;
		gpa += step;
		pa += step;
		size -= step;
	}
	return 0;
}

u64 gstage_translate(const struct gstage *gs, u64 gpa, unsigned int *perms)
{
	const u64 *table = gs->root;

	if (gpa >= (1ULL << GSTAGE_GPA_BITS))
		return ~0ULL;
	for (unsigned int level = 0; level < LEVELS; level++) {
		u64 pte = table[table_index(gpa, level)];

		if (!(pte & PTE_V))
			return ~0ULL;
		if (pte_is_leaf(pte)) {
			u64 offset = gpa & ((1ULL << level_shift[level]) - 1);

			*perms = ((pte & PTE_R) ? GSTAGE_R : 0) | ((pte & PTE_W) ? GSTAGE_W : 0) |
				 ((pte & PTE_X) ? GSTAGE_X : 0);
			return pte_to_pa(pte) + offset;
		}
		table = (const u64 *)(uintptr_t)pte_to_pa(pte);
	}
	return ~0ULL;
}
