/* SPDX-License-Identifier: Apache-2.0 */
/* Reading trap syndromes from guests and writing the ones injected into them. */
#include <asm/esr.h>

#define ISS_ISV	      (1ULL << 24)
#define ISS_SAS_SHIFT 22
#define ISS_SSE	      (1ULL << 21)
#define ISS_SRT_SHIFT 16
#define ISS_SF	      (1ULL << 15)
#define ISS_S1PTW     (1ULL << 7)
#define ISS_WNR	      (1ULL << 6)
#define ISS_FSC_MASK  0x3fULL

static unsigned int field(u64 value, unsigned int shift, unsigned int bits)
{
	return (unsigned int)((value >> shift) & ((1ULL << bits) - 1));
}

void esr_decode_data_abort(u64 esr, struct esr_data_abort *out)
{
	out->valid = (esr & ISS_ISV) != 0;
	out->is_write = (esr & ISS_WNR) != 0;
	out->s1ptw = (esr & ISS_S1PTW) != 0;
	out->fsc = (unsigned int)(esr & ISS_FSC_MASK);
	/* Without ISV, SAS, SSE, SRT and SF are not defined. */
	out->sign_extend = out->valid && (esr & ISS_SSE);
	out->reg64 = out->valid && (esr & ISS_SF);
	out->width = out->valid ? 1u << field(esr, ISS_SAS_SHIFT, 2) : 0;
	out->reg = out->valid ? field(esr, ISS_SRT_SHIFT, 5) : 0;
}

u64 esr_load_value(const struct esr_data_abort *a, u64 raw)
{
	unsigned int bits = a->width * 8;
	u64 value = raw;

	if (bits < 64) {
		value &= (1ULL << bits) - 1;
		if (a->sign_extend && (value >> (bits - 1)) & 1)
			value |= ~0ULL << bits;
	}
	if (!a->reg64)
		value &= 0xffffffffULL;
	return value;
}

void esr_decode_sysreg(u64 esr, struct esr_sysreg *out)
{
	out->op0 = field(esr, 20, 2);
	out->op2 = field(esr, 17, 3);
	out->op1 = field(esr, 14, 3);
	out->crn = field(esr, 10, 4);
	out->reg = field(esr, 5, 5);
	out->crm = field(esr, 1, 4);
	out->is_read = (esr & 1) != 0;
}

u64 esr_guest_abort(bool instruction, bool is_write, bool from_el0)
{
	u64 ec;

	if (instruction)
		ec = from_el0 ? ESR_EC_IABT_LOW : ESR_EC_IABT_CUR;
	else
		ec = from_el0 ? ESR_EC_DABT_LOW : ESR_EC_DABT_CUR;
	return (ec << ESR_EC_SHIFT) | ESR_IL | ESR_FSC_SYNC_EXTERNAL |
	       (!instruction && is_write ? ISS_WNR : 0);
}

u64 esr_guest_undefined(void)
{
	/* EC 0 ("unknown reason") is what an undefined instruction reports. */
	return ESR_IL;
}
