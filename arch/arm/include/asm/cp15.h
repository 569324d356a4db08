/* SPDX-License-Identifier: Apache-2.0 */
/*
 * AArch32 coprocessor-15 registers of Hyp mode and of the guest's PL1, by
 * name, with their fields, and their accessors: read_cp15(HSCTLR),
 * write_cp15(VTCR, v), read_cp15_64(CNTPCT), write_cp15_64(VTTBR, v).
 * A register's name expands to its "opc1, CRn, CRm, opc2" (64-bit ones:
 * "opc1, CRm" of MRRC/MCRR), so assembly can use them too:
 * mcr p15, HSCTLR_ENC with HSCTLR_ENC written out.
 */
#ifndef ASM_CP15_H
#define ASM_CP15_H

#ifdef __ASSEMBLY__
#define _UL(x) x
#else
#define _UL(x) x##UL
#endif

/* CPSR / SPSR modes and mask bits. */
#define PSR_MODE_USR  0x10
#define PSR_MODE_FIQ  0x11
#define PSR_MODE_IRQ  0x12
#define PSR_MODE_SVC  0x13
#define PSR_MODE_ABT  0x17
#define PSR_MODE_HYP  0x1a
#define PSR_MODE_UND  0x1b
#define PSR_MODE_SYS  0x1f
#define PSR_MODE_MASK 0x1f
#define PSR_T	      (_UL(1) << 5)
#define PSR_F	      (_UL(1) << 6)
#define PSR_I	      (_UL(1) << 7)
#define PSR_A	      (_UL(1) << 8)
#define PSR_AIF	      (PSR_A | PSR_I | PSR_F)
/* ITSTATE: IT[1:0] in bits 26:25, IT[7:2] in bits 15:10. */
#define PSR_IT_LO_SHIFT 25
#define PSR_IT_HI_SHIFT 10
#define PSR_IT_MASK	(_UL(0x06000000) | _UL(0x0000fc00))

/* HSCTLR: RES1 bits (Armv7 with the virtualization extensions), MMU, caches. */
#define HSCTLR_RES1 _UL(0x30c50818)
#define HSCTLR_M    (_UL(1) << 0)
#define HSCTLR_A    (_UL(1) << 1)
#define HSCTLR_C    (_UL(1) << 2)
#define HSCTLR_I    (_UL(1) << 12)
/* Armv8-R: the default memory map as a background region for EL2 accesses (HSCTLR.M = 1). */
#define HSCTLR_BR (_UL(1) << 17)
/* SCTLR (PL1) as after reset: RES1 bits only, MMU and caches off, little endian. */
#define SCTLR_RESET _UL(0x00c50078)

/* HTCR: 32-bit input addresses (T0SZ = 0), write-back walks, inner shareable. */
#define HTCR_RES1	_UL(0x80800000)
#define HTCR_IRGN0_WBWA (_UL(1) << 8)
#define HTCR_ORGN0_WBWA (_UL(1) << 10)
#define HTCR_SH0_INNER	(_UL(3) << 12)
#define HTCR_VALUE	(HTCR_RES1 | HTCR_IRGN0_WBWA | HTCR_ORGN0_WBWA | HTCR_SH0_INNER)

/* HMAIR0 attribute indexes used by the hypervisor's own tables (as on AArch64). */
#define MAIR_IDX_DEVICE_nGnRnE 0
#define MAIR_IDX_NORMAL	       1
#define MAIR_IDX_DEVICE_nGnRE  2
#define HMAIR0_VALUE	       _UL(0x04ff00)

/* HCR */
#define HCR_VM	      (_UL(1) << 0)
#define HCR_SWIO      (_UL(1) << 1)
#define HCR_FMO	      (_UL(1) << 3)
#define HCR_IMO	      (_UL(1) << 4)
#define HCR_AMO	      (_UL(1) << 5)
#define HCR_VA	      (_UL(1) << 8)
#define HCR_BSU_INNER (_UL(1) << 10)
#define HCR_TSC	      (_UL(1) << 19)
/* HMPUIR.REGION: how many EL2 MPU regions (Armv8-R). */
#define HMPUIR_REGION_MASK 0xff
/* MPUIR.DREGION: how many EL1 MPU regions (Armv8-R). */
#define MPUIR_DREGION_SHIFT 8
#define MPUIR_DREGION_MASK  0xff

