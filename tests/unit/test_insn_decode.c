/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the trapped load/store decoder; encodings come from GNU as (objdump -M no-aliases). */
#include <asm/insn_decode.h>

#include "test.h"

static struct insn_access out;

/* Decodes and checks every field in one go; the line of a failure names the case. */
static void expect_access(enum insn_decode_status status, bool is_store, unsigned int width,
			  bool sign_extend, unsigned int reg, unsigned int length)
{
	EXPECT_EQ_INT(status, INSN_DECODED);
	EXPECT_EQ_INT(out.is_store, is_store);
	EXPECT_EQ_UINT(out.width, width);
	EXPECT_EQ_INT(out.sign_extend, sign_extend);
	EXPECT_EQ_UINT(out.reg, reg);
	EXPECT_EQ_UINT(out.length, length);
}

static enum insn_decode_status d64(u32 bits, unsigned int len)
{
	return insn_decode(bits, len, 64, &out);
}

static enum insn_decode_status d32(u32 bits, unsigned int len)
{
	return insn_decode(bits, len, 32, &out);
}

/* What htinst holds for a load: funct3, rd, opcode kept; imm and rs1 zeroed. */
static u32 transform_load(u32 bits)
{
	return bits & 0x00007fffu;
}

/* For a store: rs2, funct3, opcode kept. */
static u32 transform_store(u32 bits)
{
	return bits & 0x01f0707fu;
}

TEST(insn_decode, loads_rv64)
{
	expect_access(d64(0x00058503, 4), false, 1, true, 10, 4);  /* lb a0,0(a1) */
	expect_access(d64(0x00441283, 4), false, 2, true, 5, 4);   /* lh t0,4(s0) */
	expect_access(d64(0xff82af83, 4), false, 4, true, 31, 4);  /* lw t6,-8(t0) */
	expect_access(d64(0x01013083, 4), false, 8, false, 1, 4);  /* ld ra,16(sp) */
	expect_access(d64(0x000fbf83, 4), false, 8, false, 31, 4); /* ld t6,0(t6) */
	expect_access(d64(0x00164d83, 4), false, 1, false, 27, 4); /* lbu s11,1(a2) */
	expect_access(d64(0x0021d083, 4), false, 2, false, 1, 4);  /* lhu ra,2(gp) */
	expect_access(d64(0x00c76783, 4), false, 4, false, 15, 4); /* lwu a5,12(a4) */
	expect_access(d64(0x00052003, 4), false, 4, true, 0, 4);   /* lw zero,0(a0) */
}

TEST(insn_decode, stores_rv64)
{
	expect_access(d64(0x00a58023, 4), true, 1, false, 10, 4); /* sb a0,0(a1) */
	expect_access(d64(0x01f49123, 4), true, 2, false, 31, 4); /* sh t6,2(s1) */
	expect_access(d64(0x00052223, 4), true, 4, false, 0, 4);  /* sw zero,4(a0) */
	expect_access(d64(0xff213823, 4), true, 8, false, 18, 4); /* sd s2,-16(sp) */
	expect_access(d64(0x00113023, 4), true, 8, false, 1, 4);  /* sd ra,0(sp) */
}

TEST(insn_decode, compressed_register_based_use_x8_to_x15)
{
	expect_access(d64(0x41c8, 2), false, 4, true, 10, 2);  /* c.lw a0,4(a1) */
	expect_access(d64(0x4380, 2), false, 4, true, 8, 2);   /* c.lw s0,0(a5) */
	expect_access(d64(0x641c, 2), false, 8, false, 15, 2); /* c.ld a5,8(s0) */
	expect_access(d64(0xc204, 2), true, 4, false, 9, 2);   /* c.sw s1,0(a2) */
	expect_access(d64(0xeb14, 2), true, 8, false, 13, 2);  /* c.sd a3,16(a4) */
}

