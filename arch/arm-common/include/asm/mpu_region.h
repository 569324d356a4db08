/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Armv8-R EL2 MPU regions: what HPRBAR and HPRLAR (AArch32; PRBAR_EL2 and
 * PRLAR_EL2 in AArch64, the same fields) hold for a range, its rights and
 * its kind. Pure, so the host unit tests check it bit for bit.
 */
#ifndef ASM_MPU_REGION_H
#define ASM_MPU_REGION_H

#include <bulwark/types.h>

/* Regions start and end on 64 bytes: the registers keep address bits [31:6]. */
#define MPU_REGION_ALIGN 64u

/* PRBAR: BASE[31:6], SH[4:3], AP[2:1], XN[0]. */
#define MPU_PRBAR_XN	    (1u << 0)
#define MPU_PRBAR_AP_SHIFT  1
#define MPU_PRBAR_AP_EL2_RW (0u << MPU_PRBAR_AP_SHIFT) /* EL2 read/write, EL1/EL0 none */
#define MPU_PRBAR_AP_RW	    (1u << MPU_PRBAR_AP_SHIFT) /* read/write at every level */
#define MPU_PRBAR_AP_EL2_RO (2u << MPU_PRBAR_AP_SHIFT) /* EL2 read-only, EL1/EL0 none */
#define MPU_PRBAR_AP_RO	    (3u << MPU_PRBAR_AP_SHIFT) /* read-only at every level */
#define MPU_PRBAR_SH_INNER  (3u << 3)
#define MPU_PRBAR_ADDR_MASK 0xffffffc0u

/* PRLAR: LIMIT[31:6] (the last 64-byte block), AttrIndx[3:1], EN[0]. */
#define MPU_PRLAR_EN	     (1u << 0)
#define MPU_PRLAR_ATTR_SHIFT 1
#define MPU_PRLAR_ADDR_MASK  0xffffffc0u

/*
 * The attribute indexes regions use, and the (H)MAIR0 value that gives
 * them: 0 Device-nGnRnE, 1 Normal write-back read/write-allocate, 2
 * Device-nGnRE (the same indexes as the AArch32 Hyp MMU's HMAIR0).
 */
#define MPU_ATTR_DEVICE 0u
#define MPU_ATTR_NORMAL 1u
#define MPU_MAIR0_VALUE 0x0004ff00u

enum mpu_region_kind {
	MPU_REGION_NORMAL,
	MPU_REGION_DEVICE, /* never executable */
};

/* Who may use a region: the hypervisor only, or also the guest (as its stage 2). */
enum mpu_region_owner {
	MPU_REGION_HYP,
	MPU_REGION_GUEST,
};

struct mpu_region {
	u32 prbar;
	u32 prlar;
};

/*
 * The registers of a region over [base, base + size) with the
 * VMCONF_ACCESS_* rights in access. Returns 0, or -EINVAL when size is 0,
 * base or size is not a multiple of MPU_REGION_ALIGN, the range passes
 * 4 GiB, or the rights cannot be expressed (no read, or write without read).
 */
int mpu_region_encode(u64 base, u64 size, u32 access, enum mpu_region_kind kind,
		      enum mpu_region_owner owner, struct mpu_region *out);

/* First and last byte a region covers (for messages and tests). */
static inline u32 mpu_region_base(const struct mpu_region *r)
{
	return r->prbar & MPU_PRBAR_ADDR_MASK;
}

static inline u32 mpu_region_limit(const struct mpu_region *r)
{
	return (r->prlar & MPU_PRLAR_ADDR_MASK) | ~MPU_PRLAR_ADDR_MASK;
}

#endif /* ASM_MPU_REGION_H */
