/* SPDX-License-Identifier: Apache-2.0 */
/* Sets of CPUs as bit masks, bit n = CPU n (at most 64 CPUs). */
#ifndef BULWARK_CPUMASK_H
#define BULWARK_CPUMASK_H

#include <bulwark/types.h>

static inline u64 cpumask_of(unsigned int cpu)
{
	return cpu < 64 ? (u64)1 << cpu : 0;
}

/* All CPUs 0..nr-1. */
static inline u64 cpumask_first_n(unsigned int nr)
{
	return nr >= 64 ? ~(u64)0 : ((u64)1 << nr) - 1;
}

static inline bool cpumask_test(u64 mask, unsigned int cpu)
{
	return (mask & cpumask_of(cpu)) != 0;
}

static inline unsigned int cpumask_weight(u64 mask)
{
	unsigned int count = 0;

	/* No libgcc: clear the lowest set bit until none is left. */
	for (; mask; mask &= mask - 1)
		count++;
	return count;
}

/*
 * Writes the set as ranges, "0-2,5"; "none" when empty. Returns the length
 * the full text would have had, like snprintf.
 */
int cpumask_format(char *buf, size_t size, u64 mask);

#endif /* BULWARK_CPUMASK_H */