TEST(insn_decode, compressed_stack_based_use_full_registers)
{
	expect_access(d64(0x4092, 2), false, 4, true, 1, 2);  /* c.lwsp ra,4(sp) */
	expect_access(d64(0x4f82, 2), false, 4, true, 31, 2); /* c.lwsp t6,0(sp) */
	expect_access(d64(0x6422, 2), false, 8, false, 8, 2); /* c.ldsp s0,8(sp) */
	expect_access(d64(0x60c2, 2), false, 8, false, 1, 2); /* c.ldsp ra,16(sp) */
	expect_access(d64(0xc002, 2), true, 4, false, 0, 2);  /* c.swsp zero,0(sp) */
	expect_access(d64(0xc646, 2), true, 4, false, 17, 2); /* c.swsp a7,12(sp) */
	expect_access(d64(0xec72, 2), true, 8, false, 28, 2); /* c.sdsp t3,24(sp) */
}

TEST(insn_decode, rejects_fp_atomic_and_other_instructions)
{
	EXPECT_EQ_INT(d64(0x00052087, 4), INSN_UNSUPPORTED); /* flw ft1,0(a0) */
	EXPECT_EQ_INT(d64(0x00253427, 4), INSN_UNSUPPORTED); /* fsd ft2,8(a0) */
	EXPECT_EQ_INT(d64(0x00051007, 4), INSN_UNSUPPORTED); /* flh ft0,0(a0) */
	EXPECT_EQ_INT(d64(0x00b6252f, 4), INSN_UNSUPPORTED); /* amoadd.w a0,a1,(a2) */
	EXPECT_EQ_INT(d64(0x1005b52f, 4), INSN_UNSUPPORTED); /* lr.d a0,(a1) */
	EXPECT_EQ_INT(d64(0x18b6252f, 4), INSN_UNSUPPORTED); /* sc.w a0,a1,(a2) */
	EXPECT_EQ_INT(d64(0x6805c573, 4), INSN_UNSUPPORTED); /* hlv.w a0,(a1) */
	EXPECT_EQ_INT(d64(0x00150513, 4), INSN_UNSUPPORTED); /* addi a0,a0,1 */
	EXPECT_EQ_INT(d64(0x00007003, 4), INSN_UNSUPPORTED); /* load, funct3 111 */
	EXPECT_EQ_INT(d64(0x00004023, 4), INSN_UNSUPPORTED); /* store, funct3 100 */
	EXPECT_EQ_INT(d64(0x2588, 2), INSN_UNSUPPORTED);     /* c.fld fa0,8(a1) */
	EXPECT_EQ_INT(d64(0x25a2, 2), INSN_UNSUPPORTED);     /* c.fldsp fa1,8(sp) */
	EXPECT_EQ_INT(d64(0xa110, 2), INSN_UNSUPPORTED);     /* c.fsd fa2,0(a0) */
	EXPECT_EQ_INT(d64(0x0505, 2), INSN_UNSUPPORTED);     /* c.addi a0,1 */
	EXPECT_EQ_INT(d64(0x0000, 2), INSN_UNSUPPORTED);     /* the all-zero illegal */
	EXPECT_EQ_INT(d64(0x8100, 2), INSN_UNSUPPORTED);     /* Zcb c.lbu: not handled */
}

TEST(insn_decode, rejects_reserved_compressed_loads_to_x0)
{
	EXPECT_EQ_INT(d64(0x4002, 2), INSN_UNSUPPORTED); /* c.lwsp x0: reserved */
	EXPECT_EQ_INT(d64(0x6002, 2), INSN_UNSUPPORTED); /* c.ldsp x0: reserved */
}

TEST(insn_decode, rejects_length_mismatch)
{
	EXPECT_EQ_INT(d64(0x41c8, 4), INSN_UNSUPPORTED);
	EXPECT_EQ_INT(d64(0x00058503, 2), INSN_UNSUPPORTED);
	EXPECT_EQ_INT(d64(0x000141c8, 2), INSN_UNSUPPORTED); /* junk above a halfword */
	EXPECT_EQ_INT(d64(0x00058503, 3), INSN_UNSUPPORTED);
	EXPECT_EQ_INT(d64(0x00058503, 0), INSN_UNSUPPORTED);
	EXPECT_EQ_INT(d64(0x0000001f, 4), INSN_UNSUPPORTED); /* 48-bit encoding prefix */
	EXPECT_EQ_INT(insn_decode(0x00058503, 4, 128, &out), INSN_UNSUPPORTED);
}

