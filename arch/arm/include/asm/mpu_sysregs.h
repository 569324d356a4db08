/* SPDX-License-Identifier: Apache-2.0 */
/* The AArch32 EL2 MPU registers (HPRSELR, HPRBAR, HPRLAR, HMPUIR) for the shared back end,
 * arch/arm-common/mem_mpu.c. */
#ifndef ASM_MPU_SYSREGS_H
#define ASM_MPU_SYSREGS_H

#include <bulwark/types.h>
#include <asm/arm32.h>
#include <asm/cp15.h>
#include <asm/mpu_region.h>

#define MPU_FORMAT  (&mpu_format_aarch32)
#define MPU_IR_NAME "HMPUIR"

static inline unsigned int mpu_hw_regions(void)
{
	return read_cp15(HMPUIR) & HMPUIR_REGION_MASK;
}

static inline void mpu_write_region(unsigned int index, const struct mpu_region *r)
{
	write_cp15(HPRSELR, index);
	isb();
	write_cp15(HPRBAR, (u32)r->prbar);
	write_cp15(HPRLAR, (u32)r->prlar);
}

static inline bool mpu_is_on(void)
{
	return (read_cp15(HSCTLR) & HSCTLR_M) != 0;
}

/* The attributes, then the MPU on with the background region and the caches. */
static inline void mpu_turn_on(void)
{
	write_cp15(HMAIR0, MPU_MAIR0_VALUE);
	write_cp15(HMAIR1, 0);
	__asm__ __volatile__("dsb sy" ::: "memory");
	write_cp15(HSCTLR, read_cp15(HSCTLR) | HSCTLR_M | HSCTLR_BR | HSCTLR_C | HSCTLR_I);
	isb();
}

/* Guests always see the PMSA at PL1 here: nothing to choose. */
static inline void mpu_guest_setup(void)
{
}

/* ICIALLU, ordered after the writes before it. */
static inline void mpu_icache_invalidate(void)
{
	__asm__ __volatile__("dsb sy\n\tmcr p15, 0, %0, c7, c5, 0\n\tdsb nsh"
			     :
			     : "r"(0)
			     : "memory");
}

#endif /* ASM_MPU_SYSREGS_H */
