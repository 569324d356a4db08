/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the virtual APLIC domain model (direct delivery): registers, modes, claims, lines. */
#include "../../drivers/irqchip/vaplic_model.h"

#include "test.h"

#define ARRAY_LEN(a) ((unsigned int)(sizeof(a) / sizeof((a)[0])))

#define SRC_UART  10u
#define SRC_RTC	  11u
#define NOT_OWNED 12u

/* Sources the test VM owns: spread over three bitmap words, with gaps. */
static const u32 owned[] = {1, 5, SRC_UART, SRC_RTC, 33, 95};
static struct vaplic_model m;

static void setup(unsigned int nr_vcpus)
{
	EXPECT_EQ_INT(vaplic_model_init(&m, nr_vcpus, owned, ARRAY_LEN(owned)), 0);
}

static enum vaplic_result wr(u64 offset, u32 value)
{
	return vaplic_model_access(&m, offset, 4, true, &value);
}

static u32 rd(u64 offset)
{
	u32 value = 0xdeadbeefu;

	EXPECT_EQ_INT(vaplic_model_access(&m, offset, 4, false, &value), VAPLIC_OK);
	return value;
}

static u64 idc(unsigned int vcpu, u32 reg)
{
	return VAPLIC_IDC_BASE + VAPLIC_IDC_STRIDE * vcpu + reg;
}

static u32 topi_of(u32 src, u32 prio)
{
	return src << 16 | prio;
}

/* Domain on, IDC of vcpu delivering, src in mode sm, enabled, aimed at vcpu with prio. */
static void arm(u32 src, u32 sm, unsigned int vcpu, u32 prio)
{
	EXPECT_EQ_INT(wr(VAPLIC_DOMAINCFG, VAPLIC_DOMAINCFG_IE), VAPLIC_OK);
	EXPECT_EQ_INT(wr(idc(vcpu, VAPLIC_IDELIVERY), 1), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(src), sm), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_TARGET(src), vcpu << 18 | prio), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SETIENUM, src), VAPLIC_OK);
}

TEST(vaplic, init_rejects_bad_arguments)
{
	static const u32 zero[] = {0};
	static const u32 too_big[] = {VAPLIC_NR_SOURCES};

	EXPECT_EQ_INT(vaplic_model_init(&m, 0, owned, ARRAY_LEN(owned)), -22);
	EXPECT_EQ_INT(vaplic_model_init(&m, VAPLIC_MAX_VCPUS + 1, owned, ARRAY_LEN(owned)), -22);
	EXPECT_EQ_INT(vaplic_model_init(&m, 1, zero, 1), -22);
	EXPECT_EQ_INT(vaplic_model_init(&m, 1, too_big, 1), -22);
}

TEST(vaplic, reset_state)
{
	setup(2);
	EXPECT_EQ_UINT(rd(VAPLIC_DOMAINCFG), 0x80000000u);
	EXPECT_EQ_UINT(rd(VAPLIC_SOURCECFG(SRC_RTC)), 0);
	EXPECT_EQ_UINT(rd(VAPLIC_TARGET(SRC_RTC)), 0);
	EXPECT_EQ_UINT(rd(idc(1, VAPLIC_IDELIVERY)), 0);
	EXPECT_EQ_UINT(rd(idc(1, VAPLIC_TOPI)), 0);
	EXPECT_EQ_UINT(vaplic_model_lines(&m), 0);
}

TEST(vaplic, domaincfg_keeps_ie_only)
{
	setup(1);
	EXPECT_EQ_INT(wr(VAPLIC_DOMAINCFG, 0xffffffffu), VAPLIC_OK);
	/* DM (direct only) and BE (little-endian only) stay zero. */
	EXPECT_EQ_UINT(rd(VAPLIC_DOMAINCFG), 0x80000100u);
	EXPECT_EQ_INT(wr(VAPLIC_DOMAINCFG, 0), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_DOMAINCFG), 0x80000000u);
}