TEST(insn_decode, rv32_base)
{
	expect_access(d32(0x0045a503, 4), false, 4, false, 10, 4); /* lw: full width on RV32 */
	expect_access(d32(0x00441283, 4), false, 2, true, 5, 4);   /* lh t0,4(s0) */
	expect_access(d32(0x00a58023, 4), true, 1, false, 10, 4);  /* sb a0,0(a1) */
	EXPECT_EQ_INT(d32(0x01013083, 4), INSN_UNSUPPORTED);	   /* ld */
	EXPECT_EQ_INT(d32(0x00c76783, 4), INSN_UNSUPPORTED);	   /* lwu */
	EXPECT_EQ_INT(d32(0x00113023, 4), INSN_UNSUPPORTED);	   /* sd */
}

TEST(insn_decode, rv32_compressed_fp_slots_are_rejected)
{
	expect_access(d32(0x41c8, 2), false, 4, false, 10, 2); /* c.lw a0,4(a1) */
	expect_access(d32(0xc646, 2), true, 4, false, 17, 2);  /* c.swsp a7,12(sp) */
	EXPECT_EQ_INT(d32(0x61c8, 2), INSN_UNSUPPORTED);       /* c.flw fa0,4(a1) */
	EXPECT_EQ_INT(d32(0xe1c8, 2), INSN_UNSUPPORTED);       /* c.fsw fa0,4(a1) */
	EXPECT_EQ_INT(d32(0x6512, 2), INSN_UNSUPPORTED);       /* c.flwsp fa0,4(sp) */
	EXPECT_EQ_INT(d32(0xe22a, 2), INSN_UNSUPPORTED);       /* c.fswsp fa0,4(sp) */
}

TEST(insn_decode, instruction_length)
{
	EXPECT_EQ_UINT(insn_length(0x41c8), 2);
	EXPECT_EQ_UINT(insn_length(0x4092), 2);
	EXPECT_EQ_UINT(insn_length(0xc205), 2);
	EXPECT_EQ_UINT(insn_length(0x8503), 4);
	EXPECT_EQ_UINT(insn_length(0x001f), 0);
	EXPECT_EQ_UINT(insn_length(0x003f), 0);
}

TEST(insn_decode, htinst_transformed_32_bit)
{
	expect_access(insn_decode_htinst(transform_load(0xff82af83), 64, &out), false, 4, true, 31,
		      4); /* lw t6,-8(t0) */
	expect_access(insn_decode_htinst(transform_load(0x00c76783), 64, &out), false, 4, false, 15,
		      4); /* lwu a5,12(a4) */
	expect_access(insn_decode_htinst(transform_store(0xff213823), 64, &out), true, 8, false, 18,
		      4); /* sd s2,-16(sp) */
	/* A misaligned access puts an address offset where rs1 was. */
	expect_access(insn_decode_htinst(transform_load(0x01013083) | (3u << 15), 64, &out), false,
		      8, false, 1, 4); /* ld ra,16(sp) */
}

TEST(insn_decode, htinst_transformed_compressed_has_bit_1_clear)
{
	/* c.lw a0,4(a1) -> lw a0,0(x0) = 0x00002503, bit 1 cleared. */
	expect_access(insn_decode_htinst(0x00002501, 64, &out), false, 4, true, 10, 2);
	/* c.sd a3,16(a4) -> sd a3 = 0x00d03023, bit 1 cleared. */
	expect_access(insn_decode_htinst(0x00d03021, 64, &out), true, 8, false, 13, 2);
	/* c.ldsp s0,8(sp) -> ld s0 = 0x00003403, bit 1 cleared. */
	expect_access(insn_decode_htinst(0x00003401, 64, &out), false, 8, false, 8, 2);
	/* c.swsp a7,12(sp) -> sw a7 = 0x01102023, bit 1 cleared. */
	expect_access(insn_decode_htinst(0x01102021, 64, &out), true, 4, false, 17, 2);
}

