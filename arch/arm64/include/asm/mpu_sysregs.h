/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Armv8-R AArch64 EL2 MPU registers for the shared back end
 * (arch/arm-common/mem_mpu.c). Encodings from the Armv8-R AArch64
 * supplement (ARM DDI 0600A) and the Cortex-R82 TRM: MPUIR_EL2 is
 * S3_4_C0_C0_4 (REGION[7:0]), PRSELR_EL2 S3_4_C6_C2_1, PRBAR_EL2
 * S3_4_C6_C8_0, PRLAR_EL2 S3_4_C6_C8_1; SCTLR_EL2.BR (bit 17) enables the
 * background region at EL2; VTCR_EL2.MSA (bit 31) chooses PMSA (0) or
 * VMSA (1) for the EL1&0 stage 1 when ID_AA64MMFR0_EL1.MSA_frac says both
 * exist, and VTCR_EL2.NSA (bit 30) stays 0 (Secure state only). Written
 * by their generic S3_... names: the assembler knows the Armv8-R names
 * only with -march=armv8-r, and the rest of arm64 is built for Armv8-A.
 */
#ifndef ASM_MPU_SYSREGS_H
#define ASM_MPU_SYSREGS_H

#include <bulwark/types.h>
#include <asm/mpu_region.h>
#include <asm/sysreg.h>

#define MPU_FORMAT  (&mpu_format_aarch64)
#define MPU_IR_NAME "MPUIR_EL2"

#define MPUIR_REGION_MASK 0xffu
#define SCTLR_BR	  (_UL(1) << 17)
/* VTCR_EL2 for PMSA guests: MSA = 0, NSA = 0, nothing else applies without stage-2 tables. */
#define VTCR_PMSA_GUEST 0ul

static inline unsigned int mpu_hw_regions(void)
{
	unsigned long v;

	__asm__ __volatile__("mrs %0, S3_4_C0_C0_4" : "=r"(v));
	return (unsigned int)(v & MPUIR_REGION_MASK);
}

static inline void mpu_write_region(unsigned int index, const struct mpu_region *r)
{
	__asm__ __volatile__("msr S3_4_C6_C2_1, %0" : : "r"((unsigned long)index) : "memory");
	isb();
	__asm__ __volatile__("msr S3_4_C6_C8_0, %0" : : "r"(r->prbar) : "memory");
	__asm__ __volatile__("msr S3_4_C6_C8_1, %0" : : "r"(r->prlar) : "memory");
}

static inline bool mpu_is_on(void)
{
	return (read_sysreg(sctlr_el2) & SCTLR_M) != 0;
}

/* The attributes, then the MPU on with the background region, the caches and SP alignment checks.
 */
static inline void mpu_turn_on(void)
{
	write_sysreg(mair_el2, MPU_MAIR0_VALUE);
	__asm__ __volatile__("dsb sy\n\tic iallu\n\tdsb nsh" ::: "memory");
	isb();
	write_sysreg(sctlr_el2,
		     read_sysreg(sctlr_el2) | SCTLR_M | SCTLR_BR | SCTLR_C | SCTLR_I | SCTLR_SA);
	isb();
}

/* EL1&0 stage 1 is the guest's own MPU (PMSA): with VMSA it would see virtual addresses. */
static inline void mpu_guest_setup(void)
{
	write_sysreg(vtcr_el2, VTCR_PMSA_GUEST);
	isb();
}

static inline void mpu_icache_invalidate(void)
{
	__asm__ __volatile__("dsb sy\n\tic iallu\n\tdsb nsh" ::: "memory");
}

#endif /* ASM_MPU_SYSREGS_H */
