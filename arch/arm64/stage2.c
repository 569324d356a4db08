/* SPDX-License-Identifier: Apache-2.0 */
/* The Arm stage-2 table formats (VMSAv8-64 4 KiB granule, AArch32 LPAE) and AArch64's use of them.
 */
#include <bulwark/addr.h>
#include <bulwark/errno.h>
#include <asm/stage2.h>

/* Stage-2 block and page descriptors, shared by VMSAv8-64 and LPAE (Arm ARM D8.3, G5.5). */
#define DESC_VALID	  (1ULL << 0)
#define DESC_TABLE	  (1ULL << 1) /* a table below the last level, a page at it */
#define DESC_MEMATTR(a)	  ((u64)(a) << 2)
#define DESC_MEMATTR_MASK DESC_MEMATTR(0xf)
#define DESC_S2AP_R	  (1ULL << 6)
#define DESC_S2AP_W	  (1ULL << 7)
#define DESC_SH_INNER	  (3ULL << 8)
#define DESC_AF		  (1ULL << 10)
#define DESC_XN		  (1ULL << 54)
/* MemAttr[3:0] of stage 2 (without FEAT_S2FWB). */
#define MEMATTR_NORMAL_WB    0xfu
#define MEMATTR_DEVICE_nGnRE 0x1u

/* Every field but the shape: both Arm formats encode descriptors alike. */
#define ARM_STAGE2_DESCRIPTORS                                                                     \
	.page_shift = 12, .desc_bytes = 8, .bits_per_level = 9, .frame_shift = 12,                 \
	.valid = DESC_VALID, .kind_mask = DESC_VALID | DESC_TABLE,                                 \
	.table_kind = DESC_VALID | DESC_TABLE, .block_kind = DESC_VALID,                           \
	.page_kind = DESC_VALID | DESC_TABLE, .page_is_table_kind = true, .leaf_always = DESC_AF,  \
	.right_r = DESC_S2AP_R, .right_w = DESC_S2AP_W, .right_x = 0, .right_nx = DESC_XN,         \
	.memtype_mask = DESC_MEMATTR_MASK | DESC_SH_INNER,                                         \
	.memtype_normal = DESC_MEMATTR(MEMATTR_NORMAL_WB) | DESC_SH_INNER,                         \
	.memtype_device = DESC_MEMATTR(MEMATTR_DEVICE_nGnRE)

/*
 * Levels 0..3 resolve bits 47:39, 38:30, 29:21, 20:12; 1 GiB blocks at level
 * 1 and 2 MiB blocks at level 2 (none at level 0 with this granule); up to 16
 * tables concatenated at the start level.
 */
const struct pgtable_format stage2_format_vmsav8_4k = {
    .name = "VMSAv8-64 stage 2, 4 KiB",
    ARM_STAGE2_DESCRIPTORS,
    .levels = 4,
    .root_extra_bits = 4,
    .pa_bits = 48,
    .block_levels = (1u << 1) | (1u << 2),
};

/*
 * AArch32 VTCR with SL0 = 1: the walk starts at the first level (called 1
 * by the architecture, 0 here), resolving IPA bits 39:30 for a 40-bit IPA
 * with two concatenated tables, then 29:21 and 20:12. Blocks of 1 GiB and
 * 2 MiB; output addresses of 40 bits.
 */
const struct pgtable_format stage2_format_lpae = {
    .name = "LPAE stage 2",
    ARM_STAGE2_DESCRIPTORS,
    .levels = 3,
    .root_extra_bits = 1,
    .pa_bits = 40,
    .block_levels = (1u << 0) | (1u << 1),
};

static const struct pgtable_format *const format = &stage2_format_vmsav8_4k;

/* 4 KiB granule, up to 42 bits from level 1 (up to 8 concatenated tables), else level 0. */
static unsigned int start_level(unsigned int ipa_bits)
{
	return ipa_bits <= 42 ? 1 : 0;
}

unsigned int stage2_root_pages(unsigned int ipa_bits)
{
	if (ipa_bits < STAGE2_MIN_IPA_BITS || ipa_bits > STAGE2_MAX_IPA_BITS)
		return 0;
	return pgtable_root_pages(format, ipa_bits, start_level(ipa_bits));
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
	int err;

	if (!stage2_root_pages(ipa_bits))
		return -EINVAL;
	/* The hypervisor runs identity-mapped: the pool's address is its physical address. */
	err = pgtable_init(&s2->pt, format, pool, ptr_to_hpa(pool), pool_pages, ipa_bits,
			   start_level(ipa_bits));
	if (err)
		return err;
	s2->root = s2->pt.root;
	s2->used = s2->pt.used;
	s2->ipa_bits = ipa_bits;
	s2->start_level = s2->pt.start_level;
	s2->root_pages = s2->pt.root_pages;
	return 0;
}

int stage2_map(struct stage2 *s2, u64 ipa, u64 pa, u64 size, unsigned int perms,
	       enum stage2_memtype type)
{
	int err = pgtable_map(&s2->pt, ipa, pa, size, perms, (enum pgtable_memtype)type);

	s2->used = s2->pt.used;
	return err;
}

u64 stage2_translate(const struct stage2 *s2, u64 ipa, unsigned int *perms,
		     enum stage2_memtype *type)
{
	enum pgtable_memtype memtype = PGTABLE_NORMAL;
	u64 pa = pgtable_translate(&s2->pt, ipa, perms, &memtype);

	if (pa != ~0ULL)
		*type = (enum stage2_memtype)memtype;
	return pa;
}