TEST(vaplic, sourcecfg_modes)
{
	static const u32 modes[] = {VAPLIC_SM_DETACHED, VAPLIC_SM_EDGE1, VAPLIC_SM_EDGE0,
				    VAPLIC_SM_LEVEL1, VAPLIC_SM_LEVEL0};

	setup(1);
	for (unsigned int i = 0; i < ARRAY_LEN(modes); i++) {
		EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(SRC_RTC), modes[i]), VAPLIC_OK);
		EXPECT_EQ_UINT(rd(VAPLIC_SOURCECFG(SRC_RTC)), modes[i]);
	}
	/* Reserved encodings and a delegation (leaf domain) leave the source inactive. */
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(SRC_RTC), 2), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SOURCECFG(SRC_RTC)), 0);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(SRC_RTC), VAPLIC_SOURCECFG_D | 6u), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SOURCECFG(SRC_RTC)), 0);
	/* Bits above SM are reserved. */
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(SRC_RTC), 0x3f0u | VAPLIC_SM_EDGE1), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SOURCECFG(SRC_RTC)), VAPLIC_SM_EDGE1);
}

TEST(vaplic, inactive_source_has_no_pending_enable_or_target)
{
	setup(1);
	arm(SRC_RTC, VAPLIC_SM_EDGE1, 0, 3);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_RTC), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 1u << SRC_RTC);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(SRC_RTC), VAPLIC_SM_INACTIVE), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 0);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIE), 0);
	EXPECT_EQ_UINT(rd(VAPLIC_TARGET(SRC_RTC)), 0);
	/* Writes to an inactive source's bits and target are ignored. */
	EXPECT_EQ_INT(wr(VAPLIC_SETIE, 1u << SRC_RTC), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_RTC), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_TARGET(SRC_RTC), 5), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIE), 0);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 0);
	EXPECT_EQ_UINT(rd(VAPLIC_TARGET(SRC_RTC)), 0);
}

TEST(vaplic, unowned_sources_read_zero_and_ignore_writes)
{
	setup(1);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(NOT_OWNED), VAPLIC_SM_EDGE1), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SOURCECFG(NOT_OWNED)), 0);
	EXPECT_EQ_INT(wr(VAPLIC_TARGET(NOT_OWNED), 7), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_TARGET(NOT_OWNED)), 0);
	EXPECT_EQ_INT(wr(VAPLIC_SETIE, 0xffffffffu), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SETIP, 0xffffffffu), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SETIENUM, NOT_OWNED), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, NOT_OWNED), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIE), 0); /* and owned ones are still inactive */
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 0);
	EXPECT_TRUE(!vaplic_model_set_wire(&m, NOT_OWNED, true));
	EXPECT_TRUE(!vaplic_model_raise(&m, NOT_OWNED));
	EXPECT_EQ_UINT(rd(VAPLIC_IN_CLRIP), 0);
	/* Source 0 does not exist; offset 0 is domaincfg. */
	EXPECT_TRUE(!vaplic_model_owns(&m, 0));
}

TEST(vaplic, enable_words_and_numbers)
{
	setup(1);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(1), VAPLIC_SM_EDGE1), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(5), VAPLIC_SM_EDGE1), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(33), VAPLIC_SM_EDGE1), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SETIE, 0xffffffffu), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIE), (1u << 1) | (1u << 5));
	EXPECT_EQ_UINT(rd(VAPLIC_CLRIE), 0);
	EXPECT_EQ_INT(wr(VAPLIC_CLRIE, 1u << 5), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIE), 1u << 1);
	EXPECT_EQ_INT(wr(VAPLIC_SETIENUM, 33), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIE + 4), 1u << 1);
	EXPECT_EQ_INT(wr(VAPLIC_CLRIENUM, 1), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIE), 0);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIENUM), 0);
	EXPECT_EQ_UINT(rd(VAPLIC_CLRIENUM), 0);
}

TEST(vaplic, pending_words_and_numbers_for_edge_and_detached)
{
	setup(1);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(1), VAPLIC_SM_DETACHED), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(5), VAPLIC_SM_EDGE1), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SETIP, 0xffffffffu), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), (1u << 1) | (1u << 5));
	EXPECT_EQ_INT(wr(VAPLIC_IN_CLRIP, 1u << 1), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 1u << 5);
	EXPECT_EQ_INT(wr(VAPLIC_CLRIPNUM, 5), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 0);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM_LE, 1), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 1u << 1);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIPNUM), 0);
	EXPECT_EQ_UINT(rd(VAPLIC_CLRIPNUM), 0);
}

