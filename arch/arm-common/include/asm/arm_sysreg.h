/* SPDX-License-Identifier: Apache-2.0 */
/*
 * System registers named once for both Arm execution states. Shared code
 * writes arm_sysreg_read(ICC_IAR1_EL1); the execution state's
 * <asm/sysreg_enc.h> turns the register's encoding into its instruction.
 */
#ifndef ASM_ARM_SYSREG_H
#define ASM_ARM_SYSREG_H

#include <bulwark/types.h>

/*
 * As wide as a general-purpose register: 64 bits on AArch64, 32 on
 * AArch32 (unsigned long is both, under LP64 and ILP32).
 */
typedef unsigned long register_t;

/*
 * The registers below have an AArch32 form in the coproc == 0b1111 space
 * with the same opc1, CRn, CRm and opc2 as the AArch64 op1, CRn, CRm, op2
 * (the Arm ARM maps them onto each other), so one table serves both:
 * SR_<AArch64 name> is SYSREG_ENC(op1, CRn, CRm, op2), and each execution
 * state's <asm/sysreg_enc.h> defines
 *
 *   SYSREG_ENC(op1, crn, crm, op2)    the operand string of its instruction
 *   SYSREG_READ(enc, out), SYSREG_WRITE(enc, value)
 *   SYSREG64_ENC(op1, crn, crm, op2, a32_opc1, a32_crm) and
 *   SYSREG64_READ / SYSREG64_WRITE    for registers AArch32 reaches as a
 *                                     pair with MRRC / MCRR
 *   ICH_LR_READ(lr_crm, lrc_crm, op2, out), ICH_LR_WRITE(...)
 *                                     for the list registers, which AArch32
 *                                     splits into ICH_LR<n> and ICH_LRC<n>
 *
 * AArch64 (arch/arm64/include/asm/sysreg_enc.h): MRS/MSR of
 * "S3_<op1>_C<crn>_C<crm>_<op2>", 64-bit. AArch32 (to come, under
 * arch/arm/include/asm/): MRC/MCR of "p15, <op1>, %0, c<crn>, c<crm>,
 * <op2>", 32-bit; SYSREG64 through MRRC/MCRR "p15, <a32_opc1>, %Q0, %R0,
 * c<a32_crm>"; ICH_LR_* as two MRC/MCR, c12/c13 for ICH_LR<n> bits 31:0
 * and c14/c15 for ICH_LRC<n> bits 63:32.
 *
 *   shared name (AArch64)  AArch32 name  AArch32 access
 *   ESR_EL2                HSR           MRC p15, 4, Rt, c5, c2, 0
 *   HCR_EL2 (bits 31:0)    HCR           MRC p15, 4, Rt, c1, c1, 0
 *   HPFAR_EL2              HPFAR         MRC p15, 4, Rt, c6, c0, 4
 *   FAR_EL2 (bits 31:0)    HDFAR         MRC p15, 4, Rt, c6, c0, 0
 *   ICC_PMR_EL1            ICC_PMR       MRC p15, 0, Rt, c4, c6, 0
 *   ICC_DIR_EL1            ICC_DIR       MCR p15, 0, Rt, c12, c11, 1
 *   ICC_SGI1R_EL1          ICC_SGI1R     MCRR p15, 0, Rt, Rt2, c12
 *   ICC_IAR1_EL1           ICC_IAR1      MRC p15, 0, Rt, c12, c12, 0
 *   ICC_EOIR1_EL1          ICC_EOIR1     MCR p15, 0, Rt, c12, c12, 1
 *   ICC_BPR1_EL1           ICC_BPR1      MRC p15, 0, Rt, c12, c12, 3
 *   ICC_CTLR_EL1           ICC_CTLR      MRC p15, 0, Rt, c12, c12, 4
 *   ICC_IGRPEN1_EL1        ICC_IGRPEN1   MRC p15, 0, Rt, c12, c12, 7
 *   ICC_SRE_EL2            ICC_HSRE      MRC p15, 4, Rt, c12, c9, 5
 *   ICH_AP0R<n>_EL2        ICH_AP0R<n>   MRC p15, 4, Rt, c12, c8, n
 *   ICH_AP1R<n>_EL2        ICH_AP1R<n>   MRC p15, 4, Rt, c12, c9, n
 *   ICH_HCR_EL2            ICH_HCR       MRC p15, 4, Rt, c12, c11, 0
 *   ICH_VTR_EL2            ICH_VTR       MRC p15, 4, Rt, c12, c11, 1
 *   ICH_MISR_EL2           ICH_MISR      MRC p15, 4, Rt, c12, c11, 2
 *   ICH_ELRSR_EL2          ICH_ELRSR     MRC p15, 4, Rt, c12, c11, 5
 *   ICH_VMCR_EL2           ICH_VMCR      MRC p15, 4, Rt, c12, c11, 7
 *   ICH_LR<n>_EL2          ICH_LR<n>     MRC p15, 4, Rt, c12, c12 + n / 8, n % 8
 *                          ICH_LRC<n>    MRC p15, 4, Rt, c12, c14 + n / 8, n % 8
 *
 * A register whose two forms do not line up like this (VTTBR: MRRC p15,
 * 6, c2) gets its own SYSREG64_ENC columns, as ICC_SGI1R_EL1 does.
 */
