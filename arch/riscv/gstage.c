/* SPDX-License-Identifier: Apache-2.0 */
/* The RISC-V G-stage table formats: Sv39x4 for RV64, Sv32x4 for RV32. */
#include <bulwark/addr.h>
#include <bulwark/errno.h>
#include <asm/gstage.h>

/* Page-table entry bits (privileged spec, Sv32 and Sv39; the x4 forms reuse them). */
#define PTE_V (1u << 0)
#define PTE_R (1u << 1)
#define PTE_W (1u << 2)
#define PTE_X (1u << 3)
/* G-stage leaves must be user pages: guest accesses count as U-mode there. */
#define PTE_U	      (1u << 4)
#define PTE_A	      (1u << 6)
#define PTE_D	      (1u << 7)
#define PTE_PPN_SHIFT 10

/* Every field but the shape: both formats encode entries alike (W alone is reserved: W sets R). */
#define RISCV_GSTAGE_PTES                                                                          \
	.page_shift = 12, .frame_shift = PTE_PPN_SHIFT, .valid = PTE_V,                            \
	.kind_mask = PTE_V | PTE_R | PTE_W | PTE_X, .table_kind = PTE_V, .block_kind = PTE_V,      \
	.page_kind = PTE_V, .page_is_table_kind = false, .leaf_always = PTE_U | PTE_A | PTE_D,     \
	.right_r = PTE_R, .right_w = PTE_W | PTE_R, .right_x = PTE_X, .right_nx = 0,               \
	.memtype_mask = 0, .memtype_normal = 0, .memtype_device = 0

/*
 * Sv39x4: 8-byte entries, levels resolving GPA bits 40:30 (2048 entries, a
 * 16 KiB root), 29:21 and 20:12; leaves (gigapages, megapages) at every level;
 * 56-bit physical addresses (44-bit PPN).
 */
const struct pgtable_format gstage_format_sv39x4 = {
    .name = "Sv39x4",
    RISCV_GSTAGE_PTES,
    .levels = 3,
    .bits_per_level = 9,
    .root_extra_bits = 2,
    .desc_bytes = 8,
    .pa_bits = 56,
    .block_levels = (1u << 0) | (1u << 1),
};

/*
 * Sv32x4: 4-byte entries, levels resolving GPA bits 33:22 (4096 entries, a
 * 16 KiB root) and 21:12; 4 MiB megapages at the root; 34-bit physical
 * addresses (22-bit PPN).
 */
const struct pgtable_format gstage_format_sv32x4 = {
    .name = "Sv32x4",
    RISCV_GSTAGE_PTES,
    .levels = 2,
    .bits_per_level = 10,
    .root_extra_bits = 2,
    .desc_bytes = 4,
    .pa_bits = 34,
    .block_levels = 1u << 0,
};

int gstage_init(struct gstage *gs, void *pool, unsigned int pool_pages)
{
	/* The hypervisor runs identity-mapped: the pool's address is its physical address. */
	int err = pgtable_init(&gs->pt, GSTAGE_FORMAT, pool, ptr_to_hpa(pool), pool_pages,
			       GSTAGE_GPA_BITS, 0);

	if (err)
		return err;
	gs->root = gs->pt.root;
	gs->used = gs->pt.used;
	return 0;
}

int gstage_map(struct gstage *gs, u64 gpa, u64 pa, u64 size, unsigned int perms)
{
	int err = pgtable_map(&gs->pt, gpa, pa, size, perms, PGTABLE_NORMAL);

	gs->used = gs->pt.used;
	return err;
}

u64 gstage_translate(const struct gstage *gs, u64 gpa, unsigned int *perms)
{
	enum pgtable_memtype type;

	return pgtable_translate(&gs->pt, gpa, perms, &type);
}