/* HCPTR: RES1 bits; coprocessors 10 and 11 (FP/SIMD) and CPACR not trapped. */
#define HCPTR_RES1 _UL(0x33ff)

/* CNTHCTL: PL1 and PL0 read the physical counter and use the physical timer. */
#define CNTHCTL_PL1PCTEN (_UL(1) << 0)
#define CNTHCTL_PL1PCEN	 (_UL(1) << 1)

/* VMPIDR / MPIDR */
#define MPIDR_RES1     (_UL(1) << 31)
#define MPIDR_AFF_MASK _UL(0xffffff)

/* VTCR: T0SZ = -8 (40-bit IPA), SL0 = 1 (start at the first level), WB walks. */
#define VTCR_RES1	 (_UL(1) << 31)
#define VTCR_T0SZ_40	 _UL(0x18) /* T0SZ[3:0] = 0b1000 and its sign bit S */
#define VTCR_SL0_FIRST	 (_UL(1) << 6)
#define VTCR_IRGN0_WBWA	 (_UL(1) << 8)
#define VTCR_ORGN0_WBWA	 (_UL(1) << 10)
#define VTCR_SH0_INNER	 (_UL(3) << 12)
#define VTTBR_VMID_SHIFT 48

/* ID_MMFR0.VMSA: 5 or more is VMSAv7 with the Long-descriptor format (LPAE). */
#define ID_MMFR0_VMSA_MASK 0xf
#define ID_MMFR0_VMSA_LPAE 5
/* ID_PFR1.Virtualization: 1 when Hyp mode exists; ID_PFR1.GIC: the GICv3 system registers. */
#define ID_PFR1_VIRT_SHIFT 12
#define ID_PFR1_GIC_SHIFT  28

/* opc1, CRn, CRm, opc2 of 32-bit registers. */
#define MIDR	   0, c0, c0, 0
#define CTR	   0, c0, c0, 1
#define MPIDR	   0, c0, c0, 5
#define ID_PFR1	   0, c0, c1, 1
#define ID_MMFR0   0, c0, c1, 4
#define CSSELR	   2, c0, c0, 0
#define SCTLR	   0, c1, c0, 0
#define CPACR	   0, c1, c0, 2
#define TTBCR	   0, c2, c0, 2
#define DACR	   0, c3, c0, 0
#define DFSR	   0, c5, c0, 0
#define IFSR	   0, c5, c0, 1
#define ADFSR	   0, c5, c1, 0
#define AIFSR	   0, c5, c1, 1
#define DFAR	   0, c6, c0, 0
#define IFAR	   0, c6, c0, 2
#define PMCR	   0, c9, c12, 0
#define PRRR	   0, c10, c2, 0
#define NMRR	   0, c10, c2, 1
#define AMAIR0	   0, c10, c3, 0
#define AMAIR1	   0, c10, c3, 1
#define VBAR	   0, c12, c0, 0
#define CONTEXTIDR 0, c13, c0, 1
#define TPIDRURW   0, c13, c0, 2
#define TPIDRURO   0, c13, c0, 3
#define TPIDRPRW   0, c13, c0, 4
#define CNTFRQ	   0, c14, c0, 0
#define CNTKCTL	   0, c14, c1, 0
#define CNTP_CTL   0, c14, c2, 1
#define CNTV_CTL   0, c14, c3, 1
#define VPIDR	   4, c0, c0, 0
#define VMPIDR	   4, c0, c0, 5
#define HSCTLR	   4, c1, c0, 0
#define HCR	   4, c1, c1, 0
#define HDCR	   4, c1, c1, 1
#define HCPTR	   4, c1, c1, 2
#define HSTR	   4, c1, c1, 3
#define HTCR	   4, c2, c0, 2
#define VTCR	   4, c2, c1, 2
#define HSR	   4, c5, c2, 0
#define HDFAR	   4, c6, c0, 0
#define HIFAR	   4, c6, c0, 2
#define HPFAR	   4, c6, c0, 4
#define HMAIR0	   4, c10, c2, 0
#define HVBAR	   4, c12, c0, 0
#define HTPIDR	   4, c13, c0, 2
/* Armv8-R (PMSAv8-32): the MPUs, EL1's and EL2's. */
#define MPUIR	0, c0, c0, 4
#define PRSELR	0, c6, c2, 1
#define PRBAR	0, c6, c3, 0
#define PRLAR	0, c6, c3, 1
#define MAIR0	0, c10, c2, 0
#define MAIR1	0, c10, c2, 1
#define HMPUIR	4, c0, c0, 4
#define HPRSELR 4, c6, c2, 1
#define HPRBAR	4, c6, c3, 0
#define HPRLAR	4, c6, c3, 1
#define HMAIR1	4, c10, c2, 1
#define DCCMVAC 0, c7, c10, 1
#define CNTHCTL 4, c14, c1, 0

