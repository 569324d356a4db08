/* SPDX-License-Identifier: Apache-2.0 */
/* 64-bit unsigned division for the compiler's __aeabi_uldivmod calls (printf): no libgcc here. */
#include <stdint.h>

uint64_t guest_udivmod64(uint64_t n, uint64_t d, uint64_t *rem);

/* One quotient bit a turn; a divide by zero answers all ones rather than trap. */
uint64_t guest_udivmod64(uint64_t n, uint64_t d, uint64_t *rem)
{
	uint64_t q = 0, r = 0;
	int i;

	if (d == 0) {
		*rem = n;
		return ~0ULL;
	}
	for (i = 63; i >= 0; i--) {
		r = (r << 1) | ((n >> i) & 1);
		if (r >= d) {
			r -= d;
			q |= 1ULL << i;
		}
	}
	*rem = r;
	return q;
}

/*
 * The run-time ABI's entry: numerator in r0:r1, denominator in r2:r3;
 * quotient back in r0:r1, remainder in r2:r3.
 */
__asm__(".arm\n"
	".globl __aeabi_uldivmod\n"
	".type __aeabi_uldivmod, %function\n"
	"__aeabi_uldivmod:\n"
	"	push	{r4, lr}\n"
	"	sub	sp, sp, #16\n"
	"	add	r4, sp, #8\n"
	"	str	r4, [sp]\n"
	"	bl	guest_udivmod64\n"
	"	ldrd	r2, r3, [sp, #8]\n"
	"	add	sp, sp, #16\n"
	"	pop	{r4, pc}\n"
	".size __aeabi_uldivmod, . - __aeabi_uldivmod\n");
