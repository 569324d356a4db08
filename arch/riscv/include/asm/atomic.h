/* SPDX-License-Identifier: Apache-2.0 */
/* The few atomic operations the core needs, from the A extension. */
#ifndef ASM_ATOMIC_H
#define ASM_ATOMIC_H

#include <bulwark/types.h>

/* Stores val and returns the old value; later accesses stay after it. */
static inline u32 arch_atomic_swap_acquire(volatile u32 *ptr, u32 val)
{
	u32 old;

	__asm__ __volatile__("amoswap.w.aq %0, %2, %1"
			     : "=r"(old), "+A"(*ptr)
			     : "r"(val)
			     : "memory");
	return old;
}

/* Stores val after every earlier access has completed. */
static inline void arch_atomic_store_release(volatile u32 *ptr, u32 val)
{
	__asm__ __volatile__("amoswap.w.rl zero, %1, %0" : "+A"(*ptr) : "r"(val) : "memory");
}

/* Sets bits in *ptr, fully ordered against other accesses. */
static inline void arch_atomic_or_ulong(volatile unsigned long *ptr, unsigned long bits)
{
#if __riscv_xlen == 64
	__asm__ __volatile__("amoor.d.aqrl zero, %1, %0" : "+A"(*ptr) : "r"(bits) : "memory");
#else
	__asm__ __volatile__("amoor.w.aqrl zero, %1, %0" : "+A"(*ptr) : "r"(bits) : "memory");
#endif
}

/* Stores val and returns the old value, fully ordered. */
static inline unsigned long arch_atomic_swap_ulong(volatile unsigned long *ptr, unsigned long val)
{
	unsigned long old;

#if __riscv_xlen == 64
	__asm__ __volatile__("amoswap.d.aqrl %0, %2, %1"
			     : "=r"(old), "+A"(*ptr)
			     : "r"(val)
			     : "memory");
#else
	__asm__ __volatile__("amoswap.w.aqrl %0, %2, %1"
			     : "=r"(old), "+A"(*ptr)
			     : "r"(val)
			     : "memory");
#endif
	return old;
}

/* A full fence: every access before it completes before any after it. */
static inline void arch_smp_mb(void)
{
	__asm__ __volatile__("fence rw, rw" ::: "memory");
}

#endif /* ASM_ATOMIC_H */
