/* SPDX-License-Identifier: Apache-2.0 */
/* Spinlocks between physical CPUs, built on the arch's atomic swap. */
#ifndef BULWARK_SPINLOCK_H
#define BULWARK_SPINLOCK_H

#include <bulwark/types.h>
#include <asm/atomic.h>
#include <asm/processor.h>

typedef struct {
	volatile u32 locked;
} spinlock_t;

#define SPINLOCK_INIT                                                                              \
	{                                                                                          \
		0                                                                                  \
	}

static inline bool spin_trylock(spinlock_t *lock)
{
	return arch_atomic_swap_acquire(&lock->locked, 1) == 0;
}

static inline void spin_lock(spinlock_t *lock)
{
	while (!spin_trylock(lock)) {
		/* Spin on plain reads so waiters do not bounce the line. */
		while (lock->locked)
			cpu_relax();
	}
}

static inline void spin_unlock(spinlock_t *lock)
{
	arch_atomic_store_release(&lock->locked, 0);
}

#endif /* BULWARK_SPINLOCK_H */
