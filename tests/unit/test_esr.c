/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the AArch64 syndrome decoding (MMIO emulation, trapped registers) and injection. */
#include <asm/esr.h>

#include "test.h"

/* A data abort from a lower EL with ISV: SAS, SSE, SRT, SF, WnR as given. */
static u64 dabt(unsigned int sas, bool sse, unsigned int srt, bool sf, bool wnr)
{
	return ((u64)ESR_EC_DABT_LOW << 26) | ESR_IL | (1ull << 24) | ((u64)sas << 22) |
	       ((u64)sse << 21) | ((u64)srt << 16) | ((u64)sf << 15) | ((u64)wnr << 6) | 0x07;
}

TEST(esr, exception_class)
{
	EXPECT_EQ_UINT(esr_ec(dabt(2, false, 1, false, false)), ESR_EC_DABT_LOW);
	EXPECT_EQ_UINT(esr_ec(0x5e000000ull), ESR_EC_SMC64);
	EXPECT_EQ_UINT(esr_ec(0x5a000000ull), ESR_EC_HVC64);
}

TEST(esr, word_store)
{
	struct esr_data_abort a;

	/* str w3, [x2] */
	esr_decode_data_abort(dabt(2, false, 3, false, true), &a);
	EXPECT_TRUE(a.valid);
	EXPECT_TRUE(a.is_write);
	EXPECT_EQ_UINT(a.width, 4);
	EXPECT_EQ_UINT(a.reg, 3);
	EXPECT_TRUE(!a.reg64);
	EXPECT_EQ_UINT(a.fsc, 0x07);
}

TEST(esr, byte_load_sign_extended_into_x)
{
	struct esr_data_abort a;

	/* ldrsb x5, [x1] */
	esr_decode_data_abort(dabt(0, true, 5, true, false), &a);
	EXPECT_TRUE(!a.is_write);
	EXPECT_EQ_UINT(a.width, 1);
	EXPECT_EQ_UINT(a.reg, 5);
	EXPECT_EQ_UINT(esr_load_value(&a, 0x80), 0xffffffffffffff80ull);
	EXPECT_EQ_UINT(esr_load_value(&a, 0x17f), 0x7full);
}

TEST(esr, halfword_sign_extended_into_w)
{
	struct esr_data_abort a;

	/* ldrsh w7, [x1]: sign-extended to 32 bits, upper half zero. */
	esr_decode_data_abort(dabt(1, true, 7, false, false), &a);
	EXPECT_EQ_UINT(esr_load_value(&a, 0x8001), 0xffff8001ull);
}

TEST(esr, zero_extended_and_doubleword_loads)
{
	struct esr_data_abort a;

	esr_decode_data_abort(dabt(2, false, 0, false, false), &a);
	EXPECT_EQ_UINT(esr_load_value(&a, 0xdeadbeefcafef00dull), 0xcafef00dull);
	esr_decode_data_abort(dabt(3, false, 30, true, false), &a);
	EXPECT_EQ_UINT(a.width, 8);
	EXPECT_EQ_UINT(a.reg, 30);
	EXPECT_EQ_UINT(esr_load_value(&a, 0xdeadbeefcafef00dull), 0xdeadbeefcafef00dull);
}

TEST(esr, zero_register_store)
{
	struct esr_data_abort a;

	/* str wzr, [x0]: SRT 31 names the zero register. */
	esr_decode_data_abort(dabt(2, false, 31, false, true), &a);
	EXPECT_EQ_UINT(a.reg, 31);
}

TEST(esr, no_syndrome_without_isv)
{
	struct esr_data_abort a;
	u64 esr = dabt(3, true, 9, true, true) & ~(1ull << 24);

	esr_decode_data_abort(esr, &a);
	EXPECT_TRUE(!a.valid);
	EXPECT_TRUE(a.is_write);
	EXPECT_EQ_UINT(a.width, 0);
	EXPECT_EQ_UINT(a.reg, 0);
	EXPECT_TRUE(!a.sign_extend);
}

TEST(esr, stage1_walk_flag)
{
	struct esr_data_abort a;

	esr_decode_data_abort(dabt(2, false, 1, false, false) | (1ull << 7), &a);
	EXPECT_TRUE(a.s1ptw);
}

TEST(esr, sysreg_icc_sgi1r_write)
{
	/* msr ICC_SGI1R_EL1, x2: Op0 3, Op2 5, Op1 0 (no bits), CRn 12, Rt 2, CRm 11, write. */
	u64 esr = ((u64)ESR_EC_SYSREG << 26) | ESR_IL | (3ull << 20) | (5ull << 17) |
		  (12ull << 10) | (2ull << 5) | (11ull << 1);
	struct esr_sysreg s;

	esr_decode_sysreg(esr, &s);
	EXPECT_EQ_UINT(s.op0, 3);
	EXPECT_EQ_UINT(s.op1, 0);
	EXPECT_EQ_UINT(s.crn, 12);
	EXPECT_EQ_UINT(s.crm, 11);
	EXPECT_EQ_UINT(s.op2, 5);
	EXPECT_EQ_UINT(s.reg, 2);
	EXPECT_TRUE(!s.is_read);
	EXPECT_EQ_UINT(esr_sysreg_id(&s), SYSREG_ICC_SGI1R_EL1);
	esr_decode_sysreg(esr | 1, &s);
	EXPECT_TRUE(s.is_read);
	EXPECT_TRUE(SYSREG_ICC_SGI1R_EL1 != SYSREG_ICC_SGI0R_EL1);
}

TEST(esr, injected_aborts)
{
	/* From EL1: same-EL classes; from EL0: lower-EL classes. Sync external abort. */
	EXPECT_EQ_UINT(esr_guest_abort(false, true, false), (0x25ull << 26) | ESR_IL | 0x10 | 0x40);
	EXPECT_EQ_UINT(esr_guest_abort(false, false, true), (0x24ull << 26) | ESR_IL | 0x10);
	EXPECT_EQ_UINT(esr_guest_abort(true, true, false), (0x21ull << 26) | ESR_IL | 0x10);
	EXPECT_EQ_UINT(esr_guest_abort(true, false, true), (0x20ull << 26) | ESR_IL | 0x10);
	EXPECT_EQ_UINT(esr_guest_undefined(), ESR_IL);
}
