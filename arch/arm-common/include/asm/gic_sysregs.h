/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The GICv3 CPU interface (ICC_*) and virtualization (ICH_*) system
 * registers for both execution states: fields, barriers and the list and
 * active-priority registers by number. The registers are read and written
 * by name with arm_sysreg_read/write (<asm/arm_sysreg.h>).
 */
#ifndef ASM_GIC_SYSREGS_H
#define ASM_GIC_SYSREGS_H

#include <bulwark/types.h>
#include <asm/arm_sysreg.h>

#define ICC_SRE_SRE	 (1u << 0)
#define ICC_SRE_DFB	 (1u << 1)
#define ICC_SRE_DIB	 (1u << 2)
#define ICC_SRE_ENABLE	 (1u << 3) /* EL1 may use ICC_SRE_EL1 */
#define ICC_CTLR_EOIMODE (1u << 1)

#define ICH_HCR_EN   (1u << 0)
#define ICH_HCR_UIE  (1u << 1)
#define ICH_HCR_NPIE (1u << 3)

#define ICH_VTR_LISTREGS(vtr) ((unsigned int)((vtr)&0x1fu) + 1u)
#define ICH_VTR_PREBITS(vtr)  ((unsigned int)(((vtr) >> 26) & 0x7u) + 1u)

#define ICH_LR_PINTID_SHIFT   32
#define ICH_LR_EOI	      (1ull << 41)
#define ICH_LR_PRIORITY_SHIFT 48
#define ICH_LR_GROUP1	      (1ull << 60)
#define ICH_LR_HW	      (1ull << 61)
#define ICH_LR_STATE_SHIFT    62

static inline void gic_isb(void)
{
	__asm__ __volatile__("isb" ::: "memory");
}

/* Orders normal-memory writes before an interrupt another CPU acts on. */
static inline void gic_dsb_ishst(void)
{
	__asm__ __volatile__("dsb ishst" ::: "memory");
}

/*
 * ICH_LR<n>_EL2, n = 0..15: the encoding names n, so one case each; the
 * arguments are the CRm of ICH_LR<n> (bits 31:0 on AArch32), the CRm of
 * ICH_LRC<n> (bits 63:32 on AArch32) and op2.
 */
#define ICH_LR_CASES(X)                                                                            \
	X(0, 12, 14, 0)                                                                            \
	X(1, 12, 14, 1)                                                                            \
	X(2, 12, 14, 2)                                                                            \
	X(3, 12, 14, 3)                                                                            \
	X(4, 12, 14, 4)                                                                            \
	X(5, 12, 14, 5)                                                                            \
	X(6, 12, 14, 6)                                                                            \
	X(7, 12, 14, 7)                                                                            \
	X(8, 13, 15, 0)                                                                            \
	X(9, 13, 15, 1)                                                                            \
	X(10, 13, 15, 2)                                                                           \
	X(11, 13, 15, 3)                                                                           \
	X(12, 13, 15, 4)                                                                           \
	X(13, 13, 15, 5)                                                                           \
	X(14, 13, 15, 6)                                                                           \
	X(15, 13, 15, 7)

#define ICH_LR_CASE_READ(n, lr_crm, lrc_crm, op2)                                                  \
	case n:                                                                                    \
		ICH_LR_READ(lr_crm, lrc_crm, op2, value);                                          \
		break;
#define ICH_LR_CASE_WRITE(n, lr_crm, lrc_crm, op2)                                                 \
	case n:                                                                                    \
		ICH_LR_WRITE(lr_crm, lrc_crm, op2, value);                                         \
		break;

static inline u64 ich_lr_read(unsigned int n)
{
	u64 value = 0;

	switch (n) {
		ICH_LR_CASES(ICH_LR_CASE_READ)
	default:
		break;
	}
	return value;
}

static inline void ich_lr_write(unsigned int n, u64 value)
{
	switch (n) {
		ICH_LR_CASES(ICH_LR_CASE_WRITE)
	default:
		break;
	}
}

/* ICH_AP0R<n>_EL2 / ICH_AP1R<n>_EL2, n = 0..3: cleared when a vCPU restarts. */
static inline void ich_apr_clear_all(unsigned int nr)
{
	arm_sysreg_write(ICH_AP0R0_EL2, 0);
	arm_sysreg_write(ICH_AP1R0_EL2, 0);
	if (nr > 1) {
		arm_sysreg_write(ICH_AP0R1_EL2, 0);
		arm_sysreg_write(ICH_AP1R1_EL2, 0);
	}
	if (nr > 2) {
		arm_sysreg_write(ICH_AP0R2_EL2, 0);
		arm_sysreg_write(ICH_AP1R2_EL2, 0);
		arm_sysreg_write(ICH_AP0R3_EL2, 0);
		arm_sysreg_write(ICH_AP1R3_EL2, 0);
	}
}

#endif /* ASM_GIC_SYSREGS_H */