TEST(vaplic, edge_sources_latch_their_edge)
{
	setup(1);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(1), VAPLIC_SM_EDGE1), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(5), VAPLIC_SM_EDGE0), VAPLIC_OK);
	EXPECT_TRUE(vaplic_model_set_wire(&m, 1, true));
	EXPECT_TRUE(vaplic_model_set_wire(&m, 5, true));
	/* Edge1 latched the rising edge; Edge0 sees its rectified input fall. */
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 1u << 1);
	EXPECT_EQ_UINT(rd(VAPLIC_IN_CLRIP), 1u << 1);
	EXPECT_TRUE(vaplic_model_set_wire(&m, 1, false));
	EXPECT_TRUE(vaplic_model_set_wire(&m, 5, false));
	/* Pending survives the wire going low; Edge0 latched its falling wire. */
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), (1u << 1) | (1u << 5));
	EXPECT_EQ_UINT(rd(VAPLIC_IN_CLRIP), 1u << 5);
}

TEST(vaplic, level_sources_follow_the_rectified_input)
{
	setup(1);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(1), VAPLIC_SM_LEVEL1), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(5), VAPLIC_SM_LEVEL0), VAPLIC_OK);
	/* Level0 with its wire low is asserted as soon as it becomes active. */
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 1u << 5);
	EXPECT_TRUE(vaplic_model_set_wire(&m, 1, true));
	EXPECT_TRUE(vaplic_model_set_wire(&m, 5, true));
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 1u << 1);
	/* setip cannot set and in_clrip cannot clear a level source's pending bit. */
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, 5), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_CLRIPNUM, 1), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_IN_CLRIP, 1u << 1), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 1u << 1);
	EXPECT_TRUE(vaplic_model_set_wire(&m, 1, false));
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 0);
}

TEST(vaplic, target_fields_and_priority_zero)
{
	setup(2);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(SRC_RTC), VAPLIC_SM_LEVEL1), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_TARGET(SRC_RTC), 1u << 18 | 0x3f00u | 9u), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_TARGET(SRC_RTC)), 1u << 18 | 9u);
	EXPECT_EQ_INT(wr(VAPLIC_TARGET(SRC_RTC), 0), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_TARGET(SRC_RTC)), 1u);
}

TEST(vaplic, topi_orders_by_priority_number_then_identity)
{
	setup(1);
	arm(SRC_UART, VAPLIC_SM_EDGE1, 0, 5);
	arm(SRC_RTC, VAPLIC_SM_EDGE1, 0, 2);
	arm(33, VAPLIC_SM_EDGE1, 0, 2);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_UART), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_TOPI)), topi_of(SRC_UART, 5));
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, 33), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_TOPI)), topi_of(33, 2));
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_RTC), VAPLIC_OK);
	/* Equal priority numbers: the lower identity first. */
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_CLAIMI)), topi_of(SRC_RTC, 2));
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_CLAIMI)), topi_of(33, 2));
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_CLAIMI)), topi_of(SRC_UART, 5));
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_CLAIMI)), 0);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 0);
}

TEST(vaplic, topi_needs_pending_enabled_and_this_hart)
{
	setup(2);
	arm(SRC_RTC, VAPLIC_SM_EDGE1, 1, 4);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_RTC), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_TOPI)), 0);
	EXPECT_EQ_UINT(rd(idc(1, VAPLIC_TOPI)), topi_of(SRC_RTC, 4));
	EXPECT_EQ_UINT(vaplic_model_lines(&m), 2u);
	EXPECT_EQ_INT(wr(VAPLIC_CLRIENUM, SRC_RTC), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(1, VAPLIC_TOPI)), 0);
	EXPECT_EQ_UINT(vaplic_model_lines(&m), 0);
	/* Still pending: enabling it again brings it back. */
	EXPECT_EQ_INT(wr(VAPLIC_SETIE, 1u << SRC_RTC), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(1, VAPLIC_TOPI)), topi_of(SRC_RTC, 4));
}