/* opc1, CRm of 64-bit registers (MRRC/MCRR). */
#define TTBR0_64     0, c2
#define TTBR1_64     1, c2
#define PAR_64	     0, c7
#define HTTBR_64     4, c2
#define VTTBR_64     6, c2
#define CNTPCT_64    0, c14
#define CNTVCT_64    1, c14
#define CNTP_CVAL_64 2, c14
#define CNTV_CVAL_64 3, c14
#define CNTVOFF_64   4, c14

#ifndef __ASSEMBLY__

#include <bulwark/types.h>

/*
 * The CPSR after an instruction of an IT block (ITAdvance): the block ends
 * after its last instruction (IT[2:0] = 0), else IT[4:0] shifts left by one
 * (the next condition's low bit, and the rest of the mask).
 */
static inline u32 arm32_it_advance(u32 psr)
{
	u32 it = ((psr >> PSR_IT_LO_SHIFT) & 0x3u) | (((psr >> PSR_IT_HI_SHIFT) & 0x3fu) << 2);

	if (!(it & 0x7u))
		it = 0;
	else
		it = (it & 0xe0u) | ((it << 1) & 0x1fu);
	return (psr & ~(u32)PSR_IT_MASK) | ((it & 0x3u) << PSR_IT_LO_SHIFT) |
	       ((it >> 2) << PSR_IT_HI_SHIFT);
}

#define __read_cp15(op1, crn, crm, op2)                                                            \
	({                                                                                         \
		u32 __v;                                                                           \
		__asm__ __volatile__("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2            \
				     : "=r"(__v));                                                 \
		__v;                                                                               \
	})
#define __write_cp15(v, op1, crn, crm, op2)                                                        \
	__asm__ __volatile__("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2                    \
			     :                                                                     \
			     : "r"((u32)(v))                                                       \
			     : "memory")
#define __read_cp15_64(op1, crm)                                                                   \
	({                                                                                         \
		u64 __v;                                                                           \
		__asm__ __volatile__("mrrc p15, " #op1 ", %Q0, %R0, " #crm : "=r"(__v));           \
		__v;                                                                               \
	})
#define __write_cp15_64(v, op1, crm)                                                               \
	__asm__ __volatile__("mcrr p15, " #op1 ", %Q0, %R0, " #crm : : "r"((u64)(v)) : "memory")

#define read_cp15(reg)	      __read_cp15(reg)
#define write_cp15(reg, v)    __write_cp15(v, reg)
#define read_cp15_64(reg)     __read_cp15_64(reg)
#define write_cp15_64(reg, v) __write_cp15_64(v, reg)

static inline void isb(void)
{
	__asm__ __volatile__("isb" ::: "memory");
}

static inline void dsb_ish(void)
{
	__asm__ __volatile__("dsb ish" ::: "memory");
}

#endif /* !__ASSEMBLY__ */

#endif /* ASM_CP15_H */