TEST(insn_decode, htinst_pseudoinstructions_and_empty_values)
{
	EXPECT_EQ_INT(insn_decode_htinst(0, 64, &out), INSN_NO_HINT);
	EXPECT_EQ_INT(insn_decode_htinst(0x00002000, 64, &out), INSN_IMPLICIT);
	EXPECT_EQ_INT(insn_decode_htinst(0x00002020, 64, &out), INSN_IMPLICIT);
	EXPECT_EQ_INT(insn_decode_htinst(0x00003000, 64, &out), INSN_IMPLICIT);
	EXPECT_EQ_INT(insn_decode_htinst(0x00003020, 32, &out), INSN_IMPLICIT);
	EXPECT_EQ_INT(insn_decode_htinst(0x00004000, 64, &out), INSN_NO_HINT);
	EXPECT_EQ_INT(insn_decode_htinst(0x00002502, 64, &out), INSN_NO_HINT); /* bits 1:0 = 10 */
	EXPECT_EQ_INT(insn_decode_htinst(0x100002503ull, 64, &out), INSN_NO_HINT);
	EXPECT_EQ_INT(insn_decode_htinst(0x0000001f, 64, &out), INSN_NO_HINT);
}

TEST(insn_decode, htinst_rejects_what_cannot_be_emulated)
{
	EXPECT_EQ_INT(insn_decode_htinst(0x00002087, 64, &out), INSN_UNSUPPORTED); /* flw */
	EXPECT_EQ_INT(insn_decode_htinst(0x00b0252f, 64, &out), INSN_UNSUPPORTED); /* amoadd.w */
	EXPECT_EQ_INT(insn_decode_htinst(0x68004573, 64, &out), INSN_UNSUPPORTED); /* hlv.w */
	EXPECT_EQ_INT(insn_decode_htinst(0x00003403, 32, &out), INSN_UNSUPPORTED); /* ld on RV32 */
	EXPECT_EQ_INT(insn_decode_htinst(0x00003425, 64, &out), INSN_UNSUPPORTED); /* c.fsd form */
}

/*
 * insn_decode_htinst decodes the transformed integer loads and stores
 * inline: every funct3 of LOAD and STORE, for a 32-bit and a compressed
 * original, on RV32 and RV64, must give what the full decoder gives for
 * the same 32-bit instruction (the length aside: 2 for a compressed one).
 */
TEST(insn_decode, htinst_inline_path_agrees_with_the_full_decoder)
{
	static const u32 opcodes[] = {0x03u, 0x23u};
	static const unsigned int xlens[] = {32, 64};
	static const u32 regs[] = {0, 8, 31};

	for (unsigned int o = 0; o < 2; o++)
		for (u32 funct3 = 0; funct3 < 8; funct3++)
			for (unsigned int r = 0; r < 3; r++)
				for (unsigned int x = 0; x < 2; x++)
					for (unsigned int compressed = 0; compressed < 2;
					     compressed++) {
						u32 reg_field = opcodes[o] == 0x23u ? regs[r] << 20
										    : regs[r] << 7;
						u32 bits = opcodes[o] | funct3 << 12 | reg_field;
						struct insn_access full;
						enum insn_decode_status want =
						    insn_decode(bits, 4, xlens[x], &full);
						enum insn_decode_status got = insn_decode_htinst(
						    compressed ? bits & ~2u : bits, xlens[x], &out);

						EXPECT_EQ_INT(got, want);
						if (got != INSN_DECODED || want != INSN_DECODED)
							continue;
						EXPECT_EQ_INT(out.is_store, full.is_store);
						EXPECT_EQ_UINT(out.width, full.width);
						EXPECT_EQ_INT(out.sign_extend, full.sign_extend);
						EXPECT_EQ_UINT(out.reg, full.reg);
						EXPECT_EQ_UINT(out.length, compressed ? 2u : 4u);
					}
}
