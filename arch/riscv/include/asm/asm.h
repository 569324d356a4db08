/* SPDX-License-Identifier: Apache-2.0 */
/* Assembler helpers that hide the register width (RV32 or RV64). */
#ifndef ASM_ASM_H
#define ASM_ASM_H

#if __riscv_xlen == 64
#define REG_S	  sd
#define REG_L	  ld
#define REG_SIZE  8
#define REG_SHIFT 3
#else
#define REG_S	  sw
#define REG_L	  lw
#define REG_SIZE  4
#define REG_SHIFT 2
#endif

#ifdef __ASSEMBLY__
/* clang-format off */
/*
 * Register frames: slot n holds xn. save_gprs stores x1 and x3-x31 (sp is
 * the caller's business); restore_gprs loads them back, x31 last so that it
 * may serve as the base, and sp too when with_sp is 1.
 */
.macro save_gprs base
	REG_S	x1, (1 * REG_SIZE)(\base)
	.irp n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	REG_S	x\n, (\n * REG_SIZE)(\base)
	.endr
.endm

.macro restore_gprs base, with_sp=0
	REG_L	x1, (1 * REG_SIZE)(\base)
	.if \with_sp
	REG_L	x2, (2 * REG_SIZE)(\base)
	.endif
	.irp n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	REG_L	x\n, (\n * REG_SIZE)(\base)
	.endr
.endm

/*
 * restore_gprs base, 1 without the callee-saved x8, x9 and x18-x27: for
 * the way back from C code, which kept them as they were.
 */
.macro restore_caller_saved_gprs base
	.irp n, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 28, 29, 30, 31
	REG_L	x\n, (\n * REG_SIZE)(\base)
	.endr
.endm
/* clang-format on */
#endif /* __ASSEMBLY__ */

#endif /* ASM_ASM_H */
