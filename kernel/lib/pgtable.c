/* SPDX-License-Identifier: Apache-2.0 */
/* The page-table walker every MMU format shares: map, translate, allocate tables from a pool. */
#include <bulwark/errno.h>
#include <bulwark/pgtable.h>
#include <bulwark/string.h>
#include <bulwark/vmconf.h>

/* Back ends pass the layout's rights through unchanged (vm_map_rights). */
_Static_assert(PGTABLE_R == VMCONF_ACCESS_READ && PGTABLE_W == VMCONF_ACCESS_WRITE &&
		   PGTABLE_X == VMCONF_ACCESS_EXEC,
	       "page-table rights are the layout's access bits");

/* The lowest input-address bit level resolves. */
static unsigned int level_shift(const struct pgtable_format *fmt, unsigned int level)
{
	return fmt->page_shift + (fmt->levels - 1 - level) * fmt->bits_per_level;
}

static u64 frame_of(const struct pgtable_format *fmt, u64 pa)
{
	return (pa >> fmt->page_shift) << fmt->frame_shift;
}

static u64 address_of(const struct pgtable_format *fmt, u64 desc)
{
	u64 frames = (1ULL << (fmt->pa_bits - fmt->page_shift)) - 1;

	return ((desc >> fmt->frame_shift) & frames) << fmt->page_shift;
}

static u64 desc_read(const struct pgtable *pt, const void *table, u64 index)
{
	if (pt->fmt->desc_bytes == 4)
		return ((const u32 *)table)[index];
	return ((const u64 *)table)[index];
}

static void desc_write(const struct pgtable *pt, void *table, u64 index, u64 desc)
{
	if (pt->fmt->desc_bytes == 4)
		((u32 *)table)[index] = (u32)desc;
	else
		((u64 *)table)[index] = desc;
}

/* Index into the table of this level; the root may be wider (concatenated or "x4"). */
static u64 table_index(const struct pgtable *pt, u64 ia, unsigned int level)
{
	unsigned int shift = level_shift(pt->fmt, level);
	unsigned int bits =
	    level == pt->start_level ? pt->ia_bits - shift : pt->fmt->bits_per_level;

	return (ia >> shift) & ((1ULL << bits) - 1);
}

static bool has_table_kind(const struct pgtable_format *fmt, u64 desc)
{
	return (desc & fmt->kind_mask) == fmt->table_kind;
}

static bool is_table(const struct pgtable_format *fmt, u64 desc, unsigned int level)
{
	return level < fmt->levels - 1 && has_table_kind(fmt, desc);
}

/* Whether a valid descriptor that is not a table is a leaf the hardware accepts here. */
static bool is_leaf(const struct pgtable_format *fmt, u64 desc, unsigned int level)
{
	if (level == fmt->levels - 1)
		return has_table_kind(fmt, desc) == fmt->page_is_table_kind;
	return (fmt->block_levels >> level) & 1;
}

/*
 * Tables only ever come from the pool, so a table address is turned back
 * into a pointer through it, never by casting a physical address.
 */
static void *table_at(const struct pgtable *pt, u64 phys)
{
	u64 offset = phys - pt->pool_phys;

	if (phys < pt->pool_phys || offset >= ((u64)pt->pool_pages << pt->fmt->page_shift))
		return NULL;
	return pt->pool + offset;
}

unsigned int pgtable_root_pages(const struct pgtable_format *fmt, unsigned int ia_bits,
				unsigned int start_level)
{
	unsigned int shift, index_bits;

	if (start_level >= fmt->levels)
		return 0;
	shift = level_shift(fmt, start_level);
	if (ia_bits <= shift || ia_bits - shift > fmt->bits_per_level + fmt->root_extra_bits)
		return 0;
	index_bits = ia_bits - shift;
	return index_bits <= fmt->bits_per_level ? 1 : 1u << (index_bits - fmt->bits_per_level);
}