TEST(vaplic, threshold_masks_priority_numbers_at_or_above_it)
{
	setup(1);
	arm(SRC_RTC, VAPLIC_SM_EDGE1, 0, 4);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_RTC), VAPLIC_OK);
	EXPECT_EQ_INT(wr(idc(0, VAPLIC_ITHRESHOLD), 4), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_TOPI)), 0);
	EXPECT_TRUE(!vaplic_model_line(&m, 0));
	EXPECT_EQ_INT(wr(idc(0, VAPLIC_ITHRESHOLD), 5), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_TOPI)), topi_of(SRC_RTC, 4));
	EXPECT_TRUE(vaplic_model_line(&m, 0));
	/* Zero means no threshold; only IPRIOLEN (8) bits are kept. */
	EXPECT_EQ_INT(wr(idc(0, VAPLIC_ITHRESHOLD), 0x104u), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_ITHRESHOLD)), 4);
	EXPECT_EQ_INT(wr(idc(0, VAPLIC_ITHRESHOLD), 0), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_TOPI)), topi_of(SRC_RTC, 4));
}

TEST(vaplic, claim_of_level_source_keeps_it_pending_while_high)
{
	setup(1);
	arm(SRC_RTC, VAPLIC_SM_LEVEL1, 0, 1);
	EXPECT_TRUE(vaplic_model_set_wire(&m, SRC_RTC, true));
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_CLAIMI)), topi_of(SRC_RTC, 1));
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_TOPI)), topi_of(SRC_RTC, 1));
	EXPECT_TRUE(vaplic_model_line(&m, 0));
	EXPECT_TRUE(vaplic_model_set_wire(&m, SRC_RTC, false));
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_CLAIMI)), 0);
	EXPECT_TRUE(!vaplic_model_line(&m, 0));
}

TEST(vaplic, claim_of_edge_source_clears_it)
{
	setup(1);
	arm(SRC_RTC, VAPLIC_SM_EDGE1, 0, 1);
	EXPECT_TRUE(vaplic_model_set_wire(&m, SRC_RTC, true));
	EXPECT_TRUE(vaplic_model_line(&m, 0));
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_CLAIMI)), topi_of(SRC_RTC, 1));
	/* The wire is still high, but there has been no new edge. */
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_TOPI)), 0);
	EXPECT_TRUE(!vaplic_model_line(&m, 0));
}

TEST(vaplic, raise_is_consumed_by_a_claim)
{
	setup(1);
	arm(SRC_UART, VAPLIC_SM_LEVEL1, 0, 1);
	EXPECT_TRUE(vaplic_model_raise(&m, SRC_UART));
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_CLAIMI)), topi_of(SRC_UART, 1));
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_TOPI)), 0);
	/* An inactive source takes no event. */
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(SRC_UART), 0), VAPLIC_OK);
	EXPECT_TRUE(vaplic_model_raise(&m, SRC_UART));
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 0);
}

TEST(vaplic, line_needs_ie_and_idelivery_but_topi_does_not)
{
	setup(1);
	arm(SRC_RTC, VAPLIC_SM_EDGE1, 0, 1);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_RTC), VAPLIC_OK);
	EXPECT_TRUE(vaplic_model_line(&m, 0));
	EXPECT_EQ_INT(wr(VAPLIC_DOMAINCFG, 0), VAPLIC_OK);
	EXPECT_TRUE(!vaplic_model_line(&m, 0));
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_TOPI)), topi_of(SRC_RTC, 1));
	EXPECT_EQ_INT(wr(VAPLIC_DOMAINCFG, VAPLIC_DOMAINCFG_IE), VAPLIC_OK);
	EXPECT_EQ_INT(wr(idc(0, VAPLIC_IDELIVERY), 0), VAPLIC_OK);
	EXPECT_TRUE(!vaplic_model_line(&m, 0));
}

TEST(vaplic, iforce_asserts_and_a_zero_claim_clears_it)
{
	setup(1);
	EXPECT_EQ_INT(wr(VAPLIC_DOMAINCFG, VAPLIC_DOMAINCFG_IE), VAPLIC_OK);
	EXPECT_EQ_INT(wr(idc(0, VAPLIC_IDELIVERY), 1), VAPLIC_OK);
	EXPECT_EQ_INT(wr(idc(0, VAPLIC_IFORCE), 3), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_IFORCE)), 1);
	EXPECT_TRUE(vaplic_model_line(&m, 0));
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_TOPI)), 0);
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_CLAIMI)), 0);
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_IFORCE)), 0);
	EXPECT_TRUE(!vaplic_model_line(&m, 0));
}

