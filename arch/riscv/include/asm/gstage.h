/* SPDX-License-Identifier: Apache-2.0 */
/*
 * G-stage (guest-physical to host-physical) page tables in Sv39x4 format,
 * built once at boot from a static pool. Pure logic: the unit tests build
 * tables in host memory with the same code.
 */
#ifndef ASM_GSTAGE_H
#define ASM_GSTAGE_H

#include <bulwark/pgtable.h>
#include <bulwark/types.h>

#define GSTAGE_PAGE_SIZE  4096u
#define GSTAGE_ROOT_PAGES 4u /* Sv39x4 and Sv32x4 roots: 16 KiB, 16 KiB aligned */
/* The hart's format: Sv39x4 (41-bit guest addresses) or Sv32x4 (34-bit). */
#if defined(__riscv_xlen) && __riscv_xlen == 32
#define GSTAGE_GPA_BITS 34u
#define GSTAGE_FORMAT	(&gstage_format_sv32x4)
#else /* RV64, and the host's unit tests */
#define GSTAGE_GPA_BITS 41u
#define GSTAGE_FORMAT	(&gstage_format_sv39x4)
#endif

/* Access rights of a mapping. */
#define GSTAGE_R PGTABLE_R
#define GSTAGE_W PGTABLE_W
#define GSTAGE_X PGTABLE_X

/* The two G-stage formats: RV64's and RV32's. */
extern const struct pgtable_format gstage_format_sv39x4;
extern const struct pgtable_format gstage_format_sv32x4;

/* The walker's tables, and copies of what the callers read under their old names. */
struct gstage {
	struct pgtable pt;
	u64 *root;	   /* the first GSTAGE_ROOT_PAGES pages of the pool */
	unsigned int used; /* pages handed out, root included */
};

/*
 * Sets up gs on a zeroed pool of pool_pages pages whose start is 16 KiB
 * aligned. Returns 0, or -EINVAL when the pool cannot hold a root.
 */
int gstage_init(struct gstage *gs, void *pool, unsigned int pool_pages);

/*
 * Maps [gpa, gpa + size) to [pa, pa + size) with the rights in perms, using
 * 1 GiB and 2 MiB pages where both sides are aligned. Everything must be
 * page aligned. Returns 0, -EINVAL (misaligned, out of range, or
 * overlapping an existing mapping) or -ENOMEM (pool exhausted).
 */
int gstage_map(struct gstage *gs, u64 gpa, u64 pa, u64 size, unsigned int perms);

/*
 * Looks gpa up as the hardware would. Returns the host-physical address and
 * stores the rights in *perms, or returns ~0 when gpa is not mapped.
 */
u64 gstage_translate(const struct gstage *gs, u64 gpa, unsigned int *perms);

#endif /* ASM_GSTAGE_H */
