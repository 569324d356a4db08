/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Armv8-R EL2 MPU regions: what the base and limit registers hold for a
 * range, its rights and its kind, in either execution state's layout
 * (AArch32 HPRBAR / HPRLAR, AArch64 PRBAR_EL2 / PRLAR_EL2). Pure, so the
 * host unit tests check both bit for bit.
 */
#ifndef ASM_MPU_REGION_H
#define ASM_MPU_REGION_H

#include <bulwark/types.h>

/* Regions start and end on 64 bytes: the registers keep address bits [N:6]. */
#define MPU_REGION_ALIGN 64u
/* The address bits of either layout: [31:6] (AArch32) or [47:6] (AArch64). */
#define MPU_ADDR_MASK 0x0000ffffffffffc0ULL

/* The base register's AP[2:1] values (shifted by the layout's ap_shift). */
#define MPU_AP_EL2_RW 0u /* EL2 read/write, EL1/EL0 none */
#define MPU_AP_RW     1u /* read/write at every level */
#define MPU_AP_EL2_RO 2u /* EL2 read-only, EL1/EL0 none */
#define MPU_AP_RO     3u /* read-only at every level */
/* SH (shifted by sh_shift): inner shareable, for Normal memory. */
#define MPU_SH_INNER 3u

/*
 * The limit register is alike in both: LIMIT[N:6] (the last 64-byte
 * block), AttrIndx[3:1], EN[0] (AArch64 adds NS at bit 4, left 0: an
 * Armv8-R PE has the Secure state only).
 */
#define MPU_PRLAR_EN	     (1u << 0)
#define MPU_PRLAR_ATTR_SHIFT 1

/*
 * Where the base register's fields are:
 *  - AArch32 HPRBAR (Armv8-R AArch32 supplement, ARM DDI 0568A.c, and
 *    the Cortex-R52 TRM): BASE[31:6], SH[4:3], AP[2:1], XN[0] (1: never);
 *  - AArch64 PRBAR_EL2 (Armv8-R AArch64 supplement, ARM DDI 0600A, and
 *    the Cortex-R82 TRM): BASE[47:6], SH[5:4], AP[3:2], XN[1:0] (0b10:
 *    never).
 */
struct mpu_format {
	const char *name;
	u64 addr_limit; /* first address past what BASE and LIMIT can hold */
	unsigned int sh_shift;
	unsigned int ap_shift;
	u64 xn; /* the XN value that forbids execution */
};

extern const struct mpu_format mpu_format_aarch32;
extern const struct mpu_format mpu_format_aarch64;

/*
 * The attribute indexes regions use, and the (H)MAIR0 / MAIR_EL2 value
 * that gives them: 0 Device-nGnRnE, 1 Normal write-back read/write-
 * allocate, 2 Device-nGnRE (the same indexes as the hypervisor's MMU
 * attributes on Armv8-A).
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

/* Both registers of a region; an AArch32 back end writes their low 32 bits. */
struct mpu_region {
	u64 prbar;
	u64 prlar;
};

/*
 * The registers of a region over [base, base + size) with the
 * VMCONF_ACCESS_* rights in access, in format fmt. Returns 0, or -EINVAL
 * when size is 0, base or size is not a multiple of MPU_REGION_ALIGN, the
 * range passes fmt->addr_limit, or the rights cannot be expressed (no
 * read, or write without read).
 */
int mpu_region_encode(const struct mpu_format *fmt, u64 base, u64 size, u32 access,
		      enum mpu_region_kind kind, enum mpu_region_owner owner,
		      struct mpu_region *out);

/* First and last byte a region covers (for messages and tests). */
static inline u64 mpu_region_base(const struct mpu_region *r)
{
	return r->prbar & MPU_ADDR_MASK;
}

static inline u64 mpu_region_limit(const struct mpu_region *r)
{
	return (r->prlar & MPU_ADDR_MASK) | (MPU_REGION_ALIGN - 1u);
}

/*
 * The EL2 MPU's hypervisor regions, then the MPU on (MPU builds,
 * arch/arm-common/mem_mpu.c): called by boot.S on every CPU once it has a
 * stack, in place of the EL2 MMU.
 */
void arm_mpu_enable(void);

#endif /* ASM_MPU_REGION_H */
