/* SPDX-License-Identifier: Apache-2.0 */
/* The few atomic operations the core needs, from Armv7 exclusives and barriers. */
#ifndef ASM_ATOMIC_H
#define ASM_ATOMIC_H

#include <bulwark/types.h>

/* Stores val and returns the old value; later accesses stay after it. */
static inline u32 arch_atomic_swap_acquire(volatile u32 *ptr, u32 val)
{
	u32 old, failed;

	__asm__ __volatile__("1:	ldrex	%0, [%2]\n"
			     "	strex	%1, %3, [%2]\n"
			     "	teq	%1, #0\n"
			     "	bne	1b\n"
			     "	dmb	ish\n"
			     : "=&r"(old), "=&r"(failed)
			     : "r"(ptr), "r"(val)
			     : "memory", "cc");
	return old;
}

/* Stores val after every earlier access has completed. */
static inline void arch_atomic_store_release(volatile u32 *ptr, u32 val)
{
	__asm__ __volatile__("dmb	ish\n"
			     "	str	%1, [%0]\n"
			     :
			     : "r"(ptr), "r"(val)
			     : "memory");
}

/* Sets bits in *ptr, fully ordered against other accesses. */
static inline void arch_atomic_or_ulong(volatile unsigned long *ptr, unsigned long bits)
{
	unsigned long tmp;
	u32 failed;

	__asm__ __volatile__("	dmb	ish\n"
			     "1:	ldrex	%0, [%2]\n"
			     "	orr	%0, %0, %3\n"
			     "	strex	%1, %0, [%2]\n"
			     "	teq	%1, #0\n"
			     "	bne	1b\n"
			     "	dmb	ish\n"
			     : "=&r"(tmp), "=&r"(failed)
			     : "r"(ptr), "r"(bits)
			     : "memory", "cc");
}

/* Stores val and returns the old value, fully ordered. */
static inline unsigned long arch_atomic_swap_ulong(volatile unsigned long *ptr, unsigned long val)
{
	unsigned long old;
	u32 failed;

	__asm__ __volatile__("	dmb	ish\n"
			     "1:	ldrex	%0, [%2]\n"
			     "	strex	%1, %3, [%2]\n"
			     "	teq	%1, #0\n"
			     "	bne	1b\n"
			     "	dmb	ish\n"
			     : "=&r"(old), "=&r"(failed)
			     : "r"(ptr), "r"(val)
			     : "memory", "cc");
	return old;
}

/* A full barrier between CPUs of the inner shareable domain. */
static inline void arch_smp_mb(void)
{
	__asm__ __volatile__("dmb ish" ::: "memory");
}

#endif /* ASM_ATOMIC_H */
