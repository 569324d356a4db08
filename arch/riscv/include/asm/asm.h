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

#endif /* ASM_ASM_H */
