/* SPDX-License-Identifier: Apache-2.0 */
/* Decodes trapped guest loads and stores (RV32/RV64 and compressed) for MMIO emulation. */
#include <asm/insn_decode.h>

#define OPCODE_LOAD  0x03u
#define OPCODE_STORE 0x23u

/* Pseudoinstructions htinst holds for faults of the guest's page-table walk. */
#define HTINST_PSEUDO_READ32  0x2000u
#define HTINST_PSEUDO_WRITE32 0x2020u
#define HTINST_PSEUDO_READ64  0x3000u
#define HTINST_PSEUDO_WRITE64 0x3020u

/* Compressed quadrants (bits 1:0) that hold integer loads and stores. */
#define C_QUADRANT0 0x0u
#define C_QUADRANT2 0x2u

static u32 field(u32 bits, unsigned int shift, u32 mask)
{
	return (bits >> shift) & mask;
}

static enum insn_decode_status decoded(struct insn_access *out, bool is_store, unsigned int width,
				       bool is_signed, u32 reg, unsigned int xlen)
{
	out->is_store = is_store;
	out->width = width;
	/* A load as wide as a register has nothing left to extend. */
	out->sign_extend = !is_store && is_signed && width * 8u < xlen;
	out->reg = reg;
	return INSN_DECODED;
}

static enum insn_decode_status decode32(u32 bits, unsigned int xlen, struct insn_access *out)
{
	/* Indexed by funct3; 0 marks a reserved encoding. */
	static const u8 load_width[8] = {1, 2, 4, 8, 1, 2, 4, 0};
	u32 opcode = field(bits, 0, 0x7fu);
	u32 funct3 = field(bits, 12, 0x7u);
	unsigned int width;

	if (opcode == OPCODE_LOAD) {
		width = load_width[funct3];
		/* LD and LWU are RV64 only. */
		if (width == 0 || width * 8u > xlen || (funct3 == 6 && xlen == 32))
			return INSN_UNSUPPORTED;
		/* funct3 bit 2 marks the zero-extending forms (LBU LHU LWU). */
		return decoded(out, false, width, funct3 < 4, field(bits, 7, 0x1fu), xlen);
	}
	if (opcode == OPCODE_STORE) {
		if (funct3 > 3)
			return INSN_UNSUPPORTED;
		width = 1u << funct3;
		if (width * 8u > xlen)
			return INSN_UNSUPPORTED;
		return decoded(out, true, width, false, field(bits, 20, 0x1fu), xlen);
	}
	/* LOAD-FP, STORE-FP, AMO and everything else. */
	return INSN_UNSUPPORTED;
}

static enum insn_decode_status decode16(u32 bits, unsigned int xlen, struct insn_access *out)
{
	u32 quadrant = field(bits, 0, 0x3u);
	u32 funct3 = field(bits, 13, 0x7u);
	/* CL/CS formats name x8..x15 with three bits at 4:2 (rd' or rs2'). */
	u32 reg_prime = 8u + field(bits, 2, 0x7u);
	u32 rd = field(bits, 7, 0x1fu);	 /* CI format (C.LWSP, C.LDSP) */
	u32 rs2 = field(bits, 2, 0x1fu); /* CSS format (C.SWSP, C.SDSP) */
	bool rv64 = xlen == 64;

	if (quadrant == C_QUADRANT0) {
		switch (funct3) {
		case 2: /* C.LW */
			return decoded(out, false, 4, true, reg_prime, xlen);
		case 3: /* C.LD on RV64; C.FLW on RV32 */
			if (rv64)
				return decoded(out, false, 8, true, reg_prime, xlen);
			return INSN_UNSUPPORTED;
		case 6: /* C.SW */
			return decoded(out, true, 4, false, reg_prime, xlen);
		case 7: /* C.SD on RV64; C.FSW on RV32 */
			if (rv64)
				return decoded(out, true, 8, false, reg_prime, xlen);
			return INSN_UNSUPPORTED;
		default:
			return INSN_UNSUPPORTED;
		}
	}
	if (quadrant == C_QUADRANT2) {
		switch (funct3) {
		case 2: /* C.LWSP; rd = x0 is reserved */
			if (rd == 0)
				return INSN_UNSUPPORTED;
			return decoded(out, false, 4, true, rd, xlen);
		case 3: /* C.LDSP on RV64 (rd = x0 reserved); C.FLWSP on RV32 */
			if (!rv64 || rd == 0)
				return INSN_UNSUPPORTED;
			return decoded(out, false, 8, true, rd, xlen);
		case 6: /* C.SWSP */
			return decoded(out, true, 4, false, rs2, xlen);
		case 7: /* C.SDSP on RV64; C.FSWSP on RV32 */
			if (rv64)
				return decoded(out, true, 8, false, rs2, xlen);
			return INSN_UNSUPPORTED;
		default:
			return INSN_UNSUPPORTED;
		}
	}
	return INSN_UNSUPPORTED;
}

unsigned int insn_length(u16 first_half)
{
	if ((first_half & 0x3u) != 0x3u)
		return 2;
	/* bits 4:2 = 111 start the 48-bit and longer encodings */
	if ((first_half & 0x1cu) != 0x1cu)
		return 4;
	return 0;
}

enum insn_decode_status insn_decode(u32 bits, unsigned int len, unsigned int xlen,
				    struct insn_access *out)
{
	enum insn_decode_status status;

	if (xlen != 32 && xlen != 64)
		return INSN_UNSUPPORTED;
	if (len == 2) {
		if (bits > 0xffffu || insn_length((u16)bits) != 2)
			return INSN_UNSUPPORTED;
		status = decode16(bits, xlen, out);
	} else if (len == 4) {
		if (insn_length((u16)bits) != 4)
			return INSN_UNSUPPORTED;
		status = decode32(bits, xlen, out);
	} else {
		return INSN_UNSUPPORTED;
	}
	if (status == INSN_DECODED)
		out->length = len;
	return status;
}

enum insn_decode_status insn_decode_htinst_any(u64 htinst, unsigned int xlen,
					       struct insn_access *out)
{
	u32 bits = (u32)htinst;
	unsigned int length;
	enum insn_decode_status status;

	if (xlen != 32 && xlen != 64)
		return INSN_UNSUPPORTED;
	/* A future standard may put other values above bit 31: do not guess. */
	if (htinst >> 32)
		return INSN_NO_HINT;

	switch (bits & 0x3u) {
	case 0x0:
		if (bits == HTINST_PSEUDO_READ32 || bits == HTINST_PSEUDO_WRITE32 ||
		    bits == HTINST_PSEUDO_READ64 || bits == HTINST_PSEUDO_WRITE64)
			return INSN_IMPLICIT;
		return INSN_NO_HINT; /* zero: the hardware gave nothing */
	case 0x1:
		/* A compressed original: its 32-bit expansion with bit 1 cleared. */
		length = 2;
		bits |= 0x2u;
		break;
	case 0x3:
		length = 4;
		break;
	default:
		return INSN_NO_HINT;
	}

	if (insn_length((u16)bits) != 4)
		return INSN_NO_HINT;
	status = decode32(bits, xlen, out);
	if (status == INSN_DECODED)
		out->length = length;
	return status;
}
