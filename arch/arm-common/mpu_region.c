/* SPDX-License-Identifier: Apache-2.0 */
/* The encoding of Armv8-R EL2 MPU regions (HPRBAR / HPRLAR, PRBAR_EL2 / PRLAR_EL2) from a range,
 * its rights and kind. */
#include <bulwark/errno.h>
#include <bulwark/vmconf.h>
#include <asm/mpu_region.h>

const struct mpu_format mpu_format_aarch32 = {
    .name = "AArch32 HPRBAR/HPRLAR",
    .addr_limit = 1ULL << 32,
    .sh_shift = 3,
    .ap_shift = 1,
    .xn = 1,
};

const struct mpu_format mpu_format_aarch64 = {
    .name = "AArch64 PRBAR_EL2/PRLAR_EL2",
    .addr_limit = 1ULL << 48,
    .sh_shift = 4,
    .ap_shift = 2,
    .xn = 2,
};

int mpu_region_encode(const struct mpu_format *fmt, u64 base, u64 size, u32 access,
		      enum mpu_region_kind kind, enum mpu_region_owner owner,
		      struct mpu_region *out)
{
	u64 last, ap, attr;
	bool write = (access & VMCONF_ACCESS_WRITE) != 0;
	bool exec = kind == MPU_REGION_NORMAL && (access & VMCONF_ACCESS_EXEC);

	if (size == 0 || (base % MPU_REGION_ALIGN) || (size % MPU_REGION_ALIGN))
		return -EINVAL;
	if (base >= fmt->addr_limit || size > fmt->addr_limit - base)
		return -EINVAL;
	/* The MPU has no write-only or execute-only rights. */
	if (!(access & VMCONF_ACCESS_READ))
		return -EINVAL;
	if (owner == MPU_REGION_GUEST)
		ap = write ? MPU_AP_RW : MPU_AP_RO;
	else
		ap = write ? MPU_AP_EL2_RW : MPU_AP_EL2_RO;
	attr = kind == MPU_REGION_DEVICE ? MPU_ATTR_DEVICE : MPU_ATTR_NORMAL;
	last = base + size - 1;
	out->prbar = (base & MPU_ADDR_MASK) | (ap << fmt->ap_shift) | (exec ? 0 : fmt->xn) |
		     (kind == MPU_REGION_NORMAL ? (u64)MPU_SH_INNER << fmt->sh_shift : 0);
	out->prlar = (last & MPU_ADDR_MASK) | (attr << MPU_PRLAR_ATTR_SHIFT) | MPU_PRLAR_EN;
	return 0;
}
