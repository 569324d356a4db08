/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the Armv8-R EL2 MPU region encoding, bit for bit: AArch32 HPRBAR / HPRLAR and AArch64
 * PRBAR_EL2 / PRLAR_EL2. */
#include <bulwark/errno.h>
#include <bulwark/vmconf.h>
#include <asm/mpu_region.h>

#include "test.h"

#define R  VMCONF_ACCESS_READ
#define W  VMCONF_ACCESS_WRITE
#define X  VMCONF_ACCESS_EXEC
#define RW (R | W)

#define A32 (&mpu_format_aarch32)
#define A64 (&mpu_format_aarch64)

TEST(mpu_region, guest_ram_rwx)
{
	struct mpu_region r;

	EXPECT_EQ_INT(mpu_region_encode(A32, 0x21000000, 0x1000000, RW | X, MPU_REGION_NORMAL,
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
	    mpu_region_encode(A32, 0x30000040, 0x40, R, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    0);
	/* AP = 0b11 (read-only at all levels), XN. */
	EXPECT_EQ_UINT(r.prbar, 0x30000040u | 0x18u | 0x6u | 0x1u);
	/* One 64-byte block: LIMIT equals BASE. */
	EXPECT_EQ_UINT(r.prlar, 0x30000040u | 0x2u | 0x1u);
}

TEST(mpu_region, device_is_never_executable)
{
	struct mpu_region r;

	EXPECT_EQ_INT(mpu_region_encode(A32, 0xe0206000, 0x1000, RW | X, MPU_REGION_DEVICE,
					MPU_REGION_GUEST, &r),
		      0);
	/* Not shareable-marked, AP = 0b01, XN; AttrIndx 0 (Device-nGnRnE, no bits set). */
	EXPECT_EQ_UINT(r.prbar, 0xe0206000u | 0x2u | 0x1u);
	EXPECT_EQ_UINT(r.prlar, 0xe0206fc0u | 0x1u);
}

TEST(mpu_region, hypervisor_only)
{
	struct mpu_region text, data;

	EXPECT_EQ_INT(mpu_region_encode(A32, 0x20000000, 0x40000, R | X, MPU_REGION_NORMAL,
					MPU_REGION_HYP, &text),
		      0);
	/* AP = 0b10: read-only at EL2, nothing for the guest; executable. */
	EXPECT_EQ_UINT(text.prbar, 0x20000000u | 0x18u | 0x4u);
	EXPECT_EQ_INT(mpu_region_encode(A32, 0x20040000, 0x10000, RW, MPU_REGION_NORMAL,
					MPU_REGION_HYP, &data),
		      0);
	/* AP = 0b00 (read/write at EL2 only, no bits set); XN. */
	EXPECT_EQ_UINT(data.prbar, 0x20040000u | 0x18u | 0x1u);
	EXPECT_EQ_UINT(data.prlar, 0x2004ffc0u | 0x2u | 0x1u);
}

TEST(mpu_region, top_of_the_address_space)
{
	struct mpu_region r;

	EXPECT_EQ_INT(
	    mpu_region_encode(A32, 0xffffffc0, 0x40, RW, MPU_REGION_DEVICE, MPU_REGION_HYP, &r), 0);
	EXPECT_EQ_UINT(mpu_region_limit(&r), 0xffffffffu);
	EXPECT_EQ_INT(
	    mpu_region_encode(A32, 0xffffffc0, 0x80, RW, MPU_REGION_DEVICE, MPU_REGION_HYP, &r),
	    -EINVAL);
	EXPECT_EQ_INT(mpu_region_encode(A32, 0x100000000ULL, 0x40, RW, MPU_REGION_NORMAL,
					MPU_REGION_GUEST, &r),
		      -EINVAL);
}

TEST(mpu_region, refuses_what_it_cannot_express)
{
	struct mpu_region r = {0x1234, 0x5678};

	/* Not on the 64-byte granule: base, then size. */
	EXPECT_EQ_INT(
	    mpu_region_encode(A32, 0x21000020, 0x1000, RW, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    -EINVAL);
	EXPECT_EQ_INT(
	    mpu_region_encode(A32, 0x21000000, 0x1010, RW, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    -EINVAL);
	EXPECT_EQ_INT(
	    mpu_region_encode(A32, 0x21000000, 0, RW, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    -EINVAL);
	/* No write-only or execute-only regions. */
	EXPECT_EQ_INT(
	    mpu_region_encode(A32, 0x21000000, 0x1000, W, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    -EINVAL);
	EXPECT_EQ_INT(
	    mpu_region_encode(A32, 0x21000000, 0x1000, X, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    -EINVAL);
	/* A refused region leaves the output alone. */
	EXPECT_EQ_UINT(r.prbar, 0x1234u);
	EXPECT_EQ_UINT(r.prlar, 0x5678u);
}

/* AArch64 PRBAR_EL2: BASE[47:6], SH[5:4], AP[3:2], XN[1:0]; PRLAR_EL2 as HPRLAR. */

TEST(mpu_region, aarch64_guest_ram_rwx)
{
	struct mpu_region r;

	EXPECT_EQ_INT(mpu_region_encode(A64, 0x21000000, 0x1000000, RW | X, MPU_REGION_NORMAL,
					MPU_REGION_GUEST, &r),
		      0);
	/* SH = 0b11 << 4, AP = 0b01 << 2, XN = 0b00. */
	EXPECT_EQ_UINT(r.prbar, 0x21000000u | 0x30u | 0x4u);
	/* The same limit register as in AArch32. */
	EXPECT_EQ_UINT(r.prlar, 0x21ffffc0u | 0x2u | 0x1u);
}

TEST(mpu_region, aarch64_never_executable_is_xn_0b10)
{
	struct mpu_region ro, dev, text, data;

	EXPECT_EQ_INT(
	    mpu_region_encode(A64, 0x30000040, 0x40, R, MPU_REGION_NORMAL, MPU_REGION_GUEST, &ro),
	    0);
	/* AP = 0b11 << 2, XN = 0b10. */
	EXPECT_EQ_UINT(ro.prbar, 0x30000040u | 0x30u | 0xcu | 0x2u);
	EXPECT_EQ_INT(mpu_region_encode(A64, 0x9c0a0000, 0x10000, RW | X, MPU_REGION_DEVICE,
					MPU_REGION_GUEST, &dev),
		      0);
	/* Device: not shareable-marked, AP = 0b01, XN = 0b10, AttrIndx 0. */
	EXPECT_EQ_UINT(dev.prbar, 0x9c0a0000u | 0x4u | 0x2u);
	EXPECT_EQ_UINT(dev.prlar, 0x9c0affc0u | 0x1u);
	/* The hypervisor's own: AP = 0b10 (EL2 read-only) and 0b00 (EL2 read/write). */
	EXPECT_EQ_INT(
	    mpu_region_encode(A64, 0x0, 0x40000, R | X, MPU_REGION_NORMAL, MPU_REGION_HYP, &text),
	    0);
	EXPECT_EQ_UINT(text.prbar, 0x30u | 0x8u);
	EXPECT_EQ_INT(
	    mpu_region_encode(A64, 0x40000, 0x10000, RW, MPU_REGION_NORMAL, MPU_REGION_HYP, &data),
	    0);
	EXPECT_EQ_UINT(data.prbar, 0x40000u | 0x30u | 0x2u);
}

TEST(mpu_region, aarch64_reaches_past_4_gib)
{
	struct mpu_region r;

	/* 48 address bits: a region above 4 GiB keeps its high bits in both registers. */
	EXPECT_EQ_INT(mpu_region_encode(A64, 0x880000000ULL, 0x80000000ULL, RW, MPU_REGION_NORMAL,
					MPU_REGION_GUEST, &r),
		      0);
	EXPECT_EQ_UINT(mpu_region_base(&r), 0x880000000ULL);
	EXPECT_EQ_UINT(mpu_region_limit(&r), 0x8ffffffffULL);
	EXPECT_EQ_UINT(r.prlar, 0x8ffffffc0ULL | 0x2u | 0x1u);
	/* The same range is out of reach of the AArch32 registers. */
	EXPECT_EQ_INT(mpu_region_encode(A32, 0x880000000ULL, 0x80000000ULL, RW, MPU_REGION_NORMAL,
					MPU_REGION_GUEST, &r),
		      -EINVAL);
	/* The top of the 48-bit space, and one block past it. */
	EXPECT_EQ_INT(mpu_region_encode(A64, 0xffffffffffc0ULL, 0x40, RW, MPU_REGION_DEVICE,
					MPU_REGION_HYP, &r),
		      0);
	EXPECT_EQ_UINT(mpu_region_limit(&r), 0xffffffffffffULL);
	EXPECT_EQ_INT(mpu_region_encode(A64, 0xffffffffffc0ULL, 0x80, RW, MPU_REGION_DEVICE,
					MPU_REGION_HYP, &r),
		      -EINVAL);
}

TEST(mpu_region, aarch64_refuses_what_it_cannot_express)
{
	struct mpu_region r = {0x1234, 0x5678};

	EXPECT_EQ_INT(
	    mpu_region_encode(A64, 0x21000020, 0x1000, RW, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    -EINVAL);
	EXPECT_EQ_INT(
	    mpu_region_encode(A64, 0x21000000, 0x1010, RW, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    -EINVAL);
	EXPECT_EQ_INT(
	    mpu_region_encode(A64, 0x21000000, 0x1000, X, MPU_REGION_NORMAL, MPU_REGION_GUEST, &r),
	    -EINVAL);
	EXPECT_EQ_UINT(r.prbar, 0x1234u);
	EXPECT_EQ_UINT(r.prlar, 0x5678u);
}
