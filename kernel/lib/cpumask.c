/* SPDX-License-Identifier: Apache-2.0 */
/* Text for CPU sets: runs of consecutive CPUs become ranges. */
#include <bulwark/cpumask.h>
#include <bulwark/format.h>

int cpumask_format(char *buf, size_t size, u64 mask)
{
	size_t total = 0;
	unsigned int cpu = 0;

	if (!mask)
		return snprintf(buf, size, "none");
	if (size)
		buf[0] = '\0';

	while (cpu < 64) {
		unsigned int first;
		int n;

		if (!cpumask_test(mask, cpu)) {
			cpu++;
			continue;
		}
		first = cpu;
		while (cpu < 64 && cpumask_test(mask, cpu))
			cpu++;
		/* Write into what is left; once full, only count. */
		if (cpu - 1 == first)
			n = snprintf(total < size ? buf + total : NULL,
				     total < size ? size - total : 0, "%s%u", total ? "," : "",
				     first);
		else
			n = snprintf(total < size ? buf + total : NULL,
				     total < size ? size - total : 0, "%s%u-%u", total ? "," : "",
				     first, cpu - 1);
		if (n < 0)
			return n;
		total += (size_t)n;
	}
	return (int)total;
}
