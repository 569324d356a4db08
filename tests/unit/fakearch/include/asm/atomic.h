/* SPDX-License-Identifier: Apache-2.0 */
/* The fake arch's atomics: the host compiler's builtins, same contracts as arch/riscv's. */
#ifndef ASM_ATOMIC_H
#define ASM_ATOMIC_H

#include <bulwark/types.h>

static inline u32 arch_atomic_swap_acquire(volatile u32 *ptr, u32 val)
{
	return __atomic_exchange_n(ptr, val, __ATOMIC_ACQUIRE);
}

static inline void arch_atomic_store_release(volatile u32 *ptr, u32 val)
{
	__atomic_store_n(ptr, val, __ATOMIC_RELEASE);
}

static inline void arch_atomic_or_ulong(volatile unsigned long *ptr, unsigned long bits)
{
	(void)__atomic_fetch_or(ptr, bits, __ATOMIC_SEQ_CST);
}

static inline unsigned long arch_atomic_swap_ulong(volatile unsigned long *ptr, unsigned long val)
{
	return __atomic_exchange_n(ptr, val, __ATOMIC_SEQ_CST);
}

static inline void arch_smp_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

#endif /* ASM_ATOMIC_H */
