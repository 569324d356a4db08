/* SPDX-License-Identifier: Apache-2.0 */
/*
 * How AArch32 reaches the system registers that shared Arm code names
 * (<asm/arm_sysreg.h>): MRC/MCR of coprocessor 15 with the same opc1, CRn,
 * CRm and opc2, 32 bits wide; the 64-bit ones through MRRC/MCRR.
 */
#ifndef ASM_SYSREG_ENC_H
#define ASM_SYSREG_ENC_H

#include <bulwark/types.h>

#define SYSREG_ENC(op1, crn, crm, op2) "p15, " #op1 ", %0, c" #crn ", c" #crm ", " #op2
/* The AArch64 columns do not concern AArch32: MCRR's opc1 and CRm do. */
#define SYSREG64_ENC(op1, crn, crm, op2, a32_opc1, a32_crm)                                        \
	"p15, " #a32_opc1 ", %Q0, %R0, c" #a32_crm

#define SYSREG_READ(enc, out)	   __asm__ __volatile__("mrc " enc : "=r"(out))
#define SYSREG_WRITE(enc, value)   __asm__ __volatile__("mcr " enc : : "r"(value) : "memory")
#define SYSREG64_READ(enc, out)	   __asm__ __volatile__("mrrc " enc : "=r"(out))
#define SYSREG64_WRITE(enc, value) __asm__ __volatile__("mcrr " enc : : "r"(value) : "memory")

/* ICH_LR<n> holds bits 31:0 of a list register, ICH_LRC<n> bits 63:32. */
#define ICH_LR_READ(lr_crm, lrc_crm, op2, out)                                                     \
	do {                                                                                       \
		u32 __lo, __hi;                                                                    \
		__asm__ __volatile__("mrc p15, 4, %0, c12, c" #lr_crm ", " #op2 : "=r"(__lo));     \
		__asm__ __volatile__("mrc p15, 4, %0, c12, c" #lrc_crm ", " #op2 : "=r"(__hi));    \
		(out) = ((u64)__hi << 32) | __lo;                                                  \
	} while (0)
#define ICH_LR_WRITE(lr_crm, lrc_crm, op2, value)                                                  \
	do {                                                                                       \
		u64 __v = (value);                                                                 \
		__asm__ __volatile__("mcr p15, 4, %0, c12, c" #lr_crm ", " #op2                    \
				     :                                                             \
				     : "r"((u32)__v)                                               \
				     : "memory");                                                  \
		__asm__ __volatile__("mcr p15, 4, %0, c12, c" #lrc_crm ", " #op2                   \
				     :                                                             \
				     : "r"((u32)(__v >> 32))                                       \
				     : "memory");                                                  \
	} while (0)

#endif /* ASM_SYSREG_ENC_H */
