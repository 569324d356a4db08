/* SPDX-License-Identifier: Apache-2.0 */
/* AArch64 data-cache maintenance by address, for the code shared with AArch32. */
#ifndef ASM_DCACHE_H
#define ASM_DCACHE_H

#include <asm/sysreg.h>

/* The smallest data cache line in bytes (CTR_EL0.DminLine, log2 of words). */
static inline unsigned long arm_dcache_line(void)
{
	return 4UL << (read_sysreg(ctr_el0) >> 16 & 0xf);
}

/* Cleans the line holding p to the point of coherency (DC CVAC). */
static inline void arm_dcache_clean(uintptr_t p)
{
	__asm__ __volatile__("dc cvac, %0" : : "r"(p) : "memory");
}

#endif /* ASM_DCACHE_H */
