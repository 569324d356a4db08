/* SPDX-License-Identifier: Apache-2.0 */
/* AArch32 data-cache maintenance by address, for the code shared with AArch64. */
#ifndef ASM_DCACHE_H
#define ASM_DCACHE_H

#include <asm/cp15.h>

/* The smallest data cache line in bytes (CTR.DminLine, log2 of words). */
static inline unsigned long arm_dcache_line(void)
{
	return 4UL << ((read_cp15(CTR) >> 16) & 0xf);
}

/* Cleans the line holding p to the point of coherency (DCCMVAC). */
static inline void arm_dcache_clean(uintptr_t p)
{
	__asm__ __volatile__("mcr p15, 0, %0, c7, c10, 1" : : "r"(p) : "memory");
}

#endif /* ASM_DCACHE_H */
