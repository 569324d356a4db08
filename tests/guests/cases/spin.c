/* SPDX-License-Identifier: Apache-2.0 */
/* A VM that only spins: the benchmark's harmless neighbour for the sentinel. */
#include "printf.h"
#include "test.h"

TEST_CASE(spin)
{
	volatile unsigned long n = 0;

	printf("spin: spinning\n");
	for (;;)
		n++;
}
