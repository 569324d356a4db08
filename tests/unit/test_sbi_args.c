/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of guest SBI argument decoding: 32-bit types, reserved values, hart masks, FWFT. */
#include <asm/sbi_args.h>

#include "test.h"

#define UPPER 0xffffffff00000000UL

TEST(sbi_args, spec_version_encoding)
{
	EXPECT_EQ_UINT(sbi_spec_version(3, 0), 0x03000000UL);
	EXPECT_EQ_UINT(sbi_spec_version(SBI_SPEC_MAJOR, SBI_SPEC_MINOR), 0x03000000UL);
	EXPECT_EQ_UINT(sbi_spec_version(0, 2), 2UL);
	/* Bit 31 and up stay zero whatever is asked. */
	EXPECT_EQ_UINT(sbi_spec_version(0xff, 0x1ffffff) >> 31, 0);
}

TEST(sbi_args, suspend_types)
{
	EXPECT_EQ_INT(sbi_hsm_suspend_kind(0), SBI_SUSPEND_RETENTIVE);
	EXPECT_EQ_INT(sbi_hsm_suspend_kind(0x80000000UL), SBI_SUSPEND_NON_RETENTIVE);
	/* The specification's 32 bits: upper register bits are ignored. */
	EXPECT_EQ_INT(sbi_hsm_suspend_kind(UPPER), SBI_SUSPEND_RETENTIVE);
	EXPECT_EQ_INT(sbi_hsm_suspend_kind(UPPER | 0x80000000UL), SBI_SUSPEND_NON_RETENTIVE);
	EXPECT_EQ_INT(sbi_hsm_suspend_kind(1UL << 32), SBI_SUSPEND_RETENTIVE);
	/* Reserved and unimplemented platform-specific types. */
	EXPECT_EQ_INT(sbi_hsm_suspend_kind(1), SBI_SUSPEND_INVALID);
	EXPECT_EQ_INT(sbi_hsm_suspend_kind(0x0fffffff), SBI_SUSPEND_INVALID);
	EXPECT_EQ_INT(sbi_hsm_suspend_kind(0x10000000), SBI_SUSPEND_INVALID);
	EXPECT_EQ_INT(sbi_hsm_suspend_kind(0x7fffffff), SBI_SUSPEND_INVALID);
	EXPECT_EQ_INT(sbi_hsm_suspend_kind(0x80000001), SBI_SUSPEND_INVALID);
	EXPECT_EQ_INT(sbi_hsm_suspend_kind(0x90000000), SBI_SUSPEND_INVALID);
	EXPECT_EQ_INT(sbi_hsm_suspend_kind(0xffffffff), SBI_SUSPEND_INVALID);
}

TEST(sbi_args, system_reset)
{
	EXPECT_EQ_INT(sbi_srst_check(0, 0), SBI_SUCCESS);
	EXPECT_EQ_INT(sbi_srst_check(1, 1), SBI_SUCCESS);
	EXPECT_EQ_INT(sbi_srst_check(2, 0), SBI_SUCCESS);
	EXPECT_EQ_INT(sbi_srst_check(UPPER, UPPER | 1), SBI_SUCCESS);
	EXPECT_EQ_INT(sbi_srst_check(3, 0), SBI_ERR_INVALID_PARAM);
	EXPECT_EQ_INT(sbi_srst_check(0xefffffff, 0), SBI_ERR_INVALID_PARAM);
	EXPECT_EQ_INT(sbi_srst_check(0xf0000000, 0), SBI_ERR_INVALID_PARAM);
	EXPECT_EQ_INT(sbi_srst_check(UPPER | 3, 0), SBI_ERR_INVALID_PARAM);
	EXPECT_EQ_INT(sbi_srst_check(0, 2), SBI_ERR_INVALID_PARAM);
	EXPECT_EQ_INT(sbi_srst_check(0, 0xe0000000), SBI_ERR_INVALID_PARAM);
	EXPECT_EQ_INT(sbi_srst_check(0, 0xf0000000), SBI_ERR_INVALID_PARAM);
	EXPECT_EQ_INT(sbi_srst_check(0, UPPER | 2), SBI_ERR_INVALID_PARAM);
}

TEST(sbi_args, system_suspend)
{
	EXPECT_EQ_INT(sbi_susp_check(0), SBI_SUCCESS);
	EXPECT_EQ_INT(sbi_susp_check(UPPER), SBI_SUCCESS);
	EXPECT_EQ_INT(sbi_susp_check(1), SBI_ERR_INVALID_PARAM);
	EXPECT_EQ_INT(sbi_susp_check(0x7fffffff), SBI_ERR_INVALID_PARAM);
	EXPECT_EQ_INT(sbi_susp_check(0x80000000), SBI_ERR_INVALID_PARAM);
}

