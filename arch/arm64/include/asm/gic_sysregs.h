/* SPDX-License-Identifier: Apache-2.0 */
/* Accessors for the GICv3 CPU interface (ICC_*) and virtualization (ICH_*) system registers. */
#ifndef ASM_GIC_SYSREGS_H
#define ASM_GIC_SYSREGS_H

#include <bulwark/types.h>

/* Encodings as S<op0>_<op1>_C<n>_C<m>_<op2>, which every assembler accepts. */
#define ICC_PMR_EL1	"S3_0_C4_C6_0"
#define ICC_DIR_EL1	"S3_0_C12_C11_1"
#define ICC_SGI1R_EL1	"S3_0_C12_C11_5"
#define ICC_IAR1_EL1	"S3_0_C12_C12_0"
#define ICC_EOIR1_EL1	"S3_0_C12_C12_1"
#define ICC_BPR1_EL1	"S3_0_C12_C12_3"
#define ICC_CTLR_EL1	"S3_0_C12_C12_4"
#define ICC_IGRPEN1_EL1 "S3_0_C12_C12_7"
#define ICC_SRE_EL2	"S3_4_C12_C9_5"
#define ICH_HCR_EL2	"S3_4_C12_C11_0"
#define ICH_VTR_EL2	"S3_4_C12_C11_1"
#define ICH_MISR_EL2	"S3_4_C12_C11_2"
#define ICH_ELRSR_EL2	"S3_4_C12_C11_5"
#define ICH_VMCR_EL2	"S3_4_C12_C11_7"

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

#define gic_sysreg_read(reg, out) __asm__ __volatile__("mrs %0, " reg : "=r"(out))
#define gic_sysreg_write(reg, val)                                                                 \
	__asm__ __volatile__("msr " reg ", %0" : : "r"((u64)(val)) : "memory")

static inline void gic_isb(void)
{
	__asm__ __volatile__("isb" ::: "memory");
}

/* Orders normal-memory writes before an interrupt another CPU acts on. */
static inline void gic_dsb_ishst(void)
{
	__asm__ __volatile__("dsb ishst" ::: "memory");
}

/* ICH_LR<n>_EL2, n = 0..15: the encoding names n, so one case each. */
#define ICH_LR_CASE_READ(n, crm, op2)                                                              \
	case n:                                                                                    \
		gic_sysreg_read("S3_4_C12_" crm "_" op2, value);                                   \
		break
#define ICH_LR_CASE_WRITE(n, crm, op2)                                                             \
	case n:                                                                                    \
		gic_sysreg_write("S3_4_C12_" crm "_" op2, value);                                  \
		break

static inline u64 ich_lr_read(unsigned int n)
{
	u64 value = 0;

	switch (n) {
		ICH_LR_CASE_READ(0, "C12", "0");
		ICH_LR_CASE_READ(1, "C12", "1");
		ICH_LR_CASE_READ(2, "C12", "2");
		ICH_LR_CASE_READ(3, "C12", "3");
		ICH_LR_CASE_READ(4, "C12", "4");
		ICH_LR_CASE_READ(5, "C12", "5");
		ICH_LR_CASE_READ(6, "C12", "6");
		ICH_LR_CASE_READ(7, "C12", "7");
		ICH_LR_CASE_READ(8, "C13", "0");
		ICH_LR_CASE_READ(9, "C13", "1");
		ICH_LR_CASE_READ(10, "C13", "2");
		ICH_LR_CASE_READ(11, "C13", "3");
		ICH_LR_CASE_READ(12, "C13", "4");
		ICH_LR_CASE_READ(13, "C13", "5");
		ICH_LR_CASE_READ(14, "C13", "6");
		ICH_LR_CASE_READ(15, "C13", "7");
	default:
		break;
	}
	return value;
}

static inline void ich_lr_write(unsigned int n, u64 value)
{
	switch (n) {
		ICH_LR_CASE_WRITE(0, "C12", "0");
		ICH_LR_CASE_WRITE(1, "C12", "1");
		ICH_LR_CASE_WRITE(2, "C12", "2");
		ICH_LR_CASE_WRITE(3, "C12", "3");
		ICH_LR_CASE_WRITE(4, "C12", "4");
		ICH_LR_CASE_WRITE(5, "C12", "5");
		ICH_LR_CASE_WRITE(6, "C12", "6");
		ICH_LR_CASE_WRITE(7, "C12", "7");
		ICH_LR_CASE_WRITE(8, "C13", "0");
		ICH_LR_CASE_WRITE(9, "C13", "1");
		ICH_LR_CASE_WRITE(10, "C13", "2");
		ICH_LR_CASE_WRITE(11, "C13", "3");
		ICH_LR_CASE_WRITE(12, "C13", "4");
		ICH_LR_CASE_WRITE(13, "C13", "5");
		ICH_LR_CASE_WRITE(14, "C13", "6");
		ICH_LR_CASE_WRITE(15, "C13", "7");
	default:
		break;
	}
}

/* ICH_AP0R<n>_EL2 / ICH_AP1R<n>_EL2, n = 0..3: cleared when a vCPU restarts. */
static inline void ich_apr_clear_all(unsigned int nr)
{
	gic_sysreg_write("S3_4_C12_C8_0", 0);
	gic_sysreg_write("S3_4_C12_C9_0", 0);
	if (nr > 1) {
		gic_sysreg_write("S3_4_C12_C8_1", 0);
		gic_sysreg_write("S3_4_C12_C9_1", 0);
	}
	if (nr > 2) {
		gic_sysreg_write("S3_4_C12_C8_2", 0);
		gic_sysreg_write("S3_4_C12_C9_2", 0);
		gic_sysreg_write("S3_4_C12_C8_3", 0);
		gic_sysreg_write("S3_4_C12_C9_3", 0);
	}
}

#endif /* ASM_GIC_SYSREGS_H */
