/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Decoding of the guest load or store that trapped on an emulated MMIO
 * window, from the raw instruction or from htinst. Pure code: the host unit
 * tests run it as is.
 *
 * Integer loads and stores only: LB LH LW LD LBU LHU LWU SB SH SW SD and
 * C.LW C.LD C.SW C.SD C.LWSP C.LDSP C.SWSP C.SDSP. Floating-point accesses,
 * AMOs, LR/SC, Zcb's compressed byte/halfword forms, HLV/HSV and everything
 * else are INSN_UNSUPPORTED: the core reports them as accesses it cannot
 * emulate. xlen (32 or 64, pass __riscv_xlen: a guest runs at the
 * hypervisor's XLEN) picks the base ISA: RV32 has no LD, SD or LWU, and its
 * compressed opcodes for C.LD/C.SD/C.LDSP/C.SDSP are the FP C.FLW/C.FSW/
 * C.FLWSP/C.FSWSP.
 */
#ifndef ASM_INSN_DECODE_H
#define ASM_INSN_DECODE_H

#include <bulwark/types.h>

/* A decoded access. */
struct insn_access {
	bool is_store;
	bool sign_extend;    /* loads narrower than XLEN that sign-extend (LB LH, LW on RV64) */
	unsigned int width;  /* bytes: 1, 2, 4 or 8 */
	unsigned int reg;    /* x0..x31: rd of a load, rs2 of a store */
	unsigned int length; /* bytes of the trapping instruction: what sepc advances by */
};

enum insn_decode_status {
	INSN_DECODED = 0,
	/* A real instruction, but not an integer load/store this decoder handles. */
	INSN_UNSUPPORTED,
	/* htinst only: zero or no value we can trust; fetch the instruction at sepc. */
	INSN_NO_HINT,
	/*
	 * htinst only: a pseudoinstruction. The fault came from the guest's own
	 * VS-stage page-table walk, not from the instruction's access: there is
	 * nothing to emulate (a guest keeping page tables in MMIO space).
	 */
	INSN_IMPLICIT,
};

/*
 * Length in bytes of the instruction whose first 16 bits are given: 2 or 4,
 * or 0 for the reserved longer encodings. Lets the core fetch the first
 * halfword with hlvx.hu and then decide whether to fetch a second.
 */
unsigned int insn_length(u16 first_half);

/*
 * Decodes an instruction fetched from guest memory: len is 2 (bits 15:0
 * hold it, the rest must be zero) or 4. A len that does not match the
 * encoding's own length is INSN_UNSUPPORTED.
 */
enum insn_decode_status insn_decode(u32 bits, unsigned int len, unsigned int xlen,
				    struct insn_access *out);

/*
 * Decodes htinst after a load or store guest-page fault. The privileged
 * specification writes there either 0, a pseudoinstruction (bits 1:0 = 00),
 * or a "transformed" instruction: the 32-bit form of the trapping load or
 * store with its immediate zeroed and rs1 replaced by an address offset,
 * and, when the trapping instruction was compressed, its 32-bit expansion
 * with bit 1 cleared (bits 1:0 = 01). This decoder sets bit 1 back, decodes
 * the 32-bit form (rd and rs2 keep their positions, and a compressed
 * original's x8-x15 register already appears as its full number), and
 * reports length 2 for a compressed original, 4 otherwise. Values with bits
 * set above bit 31 or with bits 1:0 = 10 are not defined by the
 * specification and give INSN_NO_HINT, so the caller falls back to fetching.
 */
enum insn_decode_status insn_decode_htinst_any(u64 htinst, unsigned int xlen,
					       struct insn_access *out);

/*
 * insn_decode_htinst_any(), with the transformed integer loads and stores
 * (what an MMIO trap nearly always holds) decoded inline: a handful of
 * instructions on the trap path. Everything else takes the full decoder.
 */
static inline enum insn_decode_status insn_decode_htinst(u64 htinst, unsigned int xlen,
							 struct insn_access *out)
{
	u32 bits = (u32)htinst;
	u32 funct3 = (bits >> 12) & 0x7u;
	unsigned int width = 1u << (funct3 & 0x3u);
	bool is_store;

	/* Opcode LOAD or STORE, bit 1 clear for a compressed original (bits 1:0 = 01). */
	if ((htinst >> 32) || (bits & 0x5du) != 0x01u || (xlen != 32 && xlen != 64)) {
		/* Through a copy: out never escapes, so the caller may keep it in registers. */
		struct insn_access any;
		enum insn_decode_status status = insn_decode_htinst_any(htinst, xlen, &any);

		*out = any;
		return status;
	}
	is_store = (bits & 0x20u) != 0;
	/* Reserved: funct3 7 of a load, 4 to 7 of a store; wider than a register; LWU on RV32. */
	if (funct3 == 7 || (is_store && funct3 > 3) || width * 8u > xlen ||
	    (funct3 == 6 && xlen == 32))
		return INSN_UNSUPPORTED;
	out->is_store = is_store;
	out->width = width;
	/* funct3 bit 2 marks the zero-extending loads; one as wide as a register has nothing to
	 * extend. */
	out->sign_extend = !is_store && funct3 < 4 && width * 8u < xlen;
	out->reg = is_store ? (bits >> 20) & 0x1fu : (bits >> 7) & 0x1fu;
	out->length = (bits & 0x2u) ? 4 : 2;
	return INSN_DECODED;
}

#endif /* ASM_INSN_DECODE_H */