TEST(sbi_args, hart_masks)
{
	u64 out;

	EXPECT_TRUE(sbi_hart_mask_decode(0x5, 0, 4, &out));
	EXPECT_EQ_UINT(out, 0x5);
	EXPECT_TRUE(sbi_hart_mask_decode(0x3, 2, 4, &out));
	EXPECT_EQ_UINT(out, 0xc);
	/* -1: every hart, the mask ignored. */
	EXPECT_TRUE(sbi_hart_mask_decode(0, ~0UL, 3, &out));
	EXPECT_EQ_UINT(out, 0x7);
	EXPECT_TRUE(sbi_hart_mask_decode(0, ~0UL, 64, &out));
	EXPECT_EQ_UINT(out, ~0ULL);
	/* The base need not be a hart while the mask names none. */
	EXPECT_TRUE(sbi_hart_mask_decode(0, 12345, 4, &out));
	EXPECT_EQ_UINT(out, 0);
	EXPECT_TRUE(!sbi_hart_mask_decode(1, 4, 4, &out));
	EXPECT_TRUE(!sbi_hart_mask_decode(0x11, 0, 4, &out));
	EXPECT_TRUE(!sbi_hart_mask_decode(1UL << 63, 0, 4, &out));
	/* base + bit must not wrap around to a hart that exists. */
	EXPECT_TRUE(!sbi_hart_mask_decode(1UL << 2, ~0UL - 1, 4, &out));
	EXPECT_TRUE(!sbi_hart_mask_decode(1UL << 63, 1, 64, &out));
	EXPECT_TRUE(sbi_hart_mask_decode(1UL << 63, 0, 64, &out));
	EXPECT_EQ_UINT(out, 1ULL << 63);
}

TEST(sbi_args, fwft_features)
{
	u64 field;

	EXPECT_EQ_INT(sbi_fwft_feature(0, &field), SBI_FWFT_FIRMWARE_ONLY);
	EXPECT_EQ_INT(sbi_fwft_feature(1, &field), SBI_FWFT_HENVCFG);
	EXPECT_EQ_UINT(field, HENVCFG_LPE);
	EXPECT_EQ_INT(sbi_fwft_feature(2, &field), SBI_FWFT_HENVCFG);
	EXPECT_EQ_UINT(field, HENVCFG_SSE);
	EXPECT_EQ_INT(sbi_fwft_feature(3, &field), SBI_FWFT_HENVCFG);
	EXPECT_EQ_UINT(field, HENVCFG_DTE);
	EXPECT_EQ_INT(sbi_fwft_feature(UPPER | 4, &field), SBI_FWFT_HENVCFG);
	EXPECT_EQ_UINT(field, HENVCFG_ADUE);
	EXPECT_EQ_INT(sbi_fwft_feature(5, &field), SBI_FWFT_HENVCFG);
	EXPECT_EQ_UINT(field, HENVCFG_PMM);
	EXPECT_EQ_INT(sbi_fwft_feature(6, &field), SBI_FWFT_RESERVED);
	EXPECT_EQ_INT(sbi_fwft_feature(0x40000000, &field), SBI_FWFT_RESERVED);
	EXPECT_EQ_INT(sbi_fwft_feature(0x80000000, &field), SBI_FWFT_RESERVED);
	EXPECT_EQ_INT(sbi_fwft_feature(0xc0000000, &field), SBI_FWFT_RESERVED);
	EXPECT_EQ_INT(sbi_fwft_feature(UPPER | 6, &field), SBI_FWFT_RESERVED);
}

TEST(sbi_args, fwft_values)
{
	u64 bits;

	EXPECT_TRUE(sbi_fwft_encode(4, 1, &bits));
	EXPECT_EQ_UINT(bits, HENVCFG_ADUE);
	EXPECT_TRUE(sbi_fwft_encode(4, 0, &bits));
	EXPECT_EQ_UINT(bits, 0);
	EXPECT_TRUE(!sbi_fwft_encode(4, 2, &bits));
	EXPECT_TRUE(!sbi_fwft_encode(0, 1, &bits)); /* not a henvcfg feature */
	EXPECT_TRUE(!sbi_fwft_encode(6, 0, &bits));
	EXPECT_TRUE(sbi_fwft_encode(5, 7, &bits));
	EXPECT_EQ_UINT(bits, HENVCFG_PMM_PMLEN7);
	EXPECT_TRUE(sbi_fwft_encode(5, 16, &bits));
	EXPECT_EQ_UINT(bits, HENVCFG_PMM_PMLEN16);
	EXPECT_TRUE(sbi_fwft_encode(5, 0, &bits));
	EXPECT_EQ_UINT(bits, 0);
	EXPECT_TRUE(!sbi_fwft_encode(5, 1, &bits));
	EXPECT_TRUE(!sbi_fwft_encode(5, 8, &bits));
	EXPECT_EQ_UINT(sbi_fwft_decode(5, HENVCFG_PMM_PMLEN16 | HENVCFG_ADUE), 16);
	EXPECT_EQ_UINT(sbi_fwft_decode(5, HENVCFG_PMM_PMLEN7), 7);
	EXPECT_EQ_UINT(sbi_fwft_decode(5, 1ULL << 32), 0); /* PMM 1 is reserved */
	EXPECT_EQ_UINT(sbi_fwft_decode(4, HENVCFG_ADUE), 1);
	EXPECT_EQ_UINT(sbi_fwft_decode(1, HENVCFG_ADUE), 0);
	EXPECT_EQ_UINT(sbi_fwft_decode(2, HENVCFG_SSE), 1);
}
