/* SPDX-License-Identifier: Apache-2.0 */
/*
 * How AArch64 reaches the system registers that shared Arm code names
 * (<asm/arm_sysreg.h>): MRS/MSR of S3_<op1>_C<n>_C<m>_<op2>, which every
 * assembler accepts, every register 64 bits wide.
 */
#ifndef ASM_SYSREG_ENC_H
#define ASM_SYSREG_ENC_H

#define SYSREG_ENC(op1, crn, crm, op2) "S3_" #op1 "_C" #crn "_C" #crm "_" #op2
/* AArch32's MRRC/MCRR columns do not concern AArch64. */
#define SYSREG64_ENC(op1, crn, crm, op2, a32_opc1, a32_crm) SYSREG_ENC(op1, crn, crm, op2)

#define SYSREG_READ(enc, out)	   __asm__ __volatile__("mrs %0, " enc : "=r"(out))
#define SYSREG_WRITE(enc, value)   __asm__ __volatile__("msr " enc ", %0" : : "r"(value) : "memory")
#define SYSREG64_READ(enc, out)	   SYSREG_READ(enc, out)
#define SYSREG64_WRITE(enc, value) SYSREG_WRITE(enc, value)

/* ICH_LR<n>_EL2 is one 64-bit register, CRm 12 or 13; the ICH_LRC CRm is AArch32's. */
#define ICH_LR_READ(lr_crm, lrc_crm, op2, out) SYSREG_READ(SYSREG_ENC(4, 12, lr_crm, op2), out)
#define ICH_LR_WRITE(lr_crm, lrc_crm, op2, value)                                                  \
	SYSREG_WRITE(SYSREG_ENC(4, 12, lr_crm, op2), value)

#endif /* ASM_SYSREG_ENC_H */
