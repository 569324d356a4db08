/* SPDX-License-Identifier: Apache-2.0 */
/* Pure decoding of guest SBI arguments: 32-bit types, reserved values, hart masks, FWFT values. */
#include <asm/sbi_args.h>

enum sbi_suspend_kind sbi_hsm_suspend_kind(unsigned long suspend_type)
{
	switch (sbi_u32(suspend_type)) {
	case SBI_HSM_SUSPEND_RETENTIVE:
		return SBI_SUSPEND_RETENTIVE;
	case SBI_HSM_SUSPEND_NON_RETENTIVE:
		return SBI_SUSPEND_NON_RETENTIVE;
	default:
		/* Reserved ranges and platform specific types we do not offer. */
		return SBI_SUSPEND_INVALID;
	}
}

long sbi_srst_check(unsigned long reset_type, unsigned long reset_reason)
{
	u32 type = sbi_u32(reset_type), reason = sbi_u32(reset_reason);

	if (type > SBI_SRST_TYPE_WARM_REBOOT)
		return SBI_ERR_INVALID_PARAM; /* reserved or vendor specific */
	if (reason > SBI_SRST_REASON_FAILURE)
		return SBI_ERR_INVALID_PARAM; /* reserved, SBI or vendor specific */
	return SBI_SUCCESS;
}

long sbi_susp_check(unsigned long sleep_type)
{
	return sbi_u32(sleep_type) == SBI_SUSP_SUSPEND_TO_RAM ? SBI_SUCCESS : SBI_ERR_INVALID_PARAM;
}

bool sbi_hart_mask_decode(unsigned long mask, unsigned long base, unsigned int nr_harts, u64 *out)
{
	unsigned long n = nr_harts;

	if (base == ~0UL) {
		*out = n >= 64 ? ~0ULL : (1ULL << n) - 1;
		return true;
	}
	*out = 0;
	/* The base need not be a hart unless bit 0 is set (SBI hart list). */
	for (unsigned int bit = 0; mask; bit++, mask >>= 1) {
		if (!(mask & 1))
			continue;
		/* Written so that base + bit cannot wrap around; out has 64 bits. */
		if (base >= n || bit >= n - base || base + bit >= 64)
			return false;
		*out |= 1ULL << (base + bit);
	}
	return true;
}

enum sbi_fwft_kind sbi_fwft_feature(unsigned long feature, u64 *field)
{
	*field = 0;
	switch (sbi_u32(feature)) {
	case SBI_FWFT_MISALIGNED_EXC_DELEG:
		return SBI_FWFT_FIRMWARE_ONLY;
	case SBI_FWFT_LANDING_PAD:
		*field = HENVCFG_LPE;
		return SBI_FWFT_HENVCFG;
	case SBI_FWFT_SHADOW_STACK:
		*field = HENVCFG_SSE;
		return SBI_FWFT_HENVCFG;
	case SBI_FWFT_DOUBLE_TRAP:
		*field = HENVCFG_DTE;
		return SBI_FWFT_HENVCFG;
	case SBI_FWFT_PTE_AD_HW_UPDATING:
		*field = HENVCFG_ADUE;
		return SBI_FWFT_HENVCFG;
	case SBI_FWFT_POINTER_MASKING_PMLEN:
		*field = HENVCFG_PMM;
		return SBI_FWFT_HENVCFG;
	default:
		return SBI_FWFT_RESERVED;
	}
}

bool sbi_fwft_encode(unsigned long feature, unsigned long value, u64 *bits)
{
	u64 field;

	if (sbi_fwft_feature(feature, &field) != SBI_FWFT_HENVCFG)
		return false;
	if (sbi_u32(feature) == SBI_FWFT_POINTER_MASKING_PMLEN) {
		/* Ssnpm's two lengths for RV64 S-mode: PMM 2 and 3. */
		switch (value) {
		case 0:
			*bits = 0;
			return true;
		case 7:
			*bits = HENVCFG_PMM_PMLEN7;
			return true;
		case 16:
			*bits = HENVCFG_PMM_PMLEN16;
			return true;
		default:
			return false;
		}
	}
	if (value > 1)
		return false;
	*bits = value ? field : 0;
	return true;
}

unsigned long sbi_fwft_decode(unsigned long feature, u64 henvcfg)
{
	u64 field;

	if (sbi_fwft_feature(feature, &field) != SBI_FWFT_HENVCFG)
		return 0;
	if (sbi_u32(feature) == SBI_FWFT_POINTER_MASKING_PMLEN) {
		switch (henvcfg & HENVCFG_PMM) {
		case HENVCFG_PMM_PMLEN7:
			return 7;
		case HENVCFG_PMM_PMLEN16:
			return 16;
		default:
			return 0;
		}
	}
	return (henvcfg & field) ? 1 : 0;
}