int pgtable_init(struct pgtable *pt, const struct pgtable_format *fmt, void *pool, u64 pool_phys,
		 unsigned int pool_pages, unsigned int ia_bits, unsigned int start_level)
{
	unsigned int root_pages = pgtable_root_pages(fmt, ia_bits, start_level);
	u64 root_size = (u64)root_pages << fmt->page_shift;

	if (!root_pages || pool_pages < root_pages || (pool_phys & (root_size - 1)) ||
	    pool_phys + ((u64)pool_pages << fmt->page_shift) > (1ULL << fmt->pa_bits))
		return -EINVAL;
	pt->fmt = fmt;
	pt->root = pool;
	pt->pool = pool;
	pt->pool_phys = pool_phys;
	pt->pool_pages = pool_pages;
	pt->used = root_pages;
	pt->ia_bits = ia_bits;
	pt->start_level = start_level;
	pt->root_pages = root_pages;
	return 0;
}

/* The table below entry index of table, created from the pool if missing. */
static void *next_table(struct pgtable *pt, void *table, u64 index, unsigned int level, int *err)
{
	const struct pgtable_format *fmt = pt->fmt;
	u64 desc = desc_read(pt, table, index);
	u64 phys;
	void *next;

	if (desc & fmt->valid) {
		next = is_table(fmt, desc, level) ? table_at(pt, address_of(fmt, desc)) : NULL;
		if (!next)
			*err = -EINVAL; /* a block already covers it */
		return next;
	}
	if (pt->used >= pt->pool_pages) {
		*err = -ENOMEM;
		return NULL;
	}
	phys = pt->pool_phys + ((u64)pt->used << fmt->page_shift);
	next = pt->pool + ((size_t)pt->used << fmt->page_shift);
	pt->used++;
	memset(next, 0, (size_t)1 << fmt->page_shift);
	desc_write(pt, table, index, frame_of(fmt, phys) | fmt->table_kind);
	return next;
}

/* Everything of a leaf but its address and kind. */
static u64 leaf_bits(const struct pgtable_format *fmt, unsigned int perms,
		     enum pgtable_memtype type)
{
	u64 bits = fmt->valid | fmt->leaf_always;

	bits |= type == PGTABLE_NORMAL ? fmt->memtype_normal : fmt->memtype_device;
	if (perms & PGTABLE_R)
		bits |= fmt->right_r;
	if (perms & PGTABLE_W)
		bits |= fmt->right_w;
	bits |= (perms & PGTABLE_X) ? fmt->right_x : fmt->right_nx;
	return bits;
}

/* Maps one block or page of the given level at ia. */
static int map_one(struct pgtable *pt, u64 ia, u64 pa, unsigned int leaf_level, u64 bits)
{
	const struct pgtable_format *fmt = pt->fmt;
	void *table = pt->root;
	u64 index;
	int err = 0;

	for (unsigned int level = pt->start_level; level < leaf_level; level++) {
		table = next_table(pt, table, table_index(pt, ia, level), level, &err);
		if (!table)
			return err;
	}
	index = table_index(pt, ia, leaf_level);
	if (desc_read(pt, table, index) & fmt->valid)
		return -EINVAL;
	bits |= leaf_level == fmt->levels - 1 ? fmt->page_kind : fmt->block_kind;
	desc_write(pt, table, index, frame_of(fmt, pa) | bits);
	return 0;
}

/* The level of the largest block both addresses are aligned to and that fits in size. */
static unsigned int leaf_level_for(const struct pgtable *pt, u64 ia, u64 pa, u64 size)
{
	const struct pgtable_format *fmt = pt->fmt;

	for (unsigned int level = pt->start_level; level < fmt->levels - 1; level++) {
		u64 block = 1ULL << level_shift(fmt, level);

		if (((fmt->block_levels >> level) & 1) && !((ia | pa) & (block - 1)) &&
		    size >= block)
			return level;
	}
	return fmt->levels - 1;
}

