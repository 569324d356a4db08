/* SPDX-License-Identifier: Apache-2.0 */
/* AArch64 system register fields and accessors, shared by assembly and C. */
#ifndef ASM_SYSREG_H
#define ASM_SYSREG_H

#ifdef __ASSEMBLY__
#define _UL(x) x
#else
#define _UL(x) x##UL
#endif

#define CURRENT_EL_SHIFT 2

/* PSTATE modes for SPSR_ELx.M[3:0] and the DAIF mask bits. */
#define PSR_MODE_EL0T  0x0
#define PSR_MODE_EL1T  0x4
#define PSR_MODE_EL1H  0x5
#define PSR_MODE_MASK  0xf
#define PSR_MODE_32BIT 0x10
#define PSR_F	       (_UL(1) << 6)
#define PSR_I	       (_UL(1) << 7)
#define PSR_A	       (_UL(1) << 8)
#define PSR_D	       (_UL(1) << 9)
#define PSR_DAIF       (PSR_D | PSR_A | PSR_I | PSR_F)

/* SCTLR_EL2 without VHE: RES1 bits, then the MMU, caches and SP alignment check. */
#define SCTLR_EL2_RES1 _UL(0x30c50830)
#define SCTLR_M	       (_UL(1) << 0)
#define SCTLR_C	       (_UL(1) << 2)
#define SCTLR_SA       (_UL(1) << 3)
#define SCTLR_I	       (_UL(1) << 12)
/* SCTLR_EL1 as after reset: RES1 bits only, MMU and caches off, little endian. */
#define SCTLR_EL1_RESET _UL(0x30d00800)

/* TCR_EL2 without VHE: 4 KiB granule, write-back walks, inner shareable. */
#define TCR_EL2_RES1	 (_UL(1) << 31 | _UL(1) << 23)
#define TCR_T0SZ(bits)	 (64 - (bits))
#define TCR_IRGN0_WBWA	 (_UL(1) << 8)
#define TCR_ORGN0_WBWA	 (_UL(1) << 10)
#define TCR_SH0_INNER	 (_UL(3) << 12)
#define TCR_EL2_PS_SHIFT 16
/* The hypervisor's own address space: 39 bits, so its walks start at level 1. */
#define HYP_VA_BITS 39

/* MAIR attribute indexes used by the hypervisor's own tables. */
#define MAIR_IDX_DEVICE_nGnRnE 0
#define MAIR_IDX_NORMAL	       1
#define MAIR_IDX_DEVICE_nGnRE  2
#define MAIR_EL2_VALUE	       _UL(0x04ff00)

/* HCR_EL2 */
#define HCR_VM	      (_UL(1) << 0)
#define HCR_SWIO      (_UL(1) << 1)
#define HCR_FMO	      (_UL(1) << 3)
#define HCR_IMO	      (_UL(1) << 4)
#define HCR_AMO	      (_UL(1) << 5)
#define HCR_VSE	      (_UL(1) << 8)
#define HCR_BSU_INNER (_UL(1) << 10)
#define HCR_TSC	      (_UL(1) << 19)
#define HCR_RW	      (_UL(1) << 31)

/* CNTHCTL_EL2 without VHE: EL1 reads the physical counter and uses its timer. */
#define CNTHCTL_EL1PCTEN (_UL(1) << 0)
#define CNTHCTL_EL1PCEN	 (_UL(1) << 1)

/* CPTR_EL2 without VHE: RES1 bits; FP/SIMD, trace and CPACR not trapped. */
#define CPTR_EL2_RES1 _UL(0x33ff)

/* VMPIDR_EL2 / MPIDR_EL1 */
#define MPIDR_RES1     (_UL(1) << 31)
#define MPIDR_AFF_MASK _UL(0xff00ffffff)

/* VTCR_EL2 */
#define VTCR_RES1	 (_UL(1) << 31)
#define VTCR_SL0_SHIFT	 6
#define VTCR_IRGN0_WBWA	 (_UL(1) << 8)
#define VTCR_ORGN0_WBWA	 (_UL(1) << 10)
#define VTCR_SH0_INNER	 (_UL(3) << 12)
#define VTCR_PS_SHIFT	 16
#define VTTBR_VMID_SHIFT 48

/* ID_AA64MMFR0_EL1 */
#define MMFR0_PARANGE_MASK _UL(0xf)
#define MMFR0_TGRAN4_SHIFT 28

#ifndef __ASSEMBLY__

#define read_sysreg(reg)                                                                           \
	({                                                                                         \
		unsigned long __val;                                                               \
		__asm__ __volatile__("mrs %0, " #reg : "=r"(__val));                               \
		__val;                                                                             \
	})

#define write_sysreg(reg, val)                                                                     \
	do {                                                                                       \
		unsigned long __wval = (unsigned long)(val);                                       \
		__asm__ __volatile__("msr " #reg ", %0" : : "r"(__wval) : "memory");               \
	} while (0)

static inline void isb(void)
{
	__asm__ __volatile__("isb" ::: "memory");
}

static inline void dsb_ish(void)
{
	__asm__ __volatile__("dsb ish" ::: "memory");
}

#endif /* !__ASSEMBLY__ */

#endif /* ASM_SYSREG_H */