TEST(vaplic, iforce_stays_while_claims_return_sources)
{
	setup(1);
	arm(SRC_RTC, VAPLIC_SM_EDGE1, 0, 1);
	EXPECT_EQ_INT(wr(idc(0, VAPLIC_IFORCE), 1), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_RTC), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_CLAIMI)), topi_of(SRC_RTC, 1));
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_IFORCE)), 1);
}

TEST(vaplic, idc_beyond_the_vms_vcpus_reads_zero)
{
	setup(2);
	EXPECT_EQ_INT(wr(idc(2, VAPLIC_IDELIVERY), 1), VAPLIC_OK);
	EXPECT_EQ_INT(wr(idc(2, VAPLIC_IFORCE), 1), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(2, VAPLIC_IDELIVERY)), 0);
	EXPECT_EQ_UINT(rd(idc(2, VAPLIC_CLAIMI)), 0);
	EXPECT_EQ_UINT(vaplic_model_lines(&m), 0);
	EXPECT_EQ_UINT(vaplic_model_window_size(2), 0x4040u);
}

TEST(vaplic, only_aligned_words)
{
	u32 value = 0;

	setup(1);
	EXPECT_EQ_INT(vaplic_model_access(&m, VAPLIC_DOMAINCFG, 1, false, &value),
		      VAPLIC_BAD_ACCESS);
	EXPECT_EQ_INT(vaplic_model_access(&m, VAPLIC_SETIE + 2, 4, true, &value),
		      VAPLIC_BAD_ACCESS);
	EXPECT_EQ_INT(vaplic_model_access(&m, VAPLIC_SETIE, 8, false, &value), VAPLIC_BAD_ACCESS);
}

TEST(vaplic, reserved_and_msi_registers_read_zero)
{
	setup(1);
	EXPECT_EQ_INT(wr(0x1bc8u, 0xffffffffu), VAPLIC_OK); /* smsiaddrcfg */
	EXPECT_EQ_UINT(rd(0x1bc8u), 0);
	EXPECT_EQ_UINT(rd(VAPLIC_GENMSI), 0);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIPNUM_BE), 0);
	EXPECT_EQ_UINT(rd(0x1000u), 0);
}

TEST(vaplic, reset_drops_everything_but_ownership)
{
	setup(1);
	arm(SRC_RTC, VAPLIC_SM_LEVEL1, 0, 1);
	EXPECT_TRUE(vaplic_model_set_wire(&m, SRC_RTC, true));
	EXPECT_TRUE(vaplic_model_line(&m, 0));
	vaplic_model_reset(&m);
	EXPECT_TRUE(!vaplic_model_line(&m, 0));
	EXPECT_EQ_UINT(rd(VAPLIC_SOURCECFG(SRC_RTC)), 0);
	EXPECT_EQ_UINT(rd(VAPLIC_IN_CLRIP), 0);
	EXPECT_TRUE(vaplic_model_owns(&m, SRC_RTC));
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(SRC_RTC), VAPLIC_SM_LEVEL1), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP), 0); /* the wire went low at reset */
}

/* --- MSI delivery mode (the AIA's APLIC + IMSIC, drivers/irqchip/vimsic.c) --- */

static void setup_msi(unsigned int nr_vcpus)
{
	EXPECT_EQ_INT(vaplic_model_init_msi(&m, nr_vcpus, owned, ARRAY_LEN(owned)), 0);
}

/* Domain on, src in mode sm, aimed at hart with identity eiid, enabled. */
static void arm_msi(u32 src, u32 sm, u32 hart, u32 eiid)
{
	EXPECT_EQ_INT(wr(VAPLIC_DOMAINCFG, VAPLIC_DOMAINCFG_IE), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(src), sm), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_TARGET(src), hart << 18 | eiid), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SETIENUM, src), VAPLIC_OK);
}

