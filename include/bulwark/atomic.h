/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Atomic operations and barriers for the core: arch_atomic_* and
 * arch_smp_mb(), implemented inline by each arch.
 */
#ifndef BULWARK_ATOMIC_H
#define BULWARK_ATOMIC_H

#include <asm/atomic.h>

#endif /* BULWARK_ATOMIC_H */
