/* SPDX-License-Identifier: Apache-2.0 */
/* Register width for the guest runtime's assembly: RV64 or RV32. */
#ifndef GUEST_RISCV_ASM_H
#define GUEST_RISCV_ASM_H

#if __riscv_xlen == 64
#define REG_S	 sd
#define REG_L	 ld
#define REG_SIZE 8
#else
#define REG_S	 sw
#define REG_L	 lw
#define REG_SIZE 4
#endif

#endif