static bool take(u32 src, u32 *hart, u32 *eiid)
{
	return vaplic_model_msi_take(&m, src, hart, eiid);
}

TEST(vaplic_msi, domaincfg_shows_msi_mode_read_only)
{
	setup_msi(2);
	EXPECT_EQ_UINT(rd(VAPLIC_DOMAINCFG), 0x80000004u);
	EXPECT_EQ_INT(wr(VAPLIC_DOMAINCFG, VAPLIC_DOMAINCFG_IE), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_DOMAINCFG), 0x80000104u);
	EXPECT_EQ_INT(wr(VAPLIC_DOMAINCFG, 0), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_DOMAINCFG), 0x80000004u);
}

TEST(vaplic_msi, target_holds_hart_and_identity_guest_index_reads_zero)
{
	setup_msi(2);
	EXPECT_EQ_INT(wr(VAPLIC_SOURCECFG(SRC_RTC), VAPLIC_SM_LEVEL1), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_TARGET(SRC_RTC)), 0);
	EXPECT_EQ_INT(wr(VAPLIC_TARGET(SRC_RTC), 1u << 18 | 5u << 12 | 0x7ffu), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_TARGET(SRC_RTC)), 1u << 18 | 0x7ffu);
}

TEST(vaplic_msi, no_idcs_and_no_wired_lines)
{
	setup_msi(2);
	arm_msi(SRC_UART, VAPLIC_SM_DETACHED, 0, 9);
	EXPECT_EQ_INT(wr(idc(0, VAPLIC_IDELIVERY), 1), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_IDELIVERY)), 0);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_UART), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(idc(0, VAPLIC_CLAIMI)), 0);
	EXPECT_EQ_UINT(vaplic_model_lines(&m), 0);
}

TEST(vaplic_msi, a_pending_enabled_source_is_taken_once)
{
	u32 hart = 9, eiid = 9;

	setup_msi(2);
	arm_msi(SRC_UART, VAPLIC_SM_DETACHED, 1, 33);
	EXPECT_TRUE(!take(SRC_UART, &hart, &eiid));
	EXPECT_TRUE(vaplic_model_raise(&m, SRC_UART));
	EXPECT_TRUE(take(SRC_UART, &hart, &eiid));
	EXPECT_EQ_UINT(hart, 1);
	EXPECT_EQ_UINT(eiid, 33);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP) >> SRC_UART & 1u, 0);
	EXPECT_TRUE(!take(SRC_UART, &hart, &eiid));
}

TEST(vaplic_msi, disabled_or_ie_off_waits_pending)
{
	u32 hart, eiid;

	setup_msi(1);
	arm_msi(SRC_UART, VAPLIC_SM_DETACHED, 0, 7);
	EXPECT_EQ_INT(wr(VAPLIC_CLRIENUM, SRC_UART), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_UART), VAPLIC_OK);
	EXPECT_TRUE(!take(SRC_UART, &hart, &eiid));
	EXPECT_EQ_UINT(vaplic_model_msi_next(&m, 1), 0);
	EXPECT_EQ_INT(wr(VAPLIC_DOMAINCFG, 0), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SETIENUM, SRC_UART), VAPLIC_OK);
	EXPECT_TRUE(!take(SRC_UART, &hart, &eiid));
	EXPECT_EQ_INT(wr(VAPLIC_DOMAINCFG, VAPLIC_DOMAINCFG_IE), VAPLIC_OK);
	EXPECT_EQ_UINT(vaplic_model_msi_next(&m, 1), SRC_UART);
	EXPECT_TRUE(take(SRC_UART, &hart, &eiid));
	EXPECT_EQ_UINT(eiid, 7);
}

