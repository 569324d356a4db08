/* SPDX-License-Identifier: Apache-2.0 */
/* The run-time helpers the compiler calls (no libgcc here): 64-bit division, trailing zeros. */
#include <bulwark/types.h>

u64 arm32_udivmod64(u64 n, u64 d, u64 *rem);
s64 arm32_sdivmod64(s64 n, s64 d, s64 *rem);
int __ctzdi2(u64 x);

/* __builtin_ctzll on a 64-bit value: the word that holds the lowest set bit (x != 0). */
int __ctzdi2(u64 x)
{
	u32 lo = (u32)x;

	return lo ? __builtin_ctz(lo) : 32 + __builtin_ctz((u32)(x >> 32));
}

/* Restoring division, one quotient bit a turn; 32-bit operands use the divide instruction. */
u64 arm32_udivmod64(u64 n, u64 d, u64 *rem)
{
	u64 q = 0, r = 0;

	if (d == 0) {
		/* Undefined in C: answer something harmless rather than trap. */
		*rem = n;
		return ~0ULL;
	}
	if ((n >> 32) == 0 && (d >> 32) == 0) {
		u32 q32 = (u32)n / (u32)d;

		*rem = (u32)n - q32 * (u32)d;
		return q32;
	}
	for (int i = 63; i >= 0; i--) {
		r = (r << 1) | ((n >> i) & 1);
		if (r >= d) {
			r -= d;
			q |= 1ULL << i;
		}
	}
	*rem = r;
	return q;
}

/* C's rules: the quotient rounds toward zero, the remainder has the dividend's sign. */
s64 arm32_sdivmod64(s64 n, s64 d, s64 *rem)
{
	u64 un = n < 0 ? 0 - (u64)n : (u64)n;
	u64 ud = d < 0 ? 0 - (u64)d : (u64)d;
	u64 ur;
	u64 uq = arm32_udivmod64(un, ud, &ur);

	*rem = n < 0 ? (s64)(0 - ur) : (s64)ur;
	return (n < 0) != (d < 0) ? (s64)(0 - uq) : (s64)uq;
}