int pgtable_map(struct pgtable *pt, u64 ia, u64 pa, u64 size, unsigned int perms,
		enum pgtable_memtype type)
{
	const struct pgtable_format *fmt = pt->fmt;
	const u64 page_mask = (1ULL << fmt->page_shift) - 1;
	u64 bits = leaf_bits(fmt, perms, type);

	if ((ia | pa | size) & page_mask || size == 0 ||
	    !(perms & (PGTABLE_R | PGTABLE_W | PGTABLE_X)))
		return -EINVAL;
	if (ia + size < ia || ia + size > (1ULL << pt->ia_bits) || pa + size < pa ||
	    pa + size > (1ULL << fmt->pa_bits))
		return -EINVAL;
	while (size) {
		unsigned int level = leaf_level_for(pt, ia, pa, size);
		u64 step = 1ULL << level_shift(fmt, level);
		int err = map_one(pt, ia, pa, level, bits);

		if (err)
			return err;
		ia += step;
		pa += step;
		size -= step;
	}
	return 0;
}

static bool has_bits(u64 desc, u64 bits)
{
	return bits && (desc & bits) == bits;
}

static unsigned int rights_of(const struct pgtable_format *fmt, u64 desc)
{
	unsigned int perms = 0;

	if (has_bits(desc, fmt->right_r))
		perms |= PGTABLE_R;
	if (has_bits(desc, fmt->right_w))
		perms |= PGTABLE_W;
	if (fmt->right_x ? has_bits(desc, fmt->right_x) : !(desc & fmt->right_nx))
		perms |= PGTABLE_X;
	return perms;
}

u64 pgtable_translate(const struct pgtable *pt, u64 ia, unsigned int *perms,
		      enum pgtable_memtype *type)
{
	const struct pgtable_format *fmt = pt->fmt;
	const void *table = pt->root;

	if (ia >= (1ULL << pt->ia_bits))
		return ~0ULL;
	for (unsigned int level = pt->start_level; level < fmt->levels; level++) {
		u64 desc = desc_read(pt, table, table_index(pt, ia, level));

		if (!(desc & fmt->valid))
			return ~0ULL;
		if (is_table(fmt, desc, level)) {
			table = table_at(pt, address_of(fmt, desc));
			if (!table)
				return ~0ULL;
			continue;
		}
		if (!is_leaf(fmt, desc, level))
			return ~0ULL;
		*perms = rights_of(fmt, desc);
		*type = (desc & fmt->memtype_mask) == fmt->memtype_normal ? PGTABLE_NORMAL
									  : PGTABLE_DEVICE;
		return address_of(fmt, desc) + (ia & ((1ULL << level_shift(fmt, level)) - 1));
	}
	return ~0ULL;
}

int pgtable_walk(const struct pgtable *pt, pgtable_leaf_fn fn, void *ctx)
{
	const struct pgtable_format *fmt = pt->fmt;
	u64 end = 1ULL << pt->ia_bits;
	u64 ia = 0;

	/* Each step descends from the root to ia's leaf or hole, then skips over it whole. */
	while (ia < end) {
		const void *table = pt->root;
		unsigned int level = pt->start_level;
		u64 step = 0;

		for (; level < fmt->levels; level++) {
			u64 desc = desc_read(pt, table, table_index(pt, ia, level));
			unsigned int shift = level_shift(fmt, level);

			step = 1ULL << shift;
			if (!(desc & fmt->valid))
				break;
			if (is_table(fmt, desc, level)) {
				table = table_at(pt, address_of(fmt, desc));
				if (!table)
					break;
				continue;
			}
			if (is_leaf(fmt, desc, level)) {
				enum pgtable_memtype type =
				    (desc & fmt->memtype_mask) == fmt->memtype_normal
					? PGTABLE_NORMAL
					: PGTABLE_DEVICE;
				int ret = fn(ctx, ia, address_of(fmt, desc), step,
					     rights_of(fmt, desc), type);

				if (ret)
					return ret;
			}
			break;
		}
		ia = (ia & ~(step - 1)) + step;
	}
	return 0;
}
