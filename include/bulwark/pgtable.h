/* SPDX-License-Identifier: Apache-2.0 */
/*
 * One walker for every radix page-table format a memory back end builds
 * (VMSAv8-64 and LPAE stage 2, Sv39x4 and Sv32x4 G-stage): a format is a
 * constant struct pgtable_format, the walker is pure and host-testable.
 */
#ifndef BULWARK_PGTABLE_H
#define BULWARK_PGTABLE_H

#include <bulwark/types.h>

/* Access rights of a mapping. */
#define PGTABLE_R 0x1u
#define PGTABLE_W 0x2u
#define PGTABLE_X 0x4u

/* Memory type of a mapping (formats without types encode both alike). */
enum pgtable_memtype {
	PGTABLE_NORMAL = 0, /* normal, write-back cacheable, inner shareable */
	PGTABLE_DEVICE,	    /* device, non-gathering, non-reordering */
};

/*
 * A table format. Levels are numbered from the top of the format, 0 first,
 * whatever the specification calls them (Arm's VMSAv8-64 level 0 is 0 here,
 * AArch32 LPAE's first level 1 is 0 here, RISC-V's top level i=2 of Sv39 is
 * 0 here). Level n resolves the bits from page_shift + (levels - 1 - n) *
 * bits_per_level upwards. Descriptors are built as
 *   table: frame | table_kind
 *   leaf:  frame | block_kind or page_kind | leaf_always | rights | memtype
 * where frame = (physical address >> page_shift) << frame_shift.
 */
struct pgtable_format {
	const char *name;
	unsigned int page_shift;      /* 12: 4 KiB pages and tables */
	unsigned int levels;	      /* levels of the full format */
	unsigned int bits_per_level;  /* index bits of a one-page table */
	unsigned int root_extra_bits; /* extra root index bits: concatenation or "x4" */
	unsigned int desc_bytes;      /* 4 or 8 */
	unsigned int pa_bits;	      /* output addresses a descriptor can hold */
	unsigned int block_levels;    /* bit n set: level n may hold a block (superpage) */
	unsigned int frame_shift;     /* where the frame number sits in a descriptor */
	u64 valid;		      /* set in every valid descriptor */
	u64 kind_mask;		      /* the bits that tell a table from a leaf ... */
	u64 table_kind;		      /* ... a table when (desc & kind_mask) == table_kind */
	u64 block_kind;		      /* set in a leaf above the last level */
	u64 page_kind;		      /* set in a leaf at the last level */
	/* A last-level page has the table encoding (Arm); else it must not (RISC-V). */
	bool page_is_table_kind;
	u64 leaf_always; /* set in every leaf (access flag, U, A, D) */
	u64 right_r;	 /* set when reads are allowed */
	u64 right_w;	 /* set when writes are allowed (may include right_r) */
	u64 right_x;	 /* set when execution is allowed, or 0 ... */
	u64 right_nx;	 /* ... and this set when it is not */
	u64 memtype_mask;
	u64 memtype_normal; /* (desc & memtype_mask) of normal memory */
	u64 memtype_device; /* (desc & memtype_mask) of device memory */
};

/* One set of tables, built from a pool of zeroed pages; the root comes first. */
struct pgtable {
	const struct pgtable_format *fmt;
	void *root;		  /* the first root_pages pages of the pool */
	u8 *pool;		  /* pool_pages pages, seen by the CPU building the tables */
	u64 pool_phys;		  /* the pool's physical address, which descriptors hold */
	unsigned int pool_pages;  /* pages in the pool */
	unsigned int used;	  /* pages handed out, root included */
	unsigned int ia_bits;	  /* size of the input (guest-physical) space */
	unsigned int start_level; /* level of the root */
	unsigned int root_pages;  /* concatenated pages of the root */
};

/*
 * Pages of the root of an ia_bits-wide input space starting at start_level,
 * or 0 when the format cannot start there with that size.
 */
unsigned int pgtable_root_pages(const struct pgtable_format *fmt, unsigned int ia_bits,
				unsigned int start_level);

/*
 * Sets pt up on a zeroed pool of pool_pages pages at physical address
 * pool_phys (aligned to the root's size, as the hardware requires). Returns
 * 0, or -EINVAL when the shape is impossible or the pool cannot hold a root.
 */
int pgtable_init(struct pgtable *pt, const struct pgtable_format *fmt, void *pool, u64 pool_phys,
		 unsigned int pool_pages, unsigned int ia_bits, unsigned int start_level);

/*
 * Maps [ia, ia + size) to [pa, pa + size) with the rights in perms and the
 * memory type, using the largest block both sides are aligned to at each
 * step. Returns 0, -EINVAL (not page aligned, empty, no rights, outside the
 * input or output range, or overlapping an existing mapping) or -ENOMEM
 * (pool exhausted). A failed call may leave part of the range mapped.
 */
int pgtable_map(struct pgtable *pt, u64 ia, u64 pa, u64 size, unsigned int perms,
		enum pgtable_memtype type);

/*
 * Looks ia up as the hardware would. Returns the physical address and
 * stores the rights and the memory type, or returns ~0 when ia is not mapped.
 */
u64 pgtable_translate(const struct pgtable *pt, u64 ia, unsigned int *perms,
		      enum pgtable_memtype *type);

/*
 * One leaf of a walk: input [ia, ia + size) is output [pa, pa + size).
 * Returns 0 to go on, nonzero to stop the walk with that value.
 */
typedef int (*pgtable_leaf_fn)(void *ctx, u64 ia, u64 pa, u64 size, unsigned int perms,
			       enum pgtable_memtype type);

/*
 * Calls fn for every leaf (page or block) of pt in ascending input
 * addresses, as the hardware would find it: what a debug dump or a test
 * reads back. Returns 0, or the first nonzero value fn returned.
 */
int pgtable_walk(const struct pgtable *pt, pgtable_leaf_fn fn, void *ctx);

#endif /* BULWARK_PGTABLE_H */
