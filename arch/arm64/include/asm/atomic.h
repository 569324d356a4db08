/* SPDX-License-Identifier: Apache-2.0 */
/* The few atomic operations the core needs, from Armv8.0 exclusives (no LSE). */
#ifndef ASM_ATOMIC_H
#define ASM_ATOMIC_H

#include <bulwark/types.h>

/* Stores val and returns the old value; later accesses stay after it. */
static inline u32 arch_atomic_swap_acquire(volatile u32 *ptr, u32 val)
{
	u32 old, failed;

	__asm__ __volatile__("1:	ldaxr	%w0, %2\n"
			     "	stxr	%w1, %w3, %2\n"
			     "	cbnz	%w1, 1b\n"
			     : "=&r"(old), "=&r"(failed), "+Q"(*ptr)
			     : "r"(val)
			     : "memory");
	return old;
}

/* Stores val after every earlier access has completed. */
static inline void arch_atomic_store_release(volatile u32 *ptr, u32 val)
{
	__asm__ __volatile__("stlr	%w1, %0" : "=Q"(*ptr) : "r"(val) : "memory");
}

/* Sets bits in *ptr, fully ordered against other accesses. */
static inline void arch_atomic_or_ulong(volatile unsigned long *ptr, unsigned long bits)
{
	unsigned long tmp;
	u32 failed;

	__asm__ __volatile__("1:	ldxr	%0, %2\n"
			     "	orr	%0, %0, %3\n"
			     "	stlxr	%w1, %0, %2\n"
			     "	cbnz	%w1, 1b\n"
			     "	dmb	ish\n"
			     : "=&r"(tmp), "=&r"(failed), "+Q"(*ptr)
			     : "r"(bits)
			     : "memory");
}

/* Stores val and returns the old value, fully ordered. */
static inline unsigned long arch_atomic_swap_ulong(volatile unsigned long *ptr, unsigned long val)
{
	unsigned long old;
	u32 failed;

	__asm__ __volatile__("1:	ldxr	%0, %2\n"
			     "	stlxr	%w1, %3, %2\n"
			     "	cbnz	%w1, 1b\n"
			     "	dmb	ish\n"
			     : "=&r"(old), "=&r"(failed), "+Q"(*ptr)
			     : "r"(val)
			     : "memory");
	return old;
}

/* A full barrier between CPUs of the inner shareable domain. */
static inline void arch_smp_mb(void)
{
	__asm__ __volatile__("dmb ish" ::: "memory");
}

#endif /* ASM_ATOMIC_H */
