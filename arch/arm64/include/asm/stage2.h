/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Stage-2 (guest-physical to physical) translation tables in the VMSAv8-64
 * format with a 4 KiB granule, built once at boot from a static pool. Pure
 * logic: the unit tests build tables in host memory with the same code.
 */
#ifndef ASM_STAGE2_H
#define ASM_STAGE2_H

#include <bulwark/pgtable.h>
#include <bulwark/types.h>
#include <asm/stage2_formats.h>

#define STAGE2_PAGE_SIZE 4096u
/* Up to 16 concatenated root tables at the start level (the architecture's limit). */
#define STAGE2_MAX_ROOT_PAGES 16u
#define STAGE2_MIN_IPA_BITS   32u
#define STAGE2_MAX_IPA_BITS   48u

/* Access rights of a mapping. */
#define STAGE2_R PGTABLE_R
#define STAGE2_W PGTABLE_W
#define STAGE2_X PGTABLE_X

/* Memory type of a mapping. */
enum stage2_memtype {
	STAGE2_NORMAL = PGTABLE_NORMAL, /* normal, inner and outer write-back, inner shareable */
	STAGE2_DEVICE = PGTABLE_DEVICE, /* Device-nGnRE */
};

/* The walker's tables, and copies of what the callers read under their old names. */
struct stage2 {
	struct pgtable pt;
	u64 *root;		  /* the first root_pages pages of the pool */
	unsigned int used;	  /* pages handed out, root included */
	unsigned int ipa_bits;	  /* size of the guest-physical space */
	unsigned int start_level; /* 0 or 1 */
	unsigned int root_pages;  /* concatenated tables at the start level */
};

/*
 * Sets s2 up on a zeroed pool of pool_pages pages for an ipa_bits-wide
 * guest-physical space (32..48). The pool's start must be aligned to the
 * root's size (stage2_root_pages(ipa_bits) pages). Returns 0, or -EINVAL
 * when ipa_bits is out of range or the pool cannot hold an aligned root.
 */
int stage2_init(struct stage2 *s2, void *pool, unsigned int pool_pages, unsigned int ipa_bits);

/* Pages of the root table for an ipa_bits-wide space, 0 when unsupported. */
unsigned int stage2_root_pages(unsigned int ipa_bits);

/*
 * Maps [ipa, ipa + size) to [pa, pa + size) with the rights in perms and the
 * given memory type, using 1 GiB and 2 MiB blocks where both sides are
 * aligned. Everything must be page aligned. Returns 0, -EINVAL (misaligned,
 * no rights, out of range, or overlapping an existing mapping) or -ENOMEM
 * (pool exhausted).
 */
int stage2_map(struct stage2 *s2, u64 ipa, u64 pa, u64 size, unsigned int perms,
	       enum stage2_memtype type);

/*
 * Looks ipa up as the hardware would. Returns the physical address and
 * stores the rights and memory type, or returns ~0 when ipa is not mapped.
 */
u64 stage2_translate(const struct stage2 *s2, u64 ipa, unsigned int *perms,
		     enum stage2_memtype *type);

/*
 * VTCR_EL2 for tables built for an ipa_bits-wide space: T0SZ, SL0, 4 KiB
 * granule, write-back inner shareable walks, and PS from
 * ID_AA64MMFR0_EL1.PARange (at most 48 bits).
 */
u64 stage2_vtcr(unsigned int ipa_bits, unsigned int pa_range);

/* Physical address bits of an ID_AA64MMFR0_EL1.PARange value, 0 when reserved. */
unsigned int stage2_pa_bits(unsigned int pa_range);

#endif /* ASM_STAGE2_H */
