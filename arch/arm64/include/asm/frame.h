/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Register frames for the AArch64 trap paths: slot n holds xn. The callers
 * save x0, x1 and x30 themselves (they need them as scratch registers).
 */
#ifndef ASM_FRAME_H
#define ASM_FRAME_H

#ifdef __ASSEMBLY__
/* clang-format off */
/* Stores x2-x29 into the frame at sp, two to an instruction. */
.macro save_x2_x29
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
.endm

/* Loads x2-x30, then x0 and x1, from the frame at sp. */
.macro restore_x0_x30
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp]
.endm
/* clang-format on */
#endif

#endif /* ASM_FRAME_H */
