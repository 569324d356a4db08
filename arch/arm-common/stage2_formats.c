/* SPDX-License-Identifier: Apache-2.0 */
/* The Arm stage-2 table formats for the shared walker: VMSAv8-64 with a 4 KiB granule and LPAE. */
#include <asm/stage2_formats.h>

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
