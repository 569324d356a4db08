/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Arm stage-2 descriptor formats, for the shared walker
 * (include/bulwark/pgtable.h): both execution states encode descriptors
 * alike and differ in the shape of the walk.
 */
#ifndef ASM_STAGE2_FORMATS_H
#define ASM_STAGE2_FORMATS_H

#include <bulwark/pgtable.h>

/* VMSAv8-64, 4 KiB granule, levels 0-3 (AArch64). */
extern const struct pgtable_format stage2_format_vmsav8_4k;
/* LPAE: 40-bit IPA from the first level with two concatenated tables (AArch32). */
extern const struct pgtable_format stage2_format_lpae;

#endif /* ASM_STAGE2_FORMATS_H */