TEST(vaplic_msi, level_source_pends_on_rising_input_and_asks_again_while_high)
{
	u32 hart, eiid;

	setup_msi(1);
	arm_msi(SRC_RTC, VAPLIC_SM_LEVEL1, 0, 11);
	EXPECT_TRUE(vaplic_model_set_wire(&m, SRC_RTC, true));
	EXPECT_TRUE(take(SRC_RTC, &hart, &eiid));
	/* Still high: no second MSI by itself, but setipnum asks again. */
	EXPECT_TRUE(vaplic_model_set_wire(&m, SRC_RTC, true));
	EXPECT_TRUE(!take(SRC_RTC, &hart, &eiid));
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_RTC), VAPLIC_OK);
	EXPECT_TRUE(take(SRC_RTC, &hart, &eiid));
	/* Low: setipnum is ignored, and a pending bit goes with the input. */
	EXPECT_TRUE(vaplic_model_set_wire(&m, SRC_RTC, false));
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_RTC), VAPLIC_OK);
	EXPECT_TRUE(!take(SRC_RTC, &hart, &eiid));
	EXPECT_EQ_INT(wr(VAPLIC_CLRIENUM, SRC_RTC), VAPLIC_OK);
	EXPECT_TRUE(vaplic_model_set_wire(&m, SRC_RTC, true));
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP) >> SRC_RTC & 1u, 1);
	EXPECT_TRUE(vaplic_model_set_wire(&m, SRC_RTC, false));
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP) >> SRC_RTC & 1u, 0);
	/* clripnum clears a level source in MSI mode. */
	EXPECT_TRUE(vaplic_model_set_wire(&m, SRC_RTC, true));
	EXPECT_EQ_INT(wr(VAPLIC_CLRIPNUM, SRC_RTC), VAPLIC_OK);
	EXPECT_EQ_UINT(rd(VAPLIC_SETIP) >> SRC_RTC & 1u, 0);
}

TEST(vaplic_msi, next_finds_sources_in_every_owned_word)
{
	setup_msi(1);
	arm_msi(5, VAPLIC_SM_DETACHED, 0, 1);
	arm_msi(33, VAPLIC_SM_DETACHED, 0, 2);
	arm_msi(95, VAPLIC_SM_DETACHED, 0, 3);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, 33), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, 95), VAPLIC_OK);
	EXPECT_EQ_UINT(vaplic_model_msi_next(&m, 1), 33);
	EXPECT_EQ_UINT(vaplic_model_msi_next(&m, 34), 95);
	EXPECT_EQ_UINT(vaplic_model_msi_next(&m, 96), 0);
}

TEST(vaplic_msi, direct_model_never_forwards)
{
	u32 hart, eiid;

	setup(1);
	arm(SRC_UART, VAPLIC_SM_DETACHED, 0, 1);
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_UART), VAPLIC_OK);
	EXPECT_TRUE(!take(SRC_UART, &hart, &eiid));
	EXPECT_EQ_UINT(vaplic_model_msi_next(&m, 1), 0);
}

TEST(vaplic_msi, direct_only_while_a_raise_would_go_at_once)
{
	u32 hart = 9, eiid = 9;

	setup_msi(2);
	EXPECT_TRUE(!vaplic_model_msi_direct(&m, SRC_UART, &hart, &eiid));
	arm_msi(SRC_UART, VAPLIC_SM_EDGE1, 1, 40);
	EXPECT_TRUE(vaplic_model_msi_direct(&m, SRC_UART, &hart, &eiid));
	EXPECT_EQ_UINT(hart, 1);
	EXPECT_EQ_UINT(eiid, 40);
	/* Pending (while disabled): a raise would not go at once, nor would it once enabled. */
	EXPECT_EQ_INT(wr(VAPLIC_CLRIENUM, SRC_UART), VAPLIC_OK);
	EXPECT_TRUE(!vaplic_model_msi_direct(&m, SRC_UART, &hart, &eiid));
	EXPECT_EQ_INT(wr(VAPLIC_SETIPNUM, SRC_UART), VAPLIC_OK);
	EXPECT_EQ_INT(wr(VAPLIC_SETIENUM, SRC_UART), VAPLIC_OK);
	EXPECT_TRUE(!vaplic_model_msi_direct(&m, SRC_UART, &hart, &eiid));
	EXPECT_TRUE(vaplic_model_msi_take(&m, SRC_UART, &hart, &eiid));
	EXPECT_TRUE(vaplic_model_msi_direct(&m, SRC_UART, &hart, &eiid));
	EXPECT_EQ_INT(wr(VAPLIC_DOMAINCFG, 0), VAPLIC_OK);
	EXPECT_TRUE(!vaplic_model_msi_direct(&m, SRC_UART, &hart, &eiid));
}
