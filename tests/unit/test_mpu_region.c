/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the Armv8-R EL2 MPU region encoding (HPRBAR / HPRLAR), bit for bit. */
#include <bulwark/errno.h>
#include <bulwark/vmconf.h>
#include <asm/mpu_region.h>

#include "test.h"

#define R  VMCONF_ACCESS_READ
#define W  VMCONF_ACCESS_WRITE
#define X  VMCONF_ACCESS_EXEC
#define RW (R | W)

TEST(mpu_region, guest_ram_rwx)
{
	struct mpu_region r;

	EXPECT_EQ_INT(mpu_region_encode(0x21000000, 0x1000000, RW | X, MPU_REGION_NORMAL,
					MPU_REGION_GUEST, &r),
		      0);
	/* BASE, SH = inner shareable (0b11 << 3), AP = 0b01 (read/write at all levels), XN = 0. */
	EXPECT_EQ_UINT(r.prbar, 0x21000000u | 0x18u | 0x2u);
	/* LIMIT = the last 64-byte block, AttrIndx 1 (Normal), EN. */
	EXPECT_EQ_UINT(r.prlar, 0x21ffffc0u | 0x2u | 0x1u);
	EXPECT_EQ_UINT(mpu_region_base(&r), 0x21000000u);
	EXPECT_EQ_UINT(mpu_region_limit(&r), 0x21ffffffu);
}

TEST(mpu_region, guest_read_only_no_exec)
{
	struct mpu_region r;

	EXPECT_EQ_INT(
	    mpu_region_encode(0x30000040, 0x40, R, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r), 0);
	/* AP = 0b11 (read-only at all levels), XN. */
	EXPECT_EQ_UINT(r.prbar, 0x30000040u | 0x18u | 0x6u | 0x1u);
	/* One 64-byte block: LIMIT equals BASE. */
	EXPECT_EQ_UINT(r.prlar, 0x30000040u | 0x2u | 0x1u);
}

TEST(mpu_region, device_is_never_executable)
{
	struct mpu_region r;

	EXPECT_EQ_INT(
	    mpu_region_encode(0xe0206000, 0x1000, RW | X, MPU_REGION_DEVICE, MPU_REGION_GUEST, &r),
	    0);
	/* Not shareable-marked, AP = 0b01, XN; AttrIndx 0 (Device-nGnRnE, no bits set). */
	EXPECT_EQ_UINT(r.prbar, 0xe0206000u | 0x2u | 0x1u);
	EXPECT_EQ_UINT(r.prlar, 0xe0206fc0u | 0x1u);
}

TEST(mpu_region, hypervisor_only)
{
	struct mpu_region text, data;

	EXPECT_EQ_INT(
	    mpu_region_encode(0x20000000, 0x40000, R | X, MPU_REGION_NORMAL, MPU_REGION_HYP, &text),
	    0);
	/* AP = 0b10: read-only at EL2, nothing for the guest; executable. */
	EXPECT_EQ_UINT(text.prbar, 0x20000000u | 0x18u | 0x4u);
	EXPECT_EQ_INT(
	    mpu_region_encode(0x20040000, 0x10000, RW, MPU_REGION_NORMAL, MPU_REGION_HYP, &data),
	    0);
	/* AP = 0b00 (read/write at EL2 only, no bits set); XN. */
	EXPECT_EQ_UINT(data.prbar, 0x20040000u | 0x18u | 0x1u);
	EXPECT_EQ_UINT(data.prlar, 0x2004ffc0u | 0x2u | 0x1u);
}

TEST(mpu_region, top_of_the_address_space)
{
	struct mpu_region r;

	EXPECT_EQ_INT(
	    mpu_region_encode(0xffffffc0, 0x40, RW, MPU_REGION_DEVICE, MPU_REGION_HYP, &r), 0);
	EXPECT_EQ_UINT(mpu_region_limit(&r), 0xffffffffu);
	EXPECT_EQ_INT(
	    mpu_region_encode(0xffffffc0, 0x80, RW, MPU_REGION_DEVICE, MPU_REGION_HYP, &r),
	    -EINVAL);
	EXPECT_EQ_INT(
	    mpu_region_encode(0x100000000ULL, 0x40, RW, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    -EINVAL);
}

TEST(mpu_region, refuses_what_it_cannot_express)
{
	struct mpu_region r = {0x1234, 0x5678};

	/* Not on the 64-byte granule: base, then size. */
	EXPECT_EQ_INT(
	    mpu_region_encode(0x21000020, 0x1000, RW, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    -EINVAL);
	EXPECT_EQ_INT(
	    mpu_region_encode(0x21000000, 0x1010, RW, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    -EINVAL);
	EXPECT_EQ_INT(mpu_region_encode(0x21000000, 0, RW, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
		      -EINVAL);
	/* No write-only or execute-only regions. */
	EXPECT_EQ_INT(
	    mpu_region_encode(0x21000000, 0x1000, W, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    -EINVAL);
	EXPECT_EQ_INT(
	    mpu_region_encode(0x21000000, 0x1000, X, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    -EINVAL);
	/* A refused region leaves the output alone. */
	EXPECT_EQ_UINT(r.prbar, 0x1234u);
	EXPECT_EQ_UINT(r.prlar, 0x5678u);
}
