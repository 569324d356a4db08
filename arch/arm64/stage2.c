/* SPDX-License-Identifier: Apache-2.0 */
/* AArch64 stage-2 tables: the shared VMSAv8-64 format from its start level, and VTCR_EL2. */
#include <bulwark/addr.h>
#include <bulwark/errno.h>
#include <asm/stage2.h>

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
