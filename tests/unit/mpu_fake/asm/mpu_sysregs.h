/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A fake EL2 MPU for the host test of the shared back end
 * (arch/arm-common/mem_mpu.c, tests/unit/test_mem_mpu.c): the region
 * count and the layout are the test's to choose, every region written is
 * recorded.
 */
#ifndef ASM_MPU_SYSREGS_H
#define ASM_MPU_SYSREGS_H

#include <bulwark/types.h>
#include <asm/mpu_region.h>

#define FAKE_MPU_SLOTS 32

struct fake_mpu {
	const struct mpu_format *format;
	unsigned int regions; /* what MPUIR_EL2 reports */
	bool on;
	struct mpu_region slot[FAKE_MPU_SLOTS];
	unsigned int writes;	   /* region writes so far */
	unsigned int guest_setups; /* VTCR_EL2 writes for PMSA guests */
};

extern struct fake_mpu fake_mpu;

#define MPU_FORMAT  (fake_mpu.format)
#define MPU_IR_NAME "MPUIR_EL2"

static inline unsigned int mpu_hw_regions(void)
{
	return fake_mpu.regions;
}

static inline void mpu_write_region(unsigned int index, const struct mpu_region *r)
{
	if (index < FAKE_MPU_SLOTS)
		fake_mpu.slot[index] = *r;
	fake_mpu.writes++;
}

static inline bool mpu_is_on(void)
{
	return fake_mpu.on;
}

static inline void mpu_turn_on(void)
{
	fake_mpu.on = true;
}

static inline void mpu_guest_setup(void)
{
	fake_mpu.guest_setups++;
}

static inline void mpu_icache_invalidate(void)
{
}

static inline void isb(void)
{
}

#endif /* ASM_MPU_SYSREGS_H */