#include <asm/sysreg_enc.h>

#define SR_ESR_EL2	   SYSREG_ENC(4, 5, 2, 0)
#define SR_HCR_EL2	   SYSREG_ENC(4, 1, 1, 0)
#define SR_HPFAR_EL2	   SYSREG_ENC(4, 6, 0, 4)
#define SR_FAR_EL2	   SYSREG_ENC(4, 6, 0, 0)
#define SR_ICC_PMR_EL1	   SYSREG_ENC(0, 4, 6, 0)
#define SR_ICC_DIR_EL1	   SYSREG_ENC(0, 12, 11, 1)
#define SR_ICC_IAR1_EL1	   SYSREG_ENC(0, 12, 12, 0)
#define SR_ICC_EOIR1_EL1   SYSREG_ENC(0, 12, 12, 1)
#define SR_ICC_BPR1_EL1	   SYSREG_ENC(0, 12, 12, 3)
#define SR_ICC_CTLR_EL1	   SYSREG_ENC(0, 12, 12, 4)
#define SR_ICC_IGRPEN1_EL1 SYSREG_ENC(0, 12, 12, 7)
#define SR_ICC_SRE_EL2	   SYSREG_ENC(4, 12, 9, 5)
/* Group 0 and the active priorities: direct interrupt delivery (vgic_direct.c). */
#define SR_ICC_IAR0_EL1	   SYSREG_ENC(0, 12, 8, 0)
#define SR_ICC_EOIR0_EL1   SYSREG_ENC(0, 12, 8, 1)
#define SR_ICC_BPR0_EL1	   SYSREG_ENC(0, 12, 8, 3)
#define SR_ICC_AP1R0_EL1   SYSREG_ENC(0, 12, 9, 0)
#define SR_ICC_IGRPEN0_EL1 SYSREG_ENC(0, 12, 12, 6)
#define SR_ICH_AP0R0_EL2   SYSREG_ENC(4, 12, 8, 0)
#define SR_ICH_AP0R1_EL2   SYSREG_ENC(4, 12, 8, 1)
#define SR_ICH_AP0R2_EL2   SYSREG_ENC(4, 12, 8, 2)
#define SR_ICH_AP0R3_EL2   SYSREG_ENC(4, 12, 8, 3)
#define SR_ICH_AP1R0_EL2   SYSREG_ENC(4, 12, 9, 0)
#define SR_ICH_AP1R1_EL2   SYSREG_ENC(4, 12, 9, 1)
#define SR_ICH_AP1R2_EL2   SYSREG_ENC(4, 12, 9, 2)
#define SR_ICH_AP1R3_EL2   SYSREG_ENC(4, 12, 9, 3)
#define SR_ICH_HCR_EL2	   SYSREG_ENC(4, 12, 11, 0)
#define SR_ICH_VTR_EL2	   SYSREG_ENC(4, 12, 11, 1)
#define SR_ICH_MISR_EL2	   SYSREG_ENC(4, 12, 11, 2)
#define SR_ICH_ELRSR_EL2   SYSREG_ENC(4, 12, 11, 5)
#define SR_ICH_VMCR_EL2	   SYSREG_ENC(4, 12, 11, 7)

/* 64-bit on both: the AArch64 encoding, then AArch32's MCRR opc1 and CRm. */
#define SR64_ICC_SGI1R_EL1 SYSREG64_ENC(0, 12, 11, 5, 0, 12)
#define SR64_ICC_SGI0R_EL1 SYSREG64_ENC(0, 12, 11, 7, 2, 12)

#define arm_sysreg_read(name)                                                                      \
	({                                                                                         \
		register_t __sr_val;                                                               \
		SYSREG_READ(SR_##name, __sr_val);                                                  \
		__sr_val;                                                                          \
	})
#define arm_sysreg_write(name, value) SYSREG_WRITE(SR_##name, (register_t)(value))

#define arm_sysreg_read64(name)                                                                    \
	({                                                                                         \
		u64 __sr_val;                                                                      \
		SYSREG64_READ(SR64_##name, __sr_val);                                              \
		__sr_val;                                                                          \
	})
#define arm_sysreg_write64(name, value) SYSREG64_WRITE(SR64_##name, (u64)(value))

#endif /* ASM_ARM_SYSREG_H */
