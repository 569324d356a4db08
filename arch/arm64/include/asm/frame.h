/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Register frames for the AArch64 trap paths: slot n holds xn. The callers
 * save x0, x1 and x30 themselves (they need them as scratch registers).
 */
#ifndef ASM_FRAME_H
#define ASM_FRAME_H

#ifdef __ASSEMBLY__
/* clang-format off */
/* Stores x2-x29 into the frame at sp. */
.macro save_x2_x29
	.irp n, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29
	str	x\n, [sp, #(\n * 8)]
	.endr
.endm

/* Loads x2-x30, then x0 and x1, from the frame at sp. */
.macro restore_x0_x30
	.irp n, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29
	ldr	x\n, [sp, #(\n * 8)]
	.endr
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp]
.endm
/* clang-format on */
#endif

#endif /* ASM_FRAME_H */
