/* SPDX-License-Identifier: Apache-2.0 */
/* The encoding of Armv8-R EL2 MPU regions (HPRBAR / HPRLAR) from a range, its rights and kind. */
#include <bulwark/errno.h>
#include <bulwark/vmconf.h>
#include <asm/mpu_region.h>

#define MPU_ADDR_LIMIT (1ULL << 32)

int mpu_region_encode(u64 base, u64 size, u32 access, enum mpu_region_kind kind,
		      enum mpu_region_owner owner, struct mpu_region *out)
{
	u64 last;
	u32 ap, attr;
	bool write = (access & VMCONF_ACCESS_WRITE) != 0;
	bool exec = kind == MPU_REGION_NORMAL && (access & VMCONF_ACCESS_EXEC);

	if (size == 0 || (base % MPU_REGION_ALIGN) || (size % MPU_REGION_ALIGN))
		return -EINVAL;
	if (base >= MPU_ADDR_LIMIT || size > MPU_ADDR_LIMIT - base)
		return -EINVAL;
	/* The MPU has no write-only or execute-only rights. */
	if (!(access & VMCONF_ACCESS_READ))
		return -EINVAL;
	if (owner == MPU_REGION_GUEST)
		ap = write ? MPU_PRBAR_AP_RW : MPU_PRBAR_AP_RO;
	else
		ap = write ? MPU_PRBAR_AP_EL2_RW : MPU_PRBAR_AP_EL2_RO;
	attr = kind == MPU_REGION_DEVICE ? MPU_ATTR_DEVICE : MPU_ATTR_NORMAL;
	last = base + size - 1;
	out->prbar = ((u32)base & MPU_PRBAR_ADDR_MASK) | ap | (exec ? 0 : MPU_PRBAR_XN) |
		     (kind == MPU_REGION_NORMAL ? MPU_PRBAR_SH_INNER : 0);
	out->prlar =
	    ((u32)last & MPU_PRLAR_ADDR_MASK) | (attr << MPU_PRLAR_ATTR_SHIFT) | MPU_PRLAR_EN;
	return 0;
}
