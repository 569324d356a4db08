/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The run-time ABI's 64-bit division entry points (Arm RTABI): numerator
 * in r0:r1, denominator in r2:r3; quotient back in r0:r1, remainder in
 * r2:r3. They call div64.c with the remainder's address as a fifth argument.
 */
	.arm
	.syntax	unified
	.text

.macro divmod64 name, fn
	.globl	\name
	.type	\name, %function
\name:
	push	{r4, lr}
	sub	sp, sp, #16		/* remainder at sp + 8, its address at sp */
	add	r4, sp, #8
	str	r4, [sp]
	bl	\fn
	ldrd	r2, r3, [sp, #8]
	add	sp, sp, #16
	pop	{r4, pc}
	.size	\name, . - \name
.endm

	divmod64 __aeabi_uldivmod, arm32_udivmod64
	divmod64 __aeabi_ldivmod, arm32_sdivmod64
